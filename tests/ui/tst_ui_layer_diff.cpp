// The added / modified / removed classification of a layer's files, on hand-made snapshot
// directories in overlay form. Whiteouts are 0/0 character devices, which only root can make;
// opaque directories carry trusted.overlay.opaque (root) or user.overlay.opaque.
#include "models/layer_diff.h"
#include "models/layer_file_model.h"
#include "test_env.h"

#include <QAbstractItemModelTester>
#include <QTest>

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

using namespace berth;
using namespace berth::ui;
namespace fs = std::filesystem;

namespace {

void file(const fs::path& p, const std::string& content = "x") {
    fs::create_directories(p.parent_path());
    test::writeText(p, content);
}

bool whiteout(const fs::path& p) {
    fs::create_directories(p.parent_path());
    return ::mknod(p.c_str(), S_IFCHR | 0000, makedev(0, 0)) == 0;
}

bool opaque(const fs::path& dir) {
    fs::create_directories(dir);
    for (const char* key : {"trusted.overlay.opaque", "user.overlay.opaque"})
        if (::setxattr(dir.c_str(), key, "y", 1, 0) == 0) return true;
    return false;
}

FileChange changeOf(const QList<LayerFileEntry>& entries, const char* path) {
    for (const auto& e : entries)
        if (e.path == QLatin1String(path)) return e.change;
    qWarning("no entry for %s", path);
    return FileChange::Unchanged;
}

const LayerFileEntry* entryOf(const QList<LayerFileEntry>& entries, const char* path) {
    for (const auto& e : entries)
        if (e.path == QLatin1String(path)) return &e;
    return nullptr;
}

} // namespace

class TstUiLayerDiff : public QObject {
    Q_OBJECT
    test::TempDir m_dir;
    fs::path m_lower, m_upper;

private slots:
    void initTestCase() {
        m_lower = m_dir / "lower";
        m_upper = m_dir / "upper";
        file(m_lower / "etc/passwd", "root:x:0:0");
        file(m_lower / "etc/group");
        file(m_lower / "bin/sh");
        file(m_lower / "var/www/index.html");
        file(m_lower / "var/www/old.css");
        file(m_lower / "data/keep.txt");

        file(m_upper / "etc/passwd", "root:x:0:0\nweb:x:33:33");  // replaces the lower file
        file(m_upper / "new.txt", "hello");                       // nothing below
        file(m_upper / "data/extra.txt");                         // new file in an existing dir
        file(m_upper / "var/www/index.html", "<h1>new</h1>");      // in an opaque dir
    }

    void addedAndModified() {
        auto entries = classifyLayer(m_upper, {m_lower});
        QCOMPARE(changeOf(entries, "etc/passwd"), FileChange::Modified);
        QCOMPARE(changeOf(entries, "new.txt"), FileChange::Added);
        QCOMPARE(changeOf(entries, "data"), FileChange::Unchanged); // only holds a change
        QCOMPARE(changeOf(entries, "data/extra.txt"), FileChange::Added);
        QCOMPARE(entryOf(entries, "new.txt")->size, quint64(5));
        QVERIFY(entryOf(entries, "data")->isDir);
        // Sorted by path, so a tree can be built in one pass.
        for (int i = 1; i < entries.size(); ++i) QVERIFY(entries[i - 1].path < entries[i].path);
    }

    void whiteoutIsRemoved() {
        if (!whiteout(m_upper / "etc/group") || !whiteout(m_upper / "bin/sh"))
            QSKIP("cannot create 0/0 character devices here (needs root)");
        auto entries = classifyLayer(m_upper, {m_lower});
        QCOMPARE(changeOf(entries, "etc/group"), FileChange::Removed);
        QCOMPARE(changeOf(entries, "bin/sh"), FileChange::Removed);
        QVERIFY(isWhiteout(m_upper / "bin/sh"));
        LayerFileModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries(entries);
        QCOMPARE(model.count(FileChange::Removed), 2);
        QCOMPARE(model.indexOfPath(QStringLiteral("bin/sh")).data(LayerFileModel::ChangeRole).toInt(),
                 int(FileChange::Removed));
    }

    void opaqueDirectoryIsModified() {
        if (!opaque(m_upper / "var/www")) QSKIP("this file system takes no overlay xattrs");
        auto entries = classifyLayer(m_upper, {m_lower});
        const LayerFileEntry* www = entryOf(entries, "var/www");
        QVERIFY(www);
        QVERIFY(www->isOpaque);
        QCOMPARE(www->change, FileChange::Modified);
        QCOMPARE(changeOf(entries, "var/www/index.html"), FileChange::Modified);
        QCOMPARE(changeOf(entries, "var"), FileChange::Unchanged);
    }

    // Three layers: what the middle one deleted or hid no longer exists for the top one.
    void stackHonoursWhiteoutsAndOpaqueBelow() {
        const fs::path mid = m_dir / "mid";
        file(mid / "placeholder");
        if (!whiteout(mid / "etc/passwd")) QSKIP("cannot create 0/0 character devices here (needs root)");
        QVERIFY(!existsInStack("etc/passwd", {mid, m_lower}));
        QVERIFY(existsInStack("etc/group", {mid, m_lower}));
        if (opaque(mid / "data")) {
            QVERIFY(!existsInStack("data/keep.txt", {mid, m_lower}));
            file(mid / "data/own.txt");
            QVERIFY(existsInStack("data/own.txt", {mid, m_lower}));
        }
        const fs::path top = m_dir / "top";
        file(top / "etc/passwd");
        QCOMPARE(changeOf(classifyLayer(top, {mid, m_lower}), "etc/passwd"), FileChange::Added);
    }

    void missingLayerDirIsEmpty() { QVERIFY(classifyLayer(m_dir / "nope", {}).isEmpty()); }
};

QTEST_MAIN(TstUiLayerDiff)
#include "tst_ui_layer_diff.moc"
