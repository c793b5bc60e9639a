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

#endif
