// What an idle shim gives back (runtime/shim_memory.h): which of the executable's mappings are
// read-only, which pages of them hold private copies (kept), and the release itself, on a file
// mapped here (the file's pages go, the copy stays) and on this test executable (which must go on
// working, with what it wrote intact).
#include "runtime/shim_memory.h"

#include <QtTest>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

using namespace berth;
using runtime::MemoryRange;

namespace {

// A static executable (device 08:02, inode 1234), a library, anonymous memory and the stack.
const char* kMaps =
    "00400000-00401000 r--p 00000000 08:02 1234                               /usr/libexec/shim\n"
    "00401000-00674000 r-xp 00001000 08:02 1234                               /usr/libexec/shim\n"
    "00674000-006f9000 r--p 00274000 08:02 1234                               /usr/libexec/shim\n"
    "006f9000-00705000 r--p 002f8000 08:02 1234                               /usr/libexec/shim\n"
    "00705000-00708000 rw-p 00304000 08:02 1234                               /usr/libexec/shim\n"
    "00708000-00712000 rw-p 00000000 00:00 0 \n"
    "01a2c000-01a4d000 rw-p 00000000 00:00 0                                  [heap]\n"
    "7f0000000000-7f0000020000 r-xp 00000000 08:02 99                         /usr/lib/libother.so\n"
    "7f0000020000-7f0000030000 r--p 00020000 08:02 1234                       /usr/libexec/shim\n"
    "not a mapping line\n"
    "7ffd1000-7ffd3000 rw-p 00000000 00:00 0                                  [stack]\n"
    "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]\n";

QString rangesText(const std::vector<MemoryRange>& ranges) {
    QStringList out;
    for (auto& r : ranges)
        out << QStringLiteral("%1-%2").arg(r.start, 0, 16).arg(r.end, 0, 16);
    return out.join(QLatin1Char(' '));
}

constexpr std::uint64_t kPresent = 1ull << 63, kSwapped = 1ull << 62, kFile = 1ull << 61;

// How many of the `count` pages at p are mapped in this process.
int presentPages(const void* p, std::size_t count) {
    int fd = ::open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    const auto pageSize = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    std::vector<std::uint64_t> entries(count);
    auto offset = static_cast<off_t>(reinterpret_cast<std::uintptr_t>(p) / pageSize * sizeof(std::uint64_t));
    ssize_t n = ::pread(fd, entries.data(), count * sizeof(std::uint64_t), offset);
    ::close(fd);
    if (n != static_cast<ssize_t>(count * sizeof(std::uint64_t))) return -1;
    int present = 0;
    for (std::uint64_t e : entries)
        if (e & kPresent) ++present;
    return present;
}

struct Shape {
    virtual ~Shape() = default;
    virtual int sides() const = 0;
};
struct Square : Shape {
    int sides() const override { return 4; }
};
int g_written = 0;

} // namespace

class TestShimMemory : public QObject {
    Q_OBJECT
private slots:
    void readOnlyMappings_data() {
        QTest::addColumn<quint64>("address");
        QTest::addColumn<QString>("expected");
        const QString shim =
            "400000-401000 401000-674000 674000-6f9000 6f9000-705000 7f0000020000-7f0000030000";
        QTest::newRow("in the code") << quint64(0x500000) << shim;
        QTest::newRow("in the writable data: same file") << quint64(0x706000) << shim;
        QTest::newRow("first byte") << quint64(0x400000) << shim;
        QTest::newRow("end is exclusive: anonymous") << quint64(0x708000) << QString();
        QTest::newRow("another file") << quint64(0x7f0000000100) << "7f0000000000-7f0000020000";
        QTest::newRow("the heap is no file") << quint64(0x1a2c010) << QString();
        QTest::newRow("unmapped") << quint64(0x10) << QString();
    }
    void readOnlyMappings() {
        QFETCH(quint64, address);
        QFETCH(QString, expected);
        QCOMPARE(rangesText(runtime::readOnlyMappingsOf(kMaps, address)), expected);
    }

