/*
** config.h — settings of `shokai batch` and `shokai ledger`, from a config
** file (e.g. /etc/shokai.conf) and the command line.
**
** The file holds one "key = value" a line; '#' starts a comment; a value
** may be wrapped in double quotes. The keys are the long options without
** their dashes (inbox, archive, out, ledger, registry, as-of, jobs, ...),
** so a setting reads the same in both places. The command line wins.
*/
#ifndef SHOKAI_CONFIG_H
#define SHOKAI_CONFIG_H

#include <limits.h>
#include <stddef.h>

enum { LOG_LVL_ERROR, LOG_LVL_WARN, LOG_LVL_INFO, LOG_LVL_DEBUG };

typedef struct {
	char inbox[PATH_MAX];
	char archive[PATH_MAX];
	char out[PATH_MAX];
	char ledger[PATH_MAX];
	char registry[PATH_MAX];
	char model[PATH_MAX];      /* form model JSON, or "" for the default */
	char profile[PATH_MAX];    /* rule profile JSON, or "" for the default */
	char models_dir[PATH_MAX]; /* trained recognisers, or "" */
	char done_suffix[32];      /* scanner's done-marker suffix, or "" */
	int as_of;                 /* YYYYMMDD; 0 → today */
	int jobs;                  /* worker threads, >= 1 */
	int settle;                /* seconds a file must be unchanged */
	int max_attempts;          /* interrupted tries before a file goes to review; 0 = no limit */
	int wait_lock;             /* block on the lock instead of giving up */
	int log_level;             /* LOG_LVL_* */
	int use_syslog;
	int review_pictures;       /* RUN/review/<file>-p<N>.png for undecided pages */
} shokai_settings;

/* Defaults: jobs 1, settle 60 s, max_attempts 3, log level info. Model and
** profile left "" are looked up the way `shokai run` does (cli_model_path). */
void settings_init(shokai_settings *s);

/* Set one key. Returns 0, or -1 with a sentence in err (unknown key, bad
** value). */
int settings_set(shokai_settings *s, const char *key, const char *value, char *err,
		 size_t errlen);

/* Read a config file and settings_set() each line. Errors name the line. */
int settings_load(shokai_settings *s, const char *path, char *err, size_t errlen);

/* 1 if key takes no value on the command line (a flag such as --syslog). */
int settings_is_flag(const char *key);

/* "2025-01-10" or "20250110" → 20250110; -1 if not a real date. */
int parse_date(const char *s);

#endif
