/*
** profile.h — the rule values a municipality may set differently, read
** from models/profile-<name>.json (Setagaya is the default).
*/
#ifndef SHOKAI_PROFILE_H
#define SHOKAI_PROFILE_H

#include <stddef.h>

#define PROFILE_MAX_TOWNS 160
#define PROFILE_TOWN_LEN 48

typedef struct {
	char name[32];
	char muni[7];                 /* 6-digit code with its check digit */
	char muni_name[64];           /* e.g. 東京都世田谷区 */
	int window_months;            /* renewal opens this many months before expiry */
	int overseas_window_months;   /* the same for ovs=1 */
	int accept_expired_unchanged; /* after expiry: accept if printed data unchanged */
	double gate;                  /* minimum trusted confidence, (0, 1] */
	/* The municipality's town names (町名), optional: OCR corrects a town
	** read one character off to the listed one (normalize.h). */
	int ntowns;
	char towns[PROFILE_MAX_TOWNS][PROFILE_TOWN_LEN];
} profile;

/* Load and validate a profile. Returns 0, or -1 with a message in err. */
int profile_load(const char *path, profile *p, char *err, size_t errlen);

#endif
