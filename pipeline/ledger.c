/*
** ledger.c — the batch ledger in SQLite (WAL, synchronous=FULL).
**
** Every write is one BEGIN IMMEDIATE transaction, so a kill -9 leaves the
** database as it was before or after the step, never between. The primary
** key (sha256, page) of the pages table makes a second record of a page an
** error rather than a silent double.
*/
#include "ledger.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "errmsg.h"

struct ledger {
	sqlite3 *db;
};

static const char schema[] =
	"CREATE TABLE IF NOT EXISTS runs("
	"  id INTEGER PRIMARY KEY,"
	"  run TEXT NOT NULL UNIQUE,"
	"  pid INTEGER,"
	"  as_of INTEGER,"
	"  out_dir TEXT,"
	"  started TEXT NOT NULL,"
	"  finished TEXT,"
	"  state TEXT NOT NULL CHECK(state IN ('running','done','interrupted','recovered')),"
	"  summary TEXT);"
	"CREATE TABLE IF NOT EXISTS files("
	"  sha256 TEXT PRIMARY KEY CHECK(length(sha256) = 64),"
	"  name TEXT NOT NULL,"
	"  size INTEGER,"
	"  state TEXT NOT NULL CHECK(state IN ('claimed','recorded','archived')),"
	"  run TEXT NOT NULL,"
	"  src_path TEXT,"
	"  archive_path TEXT,"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  pages INTEGER,"
	"  claimed_at TEXT,"
	"  recorded_at TEXT,"
	"  archived_at TEXT,"
	"  note TEXT);"
	"CREATE TABLE IF NOT EXISTS pages("
	"  sha256 TEXT NOT NULL REFERENCES files(sha256),"
	"  page INTEGER NOT NULL CHECK(page >= 1),"
	"  file TEXT NOT NULL,"
	"  serial TEXT,"
	"  decision TEXT NOT NULL,"
	"  defects TEXT NOT NULL,"
	"  error TEXT,"
	"  detail TEXT,"
	"  run TEXT NOT NULL,"
	"  recorded_at TEXT NOT NULL,"
	"  dup_sha256 TEXT,"
	"  dup_page INTEGER,"
	"  PRIMARY KEY(sha256, page));"
	"CREATE INDEX IF NOT EXISTS pages_serial ON pages(serial);"
	"CREATE INDEX IF NOT EXISTS pages_run ON pages(run);"
	"CREATE INDEX IF NOT EXISTS files_state ON files(state);"
	"PRAGMA user_version = 1;";

static int dbfail(ledger *l, char *err, size_t errlen, const char *what)
{
	return err_fail(err, errlen, "ledger: %s: %s", what, sqlite3_errmsg(l->db));
}

static void now_iso(char out[LEDGER_TIME_LEN])
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	strftime(out, LEDGER_TIME_LEN, "%Y-%m-%dT%H:%M:%S%z", &tm);
}

static void copy_str(char *dst, size_t n, const unsigned char *src)
{
	snprintf(dst, n, "%s", src ? (const char *)src : "");
}

