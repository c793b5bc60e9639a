/*
** ingest.h — turn the command line's inputs into files, and files into
** pages.
**
** Multi-page TIFF (G4, JPEG-in-TIFF, LZW, ...), PNG, JPEG and PNM are read
** with Leptonica. A file or page that cannot be decoded is reported with the
** reason; nothing is ever written to an input.
*/
#ifndef SHOKAI_INGEST_H
#define SHOKAI_INGEST_H

#include <stddef.h>

struct Pix;

typedef struct {
	char **paths;
	int n, cap;
} path_list;

/* Expand files and folders (a folder's regular files, sorted by name, not
** recursive, hidden files skipped) into list. A path that does not exist is
** reported through err and returns -1; the list keeps what was added. */
int ingest_expand(const char *input, path_list *list, char *err, size_t errlen);
void path_list_free(path_list *list);

typedef struct ingest_doc ingest_doc;

/* Open a file and count its pages. -1 with a reason if it is not an image. */
int ingest_open(const char *path, ingest_doc **out, char *err, size_t errlen);
int ingest_npages(const ingest_doc *d);
/* Decode page i (0-based). NULL with a reason if it cannot be decoded. */
struct Pix *ingest_page(ingest_doc *d, int i, char *err, size_t errlen);
void ingest_close(ingest_doc *d);

/* Page i (0-based) of the file at path, opened and closed around it (for
** tools that read a batch's truth page by page). NULL with a reason. */
struct Pix *ingest_load_page(const char *path, int i, char *err, size_t errlen);

#endif
