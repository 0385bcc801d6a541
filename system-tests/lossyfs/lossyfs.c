/*
 * lossyfs: a FUSE passthrough file system that can forget what was never synced, to simulate a
 * power cut under a process that keeps its data in it (see README "Reliability").
 *
 *   lossyfs <backing-dir> <mountpoint> [FUSE options, e.g. -f]
 *
 * Every operation goes through to the backing directory at once. What a power cut could lose is
 * remembered per file (per inode, so renames keep it) in an undo log, started by the first change
 * to the file since its last fsync/fdatasync:
 *   - the file's size at that moment;
 *   - before each write or truncate that changes bytes below that size, the old bytes.
 * fsync/fdatasync of the file drops its undo log; flush and close do not (as on a real disk).
 * Writing to the control file <mountpoint>/.lossyfs-cut is the power cut: every file with an undo
 * log gets its old bytes back (newest first) and is truncated to its recorded size, as if the
 * writes since its last sync had never reached the disk. The write returns when that is done.
 * The caller should kill every process using the mount first and remount afterwards, so no page
 * cache of the old contents survives (a reboot does the same).
 *
 * Metadata is durable at once: create, mkdir, rename, unlink, link, chmod... are never rolled
 * back. That is weaker than a real disk, where a rename or a new file may also be lost unless its
 * directory was synced; this tests data durability only.
 *
 * One mutex serialises writes, truncates, syncs and the cut (FUSE calls us from several threads),
 * so each saved range holds exactly the bytes the write replaced.
 */
#define FUSE_USE_VERSION 31
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fuse.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <unistd.h>

#define CONTROL "/.lossyfs-cut"

struct saved {              /* bytes [off, off + len) as they were before a change */
  off_t off;
  size_t len;
  char *bytes;
};

struct undo {               /* what a power cut restores for one inode */
  dev_t dev;
  ino_t ino;
  int fd;                   /* our own read-write descriptor: the file may be closed or renamed by then */
  off_t size;               /* the size at the last sync (or when we first saw the file change) */
  struct saved *saved;
  size_t count, cap;
  struct undo *next;
};

static int backing = -1;
static struct undo *undos;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long cuts;

/* "/a/b" -> "a/b" relative to the backing directory; "/" -> "." */
static const char *rel(const char *path) {
  return path[1] ? path + 1 : ".";
}

static struct undo *find(const struct stat *st) {
  for (struct undo *u = undos; u; u = u->next)
    if (u->dev == st->st_dev && u->ino == st->st_ino)
      return u;
  return NULL;
}

/* The undo log of the file open as fd, started now if the file has none. Holds lock. */
static struct undo *undo_for(int fd, int *err) {
  struct stat st;
  if (fstat(fd, &st) < 0) {
    *err = -errno;
    return NULL;
  }
  struct undo *u = find(&st);
  if (u)
    return u;
  char proc[64];
  snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
  int own = open(proc, O_RDWR | O_CLOEXEC); /* fd may be write-only; we need to read old bytes */
  if (own < 0) {
    *err = -errno;
    return NULL;
  }
  u = calloc(1, sizeof *u);
  if (!u) {
    close(own);
    *err = -ENOMEM;
    return NULL;
  }
  u->dev = st.st_dev;
  u->ino = st.st_ino;
  u->fd = own;
  u->size = st.st_size;
  u->next = undos;
  undos = u;
  return u;
}

/* Saves the bytes in [off, off + len) that exist now and lie below the synced size. Holds lock. */
static int save(struct undo *u, off_t off, off_t len) {
  struct stat st;
  if (fstat(u->fd, &st) < 0)
    return -errno;
  off_t end = off + len;
  if (end > st.st_size)
    end = st.st_size;
  if (end > u->size)
    end = u->size; /* beyond the synced size the cut truncates anyway */
  if (off >= end)
    return 0;
  size_t n = (size_t)(end - off);
  char *b = malloc(n);
  if (!b)
    return -ENOMEM;
  ssize_t r = pread(u->fd, b, n, off);
  if (r < 0) {
    free(b);
    return -errno;
  }
  if (u->count == u->cap) {
    size_t cap = u->cap ? 2 * u->cap : 8;
    struct saved *s = realloc(u->saved, cap * sizeof *s);
    if (!s) {
      free(b);
      return -ENOMEM;
    }
    u->saved = s;
    u->cap = cap;
  }
  u->saved[u->count++] = (struct saved){off, (size_t)r, b};
  return 0;
}

