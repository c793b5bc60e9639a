/*
** errmsg.h — the error message a function hands back to its caller.
*/
#ifndef SHOKAI_ERRMSG_H
#define SHOKAI_ERRMSG_H

#include <stddef.h>

/* Format the message into err (when err and errlen allow) and return -1,
** so that `return err_fail(err, errlen, "...", ...);` reports and fails. */
int err_fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
