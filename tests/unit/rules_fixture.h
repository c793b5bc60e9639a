/*
** rules_fixture.h — build page_readings by hand for the rules tests
** (test_checks.c, test_decide.c). The PIN characters here are made up.
*/
#ifndef SHOKAI_RULES_FIXTURE_H
#define SHOKAI_RULES_FIXTURE_H

#include <stdio.h>
#include <string.h>

#include "readings.h"

static inline bool_reading yes(double conf)
{
	return (bool_reading){1, conf};
}

static inline bool_reading no(double conf)
{
	return (bool_reading){0, conf};
}

/* One cell: ' ' or '.' empty, otherwise the character, read with conf
** (the candidate's probability, the class probability and the ink). */
static inline void set_cell(cell_reading *c, char ch, double conf)
{
	memset(c, 0, sizeof *c);
	if (ch == ' ' || ch == '.') {
		c->written = no(conf);
		return;
	}
	int letter = ch >= 'A' && ch <= 'Z';
	c->written = yes(conf);
	c->ncand = 1;
	c->cand[0].ch = ch;
	c->cand[0].p = conf;
	c->p_letter = letter ? conf : 1 - conf;
}

/* A row of n cells from a pattern (shorter patterns are padded empty). */
static inline void set_cells(cells_reading *r, int n, const char *pattern, double conf)
{
	memset(r, 0, sizeof *r);
	r->n = n;
	size_t len = strlen(pattern);
	for (int i = 0; i < n; i++)
		set_cell(&r->cell[i], (size_t)i < len ? pattern[i] : ' ', conf);
}

/* A date from its 6 cells, e.g. "070211", " 7 211" (space = empty). */
static inline void set_date(cells_reading *r, const char *six, double conf)
{
	set_cells(r, 6, six, conf);
}

static inline void set_text(text_reading *t, const char *text, double conf)
{
	memset(t, 0, sizeof *t);
	t->present = text[0] ? yes(conf) : no(conf);
	snprintf(t->text, sizeof t->text, "%s", text);
	t->conf = conf;
}

/* A complete, correct page: both certificates, 令和7年2月11日 and 10日,
** no 記名押印, every line written, a phone number. */
static inline void good_page(page_readings *r, const char *address, const char *name)
{
	memset(r, 0, sizeof *r);
	const double c = 0.999;
	set_text(&r->printed_serial, "861720001104", c);
	set_text(&r->printed_address, address, c);
	set_text(&r->printed_name, name, c);
	set_text(&r->printed_birth, "平成17年11月21日生", c);
	set_text(&r->printed_expiry, "令和7年4月2日", c);
	r->cb_sign = yes(c);
	r->cb_user = yes(c);
	r->cb_kimei = no(c);
	set_cells(&r->pin_sign, 16, "K7QM42", c);
	set_cells(&r->pin_user, 4, "5831", c);
	set_cells(&r->proxy_phone, 11, "08049270049", c);
	set_date(&r->answer_date, "070211", c);
	set_date(&r->mandate_date, "070210", c);
	set_text(&r->answer_name, "伊藤 美咲", c);
	set_text(&r->mandator_name, "伊藤 美咲", c);
	set_text(&r->proxy_name, "伊藤 花子", c);
	set_text(&r->proxy_address, "埼玉県さいたま市浦和区常盤五丁目30番2号", c);
	r->answer_seal = no(c);
	r->mandator_seal = no(c);
}

#endif
