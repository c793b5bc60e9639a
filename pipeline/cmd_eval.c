/*
** cmd_eval.c — `shokai eval BATCH_DIR`: run recognition on a sample batch
** (SPEC §8) and compare every reading with the `fields` of its truth.
**
** Prints accuracy per field and per field group, per character (digits,
** date digits included, and letters apart), letter/digit confusions, the
** date cells read below the gate and their commonest doubts, and accuracy
** per confidence bucket; never a PIN value. The last line:
**   eval: chars=… digits=… letters=… checkbox=… seal=… presence=… printed=… auto_errors=N
** auto_errors counts wrong readings at or above the confidence the decision
** step trusts (the gate). Of a PIN or phone cell the decision takes the
** kind (letter, digit or other mark: the format checks), never the
** character, so there the kind is the reading counted; the characters of
** those cells read wrong above the gate are counted apart, on their own
** line.
*/
#include <ctype.h>
#include <getopt.h>
#include <jansson.h>
#include <libgen.h>
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "ingest.h"
#include "marks.h"
#include "normalize.h"
#include "page.h"
#include "pixutil.h"
#include "recognize.h"
#include "registry.h"
#include "truth.h"

#define NBUCKET 5
static const double bucket_lo[NBUCKET] = {0, 0.5, 0.8, 0.9, 0.99};

typedef struct {
	int n, right;
} tally;

/* Every field the truth gives, for the per-field table. */
static const char *const field_names[] = {
	"printed_serial", "printed_address", "printed_name", "printed_birth", "printed_expiry",
	"cb_sign", "cb_user", "cb_kimei", "answer_seal", "mandator_seal",
	"pin_sign", "pin_user", "proxy_phone", "answer_date", "mandate_date",
	"answer_name", "mandator_name", "proxy_name", "proxy_address",
};
#define NFIELDS (int)(sizeof field_names / sizeof field_names[0])

typedef struct {
	double gate;
	tally field[NFIELDS]; /* the whole field right */
	tally checkbox, seal, presence, printed, digits, letters;
	tally kinds; /* PIN and phone cells: letter, digit or other */
	tally verified; /* printed readings checked by drawing (verify.h) */
	int letter_as_digit, digit_as_letter;
	tally bucket[NBUCKET];
	int auto_errors;
	int sure_wrong_chars; /* PIN and phone characters (not what decides) */
	int verbose;
	/* The date cells: how many, read below the gate, wrong at top-1; and
	** the doubts by true digit and the two likeliest digits (a date digit
	** is no secret). What limits the decisions (see models/README). */
	int date_cells, date_doubt, date_wrong;
	int doubt_pair[10][10][10];
} eval_state;

static void count(eval_state *e, tally *t, int right, double conf, const char *what,
		  const char *file, int page)
{
	t->n++;
	t->right += right;
	int b = 0;
	while (b + 1 < NBUCKET && conf >= bucket_lo[b + 1])
		b++;
	e->bucket[b].n++;
	e->bucket[b].right += right;
	if (!right && conf >= e->gate) {
		e->auto_errors++;
		printf("AUTO-ERROR %s p%d %s (conf %.3f)\n", file, page, what, conf);
	} else if (!right && e->verbose) {
		printf("wrong      %s p%d %s (conf %.3f)\n", file, page, what, conf);
	}
}

/* A PIN or phone cell's kind against the truth's character: letter,
** digit, or another mark. The kinds as scanned pages are read (the map
** the likeliest reading of a PIN takes, checks.c pin_best). What is
** printed names the cell, never its kind: that would tell a PIN's shape. */
static void eval_kind(eval_state *e, const cell_reading *cr, char want, const char *name,
		      int cell, const char *file, int page)
{
	double pk[3];
	cell_reading_kinds_seen(cr, &pk[0], &pk[1], &pk[2]);
	int truth = isalpha((unsigned char)want) ? 0 : isdigit((unsigned char)want) ? 1 : 2;
	int got = pk[1] > pk[0] ? 1 : 0;
	got = pk[2] > pk[got] ? 2 : got;
	char what[64];
	snprintf(what, sizeof what, "%s cell %d kind", name, cell);
	count(e, &e->kinds, got == truth, pk[got], what, file, page);
}

