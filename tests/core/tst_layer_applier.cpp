// applyLayer: the breakout catalogue of engine-reference §3.2 (moby's testBreakout harness and
// containerd's TestBreakouts rows that apply to one layer), overlay-form whiteouts, compression
// and the DiffId, preservation of metadata, and the limits of §3.3. Runs as any user; the cases
// that need root (owners, devices, whiteout devices, trusted xattrs) skip with a reason.
#include "layer/layer_applier.h"
#include "support/sha256.h"
#include "tar_builder.h"
#include "test_env.h"

#include <QtTest>

#include <clocale>
#include <cstring>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>

using namespace berth;
using namespace berth::test;
namespace fs = std::filesystem;
using Entries = std::vector<TarEntry>;
Q_DECLARE_METATYPE(Entries)

namespace {

TarEntry fileEntry(const std::string& path, const std::string& content, unsigned mode = 0644) {
    TarEntry e;
    e.path = path;
    e.content = content;
    e.mode = mode;
    return e;
}
TarEntry dirEntry(const std::string& path, unsigned mode = 0755) {
    TarEntry e;
    e.type = TarEntry::Type::Dir;
    e.path = path;
    e.mode = mode;
    return e;
}
TarEntry symlinkEntry(const std::string& path, const std::string& target) {
    TarEntry e;
    e.type = TarEntry::Type::Symlink;
    e.path = path;
    e.linkname = target;
    e.mode = 0777;
    return e;
}
TarEntry hardlinkEntry(const std::string& path, const std::string& target) {
    TarEntry e;
    e.type = TarEntry::Type::Hardlink;
    e.path = path;
    e.linkname = target;
    return e;
}

std::string tarOf(const Entries& entries, Compression c = Compression::None, bool truncated = false) {
    TarBuilder b;
    for (const TarEntry& e : entries) b.add(e);
    return b.build(c, truncated);
}

Result<layer::AppliedLayer> applyBytes(const std::string& bytes, const fs::path& dest,
                                       layer::ApplyOptions options = {}) {
    options.preserveOwners = options.preserveOwners && isRoot(); // as ApplyOptions asks of the unprivileged
    auto src = memorySource(bytes);
    return layer::applyLayer(*src, dest, options);
}

Result<layer::AppliedLayer> applyEntries(const Entries& entries, const fs::path& dest,
                                         const layer::ApplyOptions& options = {}) {
    return applyBytes(tarOf(entries), dest, options);
}

struct stat lstatOf(const fs::path& p) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0) st.st_mode = 0;
    return st;
}
bool present(const fs::path& p) { return lstatOf(p).st_mode != 0; }
bool treeSizeBelow(const fs::path& root, std::uintmax_t limit) {
    std::uintmax_t total = 0;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file() && !e.is_symlink()) total += e.file_size();
    return total < limit;
}
bool sameFile(const fs::path& a, const fs::path& b) {
    struct stat x = lstatOf(a), y = lstatOf(b);
    return x.st_mode && y.st_mode && x.st_ino == y.st_ino && x.st_dev == y.st_dev;
}
bool isWhiteout(const fs::path& p) {
    struct stat st = lstatOf(p);
    return S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0);
}
std::string xattrOf(const fs::path& p, const char* name) {
    char buf[256];
    ssize_t n = ::lgetxattr(p.c_str(), name, buf, sizeof buf);
    return n < 0 ? std::string() : std::string(buf, static_cast<std::size_t>(n));
}

// moby's testBreakout harness: dest and victim side by side; victim/hello must survive.
class Harness {
public:
    Harness() {
        fs::create_directories(dest());
        writeText(victim() / "hello", m_hello);
        ::chmod((victim() / "hello").c_str(), 0644);
        m_before = lstatOf(victim() / "hello");
    }
    fs::path dest() const { return m_tmp / "dest"; }
    fs::path victim() const { return m_tmp / "victim"; }
    const fs::path& tmp() const { return m_tmp.path(); }
    const std::string& hello() const { return m_hello; }

    // Empty when the victim is intact and no file under dest carries its content.
    QString victimDamage() const {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(victim())) names.push_back(e.path().filename().string());
        if (names != std::vector<std::string>{"hello"}) return QStringLiteral("victim dir content changed");
        struct stat now = lstatOf(victim() / "hello");
        if (now.st_mode != m_before.st_mode || now.st_size != m_before.st_size)
            return QStringLiteral("victim mode or size changed");
        if (readText(victim() / "hello") != m_hello) return QStringLiteral("victim content changed");
        std::error_code ec;
        for (auto it = fs::recursive_directory_iterator(dest(), ec); it != fs::recursive_directory_iterator(); ++it) {
            if (it->is_regular_file() && !it->is_symlink() && readText(it->path()) == m_hello)
                return QStringLiteral("victim content leaked into ") + QString::fromStdString(it->path().string());
        }
        return {};
    }
    QStringList besideDest() const {
        QStringList out;
        for (const auto& e : fs::directory_iterator(tmp())) out << QString::fromStdString(e.path().filename().string());
        out.sort();
        return out;
    }

private:
    TempDir m_tmp;
    std::string m_hello = "hello from the host " + std::to_string(::time(nullptr));
    struct stat m_before {};
};

} // namespace

class TestLayerApplier : public QObject {
    Q_OBJECT
private slots:
    void mobyBreakouts_data();
    void mobyBreakouts();
    void parentTraversalIsBreakout_data();
    void parentTraversalIsBreakout();
    void containedResults();
    void siblingPrefixContained();
    void absoluteHardlinkResolvesInside();
    void dotDotPrefixedNameAllowed();
    void containerdBreakouts_data();
    void containerdBreakouts();
    void invalidWhiteoutNames_data();
    void invalidWhiteoutNames();
    void hardlinkSymlinkChmodLeavesHostMode();
    void symlinkOverridePathNeverWritesHost();
    void errorMessageNamesEntry();

