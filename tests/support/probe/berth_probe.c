/* berth-probe: a tiny static program the tests run inside containers. It reports what a process
 * in the container can see, one "key=value" line each, so a test can assert the isolation from
 * the inside without depending on the image's tools. Plain C, statically linked, no libc extras. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static void statusField(const char* key) {
    FILE* f = fopen("/proc/self/status", "r");
    char line[256];
    size_t n = strlen(key);
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, key, n) && line[n] == ':') {
            char* v = line + n + 1;
            while (*v == ' ' || *v == '\t') ++v;
            v[strcspn(v, "\n")] = 0;
            printf("%s=%s\n", key, v);
        }
    if (f) fclose(f);
}

static int countNumeric(const char* dir) {
    DIR* d = opendir(dir);
    int n = 0;
    struct dirent* e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] >= '0' && e->d_name[0] <= '9') ++n;
    if (d) closedir(d);
    return n;
}

static void fds(void) {
    DIR* d = opendir("/proc/self/fd");
    struct dirent* e;
    printf("fds=");
    int self = d ? dirfd(d) : -1;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.' && atoi(e->d_name) != self) printf("%s,", e->d_name);
    printf("\n");
    if (d) closedir(d);
}

static void readable(const char* key, const char* path) {
    int fd = open(path, O_RDONLY);
    char buf[64];
    ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf) : -1;
    printf("%s=%s\n", key, n > 0 ? "readable" : "hidden");
    if (fd >= 0) close(fd);
}

int main(void) {
    char host[256] = "";
    gethostname(host, sizeof host);
    printf("pid=%d\nhostname=%s\nuid=%d\n", getpid(), host, getuid());
    statusField("CapInh"); statusField("CapPrm"); statusField("CapEff"); statusField("CapBnd"); statusField("CapAmb");
    statusField("Seccomp"); statusField("NoNewPrivs");
    printf("processes=%d\n", countNumeric("/proc"));
    readable("proc_keys", "/proc/keys");
    readable("proc_kcore", "/proc/kcore");
    int w = open("/proc/sys/kernel/domainname", O_WRONLY);
    printf("proc_sys=%s\n", w < 0 && errno == EROFS ? "read-only" : "writable");
    if (w >= 0) close(w);
    printf("mount=%s\n", mount("none", "/tmp", "tmpfs", 0, NULL) == 0 ? "allowed" : "refused");
    struct stat st;
    printf("host_disk=%s\n", stat("/dev/vda", &st) == 0 || stat("/dev/sda", &st) == 0 ? "visible" : "absent");
    /* A node for a host block device may be created (CAP_MKNOD) but must not open: the device
     * cgroup allows only the default devices. */
    unlink("/tmp/probe-disk");
    if (mknod("/tmp/probe-disk", S_IFBLK | 0600, makedev(7, 0)) == 0) {
        int d = open("/tmp/probe-disk", O_RDONLY);
        printf("block_device_open=%s\n", d < 0 && errno == EPERM ? "refused" : d >= 0 ? "allowed" : strerror(errno));
        if (d >= 0) close(d);
        unlink("/tmp/probe-disk");
    } else {
        printf("block_device_open=mknod-refused\n");
    }
    printf("unshare_user=%s\n", syscall(SYS_unshare, 0x10000000 /* CLONE_NEWUSER */) == 0 ? "allowed" : "refused");
    FILE* m = fopen("/sys/fs/cgroup/memory/memory.limit_in_bytes", "r");
    if (!m) m = fopen("/sys/fs/cgroup/memory.max", "r");
    char lim[64] = "unknown";
    if (m && fgets(lim, sizeof lim, m)) lim[strcspn(lim, "\n")] = 0;
    if (m) fclose(m);
    printf("memory_limit=%s\n", lim);
    fds();
    return 0;
}