static void field_result(eval_state *e, const char *name, int right)
{
	for (int i = 0; i < NFIELDS; i++)
		if (!strcmp(field_names[i], name)) {
			e->field[i].n++;
			e->field[i].right += right != 0;
		}
}

static void eval_cells(eval_state *e, const cells_reading *c, const char *truth,
		       const char *name, const char *file, int page)
{
	size_t len = truth ? strlen(truth) : 0;
	int all = 1;
	for (int i = 0; i < c->n; i++) {
		const cell_reading *cr = &c->cell[i];
		int want_written = (size_t)i < len;
		char what[64];
		snprintf(what, sizeof what, "%s cell %d written", name, i + 1);
		count(e, &e->presence, cr->written.value == want_written, cr->written.conf,
		      what, file, page);
		all &= cr->written.value == want_written;
		if (!want_written)
			continue;
		char want = (char)toupper((unsigned char)truth[i]);
		int is_letter = isalpha((unsigned char)want);
		char got = cr->ncand ? cr->cand[0].ch : 0;
		double conf = cr->ncand ? cr->cand[0].p : 0;
		/* Never print the character: it may be a PIN. */
		tally *t = is_letter ? &e->letters : &e->digits;
		t->n++;
		t->right += got == want;
		e->sure_wrong_chars += got != want && conf >= e->gate;
		eval_kind(e, cr, want, name, i + 1, file, page);
		all &= got == want;
		if (got && is_letter && isdigit((unsigned char)got))
			e->letter_as_digit++;
		if (got && !is_letter && isalpha((unsigned char)got))
			e->digit_as_letter++;
	}
	field_result(e, name, all);
}

/* A date: written or not, then the digits of year, month and day. A part
** holds two digits when both of its cells are written ("07"), else the
** number in the one written cell ("7" may stand in either). */
static void eval_date(eval_state *e, const cells_reading *c, json_t *truth, const char *name,
		      const char *file, int page)
{
	static const char *parts[3] = {"year", "month", "day"};
	int any = 0;
	double conf = 1;
	for (int i = 0; i < c->n; i++) {
		any |= c->cell[i].written.value;
		conf = c->cell[i].written.conf < conf ? c->cell[i].written.conf : conf;
	}
	char what[64];
	snprintf(what, sizeof what, "%s written", name);
	int all = any == json_is_object(truth);
	count(e, &e->presence, all, conf, what, file, page);
	if (!json_is_object(truth) || !any)
		goto done;
	if (c->n != 6) {
		all = 0;
		goto done;
	}
	for (int p = 0; p < 3; p++) {
		int v = (int)json_integer_value(json_object_get(truth, parts[p]));
		const cell_reading *cell = &c->cell[2 * p];
		int nw = cell[0].written.value + cell[1].written.value;
		char want[4];
		if (nw == 2 && v >= 0 && v < 100)
			snprintf(want, sizeof want, "%02d", v);
		else if (nw == 1 && v >= 0 && v < 10)
			snprintf(want, sizeof want, "%d", v);
		else {
			all = 0; /* written in another shape than the number */
			continue;
		}
		for (int j = 0, k = 0; j < 2; j++) {
			if (!cell[j].written.value)
				continue;
			char got = cell[j].ncand ? cell[j].cand[0].ch : 0;
			double p1 = cell[j].ncand ? cell[j].cand[0].p : 0;
			snprintf(what, sizeof what, "%s cell %d character", name, 2 * p + j + 1);
			count(e, &e->digits, got == want[k], p1, what, file, page);
			all &= got == want[k];
			e->date_cells++;
			e->date_wrong += got != want[k];
			if (p1 < e->gate) {
				e->date_doubt++;
				char a = got, b = cell[j].ncand > 1 ? cell[j].cand[1].ch : 0;
				if (isdigit((unsigned char)a) && isdigit((unsigned char)b)) {
					char lo = a < b ? a : b, hi = a < b ? b : a;
					e->doubt_pair[want[k] - '0'][lo - '0'][hi - '0']++;
				}
			}
			k++;
		}
	}
done:
	field_result(e, name, all);
}

