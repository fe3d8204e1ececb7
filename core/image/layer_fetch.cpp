#include "image/layer_fetch.h"

#include "layer/layer_applier.h"
#include "support/file_util.h"

#include <cerrno>
#include <condition_variable>
#include <fcntl.h>
#include <mutex>
#include <optional>
#include <thread>
#include <unistd.h>

namespace berth::image {

namespace {

// The download's side of the ingest file, shared with the extractor that tails it.
struct IngestProgress {
    std::mutex mutex;
    std::condition_variable grew;
    std::uint64_t written = 0;
    bool finished = false;
    bool cancelled = false;
    std::optional<Error> error;
};

// Reads the ingest file as the download appends to it; ends when the download has finished.
class IngestTail final : public ByteSource {
public:
    IngestTail(UniqueFd fd, IngestProgress& state) : m_fd(std::move(fd)), m_state(state) {}
    Result<std::size_t> read(char* buf, std::size_t cap) override {
        std::size_t n = 0;
        {
            std::unique_lock lock(m_state.mutex);
            m_state.grew.wait(lock, [&] { return m_state.written > m_pos || m_state.finished; });
            if (m_state.written <= m_pos) {
                if (m_state.error) return std::unexpected(*m_state.error);
                return std::size_t(0);
            }
            n = static_cast<std::size_t>(std::min<std::uint64_t>(cap, m_state.written - m_pos));
        }
        ssize_t got = ::pread(m_fd.get(), buf, n, static_cast<off_t>(m_pos));
        if (got < 0) return sysFail("reading the layer being downloaded");
        m_pos += static_cast<std::uint64_t>(got);
        return static_cast<std::size_t>(got);
    }

private:
    UniqueFd m_fd;
    IngestProgress& m_state;
    std::uint64_t m_pos = 0;
};

void report(const LayerJob& job, PullProgress::Kind kind, std::uint64_t current = 0, std::string message = {}) {
    if (!job.progress) return;
    PullProgress p;
    p.kind = kind;
    p.id = job.blob.digest.shortId();
    p.digest = job.blob.digest;
    p.current = current;
    p.total = static_cast<std::uint64_t>(job.blob.size);
    p.message = std::move(message);
    job.progress(p);
}

layer::ApplyOptions applyOptions(const LayerJob& job, PullProgress::Kind kind) {
    layer::ApplyOptions opts;
    // Compressed layers rarely expand more than 100×; the absolute cap still applies.
    opts.limits.maxRatio = job.blob.size > (1 << 20) ? 1000 : 0;
    opts.progress = [&job, kind, last = std::uint64_t(0)](std::uint64_t done) mutable {
        if (done - last >= (1u << 20) || done == static_cast<std::uint64_t>(job.blob.size)) {
            last = done;
            report(job, kind, done);
        }
    };
    return opts;
}

// Unpacks `source` into a new snapshot and commits it after checking the DiffId.
Status unpackInto(const LayerJob& job, ByteSource& source, PullProgress::Kind kind) {
    auto scratch = BERTH_TRY(job.snapshots->begin());
    auto applied = layer::applyLayer(source, scratch / "fs", applyOptions(job, kind));
    if (!applied) {
        (void)job.snapshots->abort(scratch);
        return std::unexpected(applied.error().context("layer " + job.blob.digest.shortId()));
    }
    if (applied->diffId != job.diffId) {
        (void)job.snapshots->abort(scratch);
        return fail(ErrorCode::Corrupt, "layer " + job.blob.digest.str() + ": uncompressed content has diff id " +
                                            applied->diffId.str() + ", the image config says " + job.diffId.str());
    }
    layer::SnapshotInfo info;
    info.chainId = job.chainId;
    info.diffId = job.diffId;
    info.parent = job.parent;
    BERTH_CHECK(job.snapshots->commit(scratch, info));
    return {};
}

Status download(const LayerJob& job, BlobWriter& writer, IngestProgress& state) {
    std::uint64_t lastReport = 0;
    auto sink = [&](const char* data, std::size_t size) -> Status {
        if (job.cancel && job.cancel->load()) return fail(ErrorCode::Cancelled, "pull cancelled");
        {
            std::lock_guard lock(state.mutex);
            if (state.cancelled) return fail(ErrorCode::Cancelled, "unpacking failed");
        }
        BERTH_CHECK(writer.write(data, size));
        std::uint64_t now;
        {
            std::lock_guard lock(state.mutex);
            state.written += size;
            now = state.written;
        }
        state.grew.notify_all();
        if (now - lastReport >= (512u << 10)) {
            lastReport = now;
            report(job, PullProgress::Kind::Downloading, now);
        }
        return {};
    };
    return job.client->fetchBlob(job.blob, writer.offset(), sink);
}

void finish(IngestProgress& state, const Status& result) {
    {
        std::lock_guard lock(state.mutex);
        state.finished = true;
        if (!result) state.error = result.error();
    }
    state.grew.notify_all();
}

// Download and unpack concurrently; the blob is committed when its digest checks out.
Status downloadAndUnpack(const LayerJob& job, std::unique_ptr<BlobWriter> writer, bool unpack) {
    IngestProgress state;
    state.written = writer->offset();
    UniqueFd tailFd(::open(writer->dataPath().c_str(), O_RDONLY | O_CLOEXEC));
    if (!tailFd.isValid()) return sysFail("opening " + writer->dataPath().string());
    Status downloaded;
    std::thread downloader([&] {
        downloaded = download(job, *writer, state);
        if (downloaded) downloaded = writer->commit();
        if (downloaded) report(job, PullProgress::Kind::DownloadComplete, static_cast<std::uint64_t>(job.blob.size));
        finish(state, downloaded);
    });
    Status unpacked;
    if (unpack) {
        IngestTail tail(std::move(tailFd), state);
        unpacked = unpackInto(job, tail, PullProgress::Kind::Extracting);
        if (!unpacked) {
            std::lock_guard lock(state.mutex);
            state.cancelled = true;
        }
    }
    downloader.join();
    // An unpack failure caused by the download carries the download's error already.
    if (!unpacked) return unpacked;
    if (!downloaded) return std::unexpected(downloaded.error().context("fetching layer " + job.blob.digest.str()));
    return {};
}

} // namespace

Status unpackStoredLayer(const LayerJob& job) {
    auto source = BERTH_TRY(openFileSource(job.content->blobPath(job.blob.digest)));
    return unpackInto(job, *source, PullProgress::Kind::Extracting);
}

Result<bool> fetchLayer(const LayerJob& job) {
    bool haveSnapshot = job.snapshots->has(job.chainId);
    if (haveSnapshot && job.content->has(job.blob.digest)) {
        report(job, PullProgress::Kind::AlreadyExists);
        return false;
    }
    report(job, PullProgress::Kind::Waiting);
    auto writer = job.content->openWriter(job.blob);
    if (!writer && writer.error().code != ErrorCode::AlreadyExists) return std::unexpected(writer.error());
    if (!writer) {
        // Another pull committed the blob while we waited for its lock: unpack from the store.
        if (!job.snapshots->has(job.chainId)) BERTH_CHECK(unpackStoredLayer(job));
        report(job, PullProgress::Kind::PullComplete);
        return true;
    }
    if (!job.client) return fail(ErrorCode::NotFound, "layer " + job.blob.digest.str() + " is not in the store");
    BERTH_CHECK(downloadAndUnpack(job, std::move(*writer), !job.snapshots->has(job.chainId)));
    report(job, PullProgress::Kind::PullComplete);
    return true;
}

} // namespace berth::image
