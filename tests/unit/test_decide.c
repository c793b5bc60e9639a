/*
** test_decide.c — the page decision (SPEC §6): every defect code through
** decide_page, their combinations, the confidence gate, and the rule
** profile file.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "decide.h"
#include "profile.h"
#include "rules_fixture.h"
#include "testutil.h"

#define SURE 0.999
#define ADDRESS "東京都世田谷区玉川三丁目8番12号　ハイム城南102号室"
#define NAME "伊藤　美咲"

typedef struct {
	page_readings r;
	form_payload p;
	resident res;
	int have_res;   /* 0: the registry has no such rid */
	int no_registry;
	int as_of;
	profile prof;
} page_case;

static profile load_profile(void)
{
	char path[1024], err[256];
	profile p;
	if (profile_load(repo_path("models/profile-setagaya.json", path, sizeof path), &p, err,
			 sizeof err) != 0)
		fail_msg("profile: %s", err);
	return p;
}

/* A correct page, in its window (expiry 2025-04-02, today 2025-02-14). */
static void base(page_case *c)
{
	memset(c, 0, sizeof *c);
	good_page(&c->r, ADDRESS, NAME);
	c->p = (form_payload){.version = 1, .exp = 20250402, .printed = 20241201, .ovs = 0};
	strcpy(c->p.serial, "861720001104");
	strcpy(c->p.muni, "131121");
	strcpy(c->p.rid, "R036139572");
	c->res = (resident){.birth = 20051121, .status = RS_RESIDENT, .overseas = 0,
			    .card_expiry = 20270402, .cert_expiry = 20250402};
	strcpy(c->res.rid, "R036139572");
	strcpy(c->res.name, NAME);
	strcpy(c->res.address, "東京都世田谷区玉川3-8-12 ハイム城南102");
	c->have_res = 1;
	c->as_of = 20250214;
	c->prof = load_profile();
}

static decision_out run(page_case *c)
{
	decision_out d;
	int rc = c->no_registry
		? decide_page_noreg(&c->r, &c->p, c->as_of, &c->prof, &d)
		: decide_page(&c->r, &c->p, c->have_res ? &c->res : NULL, c->as_of, &c->prof, &d);
	assert_int_equal(rc, 0);
	return d;
}

/* Set the certificate expiry everywhere it appears: QR, registry, print. */
static void set_expiry(page_case *c, int ymd)
{
	char text[64];
	c->p.exp = c->res.cert_expiry = ymd;
	snprintf(text, sizeof text, "令和%d年%d月%d日", ymd / 10000 - 2018, ymd / 100 % 100,
		 ymd % 100);
	set_text(&c->r.printed_expiry, text, SURE);
}

/* ---- one mutation per defect ---- */