static void eval_page(eval_state *e, const page_readings *r, json_t *f, const char *file,
		      int page, const page_image *pi, const form_model *m)
{
	if (e->verbose > 2) {
		/* Cell ink, written or not (never the character). */
		static const char *cf[] = {"pin_sign", "pin_user", "proxy_phone"};
		for (int i = 0; i < 3; i++) {
			const form_field *fl = model_field(m, cf[i]);
			const char *want = json_string_value(json_object_get(f, cf[i]));
			size_t len = want ? strlen(want) : 0;
			for (int k = 0; k < fl->ncells; k++) {
				mark_measure mm;
				mark_cell(pi->gray, &fl->cells[k], PAGE_RES, &mm);
				printf("cellmeasure %d ink=%.2f extent=%.2f\n", (size_t)k < len,
				       mm.ink_mm2, mm.extent_mm);
			}
		}
	}
	if (e->verbose > 1) {
		/* The raw measures behind the seal readings, for calibration. */
		static const char *s2[] = {"answer_seal", "mandator_seal"};
		for (int i = 0; i < 2; i++) {
			mark_measure mm;
			bool_reading b = mark_seal(pi->gray, pi->red, &model_field(m, s2[i])->box,
						   PAGE_RES, &mm);
			printf("measure %s p%d %s truth=%d got=%d conf=%.3f ink=%.1f red=%.1f "
			       "big=%.1f extent=%.1f\n", file, page, s2[i],
			       json_is_true(json_object_get(f, s2[i])), b.value, b.conf, mm.ink_mm2,
			       mm.red_mm2, mm.big_mm2, mm.extent_mm);
		}
	}
	static const char *boxes[] = {"cb_sign", "cb_user", "cb_kimei"};
	for (int i = 0; i < 3; i++) {
		const bool_reading *b = readings_slot((page_readings *)r, boxes[i]);
		int right = b->value == json_is_true(json_object_get(f, boxes[i]));
		count(e, &e->checkbox, right, b->conf, boxes[i], file, page);
		field_result(e, boxes[i], right);
	}
	static const char *seals[] = {"answer_seal", "mandator_seal"};
	for (int i = 0; i < 2; i++) {
		const bool_reading *b = readings_slot((page_readings *)r, seals[i]);
		int right = b->value == json_is_true(json_object_get(f, seals[i]));
		count(e, &e->seal, right, b->conf, seals[i], file, page);
		field_result(e, seals[i], right);
	}
	static const char *lines[] = {"answer_name", "mandator_name", "proxy_name",
				      "proxy_address"};
	for (int i = 0; i < 4; i++) {
		const text_reading *t = readings_slot((page_readings *)r, lines[i]);
		char want[1024];
		const char *tw = json_string_value(json_object_get(f, lines[i]));
		if (norm_text(tw ? tw : "", want, sizeof want) < 0)
			want[0] = 0;
		int right = t->present.value == (want[0] != 0);
		count(e, &e->presence, right, t->present.conf, lines[i], file, page);
		field_result(e, lines[i], right); /* written or not */
	}
	static const char *printed[] = {"printed_serial", "printed_address", "printed_name",
					"printed_birth", "printed_expiry"};
	for (int i = 0; i < 5; i++) {
		const text_reading *t = readings_slot((page_readings *)r, printed[i]);
		/* Exact after normalisation: width, spaces, variant kanji. */
		char want[1024], got[1024];
		const char *tw = json_string_value(json_object_get(f, printed[i]));
		if (norm_text(tw ? tw : "", want, sizeof want) < 0 ||
		    norm_text(t->text, got, sizeof got) < 0)
			want[0] = 0, got[0] = 1, got[1] = 0;
		int right = !strcmp(want, got);
		count(e, &e->printed, right, t->conf, printed[i], file, page);
		if (t->verified) {
			e->verified.n++;
			e->verified.right += right;
		}
		field_result(e, printed[i], right);
		if (!right && e->verbose)
			printf("           want %s got %s\n", want, got);
	}
	eval_cells(e, &r->pin_sign, json_string_value(json_object_get(f, "pin_sign")),
		   "pin_sign", file, page);
	eval_cells(e, &r->pin_user, json_string_value(json_object_get(f, "pin_user")),
		   "pin_user", file, page);
	eval_cells(e, &r->proxy_phone, json_string_value(json_object_get(f, "proxy_phone")),
		   "proxy_phone", file, page);
	eval_date(e, &r->answer_date, json_object_get(f, "answer_date"), "answer_date", file, page);
	eval_date(e, &r->mandate_date, json_object_get(f, "mandate_date"), "mandate_date", file,
		  page);
}

