/*
** ledger.h — the SQLite ledger of every file and page `shokai batch` has
** decided: what makes a nightly run exactly-once.
**
** A file is known by the SHA-256 of its bytes and moves through
**
**   claimed  → a run started on it (attempts counts the tries)
**   recorded → all its pages and its archive name, in one transaction
**   archived → it has been moved to the archive
**
** A file whose pages are recorded is never processed again; one that is
** recorded but not archived is moved by the next run's recovery. The
** database runs in WAL mode with synchronous=FULL, so a commit is on disk
** before the file is moved. It holds no PIN: pages carry the decision,
** defect codes, serial and the pipeline's PIN-free detail only.
*/
#ifndef SHOKAI_LEDGER_H
#define SHOKAI_LEDGER_H

#include <limits.h>
#include <stdio.h>

#include "defects.h"
#include "payload.h"

#define LEDGER_RUN_LEN 48
#define LEDGER_NAME_LEN 256
#define LEDGER_TIME_LEN 32

typedef struct ledger ledger;

typedef enum { LF_NONE = 0, LF_CLAIMED, LF_RECORDED, LF_ARCHIVED } ledger_file_state;

typedef struct {
	char sha256[65];
	char name[LEDGER_NAME_LEN];   /* base name in the inbox */
	ledger_file_state state;
	char run[LEDGER_RUN_LEN];     /* run that claimed or recorded it */
	char src_path[PATH_MAX];      /* where it was in the inbox */
	char archive_path[PATH_MAX];  /* where it goes ("" before recorded) */
	int attempts;                 /* claims so far */
	int pages;
} ledger_file;

/* A page as recorded. For ledger_record the first block is input and the
** dup_* block is output; for reading it is all filled from the database
** (strings then valid during the callback only). */
typedef struct {
	int page;
	char serial[SERIAL_LEN + 1]; /* "" when not identified */
	decision dec;
	defect_set defects;
	const char *error;  /* "" or why the page could not be read */
	const char *detail; /* JSON object text from the pipeline, or NULL */

	/* The earlier page with the same serial, when there is one: this page
	** is then REVIEW with DUPLICATE. */
	int dup;
	char dup_sha256[65];
	char dup_file[LEDGER_NAME_LEN];
	int dup_page;
	char dup_run[LEDGER_RUN_LEN];

	/* read back only */
	const char *sha256, *file, *run, *recorded_at, *archive_path;
} ledger_page;

typedef struct {
	char run[LEDGER_RUN_LEN];
	char out_dir[PATH_MAX];
	char started[LEDGER_TIME_LEN];
	char state[16];
	long pid;
} ledger_run;

/* Open (creating when create is set) the ledger; new files are 0600. */
int ledger_open(const char *path, int create, ledger **out, char *err, size_t errlen);
void ledger_close(ledger *l);

/* Start a run: its id ("YYYYMMDD-HHMMSS-rN") is made here and written to
** run; its output folder is out_base/<id>, written to out_dir. */
int ledger_run_begin(ledger *l, long pid, int as_of, const char *out_base,
		     char run[LEDGER_RUN_LEN], char *out_dir, size_t out_dir_len,
		     char *err, size_t errlen);
/* state: "done", "interrupted" or "recovered"; summary may be NULL. */
int ledger_run_set_state(ledger *l, const char *run, const char *state, const char *summary,
			 char *err, size_t errlen);
/* Runs in a state, oldest first; *out is malloc'ed. */
int ledger_runs_in_state(ledger *l, const char *state, ledger_run **out, size_t *n,
			 char *err, size_t errlen);

/* 1 and *f filled when the file is known, 0 when not, -1 on error. */
int ledger_file_get(ledger *l, const char *sha256, ledger_file *f, char *err, size_t errlen);
/* Claim a file that is unknown or only claimed; *attempts gets the number
** of claims including this one. Fails for a recorded file. */
int ledger_file_claim(ledger *l, const char *sha256, const char *name, const char *src_path,
		      long long size, const char *run, int *attempts, char *err, size_t errlen);
/* In one transaction: check that the file is not recorded yet, look up each
** serial among earlier pages (marking this page REVIEW/DUPLICATE with a
** pointer), insert every page, and set the file recorded with its archive
** name. Returns 0; 1 when the file was already recorded (nothing changed);
** -1 on error (nothing changed). */
int ledger_record(ledger *l, const char *sha256, const char *name, const char *src_path,
		  const char *archive_path, const char *run, ledger_page *pages, size_t n,
		  char *err, size_t errlen);
/* The file is in the archive (at archive_path, when not NULL). note may be NULL. */
int ledger_file_archived(ledger *l, const char *sha256, const char *archive_path,
			 const char *note, char *err, size_t errlen);
/* Files in a state, oldest first; *out is malloc'ed. */
int ledger_files_in_state(ledger *l, ledger_file_state st, ledger_file **out, size_t *n,
			  char *err, size_t errlen);
/* 1 if a recorded (not yet moved) file is bound for archive_path. */
int ledger_archive_path_reserved(ledger *l, const char *archive_path, char *err, size_t errlen);

typedef int (*ledger_page_cb)(const ledger_page *p, void *arg);
/* Every page of a run (run NULL: every page), in the order recorded. A
** non-zero return from cb stops the walk and is returned. */
int ledger_pages(ledger *l, const char *run, ledger_page_cb cb, void *arg, char *err,
		 size_t errlen);

/* One JSON object a line: sha256, file, page, serial, decision, defects,
** run, recorded, archive, error, duplicate_of. */
int ledger_export_jsonl(ledger *l, FILE *out, char *err, size_t errlen);
int ledger_list_files(ledger *l, FILE *out, char *err, size_t errlen);
int ledger_list_runs(ledger *l, FILE *out, char *err, size_t errlen);
/* Consistency checks; prints each problem to out; *problems gets the count. */
int ledger_check(ledger *l, FILE *out, int *problems, char *err, size_t errlen);

const char *ledger_state_str(ledger_file_state st);

/* The page as a JSON object (the export line); the caller json_decref()s. */
struct json_t;
struct json_t *ledger_page_json(const ledger_page *p);
/* The "duplicate_of" pointer of a page (sha256, file, page, run). */
struct json_t *ledger_dup_json(const ledger_page *p);

#endif
