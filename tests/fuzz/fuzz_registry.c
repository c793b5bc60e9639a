/*
** fuzz_registry.c — libFuzzer target for registry_open (registry.h) on an
** arbitrary residents.csv. The input is written to a temporary file under
** /tmp, opened, looked up by a rid taken from the data, closed, deleted.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "registry.h"
#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	char path[] = "/tmp/shokai-fuzz-registry-XXXXXX";
	if (write_temp(path, data, size) != 0)
		return 0;

	registry *reg = NULL;
	char err[256];
	err[0] = 0;
	int rc = registry_open(path, &reg, err, sizeof err);
	unlink(path);
	if (rc != 0) {
		check(reg == NULL && memchr(err, 0, sizeof err) && err[0]);
		return 0;
	}
	check(reg != NULL && registry_count(reg) >= 0);

	/* look up every comma-separated word of the data as a rid: some are */
	resident r;
	char rid[64];
	size_t k = 0, looked = 0;
	for (size_t i = 0; i <= size && looked < 64; i++) {
		if (i == size || data[i] == ',' || data[i] == '\n') {
			rid[k] = 0;
			int f = registry_lookup(reg, rid, &r);
			check(f >= 0);
			if (f == 1) {
				check(!strcmp(r.rid, rid));
				check(memchr(r.name, 0, sizeof r.name) && memchr(r.address, 0, sizeof r.address));
				check(resident_status_str(r.status)[0] != '?');
			}
			k = 0;
			looked++;
		} else if (k < sizeof rid - 1) {
			rid[k++] = (char)data[i];
		}
	}
	check(registry_lookup(reg, NULL, &r) == -1);
	registry_close(reg);
	return 0;
}
