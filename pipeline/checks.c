/*
** checks.c — one pure function per rule; see checks.h for the model.
**
** Cell-row rules (PINs, phone) run a small dynamic programme over the
** cells: the state keeps only what the rule needs (how many cells are
** written, whether a gap was seen, whether a letter, a digit, a mark that
** is neither (a symbol, kana, a scribble) or an unreadable cell occurred), so 16 cells cost a few hundred additions.
** Dates have 6 cells; their likely options (DATE_MIN_P) are enumerated.
*/
#include "checks.h"

#include <stdio.h>
#include <string.h>

#include "dates.h"

const char *verdict_str(verdict v)
{
	switch (v) {
	case V_OK: return "ok";
	case V_DEFECT: return "defect";
	case V_UNCERTAIN: return "uncertain";
	}
	return "?";
}

static double clamp01(double x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

verdict verdict_of(double p_defect, double p_ok, double gate)
{
	/* a hair of slack so that products of 1.0 reach a gate of 1.0 */
	if (p_defect >= gate - 1e-12)
		return V_DEFECT;
	if (p_ok >= gate - 1e-12)
		return V_OK;
	return V_UNCERTAIN;
}

/* Probability that a yes/no reading is "yes". */
static double p_yes(const bool_reading *b)
{
	double c = clamp01(b->conf);
	return b->value ? c : 1 - c;
}

static check_result result(double p_defect, double p_ok, double gate, const char *why)
{
	check_result r;
	r.p_defect = clamp01(p_defect);
	r.p_ok = clamp01(p_ok);
	r.v = verdict_of(r.p_defect, r.p_ok, gate);
	snprintf(r.why, sizeof r.why, "%s", why ? why : "");
	return r;
}

/* A verdict must agree with what was read: if the most probable reading
** (every reading at its likelier value) says otherwise, the probabilities
** come from many weak readings adding up, and we do not trust that. */
static check_result agree(check_result r, int best_is_defect)
{
	if ((r.v == V_DEFECT && !best_is_defect) || (r.v == V_OK && best_is_defect))
		r.v = V_UNCERTAIN;
	return r;
}

static check_result certain(int defect, const char *why)
{
	return result(defect ? 1 : 0, defect ? 0 : 1, 1, why);
}

check_result check_cert_selected(const page_readings *r, double gate)
{
	double none = (1 - p_yes(&r->cb_sign)) * (1 - p_yes(&r->cb_user));
	return result(none, 1 - none, gate, none >= 0.5 ? "no box ticked" : "");
}

/* ---- PINs ---- */

enum { PH_PREFIX, PH_GAP, PH_BROKEN, NPH };
#define NCNT (READ_MAX_CELLS + 1)
/* state: phase, count, letter seen, digit seen, unreadable seen, other
** mark seen */
typedef double pin_dp[NPH][NCNT][2][2][2][2];

static int pin_len_ok(pin_kind k, int count)
{
	return k == PIN_SIGN ? count >= 6 && count <= 16 : count == 4;
}

/* 1 well-formed, 0 not, -1 cannot tell (an unreadable cell); count >= 1. */
static int pin_classify(pin_kind kind, int ph, int k, int L, int D, int U, int X,
			const char **why)
{
	if (ph == PH_BROKEN)
		return *why = "not left-aligned", 0;
	if (!pin_len_ok(kind, k))
		return *why = kind == PIN_SIGN ? "not 6-16 characters" : "not 4 characters", 0;
	if (X) /* a symbol, kana or scribble: never a PIN character */
		return *why = kind == PIN_SIGN ? "not only A-Z and 0-9" : "not only digits", 0;
	if (U)
		return *why = "unreadable cell", -1;
	if (kind == PIN_USER && L)
		return *why = "not only digits", 0;
	if (kind == PIN_SIGN && !L)
		return *why = "no letter", 0;
	if (kind == PIN_SIGN && !D)
		return *why = "no digit", 0;
	return *why = "", 1;
}

/* A cell's letter, digit and other-mark shares, for hands the model has
** not seen (seen 0), as the hands of scanned pages are read (seen 1), and
** so with I and O as rare as in their PINs (seen 2); readings.h. */
static void pin_kinds(const cell_reading *c, int seen, double *pl, double *pd, double *po)
{
	if (seen == 2)
		cell_reading_kinds_rare(c, pl, pd, po);
	else if (seen)
		cell_reading_kinds_seen(c, pl, pd, po);
	else
		cell_reading_kinds(c, pl, pd, po);
}

/* The outcome of the most probable reading (as a malformed PIN is
** weighed, pin_kinds 2): -2 missing, else pin_classify. */
static int pin_best(const cells_reading *pin, int n, pin_kind kind, const char **why)
{
	int ph = PH_PREFIX, k = 0, L = 0, D = 0, U = 0, X = 0;
	for (int i = 0; i < n; i++) {
		const cell_reading *c = &pin->cell[i];
		if (p_yes(&c->written) < 0.5) {
			if (ph == PH_PREFIX)
				ph = PH_GAP;
			continue;
		}
		if (ph == PH_GAP)
			ph = PH_BROKEN;
		k++;
		double pl, pd, po;
		pin_kinds(c, 2, &pl, &pd, &po);
		if (c->ncand <= 0)
			U = 1;
		else if (po >= pl && po >= pd)
			X = 1;
		else if (pl >= pd)
			L = 1;
		else
			D = 1;
	}
	*why = "nothing written";
	return k == 0 ? -2 : pin_classify(kind, ph, k, L, D, U, X, why);
}

/* The mass of well-formed (*good) and of malformed (*bad) PINs, cells
** taken as independent, except that the round cells (an O/0 shape) are all
** letters (round_as 1), all digits (0), or each as read (-1). With u in
** [0,1), every cell's kind is fixed instead: a letter where u < P(letter),
** else a digit or another mark as read (see pin_good_dependent). The
** kinds are taken as pin_kinds gives them for seen. */
static void pin_mass(const cells_reading *pin, int n, pin_kind kind, int seen, int round_as,
		     double u, double *good, double *bad)
{
	static const pin_dp zero;
	pin_dp a, b;
	memcpy(a, zero, sizeof a);
	a[PH_PREFIX][0][0][0][0][0] = 1;
	for (int i = 0; i < n; i++) {
		const cell_reading *c = &pin->cell[i];
		double w = p_yes(&c->written), pl, pd, po;
		pin_kinds(c, seen, &pl, &pd, &po);
		if (c->round && round_as >= 0) {
			double s = pl + pd;
			pl = round_as ? s : 0;
			pd = round_as ? 0 : s;
		}
		if (u >= 0) {
			double rest = pd + po;
			int letter = u < pl;
			pl = letter;
			pd = letter ? 0 : rest > 0 ? pd / rest : 1;
			po = letter ? 0 : rest > 0 ? po / rest : 0;
		}
		int readable = c->ncand > 0;
		memcpy(b, zero, sizeof b);
		for (int ph = 0; ph < NPH; ph++)
			for (int k = 0; k < NCNT; k++)
				for (int L = 0; L < 2; L++)
					for (int D = 0; D < 2; D++)
						for (int U = 0; U < 2; U++)
							for (int X = 0; X < 2; X++) {
								double m = a[ph][k][L][D][U][X];
								if (m == 0)
									continue;
								/* empty cell */
								int eph = ph == PH_PREFIX ? PH_GAP : ph;
								b[eph][k][L][D][U][X] += m * (1 - w);
								/* written cell */
								int wph = ph == PH_GAP ? PH_BROKEN : ph;
								int k2 = k + 1 < NCNT ? k + 1 : NCNT - 1;
								if (!readable) {
									b[wph][k2][L][D][1][X] += m * w;
								} else {
									b[wph][k2][1][D][U][X] += m * w * pl;
									b[wph][k2][L][1][U][X] += m * w * pd;
									b[wph][k2][L][D][U][1] += m * w * po;
								}
							}
		memcpy(a, b, sizeof a);
	}
	*good = *bad = 0;
	for (int ph = 0; ph < NPH; ph++)
		for (int k = 1; k < NCNT; k++)
			for (int L = 0; L < 2; L++)
				for (int D = 0; D < 2; D++)
					for (int U = 0; U < 2; U++)
						for (int X = 0; X < 2; X++) {
							double m = a[ph][k][L][D][U][X];
							const char *w;
							int ok = pin_classify(kind, ph, k, L, D, U, X, &w);
							if (ok == 1)
								*good += m;
							else if (ok == 0)
								*bad += m;
						}
}

/*
** The mass of well-formed PINs if the cells' letter-or-digit calls are not
** independent but one: what makes the model see a letter in one glyph of a
** hand makes it see letters in that hand's other glyphs too. A latent u,
** uniform in [0,1), makes a cell a letter when u < its P(letter); the mass
** is integrated over u piecewise, between the cells' P(letter) values.
** Then several unsure cells never add up to a surer letter, or a surer
** digit, than the surest of them. Measured (models/README): a digits-only
** PIN whose two 0s were read as letters at 0.75 and 0.8 came out
** well-formed at 0.955 when the cells were taken one by one.
*/
static double pin_good_dependent(const cells_reading *pin, int n, pin_kind kind, int seen)
{
	double cut[READ_MAX_CELLS + 2];
	int nc = 0;
	cut[nc++] = 0;
	cut[nc++] = 1;
	for (int i = 0; i < n; i++) {
		double pl, pd, po;
		pin_kinds(&pin->cell[i], seen, &pl, &pd, &po);
		cut[nc++] = pl;
	}
	for (int i = 1; i < nc; i++) /* insertion sort: at most 18 values */
		for (int j = i; j > 0 && cut[j - 1] > cut[j]; j--) {
			double x = cut[j];
			cut[j] = cut[j - 1];
			cut[j - 1] = x;
		}
	double good = 0;
	for (int j = 0; j + 1 < nc; j++) {
		double lo = cut[j], hi = cut[j + 1], g, b;
		if (hi <= lo)
			continue;
		pin_mass(pin, n, kind, seen, -1, (lo + hi) / 2, &g, &b);
		good += (hi - lo) * g;
	}
	return good;
}

/* The well-formed (*good) and malformed (*bad) mass of a PIN, its cells'
** kinds as pin_kinds gives them for seen; either pointer may be NULL. */
static void pin_masses(const cells_reading *pin, int n, pin_kind kind, int seen, double *good,
		       double *bad)
{
	double g, b;
	double q = 1;
	int nround = 0;
	for (int i = 0; i < n; i++) {
		const cell_reading *c = &pin->cell[i];
		if (c->round) {
			/* how sure the least sure round cell is of "a letter" */
			double pl, pd, po;
			pin_kinds(c, seen, &pl, &pd, &po);
			double ql = pl + pd > 0 ? pl / (pl + pd) : 0;
			if (ql < q)
				q = ql;
			nround++;
		}
	}
	if (nround > 1) {
		/* The O/0 shapes of one hand are letters together or digits
		** together: several of them read as O must not add up to a
		** surer letter than one does. (With one round cell this is
		** the same as taking it as read.) */
		double gl, bl, gd, bd;
		pin_mass(pin, n, kind, seen, 1, -1, &gl, &bl);
		pin_mass(pin, n, kind, seen, 0, -1, &gd, &bd);
		g = q * gl + (1 - q) * gd;
		b = q * bl + (1 - q) * bd;
	} else {
		pin_mass(pin, n, kind, seen, -1, -1, &g, &b);
	}
	if (bad)
		*bad = b;
	if (!good)
		return;
	/* A PIN is well-formed only if it is so both ways: cells taken one by
	** one, and taken as one hand (a malformed PIN is not made surer by
	** this, so what could be a REJECT stays as it was). */
	double good_dep = pin_good_dependent(pin, n, kind, seen);
	*good = good_dep < g ? good_dep : g;
}

void check_pin(const bool_reading *ticked, const cells_reading *pin, pin_kind kind,
	       double gate, check_result *missing, check_result *format)
{
	int n = pin->n < 0 ? 0 : pin->n > READ_MAX_CELLS ? READ_MAX_CELLS : pin->n;
	double p_none = 1;
	for (int i = 0; i < n; i++)
		p_none *= 1 - p_yes(&pin->cell[i].written);
	/* A well-formed PIN must be so for a hand the model has not seen and
	** for the hands of scanned pages; a malformed one is weighed as those
	** hands are read (cellrec.c, kind_seen), on which a letter read as a
	** digit is rare, and with I and O as rare as in their PINs
	** (RARE_LETTER_ODDS), so that a digits-only PIN is not kept from a
	** REJECT by letters that are not there. */
	double good, bad, good_seen;
	pin_masses(pin, n, kind, 0, &good, NULL);
	pin_masses(pin, n, kind, 1, &good_seen, NULL);
	pin_masses(pin, n, kind, 2, NULL, &bad);
	if (good_seen < good)
		good = good_seen;
	const char *why;
	int b_out = pin_best(pin, n, kind, &why);
	double t = p_yes(ticked);
	int b_ticked = t >= 0.5;
	*missing = agree(result(t * p_none, (1 - t) + t * (1 - p_none), gate,
				b_out == -2 ? why : ""),
			 b_ticked && b_out == -2);
	*format = agree(result(t * bad, (1 - t) + t * (p_none + good), gate,
			       b_out == -2 ? "" : why),
			b_ticked && b_out == 0);
	if (!b_ticked) {
		snprintf(missing->why, sizeof missing->why, "not ticked");
		snprintf(format->why, sizeof format->why, "not ticked");
	}
}

/* ---- dates ---- */

#define OPT_EMPTY (-1)
#define OPT_OTHER 10 /* a mark that is not a digit */
/* Options rarer than this are left out of the enumeration (their mass
** counts for no outcome, so the verdict only gets more cautious); it keeps
** 6 cells of up to 12 options each from costing millions of walks. */
#define DATE_MIN_P 1e-3

typedef struct {
	int n[6];
	int val[6][READ_MAX_CANDS + 2];
	double p[6][READ_MAX_CANDS + 2];
} date_opts;

/* A date part from its two cells: -1 when both are empty, -2 when a cell
** holds a non-digit, else the value (a lone digit in either cell). */
static int part_value(int a, int b)
{
	if (a == OPT_OTHER || b == OPT_OTHER)
		return -2;
	if (a == OPT_EMPTY && b == OPT_EMPTY)
		return -1;
	if (a == OPT_EMPTY)
		return b;
	if (b == OPT_EMPTY)
		return a;
	return a * 10 + b;
}

enum { DT_MISSING, DT_OK, DT_INCOMPLETE, DT_NOT_A_DATE, DT_FUTURE, DT_BEFORE_PRINTED };

static int date_outcome(const int v[6], int printed, int as_of, int *ymd)
{
	*ymd = 0;
	int all_empty = 1;
	for (int i = 0; i < 6; i++)
		all_empty &= v[i] == OPT_EMPTY;
	if (all_empty)
		return DT_MISSING;
	int y = part_value(v[0], v[1]), m = part_value(v[2], v[3]), d = part_value(v[4], v[5]);
	if (y == -1 || m == -1 || d == -1)
		return DT_INCOMPLETE;
	if (y < 0 || m < 0 || d < 0)
		return DT_NOT_A_DATE;
	*ymd = era_to_date(ERA_REIWA, y, m, d);
	if (!*ymd)
		return DT_NOT_A_DATE;
	if (as_of && *ymd > as_of)
		return DT_FUTURE;
	if (printed && *ymd < printed)
		return DT_BEFORE_PRINTED;
	return DT_OK;
}

/*
** A month of 20 or more, or a day of 32 or more, or a month or day of 0,
** is a value no holder writes, even by mistake: the dates that are wrong
** on real forms are wrong by the calendar (6月31日, 2月29日 of a common
** year, 13月), by the processing date or by the printed date, and those
** all keep to the digits a calendar has (no month has a 32nd day), and
** are written in digits (a mark that is no digit is a digit misread, a
** crossed 7 taken for a symbol). So is a 令和 year more than one before
** the printing's (a holder who slips writes last year's number in
** January, not one five years back: a 2 read for a 7), and a date more
** than DATE_AHEAD_DAYS after the processing date: a date written ahead
** of time is ahead by days or weeks (a 02 that might be a 09 in February
** is no date in September), and a year after the processing date's is
** absurd unless that many days reach into it.
** Such a reading, when the cells themselves prefer another, is a misread
** box (a 0 that might be a 9, a 7 that might be an 8 in February): its
** combination is weighed DATE_ABSURD_PRIOR times what the cells give, and
** the mass it loses goes back to the other combinations in proportion
** (Bayes with a prior that is flat elsewhere). When the likeliest reading
** is itself absurd and holds at least DATE_CLEAR_BEST of the mass, nothing
** is reweighed: what was written is then odd (a Western year, a 平成
** year, next year in spring), and a prior must not turn it into a valid
** date. Below that the cells do not know what was written (an 8 at 0.21
** against a 7 at 0.20), and the prior decides as for any other doubt. A
** reading whose only oddity is a mark must be clear to the gate instead:
** on 16 ok pages of 26 generated batches a 7 was read as "7 or a mark"
** (in the six looked at, a mark at 0.68-0.84 and no other digit behind
** the 7), and the page went to a person.
** Last year's number, and a date up to DATE_AHEAD_DAYS ahead, keep their
** full weight: a date before the form was printed or after today does
** happen, and only the cells can tell it from the right one.
*/
#define DATE_ABSURD_PRIOR 0.01
/* The share of the cells' mass that makes an absurd reading what was written. */
#define DATE_CLEAR_BEST 0.5
/* How far ahead of the processing date a date is still a plausible slip. */
#define DATE_AHEAD_DAYS 92

/*
** The answer and the mandate are filled in at one sitting: in public-1's
** truth the mandate is dated the answer's day or up to 3 days before it
** on 35 of 37 pages, and the two pages where they are 39 and 62 days
** apart carry a date defect. So a reading that puts the mandate more than
** DATE_SITTING_DAYS before the answer, or more than DATE_SITTING_AFTER
** after it, is weighed DATE_APART_PRIOR times what the cells give, the
** other date taken as its spread as read alone (a mandate read a few days
** after the answer is no nearer it than one read weeks before: that is
** what a future mandate date looks like); the weight moves mass between
** real dates only (a part left empty or a mark is no nearer one date
** than another). With 35 of 37 pairs within 4 days and 2 spread over
** months, a date apart is some hundred times less likely than one near;
** the weight is 1/20, for a date apart is what a date defect looks like
** and the cells must still tell which it is: where the cells alone lean
** to a defect, the weight makes it less sure but no valid date surer
** (check_date_beside), for a future date is itself a date apart. Beside
** a mandate of February 10, an answer of February 11 or March 11 (a
** future date) whose month the cells read as 2 at 0.7 and 3 at 0.3 is
** valid at 0.97 (0.70 alone); as 3 at 0.6 and 2 at 0.35, a defect at
** 0.08 (0.60 alone) and valid at 0.35 as alone, a person's (unit test
** test_dates_beside); a 3 at 0.998 against 0.0015 stays a
** defect (0.97), and one at 0.99 against 0.01 goes to a person (0.83).
** Chosen on
** generated batches (seeds 7001-7006: 12 pages more decided right with
** 1/20, 8 with 1/5, none decided wrong; on twenty batches whose dates
** were drawn apart, a symmetric week made one ok page a wrong REJECT, a
** mandate read 6 days after the answer).
** An absurd reading stands (DATE_CLEAR_BEST) only if it is clear beside
** the other date too: the other date is evidence of what was written.
*/
#define DATE_SITTING_DAYS 7
#define DATE_SITTING_AFTER 1 /* days a mandate may be dated after the answer */
#define DATE_APART_PRIOR 0.05

/* A reading of a date: its mass, date (0 if none), outcome, absurdity. */
typedef struct {
	double p;
	int ymd, outcome, absurd;
} date_pick;

static void pick(date_pick *b, double p, int ymd, int outcome, int absurd)
{
	if (p > b->p)
		*b = (date_pick){p, ymd, outcome, absurd};
}

typedef struct {
	const date_opts *o;
	int printed, as_of;
	int year_lo, year_hi;                    /* the plausible 令和 years */
	int latest;                              /* the last plausible date, or 0 */
	const date_spread *other;                /* the page's other date, or NULL */
	date_role role;                          /* which of the two this one is */
	date_spread *spread;                     /* if set: this date's, collected */
	double p_out[DT_BEFORE_PRINTED + 1];     /* combinations that are not absurd,
	                                         ** as the cells give them beside other */
	double p_absurd[DT_BEFORE_PRINTED + 1];  /* those that are */
	double real_p, real_q;                   /* the real dates' mass, alone and
	                                         ** beside other */
	date_pick best;                          /* the likeliest as the cells give it
	                                         ** beside other */
	date_pick wbest;                         /* the same with the prior */
	date_pick rbest, rwbest;                 /* the same among the real dates
	                                         ** beside other, before their mass
	                                         ** is rescaled (date_walk_cells) */
} date_walk;

/* The 令和 year of a date, or -1 (no date, or one before 令和). */
static int reiwa_year(int ymd)
{
	era e;
	int y;
	return ymd && date_to_era(ymd, &e, &y) == 0 && e == ERA_REIWA ? y : -1;
}

/* 0 a plausible reading; ABSURD_DIGITS one whose digits no holder writes;
** ABSURD_MARK one whose only oddity is a mark that is no digit. */
enum { ABSURD_DIGITS = 1, ABSURD_MARK = 2 };

static int date_absurd(const date_walk *w, const int v[6], int ymd)
{
	if (ymd && w->latest && ymd > w->latest)
		return ABSURD_DIGITS;
	int y = part_value(v[0], v[1]);
	int m = part_value(v[2], v[3]), d = part_value(v[4], v[5]);
	if (m >= 20 || d >= 32 || m == 0 || d == 0)
		return ABSURD_DIGITS;
	if (y >= 0 && (y < w->year_lo || y > w->year_hi))
		return ABSURD_DIGITS;
	return y == -2 || m == -2 || d == -2 ? ABSURD_MARK : 0;
}

/* The weight of a real date (this date's role) beside the other date's
** spread: 1 where the other is no real date or the mandate is dated
** DATE_SITTING_DAYS before the answer to DATE_SITTING_AFTER after it,
** DATE_APART_PRIOR elsewhere. */
static double apart_weight(const date_spread *other, date_role role, int ymd)
{
	if (!other || !ymd || other->n <= 0)
		return 1;
	long day = date_to_days(ymd);
	double f = 1;
	for (int j = 0; j < other->n; j++) {
		long d = role == DATE_MANDATE ? day - other->day[j] : other->day[j] - day;
		if (d > DATE_SITTING_AFTER || d < -DATE_SITTING_DAYS)
			f -= other->p[j] * (1 - DATE_APART_PRIOR);
	}
	return f;
}

/* Add mass p to the date ymd of a spread, keeping the likeliest. */
static void spread_add(date_spread *s, int ymd, double p)
{
	int low = -1;
	for (int j = 0; j < s->n; j++) {
		if (s->ymd[j] == ymd) {
			s->p[j] += p;
			return;
		}
		if (low < 0 || s->p[j] < s->p[low])
			low = j;
	}
	if (s->n < DATE_SPREAD_MAX)
		low = s->n++;
	else if (s->p[low] >= p)
		return;
	s->ymd[low] = ymd;
	s->day[low] = date_to_days(ymd);
	s->p[low] = p;
}

static void walk(date_walk *w, int i, int v[6], double p)
{
	if (p <= 0)
		return;
	if (i == 6) {
		int ymd, out = date_outcome(v, w->printed, w->as_of, &ymd);
		int absurd = date_absurd(w, v, ymd);
		double q = p * apart_weight(w->other, w->role, ymd); /* the cells beside other */
		double pw = absurd ? q * DATE_ABSURD_PRIOR : q;
		(absurd ? w->p_absurd : w->p_out)[out] += q;
		if (ymd)
			w->real_p += p, w->real_q += q;
		int apart = w->other && ymd;
		pick(apart ? &w->rbest : &w->best, q, ymd, out, absurd);
		pick(apart ? &w->rwbest : &w->wbest, pw, ymd, out, absurd);
		if (w->spread && ymd)
			spread_add(w->spread, ymd, pw);
		return;
	}
	for (int k = 0; k < w->o->n[i]; k++) {
		v[i] = w->o->val[i][k];
		walk(w, i + 1, v, p * w->o->p[i][k]);
	}
}

/* The mass of the outcomes that are a defect. */
static double date_bad(const double *p)
{
	return p[DT_INCOMPLETE] + p[DT_NOT_A_DATE] + p[DT_FUTURE] + p[DT_BEFORE_PRINTED];
}

/* Walk a date's readings (6 cells, else returns -1) into *w, beside
** other (may be NULL; role tells which date this is), collecting this
** date's spread into spread (may be NULL; its n set to 0 by the caller). */
static int date_walk_cells(const cells_reading *date, date_role role, int printed,
			   int as_of, const date_spread *other, date_spread *spread,
			   date_walk *w)
{
	if (date->n != 6)
		return -1;
	date_opts o;
	memset(&o, 0, sizeof o);
	for (int i = 0; i < 6; i++) {
		const cell_reading *c = &date->cell[i];
		double pw = p_yes(&c->written);
		o.val[i][0] = OPT_EMPTY;
		o.p[i][0] = 1 - pw;
		o.n[i] = 1;
		/* Written: spread pw over the candidates; what they leave is a
		** character nobody knows, which no outcome receives. */
		int nc = c->ncand < 0 ? 0 : c->ncand > READ_MAX_CANDS ? READ_MAX_CANDS : c->ncand;
		for (int k = 0; k < nc; k++) {
			char ch = c->cand[k].ch;
			double p = pw * clamp01(c->cand[k].p);
			if (p < DATE_MIN_P)
				continue;
			o.val[i][o.n[i]] = ch >= '0' && ch <= '9' ? ch - '0' : OPT_OTHER;
			o.p[i][o.n[i]] = p;
			o.n[i]++;
		}
		/* a mark that is no character at all (a symbol, a scribble) */
		if (nc > 0 && pw * c->p_other >= DATE_MIN_P) {
			o.val[i][o.n[i]] = OPT_OTHER;
			o.p[i][o.n[i]] = pw * clamp01(c->p_other);
			o.n[i]++;
		}
	}
	int latest = as_of ? date_add_days(as_of, DATE_AHEAD_DAYS) : 0;
	int py = reiwa_year(printed), ly = reiwa_year(latest);
	const date_pick none = {.p = -1};
	*w = (date_walk){.o = &o, .printed = printed, .as_of = as_of, .best = none,
			 .wbest = none, .rbest = none, .rwbest = none, .year_lo = py < 0 ? 0 : py - 1,
			 .year_hi = ly < 0 ? 999 : ly, .latest = latest, .other = other,
			 .role = role, .spread = spread};
	int v[6];
	walk(w, 0, v, 1);
	w->o = NULL;
	/* The other date moves mass between the real dates this one can be
	** read as; what is no real date (or a character nobody knows) keeps
	** its mass. */
	if (other && w->real_q > 0) {
		static const int real[] = {DT_OK, DT_FUTURE, DT_BEFORE_PRINTED};
		double s = w->real_p / w->real_q;
		for (int j = 0; j < 3; j++) {
			w->p_out[real[j]] *= s;
			w->p_absurd[real[j]] *= s;
		}
		w->rbest.p *= s;
		w->rwbest.p *= s;
		if (w->rbest.p > w->best.p)
			w->best = w->rbest;
		if (w->rwbest.p > w->wbest.p)
			w->wbest = w->rwbest;
	}
	return 0;
}

void date_spread_of(const cells_reading *date, int printed, int as_of, date_spread *out)
{
	date_walk w;
	out->n = 0;
	if (date_walk_cells(date, DATE_ANSWER, printed, as_of, NULL, out, &w) != 0)
		return;
	double t = 0;
	for (int k = 0; k <= DT_BEFORE_PRINTED; k++)
		t += w.p_out[k] + w.p_absurd[k] * DATE_ABSURD_PRIOR;
	for (int j = 0; j < out->n; j++)
		out->p[j] = t > 0 ? out->p[j] / t : 0;
}

void check_date(const cells_reading *date, int printed, int as_of, double gate,
		check_result *missing, check_result *invalid, int *best)
{
	check_date_beside(date, DATE_ANSWER, printed, as_of, NULL, gate, missing, invalid, best);
}

/* A walked date's masses: nothing written, a valid date, a defect;
** whether its absurd likeliest reading stands, and the outcome of the
** likeliest reading (the one that stands, else the prior's). */
typedef struct {
	double missing, ok, bad;
	int stands, outcome;
} date_masses;

static date_masses masses_of(const date_walk *w, double gate)
{
	/* the outcomes as the cells give them (beside the other date, if
	** walked so) raw and with the prior */
	double raw[DT_BEFORE_PRINTED + 1], pri[DT_BEFORE_PRINTED + 1], t_raw = 0, t_pri = 0;
	for (int k = 0; k <= DT_BEFORE_PRINTED; k++) {
		raw[k] = w->p_out[k] + w->p_absurd[k];
		pri[k] = w->p_out[k] + w->p_absurd[k] * DATE_ABSURD_PRIOR;
		t_raw += raw[k];
		t_pri += pri[k];
	}
	date_masses m;
	/* An absurd likeliest reading stands only when it is clear (a mark:
	** when the gate trusts it); else the likeliest is the prior's (the
	** same reading when none is absurd). */
	m.stands = w->best.absurd == ABSURD_MARK ? w->best.p >= gate
						 : w->best.absurd && w->best.p >= DATE_CLEAR_BEST;
	if (!m.stands) {
		/* the mass the prior takes is given back in proportion */
		double lost = t_raw - t_pri, g = lost > 0 && lost < 1 ? 1 / (1 - lost) : 1;
		m.missing = pri[DT_MISSING] * g;
		m.ok = pri[DT_OK] * g;
		m.bad = date_bad(pri) * g;
	} else {
		/* An absurd likeliest reading stands as read, but is no surer
		** a defect than the prior makes it: a 7 read as a 2 (令和2) with
		** a 7 behind it goes to a person, not back to the holder. (The
		** prior's outcomes share what the cells' do, not 1: a character
		** nobody knows keeps its part.) */
		m.missing = raw[DT_MISSING];
		m.ok = raw[DT_OK];
		m.bad = date_bad(raw);
		if (t_pri > 0 && date_bad(pri) * t_raw / t_pri < m.bad)
			m.bad = date_bad(pri) * t_raw / t_pri;
	}
	m.outcome = m.stands ? w->best.outcome : w->wbest.outcome;
	return m;
}

void check_date_beside(const cells_reading *date, date_role role, int printed, int as_of,
		       const date_spread *other, double gate, check_result *missing,
		       check_result *invalid, int *best)
{
	if (best)
		*best = 0;
	date_walk w;
	if (date_walk_cells(date, role, printed, as_of, other, NULL, &w) != 0) {
		*missing = result(0, 0, gate, "date cells not read");
		*invalid = *missing;
		return;
	}
	date_masses m = masses_of(&w, gate);
	int stands = m.stands;
	double p_missing = m.missing, p_ok = m.ok, p_bad = m.bad;
	/* The other date may settle a valid date the cells lean to, not
	** overturn the defect they lean to: a future answer is dated apart
	** from its mandate, and beside it the cells' near, valid reading gains
	** what the future one loses (seed 3001 of the generator: a day 28,
	** after the processing date, read as 38, 28 or 18 at 0.35, 0.22 and
	** 0.13 beside a mandate of the 12th came out valid at 0.92). Where
	** the likeliest reading of the cells alone is a defect, the valid
	** mass is theirs alone. */
	if (other) {
		date_walk alone;
		if (date_walk_cells(date, role, printed, as_of, NULL, NULL, &alone) == 0) {
			date_masses a = masses_of(&alone, gate);
			if (a.outcome != DT_OK && a.outcome != DT_MISSING && a.ok < p_ok)
				p_ok = a.ok;
		}
	}
	static const char *const whys[] = {
		[DT_MISSING] = "nothing written", [DT_OK] = "",
		[DT_INCOMPLETE] = "a part is empty", [DT_NOT_A_DATE] = "not a real date",
		[DT_FUTURE] = "after the processing date",
		[DT_BEFORE_PRINTED] = "before the form was printed",
	};
	/* Empty cells are read with their own confidence, so "something
	** written" is all the mass that is not the all-empty combination's
	** (which the walk always reaches, and which is never absurd). */
	double p_written = 1 - p_missing;
	int bo = m.outcome;
	*missing = agree(result(p_missing, p_written, gate, bo == DT_MISSING ? whys[bo] : ""),
			 bo == DT_MISSING);
	*invalid = agree(result(p_bad, p_ok + p_missing, gate, bo == DT_MISSING ? "" : whys[bo]),
			 bo != DT_MISSING && bo != DT_OK);
	if (best)
		*best = stands ? w.best.ymd : w.wbest.ymd;
}

/* ---- phone ---- */

/* 1 fine, 0 not, -1 cannot tell; k written cells, X a non-digit seen, U an
** unreadable cell seen. */
static int phone_classify(int k, int X, int U, const char **why)
{
	if (k == 0)
		return *why = "", 1;
	if (k != 10 && k != 11)
		return *why = "not 10 or 11 digits", 0;
	if (X)
		return *why = "not only digits", 0;
	if (U)
		return *why = "unreadable cell", -1;
	return *why = "", 1;
}

/*
** A mark that is no digit (a symbol, a scribble) is weighed in a phone box
** as in a date's, DATE_ABSURD_PRIOR times what the cell gives against its
** digits: the holder writes digits there, and the marks the model sees in
** them are digits it cannot place. On 26 generated batches four ok pages
** were REJECTed for one 7 read as a mark at 0.95-0.97, the 7 behind it at
** 0.03-0.05 (seeds 2093, 5001, 7001, 7003); weighed, such a cell is a mark
** at 0.2-0.3, and the page goes to a person. A sure mark (0.999) is still
** a defect, and a letter keeps the phone box's own prior (cellrec.c).
*/
check_result check_phone(const cells_reading *phone, double gate)
{
	int n = phone->n < 0 ? 0 : phone->n > READ_MAX_CELLS ? READ_MAX_CELLS : phone->n;
	/* state: written count, non-digit seen, unreadable seen */
	double a[NCNT][2][2], b[NCNT][2][2];
	memset(a, 0, sizeof a);
	a[0][0][0] = 1;
	int bk = 0, bX = 0, bU = 0; /* the most probable reading */
	for (int i = 0; i < n; i++) {
		const cell_reading *c = &phone->cell[i];
		double w = p_yes(&c->written), pl, pd, po;
		cell_reading_kinds(c, &pl, &pd, &po);
		if (w >= 0.5) { /* the most probable reading: the cell as read */
			bk++;
			if (c->ncand <= 0)
				bU = 1;
			else if (pl + po >= 0.5)
				bX = 1;
		}
		double mark = po * DATE_ABSURD_PRIOR;
		if (pd + mark > 0)
			pl += (1 - pl) * mark / (pd + mark); /* not a digit */
		memset(b, 0, sizeof b);
		for (int k = 0; k < NCNT; k++)
			for (int X = 0; X < 2; X++)
				for (int U = 0; U < 2; U++) {
					double m = a[k][X][U];
					if (m == 0)
						continue;
					int k2 = k + 1 < NCNT ? k + 1 : NCNT - 1;
					b[k][X][U] += m * (1 - w);
					if (c->ncand <= 0) {
						b[k2][X][1] += m * w;
					} else {
						b[k2][1][U] += m * w * pl;
						b[k2][X][U] += m * w * (1 - pl);
					}
				}
		memcpy(a, b, sizeof a);
	}
	double good = 0, bad = 0;
	const char *why;
	for (int k = 0; k < NCNT; k++)
		for (int X = 0; X < 2; X++)
			for (int U = 0; U < 2; U++) {
				int ok = phone_classify(k, X, U, &why);
				if (ok == 1)
					good += a[k][X][U];
				else if (ok == 0)
					bad += a[k][X][U];
			}
	int best = phone_classify(bk, bX, bU, &why);
	return agree(result(bad, good, gate, why), best == 0);
}

/* ---- presence ---- */

check_result check_present(const text_reading *line, double gate)
{
	double p = p_yes(&line->present);
	return result(1 - p, p, gate, p < 0.5 ? "nothing written" : "");
}

check_result check_seal(const bool_reading *kimei, const bool_reading *seal, double gate)
{
	double k = p_yes(kimei), s = p_yes(seal);
	double d = k * (1 - s);
	return result(d, 1 - d, gate, k < 0.5 ? "not required" : s < 0.5 ? "no seal" : "");
}

/* ---- payload and registry ---- */

check_result check_municipality(const form_payload *p, const profile *prof)
{
	return certain(strcmp(p->muni, prof->muni) != 0,
		       strcmp(p->muni, prof->muni) ? "form is for another municipality" : "");
}

check_result check_resident(const resident *res)
{
	if (!res)
		return certain(1, "rid not in the registry");
	if (res->status == RS_MOVED_OUT)
		return certain(1, "moved out");
	if (res->status == RS_DECEASED)
		return certain(1, "deceased");
	return certain(0, "");
}

check_result check_card(const resident *res, int as_of)
{
	if (!res)
		return certain(0, "no registry record");
	if (res->card_expiry < as_of) {
		char why[64], d[11];
		date_format_iso(res->card_expiry, d);
		snprintf(why, sizeof why, "card expired %s", d);
		return certain(1, why);
	}
	return certain(0, "");
}

static void add_expiry(expiry_set *s, int d)
{
	if (!date_valid(d))
		return;
	for (int i = 0; i < s->n; i++)
		if (s->date[i] == d)
			return;
	if (s->n < 3)
		s->date[s->n++] = d;
}

void expiry_candidates(const page_readings *r, const form_payload *p, const resident *res,
		       double gate, expiry_set *out)
{
	memset(out, 0, sizeof *out);
	add_expiry(out, p->exp);
	if (res)
		add_expiry(out, res->cert_expiry);
	if (r && r->printed_expiry.conf >= gate)
		add_expiry(out, era_parse(r->printed_expiry.text));
}

check_result check_window(const expiry_set *exp, const form_payload *p, const resident *res,
			  int as_of, const profile *prof)
{
	int ovs[2] = {p->ovs, res ? res->overseas : p->ovs};
	int early = 0, on_time = 0, first_start = 0;
	for (int i = 0; i < exp->n; i++)
		for (int k = 0; k < 2; k++) {
			int months = ovs[k] ? prof->overseas_window_months : prof->window_months;
			int start = renewal_window_start(exp->date[i], months);
			if (!first_start)
				first_start = start;
			if (as_of < start)
				early++;
			else
				on_time++;
		}
	char why[96], d[11];
	date_format_iso(first_start, d);
	if (early && on_time) {
		snprintf(why, sizeof why, "expiry or overseas flag disagree between QR, registry and print");
		return result(0.5, 0.5, 1, why);
	}
	snprintf(why, sizeof why, "window opens %s", d);
	return certain(early > 0, early ? why : "");
}

check_result check_printed_data(const page_readings *r, const expiry_set *exp,
				const resident *res, int as_of, const profile *prof,
				int *addr, int *name)
{
	if (addr)
		*addr = -1;
	if (name)
		*name = -1;
	if (!res || res->status != RS_RESIDENT)
		return certain(0, "no resident record");
	int expired = 0;
	for (int i = 0; i < exp->n; i++)
		expired += as_of > exp->date[i];
	if (!expired)
		return certain(0, "");
	int all_expired = expired == exp->n;
	if (!prof->accept_expired_unchanged) {
		if (!all_expired)
			return result(0.5, 0.5, 1, "expiry disagrees between QR, registry and print");
		return certain(1, "expired: this municipality always sends an inquiry");
	}
	/* every reading of each line: the vote's text as often as it was
	** read, then the readings that disagreed (normalize.h) */
	const text_reading *lines[2] = {&r->printed_address, &r->printed_name};
	const char *ra[8 + READ_MAX_ALTS], *rn[8 + READ_MAX_ALTS], **reads[2] = {ra, rn};
	int nread[2] = {0, 0};
	for (int k = 0; k < 2; k++) {
		const text_reading *t = lines[k];
		int votes = t->votes < 1 ? 1 : t->votes > 8 ? 8 : t->votes;
		for (int i = 0; i < votes; i++)
			reads[k][nread[k]++] = t->text;
		for (int i = 0; i < t->nalt && i < READ_MAX_ALTS; i++)
			reads[k][nread[k]++] = t->alt[i];
	}
	int na = nread[0], nn = nread[1];
	cmp_detail da, dn;
	cmp_result a = r->printed_address.verified
		? compare_address_confirmed(r->printed_address.text, res->address, &da)
		: compare_address_reads(ra, na, r->printed_address.conf, res->address, prof->gate,
					&da);
	cmp_result nm = r->printed_name.verified
		? compare_name_confirmed(r->printed_name.text, res->name, &dn)
		: compare_name_reads(rn, nn, r->printed_name.conf, res->name, prof->gate, &dn);
	if (addr)
		*addr = (int)a;
	if (name)
		*name = (int)nm;
	char why[96];
	if (a == CMP_CHANGED || nm == CMP_CHANGED) {
		snprintf(why, sizeof why, "expired; %.40s changed",
			 a == CMP_CHANGED ? (da.why[0] ? da.why : "address") : "name");
		if (!all_expired)
			return result(0.5, 0.5, 1, "changed, but the expiry dates disagree");
		return certain(1, why);
	}
	if (a == CMP_SAME && nm == CMP_SAME)
		return certain(0, "expired; printed data unchanged");
	snprintf(why, sizeof why, "expired; %s comparison uncertain",
		 a != CMP_SAME ? "address" : "name");
	return result(0.5, 0.5, 1, why);
}
