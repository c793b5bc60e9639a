/*
** test_ledger.c — the batch ledger (states, exactly-once record, duplicate
** pointers, export), and the file-system and config helpers it rests on.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "config.h"
#include "fsutil.h"
#include "ledger.h"

static char *tmpdir(void)
{
	char tmpl[] = "/tmp/shokai-test-ledger-XXXXXX";
	char *d = mkdtemp(tmpl);
	assert_non_null(d);
	return strdup(d);
}

static void rmtree(const char *dir)
{
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

/* ---- fsutil ---- */

static void test_sha256(void **state)
{
	(void)state;
	char hex[FS_SHA256_HEX], err[256];
	fs_sha256_mem("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	char *d = tmpdir(), path[4200];
	snprintf(path, sizeof path, "%s/f", d);
	write_file(path, "abc");
	struct stat st;
	assert_int_equal(fs_sha256_file(path, hex, &st, err, sizeof err), 0);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(st.st_size, 3);
	snprintf(path, sizeof path, "%s/missing", d);
	assert_int_equal(fs_sha256_file(path, hex, NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "missing"));
	rmtree(d);
	free(d);
}

static void test_mkdirs_and_atomic_write(void **state)
{
	(void)state;
	char *d = tmpdir(), path[4200], err[256];
	snprintf(path, sizeof path, "%s/a/b/c", d);
	assert_int_equal(fs_mkdirs(path, 0700, err, sizeof err), 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	snprintf(path, sizeof path, "%s/a", d);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	/* Existing folders are accepted; a file in the way is not. */
	assert_int_equal(fs_mkdirs(path, 0700, err, sizeof err), 0);

	snprintf(path, sizeof path, "%s/a/b/c/report.txt", d);
	assert_int_equal(fs_write_atomic(path, "one\n", 4, 0600, err, sizeof err), 0);
	assert_int_equal(fs_write_atomic(path, "two\n", 4, 0600, err, sizeof err), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, 4);
	FILE *f = fopen(path, "r");
	char buf[16] = "";
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_string_equal(buf, "two\n");
	snprintf(path, sizeof path, "%s/a/b/c", d);
	assert_int_equal(count_entries(path), 1); /* no temporary left */
	snprintf(path, sizeof path, "%s/a/b/c/report.txt/x", d);
	assert_int_equal(fs_mkdirs(path, 0700, err, sizeof err), -1);
	rmtree(d);
	free(d);
}

static void test_move(void **state)
{
	(void)state;
	char *d = tmpdir(), src[4200], dst[4200], other[4200], err[512];
	snprintf(src, sizeof src, "%s/in.tif", d);
	snprintf(dst, sizeof dst, "%s/out.tif", d);
	snprintf(other, sizeof other, "%s/taken.tif", d);
	write_file(src, "scan");
	write_file(other, "someone else");
	/* Never replaces: the source stays where it was. */
	assert_int_equal(fs_move(src, other, err, sizeof err), -1);
	assert_int_equal(fs_exists(src), 1);
	assert_int_equal(fs_move(src, dst, err, sizeof err), 0);
	assert_int_equal(fs_exists(src), 0);
	char hex[FS_SHA256_HEX], want[FS_SHA256_HEX];
	fs_sha256_mem("scan", 4, want);
	assert_int_equal(fs_sha256_file(dst, hex, NULL, err, sizeof err), 0);
	assert_string_equal(hex, want);

	/* Across file systems (tmpfs), when this machine has one. */
	struct stat a, b;
	if (stat("/dev/shm", &b) == 0 && stat(d, &a) == 0 && a.st_dev != b.st_dev &&
	    access("/dev/shm", W_OK) == 0) {
		char *x = strdup("/dev/shm/shokai-test-move-XXXXXX");
		assert_non_null(mkdtemp(x));
		char xdst[4200], tmp[4200];
		snprintf(xdst, sizeof xdst, "%s/out.tif", x);
		assert_int_equal(fs_move(dst, xdst, err, sizeof err), 0);
		assert_int_equal(fs_exists(dst), 0);
		assert_int_equal(fs_sha256_file(xdst, hex, NULL, err, sizeof err), 0);
		assert_string_equal(hex, want);
		assert_int_equal(fs_move_tmpname(xdst, tmp, sizeof tmp), 0);
		assert_int_equal(fs_exists(tmp), 0);
		assert_int_equal(count_entries(x), 1);
		rmtree(x);
		free(x);
	} else {
		print_message("test_move: /dev/shm is not another file system; cross-fs move not tried\n");
	}
	rmtree(d);
	free(d);
}

/* ---- config ---- */

static void test_config(void **state)
{
	(void)state;
	char *d = tmpdir(), path[4200], err[512];
	snprintf(path, sizeof path, "%s/shokai.conf", d);
	write_file(path, "# nightly settings\n"
			 "inbox = /srv/scan/inbox\n"
			 "\n"
			 "archive = \"/srv/scan/archive dir\"\n"
			 "jobs = 2   # two workers\n"
			 "as-of = 2025-02-14\n"
			 "syslog = yes\n"
			 "done-marker = .done\n");
	shokai_settings s;
	settings_init(&s);
	assert_int_equal(s.jobs, 1);
	assert_int_equal(s.settle, 60);
	assert_int_equal(settings_load(&s, path, err, sizeof err), 0);
	assert_string_equal(s.inbox, "/srv/scan/inbox");
	assert_string_equal(s.archive, "/srv/scan/archive dir");
	assert_int_equal(s.jobs, 2);
	assert_int_equal(s.as_of, 20250214);
	assert_int_equal(s.use_syslog, 1);
	assert_string_equal(s.done_suffix, ".done");
	/* The command line goes over the file. */
	assert_int_equal(settings_set(&s, "jobs", "3", err, sizeof err), 0);
	assert_int_equal(s.jobs, 3);

	write_file(path, "inbox = /x\nout = /y\ncolour = red\n");
	settings_init(&s);
	assert_int_equal(settings_load(&s, path, err, sizeof err), -1);
	assert_non_null(strstr(err, ":3:"));
	assert_non_null(strstr(err, "colour"));
	assert_int_equal(settings_set(&s, "jobs", "0", err, sizeof err), -1);
	assert_int_equal(settings_set(&s, "jobs", "2x", err, sizeof err), -1);
	assert_int_equal(settings_set(&s, "as-of", "2025-02-30", err, sizeof err), -1);
	assert_int_equal(settings_set(&s, "log-level", "loud", err, sizeof err), -1);

	assert_int_equal(parse_date("2024-02-29"), 20240229);
	assert_int_equal(parse_date("2023-02-29"), -1);
	assert_int_equal(parse_date("20250110"), 20250110);
	assert_int_equal(parse_date("2025-1-10"), -1);
	assert_int_equal(parse_date("2025-13-01"), -1);
	rmtree(d);
	free(d);
}

/* ---- the ledger ---- */

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define SHA_C "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"

static ledger *open_new(const char *dir, char *path, size_t n)
{
	char err[512];
	ledger *l = NULL;
	snprintf(path, n, "%s/ledger.sqlite", dir);
	assert_int_equal(ledger_open(path, 1, &l, err, sizeof err), 0);
	return l;
}

static ledger_page page(int no, const char *serial, decision dec, defect_set defs)
{
	ledger_page p;
	memset(&p, 0, sizeof p);
	p.page = no;
	snprintf(p.serial, sizeof p.serial, "%s", serial);
	p.dec = dec;
	p.defects = defs;
	p.error = "";
	p.detail = "{\"id_source\":\"qr\"}";
	return p;
}

static int count_cb(const ledger_page *p, void *arg)
{
	(void)p;
	(*(int *)arg)++;
	return 0;
}

static int pages_of(ledger *l, const char *run)
{
	char err[512];
	int n = 0;
	assert_int_equal(ledger_pages(l, run, count_cb, &n, err, sizeof err), 0);
	return n;
}

static void test_lifecycle(void **state)
{
	(void)state;
	char *d = tmpdir(), path[4200], err[512], run[LEDGER_RUN_LEN], out[4200];
	ledger *l = open_new(d, path, sizeof path);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);

	assert_int_equal(ledger_run_begin(l, 42, 20250214, "/out/2025-02-14", run, out, sizeof out,
					  err, sizeof err), 0);
	assert_non_null(strstr(run, "-r1"));
	assert_int_equal(strncmp(out, "/out/2025-02-14/", 16), 0);
	assert_string_equal(out + 16, run);

	int attempts = 0;
	assert_int_equal(ledger_file_claim(l, SHA_A, "a.tif", "/in/a.tif", 10, run, &attempts, err,
					   sizeof err), 0);
	assert_int_equal(attempts, 1);
	assert_int_equal(ledger_file_claim(l, SHA_A, "a.tif", "/in/a.tif", 10, run, &attempts, err,
					   sizeof err), 0);
	assert_int_equal(attempts, 2);
	ledger_file f;
	assert_int_equal(ledger_file_get(l, SHA_A, &f, err, sizeof err), 1);
	assert_int_equal(f.state, LF_CLAIMED);
	assert_int_equal(ledger_file_get(l, SHA_B, &f, err, sizeof err), 0);

	ledger_page pg[2] = {page(1, "861720000240", DEC_ACCEPT, 0),
			     page(2, "", DEC_BLANK, 0)};
	assert_int_equal(ledger_record(l, SHA_A, "a.tif", "/in/a.tif", "/arch/a.tif", run, pg, 2,
				       err, sizeof err), 0);
	assert_int_equal(pg[0].dup, 0);
	assert_int_equal(ledger_file_get(l, SHA_A, &f, err, sizeof err), 1);
	assert_int_equal(f.state, LF_RECORDED);
	assert_int_equal(f.pages, 2);
	assert_string_equal(f.archive_path, "/arch/a.tif");
	assert_int_equal(ledger_archive_path_reserved(l, "/arch/a.tif", err, sizeof err), 1);

	/* A second record of the same bytes changes nothing. */
	ledger_page again[1] = {page(1, "999999999999", DEC_REJECT, 0)};
	assert_int_equal(ledger_record(l, SHA_A, "a.tif", "/in/a.tif", "/arch/a2.tif", run, again, 1,
				       err, sizeof err), 1);
	assert_int_equal(pages_of(l, NULL), 2);
	assert_int_equal(ledger_file_get(l, SHA_A, &f, err, sizeof err), 1);
	assert_string_equal(f.archive_path, "/arch/a.tif");
	/* Nor can it be claimed again. */
	assert_int_equal(ledger_file_claim(l, SHA_A, "a.tif", "/in/a.tif", 10, run, &attempts, err,
					   sizeof err), -1);

	ledger_file *list = NULL;
	size_t n = 0;
	assert_int_equal(ledger_files_in_state(l, LF_RECORDED, &list, &n, err, sizeof err), 0);
	assert_int_equal(n, 1);
	free(list);
	assert_int_equal(ledger_file_archived(l, SHA_A, NULL, NULL, err, sizeof err), 0);
	assert_int_equal(ledger_file_get(l, SHA_A, &f, err, sizeof err), 1);
	assert_int_equal(f.state, LF_ARCHIVED);
	assert_int_equal(ledger_archive_path_reserved(l, "/arch/a.tif", err, sizeof err), 0);
	/* Only a recorded file can be archived. */
	assert_int_equal(ledger_file_archived(l, SHA_B, NULL, NULL, err, sizeof err), -1);

	int problems = -1;
	FILE *sink = fopen("/dev/null", "w");
	assert_int_equal(ledger_check(l, sink, &problems, err, sizeof err), 0);
	fclose(sink);
	assert_int_equal(problems, 0);
	ledger_close(l);
	rmtree(d);
	free(d);
}

static void test_duplicates(void **state)
{
	(void)state;
	char *d = tmpdir(), path[4200], err[512], run1[LEDGER_RUN_LEN], run2[LEDGER_RUN_LEN],
	     out[4200];
	ledger *l = open_new(d, path, sizeof path);
	assert_int_equal(ledger_run_begin(l, 1, 20250214, "/o", run1, out, sizeof out, err,
					  sizeof err), 0);
	assert_int_equal(ledger_run_begin(l, 2, 20250215, "/o", run2, out, sizeof out, err,
					  sizeof err), 0);
	assert_string_not_equal(run1, run2);

	ledger_page a[2] = {page(1, "861720000240", DEC_REJECT, DEFECT_BIT(DF_PIN_USER_MISSING)),
			    page(2, "", DEC_BLANK, 0)};
	assert_int_equal(ledger_record(l, SHA_A, "a.tif", "/in/a.tif", "/ar/a.tif", run1, a, 2, err,
				       sizeof err), 0);
	/* A later run: a re-scan of a's serial, and a serial twice in one file. */
	ledger_page b[4] = {page(1, "861720000240", DEC_ACCEPT, 0),
			    page(2, "861720000516", DEC_ACCEPT, 0),
			    page(3, "861720000516", DEC_ACCEPT, 0),
			    page(4, "", DEC_BLANK, 0)};
	assert_int_equal(ledger_record(l, SHA_B, "b.tif", "/in/b.tif", "/ar/b.tif", run2, b, 4, err,
				       sizeof err), 0);
	assert_int_equal(b[0].dup, 1);
	assert_int_equal(b[0].dec, DEC_REVIEW);
	assert_true(b[0].defects & DEFECT_BIT(DF_DUPLICATE));
	assert_string_equal(b[0].dup_sha256, SHA_A);
	assert_int_equal(b[0].dup_page, 1);
	assert_string_equal(b[0].dup_file, "a.tif");
	assert_string_equal(b[0].dup_run, run1);
	assert_int_equal(b[1].dup, 0);
	assert_int_equal(b[1].dec, DEC_ACCEPT);
	assert_int_equal(b[2].dup, 1);
	assert_string_equal(b[2].dup_sha256, SHA_B);
	assert_int_equal(b[2].dup_page, 2);
	assert_int_equal(b[3].dup, 0); /* no serial, never a duplicate */
	assert_int_equal(b[3].dec, DEC_BLANK);

	/* A third scan points to the original, not to the earlier duplicate. */
	ledger_page c[1] = {page(1, "861720000240", DEC_ACCEPT, 0)};
	assert_int_equal(ledger_record(l, SHA_C, "c.tif", "/in/c.tif", "/ar/c.tif", run2, c, 1, err,
				       sizeof err), 0);
	assert_int_equal(c[0].dup, 1);
	assert_string_equal(c[0].dup_sha256, SHA_A);

	/* The export carries the pointer and the required keys. */
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	assert_int_equal(ledger_export_jsonl(l, mem, err, sizeof err), 0);
	fclose(mem);
	int lines = 0, with_dup = 0;
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		json_t *o = json_loads(line, 0, NULL);
		assert_true(json_is_object(o));
		static const char *const keys[] = {"sha256", "file", "page", "serial", "decision",
						   "defects", "run"};
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
			assert_non_null(json_object_get(o, keys[k]));
		json_t *dup = json_object_get(o, "duplicate_of");
		if (dup) {
			with_dup++;
			assert_string_equal(json_string_value(json_object_get(o, "decision")), "REVIEW");
		}
		if (!strcmp(json_string_value(json_object_get(o, "sha256")), SHA_A) &&
		    json_integer_value(json_object_get(o, "page")) == 1) {
			json_t *defs = json_object_get(o, "defects");
			assert_int_equal(json_array_size(defs), 1);
			assert_string_equal(json_string_value(json_array_get(defs, 0)),
					    "PIN_USER_MISSING");
		}
		if (!strcmp(json_string_value(json_object_get(o, "sha256")), SHA_A) &&
		    json_integer_value(json_object_get(o, "page")) == 2)
			assert_true(json_is_null(json_object_get(o, "serial")));
		json_decref(o);
		lines++;
	}
	free(buf);
	assert_int_equal(lines, 7);
	assert_int_equal(with_dup, 3);
	assert_int_equal(pages_of(l, run1), 2);
	assert_int_equal(pages_of(l, run2), 5);
	ledger_close(l);
	rmtree(d);
	free(d);
}

