/*
** batch.c — `shokai batch`: one unattended run over a scanner's inbox.
**
** The exactly-once protocol, per file (identified by the SHA-256 of its
** bytes, so a name reused by the scanner is a different file and a copy of
** a file already decided is recognised):
**
**   1. claim     ledger: files row 'claimed', attempts + 1      (commit)
**   2. process   shokai_process_file → pages in memory
**   3. record    ledger: every page + files row 'recorded' with the
**                archive name it will get                     (one commit)
**   4. publish   the pages go to this run's results writer
**   5. move      rename into archive/YYYY-MM-DD/ (copy + fsync + rename +
**                unlink across file systems), fsync both folders
**   6. archived  ledger: files row 'archived'                  (commit)
**
** A kill before 3 leaves nothing recorded: the next run processes the file
** again. A kill after 3 leaves the pages recorded once: the next run's
** recovery finishes step 5–6 from the ledger and never processes the file
** again. Results of a run that died before publishing are rebuilt from the
** ledger by the next run, so each page also reaches exactly one published
** results.jsonl. Two runs never overlap: flock() on <ledger>.lock and on
** the inbox folder.
**
** Review pictures (--review-pictures) are written during step 2 into
** OUT/DAY/RUN/review/, a folder of this run alone, so a name the scanner
** reuses on another night never meets an earlier picture. Each page's
** detail JSON names its picture by that absolute path, and step 3 records
** it. A picture is complete (written to a hidden temporary, renamed) before
** the pages that name it are recorded, so:
**   kill before 3: the pictures already written stay behind in the dead
**     run's folder, named by nothing; the next run processes the file again
**     and writes them anew into its own folder. The orphans are masked
**     like every picture; a half-written temporary is swept when the dead
**     run's results are rebuilt.
**   kill after 3: the ledger names pictures that exist; the next run
**     rebuilds the dead run's results into the dead run's folder, next to
**     its review/ folder, so every review_picture path still holds.
** The folder is never moved or emptied by shokai; removing old runs is the
** office's retention policy.
*/
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "fsutil.h"
#include "pipeline.h"
#include "results.h"

/* ---- small helpers ------------------------------------------------------ */

