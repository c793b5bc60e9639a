/*
** normalize.h — compare the printed address and name (OCR text) with the
** resident registry (SPEC §5).
**
** Two notations of one address are the same address: full/half width,
** kanji numerals (四丁目 = 4丁目, 二十二 = 22), 丁目/番/号/番地 or hyphens
** (4-22-3 = 四丁目22番3号), spaces, "101" or "101号室", known variant kanji
** (髙/高, 﨑/崎, 邊/辺, 齋/斎 …), and a prefecture written on one side only.
** A different chome/ban/go, building or room number, or name is a change.
**
** Pure functions: no I/O, no allocation.
*/
#ifndef SHOKAI_NORMALIZE_H
#define SHOKAI_NORMALIZE_H

#include <stddef.h>

#define ADDR_MAX_NUMS 3

typedef enum {
	CMP_SAME,      /* the same value in another notation */
	CMP_CHANGED,   /* a real difference */
	CMP_UNCERTAIN  /* a difference that a misreading could explain */
} cmp_result;

const char *cmp_result_str(cmp_result r);

/* Fold text for comparison: full-width ASCII and half-width katakana to
** their usual forms, ASCII letters to upper case, hyphen-like marks to '-'
** (ー only between digits), known variant kanji to the common form, and
** spaces (ASCII, full-width, tab, NBSP) dropped. Returns the length of out,
** or -1 if the text is not valid UTF-8 or out is too small. */
int norm_text(const char *in, char *out, size_t outlen);

/* An address split into its parts. */
typedef struct {
	int parsed;                 /* 1 if a chome/ban/go part was found */
	char pref[16];              /* prefecture, "" when not written */
	char locality[192];         /* city + town, e.g. 世田谷区太子堂 */
	int nnum;                   /* chome, ban, go as written (1-3) */
	long num[ADDR_MAX_NUMS];
	char building[192];         /* "" when none */
	long room;                  /* -1 when none */
} address_parts;

/* Split an address; returns 0, or -1 if it is not valid UTF-8 or too long.
** An address without a chome/ban/go part gets parsed = 0 and the whole
** folded text (prefecture removed) in locality. */
int address_parse(const char *in, address_parts *a);

/* One canonical string per address: "locality|4-22-3|building|room"
** (prefecture left out). Returns its length or -1. */
int address_canonical(const address_parts *a, char *out, size_t outlen);

/* Levenshtein distance in code points (inputs valid UTF-8, at most 512
** code points each); -1 on error. */
int utf8_edit_distance(const char *a, const char *b);

/* How many character errors a reading of len code points with whole-text
** confidence conf could plausibly hold (see normalize.c). */
int ocr_plausible_errors(int len, double conf);

typedef struct {
	cmp_result result;
	int distance;  /* edit distance of the canonical forms */
	int length;    /* code points of the printed canonical form */
	char why[96];  /* which part differs, e.g. "room", "ban"; no values */
} cmp_detail;

/* The registry's address as J-LIS prints it: prefecture (the registry's,
** else the one read starts with; read may be NULL), town, kanji chome 丁目,
** ban 番, go 号, then building and room 号室, no spaces. *head gets the
** code points before the building (where the form puts a full-width
** space), -1 when there is none. Returns the length, or -1 when the
** registry's address has no chome-ban-go or out is too small. */
int address_printed(const char *registry, const char *read, char *out, size_t outlen,
		    int *head);

/* Compare a printed (OCR'ed, confidence conf) value with the registry's.
** SAME only when the canonical forms are equal; a difference with conf at
** or above gate is CHANGED (the reading is trusted); below the gate it is
** CHANGED only if it is larger than the reading's uncertainty explains,
** else UNCERTAIN. detail may be NULL. */
cmp_result compare_address(const char *printed, double conf, const char *registry,
			   double gate, cmp_detail *detail);
/* Names: spaces and a trailing 様 are not significant. */
cmp_result compare_name(const char *printed, double conf, const char *registry,
			double gate, cmp_detail *detail);