static int exec(ledger *l, const char *sql, char *err, size_t errlen)
{
	char *msg = NULL;
	if (sqlite3_exec(l->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		err_fail(err, errlen, "ledger: %s", msg ? msg : sqlite3_errmsg(l->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int begin(ledger *l, char *err, size_t errlen)
{
	return exec(l, "BEGIN IMMEDIATE", err, errlen);
}

static int commit(ledger *l, char *err, size_t errlen)
{
	if (exec(l, "COMMIT", err, errlen) == 0)
		return 0;
	sqlite3_exec(l->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

static void rollback(ledger *l)
{
	sqlite3_exec(l->db, "ROLLBACK", NULL, NULL, NULL);
}

static sqlite3_stmt *prep(ledger *l, const char *sql, char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(l->db, sql, -1, &st, NULL) != SQLITE_OK) {
		dbfail(l, err, errlen, "prepare");
		return NULL;
	}
	return st;
}

int ledger_open(const char *path, int create, ledger **out, char *err, size_t errlen)
{
	*out = NULL;
	if (create) {
		/* Create the file ourselves so that it is 0600 from the start;
		** SQLite gives its -wal and -shm files the same mode. */
		int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (fd < 0)
			return err_fail(err, errlen, "cannot create ledger %s: %s", path, strerror(errno));
		close(fd);
	}
	ledger *l = calloc(1, sizeof *l);
	if (!l)
		return err_fail(err, errlen, "out of memory");
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
	if (sqlite3_open_v2(path, &l->db, flags, NULL) != SQLITE_OK) {
		err_fail(err, errlen, "cannot open ledger %s: %s", path,
		     l->db ? sqlite3_errmsg(l->db) : "out of memory");
		sqlite3_close(l->db);
		free(l);
		return -1;
	}
	sqlite3_busy_timeout(l->db, 30000);
	if (!create) {
		/* A reader (export, check): no schema change, but the file must
		** be a ledger. */
		sqlite3_stmt *st = prep(l, "PRAGMA user_version", err, errlen);
		int v = (st && sqlite3_step(st) == SQLITE_ROW) ? sqlite3_column_int(st, 0) : -1;
		sqlite3_finalize(st);
		if (v != 1) {
			if (v >= 0)
				err_fail(err, errlen, "%s is not a shokai ledger (version %d)", path, v);
			ledger_close(l);
			return -1;
		}
		*out = l;
		return 0;
	}
	/* WAL lets `shokai ledger export` read while a batch writes;
	** synchronous=FULL makes each commit durable before we move a file. */
	if (exec(l, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
		    "PRAGMA foreign_keys=ON;",
		 err, errlen) != 0 ||
	    exec(l, "BEGIN IMMEDIATE", err, errlen) != 0) {
		ledger_close(l);
		return -1;
	}
	if (exec(l, schema, err, errlen) != 0) {
		rollback(l);
		ledger_close(l);
		return -1;
	}
	if (commit(l, err, errlen) != 0) {
		ledger_close(l);
		return -1;
	}
	*out = l;
	return 0;
}

void ledger_close(ledger *l)
{
	if (!l)
		return;
	sqlite3_close(l->db);
	free(l);
}

int ledger_run_begin(ledger *l, long pid, int as_of, const char *out_base,
		     char run[LEDGER_RUN_LEN], char *out_dir, size_t out_dir_len,
		     char *err, size_t errlen)
{
	char now[LEDGER_TIME_LEN], stamp[32];
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	now_iso(now);
	if (begin(l, err, errlen) != 0)
		return -1;
	sqlite3_stmt *st = prep(l, "SELECT IFNULL(MAX(id), 0) + 1 FROM runs", err, errlen);
	if (!st || sqlite3_step(st) != SQLITE_ROW) {
		if (st)
			dbfail(l, err, errlen, "next run number");
		sqlite3_finalize(st);
		rollback(l);
		return -1;
	}
	long long id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	snprintf(run, LEDGER_RUN_LEN, "%s-r%lld", stamp, id);
	if ((size_t)snprintf(out_dir, out_dir_len, "%s/%s", out_base, run) >= out_dir_len) {
		rollback(l);
		return err_fail(err, errlen, "output path too long");
	}
	st = prep(l, "INSERT INTO runs(id, run, pid, as_of, out_dir, started, state)"
		     " VALUES(?, ?, ?, ?, ?, ?, 'running')", err, errlen);
	if (!st) {
		rollback(l);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, run, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, pid);
	sqlite3_bind_int(st, 4, as_of);
	sqlite3_bind_text(st, 5, out_dir, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		dbfail(l, err, errlen, "insert run");
		rollback(l);
		return -1;
	}
	return commit(l, err, errlen);
}

int ledger_run_set_state(ledger *l, const char *run, const char *state, const char *summary,
			 char *err, size_t errlen)
{
	char now[LEDGER_TIME_LEN];
	now_iso(now);
	if (begin(l, err, errlen) != 0)
		return -1;
	sqlite3_stmt *st = prep(l, "UPDATE runs SET state = ?, finished = ?,"
				   " summary = IFNULL(?, summary) WHERE run = ?", err, errlen);
	if (!st) {
		rollback(l);
		return -1;
	}
	sqlite3_bind_text(st, 1, state, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	if (summary)
		sqlite3_bind_text(st, 3, summary, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_text(st, 4, run, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		dbfail(l, err, errlen, "update run");
		rollback(l);
		return -1;
	}
	return commit(l, err, errlen);
}

int ledger_runs_in_state(ledger *l, const char *state, ledger_run **out, size_t *n,
			 char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = prep(l, "SELECT run, IFNULL(out_dir, ''), started, state, pid FROM runs"
				   " WHERE state = ? ORDER BY id", err, errlen);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, state, -1, SQLITE_TRANSIENT);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			ledger_run *p = realloc(*out, cap * sizeof *p);
			if (!p) {
				sqlite3_finalize(st);
				free(*out);
				*out = NULL;
				*n = 0;
				return err_fail(err, errlen, "out of memory");
			}
			*out = p;
		}
		ledger_run *r = &(*out)[(*n)++];
		copy_str(r->run, sizeof r->run, sqlite3_column_text(st, 0));
		copy_str(r->out_dir, sizeof r->out_dir, sqlite3_column_text(st, 1));
		copy_str(r->started, sizeof r->started, sqlite3_column_text(st, 2));
		copy_str(r->state, sizeof r->state, sqlite3_column_text(st, 3));
		r->pid = (long)sqlite3_column_int64(st, 4);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return dbfail(l, err, errlen, "list runs");
	}
	return 0;
}

const char *ledger_state_str(ledger_file_state s)
{
	switch (s) {
	case LF_CLAIMED: return "claimed";
	case LF_RECORDED: return "recorded";
	case LF_ARCHIVED: return "archived";
	default: return "none";
	}
}

static ledger_file_state state_of(const unsigned char *s)
{
	if (!s)
		return LF_NONE;
	if (!strcmp((const char *)s, "claimed"))
		return LF_CLAIMED;
	if (!strcmp((const char *)s, "recorded"))
		return LF_RECORDED;
	if (!strcmp((const char *)s, "archived"))
		return LF_ARCHIVED;
	return LF_NONE;
}

#define FILE_COLS "sha256, name, state, run, IFNULL(src_path,''), IFNULL(archive_path,''), attempts, IFNULL(pages,0)"

static void file_row(sqlite3_stmt *st, ledger_file *f)
{
	copy_str(f->sha256, sizeof f->sha256, sqlite3_column_text(st, 0));
	copy_str(f->name, sizeof f->name, sqlite3_column_text(st, 1));
	f->state = state_of(sqlite3_column_text(st, 2));
	copy_str(f->run, sizeof f->run, sqlite3_column_text(st, 3));
	copy_str(f->src_path, sizeof f->src_path, sqlite3_column_text(st, 4));
	copy_str(f->archive_path, sizeof f->archive_path, sqlite3_column_text(st, 5));
	f->attempts = sqlite3_column_int(st, 6);
	f->pages = sqlite3_column_int(st, 7);
}

int ledger_file_get(ledger *l, const char *sha256, ledger_file *f, char *err, size_t errlen)
{
	sqlite3_stmt *st = prep(l, "SELECT " FILE_COLS " FROM files WHERE sha256 = ?", err, errlen);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, sha256, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st), found = 0;
	if (rc == SQLITE_ROW) {
		file_row(st, f);
		found = 1;
	} else if (rc != SQLITE_DONE) {
		sqlite3_finalize(st);
		return dbfail(l, err, errlen, "look up file");
	}
	sqlite3_finalize(st);
	return found;
}

int ledger_file_claim(ledger *l, const char *sha256, const char *name, const char *src_path,
		      long long size, const char *run, int *attempts, char *err, size_t errlen)
{
	char now[LEDGER_TIME_LEN];
	now_iso(now);
	if (begin(l, err, errlen) != 0)
		return -1;
	sqlite3_stmt *st = prep(l,
		"INSERT INTO files(sha256, name, size, state, run, src_path, attempts, claimed_at)"
		" VALUES(?1, ?2, ?3, 'claimed', ?4, ?5, 1, ?6)"
		" ON CONFLICT(sha256) DO UPDATE SET attempts = attempts + 1, run = ?4,"
		"  name = ?2, src_path = ?5, claimed_at = ?6 WHERE state = 'claimed'"
		" RETURNING attempts", err, errlen);
	if (!st) {
		rollback(l);
		return -1;
	}
	sqlite3_bind_text(st, 1, sha256, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, size);
	sqlite3_bind_text(st, 4, run, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, src_path, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*attempts = sqlite3_column_int(st, 0);
	else if (rc == SQLITE_DONE)
		err_fail(err, errlen, "ledger: %s is already recorded", name);
	else
		dbfail(l, err, errlen, "claim file");
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		rollback(l);
		return -1;
	}
	return commit(l, err, errlen);
}

static char *defects_json(defect_set d)
{
	json_t *a = json_array();
	for (int i = 0; i < DF_COUNT; i++)
		if (d & DEFECT_BIT(i))
			json_array_append_new(a, json_string(defect_code((defect)i)));
	char *s = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return s;
}

static defect_set defects_parse(const char *text)
{
	defect_set d = 0;
	json_t *a = text ? json_loads(text, 0, NULL) : NULL;
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v)
	{
		int c = json_is_string(v) ? defect_from_code(json_string_value(v)) : -1;
		if (c >= 0)
			d |= DEFECT_BIT(c);
	}
	json_decref(a);
	return d;
}

/* The first page recorded with this serial that is not itself a duplicate
** (else the first at all), other than (sha256, page) itself. */
static int find_earlier(ledger *l, sqlite3_stmt *st, ledger_page *p, const char *sha256)
{
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, p->serial, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, sha256, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, p->page);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p->dup = 1;
		copy_str(p->dup_sha256, sizeof p->dup_sha256, sqlite3_column_text(st, 0));
		p->dup_page = sqlite3_column_int(st, 1);
		copy_str(p->dup_file, sizeof p->dup_file, sqlite3_column_text(st, 2));
		copy_str(p->dup_run, sizeof p->dup_run, sqlite3_column_text(st, 3));
		return 0;
	}
	(void)l;
	return rc == SQLITE_DONE ? 0 : -1;
}

int ledger_record(ledger *l, const char *sha256, const char *name, const char *src_path,
		  const char *archive_path, const char *run, ledger_page *pages, size_t n,
		  char *err, size_t errlen)
{
	char now[LEDGER_TIME_LEN];
	now_iso(now);
	if (begin(l, err, errlen) != 0)
		return -1;
	ledger_file f;
	int known = ledger_file_get(l, sha256, &f, err, errlen);
	if (known < 0) {
		rollback(l);
		return -1;
	}
	if (known && (f.state == LF_RECORDED || f.state == LF_ARCHIVED)) {
		rollback(l);
		return 1;
	}
	sqlite3_stmt *dup = prep(l,
		"SELECT sha256, page, file, run FROM pages WHERE serial = ?1"
		" AND NOT (sha256 = ?2 AND page = ?3)"
		" ORDER BY dup_sha256 IS NOT NULL, rowid LIMIT 1", err, errlen);
	sqlite3_stmt *ins = prep(l,
		"INSERT INTO pages(sha256, page, file, serial, decision, defects, error, detail,"
		" run, recorded_at, dup_sha256, dup_page) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
		err, errlen);
	sqlite3_stmt *upd = prep(l,
		"INSERT INTO files(sha256, name, state, run, src_path, archive_path, attempts,"
		" pages, recorded_at) VALUES(?1, ?2, 'recorded', ?3, ?4, ?5, 1, ?6, ?7)"
		" ON CONFLICT(sha256) DO UPDATE SET state = 'recorded', run = ?3, name = ?2,"
		"  src_path = ?4, archive_path = ?5, pages = ?6, recorded_at = ?7",
		err, errlen);
	int rc = -1;
	if (!dup || !ins || !upd)
		goto out;
	/* The file row first: pages reference it. */
	sqlite3_bind_text(upd, 1, sha256, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(upd, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(upd, 3, run, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(upd, 4, src_path, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(upd, 5, archive_path, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(upd, 6, (int)n);
	sqlite3_bind_text(upd, 7, now, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(upd) != SQLITE_DONE) {
		dbfail(l, err, errlen, "record file");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		ledger_page *p = &pages[i];
		p->dup = 0;
		if (p->serial[0]) {
			if (find_earlier(l, dup, p, sha256) != 0) {
				dbfail(l, err, errlen, "look up serial");
				goto out;
			}
			if (p->dup) {
				p->dec = DEC_REVIEW;
				p->defects |= DEFECT_BIT(DF_DUPLICATE);
			}
		}
		char *defs = defects_json(p->defects);
		if (!defs) {
			err_fail(err, errlen, "out of memory");
			goto out;
		}
		sqlite3_reset(ins);
		sqlite3_bind_text(ins, 1, sha256, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(ins, 2, p->page);
		sqlite3_bind_text(ins, 3, name, -1, SQLITE_TRANSIENT);
		if (p->serial[0])
			sqlite3_bind_text(ins, 4, p->serial, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(ins, 4);
		sqlite3_bind_text(ins, 5, decision_str(p->dec), -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 6, defs, -1, free);
		if (p->error && p->error[0])
			sqlite3_bind_text(ins, 7, p->error, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(ins, 7);
		if (p->detail)
			sqlite3_bind_text(ins, 8, p->detail, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(ins, 8);
		sqlite3_bind_text(ins, 9, run, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 10, now, -1, SQLITE_TRANSIENT);
		if (p->dup) {
			sqlite3_bind_text(ins, 11, p->dup_sha256, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(ins, 12, p->dup_page);
		} else {
			sqlite3_bind_null(ins, 11);
			sqlite3_bind_null(ins, 12);
		}
		if (sqlite3_step(ins) != SQLITE_DONE) {
			dbfail(l, err, errlen, "record page");
			goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(dup);
	sqlite3_finalize(ins);
	sqlite3_finalize(upd);
	if (rc != 0) {
		rollback(l);
		return -1;
	}
	return commit(l, err, errlen);
}

int ledger_file_archived(ledger *l, const char *sha256, const char *archive_path,
			 const char *note, char *err, size_t errlen)
{
	char now[LEDGER_TIME_LEN];
	now_iso(now);
	if (begin(l, err, errlen) != 0)
		return -1;
	sqlite3_stmt *st = prep(l, "UPDATE files SET state = 'archived', archived_at = ?,"
				   " archive_path = IFNULL(?, archive_path), note = IFNULL(?, note)"
				   " WHERE sha256 = ? AND state IN ('recorded', 'archived')",
				err, errlen);
	if (!st) {
		rollback(l);
		return -1;
	}
	sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
	if (archive_path)
		sqlite3_bind_text(st, 2, archive_path, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 2);
	if (note)
		sqlite3_bind_text(st, 3, note, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_text(st, 4, sha256, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		dbfail(l, err, errlen, "mark archived");
		rollback(l);
		return -1;
	}
	if (sqlite3_changes(l->db) != 1) {
		rollback(l);
		return err_fail(err, errlen, "ledger: file %.12s is not recorded", sha256);
	}
	return commit(l, err, errlen);
}

int ledger_files_in_state(ledger *l, ledger_file_state s, ledger_file **out, size_t *n,
			  char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = prep(l, "SELECT " FILE_COLS " FROM files WHERE state = ? ORDER BY rowid",
				err, errlen);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, ledger_state_str(s), -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			ledger_file *p = realloc(*out, cap * sizeof *p);
			if (!p) {
				sqlite3_finalize(st);
				free(*out);
				*out = NULL;
				*n = 0;
				return err_fail(err, errlen, "out of memory");
			}
			*out = p;
		}
		file_row(st, &(*out)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return dbfail(l, err, errlen, "list files");
	}
	return 0;
}

int ledger_archive_path_reserved(ledger *l, const char *archive_path, char *err, size_t errlen)
{
	sqlite3_stmt *st = prep(l, "SELECT 1 FROM files WHERE archive_path = ? AND state = 'recorded'",
				err, errlen);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, archive_path, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return dbfail(l, err, errlen, "look up archive name");
}

int ledger_pages(ledger *l, const char *run, ledger_page_cb cb, void *arg, char *err,
		 size_t errlen)
{
	sqlite3_stmt *st = prep(l,
		"SELECT p.sha256, p.page, p.file, IFNULL(p.serial, ''), p.decision, p.defects,"
		" IFNULL(p.error, ''), p.detail, p.run, p.recorded_at, IFNULL(f.archive_path, ''),"
		" p.dup_sha256, p.dup_page, IFNULL(d.file, ''), IFNULL(d.run, '')"
		" FROM pages p JOIN files f ON f.sha256 = p.sha256"
		" LEFT JOIN pages d ON d.sha256 = p.dup_sha256 AND d.page = p.dup_page"
		" WHERE ?1 IS NULL OR p.run = ?1 ORDER BY p.rowid", err, errlen);
	if (!st)
		return -1;
	if (run)
		sqlite3_bind_text(st, 1, run, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 1);
	int rc, stop = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ledger_page p;
		memset(&p, 0, sizeof p);
		p.sha256 = (const char *)sqlite3_column_text(st, 0);
		p.page = sqlite3_column_int(st, 1);
		p.file = (const char *)sqlite3_column_text(st, 2);
		copy_str(p.serial, sizeof p.serial, sqlite3_column_text(st, 3));
		int dec = decision_from_str((const char *)sqlite3_column_text(st, 4));
		p.dec = dec < 0 ? DEC_REVIEW : (decision)dec;
		p.defects = defects_parse((const char *)sqlite3_column_text(st, 5));
		p.error = (const char *)sqlite3_column_text(st, 6);
		p.detail = (const char *)sqlite3_column_text(st, 7);
		p.run = (const char *)sqlite3_column_text(st, 8);
		p.recorded_at = (const char *)sqlite3_column_text(st, 9);
		p.archive_path = (const char *)sqlite3_column_text(st, 10);
		if (sqlite3_column_type(st, 11) != SQLITE_NULL) {
			p.dup = 1;
			copy_str(p.dup_sha256, sizeof p.dup_sha256, sqlite3_column_text(st, 11));
			p.dup_page = sqlite3_column_int(st, 12);
			copy_str(p.dup_file, sizeof p.dup_file, sqlite3_column_text(st, 13));
			copy_str(p.dup_run, sizeof p.dup_run, sqlite3_column_text(st, 14));
		}
		if ((stop = cb(&p, arg)) != 0)
			break;
	}
	sqlite3_finalize(st);
	if (stop)
		return stop;
	if (rc != SQLITE_DONE)
		return dbfail(l, err, errlen, "read pages");
	return 0;
}

json_t *ledger_dup_json(const ledger_page *p)
{
	json_t *q = json_object();
	json_object_set_new(q, "sha256", json_string(p->dup_sha256));
	json_object_set_new(q, "file", json_string(p->dup_file));
	json_object_set_new(q, "page", json_integer(p->dup_page));
	json_object_set_new(q, "run", json_string(p->dup_run));
	return q;
}

json_t *ledger_page_json(const ledger_page *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "sha256", json_string(p->sha256 ? p->sha256 : ""));
	json_object_set_new(o, "file", json_string(p->file ? p->file : ""));
	json_object_set_new(o, "page", json_integer(p->page));
	json_object_set_new(o, "serial", p->serial[0] ? json_string(p->serial) : json_null());
	json_object_set_new(o, "decision", json_string(decision_str(p->dec)));
	json_t *d = json_array();
	for (int i = 0; i < DF_COUNT; i++)
		if (p->defects & DEFECT_BIT(i))
			json_array_append_new(d, json_string(defect_code((defect)i)));
	json_object_set_new(o, "defects", d);
	json_object_set_new(o, "run", json_string(p->run ? p->run : ""));
	if (p->recorded_at)
		json_object_set_new(o, "recorded", json_string(p->recorded_at));
	if (p->archive_path && p->archive_path[0])
		json_object_set_new(o, "archive", json_string(p->archive_path));
	if (p->error && p->error[0])
		json_object_set_new(o, "error", json_string(p->error));
	if (p->dup)
		json_object_set_new(o, "duplicate_of", ledger_dup_json(p));
	return o;
}

static int export_one(const ledger_page *p, void *arg)
{
	json_t *o = ledger_page_json(p);
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (!s)
		return -2;
	int bad = fprintf((FILE *)arg, "%s\n", s) < 0;
	free(s);
	return bad ? -3 : 0;
}

int ledger_export_jsonl(ledger *l, FILE *out, char *err, size_t errlen)
{
	/* One read transaction: a consistent snapshot while a batch writes. */
	if (exec(l, "BEGIN", err, errlen) != 0)
		return -1;
	int rc = ledger_pages(l, NULL, export_one, out, err, errlen);
	sqlite3_exec(l->db, "COMMIT", NULL, NULL, NULL);
	if (rc == -2 || rc == -3)
		return err_fail(err, errlen, "cannot write the export");
	return rc;
}

int ledger_list_files(ledger *l, FILE *out, char *err, size_t errlen)
{
	sqlite3_stmt *st = prep(l,
		"SELECT sha256, state, IFNULL(pages, 0), attempts, run, name,"
		" IFNULL(archive_path, ''), IFNULL(note, '') FROM files ORDER BY rowid", err, errlen);
	if (!st)
		return -1;
	int rc;
	fprintf(out, "sha256\tstate\tpages\tattempts\trun\tname\tarchive\tnote\n");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fprintf(out, "%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\n", sqlite3_column_text(st, 0),
			sqlite3_column_text(st, 1), sqlite3_column_int(st, 2),
			sqlite3_column_int(st, 3), sqlite3_column_text(st, 4),
			sqlite3_column_text(st, 5), sqlite3_column_text(st, 6),
			sqlite3_column_text(st, 7));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : dbfail(l, err, errlen, "list files");
}

int ledger_list_runs(ledger *l, FILE *out, char *err, size_t errlen)
{
	sqlite3_stmt *st = prep(l,
		"SELECT run, state, started, IFNULL(finished, ''), IFNULL(summary, ''),"
		" IFNULL(out_dir, '') FROM runs ORDER BY id", err, errlen);
	if (!st)
		return -1;
	int rc;
	fprintf(out, "run\tstate\tstarted\tfinished\tsummary\tout\n");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fprintf(out, "%s\t%s\t%s\t%s\t%s\t%s\n", sqlite3_column_text(st, 0),
			sqlite3_column_text(st, 1), sqlite3_column_text(st, 2),
			sqlite3_column_text(st, 3), sqlite3_column_text(st, 4),
			sqlite3_column_text(st, 5));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : dbfail(l, err, errlen, "list runs");
}

int ledger_check(ledger *l, FILE *out, int *problems, char *err, size_t errlen)
{
	static const struct {
		const char *what, *sql;
	} checks[] = {
		{"integrity", "SELECT 'integrity: ' || integrity_check FROM pragma_integrity_check"
			      " WHERE integrity_check <> 'ok'"},
		{"pages of a file not recorded",
		 "SELECT f.sha256 || ' is ' || f.state || ' but has ' || COUNT(*) || ' pages'"
		 " FROM pages p JOIN files f USING(sha256) WHERE f.state = 'claimed'"
		 " GROUP BY f.sha256"},
		{"page count",
		 "SELECT f.sha256 || ': ' || IFNULL(f.pages, 0) || ' pages announced, '"
		 " || (SELECT COUNT(*) FROM pages p WHERE p.sha256 = f.sha256) || ' recorded'"
		 " FROM files f WHERE f.state IN ('recorded', 'archived')"
		 " AND IFNULL(f.pages, 0) <> (SELECT COUNT(*) FROM pages p WHERE p.sha256 = f.sha256)"},
		{"page numbering",
		 "SELECT sha256 || ': pages are not 1..' || COUNT(*) FROM pages GROUP BY sha256"
		 " HAVING MIN(page) <> 1 OR MAX(page) <> COUNT(*)"},
		{"orphan pages",
		 "SELECT p.sha256 || ' page ' || p.page || ' has no file row' FROM pages p"
		 " LEFT JOIN files f USING(sha256) WHERE f.sha256 IS NULL"},
		{"archive names",
		 "SELECT archive_path || ' is used by ' || COUNT(*) || ' files' FROM files"
		 " WHERE archive_path IS NOT NULL GROUP BY archive_path HAVING COUNT(*) > 1"},
		{"dangling duplicate pointer",
		 "SELECT p.sha256 || ' page ' || p.page || ' points to a missing page' FROM pages p"
		 " WHERE p.dup_sha256 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pages d"
		 " WHERE d.sha256 = p.dup_sha256 AND d.page = p.dup_page)"},
	};
	*problems = 0;
	for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
		sqlite3_stmt *st = prep(l, checks[i].sql, err, errlen);
		if (!st)
			return -1;
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			fprintf(out, "%s: %s\n", checks[i].what, sqlite3_column_text(st, 0));
			(*problems)++;
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return dbfail(l, err, errlen, checks[i].what);
	}
	return 0;
}
