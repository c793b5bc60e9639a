/*
** readings.c — helpers on page_readings.
*/
#include "readings.h"

#include <string.h>

void readings_wipe(page_readings *r)
{
	explicit_bzero(r, sizeof *r);
}
