/*
** fsutil.h — the file-system steps that crash safety rests on: create
** folders with a mode, write a file whole or not at all, move a file into
** the archive (rename, or copy across file systems), fsync the folders that
** changed, and the SHA-256 of a file.
**
** Every function returns 0 on success and -1 on failure with a sentence in
** err; none exits.
*/
#ifndef SHOKAI_FSUTIL_H
#define SHOKAI_FSUTIL_H

#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#define FS_SHA256_HEX 65 /* 64 hex digits + NUL */

/* mkdir -p: folders that do not exist yet are created with mode; each new
** folder's parent is fsync'ed so that the folder survives a power cut. */
int fs_mkdirs(const char *path, mode_t mode, char *err, size_t errlen);

/* fsync a folder (its entries), or the folder that holds path. */
int fs_fsync_dir(const char *dir, char *err, size_t errlen);
int fs_fsync_parent(const char *path, char *err, size_t errlen);

/* Write len bytes to path through a temporary name in the same folder:
** write, fsync, rename over path, fsync the folder. A reader sees either
** the old file or the whole new one. The file gets mode. */
int fs_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
		    char *err, size_t errlen);

/* Move src to dst, which must not exist yet. Within one file system this is
** one rename(); across file systems the file is copied to a hidden
** temporary name beside dst, fsync'ed, renamed to dst, and only then is src
** removed. Both folders are fsync'ed before returning. */
int fs_move(const char *src, const char *dst, char *err, size_t errlen);

/* fs_move() that calls step(stage, arg) after each durable step across file
** systems ("copied", "renamed") — the batch's crash tests stop there. */
typedef void (*fs_step_fn)(const char *stage, void *arg);
int fs_move_steps(const char *src, const char *dst, fs_step_fn step, void *arg, char *err,
		  size_t errlen);

/* The temporary name fs_move uses beside dst ("<dir>/.<base>.shokai-part"),
** so that recovery can remove a copy left by a crash. */
int fs_move_tmpname(const char *dst, char *out, size_t outlen);

/* SHA-256 of a file's bytes as 64 lower-case hex digits. If st is not NULL
** it receives the file's fstat() taken before reading. */
int fs_sha256_file(const char *path, char hex[FS_SHA256_HEX], struct stat *st,
		   char *err, size_t errlen);

/* SHA-256 of a memory buffer (used by tests). */
void fs_sha256_mem(const void *data, size_t len, char hex[FS_SHA256_HEX]);

/* The last component of a path (no allocation: points into path). */
const char *fs_basename(const char *path);
/* Copy the folder part of path into out ("." when there is none). */
int fs_dirname(const char *path, char *out, size_t outlen);

/* 1 if path exists (lstat succeeds), 0 if not, -1 on another error. */
int fs_exists(const char *path);

/* The whole of a file into a malloc'ed buffer (*data, *len; free it).
** 0, or -1 with errno set (the buffer is then NULL). */
int fs_read_all(const char *path, unsigned char **data, size_t *len);

#endif