    void whiteoutsInOverlayForm();
    void whiteoutKeepsSameLayerFile();
    void directoryOverWhiteoutIsOpaque();
    void userXattrOpaque();
    void aufsMetadataSkipped();
    void overlayXattrsFromArchiveDropped();
    void compressionAndDiffId_data();
    void compressionAndDiffId();
    void preservesMetadata();
    void preservesOwnersAndSpecialFiles();
    void deviceNodesNeedRoot();
    void duplicateEntriesLastWins();
    void hardlinkCopiedUpFromParent();
    void hardlinkMissingTargetIsError();
    void impliedDirectoryTakesLowerAttributes();
    void nonAsciiNames();
    void progressReported();
    void limits_data();
    void limits();
    void garbageIsCorrupt();
};

// ---- moby archive breakout tests (TestUntarInvalidFilenames … TestUntarSymlinkBreakout) ----

void TestLayerApplier::mobyBreakouts_data() {
    QTest::addColumn<Entries>("entries");
    QTest::addColumn<bool>("mustFail");
    const TarEntry loopHard = hardlinkEntry("loophole-victim", "../victim");
    const TarEntry loopSym = symlinkEntry("loophole-victim", "../victim");
    QTest::newRow("invalid filename dotdot") << Entries{fileEntry("../victim/dotdot", "x")} << true;
    QTest::newRow("invalid filename slash-dotdot") << Entries{fileEntry("/../victim/slash-dotdot", "x")} << true;
    QTest::newRow("hardlink to symlink")
        << Entries{symlinkEntry("symlink1", "regfile"), hardlinkEntry("symlink2", "symlink1"), fileEntry("regfile", "r")}
        << false;
    QTest::newRow("invalid hardlink 1 dotdot") << Entries{hardlinkEntry("dotdot", "../victim/hello")} << true;
    QTest::newRow("invalid hardlink 2 slash-dotdot") << Entries{hardlinkEntry("slash-dotdot", "/../victim/hello")} << true;
    QTest::newRow("invalid hardlink 3 write") << Entries{loopHard, fileEntry("loophole-victim/file", "x")} << true;
    QTest::newRow("invalid hardlink 4 symlink")
        << Entries{loopHard, symlinkEntry("symlink", "loophole-victim/hello")} << true;
    QTest::newRow("invalid hardlink 5 hardlink")
        << Entries{loopHard, hardlinkEntry("hardlink", "loophole-victim/hello")} << true;
    QTest::newRow("invalid hardlink 6 remove") << Entries{loopHard, fileEntry("loophole-victim", "x")} << true;
    QTest::newRow("invalid symlink 1 dotdot") << Entries{symlinkEntry("dotdot", "../victim/hello")} << false;
    QTest::newRow("invalid symlink 2 slash-dotdot") << Entries{symlinkEntry("slash-dotdot", "/../victim/hello")} << false;
    QTest::newRow("invalid symlink 3 write") << Entries{loopSym, fileEntry("loophole-victim/file", "x")} << false;
    QTest::newRow("invalid symlink 4 symlink")
        << Entries{loopSym, symlinkEntry("symlink", "loophole-victim/hello")} << false;
    QTest::newRow("invalid symlink 5 hardlink")
        << Entries{loopSym, hardlinkEntry("hardlink", "loophole-victim/hello")} << true;
    QTest::newRow("invalid symlink 6 remove") << Entries{loopSym, fileEntry("loophole-victim", "x")} << false;
    QTest::newRow("invalid symlink 7 nested")
        << Entries{dirEntry("dir"), symlinkEntry("dir/loophole", "../../victim"),
                   fileEntry("dir/loophole/newdir/newfile", "x")}
        << false;
    QTest::newRow("symlink breakout chain")
        << Entries{dirEntry("inner"), symlinkEntry("inner/go_up", ".."), symlinkEntry("inner/go_up/escape", "../victim"),
                   fileEntry("inner/go_up/escape/newfile", "x")}
        << false;
}

void TestLayerApplier::mobyBreakouts() {
    QFETCH(Entries, entries);
    QFETCH(bool, mustFail);
    Harness h;
    auto r = applyEntries(entries, h.dest());
    if (mustFail) QVERIFY2(!r, "the hostile layer was accepted");
    else QVERIFY2(r, r ? "" : r.error().message.c_str());
    QCOMPARE(h.victimDamage(), QString());
    QCOMPARE(h.besideDest(), (QStringList{QStringLiteral("dest"), QStringLiteral("victim")}));
}

void TestLayerApplier::parentTraversalIsBreakout_data() {
    QTest::addColumn<Entries>("entries");
    QTest::newRow("dotdot dir") << Entries{dirEntry("..")};
    QTest::newRow("dotdot pwned") << Entries{fileEntry("../pwned", "x")};
    QTest::newRow("dotdot dotdot pwned") << Entries{fileEntry("../../pwned", "x")};
    QTest::newRow("climb after descend") << Entries{fileEntry("a/../../pwned", "x")};
}

void TestLayerApplier::parentTraversalIsBreakout() {
    QFETCH(Entries, entries);
    Harness h;
    auto r = applyEntries(entries, h.dest());
    QVERIFY(!r);
    QCOMPARE(int(r.error().code), int(ErrorCode::Breakout));
    QCOMPARE(h.besideDest(), (QStringList{QStringLiteral("dest"), QStringLiteral("victim")}));
    QVERIFY(!present(h.tmp().parent_path() / "pwned"));
    QCOMPARE(h.victimDamage(), QString());
}