static void m_none(page_case *c) { (void)c; }
static void m_no_cert(page_case *c) { c->r.cb_sign = no(SURE); c->r.cb_user = no(SURE); }
static void m_sign_only(page_case *c) { c->r.cb_user = no(SURE); set_cells(&c->r.pin_user, 4, "", SURE); }
static void m_user_only(page_case *c) { c->r.cb_sign = no(SURE); set_cells(&c->r.pin_sign, 16, "", SURE); }
static void m_pin_sign_missing(page_case *c) { set_cells(&c->r.pin_sign, 16, "", SURE); }
static void m_pin_sign_short(page_case *c) { set_cells(&c->r.pin_sign, 16, "K7Q", SURE); }
static void m_pin_sign_letters(page_case *c) { set_cells(&c->r.pin_sign, 16, "KQMABC", SURE); }
static void m_pin_sign_digits(page_case *c) { set_cells(&c->r.pin_sign, 16, "123456789", SURE); }
static void m_pin_user_missing(page_case *c) { set_cells(&c->r.pin_user, 4, "", SURE); }
static void m_pin_user_short(page_case *c) { set_cells(&c->r.pin_user, 4, "583", SURE); }
static void m_answer_date_missing(page_case *c) { set_date(&c->r.answer_date, "", SURE); }
static void m_answer_date_future(page_case *c) { set_date(&c->r.answer_date, "070224", SURE); }
static void m_answer_date_impossible(page_case *c) { set_date(&c->r.answer_date, "070631", SURE); }
static void m_answer_date_before_print(page_case *c) { set_date(&c->r.answer_date, "061130", SURE); }
static void m_mandate_date_missing(page_case *c) { set_date(&c->r.mandate_date, "", SURE); }
static void m_mandate_date_future(page_case *c) { set_date(&c->r.mandate_date, "070324", SURE); }
static void m_answer_name(page_case *c) { set_text(&c->r.answer_name, "", SURE); }
static void m_mandator_name(page_case *c) { set_text(&c->r.mandator_name, "", SURE); }
static void m_proxy_name(page_case *c) { set_text(&c->r.proxy_name, "", SURE); }
static void m_proxy_address(page_case *c) { set_text(&c->r.proxy_address, "", SURE); }
static void m_phone_none(page_case *c) { set_cells(&c->r.proxy_phone, 11, "", SURE); }
static void m_phone_bad(page_case *c) { set_cells(&c->r.proxy_phone, 11, "090751", SURE); }
static void m_kimei_sealed(page_case *c)
{
	c->r.cb_kimei = yes(SURE);
	c->r.answer_seal = yes(SURE);
	c->r.mandator_seal = yes(SURE);
}
static void m_kimei_no_seals(page_case *c) { c->r.cb_kimei = yes(SURE); }
static void m_kimei_answer_seal_only(page_case *c) { c->r.cb_kimei = yes(SURE); c->r.answer_seal = yes(SURE); }
static void m_seals_without_kimei(page_case *c) { c->r.answer_seal = yes(SURE); c->r.mandator_seal = yes(SURE); }
static void m_too_early(page_case *c) { set_expiry(c, 20250514); }
static void m_window_first_day(page_case *c) { set_expiry(c, 20250513); }
static void m_overseas_early(page_case *c)
{
	set_expiry(c, 20260214);
	c->p.ovs = c->res.overseas = 1;
	c->res.card_expiry = 20300101;
}
static void m_overseas_first_day(page_case *c)
{
	set_expiry(c, 20260213);
	c->p.ovs = c->res.overseas = 1;
	c->res.card_expiry = 20300101;
}
static void m_not_in_registry(page_case *c) { c->have_res = 0; }
static void m_moved_out(page_case *c) { c->res.status = RS_MOVED_OUT; }
static void m_deceased(page_case *c) { c->res.status = RS_DECEASED; }
static void m_card_expired(page_case *c) { c->res.card_expiry = 20250213; }
static void m_card_expires_today(page_case *c) { c->res.card_expiry = 20250214; }
static void m_wrong_muni(page_case *c) { strcpy(c->p.muni, "131016"); c->have_res = 0; }
/* after the certificate's expiry */
static void m_expired(page_case *c) { set_expiry(c, 20250213); }
static void m_expired_room(page_case *c)
{
	m_expired(c);
	strcpy(c->res.address, "東京都世田谷区玉川3-8-12 ハイム城南104");
}
static void m_expired_name(page_case *c) { m_expired(c); strcpy(c->res.name, "石川　美咲"); }
static void m_expiry_day_changed(page_case *c)
{
	set_expiry(c, 20250214);
	strcpy(c->res.address, "東京都世田谷区玉川3-8-12 ハイム城南104");
}
static void m_expired_variant(page_case *c) { m_expired(c); strcpy(c->res.name, "伊藤　美﨑"); set_text(&c->r.printed_name, "伊藤　美崎", SURE); }
static void m_changed_and_pin_missing(page_case *c) { m_expired_room(c); m_pin_user_missing(c); }
static void m_changed_card_expired(page_case *c) { m_expired_room(c); m_card_expired(c); }
static void m_changed_moved_out(page_case *c) { m_expired_name(c); m_moved_out(c); m_proxy_name(c); }
static void m_many(page_case *c)
{
	m_no_cert(c);
	m_answer_name(c);
	m_phone_bad(c);
	m_card_expired(c);
}