static void test_record_is_atomic(void **state)
{
	(void)state;
	char *d = tmpdir(), path[4200], err[512], run[LEDGER_RUN_LEN], out[4200];
	ledger *l = open_new(d, path, sizeof path);
	assert_int_equal(ledger_run_begin(l, 1, 20250214, "/o", run, out, sizeof out, err,
					  sizeof err), 0);
	int attempts;
	assert_int_equal(ledger_file_claim(l, SHA_A, "a.tif", "/in/a.tif", 10, run, &attempts, err,
					   sizeof err), 0);
	/* Page 1 twice: the second insert fails, and so does the whole record. */
	ledger_page bad[2] = {page(1, "861720000240", DEC_ACCEPT, 0),
			      page(1, "861720000516", DEC_ACCEPT, 0)};
	assert_int_equal(ledger_record(l, SHA_A, "a.tif", "/in/a.tif", "/ar/a.tif", run, bad, 2, err,
				       sizeof err), -1);
	ledger_file f;
	assert_int_equal(ledger_file_get(l, SHA_A, &f, err, sizeof err), 1);
	assert_int_equal(f.state, LF_CLAIMED);
	assert_int_equal(pages_of(l, NULL), 0);
	/* Then the right record goes through. */
	ledger_page good[2] = {page(1, "861720000240", DEC_ACCEPT, 0),
			       page(2, "861720000516", DEC_ACCEPT, 0)};
	assert_int_equal(ledger_record(l, SHA_A, "a.tif", "/in/a.tif", "/ar/a.tif", run, good, 2,
				       err, sizeof err), 0);
	assert_int_equal(good[1].dup, 0);
	assert_int_equal(pages_of(l, NULL), 2);
	ledger_close(l);
	rmtree(d);
	free(d);
}

