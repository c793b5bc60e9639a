/*
** pipeline.c — drive each page of a file through the stages and decide.
*/
#include "pipeline.h"

#include <jansson.h>
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "model.h"
#include "page.h"
#include "pixutil.h"

/* A page with less dark area than this, margins excluded, is blank. A form
** prints frames and text over several per cent of the page; a blank duplex
** back, even with show-through, stays far below. */
#define BLANK_INK_MAX 0.002

/* Registration worse than this cannot place 7 mm cells reliably. */
#define RESIDUAL_MAX_MM 0.5

typedef struct {
	char serial[SERIAL_LEN + 1];
	char file[256];
	int page;
} seen_serial;

struct shokai_ctx {
	form_model model;
	identifier *idf;
	int as_of;
	seen_serial *seen;
	int nseen, capseen;
	char *detail; /* detail_json of the page being reported */
};

int shokai_open(const shokai_config *cfg, shokai_ctx **out, char *err, size_t errlen)
{
	*out = NULL;
	shokai_ctx *c = calloc(1, sizeof *c);
	if (!c) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	c->as_of = cfg->as_of;
	if (model_load(cfg->model_path, &c->model, err, errlen) != 0) {
		free(c);
		return -1;
	}
	if (identifier_new(&c->idf) != 0) {
		snprintf(err, errlen, "cannot create the barcode reader");
		free(c);
		return -1;
	}
	*out = c;
	return 0;
}