/* uncertain readings */
/* a weak tick matters only when its PIN is empty */
static void m_weak_tick_irrelevant(page_case *c) { c->r.cb_user = yes(0.6); }
static void m_weak_tick(page_case *c) { c->r.cb_user = yes(0.6); set_cells(&c->r.pin_user, 4, "", SURE); }
static void m_weak_name_line(page_case *c) { c->r.answer_name.present = yes(0.7); }
static void m_weak_room(page_case *c) { m_expired_room(c); c->r.printed_address.conf = 0.6; }
static void m_weak_pin_cell(page_case *c) { c->r.pin_user.cell[3].written = yes(0.7); }
static void m_sure_defect_weak_other(page_case *c) { m_proxy_name(c); m_weak_tick(c); }
static void m_weak_name_missing(page_case *c) { c->r.answer_name.present = no(0.7); c->r.answer_name.text[0] = 0; }
static void m_changed_and_weak(page_case *c) { m_expired_room(c); m_weak_tick(c); }
static void m_weak_room_and_defect(page_case *c) { m_weak_room(c); m_proxy_name(c); }
static void m_expiry_disagrees(page_case *c) { c->res.cert_expiry = 20250514; }
static void m_printed_expiry_disagrees(page_case *c) { set_text(&c->r.printed_expiry, "令和7年5月14日", SURE); }
static void m_weak_printed_expiry(page_case *c) { set_text(&c->r.printed_expiry, "令和7年5月14日", 0.5); }
static void m_no_registry(page_case *c) { c->no_registry = 1; }
static void m_no_registry_defect(page_case *c) { c->no_registry = 1; m_proxy_name(c); }
static void m_changed_no_registry_defect(page_case *c) { m_expired_room(c); m_no_registry_defect(c); }

#define B(d) DEFECT_BIT(DF_##d)