void TestLayerApplier::containedResults() {
    // The links above are resolved inside dest: their writes land in dest/victim, not victim.
    Harness h;
    auto r = applyEntries({symlinkEntry("loophole-victim", "../victim"), fileEntry("loophole-victim/file", "in")},
                          h.dest());
    QVERIFY(r);
    QCOMPARE(readText(h.dest() / "victim" / "file"), std::string("in"));
    QCOMPARE(fs::read_symlink(h.dest() / "loophole-victim").string(), std::string("../victim"));
    QVERIFY(!present(h.victim() / "file"));

    Harness chain;
    QVERIFY(applyEntries({dirEntry("inner"), symlinkEntry("inner/go_up", ".."),
                          symlinkEntry("inner/go_up/escape", "../victim"), fileEntry("inner/go_up/escape/newfile", "n")},
                         chain.dest()));
    QCOMPARE(readText(chain.dest() / "victim" / "newfile"), std::string("n"));
    QVERIFY(fs::is_symlink(chain.dest() / "escape"));

    Harness hl;
    QVERIFY(applyEntries({symlinkEntry("symlink1", "regfile"), hardlinkEntry("symlink2", "symlink1"),
                          fileEntry("regfile", "r")}, hl.dest()));
    QVERIFY(fs::is_symlink(hl.dest() / "symlink2"));
    QVERIFY(sameFile(hl.dest() / "symlink1", hl.dest() / "symlink2"));
}

void TestLayerApplier::siblingPrefixContained() {
    Harness h;
    writeText(h.tmp() / "dest-evil" / "secret", "top secret");
    auto r = applyEntries({hardlinkEntry("grab", "../dest-evil/secret")}, h.dest());
    QVERIFY(!r);
    QVERIFY(!present(h.dest() / "grab"));
    QCOMPARE(readText(h.tmp() / "dest-evil" / "secret"), std::string("top secret"));
}

void TestLayerApplier::absoluteHardlinkResolvesInside() {
    Harness h;
    QVERIFY(applyEntries({dirEntry("usr"), dirEntry("usr/bin"), fileEntry("usr/bin/perlbug", "perl"),
                          hardlinkEntry("usr/bin/perlthanks", "/usr/bin/perlbug")}, h.dest()));
    QVERIFY(sameFile(h.dest() / "usr/bin/perlbug", h.dest() / "usr/bin/perlthanks"));
}

void TestLayerApplier::dotDotPrefixedNameAllowed() {
    Harness h;
    QVERIFY(applyEntries({fileEntry("..gitme", "ok"), fileEntry("sub/..x", "ok2")}, h.dest()));
    QCOMPARE(readText(h.dest() / "..gitme"), std::string("ok"));
    QCOMPARE(readText(h.dest() / "sub" / "..x"), std::string("ok2"));
}

// ---- containerd TestBreakouts (pkg/archive/tar_test.go), single-layer rows ----

