/*
** testutil.h — shared bits of the unit tests.
*/
#ifndef SHOKAI_TESTUTIL_H
#define SHOKAI_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>

/* A path inside the repository: $SHOKAI_ROOT/rel (make sets SHOKAI_ROOT). */
static inline const char *repo_path(const char *rel, char *buf, size_t n)
{
	const char *root = getenv("SHOKAI_ROOT");
	snprintf(buf, n, "%s/%s", root && *root ? root : ".", rel);
	return buf;
}

#endif
