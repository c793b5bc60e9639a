/*
** checks.h — the rules of SPEC §3 and §1 as pure functions, one per defect
** (or per pair of defects that exclude each other).
**
** Readings are uncertain, so a check does not answer yes or no: it gives
** the probability that the defect is there (p_defect) and that it is not
** (p_ok), computed from the readings' confidences as if the readings were
** independent. Mass that no outcome can be given to (a written cell whose
** character is unknown) counts for neither, so p_defect + p_ok <= 1. The
** verdict is DEFECT or OK only when its probability reaches the profile's
** gate, and only when the most probable reading (each reading at its
** likelier value) says the same: many weak readings must not add up to a
** certainty that contradicts what was read. Otherwise UNCERTAIN, which
** must send the page to REVIEW.
**
** Values from the QR payload (CRC-checked) and the registry are certain.
** No check ever copies a PIN character into its result.
*/
#ifndef SHOKAI_CHECKS_H
#define SHOKAI_CHECKS_H

#include "normalize.h"
#include "payload.h"
#include "profile.h"
#include "readings.h"
#include "registry.h"

typedef enum { V_OK, V_DEFECT, V_UNCERTAIN } verdict;

typedef struct {
	verdict v;
	double p_defect;
	double p_ok;
	char why[96]; /* short reason in ASCII; never a PIN character */
} check_result;

const char *verdict_str(verdict v);
/* DEFECT if p_defect >= gate, OK if p_ok >= gate, else UNCERTAIN. */
verdict verdict_of(double p_defect, double p_ok, double gate);

/* NO_CERT_SELECTED: neither cb_sign nor cb_user ticked. */
check_result check_cert_selected(const page_readings *r, double gate);

typedef enum {
	PIN_SIGN, /* 6-16 cells, left-aligned, A-Z/0-9, at least one letter and one digit */
	PIN_USER  /* exactly 4 digits */
} pin_kind;

/* PIN_*_MISSING (ticked, nothing written) and PIN_*_FORMAT (ticked,
** written, not well-formed). A written cell's class comes from p_letter;
** a written cell without candidates is unreadable: it counts as present
** but leaves the format undecided. "Well-formed" must hold both with the
** cells' letter-or-digit calls independent and with them all one (one
** hand): unsure cells never add up to a sure letter or digit. */
void check_pin(const bool_reading *ticked, const cells_reading *pin, pin_kind kind,
	       double gate, check_result *missing, check_result *format);

/* A date written as 令和 year/month/day in 6 cells (two per part). A
** one-digit part may stand in either cell or carry a leading 0. MISSING:
** no cell written. INVALID: something written that is not a real date in
** 令和, or is after as_of, or before the form's printed date. *best gets
** the most probable reading's date (0 if none; may be NULL). */
void check_date(const cells_reading *date, int printed, int as_of, double gate,
		check_result *missing, check_result *invalid, int *best);

/* The real dates a date's cells can be read as, with their probabilities
** (check_date's prior applied; what is no real date is left out), the
** likeliest DATE_SPREAD_MAX of them. */
#define DATE_SPREAD_MAX 48
typedef struct {
	int n;
	int ymd[DATE_SPREAD_MAX];
	long day[DATE_SPREAD_MAX]; /* date_to_days(ymd) */
	double p[DATE_SPREAD_MAX];
} date_spread;
void date_spread_of(const cells_reading *date, int printed, int as_of, date_spread *out);

/* check_date for one of a page's two dates (the answer's or the
** mandate's), beside the other's spread (NULL: none): the holder fills in
** both at one sitting, and a reading that puts the mandate more than
** DATE_SITTING_DAYS before the answer, or after it by more than a day, is
** weighed down (checks.c). */
typedef enum { DATE_ANSWER, DATE_MANDATE } date_role;
void check_date_beside(const cells_reading *date, date_role role, int printed, int as_of,
		       const date_spread *other, double gate, check_result *missing,
		       check_result *invalid, int *best);

/* PROXY_PHONE_FORMAT: when anything is written, 10 or 11 digits. */
check_result check_phone(const cells_reading *phone, double gate);

/* *_NAME_MISSING, PROXY_ADDRESS_MISSING: nothing written on the line. */
check_result check_present(const text_reading *line, double gate);

/* *_SEAL_MISSING: 記名押印 ticked and no seal. */
check_result check_seal(const bool_reading *kimei, const bool_reading *seal, double gate);

/* WRONG_MUNICIPALITY: the payload's municipality is not the profile's. */
check_result check_municipality(const form_payload *p, const profile *prof);

/* NOT_RESIDENT: rid unknown (res NULL), moved out or deceased. */
check_result check_resident(const resident *res);

/* CARD_EXPIRED: the card's expiry date is before as_of (the card is valid
** through its expiry day). OK when res is NULL (NOT_RESIDENT covers it). */
check_result check_card(const resident *res, int as_of);

/* The certificate expiry dates a page offers: the payload's exp always;
** the registry's cert_expiry when res is given; the printed expiry when its
** reading is trusted and parses. Distinct values only. */
typedef struct {
	int n;
	int date[3];
} expiry_set;
void expiry_candidates(const page_readings *r, const form_payload *p, const resident *res,
		       double gate, expiry_set *out);

/* TOO_EARLY: as_of before the renewal window (profile months; overseas
** months when ovs=1 in the payload or the registry). Decided under every
** expiry candidate and both overseas flags when they disagree; different
** answers make it UNCERTAIN. */
check_result check_window(const expiry_set *exp, const form_payload *p, const resident *res,
			  int as_of, const profile *prof);

/* PRINTED_DATA_CHANGED: after the certificate's expiry (as_of > expiry),
** the printed address or name differs from the registry's. With
** accept_expired_unchanged = 0 every expired form needs the inquiry. The
** comparison outcomes (a cmp_result, or -1 when not compared) go to
** addr/name (may be NULL). */
check_result check_printed_data(const page_readings *r, const expiry_set *exp,
				const resident *res, int as_of, const profile *prof,
				int *addr, int *name);

#endif