void TestLayerApplier::containerdBreakouts_data() {
    QTest::addColumn<Entries>("entries");
    QTest::addColumn<QString>("check"); // "same:a|b", "file:path=content", "dir:path", "symlink:path", "absent:path"
    const Entries etc{dirEntry("etc"), fileEntry("etc/passwd", "root:x:0:0")};
    auto with = [&](Entries more) {
        Entries all = etc;
        all.insert(all.end(), more.begin(), more.end());
        return all;
    };
    QTest::newRow("SymlinkAbsolute") << with({symlinkEntry("localetc", "/etc"), fileEntry("/localetc/unbroken", "u")})
                                     << "file:etc/unbroken=u";
    QTest::newRow("SymlinkUpAndOut")
        << with({symlinkEntry("localetc", "/dummy/../etc"), fileEntry("/localetc/unbroken", "u")}) << "file:etc/unbroken=u";
    QTest::newRow("SymlinkMultipleAbsolute")
        << with({dirEntry("dummy"), symlinkEntry("dummy/etc", "/etc"), symlinkEntry("localetc", "/dummy/etc"),
                 fileEntry("/localetc/unbroken", "u")})
        << "file:etc/unbroken=u";
    QTest::newRow("SymlinkMultipleRelative")
        << with({dirEntry("dummy"), symlinkEntry("dummy/etc", "/etc"), symlinkEntry("localetc", "./dummy/etc"),
                 fileEntry("/localetc/unbroken", "u")})
        << "file:etc/unbroken=u";
    QTest::newRow("SymlinkEmptyFile")
        << with({fileEntry("etc/emptied", "full"), symlinkEntry("localetc", "/etc"), fileEntry("localetc/emptied", "")})
        << "file:etc/emptied=";
    QTest::newRow("HardlinkRelative")
        << with({dirEntry("breakouts"), symlinkEntry("breakouts/d1", "../../etc"),
                 hardlinkEntry("breakouts/passwd", "/breakouts/d1/passwd")})
        << "same:breakouts/passwd|etc/passwd";
    QTest::newRow("HardlinkDownAndOut")
        << with({dirEntry("breakouts"), symlinkEntry("breakouts/d1", "../downandout/../../etc"),
                 hardlinkEntry("breakouts/passwd", "/breakouts/d1/passwd")})
        << "same:breakouts/passwd|etc/passwd";
    QTest::newRow("HardlinkAbsolute") << with({symlinkEntry("localetc", "/etc"), hardlinkEntry("breakout", "/localetc/passwd")})
                                      << "same:breakout|etc/passwd";
    QTest::newRow("HardlinkRelativeLong")
        << with({symlinkEntry("localetc", "../../../../../../../etc"), hardlinkEntry("breakout", "localetc/passwd")})
        << "same:breakout|etc/passwd";
    QTest::newRow("HardlinkRelativeUpAndOut")
        << with({symlinkEntry("localetc", "upandout/../../../etc"), hardlinkEntry("breakout", "localetc/passwd")})
        << "same:breakout|etc/passwd";
    QTest::newRow("HardlinkDirectRelative") << with({hardlinkEntry("breakout", "../../../../../etc/passwd")})
                                            << "same:breakout|etc/passwd";
    QTest::newRow("HardlinkDirectAbsolute") << with({hardlinkEntry("breakout", "/etc/passwd")}) << "same:breakout|etc/passwd";
    QTest::newRow("SymlinkParentRelative") << with({dirEntry("localetc"), symlinkEntry("localetc/sub/..", "/etc")})
                                           << "symlink:localetc";
    QTest::newRow("SymlinkSlashEnded") << with({dirEntry("localetc/")}) << "dir:localetc";
    QTest::newRow("SymlinkOverrideDirectory")
        << with({dirEntry("localetc", 0770), symlinkEntry("localetc", "/etc"), hardlinkEntry("breakout", "/localetc/passwd")})
        << "same:breakout|etc/passwd";
    QTest::newRow("SymlinkOverrideDirectoryRelative")
        << with({dirEntry("localetc", 0770), symlinkEntry("localetc", "../../etc"),
                 hardlinkEntry("breakout", "/localetc/passwd")})
        << "same:breakout|etc/passwd";
    QTest::newRow("DirectoryOverrideSymlink")
        << with({symlinkEntry("localetc", "/etc"), dirEntry("localetc"), fileEntry("localetc/afile", "a")})
        << "file:localetc/afile=a";
    QTest::newRow("DirectoryOverrideSymlinkAndHardlink")
        << with({symlinkEntry("localetc", "/etc"), hardlinkEntry("localetc/hardlink", "/etc/passwd"),
                 dirEntry("localetc"), fileEntry("localetc/passwd", "new")})
        << "file:etc/passwd=root:x:0:0";
    QTest::newRow("WhiteoutSymlink") << with({symlinkEntry("localetc", "/etc"), fileEntry(".wh.localetc", "")})
                                     << "dir:etc";
    QTest::newRow("WhiteoutDirectoryName") << with({fileEntry(".wh.etc/somefile", "s")}) << "file:.wh.etc/somefile=s";
    QTest::newRow("HardlinkSymlinkBeforeCreateTarget")
        << Entries{symlinkEntry("sym", "/etc/passwd"), hardlinkEntry("link", "sym"), dirEntry("etc"),
                   fileEntry("etc/passwd", "p")}
        << "same:link|sym";
    QTest::newRow("HardlinkSymlinkRelative") << with({symlinkEntry("sym", "../../etc/passwd"), hardlinkEntry("link", "sym")})
                                             << "same:link|sym";
    QTest::newRow("HardlinkSymlinkAbsolute") << with({symlinkEntry("sym", "/etc/passwd"), hardlinkEntry("link", "sym")})
                                             << "same:link|sym";
}

void TestLayerApplier::containerdBreakouts() {
    QFETCH(Entries, entries);
    QFETCH(QString, check);
    Harness h;
    auto r = applyEntries(entries, h.dest());
    QVERIFY2(r, r ? "" : r.error().message.c_str());
    const std::string spec = check.mid(check.indexOf(QLatin1Char(':')) + 1).toStdString();
    const fs::path d = h.dest();
    if (check.startsWith(QLatin1String("same:"))) {
        auto bar = spec.find('|');
        QVERIFY(sameFile(d / spec.substr(0, bar), d / spec.substr(bar + 1)));
    } else if (check.startsWith(QLatin1String("file:"))) {
        auto eq = spec.find('=');
        QVERIFY(fs::is_regular_file(fs::symlink_status(d / spec.substr(0, eq))));
        QCOMPARE(readText(d / spec.substr(0, eq)), spec.substr(eq + 1));
    } else if (check.startsWith(QLatin1String("dir:"))) {
        QVERIFY(fs::is_directory(fs::symlink_status(d / spec)));
    } else if (check.startsWith(QLatin1String("symlink:"))) {
        QVERIFY(fs::is_symlink(d / spec));
    }
    if (QTest::currentDataTag() == QLatin1String("DirectoryOverrideSymlinkAndHardlink")) {
        QVERIFY(!sameFile(d / "localetc/passwd", d / "etc/passwd"));
        QCOMPARE(readText(d / "localetc/passwd"), std::string("new"));
    }
    if (QTest::currentDataTag() == QLatin1String("DirectoryOverrideSymlink")) QVERIFY(!present(d / "etc/afile"));
    if (QTest::currentDataTag() == QLatin1String("HardlinkSymlinkBeforeCreateTarget")) QVERIFY(fs::is_symlink(d / "link"));
    if (QTest::currentDataTag() == QLatin1String("WhiteoutSymlink")) {
        QVERIFY(fs::is_symlink(d / "localetc")); // a whiteout only hides lower layers
        QVERIFY(present(d / "etc/passwd"));
    }
    QCOMPARE(h.victimDamage(), QString());
}

void TestLayerApplier::invalidWhiteoutNames_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("WhiteoutRootParent") << ".wh...";
    QTest::newRow("WhiteoutParent") << "etc/.wh...";
    QTest::newRow("WhiteoutRoot") << ".wh..";
    QTest::newRow("WhiteoutCurrentDirectory") << "etc/.wh..";
    QTest::newRow("bare prefix") << ".wh.";
}