static const struct {
	const char *name;
	void (*mutate)(page_case *);
	decision dec;
	defect_set defects;
} cases[] = {
	{"ok", m_none, DEC_ACCEPT, 0},
	{"sign only", m_sign_only, DEC_ACCEPT, 0},
	{"user only", m_user_only, DEC_ACCEPT, 0},
	{"no phone", m_phone_none, DEC_ACCEPT, 0},
	{"kimei with seals", m_kimei_sealed, DEC_ACCEPT, 0},
	{"seals without kimei", m_seals_without_kimei, DEC_ACCEPT, 0},
	{"window first day", m_window_first_day, DEC_ACCEPT, 0},
	{"overseas first day", m_overseas_first_day, DEC_ACCEPT, 0},
	{"card expires today", m_card_expires_today, DEC_ACCEPT, 0},
	{"expired, unchanged", m_expired, DEC_ACCEPT, 0},
	{"expired, variant kanji", m_expired_variant, DEC_ACCEPT, 0},
	{"expiry day, changed", m_expiry_day_changed, DEC_ACCEPT, 0},
	{"weak printed expiry ignored", m_weak_printed_expiry, DEC_ACCEPT, 0},
	{"weak tick, PIN written", m_weak_tick_irrelevant, DEC_ACCEPT, 0},

	{"no cert", m_no_cert, DEC_REJECT, B(NO_CERT_SELECTED)},
	{"pin sign missing", m_pin_sign_missing, DEC_REJECT, B(PIN_SIGN_MISSING)},
	{"pin sign short", m_pin_sign_short, DEC_REJECT, B(PIN_SIGN_FORMAT)},
	{"pin sign letters", m_pin_sign_letters, DEC_REJECT, B(PIN_SIGN_FORMAT)},
	{"pin sign digits", m_pin_sign_digits, DEC_REJECT, B(PIN_SIGN_FORMAT)},
	{"pin user missing", m_pin_user_missing, DEC_REJECT, B(PIN_USER_MISSING)},
	{"pin user short", m_pin_user_short, DEC_REJECT, B(PIN_USER_FORMAT)},
	{"answer date missing", m_answer_date_missing, DEC_REJECT, B(ANSWER_DATE_MISSING)},
	{"answer date future", m_answer_date_future, DEC_REJECT, B(ANSWER_DATE_INVALID)},
	{"answer date impossible", m_answer_date_impossible, DEC_REJECT, B(ANSWER_DATE_INVALID)},
	{"answer date before print", m_answer_date_before_print, DEC_REJECT, B(ANSWER_DATE_INVALID)},
	{"mandate date missing", m_mandate_date_missing, DEC_REJECT, B(MANDATE_DATE_MISSING)},
	{"mandate date future", m_mandate_date_future, DEC_REJECT, B(MANDATE_DATE_INVALID)},
	{"answer name", m_answer_name, DEC_REJECT, B(ANSWER_NAME_MISSING)},
	{"mandator name", m_mandator_name, DEC_REJECT, B(MANDATOR_NAME_MISSING)},
	{"proxy name", m_proxy_name, DEC_REJECT, B(PROXY_NAME_MISSING)},
	{"proxy address", m_proxy_address, DEC_REJECT, B(PROXY_ADDRESS_MISSING)},
	{"phone", m_phone_bad, DEC_REJECT, B(PROXY_PHONE_FORMAT)},
	{"kimei, no seals", m_kimei_no_seals, DEC_REJECT, B(ANSWER_SEAL_MISSING) | B(MANDATOR_SEAL_MISSING)},
	{"kimei, one seal", m_kimei_answer_seal_only, DEC_REJECT, B(MANDATOR_SEAL_MISSING)},
	{"too early", m_too_early, DEC_REJECT, B(TOO_EARLY)},
	{"overseas too early", m_overseas_early, DEC_REJECT, B(TOO_EARLY)},
	{"not in registry", m_not_in_registry, DEC_REJECT, B(NOT_RESIDENT)},
	{"moved out", m_moved_out, DEC_REJECT, B(NOT_RESIDENT)},
	{"deceased", m_deceased, DEC_REJECT, B(NOT_RESIDENT)},
	{"card expired", m_card_expired, DEC_REJECT, B(CARD_EXPIRED)},
	{"wrong municipality", m_wrong_muni, DEC_REJECT, B(WRONG_MUNICIPALITY)},
	/* a reason the holder cannot renew here comes before the inquiry */
	{"changed, card expired", m_changed_card_expired, DEC_REJECT,
	 B(CARD_EXPIRED)},
	{"changed, moved out, name missing", m_changed_moved_out, DEC_REJECT,
	 B(PROXY_NAME_MISSING) | B(NOT_RESIDENT)},
	{"many", m_many, DEC_REJECT,
	 B(NO_CERT_SELECTED) | B(ANSWER_NAME_MISSING) | B(PROXY_PHONE_FORMAT) | B(CARD_EXPIRED)},
	{"certain defect, weak other", m_sure_defect_weak_other, DEC_REJECT, B(PROXY_NAME_MISSING)},
	{"no registry, certain defect", m_no_registry_defect, DEC_REJECT, B(PROXY_NAME_MISSING)},

	{"expired, room changed", m_expired_room, DEC_REINQUIRY, B(PRINTED_DATA_CHANGED)},
	{"expired, name changed", m_expired_name, DEC_REINQUIRY, B(PRINTED_DATA_CHANGED)},
	/* the inquiry comes before what the holder wrote: the form cannot be
	** used anyway, so its defects and doubts do not change the answer */
	{"changed and pin missing", m_changed_and_pin_missing, DEC_REINQUIRY,
	 B(PRINTED_DATA_CHANGED)},
	{"changed, weak other", m_changed_and_weak, DEC_REINQUIRY, B(PRINTED_DATA_CHANGED)},

	{"weak tick", m_weak_tick, DEC_REVIEW, B(LOW_CONFIDENCE)},
	{"weak name line", m_weak_name_line, DEC_REVIEW, B(LOW_CONFIDENCE)},
	{"weak name missing", m_weak_name_missing, DEC_REVIEW, B(LOW_CONFIDENCE)},
	{"weak room reading", m_weak_room, DEC_REVIEW, B(LOW_CONFIDENCE)},
	{"weak pin cell", m_weak_pin_cell, DEC_REVIEW, B(LOW_CONFIDENCE)},
	/* an inquiry or a REJECT: a person looks */
	{"weak room, certain defect", m_weak_room_and_defect, DEC_REVIEW, B(LOW_CONFIDENCE)},
	{"changed, no registry, certain defect", m_changed_no_registry_defect, DEC_REVIEW,
	 B(LOW_CONFIDENCE)},
	{"registry expiry disagrees", m_expiry_disagrees, DEC_REVIEW, B(LOW_CONFIDENCE)},
	{"printed expiry disagrees", m_printed_expiry_disagrees, DEC_REVIEW, B(LOW_CONFIDENCE)},
	{"no registry", m_no_registry, DEC_REVIEW, B(LOW_CONFIDENCE)},
};

