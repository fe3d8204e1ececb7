#include "test_env.h"

#include <QCoreApplication>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>

#include <fstream>
#include <sstream>
#include <sys/mount.h>
#include <unistd.h>

namespace berth::test {

CommandResult run(const QString& program, const QStringList& args, int timeoutMs, const QStringList& extraEnv,
                  const QByteArray& input) {
    QProcess p;
    if (!extraEnv.isEmpty()) {
        auto env = QProcessEnvironment::systemEnvironment();
        for (const QString& kv : extraEnv) {
            auto eq = kv.indexOf(QLatin1Char('='));
            env.insert(kv.left(eq), kv.mid(eq + 1));
        }
        p.setProcessEnvironment(env);
    }
    p.start(program, args);
    CommandResult r;
    if (!p.waitForStarted(10000)) {
        r.err = QStringLiteral("could not start ") + program;
        return r;
    }
    if (!input.isEmpty()) p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        r.err = QStringLiteral("timed out: ") + program;
        return r;
    }
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return r;
}

static std::string envOr(const char* name, const char* fallback) {
    const char* v = std::getenv(name);
    return v && *v ? v : fallback;
}

QString berthBinary() {
    if (const char* dir = std::getenv("BERTH_BINARY_DIR"); dir && *dir) return QString::fromLocal8Bit(dir) + QStringLiteral("/bin/berth");
    // Tests and the CLI share build/bin.
    return QCoreApplication::applicationDirPath() + QStringLiteral("/berth");
}

CommandResult runBerth(const std::filesystem::path& root, const QStringList& args, int timeoutMs,
                       const QStringList& extraEnv, const QByteArray& input) {
    QStringList all{QStringLiteral("--root"), QString::fromStdString(root.string())};
    all += args;
    return run(berthBinary(), all, timeoutMs, extraEnv, input);
}

std::filesystem::path demoDir() {
    if (const char* d = std::getenv("BERTH_DEMO_DIR"); d && *d) return d;
    return std::filesystem::path(QCoreApplication::applicationDirPath().toStdString()) / "../demo-images";
}
std::filesystem::path supportDir() { return envOr("BERTH_TEST_SUPPORT_DIR", "."); }
bool isRoot() { return ::geteuid() == 0; }
bool haveTool(const QString& name) { return !QStandardPaths::findExecutable(name).isEmpty(); }

TempDir::TempDir() {
    char tmpl[] = "/tmp/berth-test-XXXXXX";
    if (const char* made = ::mkdtemp(tmpl)) m_path = made;
    else qWarning("cannot create a temporary directory under /tmp");
}

TempDir::~TempDir() {
    if (m_path.empty()) return;
    std::error_code ec;
    // Never leave a mount behind: detach anything still mounted below us before deleting.
    std::ifstream mounts("/proc/self/mounts");
    std::string line;
    std::vector<std::string> below;
    while (std::getline(mounts, line)) {
        std::istringstream ls(line);
        std::string dev, mnt;
        ls >> dev >> mnt;
        if (mnt.rfind(m_path.string() + "/", 0) == 0) below.push_back(mnt);
    }
    for (auto it = below.rbegin(); it != below.rend(); ++it) ::umount2(it->c_str(), MNT_DETACH);
    std::filesystem::remove_all(m_path, ec);
}

std::string readText(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

void writeText(const std::filesystem::path& p, const std::string& text) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f << text;
}

} // namespace berth::test
