/*
** pipeline.h — process scanned files page by page: the one entry point
** that the commands (run, batch, eval) share.
**
**   file → pages → identified → registered → readings → checks → decision
**
** A shokai_ctx holds what is loaded once per process (form model, rule
** profile, registry, OCR engines) and the serials seen in this run. It is
** not shared between threads.
*/
#ifndef SHOKAI_PIPELINE_H
#define SHOKAI_PIPELINE_H

#include <stddef.h>

#include "defects.h"
#include "payload.h"
#include "readings.h"

typedef struct {
	const char *model_path;    /* models/jlis-shokaisho-v1.json */
	const char *profile_path;  /* models/profile-setagaya.json, or NULL */
	const char *registry_path; /* residents.csv, or NULL (no registry checks) */
	const char *models_dir;    /* trained recognisers; NULL: "models" */
	int as_of;                 /* processing date, YYYYMMDD */
	const char *review_dir;    /* if set: a picture of each page the checks could
	                           ** not decide, PIN fields masked and the doubtful
	                           ** fields framed in red, is written here */
	/* Diagnostics only (tools/what-if.c), NULL in the program: called on
	** each page's readings before the rules, to put known values in place
	** of some of them and see what the decisions would be. */
	void (*readings_hook)(const char *file, int page, page_readings *rd, void *arg);
	void *hook_arg;
} shokai_config;

/* What the pipeline found on one page. Holds no PIN. */
typedef struct {
	char file[1024];      /* the path as given */
	int page;             /* 1-based within the file */
	int identified;       /* a valid payload or serial was read */
	char serial[SERIAL_LEN + 1]; /* "" when not identified */
	form_payload payload; /* valid when id_source is "qr" */
	const char *id_source; /* "qr", "code128", or NULL */
	decision dec;
	defect_set defects;
	defect_set doubts;    /* the checks that could not decide (REVIEW) */
	char error[256];      /* why a page could not be read, or "" */
	const char *error_ja; /* the same for counter staff (a static string), or NULL */
	int read_error;       /* the file or page could not be decoded */

	/* identification and registration */
	int rotation;         /* clockwise degrees applied to upright the page */
	double ink;           /* fraction of dark pixels (blank detection) */
	int registered;       /* fiducials found and transform fitted */
	double residual_mm;   /* RMS residual of the fiducial fit */
	double max_residual_mm;
	double px_per_mm;     /* measured scale (the dpi tag is not trusted) */
	double skew_deg;

	/* Extra keys for results.jsonl (readings summary without PINs,
	** confidences, Japanese reasons), as a JSON object text; owned by the
	** pipeline, valid during the callback only; may be NULL. */
	const char *detail_json;
} page_result;

typedef struct shokai_ctx shokai_ctx;

int shokai_open(const shokai_config *cfg, shokai_ctx **out, char *err, size_t errlen);
/* What an opened context cannot do as it should, for the caller to log
** (NULL when nothing): the printed face for checking printed lines missing. */
const char *shokai_warning(const shokai_ctx *ctx);
void shokai_close(shokai_ctx *ctx);

typedef void (*page_cb)(const page_result *r, void *arg);

/* Process every page of one file in order, calling cb once per page. A file
** that cannot be opened or decoded yields one REVIEW page with the reason
** in error; a page that cannot be decoded yields a REVIEW for that page.
** Returns the number of pages reported (>= 1). The input is never changed. */
int shokai_process_file(shokai_ctx *ctx, const char *path, page_cb cb, void *arg);

#endif