void shokai_close(shokai_ctx *c)
{
	if (!c)
		return;
	identifier_free(c->idf);
	free(c->seen);
	free(c->detail);
	free(c);
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

/* The earlier page with this serial in this run, or NULL; remembers it. */
static const seen_serial *note_serial(shokai_ctx *c, const char *serial,
				      const char *file, int page)
{
	for (int i = 0; i < c->nseen; i++)
		if (!strcmp(c->seen[i].serial, serial))
			return &c->seen[i];
	if (c->nseen == c->capseen) {
		int cap = c->capseen ? 2 * c->capseen : 64;
		seen_serial *n = realloc(c->seen, (size_t)cap * sizeof *n);
		if (!n)
			return NULL;
		c->seen = n;
		c->capseen = cap;
	}
	seen_serial *s = &c->seen[c->nseen++];
	snprintf(s->serial, sizeof s->serial, "%s", serial);
	snprintf(s->file, sizeof s->file, "%.255s", base_name(file));
	s->page = page;
	return NULL;
}

static void set_review(page_result *r, defect d, const char *why)
{
	r->dec = DEC_REVIEW;
	r->defects |= DEFECT_BIT(d);
	if (why && !r->error[0])
		snprintf(r->error, sizeof r->error, "%s", why);
}

/* Extra keys of the result line: what the stages found, and the reasons in
** Japanese for counter staff. Never a PIN. */
static void build_detail(shokai_ctx *c, const page_result *r, const page_image *pi,
			 const seen_serial *dup)
{
	json_t *o = json_object();
	json_object_set_new(o, "id_source", r->id_source ? json_string(r->id_source) : json_null());
	if (pi) {
		static const char *modes[] = {"colour", "grey", "bitonal"};
		json_object_set_new(o, "scan_mode", json_string(modes[pi->mode]));
		json_object_set_new(o, "rotation", json_integer(pi->quads * 90));
		json_object_set_new(o, "ink", json_real(pi->ink));
		if (pi->registered) {
			json_t *g = json_object();
			json_object_set_new(g, "rms_mm", json_real(pi->reg.rms_mm));
			json_object_set_new(g, "max_mm", json_real(pi->reg.max_mm));
			json_object_set_new(g, "dpi", json_real(pi->reg.px_per_mm * 25.4));
			json_object_set_new(g, "skew_deg", json_real(pi->reg.skew_deg));
			const affine *t = &pi->mm2stored;
			json_object_set_new(g, "xform", json_pack("[ffffff]", t->a, t->b, t->c,
								  t->d, t->e, t->f));
			json_object_set_new(o, "registration", g);
		}
	}
	if (r->payload.serial[0]) {
		json_object_set_new(o, "rid", json_string(r->payload.rid));
		json_object_set_new(o, "muni", json_string(r->payload.muni));
	}
	if (dup) {
		json_t *d = json_object();
		json_object_set_new(d, "file", json_string(dup->file));
		json_object_set_new(d, "page", json_integer(dup->page));
		json_object_set_new(o, "duplicate_of", d);
	}
	json_t *ja = json_array();
	for (int i = 0; i < DF_COUNT; i++)
		if (r->defects & DEFECT_BIT(i))
			json_array_append_new(ja, json_string(defect_text_ja((defect)i)));
	json_object_set_new(o, "reasons_ja", ja);
	if (r->error[0])
		json_object_set_new(o, "note", json_string(r->error));
	free(c->detail);
	c->detail = json_dumps(o, JSON_COMPACT);
	json_decref(o);
}

static void process_page(shokai_ctx *c, PIX *pix, page_result *r)
{
	page_image pi;
	int rc = page_analyse(c->idf, &c->model, pix, &pi);
	const seen_serial *dup = NULL;
	r->rotation = pi.quads * 90;
	r->ink = pi.ink;
	r->registered = pi.registered;
	if (pi.registered) {
		r->residual_mm = pi.reg.rms_mm;
		r->max_residual_mm = pi.reg.max_mm;
		r->px_per_mm = pi.reg.px_per_mm;
		r->skew_deg = pi.reg.skew_deg;
	}
	if (pi.id.qr_found && pi.id.qr_status == PAYLOAD_OK) {
		r->identified = 1;
		r->id_source = "qr";
		r->payload = pi.id.payload;
		memcpy(r->serial, pi.id.payload.serial, sizeof r->serial);
	} else if (pi.id.code128_found) {
		r->identified = 1;
		r->id_source = "code128";
		memcpy(r->serial, pi.id.code128_serial, sizeof r->serial);
	}

	if (rc < 0) {
		set_review(r, DF_UNIDENTIFIED, pi.why);
	} else if (!r->identified) {
		if (pi.ink < BLANK_INK_MAX)
			r->dec = DEC_BLANK;
		else
			set_review(r, DF_UNIDENTIFIED, pi.why);
	} else if ((dup = note_serial(c, r->serial, r->file, r->page)) != NULL) {
		set_review(r, DF_DUPLICATE, "serial already seen in this run");
	} else if (!r->id_source || strcmp(r->id_source, "qr") != 0) {
		/* Without the payload there is no rid, expiry or print date. */
		set_review(r, DF_LOW_CONFIDENCE, "QR code unreadable; serial from the barcode only");
	} else if (!pi.registered) {
		set_review(r, DF_LOW_CONFIDENCE, pi.why);
	} else if (pi.reg.max_mm > RESIDUAL_MAX_MM) {
		set_review(r, DF_LOW_CONFIDENCE, "registration residual too large");
	} else {
		/* Recognition and the rules are not wired in yet. */
		set_review(r, DF_LOW_CONFIDENCE, "recognition not available");
	}
	build_detail(c, r, &pi, dup);
	r->detail_json = c->detail;
	page_image_free(&pi);
}

int shokai_process_file(shokai_ctx *c, const char *path, page_cb cb, void *arg)
{
	char err[256] = "";
	ingest_doc *doc = NULL;
	page_result r;
	if (ingest_open(path, &doc, err, sizeof err) != 0) {
		memset(&r, 0, sizeof r);
		snprintf(r.file, sizeof r.file, "%s", path);
		r.page = 1;
		r.read_error = 1;
		set_review(&r, DF_UNIDENTIFIED, err);
		build_detail(c, &r, NULL, NULL);
		r.detail_json = c->detail;
		cb(&r, arg);
		return 1;
	}
	int n = ingest_npages(doc);
	for (int i = 0; i < n; i++) {
		memset(&r, 0, sizeof r);
		snprintf(r.file, sizeof r.file, "%s", path);
		r.page = i + 1;
		PIX *pix = ingest_page(doc, i, err, sizeof err);
		if (!pix) {
			r.read_error = 1;
			set_review(&r, DF_UNIDENTIFIED, err);
			build_detail(c, &r, NULL, NULL);
			r.detail_json = c->detail;
		} else {
			process_page(c, pix, &r);
			pix_wipe_destroy(&pix);
		}
		cb(&r, arg);
	}
	ingest_close(doc);
	return n;
}
