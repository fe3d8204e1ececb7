#pragma once
// Resolves an image or `--user` User string against the container's own /etc/passwd and
// /etc/group, never the host's NSS (CVE-2019-14271). The files belong to the image, so they are
// treated as hostile: opened with openat2(RESOLVE_IN_ROOT) below the rootfs, only regular files,
// size-capped. The supplementary groups follow CVE-2022-36109 and CVE-2023-25173: they always
// start with the primary gid.
#include "support/error.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace berth::runtime {

struct ResolvedUser {
    uid_t uid = 0;
    gid_t gid = 0;
    std::vector<gid_t> additionalGids; // for setgroups(): primary gid first, no duplicates
    std::string home = "/";
};

// The contents of the container's account files; nullopt when the file does not exist.
struct AccountFiles {
    std::optional<std::string> passwd;
    std::optional<std::string> group;
};

// Reads etc/passwd and etc/group of rootfs. Symlinks are followed as a chroot would, so they never
// reach the host's files; a missing file is nullopt, anything but a regular file is an error.
Result<AccountFiles> readAccountFiles(const std::filesystem::path& rootfs);

// Resolves user ("", "name", "uid", "name:group", "uid:gid", "uid:group", "name:gid"; "" = root)
// against files. Without a group the primary gid comes from passwd and the supplementary groups
// from /etc/group membership; with one, membership is ignored. groupAdd (--group-add names or gids)
// is appended. An unknown name fails with Docker's "unable to find user NAME: no matching entries
// in passwd file"; a numeric uid missing from passwd gets gid 0 and home "/".
Result<ResolvedUser> resolveUser(const AccountFiles& files, std::string_view user,
                                 const std::vector<std::string>& groupAdd = {});

// readAccountFiles + resolveUser.
Result<ResolvedUser> resolveUserInRootfs(const std::filesystem::path& rootfs, std::string_view user,
                                         const std::vector<std::string>& groupAdd = {});

} // namespace berth::runtime