static void drop(struct undo **link) {
  struct undo *u = *link;
  *link = u->next;
  for (size_t i = 0; i < u->count; i++)
    free(u->saved[i].bytes);
  free(u->saved);
  close(u->fd);
  free(u);
}

/* Forgets undo logs of files with no name left (unlinked or replaced): nothing can read them. */
static void drop_unlinked(void) {
  struct undo **link = &undos;
  while (*link) {
    struct stat st;
    if (fstat((*link)->fd, &st) == 0 && st.st_nlink == 0)
      drop(link);
    else
      link = &(*link)->next;
  }
}

/* The power cut: every unsynced change undone, newest first. */
static int power_cut(void) {
  unsigned long files = 0, ranges = 0;
  int failed = 0;
  pthread_mutex_lock(&lock);
  while (undos) {
    struct undo *u = undos;
    for (size_t i = u->count; i-- > 0;) {
      struct saved *s = &u->saved[i];
      if (pwrite(u->fd, s->bytes, s->len, s->off) != (ssize_t)s->len)
        failed = -EIO;
      ranges++;
    }
    if (ftruncate(u->fd, u->size) < 0)
      failed = -EIO;
    files++;
    drop(&undos);
  }
  cuts++;
  fprintf(stderr, "lossyfs: power cut %lu: rolled back %lu files (%lu overwritten ranges)%s\n", cuts, files, ranges,
          failed ? ", SOME RESTORES FAILED" : "");
  pthread_mutex_unlock(&lock);
  return failed;
}

static void *lfs_init(struct fuse_conn_info *conn, struct fuse_config *cfg) {
  (void)conn;
  cfg->use_ino = 1;
  /* no caching of contents across opens: a cut changes files behind the kernel's back */
  cfg->kernel_cache = 0;
  conn->want &= ~FUSE_CAP_WRITEBACK_CACHE; /* writes must reach us in order, one syscall at a time */
  return NULL;
}

static int lfs_getattr(const char *path, struct stat *st, struct fuse_file_info *fi) {
  if (strcmp(path, CONTROL) == 0) {
    memset(st, 0, sizeof *st);
    st->st_mode = S_IFREG | 0200;
    st->st_nlink = 1;
    return 0;
  }
  int r = fi ? fstat(fi->fh, st) : fstatat(backing, rel(path), st, AT_SYMLINK_NOFOLLOW);
  return r < 0 ? -errno : 0;
}

static int lfs_readlink(const char *path, char *buf, size_t size) {
  ssize_t n = readlinkat(backing, rel(path), buf, size - 1);
  if (n < 0)
    return -errno;
  buf[n] = '\0';
  return 0;
}

static int lfs_mkdir(const char *path, mode_t mode) {
  return mkdirat(backing, rel(path), mode) < 0 ? -errno : 0;
}

static int lfs_unlink(const char *path) {
  if (unlinkat(backing, rel(path), 0) < 0)
    return -errno;
  pthread_mutex_lock(&lock);
  drop_unlinked();
  pthread_mutex_unlock(&lock);
  return 0;
}

static int lfs_rmdir(const char *path) {
  return unlinkat(backing, rel(path), AT_REMOVEDIR) < 0 ? -errno : 0;
}

static int lfs_symlink(const char *target, const char *path) {
  return symlinkat(target, backing, rel(path)) < 0 ? -errno : 0;
}

static int lfs_rename(const char *from, const char *to, unsigned int flags) {
  if (renameat2(backing, rel(from), backing, rel(to), flags) < 0)
    return -errno;
  pthread_mutex_lock(&lock);
  drop_unlinked(); /* a replaced target */
  pthread_mutex_unlock(&lock);
  return 0;
}