static void test_runs_and_reopen(void **state)
{
	(void)state;
	char *d = tmpdir(), path[4200], err[512], r1[LEDGER_RUN_LEN], r2[LEDGER_RUN_LEN], out[4200];
	ledger *l = open_new(d, path, sizeof path);
	assert_int_equal(ledger_run_begin(l, 1, 20250214, "/o", r1, out, sizeof out, err,
					  sizeof err), 0);
	assert_int_equal(ledger_run_begin(l, 2, 20250214, "/o", r2, out, sizeof out, err,
					  sizeof err), 0);
	assert_int_equal(ledger_run_set_state(l, r1, "interrupted", NULL, err, sizeof err), 0);
	ledger_run *runs = NULL;
	size_t n = 0;
	assert_int_equal(ledger_runs_in_state(l, "interrupted", &runs, &n, err, sizeof err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(runs[0].run, r1);
	assert_int_equal(runs[0].pid, 1);
	free(runs);
	assert_int_equal(ledger_runs_in_state(l, "running", &runs, &n, err, sizeof err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(runs[0].run, r2);
	free(runs);
	assert_int_equal(ledger_run_set_state(l, r2, "bogus", NULL, err, sizeof err), -1);
	ledger_close(l);

	/* A reader opens it without creating anything. */
	assert_int_equal(ledger_open(path, 0, &l, err, sizeof err), 0);
	assert_int_equal(ledger_runs_in_state(l, "running", &runs, &n, err, sizeof err), 0);
	assert_int_equal(n, 1);
	free(runs);
	ledger_close(l);
	char other[4200];
	snprintf(other, sizeof other, "%s/none.sqlite", d);
	assert_int_equal(ledger_open(other, 0, &l, err, sizeof err), -1);
	assert_int_equal(fs_exists(other), 0);
	snprintf(other, sizeof other, "%s/empty.sqlite", d);
	write_file(other, "");
	assert_int_equal(ledger_open(other, 0, &l, err, sizeof err), -1);
	assert_non_null(strstr(err, "not a shokai ledger"));
	rmtree(d);
	free(d);
}

/* The ledger's tables have no place for a PIN. */
static void test_no_pin_column(void **state)
{
	(void)state;
	char *d = tmpdir(), path[4200];
	ledger *l = open_new(d, path, sizeof path);
	ledger_close(l);
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p"
		" WHERE m.type = 'table'", -1, &st, NULL), SQLITE_OK);
	int cols = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 1);
		assert_null(strcasestr(c, "pin"));
		cols++;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_true(cols > 20);
	rmtree(d);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_mkdirs_and_atomic_write),
		cmocka_unit_test(test_move),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_lifecycle),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_record_is_atomic),
		cmocka_unit_test(test_runs_and_reopen),
		cmocka_unit_test(test_no_pin_column),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