static void defect_names(defect_set s, char *buf, size_t n)
{
	size_t o = 0;
	buf[0] = 0;
	for (int i = 0; i < DF_COUNT && o < n; i++)
		if (s & DEFECT_BIT(i))
			o += (size_t)snprintf(buf + o, n - o, "%s ", defect_code((defect)i));
}

static void test_decision_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		page_case c;
		base(&c);
		cases[i].mutate(&c);
		decision_out d = run(&c);
		if (d.dec != cases[i].dec || d.defects != cases[i].defects) {
			char got[512], want[512];
			defect_names(d.defects, got, sizeof got);
			defect_names(cases[i].defects, want, sizeof want);
			fail_msg("%s: %s [%s], want %s [%s]", cases[i].name, decision_str(d.dec), got,
				 decision_str(cases[i].dec), want);
		}
		/* a REJECT lists certain defects only */
		if (d.dec == DEC_REJECT)
			assert_int_equal(d.defects & d.uncertain, 0);
		/* nothing uncertain on an ACCEPT */
		if (d.dec == DEC_ACCEPT)
			assert_int_equal(d.uncertain | d.certain, 0);
	}
}

/* Every defect code of SPEC §6 is produced by some case above. */
static void test_every_code_covered(void **state)
{
	(void)state;
	defect_set seen = B(UNIDENTIFIED) | B(DUPLICATE); /* the pipeline's, not the rules' */
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		seen |= cases[i].defects;
	for (int d = 0; d < DF_COUNT; d++)
		if (!(seen & DEFECT_BIT(d)))
			fail_msg("no case produces %s", defect_code((defect)d));
}

static void test_details(void **state)
{
	(void)state;
	page_case c;
	base(&c);
	m_sure_defect_weak_other(&c);
	decision_out d = run(&c);
	/* the weak tick is kept as uncertain, not listed */
	assert_int_equal(d.uncertain, B(PIN_USER_MISSING));
	assert_int_equal(d.check[DF_PROXY_NAME_MISSING].v, V_DEFECT);

	base(&c);
	decision_out ok = run(&c);
	assert_int_equal(ok.answer_date, 20250211);
	assert_int_equal(ok.mandate_date, 20250210);
	assert_int_equal(ok.window_start, 20250103);
	assert_int_equal(ok.address_cmp, -1); /* not expired: not compared */

	base(&c);
	m_expired_room(&c);
	d = run(&c);
	assert_int_equal(d.address_cmp, CMP_CHANGED);
	assert_int_equal(d.name_cmp, CMP_SAME);

	/* unidentified */
	decision_out u;
	assert_int_equal(decide_page(&c.r, NULL, NULL, c.as_of, &c.prof, &u), 0);
	assert_int_equal(u.dec, DEC_REVIEW);
	assert_int_equal(u.defects, B(UNIDENTIFIED));
	/* bad arguments */
	assert_int_equal(decide_page(&c.r, &c.p, &c.res, 20250230, &c.prof, &u), -1);
	assert_int_equal(decide_page(NULL, &c.p, &c.res, c.as_of, &c.prof, &u), -1);
}

/* An expired-form municipality that never accepts: always the inquiry. */
static void test_profile_no_expired_forms(void **state)
{
	(void)state;
	page_case c;
	base(&c);
	m_expired(&c);
	c.prof.accept_expired_unchanged = 0;
	decision_out d = run(&c);
	assert_int_equal(d.dec, DEC_REINQUIRY);
	assert_int_equal(d.defects, B(PRINTED_DATA_CHANGED));
}

