/*
 * libnosync: an LD_PRELOAD library that turns fsync/fdatasync into no-ops, for the negative
 * control of the power-cut test only (a node whose store "skips the sync"). Never used by the node
 * itself; the test harness sets LD_PRELOAD for the node process it starts.
 *
 *   NOSYNC_MATCH=/raft/   only descriptors whose path contains this string skip the sync
 *                         (unset or empty: every descriptor)
 *
 * It reports on stderr, once, that it is active, so a node log run with it says so.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int skip(int fd) {
  static int announced;
  const char *match = getenv("NOSYNC_MATCH");
  int hit = 1;
  if (match && *match) {
    char proc[64], path[4096];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(proc, path, sizeof path - 1);
    path[n < 0 ? 0 : n] = '\0';
    hit = strstr(path, match) != NULL;
  }
  if (hit && !__atomic_exchange_n(&announced, 1, __ATOMIC_SEQ_CST))
    fprintf(stderr, "libnosync: TEST ONLY: skipping fsync/fdatasync of files matching '%s'\n",
            match && *match ? match : "(all)");
  return hit;
}

int fsync(int fd) {
  static int (*real)(int);
  if (skip(fd))
    return 0;
  if (!real)
    real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
  return real(fd);
}

int fdatasync(int fd) {
  static int (*real)(int);
  if (skip(fd))
    return 0;
  if (!real)
    real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
  return real(fd);
}
