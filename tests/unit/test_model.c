/*
** test_model.c — the form model loads with every field typed, and a broken
** model is refused with a message.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "model.h"
#include "testutil.h"

static void test_loads(void **state)
{
	(void)state;
	char path[4096], err[256] = "";
	form_model m;
	assert_int_equal(model_load(repo_path("models/jlis-shokaisho-v1.json", path, sizeof path),
				    &m, err, sizeof err), 0);
	assert_string_equal(m.name, "jlis-shokaisho-v1");
	assert_int_equal(m.nfields, 19);
	const form_field *ps = model_field(&m, "pin_sign");
	assert_non_null(ps);
	assert_int_equal(ps->kind, FK_CELLS);
	assert_int_equal(ps->ncells, 16);
	assert_true(ps->secret);
	assert_int_equal(ps->chars, CS_ALNUM);
	assert_string_equal(ps->required_if, "cb_sign");
	const form_field *pu = model_field(&m, "pin_user");
	assert_int_equal(pu->ncells, 4);
	assert_true(pu->secret);
	assert_int_equal(pu->chars, CS_DIGITS);
	const form_field *ad = model_field(&m, "answer_date");
	assert_int_equal(ad->kind, FK_DATE);
	assert_int_equal(ad->ncells, 6);
	/* The bounding box of a cell field spans its cells. */
	assert_true(ad->box.x <= ad->cells[0].x);
	assert_true(ad->box.x + ad->box.w >= ad->cells[5].x + ad->cells[5].w - 1e-9);
	assert_false(model_field(&m, "proxy_phone")->secret);
	assert_false(model_field(&m, "proxy_phone")->required);
	/* the phone is read as a number: a round O is a 0 (recognize.c) */
	assert_int_equal(model_field(&m, "proxy_phone")->chars, CS_NUMBER);
	assert_true(model_field(&m, "answer_name")->required);
	assert_int_equal(model_field(&m, "answer_seal")->kind, FK_SEAL);
	assert_null(model_field(&m, "no_such_field"));
	/* The fiducials are 6 mm squares near the corners. */
	for (int i = 0; i < 4; i++) {
		assert_true(m.fiducials[i].w == 6 && m.fiducials[i].h == 6);
	}
	assert_true(m.fiducials[3].x > m.page_w / 2 && m.fiducials[3].y > m.page_h / 2);
}

static void load_text(const char *json, char *err, size_t n, int *rc)
{
	char tmpl[] = "/tmp/shokai-model-XXXXXX";
	int fd = mkstemp(tmpl);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, json, strlen(json)), (ssize_t)strlen(json));
	close(fd);
	form_model m;
	*rc = model_load(tmpl, &m, err, n);
	unlink(tmpl);
}

static void test_refuses_broken(void **state)
{
	(void)state;
	char err[256];
	int rc;
	load_text("{\"name\": \"x\"", err, sizeof err, &rc);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, ":1:"));
	const char *head = "{\"name\":\"x\",\"page_mm\":[210,297],"
			   "\"fiducials\":[[8,8,6,6],[196,8,6,6],[8,283,6,6],[196,283,6,6]],"
			   "\"qr\":[171,18,22,22],\"barcode\":[110,31,52,9],\"fields\":";
	char buf[1024];
	snprintf(buf, sizeof buf, "%s{\"a\":{\"kind\":\"checkbox\",\"box\":[1,2,0,4]}}}", head);
	load_text(buf, err, sizeof err, &rc);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, "field a"));
	snprintf(buf, sizeof buf, "%s{\"a\":{\"kind\":\"squiggle\",\"box\":[1,2,3,4]}}}", head);
	load_text(buf, err, sizeof err, &rc);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, "unknown kind"));
	snprintf(buf, sizeof buf, "%s{\"a\":{\"kind\":\"checkbox\",\"box\":[1,2,3,4]}}}", head);
	load_text(buf, err, sizeof err, &rc);
	assert_int_equal(rc, 0);
	/* a page size that is no positive number (it once loaded as 0 mm,
	** and registration divides by it), or past any paper (the registered
	** page is sized by it) */
	static const char *const bad_pages[] = {"[\"210\",\"297\"]", "[0,297]", "[210,-297]",
						"[null,297]", "[210,1e300]", "[2001,297]"};
	for (size_t i = 0; i < sizeof bad_pages / sizeof bad_pages[0]; i++) {
		snprintf(buf, sizeof buf,
			 "{\"name\":\"x\",\"page_mm\":%s,"
			 "\"fiducials\":[[8,8,6,6],[196,8,6,6],[8,283,6,6],[196,283,6,6]],"
			 "\"qr\":[171,18,22,22],\"barcode\":[110,31,52,9],\"fields\":{}}",
			 bad_pages[i]);
		load_text(buf, err, sizeof err, &rc);
		if (rc != -1 || !strstr(err, "page_mm"))
			fail_msg("page_mm %s: rc %d, err \"%s\"", bad_pages[i], rc, err);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loads),
		cmocka_unit_test(test_refuses_broken),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
