/*
** registry.c — load residents.csv with libcsv into an in-memory SQLite
** table and look residents up by rid.
**
** The file is fed to libcsv one physical line at a time, so that when a
** callback fires we know which line it is on: that is how errors carry a
** line number: the line on which the field in question starts (a quoted
** field may span lines). "Column" in messages is the 1-based field number.
*/
#include "registry.h"

#include <csv.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "utf8.h"

struct registry {
	sqlite3 *db;
	sqlite3_stmt *get;
	int count;
};

enum { C_RID, C_NAME, C_KANA, C_BIRTH, C_ADDRESS, C_STATUS, C_OVERSEAS, C_CARD, C_CERT, NCOLS };

static const char *const colnames[NCOLS] = {
	"rid", "name", "kana", "birth_date", "address", "status", "overseas",
	"card_expiry", "cert_expiry",
};

#define MAX_FIELDS 32

typedef struct {
	const char *path;
	registry *reg;
	sqlite3_stmt *ins, *find;
	long line;       /* physical line being parsed */
	long row_line;   /* line on which the current row started */
	int nf;          /* fields seen in the current row */
	char *f[MAX_FIELDS];
	long fline[MAX_FIELDS]; /* line on which each field starts */
	int header_done;
	int ncols;       /* fields per row, from the header */
	int col[NCOLS];  /* field index of each known column */
	int failed;
	char *err;
	size_t errlen;
} loader;

static void fail_at(loader *L, long line, int column, const char *fmt, ...)
{
	if (L->failed)
		return;
	L->failed = 1;
	int n = column > 0 ? snprintf(L->err, L->errlen, "%s:%ld:%d: ", L->path, line, column)
			   : snprintf(L->err, L->errlen, "%s:%ld: ", L->path, line);
	if (n < 0 || (size_t)n >= L->errlen)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(L->err + n, L->errlen - (size_t)n, fmt, ap);
	va_end(ap);
}

/* Well-formed UTF-8 without a NUL inside. */
static int valid_utf8(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		long c;
		int len = utf8_next(s + i, n - i, &c);
		if (!len || c == 0)
			return 0;
		i += (size_t)len;
	}
	return 1;
}

static void free_row(loader *L)
{
	for (int i = 0; i < L->nf; i++)
		free(L->f[i]);
	L->nf = 0;
}

static void on_field(void *data, size_t len, void *arg)
{
	loader *L = arg;
	if (L->failed)
		return;
	long nl = 0;
	for (size_t i = 0; i < len; i++)
		nl += ((const char *)data)[i] == '\n';
	if (L->nf == 0)
		L->row_line = L->line - nl;
	if (L->nf == MAX_FIELDS) {
		fail_at(L, L->row_line, L->nf + 1, "more than %d fields", MAX_FIELDS);
		return;
	}
	if (!valid_utf8(data, len) || memchr(data, 0, len)) {
		/* the commonest cause in a Japanese office: Excel's plain "CSV"
		** is Shift_JIS */
		fail_at(L, L->line - nl, L->nf + 1,
			"not valid UTF-8 text (Shift_JIS? save the file as \"CSV UTF-8\")");
		return;
	}
	char *s = malloc(len + 1);
	if (!s) {
		fail_at(L, L->row_line, L->nf + 1, "out of memory");
		return;
	}
	memcpy(s, data, len);
	s[len] = 0;
	L->fline[L->nf] = L->line - nl;
	L->f[L->nf++] = s;
}

static void read_header(loader *L)
{
	for (int c = 0; c < NCOLS; c++)
		L->col[c] = -1;
	for (int i = 0; i < L->nf; i++) {
		const char *h = L->f[i];
		if (i == 0 && !strncmp(h, "\xef\xbb\xbf", 3))
			h += 3; /* a byte-order mark some editors write */
		for (int c = 0; c < NCOLS; c++)
			if (!strcmp(h, colnames[c])) {
				if (L->col[c] >= 0) {
					fail_at(L, L->row_line, i + 1, "column \"%s\" appears twice", h);
					return;
				}
				L->col[c] = i;
			}
	}
	for (int c = 0; c < NCOLS; c++)
		if (L->col[c] < 0) {
			fail_at(L, L->row_line, 0, "header has no \"%s\" column", colnames[c]);
			return;
		}
	L->ncols = L->nf;
	L->header_done = 1;
}

