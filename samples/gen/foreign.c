/*
** foreign.c — an envelope (長形3号, window-less, addressed by J-LIS) and an
** ID photocopy. Their layout is arbitrary: nothing reads them except to
** find that they are not forms, so the coordinates live here.
*/
#include "foreign.h"

#include <math.h>
#include <stdio.h>

#include "calendar.h"
#include "people.h"
#include "text.h"

void draw_envelope(cairo_t *cr, PangoContext *ctx, const print_model *pm, rng *r)
{
	const char *g = pm->family[PF_GOTHIC], *m = pm->family[PF_MINCHO];
	/* postcode boxes, red */
	cairo_set_source_rgb(cr, 0.85, 0.2, 0.2);
	cairo_set_line_width(cr, 0.3);
	for (int i = 0; i < 7; i++)
		cairo_rectangle(cr, 18 + i * 9.0 + (i > 2 ? 2 : 0), 12, 7, 9);
	cairo_stroke(cr);
	address a;
	address_setagaya(&a, r);
	char addr[256], name[96];
	address_format(&a, NOTE_KANJI, "　", addr, sizeof addr);
	person_name p;
	person_random(&p, r);
	person_full(&p, "　", name, sizeof name);
	char pc[8];
	snprintf(pc, sizeof pc, "154%04d", rng_int(r, 0, 9999));
	cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
	for (int i = 0; i < 7; i++) {
		char d[2] = {pc[i], 0};
		text_draw(cr, ctx, g, 6, 19.5 + i * 9.0 + (i > 2 ? 2 : 0), 16.5, d);
	}
	/* vertical address, one character per line */
	cairo_save(cr);
	double x = 95, y = 35;
	for (const char *q = addr; *q;) {
		int n = (unsigned char)*q < 0x80 ? 1 : (unsigned char)*q < 0xe0 ? 2 : 3;
		char ch[8] = {0};
		for (int i = 0; i < n; i++)
			ch[i] = q[i];
		q += n;
		text_draw(cr, ctx, m, 5.2, x, y, ch);
		y += 5.6;
		if (y > 190) {
			y = 45;
			x -= 7;
		}
	}
	cairo_restore(cr);
	y = 45;
	char full[128];
	snprintf(full, sizeof full, "%s　様", name);
	for (const char *q = full; *q;) {
		int n = (unsigned char)*q < 0x80 ? 1 : (unsigned char)*q < 0xe0 ? 2 : 3;
		char ch[8] = {0};
		for (int i = 0; i < n; i++)
			ch[i] = q[i];
		q += n;
		text_draw(cr, ctx, m, 9, 55, y, ch);
		y += 10;
	}
	cairo_set_source_rgb(cr, 0.8, 0.1, 0.1);
	cairo_set_line_width(cr, 0.5);
	cairo_rectangle(cr, 12, 40, 14, 32);
	cairo_stroke(cr);
	const char *oyaten[] = {"親", "展"};
	for (int i = 0; i < 2; i++)
		text_draw(cr, ctx, g, 9, 14.5, 49 + i * 13, oyaten[i]);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	text_draw(cr, ctx, g, 3.6, 12, 196, "電子証明書の有効期限通知書在中");
	text_draw(cr, ctx, g, 4.2, 12, 210, "地方公共団体情報システム機構");
	text_draw(cr, ctx, g, 3.0, 12, 217, "東京都千代田区一番町25番地");
	cairo_rectangle(cr, 88, 8, 24, 22);
	cairo_set_line_width(cr, 0.3);
	cairo_stroke(cr);
	text_draw(cr, ctx, g, 3.0, 90, 16, "料金後納");
	text_draw(cr, ctx, g, 3.0, 90, 22, "郵　　便");
}

void draw_idcopy(cairo_t *cr, PangoContext *ctx, const print_model *pm, rng *r)
{
	const char *g = pm->family[PF_GOTHIC], *m = pm->family[PF_MINCHO];
	cairo_set_source_rgb(cr, 0.08, 0.08, 0.08);
	text_draw(cr, ctx, g, 6.5, 18, 28, "本人確認書類（写し）");
	double x0 = rng_range(r, 18, 60), y0 = rng_range(r, 45, 70);
	double w = 85.6 * 1.4, h = 54.0 * 1.4;
	cairo_set_line_width(cr, 0.6);
	cairo_new_sub_path(cr);
	cairo_arc(cr, x0 + w - 4, y0 + 4, 4, -M_PI / 2, 0);
	cairo_arc(cr, x0 + w - 4, y0 + h - 4, 4, 0, M_PI / 2);
	cairo_arc(cr, x0 + 4, y0 + h - 4, 4, M_PI / 2, M_PI);
	cairo_arc(cr, x0 + 4, y0 + 4, 4, M_PI, 1.5 * M_PI);
	cairo_close_path(cr);
	cairo_stroke(cr);
	int kind = rng_int(r, 0, 2);
	const char *title = kind == 0 ? "運転免許証" : kind == 1 ? "健康保険被保険者証" : "住民基本台帳カード";
	text_draw(cr, ctx, g, 5, x0 + 6, y0 + 8, title);
	person_name p;
	person_random(&p, r);
	char name[96], addr[256], line[320], born[64];
	person_full(&p, "　", name, sizeof name);
	address a;
	address_anywhere(&a, r);
	address_format(&a, NOTE_KANJI, "　", addr, sizeof addr);
	cal_era_string(cal_make(rng_int(r, 1940, 2005), rng_int(r, 1, 12), rng_int(r, 1, 28)),
			born, sizeof born);
	snprintf(line, sizeof line, "氏名　%s", name);
	text_draw(cr, ctx, m, 3.6, x0 + 6, y0 + 18, line);
	snprintf(line, sizeof line, "%s生", born);
	text_draw(cr, ctx, m, 3.2, x0 + 6, y0 + 25, line);
	text_draw(cr, ctx, m, 2.6, x0 + 6, y0 + 33, addr);
	snprintf(line, sizeof line, "番号　第%06d%06d号", rng_int(r, 0, 999999), rng_int(r, 0, 999999));
	text_draw(cr, ctx, m, 3.2, x0 + 6, y0 + 42, line);
	/* the photo: a grey block in a copy */
	double gr = rng_range(r, 0.35, 0.6);
	cairo_set_source_rgb(cr, gr, gr, gr);
	cairo_rectangle(cr, x0 + w - 34, y0 + 18, 26, 32);
	cairo_fill(cr);
	/* a copy machine's grey edge where the lid did not close */
	cairo_set_source_rgba(cr, 0, 0, 0, rng_range(r, 0.05, 0.15));
	cairo_rectangle(cr, 0, 0, 210, rng_range(r, 1, 5));
	cairo_fill(cr);
}