/* A stricter gate turns a reading the default trusts into a review. */
static void test_gate_from_profile(void **state)
{
	(void)state;
	page_case c;
	base(&c);
	c.r.answer_name.present = yes(0.95);
	assert_int_equal(run(&c).dec, DEC_ACCEPT);
	c.prof.gate = 0.97;
	assert_int_equal(run(&c).dec, DEC_REVIEW);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_profile_file(void **state)
{
	(void)state;
	profile p = load_profile();
	assert_string_equal(p.muni, "131121");
	assert_int_equal(p.window_months, 3);
	assert_int_equal(p.overseas_window_months, 12);
	assert_int_equal(p.accept_expired_unchanged, 1);
	assert_true(p.gate >= 0.9 && p.gate <= 1);

	static const struct {
		const char *json, *word;
	} bad[] = {
		{"{\"name\":\"x\",\"municipality\":\"131122\",\"municipality_name\":\"x\","
		 "\"renewal_window_months\":3,\"overseas_window_months\":12,"
		 "\"accept_expired_if_unchanged\":true,\"confidence_gate\":0.9}", "check digit"},
		{"{\"name\":\"x\",\"municipality\":\"131121\",\"municipality_name\":\"x\","
		 "\"renewal_window_months\":3,\"overseas_window_months\":12,"
		 "\"accept_expired_if_unchanged\":true,\"confidence_gate\":0.3}", "confidence_gate"},
		{"{\"name\":\"x\",\"municipality\":\"131121\",\"municipality_name\":\"x\","
		 "\"overseas_window_months\":12,"
		 "\"accept_expired_if_unchanged\":true,\"confidence_gate\":0.9}", "renewal_window_months"},
		{"{\"name\":\"x\",\"municipality\":\"131121\",\"municipality_name\":\"x\","
		 "\"renewal_window_months\":3,\"overseas_window_months\":12,"
		 "\"accept_expired_if_unchanged\":1,\"confidence_gate\":0.9}", "accept_expired"},
		{"[1,2]", "object"},
		{"{", ":1:"},
	};
	char path[] = "/tmp/shokai-test-profile-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char err[256] = "";
		profile q;
		write_file(path, bad[i].json);
		if (profile_load(path, &q, err, sizeof err) == 0 || !strstr(err, bad[i].word))
			fail_msg("case %zu: \"%s\", want an error with \"%s\"", i, err, bad[i].word);
	}
	unlink(path);
	char err[256];
	profile q;
	assert_int_equal(profile_load("/nonexistent.json", &q, err, sizeof err), -1);
}

/* A REVIEW page names the places to look, each once, in form order. */
static void test_review_places(void **state)
{
	(void)state;
	char out[512];
	defect_set u = DEFECT_BIT(DF_ANSWER_DATE_INVALID) | DEFECT_BIT(DF_ANSWER_DATE_MISSING) |
		       DEFECT_BIT(DF_PIN_SIGN_FORMAT);
	assert_true(review_places_ja(u, out, sizeof out) > 0);
	assert_string_equal(out, "確認が必要な箇所：署名用電子証明書の暗証番号欄、回答日");
	assert_int_equal(review_places_ja(0, out, sizeof out), 0);
	assert_string_equal(out, "");
	assert_int_equal(review_places_ja(u, out, 20), -1);
	for (int d = 0; d < DF_COUNT; d++) {
		const char *p = defect_place_ja((defect)d);
		assert_non_null(p);
		assert_true(strlen(p) > 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decision_table),
		cmocka_unit_test(test_every_code_covered),
		cmocka_unit_test(test_details),
		cmocka_unit_test(test_profile_no_expired_forms),
		cmocka_unit_test(test_gate_from_profile),
		cmocka_unit_test(test_profile_file),
		cmocka_unit_test(test_review_places),
	};
	return cmocka_run_group_tests_name("decide", tests, NULL, NULL);
}
