/*
** people.h — invented holders, proxies and addresses: surnames and given
** names with their kana, Setagaya towns (chome count each), buildings, and
** the notations a registry may write an address in (SPEC §5).
*/
#ifndef SHOKAI_GEN_PEOPLE_H
#define SHOKAI_GEN_PEOPLE_H

#include <stddef.h>

#include "rng.h"

typedef struct {
	char sur[32], given[32];       /* kanji */
	char sur_kana[48], given_kana[48];
} person_name;

/* An address as its parts; the printed form is one notation of it. */
typedef struct {
	char pref_city[96];  /* 東京都世田谷区 */
	char town[48];       /* 太子堂 */
	int chome, ban, go;  /* chome 0: no chome in this town */
	char building[64];   /* "" when none */
	int room;            /* 0 when none */
} address;

typedef enum {
	NOTE_KANJI,     /* 四丁目14番18号　サンハイツ201号室 (as J-LIS prints) */
	NOTE_ARABIC,    /* 4丁目14番18号 サンハイツ201号室 */
	NOTE_FULLWIDTH, /* 四丁目１４番１８号　サンハイツ２０１号室 */
	NOTE_DASH,      /* 4-14-18 サンハイツ201 */
	NOTE_COUNT
} address_notation;

void person_random(person_name *p, rng *r);
/* Another given name for the same surname (a family member). */
void person_family(person_name *p, const person_name *of, rng *r);
/* Full name as "姓<sep>名". */
void person_full(const person_name *p, const char *sep, char *out, size_t n);
void person_kana(const person_name *p, char *out, size_t n);

/* An address in Setagaya (muni 131121) or in another ward (its muni code
** written to muni_out, with check digit). */
void address_setagaya(address *a, rng *r);
void address_other_ward(address *a, rng *r, char muni_out[8]);
/* An address anywhere near Tokyo, for proxies. */
void address_anywhere(address *a, rng *r);

/* Write address a in notation nt; space is the separator before the
** building ("　" or " "). */
void address_format(const address *a, address_notation nt, const char *space,
		    char *out, size_t n);

/* Kanji numeral for 1..99 (四, 十二). */
void kanji_number(int v, char *out, size_t n);

/* Some random other surname than sur. */
const char *surname_other(const char *sur, rng *r, const char **kana);

#endif
