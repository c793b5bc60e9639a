/*
** readings.h — what recognition read on one registered page.
**
** The contract between recognition (image → readings) and the checks
** (readings + registry + date → defects). Every reading carries a
** confidence in [0, 1]: the probability, as well as the recogniser can
** tell, that the reading is right. The checks trust a reading only at or
** above the gate of the rule profile; below it the page goes to REVIEW.
**
** PIN cells hold secrets: a page_readings must be wiped with
** readings_wipe() (explicit_bzero) as soon as the checks are done.
*/
#ifndef SHOKAI_READINGS_H
#define SHOKAI_READINGS_H

#include <stddef.h>

#define READ_MAX_CELLS 16
#define READ_MAX_CANDS 10
#define READ_TEXT_LEN 384
#define READ_MAX_ALTS 2

/* A yes/no reading: checkbox ticked, seal present, line written. */
typedef struct {
	int value;   /* 1 yes, 0 no */
	double conf; /* confidence that value is right */
} bool_reading;

/* One character candidate of a handwritten cell. */
typedef struct {
	char ch;  /* '0'-'9', 'A'-'Z' */
	double p; /* its probability */
} char_cand;

/* One boxed cell. */
typedef struct {
	bool_reading written;               /* ink in the cell (not the border) */
	int ncand;                          /* candidates, best first; 0 if empty */
	char_cand cand[READ_MAX_CANDS];
	double p_letter;                    /* probability that it is a letter A-Z */
	double p_other;                     /* ... a mark that is not 0-9 A-Z (the
	                                    ** candidates' p sum to at most 1 - this) */
	int round;                          /* 1: the letter/digit call rests on an
	                                    ** O/D/0 shape, p_letter capped (cellrec.c);
	                                    ** one hand writes its 0s alike, so the
	                                    ** checks take such cells together */
	double letter_unseen;               /* the part of p_letter that stands for a
	                                    ** letter in a hand the model has not seen
	                                    ** (signing-PIN boxes, cellrec_box_prior);
	                                    ** 0 elsewhere; below 0 for a sure round
	                                    ** letter, surer in the hands of scanned
	                                    ** pages than in an unseen one */
	double letter_rare;                 /* the part of p_letter less letter_unseen
	                                    ** that stands for an I or an O beyond
	                                    ** their share in scanned pages' PINs
	                                    ** (cellrec_box_prior); 0 elsewhere */
} cell_reading;

/* A row of cells: a PIN, the phone, or a date (year[2] month[2] day[2]). */
typedef struct {
	int n;
	cell_reading cell[READ_MAX_CELLS];
} cells_reading;

/* A text line: printed (OCR) or handwritten (presence + OCR for review). */
typedef struct {
	bool_reading present;   /* anything written/printed on the line */
	char text[READ_TEXT_LEN]; /* UTF-8, "" when nothing was read */
	double conf;            /* confidence in the text, [0, 1] */
	/* A printed line is read several times (ocr.h): votes readings gave
	** text (0: read once), and the nalt other texts, one reading each. */
	int votes;
	int nalt;
	char alt[READ_MAX_ALTS][READ_TEXT_LEN];
	/* 1: checked against the registry's value by drawing it (verify.h):
	** where text differs from the registry, the scan shows text's
	** characters */
	int verified;
} text_reading;

typedef struct {
	/* printed by J-LIS */
	text_reading printed_serial, printed_address, printed_name;
	text_reading printed_birth, printed_expiry;
	/* written by the holder */
	bool_reading cb_sign, cb_user, cb_kimei;
	cells_reading pin_sign, pin_user, proxy_phone;
	cells_reading answer_date, mandate_date;
	text_reading answer_name, mandator_name, proxy_name, proxy_address;
	bool_reading answer_seal, mandator_seal;
} page_readings;

/* Wipe every reading (PINs included) with explicit_bzero. */
void readings_wipe(page_readings *r);

/* A written, readable cell is a letter, a digit or another mark: P(letter)
** and P(other) as read (clamped to [0, 1], the letter first when they sum
** past 1), and the digit takes the rest. */
void cell_reading_kinds(const cell_reading *c, double *pl, double *pd, double *po);
/* The same with P(letter) as hands like those of scanned pages are read:
** p_letter less letter_unseen. */
void cell_reading_kinds_seen(const cell_reading *c, double *pl, double *pd, double *po);
/* The same with I and O as rare as in scanned pages' PINs: p_letter less
** letter_unseen and letter_rare. */
void cell_reading_kinds_rare(const cell_reading *c, double *pl, double *pd, double *po);

/* Mask, in place, every run of 4 or more letters and digits (ASCII or
** full width) that holds a digit: each of its characters becomes '*'.
** For the OCR text of handwritten lines, which reaches the outputs: a PIN
** written on the wrong line must not, and a number read from handwriting
** can equal a PIN by chance. Room numbers of up to 3 digits and words of
** letters only are left. The bytes given up are zeroed. */
void text_mask_digit_runs(char *s);

/* For the person who reviews a date the rules could not decide: which
** boxes of a date (year, month, day: two cells each) were read without
** certainty, and what they might hold, in Japanese, e.g.
** 「月の1桁目（1か6）、日（記入の有無）が判読できません」. A box is named
** when it was read as written or empty at less than gate, or its likeliest
** character at less than gate; the candidates listed are those at 0.05 or
** more (at most three, likeliest first; 記号 for a mark that is no digit;
** a lone candidate gets a question mark, 「2？」).
** A part with one box written is named without the box. Writes "" and
** returns 0 when no single box is in doubt (the doubt is spread over many
** small ones); else the length in bytes, or -1 if out is too small. Dates
** only: a PIN's candidates must never be shown. */
int date_doubt_ja(const cells_reading *date, double gate, char *out, size_t n);

/* The same boxes as a mask: bit i for cell i (0-5) of a date in doubt. */
unsigned date_doubt_cells(const cells_reading *date, double gate);

#endif
