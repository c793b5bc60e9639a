/*
** mkscans.c — scans for the crash tests: files of 1–3 pages, each page a
** small bitonal page with a QR code carrying a valid payload (a distinct
** serial), some blank pages, and optional re-scans of serials used by an
** earlier wave. Decisions are not what these tests measure; identities are.
**
**   crash-mkscans --out DIR --prefix P --files N --seed S --manifest FILE
**                 [--rescan-from MANIFEST --rescans K]
**
** The manifest gets one line per page: "<file>\t<page>\t<serial or ->", and
** is appended to, so one manifest can describe several waves.
*/
#include <leptonica/allheaders.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "payload.h"

static unsigned long rng_state;
static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rng_state >> 33) % n);
}

static void make_serial(long n, char out[SERIAL_LEN + 1])
{
	long v = labs(n) % 100000000000L;
	for (int i = 10; i >= 0; i--, v /= 10)
		out[i] = (char)('0' + v % 10);
	out[11] = '\0';
	out[11] = (char)('0' + serial_check_digit(out));
	out[12] = '\0';
}

static PIX *make_page(const char *serial)
{
	const int W = 850, H = 1100;
	PIX *p = pixCreate(W, H, 1);
	pixClearAll(p);
	/* A few lines of "print" so that the page is not blank. */
	for (int i = 0; i < 12; i++)
		pixRasterop(p, 80, 300 + 50 * i + (int)rnd(10), 400 + (int)rnd(250), 3, PIX_SET,
			    NULL, 0, 0);
	if (!serial)
		return p;
	form_payload pl;
	memset(&pl, 0, sizeof pl);
	pl.version = 1;
	snprintf(pl.serial, sizeof pl.serial, "%s", serial);
	snprintf(pl.muni, sizeof pl.muni, "131121");
	snprintf(pl.rid, sizeof pl.rid, "R%09u", rnd(1000000000));
	pl.exp = 20260110;
	pl.printed = 20250901;
	char buf[256];
	if (payload_format(&pl, buf, sizeof buf) < 0) {
		pixDestroy(&p);
		return NULL;
	}
	QRcode *qr = QRcode_encodeString(buf, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr) {
		pixDestroy(&p);
		return NULL;
	}
	int scale = 4, x0 = 560 + (int)rnd(40), y0 = 60 + (int)rnd(40);
	for (int y = 0; y < qr->width; y++)
		for (int x = 0; x < qr->width; x++)
			if (qr->data[y * qr->width + x] & 1)
				pixRasterop(p, x0 + x * scale, y0 + y * scale, scale, scale, PIX_SET,
					    NULL, 0, 0);
	QRcode_free(qr);
	return p;
}

/* Serials of an earlier manifest (third column), for re-scans. */
static int read_serials(const char *path, char (**out)[SERIAL_LEN + 1])
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char line[512];
	int n = 0, cap = 0;
	*out = NULL;
	while (fgets(line, sizeof line, f)) {
		char *t = strrchr(line, '\t');
		if (!t || strlen(t + 1) < SERIAL_LEN)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			*out = realloc(*out, (size_t)cap * sizeof **out);
		}
		memcpy((*out)[n], t + 1, SERIAL_LEN);
		(*out)[n][SERIAL_LEN] = '\0';
		n++;
	}
	fclose(f);
	return n;
}

int main(int argc, char **argv)
{
	const char *out = NULL, *prefix = "scan", *manifest = NULL, *rescan_from = NULL;
	int files = 10, rescans = 0;
	long seed = 1;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--out")) out = argv[i + 1];
		else if (!strcmp(argv[i], "--prefix")) prefix = argv[i + 1];
		else if (!strcmp(argv[i], "--files")) files = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--seed")) seed = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--manifest")) manifest = argv[i + 1];
		else if (!strcmp(argv[i], "--rescan-from")) rescan_from = argv[i + 1];
		else if (!strcmp(argv[i], "--rescans")) rescans = atoi(argv[i + 1]);
		else {
			fprintf(stderr, "crash-mkscans: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	if (!out || !manifest || files < 1) {
		fprintf(stderr, "usage: crash-mkscans --out DIR --prefix P --files N --seed S "
				"--manifest FILE [--rescan-from MANIFEST --rescans K]\n");
		return 2;
	}
	setMsgSeverity(L_SEVERITY_NONE);
	rng_state = (unsigned long)seed * 2654435761UL + 1;
	char (*old)[SERIAL_LEN + 1] = NULL;
	int nold = rescan_from ? read_serials(rescan_from, &old) : 0;
	if (nold < 0)
		nold = 0;
	/* Distinct serials only, in a random order. */
	int nu = 0;
	for (int i = 0; i < nold; i++) {
		int seen = 0;
		for (int j = 0; j < nu && !seen; j++)
			seen = !strcmp(old[j], old[i]);
		if (!seen)
			memmove(old[nu++], old[i], SERIAL_LEN + 1);
	}
	nold = nu;
	for (int i = nold - 1; i > 0; i--) {
		int j = (int)rnd((unsigned)i + 1);
		char t[SERIAL_LEN + 1];
		memcpy(t, old[i], sizeof t);
		memcpy(old[i], old[j], sizeof t);
		memcpy(old[j], t, sizeof t);
	}
	FILE *mf = fopen(manifest, "a");
	if (!mf) {
		perror(manifest);
		return 1;
	}
	long next = seed * 100000L;
	for (int k = 0; k < files; k++) {
		int pages = 1 + (int)rnd(3);
		int tif = pages > 1 || rnd(2);
		char path[4096];
		snprintf(path, sizeof path, "%s/%s_%03d.%s", out, prefix, k + 1, tif ? "tif" : "png");
		/* Re-scans go to the first files of the wave, one page each, each
		** of a different earlier serial. */
		int rescan_page = (k < rescans && k < nold) ? 1 + (int)rnd((unsigned)pages) : 0;
		for (int pg = 1; pg <= pages; pg++) {
			char serial[SERIAL_LEN + 1];
			const char *s = serial;
			if (pg == rescan_page)
				snprintf(serial, sizeof serial, "%s", old[k]);
			else if (rnd(10) == 0)
				s = NULL; /* a blank duplex back */
			else
				make_serial(next++, serial);
			PIX *p = make_page(s);
			if (!p) {
				fprintf(stderr, "crash-mkscans: cannot draw a page\n");
				return 1;
			}
			int ok = tif ? pixWriteTiff(path, p, IFF_TIFF_G4, pg == 1 ? "w" : "a")
				     : pixWrite(path, p, IFF_PNG);
			pixDestroy(&p);
			if (ok != 0) {
				fprintf(stderr, "crash-mkscans: cannot write %s\n", path);
				return 1;
			}
			fprintf(mf, "%s_%03d.%s\t%d\t%s\n", prefix, k + 1, tif ? "tif" : "png", pg,
				s ? s : "-");
		}
	}
	free(old);
	return fclose(mf) == 0 ? 0 : 1;
}
