#pragma once
// A throwaway ordinary user for the rootless tests (needs root): made with useradd, its home and an
// XDG_RUNTIME_DIR (0700, its own) in a temp directory, optionally with subordinate uid/gid ranges
// in a block no other /etc/subuid or /etc/subgid line uses. run() executes a program as the user
// (setgroups, setresgid, setresuid, then exec with HOME and XDG_RUNTIME_DIR set) and captures its
// output. The destructor removes everything: the user's processes (its pause process and any
// running under its subordinate ids) killed by pid from /proc, the account, its /etc/subuid and
// /etc/subgid lines, the temp directory.
#include "test_env.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace berth::test {

class TestUser {
public:
    // The number of subordinate ids given (useradd's default).
    static constexpr std::uint32_t SubordinateCount = 65536;

    explicit TestUser(bool withSubordinateIds);
    ~TestUser();
    TestUser(const TestUser&) = delete;
    TestUser& operator=(const TestUser&) = delete;

    // False when the user could not be made; error() says why.
    bool isValid() const { return m_error.isEmpty(); }
    const QString& error() const { return m_error; }
    const std::string& name() const { return m_name; }
    uid_t uid() const { return m_uid; }
    gid_t gid() const { return m_gid; }
    // The first subordinate uid and gid (the same block for both); 0 without ranges.
    std::uint32_t subordinateStart() const { return m_subStart; }
    const std::filesystem::path& home() const { return m_home; }
    const std::filesystem::path& runtimeDir() const { return m_runtimeDir; }

    // Runs program (an absolute path) as the user with HOME, USER, LOGNAME, PATH and
    // XDG_RUNTIME_DIR set, plus extraEnv ("NAME=value", replacing a default of the same name);
    // cwd is the home directory.
    CommandResult run(const std::string& program, const QStringList& args, int timeoutMs = 120000,
                      const QStringList& extraEnv = {}) const;
    // The berth CLI built next to the tests, as the user, with its default store.
    CommandResult berth(const QStringList& args, int timeoutMs = 120000,
                        const QStringList& extraEnv = {}) const;
    // From now on run() starts each command in a mount namespace of its own (a slave of the
    // host's) where node is bind-mounted over /dev/net/tun: a 0666 tun device for the user without
    // changing the host's (udev's mode; machines without udev have 0600). Empty: the host's.
    void setTunDevice(const std::filesystem::path& node) { m_tunDevice = node; }
    // Pids of processes running as the user or under its subordinate ids.
    std::vector<pid_t> processes() const;
    // SIGKILLs those processes until none is left (bounded wait).
    void killProcesses() const;

private:
    std::uint32_t freeSubordinateStart() const;
    bool owns(uid_t uid) const;
    std::string m_name;
    uid_t m_uid = 0;
    gid_t m_gid = 0;
    std::uint32_t m_subStart = 0;
    std::filesystem::path m_base, m_home, m_runtimeDir, m_tunDevice;
    QString m_error;
    bool m_created = false;
};

} // namespace berth::test