void TestLayerApplier::invalidWhiteoutNames() {
    QFETCH(QString, name);
    Harness h;
    auto r = applyEntries({dirEntry("etc"), fileEntry(name.toStdString(), "")}, h.dest());
    QVERIFY(!r);
    QCOMPARE(int(r.error().code), int(ErrorCode::Corrupt));
    QVERIFY2(r.error().message.find("invalid whiteout entry") != std::string::npos, r.error().message.c_str());
}

void TestLayerApplier::hardlinkSymlinkChmodLeavesHostMode() {
    // CVE-2021-32760: a hardlink to a symlink pointing at a host file, with a mode to apply.
    Harness h;
    ::chmod((h.victim() / "hello").c_str(), 0400);
    TarEntry link = hardlinkEntry("link", "sym");
    link.mode = 0777;
    TarEntry over = fileEntry("sym2", "x", 0777);
    auto r = applyEntries({symlinkEntry("sym", (h.victim() / "hello").string()), link,
                           symlinkEntry("sym2", (h.victim() / "hello").string()), over}, h.dest());
    QVERIFY(r);
    QCOMPARE(lstatOf(h.victim() / "hello").st_mode & 07777, 0400u);
    QCOMPARE(readText(h.victim() / "hello"), h.hello());
    QVERIFY(fs::is_regular_file(fs::symlink_status(h.dest() / "sym2")));
}

void TestLayerApplier::symlinkOverridePathNeverWritesHost() {
    Harness h;
    const std::string marker = "berth-breakout-" + std::to_string(::getpid());
    QVERIFY(applyEntries({dirEntry("foo"), dirEntry("foo/tmp"), fileEntry("foo/tmp/" + marker + "-1", "1"),
                          symlinkEntry("foo", "/"), fileEntry("foo/tmp/" + marker + "-2", "2")}, h.dest()));
    QVERIFY(!present(fs::path("/tmp") / (marker + "-2")));
    QCOMPARE(readText(h.dest() / "tmp" / (marker + "-2")), std::string("2"));
    QVERIFY(fs::is_symlink(h.dest() / "foo"));
}

void TestLayerApplier::errorMessageNamesEntry() {
    TempDir t;
    auto r = applyEntries({fileEntry("a/../../x", "x")}, t.path());
    QVERIFY(!r);
    QCOMPARE(QString::fromStdString(r.error().message),
             QStringLiteral("applying layer: entry \"a/../../x\": path escapes the layer root"));
}

// ---- overlay-form whiteouts ----

void TestLayerApplier::whiteoutsInOverlayForm() {
    if (!isRoot()) QSKIP("whiteout devices (mknod 0/0) and trusted.* xattrs need root");
    TempDir t;
    TarEntry wh = fileEntry(".wh.gone", "");
    wh.uid = 1234;
    wh.gid = 4321;
    auto r = applyEntries({wh, dirEntry("dir"), fileEntry("dir/.wh..wh..opq", ""), fileEntry("dir/keep", "k"),
                           fileEntry("deep/er/.wh.x", "")}, t.path());
    QVERIFY2(r, r ? "" : r.error().message.c_str());
    QVERIFY(isWhiteout(t / "gone"));
    QCOMPARE(lstatOf(t / "gone").st_uid, 1234u);
    QCOMPARE(lstatOf(t / "gone").st_gid, 4321u);
    QVERIFY(!present(t / ".wh.gone"));
    QVERIFY(isWhiteout(t / "deep/er/x"));
    QCOMPARE(xattrOf(t / "dir", "trusted.overlay.opaque"), std::string("y"));
    QVERIFY(!present(t / "dir/.wh..wh..opq"));
    QCOMPARE(readText(t / "dir/keep"), std::string("k"));
    QCOMPARE(xattrOf(t.path(), "trusted.overlay.opaque"), std::string());
}

void TestLayerApplier::whiteoutKeepsSameLayerFile() {
    if (!isRoot()) QSKIP("whiteout devices need root");
    TempDir t;
    QVERIFY(applyEntries({fileEntry("a", "mine"), fileEntry(".wh.a", "")}, t.path()));
    QCOMPARE(readText(t / "a"), std::string("mine"));
}

void TestLayerApplier::directoryOverWhiteoutIsOpaque() {
    if (!isRoot()) QSKIP("whiteout devices and trusted.* xattrs need root");
    TempDir t;
    QVERIFY(applyEntries({fileEntry(".wh.d", ""), dirEntry("d"), fileEntry("d/new", "n")}, t.path()));
    QVERIFY(fs::is_directory(t / "d"));
    QCOMPARE(xattrOf(t / "d", "trusted.overlay.opaque"), std::string("y"));
}

void TestLayerApplier::userXattrOpaque() {
    TempDir t;
    layer::ApplyOptions o;
    o.userXattr = true;
    auto r = applyEntries({dirEntry("dir"), fileEntry("dir/.wh..wh..opq", "")}, t.path(), o);
    QVERIFY2(r, r ? "" : r.error().message.c_str());
    QCOMPARE(xattrOf(t / "dir", "user.overlay.opaque"), std::string("y"));
    QCOMPARE(xattrOf(t / "dir", "trusted.overlay.opaque"), std::string());
}

