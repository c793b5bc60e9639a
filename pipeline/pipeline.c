/*
** pipeline.c — drive each page of a file through the stages and decide.
*/
#include "pipeline.h"

#include <jansson.h>
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decide.h"
#include "fsutil.h"
#include "ingest.h"
#include "model.h"
#include "normalize.h"
#include "page.h"
#include "picture.h"
#include "pixutil.h"
#include "profile.h"
#include "recognize.h"
#include "registry.h"

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
	profile prof;
	registry *reg;       /* NULL: run without a registry */
	identifier *idf;
	recognizer *rz;
	int as_of;
	const char *review_dir;
	seen_serial *seen;
	int nseen, capseen;
	char *detail; /* detail_json of the page being reported */
	void (*readings_hook)(const char *file, int page, page_readings *rd, void *arg);
	void *hook_arg;
	unsigned date_doubts[2]; /* the page's answer and mandate date boxes in doubt */
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
	c->review_dir = cfg->review_dir;
	c->readings_hook = cfg->readings_hook;
	c->hook_arg = cfg->hook_arg;
	if (model_load(cfg->model_path, &c->model, err, errlen) != 0) {
		free(c);
		return -1;
	}
	if (profile_load(cfg->profile_path, &c->prof, err, errlen) != 0) {
		free(c);
		return -1;
	}
	/* A broken registry stops the run before any page is decided. */
	if (cfg->registry_path && registry_open(cfg->registry_path, &c->reg, err, errlen) != 0) {
		free(c);
		return -1;
	}
	if (identifier_new(&c->idf) != 0) {
		snprintf(err, errlen, "cannot create the barcode reader");
		shokai_close(c);
		return -1;
	}
	/* Trained recognisers live beside the form model unless told. */
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", cfg->model_path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = 0;
	else
		snprintf(dir, sizeof dir, ".");
	if (recognizer_new(cfg->models_dir ? cfg->models_dir : dir, &c->rz, err, errlen) != 0) {
		shokai_close(c);
		return -1;
	}
	recognizer_set_towns(c->rz, &c->prof);
	*out = c;
	return 0;
}

const char *shokai_warning(const shokai_ctx *c)
{
	if (c && !recognizer_can_verify(c->rz))
		return "font IPAexMincho not installed (fonts-ipaexfont): printed lines are "
		       "not checked against the registry by drawing them";
	return NULL;
}

