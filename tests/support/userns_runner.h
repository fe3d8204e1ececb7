#pragma once
// Runs commands as root of a user namespace, the way rootless Berth runs, from a test that is
// real root: a holder process keeps a namespace that maps 0 to hostUid and 1..count to
// hostUid+1..; each command joins it (setns) and becomes 0:0 there before it starts.
#include "test_env.h"

#include <QByteArray>
#include <QStringList>

#include <filesystem>
#include <functional>
#include <string>
#include <sys/types.h>

namespace berth::test {

class UserNamespaceRunner {
public:
    explicit UserNamespaceRunner(uid_t hostUid = 4000000, unsigned count = 65536);
    ~UserNamespaceRunner();
    UserNamespaceRunner(const UserNamespaceRunner&) = delete;

    // Empty when the namespace exists; else why it could not be made.
    const QString& error() const { return m_error; }
    uid_t hostUid() const { return m_hostUid; }
    // The uid_map (and gid_map) written for the namespace, "0 <hostUid> 1\n1 <hostUid+1> <count>\n".
    const std::string& idMap() const { return m_map; }

    // Runs a program inside the namespace (no shell), waiting up to timeoutMs.
    CommandResult run(const QString& program, const QStringList& args, int timeoutMs = 120000,
                      const QByteArray& input = {}) const;
    // Runs `berth --root <root> args…` inside the namespace.
    CommandResult runBerth(const std::filesystem::path& root, const QStringList& args, int timeoutMs = 120000,
                           const QByteArray& input = {}) const;
    // Forks, joins the namespace in the child and returns fn's result as its exit code (0..255);
    // -1 when the child could not join or died.
    int runInside(const std::function<int()>& fn) const;

private:
    bool join() const; // in a single-threaded child: enter the namespace as 0:0

    uid_t m_hostUid;
    pid_t m_holder = -1;
    int m_release = -1; // closing it lets the holder exit
    std::string m_map;
    QString m_error;
};

} // namespace berth::test