void TestLayerApplier::aufsMetadataSkipped() {
    TempDir t;
    auto r = applyEntries({dirEntry(".wh..wh.plnk"), fileEntry(".wh..wh.plnk/1234.5", "linked"),
                           fileEntry(".wh..wh.aufs", ""), dirEntry(".wh..wh.orph"), fileEntry("a/.wh..wh.meta", ""),
                           hardlinkEntry("a/b", ".wh..wh.plnk/1234.5")}, t.path());
    QVERIFY2(r, r ? "" : r.error().message.c_str());
    QCOMPARE(readText(t / "a/b"), std::string("linked"));
    QVERIFY(!present(t / ".wh..wh.plnk"));
    QVERIFY(!present(t / ".wh..wh.aufs"));
    QVERIFY(!present(t / ".wh..wh.orph"));
    QVERIFY(!present(t / "a/.wh..wh.meta"));
    QVERIFY(!present(t / "a/.meta"));
}

void TestLayerApplier::overlayXattrsFromArchiveDropped() {
    TempDir t;
    TarEntry d = dirEntry("forged");
    d.xattrs["user.overlay.opaque"] = "y";
    d.xattrs["user.kept"] = "v";
    if (isRoot()) d.xattrs["trusted.overlay.redirect"] = "/etc";
    QVERIFY(applyEntries({d}, t.path()));
    QCOMPARE(xattrOf(t / "forged", "user.overlay.opaque"), std::string());
    QCOMPARE(xattrOf(t / "forged", "trusted.overlay.redirect"), std::string());
    QCOMPARE(xattrOf(t / "forged", "user.kept"), std::string("v"));
}

// ---- compression, DiffId ----

void TestLayerApplier::compressionAndDiffId_data() {
    QTest::addColumn<int>("compression");
    QTest::addColumn<bool>("truncated");
    QTest::newRow("uncompressed") << int(Compression::None) << false;
    QTest::newRow("gzip") << int(Compression::Gzip) << false;
    QTest::newRow("zstd") << int(Compression::Zstd) << false;
    QTest::newRow("truncated") << int(Compression::None) << true;
    QTest::newRow("gzip truncated") << int(Compression::Gzip) << true;
    QTest::newRow("zstd truncated") << int(Compression::Zstd) << true;
}

