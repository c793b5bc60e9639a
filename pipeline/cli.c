/*
** cli.c — date parsing, model lookup and logging for the subcommands.
*/
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int cli_parse_date(const char *s)
{
	int y, m, d;
	char tail;
	if (!s || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || strlen(s) != 10)
		return -1;
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return -1;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return -1;
	return y * 10000 + m * 100 + d;
}

int cli_today(void)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

void cli_model_path(const char *name, char *out, size_t n)
{
	const char *env = getenv("SHOKAI_MODELS");
	if (env && *env) {
		snprintf(out, n, "%s/%s", env, name);
		return;
	}
	snprintf(out, n, "models/%s", name);
	if (access(out, R_OK) == 0)
		return;
	char exe[4096];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len > 0) {
		exe[len] = 0;
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = 0;
			snprintf(out, n, "%s/../models/%s", exe, name);
			if (access(out, R_OK) == 0)
				return;
		}
	}
	snprintf(out, n, "models/%s", name);
}

void cli_log(const char *level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "shokai: %s: ", level);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}