static int valid_rid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n >= RES_RID_LEN)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] <= 0x20 || s[i] > 0x7e || s[i] == ';')
			return 0;
	return 1;
}

static int status_from_str(const char *s)
{
	for (int i = RS_RESIDENT; i <= RS_DECEASED; i++)
		if (!strcmp(s, resident_status_str((resident_status)i)))
			return i;
	return -1;
}

static void read_row(loader *L)
{
	if (L->nf != L->ncols) {
		fail_at(L, L->row_line, L->nf < L->ncols ? L->nf : L->ncols + 1,
			"expected %d fields, found %d", L->ncols, L->nf);
		return;
	}
	const char *v[NCOLS];
	for (int c = 0; c < NCOLS; c++)
		v[c] = L->f[L->col[c]];
#define AT(c) L->fline[L->col[c]], L->col[c] + 1
#define FAIL(...) do { fail_at(L, __VA_ARGS__); return; } while (0)
	if (!valid_rid(v[C_RID]))
		FAIL(AT(C_RID), "rid must be 1-%d printable ASCII characters without spaces or ';'",
			       RES_RID_LEN - 1);
	static const int text_cols[] = {C_NAME, C_KANA, C_ADDRESS};
	for (int k = 0; k < 3; k++) {
		int c = text_cols[k];
		if (strlen(v[c]) >= RES_TEXT_LEN)
			FAIL(AT(c), "%s is longer than %d bytes", colnames[c], RES_TEXT_LEN - 1);
		if (c != C_KANA && !v[c][0])
			FAIL(AT(c), "%s is empty", colnames[c]);
	}
	int status = status_from_str(v[C_STATUS]);
	if (status < 0)
		FAIL(AT(C_STATUS), "unknown status \"%.32s\" (resident, moved_out or deceased)",
			       v[C_STATUS]);
	if (strcmp(v[C_OVERSEAS], "0") && strcmp(v[C_OVERSEAS], "1"))
		FAIL(AT(C_OVERSEAS), "overseas must be 0 or 1");
	static const int date_cols[] = {C_BIRTH, C_CARD, C_CERT};
	int d[3];
	for (int k = 0; k < 3; k++) {
		int c = date_cols[k];
		d[k] = date_parse_iso(v[c]);
		if (!d[k])
			FAIL(AT(c), "%s \"%.16s\" is not a real date YYYY-MM-DD", colnames[c], v[c]);
	}

	sqlite3_stmt *q = L->find;
	sqlite3_bind_text(q, 1, v[C_RID], -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW) {
		long first = (long)sqlite3_column_int64(q, 0);
		sqlite3_reset(q);
		FAIL(AT(C_RID), "duplicate rid %s (first on line %ld)", v[C_RID], first);
	}
	sqlite3_reset(q);

	q = L->ins;
	sqlite3_bind_text(q, 1, v[C_RID], -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, v[C_NAME], -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, v[C_KANA], -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 4, d[0]);
	sqlite3_bind_text(q, 5, v[C_ADDRESS], -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 6, status);
	sqlite3_bind_int(q, 7, v[C_OVERSEAS][0] - '0');
	sqlite3_bind_int(q, 8, d[1]);
	sqlite3_bind_int(q, 9, d[2]);
	sqlite3_bind_int64(q, 10, L->row_line);
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	if (rc != SQLITE_DONE)
		FAIL(L->row_line, 0, "database: %s", sqlite3_errmsg(L->reg->db));
	L->reg->count++;
#undef AT
#undef FAIL
}

static void on_row(int term, void *arg)
{
	loader *L = arg;
	(void)term;
	if (!L->failed) {
		if (!L->header_done)
			read_header(L);
		else
			read_row(L);
	}
	free_row(L);
}

