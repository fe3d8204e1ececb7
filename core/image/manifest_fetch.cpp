#include "image/manifest_fetch.h"

#include "image/registry_errors.h"
#include "oci/manifest.h"
#include "oci/media_types.h"

namespace berth::image {

namespace {

std::string stripParameters(const std::string& contentType) {
    std::string t = contentType.substr(0, contentType.find(';'));
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t'))
        t.pop_back();
    return t;
}

bool isDigest(const std::string& ref) {
    return ref.find(':') != std::string::npos;
}

// The fetched body against what we asked for and what the registry says it is.
Status verifyDigest(const std::string& what, const std::string& tagOrDigest, const HttpResponse& head,
                    const oci::Digest& actual) {
    if (isDigest(tagOrDigest) && actual.str() != tagOrDigest)
        return fail(ErrorCode::Corrupt,
                    what + ": manifest verification failed: body hashes to " + actual.str());
    std::string announced = head.header("docker-content-digest");
    if (!announced.empty() && announced != actual.str())
        return fail(ErrorCode::Corrupt,
                    what + ": body hashes to " + actual.str() + " but the registry says " + announced);
    return {};
}

// Content-Type names the type (OCI manifests pushed by umoci/skopeo may lack mediaType); when it
// is missing or generic, fall back to the document. Schema 1 fails here with a clear message.
Result<std::string> manifestMediaType(const std::string& what, const std::string& body,
                                      const std::string& ct) {
    if (oci::media::isSchema1(ct))
        return fail(ErrorCode::Unsupported,
                    what + ": docker schema 1 manifests are not supported (deprecated by "
                           "Docker and containerd): re-push the image with a current client");
    auto detected = oci::detectManifestMediaType(body, ct);
    if (!detected) return std::unexpected(detected.error().context(what));
    if (oci::media::isIndex(ct) || oci::media::isManifest(ct)) return ct;
    return *detected;
}

} // namespace

Attempt fetchManifestOnce(RegistrySession& session, const std::string& tagOrDigest, FetchedManifest& out) {
    std::string what =
        "fetching manifest " + session.displayName() + (isDigest(tagOrDigest) ? "@" : ":") + tagOrDigest;
    std::size_t cap = session.options().maxManifestBytes;
    std::string body;
    bool overLimit = false;
    auto answer =
        session.get("manifests/" + tagOrDigest, {"Accept: " + std::string(oci::media::ManifestAccept)}, true,
                    nullptr, [&](const char* data, std::size_t size) {
                        overLimit = body.size() + size > cap;
                        if (!overLimit) body.append(data, size);
                        return !overLimit;
                    });
    if (!answer) return {std::unexpected(answer.error()), answer.error().code == ErrorCode::Network};
    if (overLimit)
        return {fail(ErrorCode::LimitExceeded, what + ": manifest exceeds " + std::to_string(cap) + " bytes"),
                false};
    if (answer->status == 404) {
        std::string detail = registryErrorText(answer->errorBody);
        return {fail(ErrorCode::NotFound, "manifest unknown: " + session.displayName() +
                                              (isDigest(tagOrDigest) ? "@" : ":") + tagOrDigest +
                                              (detail.empty() ? "" : " (" + detail + ")")),
                false};
    }
    if (!answer->isSuccess())
        return {std::unexpected(responseError(*answer, what)), isRetryable(*answer),
                retryAfterMillis(*answer)};
    oci::Digest digest = oci::Digest::sha256Of(body);
    if (auto ok = verifyDigest(what, tagOrDigest, *answer, digest); !ok) return {ok, false};
    auto mediaType = manifestMediaType(what, body, stripParameters(answer->header("content-type")));
    if (!mediaType) return {std::unexpected(mediaType.error()), false};
    out = FetchedManifest{std::move(body), *mediaType, digest};
    return {};
}

} // namespace berth::image
