/*
** config.c — read shokai.conf and command-line settings into one struct.
*/
#include "config.h"

#include <ctype.h>
#include <stddef.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "errmsg.h"

void settings_init(shokai_settings *s)
{
	memset(s, 0, sizeof *s);
	s->jobs = 1;
	s->settle = 60;
	s->max_attempts = 3;
	s->log_level = LOG_LVL_INFO;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int parse_date(const char *s)
{
	int y, m, d, n = 0;
	if (strlen(s) == 8 && sscanf(s, "%4d%2d%2d%n", &y, &m, &d, &n) == 3 && n == 8)
		;
	else if (strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10)
		;
	else
		return -1;
	for (const char *p = s; *p; p++)
		if (!isdigit((unsigned char)*p) && *p != '-')
			return -1;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
		return -1;
	if (d > mdays[m - 1] + (m == 2 && is_leap(y)))
		return -1;
	return y * 10000 + m * 100 + d;
}

static int parse_int(const char *v, int lo, int hi, int *out)
{
	char *end;
	errno = 0;
	long x = strtol(v, &end, 10);
	if (errno || end == v || *end || x < lo || x > hi)
		return -1;
	*out = (int)x;
	return 0;
}

static int parse_bool(const char *v, int *out)
{
	if (!*v || !strcasecmp(v, "1") || !strcasecmp(v, "yes") || !strcasecmp(v, "true") ||
	    !strcasecmp(v, "on"))
		*out = 1;
	else if (!strcasecmp(v, "0") || !strcasecmp(v, "no") || !strcasecmp(v, "false") ||
		 !strcasecmp(v, "off"))
		*out = 0;
	else
		return -1;
	return 0;
}

static const struct {
	const char *key;
	size_t off; /* offset of a char[PATH_MAX] member */
} path_keys[] = {
	{"inbox", offsetof(shokai_settings, inbox)},
	{"archive", offsetof(shokai_settings, archive)},
	{"out", offsetof(shokai_settings, out)},
	{"ledger", offsetof(shokai_settings, ledger)},
	{"registry", offsetof(shokai_settings, registry)},
	{"model", offsetof(shokai_settings, model)},
	{"profile", offsetof(shokai_settings, profile)},
	{"models-dir", offsetof(shokai_settings, models_dir)},
};

/* Yes/no settings: a bare --option on the command line means yes. */
static const struct {
	const char *key;
	size_t off; /* offset of an int member */
} flag_keys[] = {
	{"syslog", offsetof(shokai_settings, use_syslog)},
	{"wait", offsetof(shokai_settings, wait_lock)},
	{"review-pictures", offsetof(shokai_settings, review_pictures)},
};

static int flag_index(const char *key)
{
	for (size_t i = 0; i < sizeof flag_keys / sizeof flag_keys[0]; i++)
		if (!strcmp(key, flag_keys[i].key))
			return (int)i;
	return -1;
}

int settings_is_flag(const char *key)
{
	return flag_index(key) >= 0;
}

int settings_set(shokai_settings *s, const char *key, const char *value, char *err,
		 size_t errlen)
{
	for (size_t i = 0; i < sizeof path_keys / sizeof path_keys[0]; i++) {
		if (strcmp(key, path_keys[i].key))
			continue;
		char *dst = (char *)s + path_keys[i].off;
		if (strlen(value) >= PATH_MAX)
			return err_fail(err, errlen, "%s: path too long", key);
		strcpy(dst, value);
		return 0;
	}
	if (!strcmp(key, "as-of")) {
		if (!*value) {
			s->as_of = 0;
			return 0;
		}
		int d = parse_date(value);
		if (d < 0)
			return err_fail(err, errlen, "as-of: '%s' is not a date (YYYY-MM-DD)", value);
		s->as_of = d;
		return 0;
	}
	if (!strcmp(key, "jobs")) {
		if (parse_int(value, 1, 64, &s->jobs) != 0)
			return err_fail(err, errlen, "jobs: '%s' is not a number from 1 to 64", value);
		return 0;
	}
	if (!strcmp(key, "settle")) {
		if (parse_int(value, 0, 86400, &s->settle) != 0)
			return err_fail(err, errlen, "settle: '%s' is not a number of seconds", value);
		return 0;
	}
	if (!strcmp(key, "max-attempts")) {
		if (parse_int(value, 0, 1000, &s->max_attempts) != 0)
			return err_fail(err, errlen, "max-attempts: '%s' is not a number", value);
		return 0;
	}
	if (!strcmp(key, "done-marker")) {
		if (strlen(value) >= sizeof s->done_suffix || strchr(value, '/'))
			return err_fail(err, errlen, "done-marker: '%s' is not a file name suffix", value);
		strcpy(s->done_suffix, value);
		return 0;
	}
	if (!strcmp(key, "log-level")) {
		static const char *names[] = {"error", "warn", "info", "debug"};
		for (int i = 0; i < 4; i++)
			if (!strcasecmp(value, names[i])) {
				s->log_level = i;
				return 0;
			}
		return err_fail(err, errlen, "log-level: '%s' is not error, warn, info or debug", value);
	}
	int fi = flag_index(key);
	if (fi >= 0) {
		if (parse_bool(value, (int *)((char *)s + flag_keys[fi].off)) != 0)
			return err_fail(err, errlen, "%s: '%s' is not yes or no", key, value);
		return 0;
	}
	return err_fail(err, errlen, "unknown setting '%s'", key);
}

static char *trim(char *p)
{
	while (isspace((unsigned char)*p))
		p++;
	char *e = p + strlen(p);
	while (e > p && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return p;
}

int settings_load(shokai_settings *s, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return err_fail(err, errlen, "cannot read config %s: %s", path, strerror(errno));
	char line[PATH_MAX + 128];
	int lineno = 0, rc = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		size_t len = strlen(line);
		if (len == sizeof line - 1 && line[len - 1] != '\n') {
			rc = err_fail(err, errlen, "%s:%d: line too long", path, lineno);
			break;
		}
		char *p = trim(line);
		if (!*p || *p == '#')
			continue;
		char *eq = strchr(p, '=');
		if (!eq) {
			rc = err_fail(err, errlen, "%s:%d: expected 'key = value'", path, lineno);
			break;
		}
		*eq = '\0';
		char *key = trim(p), *val = trim(eq + 1);
		size_t vl = strlen(val);
		if (vl >= 2 && val[0] == '"' && val[vl - 1] == '"') {
			val[vl - 1] = '\0';
			val++;
		} else {
			/* An unquoted value may carry a trailing comment. */
			char *hash = strstr(val, " #");
			if (hash)
				*hash = '\0', val = trim(val);
		}
		char why[256];
		if (settings_set(s, key, val, why, sizeof why) != 0) {
			rc = err_fail(err, errlen, "%s:%d: %s", path, lineno, why);
			break;
		}
	}
	if (rc == 0 && ferror(f))
		rc = err_fail(err, errlen, "cannot read config %s", path);
	fclose(f);
	return rc;
}