static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int registry_open(const char *path, registry **out, char *err, size_t errlen)
{
	*out = NULL;
	loader L = {.path = path, .err = err, .errlen = errlen};
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		snprintf(err, errlen, "%s: cannot open", path);
		return -1;
	}
	registry *reg = calloc(1, sizeof *reg);
	L.reg = reg;
	if (!reg || sqlite3_open_v2(":memory:", &reg->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
				    NULL) != SQLITE_OK ||
	    exec(reg->db, "CREATE TABLE resident(rid TEXT PRIMARY KEY, name TEXT, kana TEXT,"
			  " birth INTEGER, address TEXT, status INTEGER, overseas INTEGER,"
			  " card INTEGER, cert INTEGER, line INTEGER); BEGIN") ||
	    sqlite3_prepare_v2(reg->db, "INSERT INTO resident VALUES(?,?,?,?,?,?,?,?,?,?)", -1,
			       &L.ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(reg->db, "SELECT line FROM resident WHERE rid = ?", -1, &L.find,
			       NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: cannot set up the in-memory database", path);
		fclose(fp);
		sqlite3_finalize(L.ins);
		sqlite3_finalize(L.find);
		registry_close(reg);
		return -1;
	}

	struct csv_parser p;
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	while (!L.failed && (n = getline(&buf, &cap, fp)) > 0) {
		L.line++;
		if (csv_parse(&p, buf, (size_t)n, on_field, on_row, &L) != (size_t)n && !L.failed)
			fail_at(&L, L.line, L.nf + 1, "malformed CSV (%s)", csv_strerror(csv_error(&p)));
	}
	if (!L.failed && ferror(fp))
		fail_at(&L, L.line, 0, "read error");
	if (!L.failed && csv_fini(&p, on_field, on_row, &L) != 0)
		fail_at(&L, L.line, L.nf + 1, "malformed CSV at end of file (unterminated quote?)");
	if (!L.failed && !L.header_done)
		fail_at(&L, 1, 0, "empty file: no header row");
	csv_free(&p);
	free_row(&L);
	free(buf);
	fclose(fp);
	sqlite3_finalize(L.ins);
	sqlite3_finalize(L.find);
	if (!L.failed && (exec(reg->db, "COMMIT") ||
			  sqlite3_prepare_v2(reg->db,
					     "SELECT rid, name, kana, birth, address, status, overseas,"
					     " card, cert FROM resident WHERE rid = ?",
					     -1, &reg->get, NULL) != SQLITE_OK))
		fail_at(&L, L.line, 0, "database: %s", sqlite3_errmsg(reg->db));
	if (L.failed) {
		registry_close(reg);
		return -1;
	}
	*out = reg;
	return 0;
}

static void copy_col(sqlite3_stmt *q, int i, char *dst, size_t n)
{
	const unsigned char *s = sqlite3_column_text(q, i);
	snprintf(dst, n, "%s", s ? (const char *)s : "");
}

int registry_lookup(registry *reg, const char *rid, resident *out)
{
	if (!reg || !rid)
		return -1;
	sqlite3_stmt *q = reg->get;
	sqlite3_bind_text(q, 1, rid, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(q), found = 0;
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		copy_col(q, 0, out->rid, sizeof out->rid);
		copy_col(q, 1, out->name, sizeof out->name);
		copy_col(q, 2, out->kana, sizeof out->kana);
		out->birth = sqlite3_column_int(q, 3);
		copy_col(q, 4, out->address, sizeof out->address);
		out->status = (resident_status)sqlite3_column_int(q, 5);
		out->overseas = sqlite3_column_int(q, 6);
		out->card_expiry = sqlite3_column_int(q, 7);
		out->cert_expiry = sqlite3_column_int(q, 8);
		found = 1;
	} else if (rc != SQLITE_DONE) {
		found = -1;
	}
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	return found;
}

int registry_count(registry *reg)
{
	return reg ? reg->count : 0;
}

void registry_close(registry *reg)
{
	if (!reg)
		return;
	sqlite3_finalize(reg->get);
	sqlite3_close(reg->db);
	free(reg);
}

const char *resident_status_str(resident_status s)
{
	switch (s) {
	case RS_RESIDENT: return "resident";
	case RS_MOVED_OUT: return "moved_out";
	case RS_DECEASED: return "deceased";
	}
	return "?";
}
