// The content store: verify-then-rename commits, resume of killed writers, one writer per blob.
#include "image/content_store.h"
#include "test_env.h"

#include <QtTest>
#include <thread>

using namespace berth;
using namespace berth::image;
namespace fs = std::filesystem;

static oci::Descriptor describe(const std::string& bytes) {
    oci::Descriptor d;
    d.digest = oci::Digest::sha256Of(bytes);
    d.size = static_cast<std::int64_t>(bytes.size());
    return d;
}

class TestContentStore : public QObject {
    Q_OBJECT
private slots:
    void putAndReadBack() {
        test::TempDir dir;
        auto store = ContentStore::open(dir / "layout", dir / "ingest").value();
        QVERIFY(fs::exists(dir / "layout/oci-layout"));
        QVERIFY(fs::exists(dir / "layout/index.json"));
        auto d = store.put("hello");
        QVERIFY(d.has_value());
        QVERIFY(store.has(*d));
        QCOMPARE(store.read(*d).value(), std::string("hello"));
        QCOMPARE(fs::status(store.blobPath(*d)).permissions() & fs::perms::owner_write, fs::perms::none);
    }

    void commitRejectsWrongDigestAndSize() {
        test::TempDir dir;
        auto store = ContentStore::open(dir / "layout", dir / "ingest").value();
        auto desc = describe("right bytes");
        auto w = store.openWriter(desc).value();
        QVERIFY(w->write("wrong bytes", 11).has_value());
        auto st = w->commit();
        QVERIFY(!st.has_value());
        QCOMPARE(st.error().code, ErrorCode::Corrupt);
        QVERIFY(st.error().message.find(desc.digest.str()) != std::string::npos);
        QVERIFY(!store.has(desc.digest));
        // The mismatching data is gone: the next writer starts from zero.
        w.reset();
        QCOMPARE(store.openWriter(desc).value()->offset(), std::uint64_t(0));

        auto w2 = store.openWriter(desc).value();
        QVERIFY(!w2->write("right bytes and more", 20).has_value()); // more than the descriptor allows
    }

    void resumesAfterAKilledWriter() {
        test::TempDir dir;
        auto store = ContentStore::open(dir / "layout", dir / "ingest").value();
        std::string bytes(100000, 'z');
        bytes[5] = 'q';
        auto desc = describe(bytes);
        {
            auto w = store.openWriter(desc).value();
            QVERIFY(w->write(bytes.data(), 40000).has_value());
            // destroyed without commit, like a process killed mid-download
        }
        auto w = store.openWriter(desc).value();
        QCOMPARE(w->offset(), std::uint64_t(40000));
        QVERIFY(w->write(bytes.data() + 40000, bytes.size() - 40000).has_value());
        QVERIFY(w->commit().has_value());
        QCOMPARE(store.read(desc.digest, 1 << 20).value(), bytes);
        QVERIFY(!fs::exists(dir / "ingest" / desc.digest.encoded()));
    }

    void secondWriterWaitsAndSeesTheBlob() {
        test::TempDir dir;
        auto store = ContentStore::open(dir / "layout", dir / "ingest").value();
        auto desc = describe("shared layer");
        auto first = store.openWriter(desc).value();
        std::atomic<int> code{-1};
        std::thread second([&] {
            auto w = store.openWriter(desc);
            code = w ? 0 : static_cast<int>(w.error().code);
        });
        QThread::msleep(100);
        QCOMPARE(code.load(), -1); // still waiting for the lock
        QVERIFY(first->write("shared layer", 12).has_value());
        QVERIFY(first->commit().has_value());
        first.reset();
        second.join();
        QCOMPARE(code.load(), static_cast<int>(ErrorCode::AlreadyExists));
    }

    void readDetectsTampering() {
        test::TempDir dir;
        auto store = ContentStore::open(dir / "layout", dir / "ingest").value();
        auto d = store.put("original").value();
        fs::permissions(store.blobPath(d), fs::perms::owner_write, fs::perm_options::add);
        test::writeText(store.blobPath(d), "tampered");
        auto r = store.read(d);
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, ErrorCode::Corrupt);
    }
};

QTEST_GUILESS_MAIN(TestContentStore)
#include "tst_image_content_store.moc"