/* 「date cells 1,340: below the gate 52 (3.9 %), wrong 16; doubts 1 as 1/7 6,
** 2 as 0/2 4, ...」: the five commonest doubts, by true digit and the pair. */
static void print_date_doubts(const eval_state *e)
{
	printf("date cells %d: below the gate %d (%.1f%%), wrong %d; doubts", e->date_cells,
	       e->date_doubt, e->date_cells ? 100.0 * e->date_doubt / e->date_cells : 0.0,
	       e->date_wrong);
	int left[10][10][10];
	memcpy(left, e->doubt_pair, sizeof left);
	for (int shown = 0; shown < 5; shown++) {
		int bt = -1, ba = 0, bb = 0, best = 0;
		for (int t = 0; t < 10; t++)
			for (int a = 0; a < 10; a++)
				for (int b = 0; b < 10; b++)
					if (left[t][a][b] > best)
						best = left[t][a][b], bt = t, ba = a, bb = b;
		if (bt < 0)
			break;
		printf("%s %d as %d/%d %d", shown ? "," : "", bt, ba, bb, best);
		left[bt][ba][bb] = 0;
	}
	printf("\n");
}

static double pct(const tally *t)
{
	return t->n ? 100.0 * t->right / t->n : 0;
}

int cmd_eval(int argc, char **argv)
{
	static const struct option opts[] = {
		{"verbose", no_argument, NULL, 'v'},
		{"gate", required_argument, NULL, 'g'},
		{NULL, 0, NULL, 0},
	};
	eval_state e = {.gate = 0.9};
	int c;
	while ((c = getopt_long(argc, argv, "vg:", opts, NULL)) != -1) {
		if (c == 'v')
			e.verbose++;
		else if (c == 'g')
			e.gate = atof(optarg);
		else
			return EXIT_USAGE;
	}
	if (optind != argc - 1) {
		fprintf(stderr, "usage: shokai eval [--verbose] [--gate P] BATCH_DIR\n");
		return EXIT_USAGE;
	}
	const char *dir = argv[optind];
	char path[4096], err[512], model_path[4096];
	FILE *fp = truth_open(dir, path, sizeof path);
	if (!fp) {
		cli_log("error", "%s: cannot open", path);
		return EXIT_USAGE;
	}
	form_model m;
	cli_model_path("jlis-shokaisho-v1.json", model_path, sizeof model_path);
	char model_dir[4096];
	snprintf(model_dir, sizeof model_dir, "%s", model_path);
	identifier *idf = NULL;
	recognizer *rz = NULL;
	if (model_load(model_path, &m, err, sizeof err) != 0 || identifier_new(&idf) != 0 ||
	    recognizer_new(dirname(model_dir), &rz, err, sizeof err) != 0) {
		cli_log("error", "%s", err);
		fclose(fp);
		identifier_free(idf);
		return EXIT_USAGE;
	}
	/* the default profile's town list, as a run would use it */
	profile prof;
	char prof_path[4096];
	cli_model_path("profile-setagaya.json", prof_path, sizeof prof_path);
	if (profile_load(prof_path, &prof, err, sizeof err) == 0)
		recognizer_set_towns(rz, &prof);
	/* the batch's registry, so that the printed lines are checked against
	** it as a run checks them (recognize_verify); none: read as they come */
	registry *reg = NULL;
	snprintf(path, sizeof path, "%s/residents.csv", dir);
	if (registry_open(path, &reg, err, sizeof err) != 0) {
		cli_log("warning", "%s; printed lines not checked against the registry", err);
		reg = NULL;
	}
	int forms = 0, unread = 0, page;
	json_t *t;
	while ((t = truth_next_form(fp, dir, path, sizeof path, &page))) {
		const char *file = json_string_value(json_object_get(t, "file"));
		forms++;
		PIX *pix = ingest_load_page(path, page - 1, err, sizeof err);
		page_image pi;
		page_readings r;
		if (pix && page_analyse(idf, &m, pix, &pi) == 0 &&
		    recognize_page(rz, &m, &pi, &r) == 0) {
			resident res;
			if (reg && pi.id.qr_found && pi.id.qr_status == PAYLOAD_OK &&
			    registry_lookup(reg, pi.id.payload.rid, &res) == 1)
				recognize_verify(rz, &m, &pi, res.address, res.name, res.birth,
						 pi.id.payload.exp, &r);
			eval_page(&e, &r, json_object_get(t, "fields"), file, page, &pi, &m);
			readings_wipe(&r);
		} else {
			unread++;
			printf("UNREAD %s p%d\n", file, page);
		}
		if (pix)
			page_image_free(&pi);
		pix_wipe_destroy(&pix);
		json_decref(t);
	}
	fclose(fp);
	registry_close(reg);
	recognizer_free(rz);
	identifier_free(idf);

	tally chars = {e.digits.n + e.letters.n, e.digits.right + e.letters.right};
	printf("forms %d, not read %d\n", forms, unread);
	printf("per field (the whole field right; handwritten lines: written or not):\n");
	for (int i = 0; i < NFIELDS; i++)
		printf("  %-16s %4d/%-4d %5.1f%%\n", field_names[i], e.field[i].right, e.field[i].n,
		       pct(&e.field[i]));
	printf("printed readings checked against the registry by drawing: %d, right %d\n",
	       e.verified.n, e.verified.right);
	printf("checkbox %d/%d  seal %d/%d  presence %d/%d  printed %d/%d\n", e.checkbox.right,
	       e.checkbox.n, e.seal.right, e.seal.n, e.presence.right, e.presence.n,
	       e.printed.right, e.printed.n);
	printf("characters: digits %d/%d letters %d/%d; letter read as digit %d, digit as letter %d\n",
	       e.digits.right, e.digits.n, e.letters.right, e.letters.n, e.letter_as_digit,
	       e.digit_as_letter);
	printf("PIN and phone cells: kind (letter, digit, other) right %d/%d; characters read "
	       "wrong at or above the gate %d (the decision takes the kind)\n",
	       e.kinds.right, e.kinds.n, e.sure_wrong_chars);
	print_date_doubts(&e);
	for (int b = 0; b < NBUCKET; b++)
		printf("confidence >= %.2f: %d readings, %.1f%% right\n", bucket_lo[b], e.bucket[b].n,
		       pct(&e.bucket[b]));
	printf("eval: chars=%.1f%% digits=%.1f%% letters=%.1f%% checkbox=%.1f%% seal=%.1f%% "
	       "presence=%.1f%% printed=%.1f%% auto_errors=%d\n",
	       pct(&chars), pct(&e.digits), pct(&e.letters), pct(&e.checkbox), pct(&e.seal),
	       pct(&e.presence), pct(&e.printed), e.auto_errors);
	return e.auto_errors ? EXIT_REVIEW : EXIT_DECIDED;
}