void shokai_close(shokai_ctx *c)
{
	if (!c)
		return;
	identifier_free(c->idf);
	recognizer_free(c->rz);
	if (c->reg)
		registry_close(c->reg);
	free(c->seen);
	free(c->detail);
	free(c);
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
	snprintf(s->file, sizeof s->file, "%.255s", fs_basename(file));
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
static json_t *bool_json(const bool_reading *b)
{
	return json_pack("{s:b,s:f}", "value", b->value, "conf", b->conf);
}

static json_t *text_json(const text_reading *t, int with_text)
{
	json_t *o = json_pack("{s:b,s:f}", "present", t->present.value, "present_conf",
			      t->present.conf);
	if (with_text) {
		json_object_set_new(o, "text", json_string(t->text));
		json_object_set_new(o, "conf", json_real(t->conf));
		if (t->verified) /* checked against the scan by drawing it */
			json_object_set_new(o, "verified", json_true());
	}
	return o;
}

/* The two handwritten dates, for what a reviewer is told of them: the
** form field, the key of the sentence in readings, the checks that doubt. */
static const struct {
	const char *field, *key;
	defect missing, invalid;
} dates[2] = {
	{"answer_date", "answer_date_doubt_ja", DF_ANSWER_DATE_MISSING, DF_ANSWER_DATE_INVALID},
	{"mandate_date", "mandate_date_doubt_ja", DF_MANDATE_DATE_MISSING,
	 DF_MANDATE_DATE_INVALID},
};

static const cells_reading *date_reading(const page_readings *rd, int k)
{
	return k ? &rd->mandate_date : &rd->answer_date;
}

/* Where date k is unreadable, as a sentence for the reviewer under its key
** (「回答日：月の1桁目（1か6）が判読できません」). */
static void date_doubt_json(json_t *o, int k, const cells_reading *date, double gate)
{
	char what[512], line[600];
	if (date_doubt_ja(date, gate, what, sizeof what) <= 0)
		return;
	snprintf(line, sizeof line, "%s：%s", defect_place_ja(dates[k].invalid), what);
	json_object_set_new(o, dates[k].key, json_string(line));
}

/* What was read, for review screens. PIN fields say only whether they are
** present and well-formed (from the checks), never what was written. */
static json_t *readings_json(const page_readings *rd, const decision_out *d,
			     const unsigned date_doubts[2], double gate)
{
	json_t *o = json_object();
	json_object_set_new(o, "printed_address", text_json(&rd->printed_address, 1));
	json_object_set_new(o, "printed_name", text_json(&rd->printed_name, 1));
	json_object_set_new(o, "printed_birth", text_json(&rd->printed_birth, 1));
	json_object_set_new(o, "printed_expiry", text_json(&rd->printed_expiry, 1));
	json_object_set_new(o, "cb_sign", bool_json(&rd->cb_sign));
	json_object_set_new(o, "cb_user", bool_json(&rd->cb_user));
	json_object_set_new(o, "cb_kimei", bool_json(&rd->cb_kimei));
	json_object_set_new(o, "answer_seal", bool_json(&rd->answer_seal));
	json_object_set_new(o, "mandator_seal", bool_json(&rd->mandator_seal));
	json_object_set_new(o, "answer_name", text_json(&rd->answer_name, 1));
	json_object_set_new(o, "mandator_name", text_json(&rd->mandator_name, 1));
	json_object_set_new(o, "proxy_name", text_json(&rd->proxy_name, 1));
	json_object_set_new(o, "proxy_address", text_json(&rd->proxy_address, 1));
	if (d->answer_date)
		json_object_set_new(o, "answer_date", json_integer(d->answer_date));
	if (d->mandate_date)
		json_object_set_new(o, "mandate_date", json_integer(d->mandate_date));
	for (int k = 0; k < 2; k++)
		if (date_doubts[k])
			date_doubt_json(o, k, date_reading(rd, k), gate);
	if (d->address_cmp >= 0)
		json_object_set_new(o, "address_vs_registry",
				    json_string(cmp_result_str((cmp_result)d->address_cmp)));
	if (d->name_cmp >= 0)
		json_object_set_new(o, "name_vs_registry",
				    json_string(cmp_result_str((cmp_result)d->name_cmp)));
	if (d->window_start)
		json_object_set_new(o, "window_start", json_integer(d->window_start));
	json_t *unc = json_array();
	for (int i = 0; i < DF_COUNT; i++)
		if (d->uncertain & DEFECT_BIT(i))
			json_array_append_new(unc, json_string(defect_code((defect)i)));
	json_object_set_new(o, "uncertain", unc);
	return o;
}

/* A picture for the person who reviews the page: PIN fields masked, the
** doubtful fields framed. Returns 0 and the path, or -1 (nothing written). */
static int review_picture(shokai_ctx *c, const page_result *r, const page_image *pi,
			  char *path, size_t n)
{
	PIX *rgb = picture_page(pi, &c->model);
	if (!rgb)
		return -1;
	picture_mark_doubts(rgb, &c->model, r->doubts);
	for (int k = 0; k < 2; k++)
		picture_mark_cells(rgb, &c->model, dates[k].field, c->date_doubts[k]);
	int rc = picture_path(path, n, c->review_dir, r->file, r->page) == 0
			 ? pix_write_private_png(path, rgb)
			 : -1;
	pix_wipe_destroy(&rgb);
	return rc;
}

static void build_detail(shokai_ctx *c, const page_result *r, const page_image *pi,
			 const seen_serial *dup, json_t *readings)
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
	/* why a page never reached the checks, for counter staff */
	if (r->error_ja)
		json_array_append_new(ja, json_string(r->error_ja));
	/* A page the rules could not decide says where to look; so does a
	** page rejected for what is sure while other checks were undecided
	** (the supervisor checks those before the holder is told). */
	int review = (r->defects & DEFECT_BIT(DF_LOW_CONFIDENCE)) != 0;
	if ((review || r->dec == DEC_REJECT) && r->doubts) {
		char places[768];
		if (review_places_ja(r->doubts, places, sizeof places) > 0) {
			char line[800];
			snprintf(line, sizeof line, "%s%s", review ? "" : "このほか", places);
			json_array_append_new(ja, json_string(line));
		}
		/* and, for a date, which boxes (readings_json) */
		for (int k = 0; k < 2; k++) {
			json_t *s = json_object_get(readings, dates[k].key);
			if (json_is_string(s))
				json_array_append_new(ja, json_string(json_string_value(s)));
		}
		char path[4200];
		if (review && c->review_dir && pi &&
		    review_picture(c, r, pi, path, sizeof path) == 0)
			json_object_set_new(o, "review_picture", json_string(path));
	}
	json_object_set_new(o, "reasons_ja", ja);
	if (r->error[0])
		json_object_set_new(o, "note", json_string(r->error));
	if (readings)
		json_object_set_new(o, "readings", readings);
	free(c->detail);
	c->detail = json_dumps(o, JSON_COMPACT);
	json_decref(o);
}