    void namedMapping() {
        QCOMPARE(runtime::namedMapping(kMaps, "[stack]"), (MemoryRange{0x7ffd1000, 0x7ffd3000}));
        QCOMPARE(runtime::namedMapping(kMaps, "[heap]"), (MemoryRange{0x1a2c000, 0x1a4d000}));
        QCOMPARE(runtime::namedMapping(kMaps, "[vdso]"), MemoryRange{});
        QCOMPARE(runtime::namedMapping("", "[stack]"), MemoryRange{});
    }

    void withoutPrivatePages_data() {
        QTest::addColumn<QList<quint64>>("pagemap"); // one entry per page of 0x10000-0x15000
        QTest::addColumn<QString>("expected");
        const quint64 file = kPresent | kFile, copy = kPresent;
        QTest::newRow("all file pages") << QList<quint64>{file, file, file, file, file} << "10000-15000";
        QTest::newRow("none present") << QList<quint64>{0, 0, 0, 0, 0} << "10000-15000";
        QTest::newRow("a copied page in the middle")
            << QList<quint64>{file, 0, copy, file, file} << "10000-12000 13000-15000";
        QTest::newRow("copied first and last") << QList<quint64>{copy, file, file, 0, copy} << "11000-14000";
        QTest::newRow("swapped out copy is kept")
            << QList<quint64>{file, kSwapped, file, file, file} << "10000-11000 12000-15000";
        QTest::newRow("all copied") << QList<quint64>{copy, copy, copy, copy, copy} << QString();
        QTest::newRow("short pagemap: the rest is kept") << QList<quint64>{file, file} << "10000-12000";
    }
    void withoutPrivatePages() {
        QFETCH(QList<quint64>, pagemap);
        QFETCH(QString, expected);
        std::vector<std::uint64_t> entries(pagemap.begin(), pagemap.end());
        QCOMPARE(rangesText(runtime::withoutPrivatePages({0x10000, 0x15000}, entries, 0x1000)), expected);
    }

    // A read-only file mapping as the shim's code and RELRO are: every page mapped, one of them a
    // private copy (written before it became read-only). The release unmaps the file's pages,
    // keeps the copy with what was written, and the rest maps back from the file on access.
    void releaseFileMapping() {
        if (!QFile::exists("/proc/self/pagemap")) QSKIP("needs /proc/self/pagemap");
        const auto pageSize = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
        const std::size_t pages = 8;
        QTemporaryFile file;
        QVERIFY(file.open());
        for (std::size_t i = 0; i < pages; ++i)
            QVERIFY(file.write(QByteArray(static_cast<int>(pageSize), static_cast<char>('a' + i))) > 0);
        QVERIFY(file.flush());
        void* mapped =
            ::mmap(nullptr, pages * pageSize, PROT_READ | PROT_WRITE, MAP_PRIVATE, file.handle(), 0);
        QVERIFY(mapped != MAP_FAILED);
        auto* bytes = static_cast<volatile char*>(mapped);
        int sum = 0;
        for (std::size_t i = 0; i < pages; ++i)
            sum += bytes[i * pageSize];
        QVERIFY(sum > 0);
        bytes[2 * pageSize] = 'X';
        QCOMPARE(::mprotect(mapped, pages * pageSize, PROT_READ), 0);
        QCOMPARE(presentPages(mapped, pages), int(pages));

        runtime::IdleRelease release = runtime::prepareIdleRelease(mapped);
        QCOMPARE(release.count, std::size_t(2)); // pages 0-1 and 3-7
        release.drop();
        QCOMPARE(presentPages(mapped, pages), 1);
        QCOMPARE(bytes[2 * pageSize], 'X');
        QCOMPARE(bytes[0], 'a');
        QCOMPARE(bytes[7 * pageSize + 1], 'h');
        ::munmap(mapped, pages * pageSize);
    }

    // The real thing, on this process's executable: its code and constants map back on use, and
    // what it wrote (data, relocated pointers such as vtables) stays.
    void releaseOnItself() {
        g_written = 42;
        std::unique_ptr<Shape> shape = std::make_unique<Square>();
        runtime::IdleRelease release = runtime::prepareIdleRelease();
        QVERIFY(release.count > 0);
        QVERIFY(release.stack.end > release.stack.start);
        release.drop();
        QCOMPARE(g_written, 42);
        QCOMPARE(shape->sides(), 4);
    }
};

QTEST_GUILESS_MAIN(TestShimMemory)
#include "tst_runtime_shim_memory.moc"
