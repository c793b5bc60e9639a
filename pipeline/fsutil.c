/*
** fsutil.c — folders, atomic writes, moves and hashes for the batch runner.
**
** The rule everywhere: data reaches the disk (fsync) before the name that
** makes it visible is created (rename), and the folder holding the new name
** is fsync'ed before anyone is told the step is done.
*/
#include "fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "errmsg.h"

const char *fs_basename(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

int fs_dirname(const char *path, char *out, size_t outlen)
{
	const char *s = strrchr(path, '/');
	size_t n;
	if (!s) {
		if (outlen < 2)
			return -1;
		strcpy(out, ".");
		return 0;
	}
	n = (s == path) ? 1 : (size_t)(s - path);
	if (n + 1 > outlen)
		return -1;
	memcpy(out, path, n);
	out[n] = '\0';
	return 0;
}

int fs_exists(const char *path)
{
	struct stat st;
	if (lstat(path, &st) == 0)
		return 1;
	return errno == ENOENT ? 0 : -1;
}

int fs_read_all(const char *path, unsigned char **data, size_t *len)
{
	*data = NULL;
	*len = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	unsigned char *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1 << 20;
			unsigned char *nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return -1;
			}
			buf = nb;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		errno = EIO;
		return -1;
	}
	*data = buf;
	*len = n;
	return 0;
}

int fs_fsync_dir(const char *dir, char *err, size_t errlen)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return err_fail(err, errlen, "cannot open folder %s: %s", dir, strerror(errno));
	if (fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
		int e = errno;
		close(fd);
		return err_fail(err, errlen, "cannot fsync folder %s: %s", dir, strerror(e));
	}
	close(fd);
	return 0;
}

int fs_fsync_parent(const char *path, char *err, size_t errlen)
{
	char dir[PATH_MAX];
	if (fs_dirname(path, dir, sizeof dir) != 0)
		return err_fail(err, errlen, "path too long: %s", path);
	return fs_fsync_dir(dir, err, errlen);
}

