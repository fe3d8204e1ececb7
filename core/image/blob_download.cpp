#include "image/blob_download.h"

#include "image/registry_errors.h"

#include <algorithm>
#include <optional>

namespace berth::image {

namespace {

// Content-Range of a 206 must start where we asked: "bytes <start>-<end>/<total>".
bool rangeStartsAt(const std::string& contentRange, std::uint64_t start) {
    return contentRange.starts_with("bytes " + std::to_string(start) + "-");
}

// The per-attempt state the curl callbacks share.
struct BlobReceiver {
    const oci::Descriptor& blob;
    const RegistryClient::Sink& sink;
    std::uint64_t& position;
    std::uint64_t start;
    std::uint64_t skip = 0;
    std::optional<Error> stop; // why the transfer was aborted; never retried

    std::string what() const { return "fetching blob " + blob.digest.str(); }

    bool onStart(const HttpResponse& head) {
        if (head.status == 206 && !rangeStartsAt(head.header("content-range"), start)) {
            stop =
                Error{ErrorCode::Network,
                      what() + ": registry answered a range that does not start at byte " +
                          std::to_string(start) + " (content-range \"" + head.header("content-range") + "\")",
                      0};
            return false;
        }
        if (head.status != 206) skip = start; // the registry ignored Range and sent the whole blob
        return true;
    }

    bool onBody(const char* data, std::size_t size) {
        std::size_t skipped = static_cast<std::size_t>(std::min<std::uint64_t>(skip, size));
        skip -= skipped;
        data += skipped;
        size -= skipped;
        if (size == 0) return true;
        if (position + size > static_cast<std::uint64_t>(blob.size)) {
            stop = Error{ErrorCode::Corrupt,
                         "blob " + blob.digest.str() + " is larger than its descriptor's " +
                             std::to_string(blob.size) + " bytes",
                         0};
            return false;
        }
        Status s = sink(data, size);
        if (!s) {
            stop = s.error();
            return false;
        }
        position += size;
        return true;
    }
};

} // namespace

Attempt downloadBlobOnce(RegistrySession& session, const oci::Descriptor& blob, std::uint64_t& position,
                         const RegistryClient::Sink& sink) {
    BlobReceiver rx{blob, sink, position, position};
    std::vector<std::string> headers;
    if (position > 0) headers.push_back("Range: bytes=" + std::to_string(position) + "-");
    auto answer = session.get(
        "blobs/" + blob.digest.str(), std::move(headers), true,
        [&rx](const HttpResponse& head) { return rx.onStart(head); },
        [&rx](const char* data, std::size_t size) { return rx.onBody(data, size); });
    if (!answer) return {std::unexpected(answer.error()), answer.error().code == ErrorCode::Network};
    if (rx.stop) return {std::unexpected(*rx.stop), false};
    if (!answer->isSuccess())
        return {std::unexpected(responseError(*answer, rx.what())), isRetryable(*answer),
                retryAfterMillis(*answer)};
    if (position < static_cast<std::uint64_t>(blob.size))
        return {fail(ErrorCode::Network, rx.what() + ": the answer ended after byte " +
                                             std::to_string(position) + " of " + std::to_string(blob.size)),
                true};
    return {};
}

} // namespace berth::image
