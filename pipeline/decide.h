/*
** decide.h — one decision per identified page (SPEC §6) from the checks.
**
**   1. a certain defect other than PRINTED_DATA_CHANGED
**                                → REJECT, listing every certain defect
**   2. else any check uncertain  → REVIEW [LOW_CONFIDENCE]
**   3. else PRINTED_DATA_CHANGED → REINQUIRY
**   4. else                      → ACCEPT
**
** Rule 1 comes before rule 2 on purpose: a REJECT that rests on certain
** defects is right whatever the uncertain checks would say (it cannot be a
** wrong ACCEPT), and it tells the proxy what to fix today. Defects that are
** only suspected are never listed: they stay in `uncertain`, and are shown
** as such in the page's details. PRINTED_DATA_CHANGED joins the list of a
** REJECT when it is certain too. ACCEPT needs every check OK at the gate.
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
