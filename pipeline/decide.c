/*
** decide.c — run every check of a page and apply SPEC §6 (see decide.h).
*/
#include "decide.h"

#include <stdio.h>
#include <string.h>

#include "dates.h"

static void set(decision_out *o, defect d, check_result c)
{
	o->check[d] = c;
	if (c.v == V_DEFECT)
		o->certain |= DEFECT_BIT(d);
	else if (c.v == V_UNCERTAIN)
		o->uncertain |= DEFECT_BIT(d);
}

static void uncertain_check(decision_out *o, defect d, const char *why)
{
	check_result c = {.v = V_UNCERTAIN, .p_defect = 0.5, .p_ok = 0.5};
	snprintf(c.why, sizeof c.why, "%s", why);
	set(o, d, c);
}

static void run_checks(const page_readings *r, const form_payload *p, const resident *res,
		       int have_registry, int as_of, const profile *prof, decision_out *o)
{
	double g = prof->gate;
	check_result a, b;

	set(o, DF_NO_CERT_SELECTED, check_cert_selected(r, g));
	check_pin(&r->cb_sign, &r->pin_sign, PIN_SIGN, g, &a, &b);
	set(o, DF_PIN_SIGN_MISSING, a);
	set(o, DF_PIN_SIGN_FORMAT, b);
	check_pin(&r->cb_user, &r->pin_user, PIN_USER, g, &a, &b);
	set(o, DF_PIN_USER_MISSING, a);
	set(o, DF_PIN_USER_FORMAT, b);
	/* each date beside the other, as read alone */
	date_spread sa, sm;
	date_spread_of(&r->answer_date, p->printed, as_of, &sa);
	date_spread_of(&r->mandate_date, p->printed, as_of, &sm);
	check_date_beside(&r->answer_date, DATE_ANSWER, p->printed, as_of, &sm, g, &a, &b, &o->answer_date);
	set(o, DF_ANSWER_DATE_MISSING, a);
	set(o, DF_ANSWER_DATE_INVALID, b);
	check_date_beside(&r->mandate_date, DATE_MANDATE, p->printed, as_of, &sa, g, &a, &b, &o->mandate_date);
	set(o, DF_MANDATE_DATE_MISSING, a);
	set(o, DF_MANDATE_DATE_INVALID, b);
	set(o, DF_ANSWER_NAME_MISSING, check_present(&r->answer_name, g));
	set(o, DF_MANDATOR_NAME_MISSING, check_present(&r->mandator_name, g));
	set(o, DF_PROXY_ADDRESS_MISSING, check_present(&r->proxy_address, g));
	set(o, DF_PROXY_NAME_MISSING, check_present(&r->proxy_name, g));
	set(o, DF_PROXY_PHONE_FORMAT, check_phone(&r->proxy_phone, g));
	set(o, DF_ANSWER_SEAL_MISSING, check_seal(&r->cb_kimei, &r->answer_seal, g));
	set(o, DF_MANDATOR_SEAL_MISSING, check_seal(&r->cb_kimei, &r->mandator_seal, g));

	check_result muni = check_municipality(p, prof);
	set(o, DF_WRONG_MUNICIPALITY, muni);
	expiry_set ex;
	expiry_candidates(r, p, res, g, &ex);
	o->window_start = renewal_window_start(p->exp, p->ovs ? prof->overseas_window_months
							     : prof->window_months);
	set(o, DF_TOO_EARLY, check_window(&ex, p, res, as_of, prof));

	/* Another municipality's form is not in our registry: asking whether
	** its holder is our resident would add a false NOT_RESIDENT. */
	if (muni.v == V_DEFECT)
		return;
	if (!have_registry) {
		uncertain_check(o, DF_NOT_RESIDENT, "no registry loaded");
		if (as_of > p->exp)
			uncertain_check(o, DF_PRINTED_DATA_CHANGED, "expired and no registry loaded");
		uncertain_check(o, DF_CARD_EXPIRED, "no registry loaded");
		return;
	}
	set(o, DF_NOT_RESIDENT, check_resident(res));
	set(o, DF_CARD_EXPIRED, check_card(res, as_of));
	set(o, DF_PRINTED_DATA_CHANGED,
	    check_printed_data(r, &ex, res, as_of, prof, &o->address_cmp, &o->name_cmp));
}

/* SPEC §6 for a page whose checks are known, by group: a reason the holder
** cannot renew here at all, the printed data changed after expiry (the
** written inquiry: the form cannot be used, whatever else it holds), a
** defect of what was written. */
static decision outcome(int ineligible, int changed, int form_defect)
{
	if (ineligible)
		return DEC_REJECT;
	if (changed)
		return DEC_REINQUIRY;
	return form_defect ? DEC_REJECT : DEC_ACCEPT;
}

/* Can the group of checks g be v (1: some defect in it, 0: none)? */
static int can_be(const decision_out *o, defect_set g, int v)
{
	if (v)
		return (o->certain | o->uncertain) & g ? 1 : 0;
	return o->certain & g ? 0 : 1;
}

static int decide(const page_readings *r, const form_payload *p, const resident *res,
		  int have_registry, int as_of, const profile *prof, decision_out *o)
{
	if (!r || !prof || !o || !date_valid(as_of))
		return -1;
	memset(o, 0, sizeof *o);
	o->address_cmp = o->name_cmp = -1;
	for (int d = 0; d < DF_COUNT; d++)
		o->check[d].p_ok = 1;
	if (!p) {
		o->dec = DEC_REVIEW;
		o->defects = DEFECT_BIT(DF_UNIDENTIFIED);
		return 0;
	}
	run_checks(r, p, res, have_registry, as_of, prof, o);

	const defect_set changed = DEFECT_BIT(DF_PRINTED_DATA_CHANGED);
	const defect_set elig = DEFECT_BIT(DF_TOO_EARLY) | DEFECT_BIT(DF_NOT_RESIDENT) |
				DEFECT_BIT(DF_CARD_EXPIRED) | DEFECT_BIT(DF_WRONG_MUNICIPALITY);
	const defect_set form = ~(elig | changed);
	/* Each group is true, false, or either (uncertain); the page is decided
	** when every way the undecided groups could go gives one outcome. */
	decision got = DEC_REVIEW;
	int first = 1, split = 0;
	for (int e = 0; e < 2; e++)
		for (int c = 0; c < 2; c++)
			for (int f = 0; f < 2; f++) {
				if (!can_be(o, elig, e) || !can_be(o, changed, c) ||
				    !can_be(o, form, f))
					continue;
				decision x = outcome(e, c, f);
				if (first)
					got = x;
				else if (x != got)
					split = 1;
				first = 0;
			}
	if (split) {
		o->dec = DEC_REVIEW;
		o->defects = DEFECT_BIT(DF_LOW_CONFIDENCE);
	} else if (got == DEC_REINQUIRY) {
		/* the form itself is moot: a new one is sent to the holder */
		o->dec = DEC_REINQUIRY;
		o->defects = changed;
	} else {
		o->dec = got;
		/* PRINTED_DATA_CHANGED goes with REINQUIRY only (SPEC §6) */
		o->defects = got == DEC_REJECT ? o->certain & ~changed : 0;
	}
	return 0;
}

int decide_page(const page_readings *r, const form_payload *payload, const resident *res,
		int as_of, const profile *prof, decision_out *out)
{
	return decide(r, payload, res, 1, as_of, prof, out);
}

int decide_page_noreg(const page_readings *r, const form_payload *payload, int as_of,
		      const profile *prof, decision_out *out)
{
	return decide(r, payload, NULL, 0, as_of, prof, out);
}