int fs_mkdirs(const char *path, mode_t mode, char *err, size_t errlen)
{
	char buf[PATH_MAX];
	size_t len = strlen(path);
	if (len == 0 || len >= sizeof buf)
		return err_fail(err, errlen, "bad folder name '%s'", path);
	memcpy(buf, path, len + 1);
	while (len > 1 && buf[len - 1] == '/')
		buf[--len] = '\0';
	/* Walk the components left to right; create what is missing. */
	for (char *p = buf + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(buf, mode) == 0) {
			/* mkdir applies the umask; the mode asked for is the mode. */
			if (chmod(buf, mode) != 0)
				return err_fail(err, errlen, "cannot chmod %s: %s", buf, strerror(errno));
			if (fs_fsync_parent(buf, err, errlen) != 0)
				return -1;
		} else if (errno != EEXIST) {
			return err_fail(err, errlen, "cannot create folder %s: %s", buf, strerror(errno));
		} else {
			struct stat st;
			if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))
				return err_fail(err, errlen, "%s exists and is not a folder", buf);
		}
		*p = saved;
		if (saved == '\0')
			break;
	}
	return 0;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int fs_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
		    char *err, size_t errlen)
{
	char dir[PATH_MAX], tmp[PATH_MAX];
	if (fs_dirname(path, dir, sizeof dir) != 0 ||
	    snprintf(tmp, sizeof tmp, "%s/.%s.tmp%ld", dir, fs_basename(path), (long)getpid()) >=
		    (int)sizeof tmp)
		return err_fail(err, errlen, "path too long: %s", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode);
	if (fd < 0)
		return err_fail(err, errlen, "cannot create %s: %s", tmp, strerror(errno));
	if (fchmod(fd, mode) != 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		int e = errno;
		close(fd);
		unlink(tmp);
		return err_fail(err, errlen, "cannot write %s: %s", tmp, strerror(e));
	}
	if (close(fd) != 0) {
		int e = errno;
		unlink(tmp);
		return err_fail(err, errlen, "cannot write %s: %s", tmp, strerror(e));
	}
	if (rename(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		return err_fail(err, errlen, "cannot rename %s to %s: %s", tmp, path, strerror(e));
	}
	return fs_fsync_dir(dir, err, errlen);
}

int fs_move_tmpname(const char *dst, char *out, size_t outlen)
{
	char dir[PATH_MAX];
	if (fs_dirname(dst, dir, sizeof dir) != 0)
		return -1;
	int n = snprintf(out, outlen, "%s/.%s.shokai-part", dir, fs_basename(dst));
	return (n < 0 || (size_t)n >= outlen) ? -1 : 0;
}

/* rename() that refuses to replace dst. Falls back to link()+unlink() where
** the file system lacks RENAME_NOREPLACE; both keep src until dst exists. */
static int rename_noreplace(const char *src, const char *dst)
{
#ifdef RENAME_NOREPLACE
	if (renameat2(AT_FDCWD, src, AT_FDCWD, dst, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
#endif
	if (link(src, dst) != 0)
		return -1;
	if (unlink(src) != 0)
		return -1;
	return 0;
}

static int copy_file(const char *src, const char *tmp, char *err, size_t errlen)
{
	int in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return err_fail(err, errlen, "cannot open %s: %s", src, strerror(errno));
	struct stat st;
	if (fstat(in, &st) != 0) {
		int e = errno;
		close(in);
		return err_fail(err, errlen, "cannot stat %s: %s", src, strerror(e));
	}
	/* A stale copy from a crash is replaced, never appended to. */
	unlink(tmp);
	int out = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (out < 0) {
		int e = errno;
		close(in);
		return err_fail(err, errlen, "cannot create %s: %s", tmp, strerror(e));
	}
	char buf[1 << 16];
	for (;;) {
		ssize_t r = read(in, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || (r > 0 && write_all(out, buf, (size_t)r) != 0)) {
			int e = errno;
			close(in);
			close(out);
			unlink(tmp);
			return err_fail(err, errlen, "cannot copy %s to %s: %s", src, tmp, strerror(e));
		}
		if (r == 0)
			break;
	}
	struct timespec times[2] = {st.st_atim, st.st_mtim};
	futimens(out, times); /* keep the scan's time; not essential */
	if (fsync(out) != 0 || close(out) != 0) {
		int e = errno;
		close(in);
		unlink(tmp);
		return err_fail(err, errlen, "cannot write %s: %s", tmp, strerror(e));
	}
	close(in);
	return 0;
}

int fs_move(const char *src, const char *dst, char *err, size_t errlen)
{
	return fs_move_steps(src, dst, NULL, NULL, err, errlen);
}

int fs_move_steps(const char *src, const char *dst, fs_step_fn step, void *arg, char *err,
		  size_t errlen)
{
	if (rename_noreplace(src, dst) == 0) {
		if (fs_fsync_parent(dst, err, errlen) != 0)
			return -1;
		return fs_fsync_parent(src, err, errlen);
	}
	if (errno != EXDEV)
		return err_fail(err, errlen, "cannot move %s to %s: %s", src, dst, strerror(errno));

	/* Another file system: copy, make the copy durable and visible, then
	** remove the original. A crash in between leaves both names, and the
	** ledger's recovery removes the original after checking the copy. */
	char tmp[PATH_MAX];
	if (fs_move_tmpname(dst, tmp, sizeof tmp) != 0)
		return err_fail(err, errlen, "path too long: %s", dst);
	if (copy_file(src, tmp, err, errlen) != 0)
		return -1;
	if (step)
		step("copied", arg);
	if (rename_noreplace(tmp, dst) != 0) {
		int e = errno;
		unlink(tmp);
		return err_fail(err, errlen, "cannot rename %s to %s: %s", tmp, dst, strerror(e));
	}
	if (fs_fsync_parent(dst, err, errlen) != 0)
		return -1;
	if (step)
		step("renamed", arg);
	if (unlink(src) != 0)
		return err_fail(err, errlen, "copied to %s but cannot remove %s: %s", dst, src,
			    strerror(errno));
	return fs_fsync_parent(src, err, errlen);
}

static void hex_of(const unsigned char *md, unsigned n, char hex[FS_SHA256_HEX])
{
	static const char digits[] = "0123456789abcdef";
	for (unsigned i = 0; i < n && i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
}

int fs_sha256_file(const char *path, char hex[FS_SHA256_HEX], struct stat *st,
		   char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_fail(err, errlen, "cannot open %s: %s", path, strerror(errno));
	if (st && fstat(fd, st) != 0) {
		int e = errno;
		close(fd);
		return err_fail(err, errlen, "cannot stat %s: %s", path, strerror(e));
	}
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	if (!md || EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(md);
		close(fd);
		return err_fail(err, errlen, "SHA-256 unavailable in libcrypto");
	}
	unsigned char buf[1 << 16];
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			EVP_MD_CTX_free(md);
			close(fd);
			return err_fail(err, errlen, "cannot read %s: %s", path, strerror(e));
		}
		if (r == 0)
			break;
		EVP_DigestUpdate(md, buf, (size_t)r);
	}
	unsigned char out[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	int ok = EVP_DigestFinal_ex(md, out, &n);
	EVP_MD_CTX_free(md);
	close(fd);
	if (ok != 1 || n != 32)
		return err_fail(err, errlen, "SHA-256 failed for %s", path);
	hex_of(out, n, hex);
	return 0;
}

void fs_sha256_mem(const void *data, size_t len, char hex[FS_SHA256_HEX])
{
	unsigned char out[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	EVP_Digest(data, len, out, &n, EVP_sha256(), NULL);
	hex_of(out, n, hex);
}