/* Read the fields and apply the rules; returns the readings summary. */
static json_t *decide(shokai_ctx *c, const page_image *pi, page_result *r)
{
	page_readings rd;
	decision_out d;
	if (recognize_page(c->rz, &c->model, pi, &rd) != 0) {
		set_review(r, DF_LOW_CONFIDENCE, "fields could not be read");
		return NULL;
	}
	resident res;
	int found = c->reg ? registry_lookup(c->reg, r->payload.rid, &res) : 0;
	/* the printed lines checked against the registry row, before a hook
	** puts known values in place: what it puts there stands */
	if (found > 0)
		recognize_verify(c->rz, &c->model, pi, res.address, res.name, res.birth,
				 r->payload.exp, &rd);
	if (c->readings_hook)
		c->readings_hook(r->file, r->page, &rd, c->hook_arg);
	int rc = -1;
	if (!c->reg)
		rc = decide_page_noreg(&rd, &r->payload, c->as_of, &c->prof, &d);
	else if (found >= 0)
		rc = decide_page(&rd, &r->payload, found ? &res : NULL, c->as_of, &c->prof, &d);
	explicit_bzero(&res, sizeof res);
	/* the boxes of a date the checks could not decide (reasons, picture) */
	for (int k = 0; rc == 0 && k < 2; k++)
		if (d.uncertain & (DEFECT_BIT(dates[k].missing) | DEFECT_BIT(dates[k].invalid)))
			c->date_doubts[k] = date_doubt_cells(date_reading(&rd, k), c->prof.gate);
	json_t *summary = rc == 0 ? readings_json(&rd, &d, c->date_doubts, c->prof.gate) : NULL;
	/* The readings hold the PINs: wipe them as soon as the rules are done. */
	readings_wipe(&rd);
	if (rc != 0) {
		set_review(r, DF_LOW_CONFIDENCE, "rules could not be applied");
		return NULL;
	}
	r->dec = d.dec;
	r->defects = d.defects;
	r->doubts = d.uncertain;
	explicit_bzero(&d, sizeof d);
	return summary;
}

static void process_page(shokai_ctx *c, PIX *pix, page_result *r)
{
	page_image pi;
	c->date_doubts[0] = c->date_doubts[1] = 0;
	int rc = page_analyse(c->idf, &c->model, pix, &pi);
	const seen_serial *dup = NULL;
	json_t *readings = NULL;
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
		r->error_ja = "QRコードが読み取れず、バーコードの照会番号だけでは住民記録と照合できません";
	} else if (!pi.registered) {
		set_review(r, DF_LOW_CONFIDENCE, pi.why);
		r->error_ja = "用紙の四隅の位置合わせマークが見つからず、記入欄を読み取れません";
	} else if (pi.reg.max_mm > RESIDUAL_MAX_MM) {
		set_review(r, DF_LOW_CONFIDENCE, "registration residual too large");
		r->error_ja = "用紙の位置合わせの誤差が大きく、記入欄を正しく読み取れません";
	} else {
		readings = decide(c, &pi, r);
	}
	build_detail(c, r, &pi, dup, readings);
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
		build_detail(c, &r, NULL, NULL, NULL);
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
			build_detail(c, &r, NULL, NULL, NULL);
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