void TestLayerApplier::compressionAndDiffId() {
    QFETCH(int, compression);
    QFETCH(bool, truncated);
    std::string big(3 << 20, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>((i * 7919) >> 5);
    const Entries entries{dirEntry("bin"), fileEntry("bin/sh", "#!/bin/sh\n", 0755), fileEntry("big", big),
                          symlinkEntry("link", "bin/sh"), fileEntry("last", "end")};
    const std::string tar = tarOf(entries, Compression::None, truncated);
    const std::string blob = compress(tar, Compression(compression));
    TempDir t;
    auto r = applyBytes(blob, t.path());
    QVERIFY2(r, r ? "" : r.error().message.c_str());
    QCOMPARE(QString::fromStdString(r->diffId.str()), QStringLiteral("sha256:") + QString::fromStdString(Sha256::hexOf(tar)));
    QCOMPARE(r->compressedBytes, blob.size());
    QCOMPARE(r->uncompressedBytes, tar.size());
    QCOMPARE(r->entries, std::uint64_t(entries.size()));
    QVERIFY(readText(t / "big") == big);
    QCOMPARE(readText(t / "last"), std::string("end"));
    QCOMPARE(fs::read_symlink(t / "link").string(), std::string("bin/sh"));
    QCOMPARE(lstatOf(t / "bin/sh").st_mode & 07777, 0755u);
}

// ---- preservation ----

void TestLayerApplier::preservesMetadata() {
    TempDir t;
    TarEntry sticky = dirEntry("tmp", 01777);
    sticky.mtime = 1500000000;
    TarEntry setgid = dirEntry("shared", 02775);
    TarEntry f = fileEntry("tmp/file", "data", 0640);
    f.mtime = 1600000000;
    f.xattrs["user.comment"] = "hello";
    TarEntry fifo;
    fifo.type = TarEntry::Type::Fifo;
    fifo.path = "pipe";
    fifo.mode = 0620;
    const std::string longPath = std::string(100, 'a') + "/" + std::string(100, 'b') + "/" + std::string(100, 'c');
    auto r = applyEntries({sticky, setgid, f, fileEntry("tmp/later", "written after the dir entry"),
                           hardlinkEntry("tmp/file-link", "tmp/file"), symlinkEntry("abs", "/etc/../nowhere"), fifo,
                           fileEntry(longPath, "long")}, t.path());
    QVERIFY2(r, r ? "" : r.error().message.c_str());
    QCOMPARE(lstatOf(t / "tmp").st_mode & 07777, 01777u);
    QCOMPARE(lstatOf(t / "tmp").st_mtim.tv_sec, time_t(1500000000)); // set after its children
    QCOMPARE(lstatOf(t / "shared").st_mode & 07777, 02775u);
    QCOMPARE(lstatOf(t / "tmp/file").st_mode & 07777, 0640u);
    QCOMPARE(lstatOf(t / "tmp/file").st_mtim.tv_sec, time_t(1600000000));
    QCOMPARE(xattrOf(t / "tmp/file", "user.comment"), std::string("hello"));
    QVERIFY(sameFile(t / "tmp/file", t / "tmp/file-link"));
    QCOMPARE(lstatOf(t / "tmp/file").st_nlink, nlink_t(2));
    QCOMPARE(fs::read_symlink(t / "abs").string(), std::string("/etc/../nowhere"));
    QVERIFY(S_ISFIFO(lstatOf(t / "pipe").st_mode));
    QCOMPARE(lstatOf(t / "pipe").st_mode & 07777, 0620u);
    QVERIFY(longPath.size() >= 300);
    QCOMPARE(readText(t / longPath), std::string("long"));
}

void TestLayerApplier::preservesOwnersAndSpecialFiles() {
    if (!isRoot()) QSKIP("owners, setuid bits kept across chown, capabilities and devices need root");
    TempDir t;
    TarEntry suid = fileEntry("usr/bin/su", "binary", 04755);
    suid.uid = 1234;
    suid.gid = 5678;
    TarEntry cap = fileEntry("usr/bin/ping", "ping", 0755);
    cap.uid = 1000;
    // vfs_cap_data v2: effective flag, cap_net_raw (13) permitted.
    const unsigned char capData[20] = {0x01, 0, 0, 0x02, 0x00, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    cap.xattrs["security.capability"] = std::string(reinterpret_cast<const char*>(capData), sizeof capData);
    TarEntry dev;
    dev.type = TarEntry::Type::CharDevice;
    dev.path = "dev/null";
    dev.mode = 0666;
    dev.devMajor = 1;
    dev.devMinor = 3;
    TarEntry link = symlinkEntry("owned-link", "usr/bin/su");
    link.uid = 77;
    link.gid = 88;
    TarEntry d = dirEntry("home/user", 0700);
    d.uid = 1000;
    d.gid = 1000;
    auto r = applyEntries({suid, cap, dev, link, d}, t.path());
    QVERIFY2(r, r ? "" : r.error().message.c_str());
    struct stat st = lstatOf(t / "usr/bin/su");
    QCOMPARE(st.st_mode & 07777, 04755u);
    QCOMPARE(st.st_uid, 1234u);
    QCOMPARE(st.st_gid, 5678u);
    QCOMPARE(xattrOf(t / "usr/bin/ping", "security.capability").size(), sizeof capData);
    QCOMPARE(lstatOf(t / "usr/bin/ping").st_uid, 1000u);
    st = lstatOf(t / "dev/null");
    QVERIFY(S_ISCHR(st.st_mode));
    QCOMPARE(st.st_rdev, makedev(1, 3));
    QCOMPARE(st.st_mode & 07777, 0666u);
    QCOMPARE(lstatOf(t / "owned-link").st_uid, 77u);
    QCOMPARE(lstatOf(t / "owned-link").st_gid, 88u);
    QCOMPARE(lstatOf(t / "usr/bin/su").st_uid, 1234u); // chown did not follow the link
    QCOMPARE(lstatOf(t / "home/user").st_uid, 1000u);
    QCOMPARE(lstatOf(t / "home/user").st_mode & 07777, 0700u);

    TempDir plain;
    layer::ApplyOptions o;
    o.preserveOwners = false;
    QVERIFY(applyEntries({suid}, plain.path(), o));
    QCOMPARE(lstatOf(plain / "usr/bin/su").st_uid, 0u);
}

void TestLayerApplier::deviceNodesNeedRoot() {
    // Unprivileged applies skip device nodes without failing: the runtime provides /dev anyway.
    TempDir t;
    TarEntry dev;
    dev.type = TarEntry::Type::BlockDevice;
    dev.path = "dev/loop0";
    dev.mode = 0660;
    dev.devMajor = 7;
    auto r = applyEntries({dev, fileEntry("after", "a")}, t.path());
    QVERIFY2(r, r ? "" : r.error().message.c_str());
    QCOMPARE(readText(t / "after"), std::string("a"));
    if (isRoot()) {
        QVERIFY(S_ISBLK(lstatOf(t / "dev/loop0").st_mode));
        QCOMPARE(lstatOf(t / "dev/loop0").st_rdev, makedev(7, 0));
    } else {
        QVERIFY(!present(t / "dev/loop0"));
    }
}

void TestLayerApplier::duplicateEntriesLastWins() {
    TempDir t;
    auto r = applyEntries({fileEntry("x", "1"), fileEntry("x", "2"), dirEntry("d"), fileEntry("d/child", "c"),
                           fileEntry("d", "now a file"), fileEntry("f", "file"), dirEntry("f"), fileEntry("f/in", "i"),
                           dirEntry("same", 0700), dirEntry("same", 0750), symlinkEntry("s", "a"),
                           symlinkEntry("s", "b")}, t.path());
    QVERIFY2(r, r ? "" : r.error().message.c_str());
    QCOMPARE(readText(t / "x"), std::string("2"));
    QCOMPARE(readText(t / "d"), std::string("now a file"));
    QCOMPARE(readText(t / "f/in"), std::string("i"));
    QCOMPARE(lstatOf(t / "same").st_mode & 07777, 0750u);
    QCOMPARE(fs::read_symlink(t / "s").string(), std::string("b"));
}

void TestLayerApplier::hardlinkCopiedUpFromParent() {
    TempDir t;
    writeText(t / "lower/usr/lib/libfoo.so", "library");
    ::chmod((t / "lower/usr/lib/libfoo.so").c_str(), 0751);
    fs::create_directories(t / "upper");
    layer::ApplyOptions o;
    o.parentDirs = {t / "lower"};
    auto r = applyEntries({hardlinkEntry("usr/lib/libfoo.so.1", "usr/lib/libfoo.so")}, t / "upper", o);
    QVERIFY2(r, r ? "" : r.error().message.c_str());
    QVERIFY(sameFile(t / "upper/usr/lib/libfoo.so", t / "upper/usr/lib/libfoo.so.1"));
    QCOMPARE(readText(t / "upper/usr/lib/libfoo.so.1"), std::string("library"));
    QCOMPARE(lstatOf(t / "upper/usr/lib/libfoo.so").st_mode & 07777, 0751u);
    QVERIFY(!sameFile(t / "lower/usr/lib/libfoo.so", t / "upper/usr/lib/libfoo.so"));
}

void TestLayerApplier::hardlinkMissingTargetIsError() {
    TempDir t;
    auto r = applyEntries({hardlinkEntry("usr/lib/liba.so", "usr/lib/libmissing.so")}, t.path());
    QVERIFY(!r);
    QCOMPARE(int(r.error().code), int(ErrorCode::NotFound));
    QVERIFY2(r.error().message.find("entry \"usr/lib/liba.so\"") != std::string::npos, r.error().message.c_str());
}

void TestLayerApplier::impliedDirectoryTakesLowerAttributes() {
    TempDir t;
    fs::create_directories(t / "lower/opt/app");
    ::chmod((t / "lower/opt").c_str(), 0710);
    if (isRoot()) ::chown((t / "lower/opt").c_str(), 42, 43);
    fs::create_directories(t / "upper");
    layer::ApplyOptions o;
    o.parentDirs = {t / "lower"};
    QVERIFY(applyEntries({fileEntry("opt/app/new", "n"), fileEntry("fresh/x", "x")}, t / "upper", o));
    QCOMPARE(lstatOf(t / "upper/opt").st_mode & 07777, 0710u);
    if (isRoot()) QCOMPARE(lstatOf(t / "upper/opt").st_uid, 42u);
    QCOMPARE(lstatOf(t / "upper/fresh").st_mode & 07777, 0755u);
}

void TestLayerApplier::nonAsciiNames() {
    // The builder needs a UTF-8 locale to write pax names; the applier must not need one.
    if (!std::setlocale(LC_ALL, "C.UTF-8")) QSKIP("no C.UTF-8 locale to build the fixture");
    const std::string tar = tarOf({fileEntry("h\xc3\xa9llo/\xe6\x97\xa5\xe6\x9c\xac", "utf8")});
    std::setlocale(LC_ALL, "C");
    TempDir t;
    QVERIFY(applyBytes(tar, t.path()));
    QCOMPARE(readText(t / "h\xc3\xa9llo/\xe6\x97\xa5\xe6\x9c\xac"), std::string("utf8"));
}

void TestLayerApplier::progressReported() {
    TempDir t;
    std::string noise(12 << 20, '\0');
    std::uint32_t x = 1;
    for (char& c : noise) c = static_cast<char>((x = x * 1664525u + 1013904223u) >> 24);
    const std::string blob = tarOf({fileEntry("noise", noise)}, Compression::Gzip);
    std::vector<std::uint64_t> seen;
    layer::ApplyOptions o;
    o.progress = [&](std::uint64_t n) { seen.push_back(n); };
    auto r = applyBytes(blob, t.path(), o);
    QVERIFY(r);
    QVERIFY(seen.size() >= 2);
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));
    QCOMPARE(seen.back(), std::uint64_t(blob.size()));
}

