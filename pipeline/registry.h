/*
** registry.h — the resident registry (SPEC §5), loaded from residents.csv
** into an in-memory SQLite database and looked up by rid.
**
**   rid,name,kana,birth_date,address,status,overseas,card_expiry,cert_expiry
**
** The whole file is checked on load: a malformed row, a duplicate rid, an
** unknown status or a bad date stops the load with file:line:column in the
** message. Nothing is written to disk. A registry keeps one prepared
** statement for lookups: use it from one thread at a time.
*/
#ifndef SHOKAI_REGISTRY_H
#define SHOKAI_REGISTRY_H

#include <stddef.h>

#define RES_RID_LEN 32
#define RES_TEXT_LEN 384

typedef enum { RS_RESIDENT, RS_MOVED_OUT, RS_DECEASED } resident_status;

typedef struct {
	char rid[RES_RID_LEN];
	char name[RES_TEXT_LEN];
	char kana[RES_TEXT_LEN];
	int birth;        /* YYYYMMDD */
	char address[RES_TEXT_LEN];
	resident_status status;
	int overseas;     /* 0 or 1 */
	int card_expiry;  /* YYYYMMDD */
	int cert_expiry;  /* YYYYMMDD */
} resident;

typedef struct registry registry;

/* Load path. Returns 0, or -1 with "path:line:column: why" in err. */
int registry_open(const char *path, registry **out, char *err, size_t errlen);
/* 1 found (filled *out), 0 not found, -1 error. */
int registry_lookup(registry *reg, const char *rid, resident *out);
int registry_count(registry *reg);
void registry_close(registry *reg);

const char *resident_status_str(resident_status s);

#endif
