// diffUpperDir on temp trees: an upper directory and lower layers in overlay form (whiteouts are
// 0/0 character devices, which only root may create).
#include "runtime/container_diff.h"

#include <QtTest>
#include <fstream>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace fs = std::filesystem;
using berth::runtime::diffUpperDir;

class TestContainerDiff : public QObject {
    Q_OBJECT

    fs::path m_dir;
    fs::path upper() const { return m_dir / "upper"; }
    fs::path lower(int i) const { return m_dir / ("lower" + std::to_string(i)); }
    static void file(const fs::path& p, const std::string& text = "x") {
        fs::create_directories(p.parent_path());
        std::ofstream(p) << text;
    }
    static bool whiteout(const fs::path& p) {
        fs::create_directories(p.parent_path());
        return ::mknod(p.c_str(), S_IFCHR | 0600, makedev(0, 0)) == 0;
    }
    QStringList diff() {
        auto r = diffUpperDir(upper(), {lower(1), lower(0)});
        if (!r) return {QStringLiteral("error: ") + QString::fromStdString(r.error().message)};
        QStringList out;
        for (auto& c : *r) out << QString(QLatin1Char(c.kind)) + QLatin1Char(' ') + QString::fromStdString(c.path);
        return out;
    }

private slots:
    void init() {
        char tmpl[] = "/tmp/berth-diff-XXXXXX";
        QVERIFY(::mkdtemp(tmpl));
        m_dir = tmpl;
        // lower0 (bottom): /etc/passwd, /etc/group, /opt/a/1, /opt/a/2; lower1 deletes /etc/group.
        file(lower(0) / "etc/passwd");
        file(lower(0) / "etc/group");
        file(lower(0) / "opt/a/1");
        file(lower(0) / "opt/a/2");
        file(lower(0) / "hello.txt");
        fs::create_directories(lower(1));
        fs::create_directories(upper());
    }
    void cleanup() { fs::remove_all(m_dir); }

    void emptyUpperHasNoChanges() { QCOMPARE(diff(), QStringList()); }

    void addedFileAndItsParents() {
        file(upper() / "new");
        file(upper() / "srv/app/conf");
        QCOMPARE(diff(), (QStringList{"A /new", "A /srv", "A /srv/app", "A /srv/app/conf"}));
    }

    void changedFileShowsParentAsChanged() {
        file(upper() / "etc/passwd", "changed");
        QCOMPARE(diff(), (QStringList{"C /etc", "C /etc/passwd"}));
    }

    void whiteoutIsDeletion() {
        if (::geteuid() != 0) QSKIP("needs root: whiteouts are 0/0 character devices (mknod)");
        QVERIFY(whiteout(upper() / "hello.txt"));
        QCOMPARE(diff(), (QStringList{"D /hello.txt"}));
    }

    void pathDeletedInAHigherLowerLayerIsNotThere() {
        if (::geteuid() != 0) QSKIP("needs root: whiteouts are 0/0 character devices (mknod)");
        QVERIFY(whiteout(lower(1) / "etc/group"));
        file(upper() / "etc/group", "again");
        QCOMPARE(diff(), (QStringList{"C /etc", "A /etc/group"}));
    }

    void opaqueDirDeletesLowerChildren() {
        fs::create_directories(upper() / "opt/a");
        if (::setxattr((upper() / "opt/a").c_str(), "trusted.overlay.opaque", "y", 1, 0) != 0)
            QSKIP("needs root (CAP_SYS_ADMIN) to set trusted.overlay.opaque");
        file(upper() / "opt/a/1", "new");
        QCOMPARE(diff(), (QStringList{"C /opt", "C /opt/a", "C /opt/a/1", "D /opt/a/2"}));
    }

    void missingUpperIsAnError() {
        fs::remove_all(upper());
        QVERIFY(diff().value(0).startsWith(QStringLiteral("error: reading ")));
    }
};

QTEST_GUILESS_MAIN(TestContainerDiff)
#include "tst_runtime_container_diff.moc"
