/*
** cmd_inspect.c — `shokai inspect FILE [--page N] --out DIR`: write the
** registered page with every field of the model outlined (PIN cells
** masked) and print what identification and registration found.
*/
#include <getopt.h>
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "ingest.h"
#include "model.h"
#include "page.h"
#include "fsutil.h"
#include "picture.h"
#include "pixutil.h"

static void usage(void)
{
	fprintf(stderr, "usage: shokai inspect FILE [--page N] --out DIR [--model FILE]\n");
}

static void report(const char *file, int page, const page_image *pi, int rc)
{
	static const char *modes[] = {"colour", "grey", "bitonal"};
	printf("%s page %d: %dx%d %s, ink %.4f\n", file, page, pi->width, pi->height,
	       modes[pi->mode], pi->ink);
	if (pi->id.qr_found && pi->id.qr_status == PAYLOAD_OK)
		printf("  QR: serial %s muni %s rid %s exp %d printed %d ovs %d\n",
		       pi->id.payload.serial, pi->id.payload.muni, pi->id.payload.rid,
		       pi->id.payload.exp, pi->id.payload.printed, pi->id.payload.ovs);
	else if (pi->id.qr_found)
		printf("  QR: %s\n", payload_status_str(pi->id.qr_status));
	else
		printf("  QR: none\n");
	printf("  Code128: %s\n", pi->id.code128_found ? pi->id.code128_serial : "none");
	printf("  orientation: turned %d degrees clockwise\n", pi->quads * 90);
	if (pi->registered) {
		const registration *g = &pi->reg;
		printf("  registration: rms %.3f mm, max %.3f mm, %.1f dpi, skew %.2f deg\n",
		       g->rms_mm, g->max_mm, g->px_per_mm * 25.4, g->skew_deg);
		for (int i = 0; i < 4; i++)
			printf("    fiducial %d at (%.1f, %.1f) px\n", i, g->fid_px[i].x,
			       g->fid_px[i].y);
	} else {
		printf("  registration: none (%d square candidates)\n", pi->reg.candidates);
	}
	if (rc != 0)
		printf("  not processed further: %s\n", pi->why);
}

int cmd_inspect(int argc, char **argv)
{
	static const struct option opts[] = {
		{"out", required_argument, NULL, 'o'},
		{"page", required_argument, NULL, 'n'},
		{"model", required_argument, NULL, 'm'},
		{NULL, 0, NULL, 0},
	};
	const char *out = NULL;
	int only = 0;
	char model[4096];
	cli_model_path("jlis-shokaisho-v1.json", model, sizeof model);
	int c;
	while ((c = getopt_long(argc, argv, "o:n:m:", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'n': only = atoi(optarg); break;
		case 'm': snprintf(model, sizeof model, "%s", optarg); break;
		default: usage(); return EXIT_USAGE;
		}
	}
	if (!out || optind != argc - 1) {
		usage();
		return EXIT_USAGE;
	}
	const char *file = argv[optind];
	char err[512];
	form_model m;
	if (model_load(model, &m, err, sizeof err) != 0) {
		cli_log("error", "%s", err);
		return EXIT_USAGE;
	}
	if (fs_mkdirs(out, 0700, err, sizeof err) != 0) {
		cli_log("error", "%s", err);
		return EXIT_OPERATIONAL;
	}
	ingest_doc *doc;
	if (ingest_open(file, &doc, err, sizeof err) != 0) {
		cli_log("error", "%s: %s", file, err);
		return EXIT_OPERATIONAL;
	}
	identifier *idf;
	if (identifier_new(&idf) != 0) {
		ingest_close(doc);
		return EXIT_OPERATIONAL;
	}
	int status = EXIT_DECIDED;
	for (int i = 0; i < ingest_npages(doc); i++) {
		if (only && i + 1 != only)
			continue;
		PIX *pix = ingest_page(doc, i, err, sizeof err);
		if (!pix) {
			printf("%s page %d: %s\n", file, i + 1, err);
			status = EXIT_REVIEW;
			continue;
		}
		page_image pi;
		int rc = page_analyse(idf, &m, pix, &pi);
		pix_wipe_destroy(&pix);
		report(file, i + 1, &pi, rc);
		PIX *rgb = picture_page(&pi, &m);
		if (rgb) {
			picture_draw_fields(rgb, &m);
			char path[4600];
			if (picture_path(path, sizeof path, out, file, i + 1) == 0 &&
			    pix_write_private_png(path, rgb) == 0)
				printf("  picture: %s (PIN cells masked)\n", path);
			pix_wipe_destroy(&rgb);
		} else {
			/* Not registered: PIN cells cannot be located, so no picture. */
			printf("  picture: none (page not registered; PIN cells could not be masked)\n");
			status = EXIT_REVIEW;
		}
		page_image_free(&pi);
	}
	identifier_free(idf);
	ingest_close(doc);
	return status;
}
