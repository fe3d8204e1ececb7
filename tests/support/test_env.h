#pragma once
// Helpers every test uses: where the build put things, running commands, skipping with a reason.
#include <QString>
#include <QByteArray>
#include <QStringList>

#include <filesystem>
#include <string>

namespace berth::test {

struct CommandResult {
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs a program (no shell) and waits up to timeoutMs. exitCode is -1 when it could not start
// or timed out.
CommandResult run(const QString& program, const QStringList& args, int timeoutMs = 120000,
                  const QStringList& extraEnv = {}, const QByteArray& input = {});
// The berth CLI built next to the tests.
QString berthBinary();
// Runs `berth --root <root> args…`.
CommandResult runBerth(const std::filesystem::path& root, const QStringList& args, int timeoutMs = 120000,
                       const QStringList& extraEnv = {}, const QByteArray& input = {});
// Build tree's demo image archives directory.
std::filesystem::path demoDir();
// tests/support in the source tree (scripts, fixture files).
std::filesystem::path supportDir();
bool isRoot();
bool haveTool(const QString& name);
// A temp directory under /tmp (not /tmp itself) removed by the returned guard's destructor.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& s) const { return m_path / s; }

private:
    std::filesystem::path m_path;
};
std::string readText(const std::filesystem::path& p);
void writeText(const std::filesystem::path& p, const std::string& text);

} // namespace berth::test