/* The same for a reading the scan confirmed where it differs from the
** registry (verify_printed): a difference is then a change however small,
** where a reading alone leaves a one-character difference of text (town,
** building, name) uncertain. */
cmp_result compare_address_confirmed(const char *printed, const char *registry,
				     cmp_detail *detail);
cmp_result compare_name_confirmed(const char *printed, const char *registry, cmp_detail *detail);

/* The same comparisons from n independent readings of one printed line
** (reads[0] the voted text, the others the readings that disagreed; conf
** the voted line's confidence). With one reading these are the functions
** above. With more, the evidence must hold in every reading:
**   SAME      every reading is the registry's value; or a strict majority
**             is, and each other reading differs by one character of text
**             only (never another number: chome, ban, go, room; a number
**             missing, 7番号 for 7番1号, is a character the reader lost);
**   CHANGED   every reading has the same numbers (readings that lost one
**             aside, if at least two and a majority remain) and they
**             differ from the registry's; or every reading differs from
**             it by more than one character of text, two of them alike;
**   UNCERTAIN anything else. */
cmp_result compare_address_reads(const char *const *reads, int n, double conf,
				 const char *registry, double gate, cmp_detail *detail);
cmp_result compare_name_reads(const char *const *reads, int n, double conf,
			      const char *registry, double gate, cmp_detail *detail);

/* Tidy one OCR reading of a printed line: drop marks never printed in an
** address or a name (。、.,]['"_~|` and the like, which Tesseract reads
** from specks), and turn a run of katakana that look like kanji (カ ニ ロ
** エ ハ ト タ ー) standing between kanji into those kanji (等々カニ丁目 →
** 等々力二丁目). Returns the length of out, or -1. */
int ocr_tidy(const char *in, char *out, size_t outlen);

/* ocr_tidy for the printed name, which the form follows with 様
** (Tesseract reads it 欄 at times; a name never holds it): the honorific
** and whatever was read after it are dropped and what stood before it
** tidied as the line's end (健-・様 → 健一, 誠様ーー → 誠). Returns the
** length of out, or -1. */
int name_tidy(const char *in, char *out, size_t outlen);

/* Put back the 丁目 of a chome that the reader dropped or misread: a
** numeral, then 目 (丁 dropped, or read as 了, T, or 十 after a one-digit
** numeral), or 上日, 丁上日 or 日 (the pair split or read as others),
** then the ban number or the end (船橋四目2番 → 船橋四丁目2番, 羽根木一上日
** 40番 → 羽根木一丁目40番). Only for addresses: J-LIS prints every chome
** as 〜丁目. Returns 1 when something was put back, 0 when out = in, -1
** on error. */
int address_fix_chome(const char *in, char *out, size_t outlen);

/* Put back the 号 that ends an address when the reader took it for another
** character (…39番19な → …39番19号): 番, the go number, then one character
** that is no numeral and ends the line. J-LIS prints the go as 〜号, and a
** building name always comes after it, so nothing else can stand there.
** Likewise the 号室 after a building's room number when one of the two
** was misread (レジデンス松陰306全室 → …306号室). Returns 1 when fixed,
** 0 when out = in, -1 on error. */
int address_fix_go(const char *in, char *out, size_t outlen);

/* Whether the recogniser can output code point c at all (a character
** outside its model is always misread as something else). */
typedef int (*char_known_fn)(void *ctx, long c);

/* Correct the town of a printed address against the municipality's town
** list. The text must start with the municipality (city, e.g. 世田谷区,
** after an optional prefecture); the town is what lies between it and the
** chome/ban/go. A town not in the list becomes the one listed town within
** one character of it, when exactly one is nearest; a character the
** recogniser cannot read (known(c) == 0; NULL: all known) counts half, so
** 砧 misread as 圧 is nearer 砧 than 桜. Returns 1 when corrected, 0 when
** left alone (out = in), -1 on error. */
int address_fix_town(const char *in, const char *muni_name, const char *const *towns,
		     int ntowns, char_known_fn known, void *ctx, char *out, size_t outlen);

#endif