static int lfs_link(const char *from, const char *to) {
  return linkat(backing, rel(from), backing, rel(to), 0) < 0 ? -errno : 0;
}

static int lfs_chmod(const char *path, mode_t mode, struct fuse_file_info *fi) {
  int r = fi ? fchmod(fi->fh, mode) : fchmodat(backing, rel(path), mode, 0);
  return r < 0 ? -errno : 0;
}

static int lfs_chown(const char *path, uid_t uid, gid_t gid, struct fuse_file_info *fi) {
  int r = fi ? fchown(fi->fh, uid, gid) : fchownat(backing, rel(path), uid, gid, AT_SYMLINK_NOFOLLOW);
  return r < 0 ? -errno : 0;
}

static int truncate_fd(int fd, off_t size) {
  int err = 0;
  pthread_mutex_lock(&lock);
  struct undo *u = undo_for(fd, &err);
  if (u)
    err = save(u, size, u->size > size ? u->size - size : 0);
  if (!err && ftruncate(fd, size) < 0)
    err = -errno;
  pthread_mutex_unlock(&lock);
  return err;
}

static int lfs_truncate(const char *path, off_t size, struct fuse_file_info *fi) {
  if (strcmp(path, CONTROL) == 0)
    return 0;
  if (fi)
    return truncate_fd(fi->fh, size);
  int fd = openat(backing, rel(path), O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    return -errno;
  int r = truncate_fd(fd, size);
  close(fd);
  return r;
}

static int lfs_utimens(const char *path, const struct timespec tv[2], struct fuse_file_info *fi) {
  int r = fi ? futimens(fi->fh, tv) : utimensat(backing, rel(path), tv, AT_SYMLINK_NOFOLLOW);
  return r < 0 ? -errno : 0;
}

/*
 * The flags the backing file is opened with: the kernel already turns O_APPEND into offsets and
 * O_SYNC/O_DSYNC into fsync calls (which come to lfs_fsync), and the backing file is never synced.
 */
static int backing_flags(int flags) {
  return (flags | O_CLOEXEC) & ~(O_TRUNC | O_APPEND | O_DIRECT | O_SYNC | O_DSYNC);
}

static int lfs_create(const char *path, mode_t mode, struct fuse_file_info *fi) {
  int fd = openat(backing, rel(path), backing_flags(fi->flags) | O_CREAT, mode);
  if (fd < 0)
    return -errno;
  fi->fh = fd;
  if (fi->flags & O_TRUNC) {
    int r = truncate_fd(fd, 0);
    if (r) {
      close(fd);
      return r;
    }
  }
  return 0;
}

static int lfs_open(const char *path, struct fuse_file_info *fi) {
  if (strcmp(path, CONTROL) == 0) {
    fi->fh = (uint64_t)-1;
    fi->direct_io = 1;
    return 0;
  }
  int fd = openat(backing, rel(path), backing_flags(fi->flags));
  if (fd < 0)
    return -errno;
  fi->fh = fd;
  if (fi->flags & O_TRUNC) { /* only with atomic_o_trunc; the kernel otherwise sends a truncate */
    int r = truncate_fd(fd, 0);
    if (r) {
      close(fd);
      return r;
    }
  }
  return 0;
}

static int lfs_read(const char *path, char *buf, size_t size, off_t off, struct fuse_file_info *fi) {
  (void)path;
  if (fi->fh == (uint64_t)-1)
    return 0;
  ssize_t n = pread(fi->fh, buf, size, off);
  return n < 0 ? -errno : (int)n;
}

static int lfs_write(const char *path, const char *buf, size_t size, off_t off, struct fuse_file_info *fi) {
  (void)path;
  if (fi->fh == (uint64_t)-1) {
    int r = power_cut();
    return r ? r : (int)size;
  }
  int err = 0;
  ssize_t n = 0;
  pthread_mutex_lock(&lock);
  struct undo *u = undo_for(fi->fh, &err);
  if (u)
    err = save(u, off, (off_t)size);
  if (!err && (n = pwrite(fi->fh, buf, size, off)) < 0)
    err = -errno;
  pthread_mutex_unlock(&lock);
  return err ? err : (int)n;
}

static int lfs_statfs(const char *path, struct statvfs *st) {
  (void)path;
  return fstatvfs(backing, st) < 0 ? -errno : 0;
}

static int lfs_release(const char *path, struct fuse_file_info *fi) {
  (void)path;
  if (fi->fh != (uint64_t)-1)
    close(fi->fh);
  return 0;
}

/* The one way data becomes durable. The backing file is not itself synced: it stands for the platter. */
static int lfs_fsync(const char *path, int datasync, struct fuse_file_info *fi) {
  (void)path;
  (void)datasync;
  if (fi->fh == (uint64_t)-1)
    return 0;
  struct stat st;
  if (fstat(fi->fh, &st) < 0)
    return -errno;
  pthread_mutex_lock(&lock);
  for (struct undo **link = &undos; *link; link = &(*link)->next) {
    if ((*link)->dev == st.st_dev && (*link)->ino == st.st_ino) {
      drop(link);
      break;
    }
  }
  pthread_mutex_unlock(&lock);
  return 0;
}

static int lfs_opendir(const char *path, struct fuse_file_info *fi) {
  int fd = openat(backing, rel(path), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return -errno;
  DIR *d = fdopendir(fd);
  if (!d) {
    int e = errno;
    close(fd);
    return -e;
  }
  fi->fh = (uint64_t)(uintptr_t)d;
  return 0;
}

static int lfs_readdir(const char *path, void *buf, fuse_fill_dir_t fill, off_t off, struct fuse_file_info *fi,
                       enum fuse_readdir_flags flags) {
  (void)path;
  (void)off;
  (void)flags;
  DIR *d = (DIR *)(uintptr_t)fi->fh;
  rewinddir(d);
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    struct stat st = {.st_ino = e->d_ino, .st_mode = (mode_t)DTTOIF(e->d_type)};
    if (fill(buf, e->d_name, &st, 0, 0))
      break;
  }
  return 0;
}

static int lfs_releasedir(const char *path, struct fuse_file_info *fi) {
  (void)path;
  closedir((DIR *)(uintptr_t)fi->fh);
  return 0;
}

static int lfs_fsyncdir(const char *path, int datasync, struct fuse_file_info *fi) {
  (void)path;
  (void)datasync;
  (void)fi;
  return 0; /* metadata is durable at once */
}

static int lfs_access(const char *path, int mask) {
  if (strcmp(path, CONTROL) == 0)
    return 0;
  return faccessat(backing, rel(path), mask, 0) < 0 ? -errno : 0;
}

static const struct fuse_operations ops = {
    .init = lfs_init,
    .getattr = lfs_getattr,
    .readlink = lfs_readlink,
    .mkdir = lfs_mkdir,
    .unlink = lfs_unlink,
    .rmdir = lfs_rmdir,
    .symlink = lfs_symlink,
    .rename = lfs_rename,
    .link = lfs_link,
    .chmod = lfs_chmod,
    .chown = lfs_chown,
    .truncate = lfs_truncate,
    .utimens = lfs_utimens,
    .create = lfs_create,
    .open = lfs_open,
    .read = lfs_read,
    .write = lfs_write,
    .statfs = lfs_statfs,
    .release = lfs_release,
    .fsync = lfs_fsync,
    .opendir = lfs_opendir,
    .readdir = lfs_readdir,
    .releasedir = lfs_releasedir,
    .fsyncdir = lfs_fsyncdir,
    .access = lfs_access,
};

int main(int argc, char *argv[]) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s <backing-dir> <mountpoint> [FUSE options]\n", argv[0]);
    return 2;
  }
  backing = open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (backing < 0) {
    fprintf(stderr, "lossyfs: cannot open backing directory %s: %s\n", argv[1], strerror(errno));
    return 2;
  }
  umask(0);
  argv[1] = argv[0]; /* FUSE parses the rest: mountpoint and options */
  return fuse_main(argc - 1, argv + 1, &ops, NULL);
}