// ---- limits (engine-reference §3.3) ----

void TestLayerApplier::limits_data() {
    QTest::addColumn<QString>("which");
    QTest::addColumn<QString>("message");
    QTest::newRow("uncompressed bytes") << "bytes" << "layer exceeds the limit of 8388608 uncompressed bytes (decompression bomb?)";
    QTest::newRow("ratio") << "ratio" << "layer exceeds the compression ratio limit of 50:1 (decompression bomb?)";
    QTest::newRow("entries") << "entries" << "layer exceeds the limit of 10 entries";
    QTest::newRow("path length") << "path" << "bytes per path";
    QTest::newRow("xattr size") << "xattr" << "bytes of xattrs";
}

void TestLayerApplier::limits() {
    QFETCH(QString, which);
    QFETCH(QString, message);
    layer::ApplyOptions o;
    Entries entries;
    if (which == QLatin1String("bytes") || which == QLatin1String("ratio")) {
        entries.push_back(fileEntry("zeros", std::string(64 << 20, '\0'))); // gzips to ~64 KiB
        if (which == QLatin1String("bytes")) o.limits.maxUncompressedBytes = 8 << 20;
        else o.limits.maxRatio = 50;
    } else if (which == QLatin1String("entries")) {
        for (int i = 0; i < 50; ++i) entries.push_back(fileEntry("f" + std::to_string(i), "x"));
        o.limits.maxEntries = 10;
    } else if (which == QLatin1String("path")) {
        entries.push_back(fileEntry(std::string(200, 'p'), "x"));
        o.limits.maxPathLength = 100;
    } else {
        TarEntry e = fileEntry("x", "x");
        e.xattrs["user.big"] = std::string(5000, 'v');
        entries.push_back(e);
        o.limits.maxXattrBytes = 4096;
    }
    const std::string blob = tarOf(entries, Compression::Gzip);
    TempDir t;
    auto r = applyBytes(blob, t.path(), o);
    QVERIFY(!r);
    QCOMPARE(int(r.error().code), int(ErrorCode::LimitExceeded));
    QVERIFY2(r.error().message.find(message.toStdString()) != std::string::npos, r.error().message.c_str());
    QVERIFY(r.error().message.starts_with("applying layer: "));
    if (which == QLatin1String("bytes")) QVERIFY(treeSizeBelow(t.path(), 9 << 20));
}

void TestLayerApplier::garbageIsCorrupt() {
    TempDir t;
    std::string bad = tarOf({fileEntry("a", std::string(4096, 'a'))}, Compression::Gzip);
    bad.resize(bad.size() / 2);
    auto r = applyBytes(bad, t.path());
    QVERIFY(!r);
    QCOMPARE(int(r.error().code), int(ErrorCode::Corrupt));
    auto junk = applyBytes(std::string(1000, 'j'), t / "x");
    QVERIFY(!junk);
}

QTEST_APPLESS_MAIN(TestLayerApplier)
#include "tst_layer_applier.moc"
