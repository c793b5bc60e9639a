/*
** decide.h — one decision per identified page (SPEC §6) from the checks.
**
** The checks fall in three groups, and the first that holds decides:
**   1. the holder cannot renew here (TOO_EARLY, NOT_RESIDENT,
**      CARD_EXPIRED, WRONG_MUNICIPALITY)   → REJECT, the certain defects
**   2. PRINTED_DATA_CHANGED (expired, and the address or name changed)
**                                           → REINQUIRY
**   3. a defect of what the holder wrote    → REJECT, the certain defects
**   4. else                                 → ACCEPT
** An uncertain check may hold or not; the page is decided only when every
** way the uncertain ones could go gives the same answer, else REVIEW
** [LOW_CONFIDENCE]. So a REJECT that rests on certain defects stands
** whatever the doubtful checks say (it cannot be a wrong ACCEPT, and it
** tells the proxy what to fix today), and ACCEPT needs every check OK.
**
** Group 2 before 3: after expiry a form whose printed data changed cannot
** be used at all, corrected or not; the office sends the written inquiry
** with a new form, so the defects and doubts of this one do not change the
** answer, and a REINQUIRY lists PRINTED_DATA_CHANGED only (and a REJECT
** never does: SPEC §6 gives it with REINQUIRY). Defects that are
** only suspected are never listed: they stay in `uncertain`.
*/
#ifndef SHOKAI_DECIDE_H
#define SHOKAI_DECIDE_H

#include "checks.h"
#include "defects.h"

typedef struct {
	decision dec;
	defect_set defects;   /* the codes for results.jsonl */
	defect_set certain;   /* defects found at or above the gate */
	defect_set uncertain; /* checks that could not be decided */
	check_result check[DF_COUNT]; /* per defect code; review codes unused */
	int answer_date, mandate_date; /* most probable reading, YYYYMMDD or 0 */
	int address_cmp, name_cmp;     /* cmp_result, or -1 when not compared */
	int window_start;              /* first day of the renewal window (QR expiry) */
} decision_out;

/* Decide one identified page. payload NULL: REVIEW [UNIDENTIFIED]. res is
** the registry record of payload->rid, NULL when the registry has none.
** as_of: the processing date. Returns 0, or -1 on bad arguments. */
int decide_page(const page_readings *r, const form_payload *payload, const resident *res,
		int as_of, const profile *prof, decision_out *out);

/* Like decide_page, for a run without a registry: the checks that need it
** (NOT_RESIDENT, CARD_EXPIRED, PRINTED_DATA_CHANGED) are uncertain when
** they matter, so such pages can be REJECTed or REVIEWed, never ACCEPTed
** on an unknown registry status. */
int decide_page_noreg(const page_readings *r, const form_payload *payload, int as_of,
		      const profile *prof, decision_out *out);

#endif
