/*
** scenario.h — what a batch holds: the resident registry, the forms (what
** J-LIS printed and what the holder wrote), the pages in scanning order
** with their scanner settings, and the files they are stored in. A batch is
** planned from the seed alone, before anything is drawn.
*/
#ifndef SHOKAI_GEN_SCENARIO_H
#define SHOKAI_GEN_SCENARIO_H

#include <stdint.h>

#include "defects.h"
#include "out.h"
#include "payload.h"
#include "scanner.h"

typedef struct {
	char rid[32];
	char name[64];     /* 姓　名 */
	char kana[96];
	int birth;         /* YYYYMMDD */
	char address[256];
	const char *status; /* resident, moved_out, deceased */
	int overseas;
	int card_expiry, cert_expiry;
} resident;

/* A date as written in the six cells (year[2] month[2] day[2]). */
typedef struct {
	int written;       /* 0: all cells empty */
	int year, month, day; /* the numbers written (令和 year) */
	char cell[6][4];   /* what stands in each cell, "" when empty */
} written_date;

typedef enum { STAIN_NONE, STAIN_QR, STAIN_BARCODE } stain_kind;

typedef struct {
	/* printed by J-LIS */
	form_payload pay;
	char payload[256];
	char p_address[256], p_name[64], p_birth[64], p_expiry[64];
	char surname[32];         /* the holder's, for seals */
	/* written by the holder */
	int cb_sign, cb_user, cb_kimei;
	int tick[3];              /* tick_style of each box when ticked */
	int stray[3];             /* a stray dot beside an empty box */
	char pin_sign[20], pin_user[8], phone[16]; /* characters, left to right */
	written_date answer_date, mandate_date;
	char answer_name[64], mandator_name[64], proxy_name[64], proxy_address[256];
	int answer_seal, mandator_seal;
	int kimei_hand;           /* the names were written by someone else */
	stain_kind stain;
	uint64_t look;            /* seed of the strokes: a re-scan looks the same */
} form_data;

typedef enum { PK_FORM, PK_BLANK, PK_ENVELOPE, PK_IDCOPY } page_kind;

typedef struct {
	page_kind kind;
	int sc;                   /* scenario number (scenario.c) */
	char scenario[48];
	decision dec;
	defect_set defects;
	int form;                 /* index into forms, or -1 */
	int showthrough;          /* blank page: the back of a printed sheet */
	scan_params scan;
	int file, page_in_file;
	uint64_t seed;            /* the page's own randomness */
} page_plan;

typedef struct {
	char name[32];
	file_format fmt;
	int quality;              /* JPEG quality where it applies */
	int npages;
} file_plan;

typedef enum { PRESET_DEMO, PRESET_TEST, PRESET_FULL } preset;

typedef struct {
	uint64_t seed;
	int as_of;
	char muni[8];
	double page_w, page_h;   /* the printed page, mm (from the form model) */
	preset pre;
	int nres, nforms, npages, nfiles;
	resident *res;
	form_data *forms;
	page_plan *pages;
	file_plan *files;
} batch_plan;

/* Plan a batch of forms printed on page_w x page_h mm. npages is used by
** PRESET_FULL (0: 200). Returns 0, or -1 with a message. */
int plan_batch(batch_plan *b, uint64_t seed, preset pre, int npages, int as_of,
	       const char *muni, double page_w, double page_h, char *err,
	       size_t errlen);
void plan_free(batch_plan *b);

/* The default processing date for a seed. */
int plan_default_as_of(uint64_t seed);

const char *page_kind_name(page_kind k);

#endif
