/*
** cli.h — small helpers shared by the subcommands.
*/
#ifndef SHOKAI_CLI_H
#define SHOKAI_CLI_H

#include <stddef.h>

/* Exit codes (documented in shokai.1). */
enum {
	EXIT_DECIDED = 0,     /* every page decided */
	EXIT_REVIEW = 1,      /* some pages need a person */
	EXIT_USAGE = 2,       /* usage or configuration error */
	EXIT_OPERATIONAL = 3  /* could not read or write what it must */
};

/* "YYYY-MM-DD" → YYYYMMDD, or -1. */
int cli_parse_date(const char *s);
/* Today in local time as YYYYMMDD. */
int cli_today(void);
/* Path of a file in the models folder: $SHOKAI_MODELS, ./models, or
** <dir of the executable>/../models, whichever has it. */
void cli_model_path(const char *name, char *out, size_t n);
/* Log to stderr with a level: "shokai: warning: ..." */
void cli_log(const char *level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