/* snprintf that truncates quietly: every buffer here is big enough for
** real paths, and a cut log line or note is harmless. */
static int strfmt(char *dst, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int strfmt(char *dst, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(dst, n, fmt, ap);
	va_end(ap);
	return k;
}

typedef struct {
	char *s;
	size_t n, cap;
} sbuf;

static void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int need = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (need < 0)
		return;
	if (b->n + (size_t)need + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 1024;
		while (cap < b->n + (size_t)need + 1)
			cap *= 2;
		char *p = realloc(b->s, cap);
		if (!p)
			return; /* the report loses a line; the ledger does not */
		b->s = p;
		b->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
	va_end(ap);
	b->n += (size_t)need;
}

/* A file waiting to be processed, and what processing found. */
typedef struct task {
	char path[PATH_MAX];
	char name[LEDGER_NAME_LEN];
	char sha[FS_SHA256_HEX];
	struct stat st;
	int attempts;
	int quarantine; /* interrupted too often: record one REVIEW page */
	page_result *pages;
	char **details; /* owned copies of pages[i].detail_json */
	size_t n, cap;
	int oom;
	struct task *next;
} task;

typedef struct {
	const shokai_settings *s; /* points to sc */
	shokai_settings sc;       /* the settings with absolute paths */
	batch_outcome *o;
	ledger *led;
	int lock_fd, inbox_fd;
	char lock_path[PATH_MAX];
	char model[PATH_MAX], profile[PATH_MAX];
	int as_of;
	char run[LEDGER_RUN_LEN];
	char out_dir[PATH_MAX];
	char review_dir[PATH_MAX]; /* out_dir/review, or "" without pictures */
	char day[16]; /* YYYY-MM-DD: the archive and output folder of this run */
	char archive_day[PATH_MAX];
	int archive_day_ready;
	results_writer *rw;
	int rw_broken;
	int stop; /* a fatal error: take no more files */
	sbuf report;
	char crash_at[64]; /* SHOKAI_CRASHPOINT, for the crash tests */
	int crash_n, crash_hits;
	shokai_ctx **ctx;
	int nctx;
	char why[512]; /* the first failure, for the summary line */
} batch;

static const char *const level_names[] = {"ERROR", "WARN", "INFO", "DEBUG"};

static void blog(const batch *b, int lvl, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void blog(const batch *b, int lvl, const char *fmt, ...)
{
	if (lvl > b->s->log_level)
		return;
	char msg[2048], ts[32];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(stderr, "%s shokai[%ld] %s %s\n", ts, (long)getpid(), level_names[lvl], msg);
	if (b->s->use_syslog) {
		static const int prio[] = {LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG};
		syslog(prio[lvl], "%s %s", level_names[lvl], msg);
	}
}

/* Test hook: SHOKAI_CRASHPOINT=name[:N] kills the process with SIGKILL the
** N-th time (default first) the run reaches the named step. */
static void crashpoint(batch *b, const char *name)
{
	if (!b->crash_at[0] || strcmp(b->crash_at, name) != 0)
		return;
	if (++b->crash_hits >= b->crash_n) {
		fflush(NULL);
		raise(SIGKILL);
	}
}

static void move_step(const char *stage, void *arg)
{
	char name[64];
	strfmt(name, sizeof name, "move-%s", stage);
	crashpoint(arg, name);
}

static void failure(batch *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void failure(batch *b, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	b->o->failed++;
	if (!b->why[0])
		strfmt(b->why, sizeof b->why, "%s", msg);
	blog(b, LOG_LVL_ERROR, "%s", msg);
	sb_printf(&b->report, "FAILED  %s\n", msg);
}

static int join_path(char *out, size_t n, const char *dir, const char *name)
{
	int k = strfmt(out, n, "%s/%s", dir, name);
	return (k < 0 || (size_t)k >= n) ? -1 : 0;
}

/* ---- locking ------------------------------------------------------------ */

/* 0 locked, 1 busy, -1 error. The lock file holds the holder's pid. */
static int take_locks(batch *b)
{
	strfmt(b->lock_path, sizeof b->lock_path, "%s.lock", b->s->ledger);
	b->lock_fd = open(b->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (b->lock_fd < 0) {
		failure(b, "cannot open lock %s: %s", b->lock_path, strerror(errno));
		return -1;
	}
	int how = LOCK_EX | (b->s->wait_lock ? 0 : LOCK_NB);
	while (flock(b->lock_fd, how) != 0) {
		if (errno == EINTR)
			continue;
		if (errno == EWOULDBLOCK) {
			char pid[32] = "";
			ssize_t k = pread(b->lock_fd, pid, sizeof pid - 1, 0);
			if (k > 0) {
				pid[k] = '\0';
				pid[strcspn(pid, "\n")] = '\0';
			}
			strfmt(b->why, sizeof b->why, "another run (pid %s) holds %s",
				 pid[0] ? pid : "?", b->lock_path);
			blog(b, LOG_LVL_WARN, "%s; nothing done", b->why);
			return 1;
		}
		failure(b, "cannot lock %s: %s", b->lock_path, strerror(errno));
		return -1;
	}
	char pid[32];
	int k = strfmt(pid, sizeof pid, "%ld\n", (long)getpid());
	if (ftruncate(b->lock_fd, 0) != 0 || pwrite(b->lock_fd, pid, (size_t)k, 0) != k)
		blog(b, LOG_LVL_DEBUG, "cannot write pid to %s", b->lock_path);

	/* The inbox too: a run with another ledger must not take these files. */
	b->inbox_fd = open(b->s->inbox, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (b->inbox_fd < 0) {
		failure(b, "cannot open inbox %s: %s", b->s->inbox, strerror(errno));
		return -1;
	}
	while (flock(b->inbox_fd, how) != 0) {
		if (errno == EINTR)
			continue;
		if (errno == EWOULDBLOCK) {
			strfmt(b->why, sizeof b->why, "another run holds the inbox %s", b->s->inbox);
			blog(b, LOG_LVL_WARN, "%s; nothing done", b->why);
			return 1;
		}
		failure(b, "cannot lock inbox %s: %s", b->s->inbox, strerror(errno));
		return -1;
	}
	return 0;
}

/* ---- the archive -------------------------------------------------------- */

static int ensure_archive_day(batch *b)
{
	if (b->archive_day_ready)
		return 0;
	char err[512];
	if (fs_mkdirs(b->archive_day, 0700, err, sizeof err) != 0) {
		failure(b, "archive: %s", err);
		return -1;
	}
	b->archive_day_ready = 1;
	return 0;
}

/* A name in today's archive folder that is free on disk and not promised
** to a recorded file: NAME, then STEM-<sha8>.EXT, then STEM-<sha8>-K.EXT. */
static int pick_archive_name(batch *b, const char *name, const char *sha, char *out, size_t n)
{
	char err[512];
	if (ensure_archive_day(b) != 0)
		return -1;
	const char *dot = strrchr(name, '.');
	int stem = dot && dot != name ? (int)(dot - name) : (int)strlen(name);
	const char *ext = dot && dot != name ? dot : "";
	for (int k = 0; k < 100; k++) {
		char cand[LEDGER_NAME_LEN + 32];
		if (k == 0)
			strfmt(cand, sizeof cand, "%s", name);
		else if (k == 1)
			strfmt(cand, sizeof cand, "%.*s-%.8s%s", stem, name, sha, ext);
		else
			strfmt(cand, sizeof cand, "%.*s-%.8s-%d%s", stem, name, sha, k, ext);
		if (join_path(out, n, b->archive_day, cand) != 0) {
			failure(b, "archive path too long for %s", name);
			return -1;
		}
		int e = fs_exists(out);
		if (e < 0) {
			failure(b, "cannot look at %s: %s", out, strerror(errno));
			return -1;
		}
		if (e)
			continue;
		int r = ledger_archive_path_reserved(b->led, out, err, sizeof err);
		if (r < 0) {
			failure(b, "%s", err);
			return -1;
		}
		if (!r)
			return 0;
	}
	failure(b, "no free archive name for %s in %s", name, b->archive_day);
	return -1;
}

static void remove_marker(batch *b, const char *src)
{
	if (!b->s->done_suffix[0])
		return;
	char marker[PATH_MAX];
	if (strfmt(marker, sizeof marker, "%s%s", src, b->s->done_suffix) >= (int)sizeof marker)
		return;
	if (unlink(marker) == 0)
		blog(b, LOG_LVL_DEBUG, "removed done-marker %s", marker);
}

/* ---- recovery ----------------------------------------------------------- */

/* 1 when path holds the bytes with this SHA-256, 0 when not, -1 on error. */
static int same_bytes(const char *path, const char *sha)
{
	char hex[FS_SHA256_HEX], err[256];
	if (fs_sha256_file(path, hex, NULL, err, sizeof err) != 0)
		return -1;
	return strcmp(hex, sha) == 0;
}

/* A file recorded by a run that did not finish moving it. */
static void recover_move(batch *b, const ledger_file *f)
{
	char err[512], tmp[PATH_MAX];
	const char *src = f->src_path, *dst = f->archive_path;
	if (fs_move_tmpname(dst, tmp, sizeof tmp) == 0 && unlink(tmp) == 0)
		blog(b, LOG_LVL_INFO, "removed the partial copy %s", tmp);
	int src_e = fs_exists(src), dst_e = fs_exists(dst);
	int src_ours = src_e == 1 ? same_bytes(src, f->sha256) : 0;
	int dst_ours = dst_e == 1 ? same_bytes(dst, f->sha256) : 0;
	const char *note = NULL;
	char newdst[PATH_MAX];

	if (src_e < 0 || dst_e < 0 || src_ours < 0 || dst_ours < 0) {
		failure(b, "recovery of %s: cannot read %s or %s", f->name, src, dst);
		return;
	}
	if (dst_ours) {
		/* Moved already; a copy across file systems may have left the
		** original behind. */
		if (src_ours) {
			if (unlink(src) != 0 || fs_fsync_parent(src, err, sizeof err) != 0) {
				failure(b, "recovery of %s: cannot remove %s: %s", f->name, src,
					strerror(errno));
				return;
			}
		}
	} else if (src_ours) {
		if (dst_e) {
			/* Someone else's file took the name: pick another. */
			if (pick_archive_name(b, f->name, f->sha256, newdst, sizeof newdst) != 0)
				return;
			dst = newdst;
		} else {
			char dir[PATH_MAX];
			if (fs_dirname(dst, dir, sizeof dir) != 0 ||
			    fs_mkdirs(dir, 0700, err, sizeof err) != 0) {
				failure(b, "recovery of %s: %s", f->name, err);
				return;
			}
		}
		if (fs_move_steps(src, dst, move_step, b, err, sizeof err) != 0) {
			failure(b, "recovery of %s: %s", f->name, err);
			return;
		}
	} else {
		note = "not found in the inbox or the archive at recovery";
		blog(b, LOG_LVL_WARN, "%s (recorded by run %s) is %s", f->name, f->run, note);
	}
	remove_marker(b, src);
	crashpoint(b, "recovery-moved");
	if (ledger_file_archived(b->led, f->sha256, dst, note, err, sizeof err) != 0) {
		failure(b, "recovery of %s: %s", f->name, err);
		return;
	}
	b->o->recovered_files++;
	blog(b, LOG_LVL_INFO, "recovered %s (%d pages recorded by run %s) -> %s", f->name,
	     f->pages, f->run, dst);
	sb_printf(&b->report, "RECOVERED  %s  pages=%d  run=%s  -> %s\n", f->name, f->pages,
		  f->run, dst);
}

static char *merged_detail(const char *detail, const char *sha, const char *archive,
			   const char *run, const ledger_page *p)
{
	json_t *o = detail ? json_loads(detail, 0, NULL) : NULL;
	if (!json_is_object(o)) {
		json_decref(o);
		o = json_object();
	}
	json_object_set_new(o, "sha256", json_string(sha));
	if (archive && *archive)
		json_object_set_new(o, "archive", json_string(archive));
	json_object_set_new(o, "run", json_string(run));
	if (p->dup)
		json_object_set_new(o, "duplicate_of", ledger_dup_json(p));
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	return s;
}

typedef struct {
	batch *b;
	results_writer *w;
	int pages, review, failed;
	sbuf *rep;
} rebuild_state;

static int rebuild_page(const ledger_page *p, void *arg)
{
	rebuild_state *st = arg;
	page_result r;
	memset(&r, 0, sizeof r);
	strfmt(r.file, sizeof r.file, "%s", p->file);
	r.page = p->page;
	strfmt(r.serial, sizeof r.serial, "%s", p->serial);
	r.identified = p->serial[0] != '\0';
	r.dec = p->dec;
	r.defects = p->defects;
	strfmt(r.error, sizeof r.error, "%s", p->error ? p->error : "");
	char *detail = merged_detail(p->detail, p->sha256, p->archive_path, p->run, p);
	r.detail_json = detail;
	if (results_add(st->w, &r) != 0)
		st->failed = 1;
	free(detail);
	st->pages++;
	if (p->dec == DEC_REVIEW) {
		st->review++;
		sb_printf(st->rep, "REVIEW  %s page %d%s%s\n", p->file, p->page,
			  p->error && p->error[0] ? ": " : "", p->error ? p->error : "");
	}
	return 0;
}

static int count_page(const ledger_page *p, void *arg)
{
	(void)p;
	(*(int *)arg)++;
	return 0;
}

/* Remove the hidden temporary files a killed writer left in a run folder. */
static void sweep_temporaries(batch *b, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] != '.' || !strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char p[PATH_MAX];
		if (join_path(p, sizeof p, dir, e->d_name) == 0 && unlink(p) == 0)
			blog(b, LOG_LVL_DEBUG, "removed leftover %s", p);
	}
	closedir(d);
}

/* Publish the results of a run that died: from the ledger, so that every
** recorded page reaches exactly one results.jsonl. */
static int rebuild_run(batch *b, const ledger_run *r)
{
	char err[512], path[PATH_MAX];
	int npages = 0;
	if (ledger_pages(b->led, r->run, count_page, &npages, err, sizeof err) != 0) {
		failure(b, "%s", err);
		return -1;
	}
	int have_dir = r->out_dir[0] && fs_exists(r->out_dir) == 1;
	if (!r->out_dir[0] || (npages == 0 && !have_dir))
		return 0; /* nothing was recorded or published */
	int published = 1;
	static const char *const names[] = {"results.jsonl", "results.csv", "report.txt"};
	for (int i = 0; i < 3; i++)
		if (join_path(path, sizeof path, r->out_dir, names[i]) != 0 || fs_exists(path) != 1)
			published = 0;
	if (published)
		return 0; /* it died after publishing, before saying so */

	sweep_temporaries(b, r->out_dir);
	if (join_path(path, sizeof path, r->out_dir, "review") == 0)
		sweep_temporaries(b, path); /* a picture cut short by the kill */
	sbuf rep = {0};
	rebuild_state st = {.b = b, .rep = &rep};
	if (results_open(r->out_dir, &st.w, err, sizeof err) != 0) {
		failure(b, "rebuilding run %s: %s", r->run, err);
		return -1;
	}
	if (ledger_pages(b->led, r->run, rebuild_page, &st, err, sizeof err) != 0 || st.failed) {
		results_abort(st.w);
		free(rep.s);
		failure(b, "rebuilding run %s: %s", r->run, st.failed ? "cannot write" : err);
		return -1;
	}
	results_summary sum;
	if (results_close(st.w, &sum, err, sizeof err) != 0) {
		free(rep.s);
		failure(b, "rebuilding run %s: %s", r->run, err);
		return -1;
	}
	char line[256];
	results_summary_line(&sum, line, sizeof line);
	sbuf head = {0};
	sb_printf(&head,
		  "shokai batch report\nrun: %s\nstarted: %s\nstate: interrupted before it "
		  "finished; results rebuilt from the ledger by run %s\n%s\n\n",
		  r->run, r->started, b->run, line);
	if (rep.s)
		sb_printf(&head, "%s", rep.s);
	free(rep.s);
	int bad = join_path(path, sizeof path, r->out_dir, "report.txt") != 0 ||
		  fs_write_atomic(path, head.s ? head.s : "", head.n, 0600, err, sizeof err) != 0;
	free(head.s);
	if (bad) {
		failure(b, "rebuilding run %s: %s", r->run, err);
		return -1;
	}
	b->o->recovered_runs++;
	b->o->recovered_pages += st.pages;
	b->o->recovered_review += st.review;
	blog(b, LOG_LVL_INFO, "run %s was interrupted: its %d recorded pages are now in %s",
	     r->run, st.pages, r->out_dir);
	sb_printf(&b->report, "RECOVERED  run %s: %d pages (%d review) -> %s\n", r->run,
		  st.pages, st.review, r->out_dir);
	return 0;
}

/* We hold the lock: a run still marked running is dead. */
static int mark_dead_runs(batch *b)
{
	char err[512];
	ledger_run *runs = NULL;
	size_t nruns = 0;
	if (ledger_runs_in_state(b->led, "running", &runs, &nruns, err, sizeof err) != 0) {
		failure(b, "%s", err);
		return -1;
	}
	for (size_t i = 0; i < nruns; i++) {
		blog(b, LOG_LVL_WARN, "run %s (pid %ld, started %s) did not finish", runs[i].run,
		     runs[i].pid, runs[i].started);
		if (ledger_run_set_state(b->led, runs[i].run, "interrupted", NULL, err, sizeof err) != 0) {
			free(runs);
			failure(b, "%s", err);
			return -1;
		}
	}
	free(runs);
	return 0;
}

/* Finish the moves of recorded files; publish the results of dead runs. */
static int recover(batch *b)
{
	char err[512];
	ledger_run *runs = NULL;
	size_t nruns = 0;
	ledger_file *files = NULL;
	size_t nfiles = 0;
	if (ledger_files_in_state(b->led, LF_RECORDED, &files, &nfiles, err, sizeof err) != 0) {
		failure(b, "%s", err);
		return -1;
	}
	for (size_t i = 0; i < nfiles; i++)
		recover_move(b, &files[i]);
	free(files);

	if (ledger_runs_in_state(b->led, "interrupted", &runs, &nruns, err, sizeof err) != 0) {
		failure(b, "%s", err);
		return -1;
	}
	for (size_t i = 0; i < nruns; i++) {
		if (rebuild_run(b, &runs[i]) != 0)
			continue; /* stays interrupted: the next run tries again */
		crashpoint(b, "rebuilt");
		if (ledger_run_set_state(b->led, runs[i].run, "recovered", NULL, err, sizeof err) != 0)
			failure(b, "%s", err);
	}
	free(runs);
	return 0;
}

/* ---- the inbox ---------------------------------------------------------- */

static int has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && !strcasecmp(s + a - b, suf);
}

static int is_scan_name(const char *name)
{
	static const char *const exts[] = {".tif", ".tiff", ".png", ".jpg", ".jpeg", ".pnm",
					   ".pbm", ".pgm", ".ppm"};
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
		if (has_suffix(name, exts[i]))
			return 1;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Regular files of the inbox that look like scans, sorted by name. */
static int list_inbox(batch *b, char ***names, size_t *n)
{
	*names = NULL;
	*n = 0;
	int fd = dup(b->inbox_fd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		failure(b, "cannot read inbox %s: %s", b->s->inbox, strerror(errno));
		return -1;
	}
	rewinddir(d);
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		const char *nm = e->d_name;
		if (nm[0] == '.')
			continue; /* hidden, or a transfer in progress */
		if (b->s->done_suffix[0] && has_suffix(nm, b->s->done_suffix))
			continue;
		struct stat st;
		if (fstatat(b->inbox_fd, nm, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (!is_scan_name(nm) || strlen(nm) >= LEDGER_NAME_LEN) {
			b->o->ignored++;
			blog(b, LOG_LVL_DEBUG, "ignoring %s: not a scan file name", nm);
			continue;
		}
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			char **p = realloc(*names, cap * sizeof *p);
			if (!p)
				break;
			*names = p;
		}
		if (((*names)[*n] = strdup(nm)) != NULL)
			(*n)++;
	}
	closedir(d);
	if (*n)
		qsort(*names, *n, sizeof **names, cmp_str);
	return 0;
}

static int same_stat(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_dev == b->st_dev && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* 1 ready (t filled), 0 not complete yet, -1 error. */
static int check_complete(batch *b, const char *name, task *t)
{
	char err[512];
	struct stat st0, st2;
	if (join_path(t->path, sizeof t->path, b->s->inbox, name) != 0) {
		failure(b, "path too long: %s", name);
		return -1;
	}
	strfmt(t->name, sizeof t->name, "%s", name);
	if (lstat(t->path, &st0) != 0)
		return 0; /* gone meanwhile */
	if (b->s->done_suffix[0]) {
		char marker[PATH_MAX];
		strfmt(marker, sizeof marker, "%s%s", t->path, b->s->done_suffix);
		if (fs_exists(marker) != 1) {
			blog(b, LOG_LVL_INFO, "%s: waiting for its done-marker", name);
			return 0;
		}
	} else {
		/* ctime moves on every write and cannot be set back by the
		** writer, unlike mtime. */
		time_t now = time(NULL);
		time_t last = st0.st_ctim.tv_sec > st0.st_mtim.tv_sec ? st0.st_ctim.tv_sec
									: st0.st_mtim.tv_sec;
		if (last > now)
			last = st0.st_ctim.tv_sec; /* an mtime in the future: trust ctime */
		if (now - last < b->s->settle) {
			blog(b, LOG_LVL_INFO, "%s: changed %lds ago; waiting until it has been "
			     "still for %ds", name, (long)(now - last), b->s->settle);
			return 0;
		}
	}
	if (fs_sha256_file(t->path, t->sha, &t->st, err, sizeof err) != 0) {
		if (fs_exists(t->path) == 0)
			return 0; /* gone meanwhile */
		failure(b, "%s", err);
		return -1;
	}
	if (stat(t->path, &st2) != 0 || !same_stat(&t->st, &st2) || !same_stat(&st0, &st2)) {
		blog(b, LOG_LVL_INFO, "%s: changed while being read; waiting", name);
		return 0;
	}
	return 1;
}

/* ---- processing --------------------------------------------------------- */

static void collect(const page_result *r, void *arg)
{
	task *t = arg;
	if (t->oom)
		return;
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 4;
		page_result *p = realloc(t->pages, cap * sizeof *p);
		char **d = p ? realloc(t->details, cap * sizeof *d) : NULL;
		if (p)
			t->pages = p;
		if (!p || !d) {
			t->oom = 1;
			return;
		}
		t->details = d;
		t->cap = cap;
	}
	t->pages[t->n] = *r;
	t->details[t->n] = r->detail_json ? strdup(r->detail_json) : NULL;
	if (r->detail_json && !t->details[t->n])
		t->oom = 1;
	t->pages[t->n].detail_json = t->details[t->n];
	t->n++;
}

static void task_free(task *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->details[i]);
	free(t->details);
	free(t->pages);
	free(t);
}

static void process_task(shokai_ctx *ctx, task *t)
{
	if (t->quarantine) {
		page_result r;
		memset(&r, 0, sizeof r);
		strfmt(r.file, sizeof r.file, "%s", t->path);
		r.page = 1;
		r.dec = DEC_REVIEW;
		r.read_error = 1;
		strfmt(r.error, sizeof r.error,
			 "processing was interrupted %d times; check this file by hand",
			 t->attempts - 1);
		collect(&r, t);
		return;
	}
	shokai_process_file(ctx, t->path, collect, t);
}

static int open_contexts(batch *b, int n)
{
	char err[512];
	shokai_config cfg = {
		.model_path = b->model,
		.profile_path = b->profile[0] ? b->profile : NULL,
		.registry_path = b->s->registry,
		.models_dir = b->s->models_dir[0] ? b->s->models_dir : NULL,
		.as_of = b->as_of,
	};
	/* Pictures go into this run's own folder, created before the first
	** file is processed; its path is final, so the ledger may record it. */
	if (b->s->review_pictures) {
		if (join_path(b->review_dir, sizeof b->review_dir, b->out_dir, "review") != 0) {
			b->review_dir[0] = '\0';
			failure(b, "review pictures: path too long in %s", b->out_dir);
			return -1;
		}
		if (fs_mkdirs(b->review_dir, 0700, err, sizeof err) != 0) {
			b->review_dir[0] = '\0';
			failure(b, "review pictures: %s", err);
			return -1;
		}
		cfg.review_dir = b->review_dir;
	}
	b->ctx = calloc((size_t)n, sizeof *b->ctx);
	if (!b->ctx) {
		failure(b, "out of memory");
		return -1;
	}
	for (int i = 0; i < n; i++) {
		if (shokai_open(&cfg, &b->ctx[i], err, sizeof err) != 0) {
			failure(b, "cannot start the pipeline: %s", err);
			return -1;
		}
		b->nctx++;
	}
	if (n > 0 && shokai_warning(b->ctx[0]))
		blog(b, LOG_LVL_WARN, "%s", shokai_warning(b->ctx[0]));
	return 0;
}

static int ensure_results(batch *b)
{
	char err[512];
	if (b->rw)
		return 0;
	if (b->rw_broken)
		return -1;
	if (fs_mkdirs(b->out_dir, 0700, err, sizeof err) != 0 ||
	    results_open(b->out_dir, &b->rw, err, sizeof err) != 0) {
		b->rw_broken = 1;
		b->stop = 1;
		failure(b, "results: %s", err);
		return -1;
	}
	return 0;
}

static void tally(batch_outcome *o, const page_result *r)
{
	o->pages++;
	switch (r->dec) {
	case DEC_ACCEPT: o->accept++; break;
	case DEC_REJECT: o->reject++; break;
	case DEC_REINQUIRY: o->reinquiry++; break;
	case DEC_REVIEW: o->review++; break;
	case DEC_BLANK: o->blank++; break;
	}
	if (r->read_error)
		o->errors++;
}

/* Steps 3–6 for a processed file (main thread only). */
static void finish_task(batch *b, task *t)
{
	char err[512], dst[PATH_MAX];
	struct stat now;
	if (t->oom) {
		failure(b, "%s: out of memory", t->name);
		return;
	}
	if (!t->quarantine && (stat(t->path, &now) != 0 || !same_stat(&t->st, &now))) {
		b->o->waiting++;
		blog(b, LOG_LVL_WARN, "%s changed while it was processed; left for the next run",
		     t->name);
		return;
	}
	if (t->n == 0) { /* the pipeline promises a page; do not lose the file */
		page_result r;
		memset(&r, 0, sizeof r);
		r.page = 1;
		r.dec = DEC_REVIEW;
		r.read_error = 1;
		strfmt(r.error, sizeof r.error, "no page could be read");
		collect(&r, t);
	}
	if (ensure_results(b) != 0)
		return;
	if (pick_archive_name(b, t->name, t->sha, dst, sizeof dst) != 0) {
		b->stop = 1;
		return;
	}
	ledger_page *lp = calloc(t->n, sizeof *lp);
	if (!lp) {
		failure(b, "%s: out of memory", t->name);
		return;
	}
	for (size_t i = 0; i < t->n; i++) {
		const page_result *r = &t->pages[i];
		lp[i].page = r->page;
		strfmt(lp[i].serial, sizeof lp[i].serial, "%s", r->serial);
		lp[i].dec = r->dec;
		lp[i].defects = r->defects;
		lp[i].error = r->error;
		lp[i].detail = r->detail_json;
	}
	int rc = ledger_record(b->led, t->sha, t->name, t->path, dst, b->run, lp, t->n, err,
			       sizeof err);
	if (rc != 0) {
		if (rc > 0)
			blog(b, LOG_LVL_WARN, "%s was recorded meanwhile; left alone", t->name);
		else {
			failure(b, "%s: %s", t->name, err);
			b->stop = 1;
		}
		free(lp);
		return;
	}
	crashpoint(b, "recorded");

	int review = 0;
	for (size_t i = 0; i < t->n; i++) {
		page_result r = t->pages[i];
		strfmt(r.file, sizeof r.file, "%s", t->name);
		r.dec = lp[i].dec;
		r.defects = lp[i].defects;
		char *detail = merged_detail(t->pages[i].detail_json, t->sha, dst, b->run, &lp[i]);
		r.detail_json = detail;
		if (results_add(b->rw, &r) != 0 && !b->rw_broken) {
			/* The pages are in the ledger: the next run publishes them. */
			b->rw_broken = 1;
			b->stop = 1;
			failure(b, "results: cannot write in %s", b->out_dir);
		}
		free(detail);
		tally(b->o, &r);
		if (r.dec == DEC_REVIEW) {
			review++;
			if (lp[i].dup)
				sb_printf(&b->report, "REVIEW  %s page %d: serial %s was recorded "
					  "before: %s page %d (run %s)\n", t->name, r.page,
					  r.serial, lp[i].dup_file, lp[i].dup_page, lp[i].dup_run);
			else
				sb_printf(&b->report, "REVIEW  %s page %d%s%s\n", t->name, r.page,
					  r.error[0] ? ": " : "", r.error);
		}
		if (lp[i].dup)
			blog(b, LOG_LVL_INFO, "%s page %d: serial %s already recorded (%s page %d, "
			     "run %s): REVIEW/DUPLICATE", t->name, r.page, r.serial,
			     lp[i].dup_file, lp[i].dup_page, lp[i].dup_run);
	}
	free(lp);
	b->o->files++;
	if (t->quarantine)
		b->o->quarantined++;
	crashpoint(b, "published");

	if (fs_move_steps(t->path, dst, move_step, b, err, sizeof err) != 0) {
		/* Recorded but not moved: the next run's recovery moves it. */
		failure(b, "%s: %s", t->name, err);
		return;
	}
	crashpoint(b, "moved");
	remove_marker(b, t->path);
	if (ledger_file_archived(b->led, t->sha, NULL, NULL, err, sizeof err) != 0) {
		failure(b, "%s: %s", t->name, err);
		b->stop = 1;
		return;
	}
	crashpoint(b, "archived");
	blog(b, LOG_LVL_INFO, "%s: %zu page%s recorded%s%.0d%s -> %s", t->name, t->n,
	     t->n == 1 ? "" : "s", review ? " (" : "", review, review ? " to review)" : "", dst);
	sb_printf(&b->report, "FILE  %s  pages=%zu  sha256=%.16s  -> %s\n", t->name, t->n,
		  t->sha, dst);
}

/* Claim a ready file; 0 ok (t->quarantine may be set), -1 error. */
static int claim(batch *b, task *t)
{
	char err[512];
	if (ledger_file_claim(b->led, t->sha, t->name, t->path, (long long)t->st.st_size, b->run,
			      &t->attempts, err, sizeof err) != 0) {
		failure(b, "%s: %s", t->name, err);
		b->stop = 1;
		return -1;
	}
	if (t->attempts > 1)
		blog(b, LOG_LVL_WARN, "%s: try %d (an earlier run stopped while processing it)",
		     t->name, t->attempts);
	if (b->s->max_attempts > 0 && t->attempts > b->s->max_attempts) {
		t->quarantine = 1;
		blog(b, LOG_LVL_ERROR, "%s: processing was interrupted %d times; recording it "
		     "for review without processing", t->name, t->attempts - 1);
	}
	crashpoint(b, "claimed");
	return 0;
}

/* A second copy of a file whose pages are recorded: archive it, record
** nothing. */
static void archive_copy(batch *b, task *t, const ledger_file *f)
{
	char err[512], dst[PATH_MAX];
	b->o->already++;
	if (pick_archive_name(b, t->name, t->sha, dst, sizeof dst) != 0)
		return;
	if (fs_move_steps(t->path, dst, move_step, b, err, sizeof err) != 0) {
		failure(b, "%s: %s", t->name, err);
		return;
	}
	remove_marker(b, t->path);
	blog(b, LOG_LVL_WARN, "%s: the same bytes were recorded before (%s, run %s, %d pages); "
	     "this copy moved to %s without recording it again", t->name, f->name, f->run,
	     f->pages, dst);
	sb_printf(&b->report, "ALREADY  %s  same bytes as %s (run %s) -> %s\n", t->name, f->name,
		  f->run, dst);
}

/* ---- worker threads (--jobs N) ------------------------------------------ */

typedef struct {
	pthread_mutex_t mu;
	pthread_cond_t cv_todo, cv_done;
	task *todo, *done;
	int stop;
	shokai_ctx *ctx;
} pool_shared;

typedef struct {
	pool_shared *ps;
	shokai_ctx *ctx;
} worker_arg;

static void push(task **q, task *t)
{
	t->next = NULL;
	while (*q)
		q = &(*q)->next;
	*q = t;
}

static void *worker(void *arg)
{
	worker_arg *wa = arg;
	pool_shared *ps = wa->ps;
	pthread_mutex_lock(&ps->mu);
	for (;;) {
		while (!ps->todo && !ps->stop)
			pthread_cond_wait(&ps->cv_todo, &ps->mu);
		if (!ps->todo)
			break;
		task *t = ps->todo;
		ps->todo = t->next;
		pthread_mutex_unlock(&ps->mu);
		process_task(wa->ctx, t);
		pthread_mutex_lock(&ps->mu);
		push(&ps->done, t);
		pthread_cond_signal(&ps->cv_done);
	}
	pthread_mutex_unlock(&ps->mu);
	return NULL;
}

/* Wait for one finished task and record it (outside the mutex). */
static void drain_one(batch *b, pool_shared *ps, int *inflight)
{
	pthread_mutex_lock(&ps->mu);
	while (!ps->done)
		pthread_cond_wait(&ps->cv_done, &ps->mu);
	task *t = ps->done;
	ps->done = t->next;
	pthread_mutex_unlock(&ps->mu);
	(*inflight)--;
	crashpoint(b, "processed");
	finish_task(b, t);
	task_free(t);
}

/* ---- the run ------------------------------------------------------------ */

/* Take every complete file of the inbox through claim → archived. */
static void take_files(batch *b)
{
	char **names = NULL;
	size_t n = 0;
	if (list_inbox(b, &names, &n) != 0)
		return;
	int jobs = b->s->jobs;
	pool_shared ps;
	pthread_t *threads = NULL;
	worker_arg *wargs = NULL;
	int nthreads = 0, inflight = 0;

	for (size_t i = 0; i < n && !b->stop; i++) {
		task *t = calloc(1, sizeof *t);
		if (!t) {
			failure(b, "out of memory");
			break;
		}
		int ready = check_complete(b, names[i], t);
		if (ready <= 0) {
			if (ready == 0) {
				b->o->waiting++;
				sb_printf(&b->report, "WAITING  %s  (not complete yet)\n", names[i]);
			}
			task_free(t);
			continue;
		}
		char err[512];
		ledger_file f;
		int known = ledger_file_get(b->led, t->sha, &f, err, sizeof err);
		if (known < 0) {
			failure(b, "%s", err);
			task_free(t);
			b->stop = 1;
			break;
		}
		if (known && f.state == LF_ARCHIVED) {
			archive_copy(b, t, &f);
			task_free(t);
			continue;
		}
		if (known && f.state == LF_RECORDED) {
			/* Recovery could not move it; it said why above. */
			blog(b, LOG_LVL_WARN, "%s is recorded but not archived yet; left alone",
			     t->name);
			task_free(t);
			continue;
		}
		if (!b->ctx && open_contexts(b, jobs) != 0) {
			task_free(t);
			b->stop = 1;
			break;
		}
		if (claim(b, t) != 0) {
			task_free(t);
			break;
		}
		if (jobs == 1) {
			process_task(b->ctx[0], t);
			crashpoint(b, "processed");
			finish_task(b, t);
			task_free(t);
			continue;
		}
		if (!threads) {
			memset(&ps, 0, sizeof ps);
			pthread_mutex_init(&ps.mu, NULL);
			pthread_cond_init(&ps.cv_todo, NULL);
			pthread_cond_init(&ps.cv_done, NULL);
			threads = calloc((size_t)jobs, sizeof *threads);
			wargs = calloc((size_t)jobs, sizeof *wargs);
			if (!threads || !wargs) {
				failure(b, "out of memory");
				task_free(t);
				b->stop = 1;
				break;
			}
			for (int k = 0; k < jobs; k++) {
				wargs[k].ps = &ps;
				wargs[k].ctx = b->ctx[k];
				if (pthread_create(&threads[k], NULL, worker, &wargs[k]) != 0)
					break;
				nthreads++;
			}
			if (nthreads == 0) {
				failure(b, "cannot start worker threads");
				task_free(t);
				b->stop = 1;
				break;
			}
		}
		/* At most one file per worker is claimed and not yet recorded, so
		** a crash counts an attempt only against files really started. */
		while (inflight >= nthreads)
			drain_one(b, &ps, &inflight);
		pthread_mutex_lock(&ps.mu);
		push(&ps.todo, t);
		inflight++;
		pthread_cond_signal(&ps.cv_todo);
		pthread_mutex_unlock(&ps.mu);
	}
	if (threads) {
		while (inflight > 0)
			drain_one(b, &ps, &inflight);
		pthread_mutex_lock(&ps.mu);
		ps.stop = 1;
		pthread_cond_broadcast(&ps.cv_todo);
		pthread_mutex_unlock(&ps.mu);
		for (int k = 0; k < nthreads; k++)
			pthread_join(threads[k], NULL);
		pthread_mutex_destroy(&ps.mu);
		pthread_cond_destroy(&ps.cv_todo);
		pthread_cond_destroy(&ps.cv_done);
	}
	free(threads);
	free(wargs);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static void make_summary(batch *b)
{
	batch_outcome *o = b->o;
	if (o->exit_code == BATCH_EXIT_USAGE || (o->exit_code != BATCH_EXIT_OK && !o->run[0])) {
		/* Nothing was done: say why in the line itself. */
		strfmt(o->summary, sizeof o->summary, "shokai batch: %s nothing done: %s",
			 o->exit_code == BATCH_EXIT_USAGE  ? "USAGE"
			 : o->exit_code == BATCH_EXIT_BUSY ? "BUSY"
							   : "FAILED",
			 b->why[0] ? b->why : "see the log");
		return;
	}
	const char *word = o->exit_code == BATCH_EXIT_OK ? "OK"
			   : o->exit_code == BATCH_EXIT_REVIEW ? "REVIEW"
			   : o->exit_code == BATCH_EXIT_BUSY ? "BUSY"
			   : o->exit_code == BATCH_EXIT_USAGE ? "USAGE"
							      : "FAILED";
	strfmt(o->summary, sizeof o->summary,
		 "shokai batch: %s run=%s files=%d pages=%d accept=%d reject=%d reinquiry=%d "
		 "review=%d blank=%d errors=%d waiting=%d already=%d recovered=%d rebuilt=%d "
		 "failed=%d out=%s",
		 word, o->run[0] ? o->run : "-", o->files, o->pages, o->accept, o->reject,
		 o->reinquiry, o->review, o->blank, o->errors, o->waiting, o->already,
		 o->recovered_files, o->recovered_pages, o->failed,
		 o->out_dir[0] ? o->out_dir : "-");
}

static int exit_code_of(const batch_outcome *o)
{
	if (o->failed)
		return BATCH_EXIT_FAILURE;
	if (o->review || o->recovered_review)
		return BATCH_EXIT_REVIEW;
	return BATCH_EXIT_OK;
}

/* Publish results and report; say in the ledger how the run ended. */
static void finish_run(batch *b)
{
	char err[512], path[PATH_MAX];
	batch_outcome *o = b->o;
	int wants_folder = b->rw || o->waiting || o->already || o->failed || o->recovered_files ||
			   o->recovered_runs || b->review_dir[0];
	int published = 1;
	if (wants_folder && !b->rw && !b->rw_broken)
		ensure_results(b);
	if (b->rw) {
		results_summary sum;
		crashpoint(b, "before-publish");
		if (b->rw_broken) {
			results_abort(b->rw);
			published = 0;
		} else if (results_close(b->rw, &sum, err, sizeof err) != 0) {
			failure(b, "results: %s", err);
			published = 0;
		}
		b->rw = NULL;
		strfmt(o->out_dir, sizeof o->out_dir, "%s", b->out_dir);
	} else if (b->rw_broken) {
		published = 0;
	}
	o->exit_code = exit_code_of(o);
	make_summary(b);
	if (o->out_dir[0] && published) {
		sbuf rep = {0};
		sb_printf(&rep, "shokai batch report\nrun: %s\ninbox: %s\narchive: %s\nas-of: %d\n"
			  "%s\nexit: %d\n\n%s",
			  b->run, b->s->inbox, b->archive_day, b->as_of, o->summary, o->exit_code,
			  b->report.s ? b->report.s : "");
		if (join_path(path, sizeof path, b->out_dir, "report.txt") != 0 ||
		    fs_write_atomic(path, rep.s ? rep.s : "", rep.n, 0600, err, sizeof err) != 0) {
			failure(b, "report: %s", err);
			published = 0;
			o->exit_code = exit_code_of(o);
			make_summary(b);
		}
		free(rep.s);
	}
	crashpoint(b, "published-run");
	/* A run whose results could not be published stays "interrupted":
	** the next run rebuilds them from the ledger. */
	if (ledger_run_set_state(b->led, b->run, published ? "done" : "interrupted", o->summary,
				 err, sizeof err) != 0) {
		failure(b, "%s", err);
		o->exit_code = exit_code_of(o);
		make_summary(b);
	}
}

static int check_settings(const shokai_settings *s, char *err, size_t errlen)
{
	static const struct {
		const char *name;
		size_t off;
	} req[] = {
		{"inbox", offsetof(shokai_settings, inbox)},
		{"archive", offsetof(shokai_settings, archive)},
		{"out", offsetof(shokai_settings, out)},
		{"ledger", offsetof(shokai_settings, ledger)},
		{"registry", offsetof(shokai_settings, registry)},
	};
	for (size_t i = 0; i < sizeof req / sizeof req[0]; i++)
		if (!((const char *)s + req[i].off)[0]) {
			strfmt(err, errlen, "--%s is required (or '%s = ...' in the config file)",
				 req[i].name, req[i].name);
			return -1;
		}
	struct stat st;
	if (stat(s->inbox, &st) != 0 || !S_ISDIR(st.st_mode)) {
		strfmt(err, errlen, "inbox %s is not a folder", s->inbox);
		return -1;
	}
	if (access(s->registry, R_OK) != 0) {
		strfmt(err, errlen, "registry %s cannot be read: %s", s->registry, strerror(errno));
		return -1;
	}
	if (!strcmp(s->done_suffix, ".")) {
		strfmt(err, errlen, "done-marker must be a suffix such as .done");
		return -1;
	}
	return 0;
}

/* Create the archive, output and ledger folders (0700) and make every
** path absolute. */
static int absolute_paths(batch *b, char *err, size_t errlen)
{
	shokai_settings *s = &b->sc;
	char dir[PATH_MAX], real[PATH_MAX];
	char *const dirs[] = {s->inbox, s->archive, s->out};
	for (int i = 0; i < 3; i++) {
		if (i > 0 && fs_mkdirs(dirs[i], 0700, err, errlen) != 0)
			return -1;
		if (!realpath(dirs[i], real)) {
			strfmt(err, errlen, "%s: %s", dirs[i], strerror(errno));
			return -1;
		}
		strfmt(dirs[i], PATH_MAX, "%s", real);
	}
	if (fs_dirname(s->ledger, dir, sizeof dir) != 0 || fs_mkdirs(dir, 0700, err, errlen) != 0)
		return -1;
	if (!realpath(dir, real)) {
		strfmt(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	char base[PATH_MAX];
	strfmt(base, sizeof base, "%s", fs_basename(s->ledger));
	if (!base[0] || !strcmp(base, ".") || !strcmp(base, "..")) {
		strfmt(err, errlen, "ledger %s is not a file name", s->ledger);
		return -1;
	}
	if (strfmt(s->ledger, PATH_MAX, "%s/%s", real, base) >= PATH_MAX) {
		strfmt(err, errlen, "ledger path too long");
		return -1;
	}
	if (join_path(b->archive_day, sizeof b->archive_day, s->archive, b->day) != 0) {
		strfmt(err, errlen, "archive path too long");
		return -1;
	}
	return 0;
}

/* Folders with personal data should not be readable by others. */
static void warn_if_open(batch *b, const char *dir)
{
	struct stat st;
	if (stat(dir, &st) == 0 && (st.st_mode & 077))
		blog(b, LOG_LVL_WARN, "%s is accessible to group or others (mode %03o); it holds "
		     "personal data: chmod 700 is advised", dir, (unsigned)(st.st_mode & 0777));
}

int batch_run(const shokai_settings *s, batch_outcome *o)
{
	batch bb, *b = &bb;
	char err[512];
	memset(b, 0, sizeof *b);
	memset(o, 0, sizeof *o);
	b->sc = *s;
	b->s = s = &b->sc;
	b->o = o;
	b->lock_fd = b->inbox_fd = -1;
	umask(077);
	if (s->use_syslog)
		openlog("shokai", LOG_PID, LOG_DAEMON);

	const char *cp = getenv("SHOKAI_CRASHPOINT");
	if (cp && *cp) {
		strfmt(b->crash_at, sizeof b->crash_at, "%s", cp);
		char *colon = strchr(b->crash_at, ':');
		b->crash_n = 1;
		if (colon) {
			*colon = '\0';
			b->crash_n = atoi(colon + 1) > 0 ? atoi(colon + 1) : 1;
		}
	}

	if (check_settings(s, err, sizeof err) != 0) {
		blog(b, LOG_LVL_ERROR, "%s", err);
		strfmt(b->why, sizeof b->why, "%s", err);
		o->exit_code = BATCH_EXIT_USAGE;
		make_summary(b);
		goto out;
	}
	if (s->model[0])
		strfmt(b->model, sizeof b->model, "%s", s->model);
	else
		cli_model_path("jlis-shokaisho-v1.json", b->model, sizeof b->model);
	if (s->profile[0])
		strfmt(b->profile, sizeof b->profile, "%s", s->profile);
	else
		cli_model_path("profile-setagaya.json", b->profile, sizeof b->profile);
	b->as_of = s->as_of ? s->as_of : cli_today();
	if (access(b->model, R_OK) != 0) {
		strfmt(b->why, sizeof b->why, "form model %s cannot be read: %s (--model)", b->model,
		       strerror(errno));
		blog(b, LOG_LVL_ERROR, "%s", b->why);
		o->exit_code = BATCH_EXIT_USAGE;
		make_summary(b);
		goto out;
	}

	time_t t0 = time(NULL);
	struct tm tm;
	localtime_r(&t0, &tm);
	strftime(b->day, sizeof b->day, "%Y-%m-%d", &tm);
	/* Absolute paths: the ledger remembers where each file was and goes,
	** and the next run may start in another working folder. */
	if (absolute_paths(b, err, sizeof err) != 0) {
		failure(b, "%s", err);
		o->exit_code = BATCH_EXIT_FAILURE;
		make_summary(b);
		goto out;
	}
	int lk = take_locks(b);
	if (lk != 0) {
		o->exit_code = lk > 0 ? BATCH_EXIT_BUSY : BATCH_EXIT_FAILURE;
		make_summary(b);
		goto out;
	}
	warn_if_open(b, s->archive);
	warn_if_open(b, s->out);
	if (ledger_open(s->ledger, 1, &b->led, err, sizeof err) != 0) {
		failure(b, "%s", err);
		o->exit_code = BATCH_EXIT_FAILURE;
		make_summary(b);
		goto out;
	}

	if (mark_dead_runs(b) != 0) {
		o->exit_code = BATCH_EXIT_FAILURE;
		make_summary(b);
		goto out;
	}

	char out_base[PATH_MAX];
	if (join_path(out_base, sizeof out_base, s->out, b->day) != 0 ||
	    ledger_run_begin(b->led, (long)getpid(), b->as_of, out_base, b->run, b->out_dir,
			     sizeof b->out_dir, err, sizeof err) != 0) {
		failure(b, "%s", err);
		o->exit_code = BATCH_EXIT_FAILURE;
		make_summary(b);
		goto out;
	}
	strfmt(o->run, sizeof o->run, "%s", b->run);
	blog(b, LOG_LVL_INFO, "run %s: inbox %s, as-of %d, jobs %d", b->run, s->inbox, b->as_of,
	     s->jobs);
	crashpoint(b, "started");

	recover(b);
	take_files(b);
	finish_run(b);

out:
	for (int i = 0; i < b->nctx; i++)
		shokai_close(b->ctx[i]);
	free(b->ctx);
	if (b->rw)
		results_abort(b->rw);
	ledger_close(b->led);
	free(b->report.s);
	if (b->inbox_fd >= 0)
		close(b->inbox_fd);
	if (b->lock_fd >= 0)
		close(b->lock_fd); /* releases the locks */
	if (o->exit_code == BATCH_EXIT_OK || o->exit_code == BATCH_EXIT_REVIEW)
		blog(b, LOG_LVL_INFO, "%s", o->summary);
	if (s->use_syslog)
		closelog();
	return o->exit_code;
}
