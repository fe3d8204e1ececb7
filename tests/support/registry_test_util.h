#pragma once
// Small helpers shared by the tst_registry_* tests: descriptors of built blobs, streaming a blob
// into a string, and QVERIFY forms for Result/Status that print the error message on failure.
#include "image/registry_client.h"
#include "test_image_builder.h"

#include <QTest>

#include <optional>
#include <string>

namespace berth::test {

inline oci::Descriptor descriptorOf(const BuiltBlob& b) {
    oci::Descriptor d;
    d.mediaType = b.mediaType;
    d.digest = *oci::Digest::parse(b.digest);
    d.size = b.size;
    return d;
}

// Quick retries, so fault tests take milliseconds.
inline image::RegistryOptions fastOptions(std::optional<image::Credentials> credentials = std::nullopt) {
    image::RegistryOptions o;
    o.backoffMillis = 10;
    o.lowSpeedTimeoutSeconds = 10;
    if (credentials) o.credentials = [credentials](const std::string&) { return credentials; };
    return o;
}

// Streams a blob from offset, appending every byte the sink is given to out.
inline Status fetchInto(image::RegistryClient& client, const BuiltBlob& blob, std::uint64_t offset,
                        std::string& out) {
    return client.fetchBlob(descriptorOf(blob), offset, [&](const char* data, std::size_t size) -> Status {
        out.append(data, size);
        return {};
    });
}

} // namespace berth::test

#define BERTH_VERIFY_OK(expr)                                                                                \
    do {                                                                                                     \
        auto&& verifyOk_ = (expr);                                                                           \
        QVERIFY2(verifyOk_.has_value(), verifyOk_.has_value() ? "" : verifyOk_.error().message.c_str());     \
    } while (0)

// Fails unless expr is an error of errorCode whose message contains fragment.
#define BERTH_VERIFY_ERROR(expr, errorCode, fragment)                                                        \
    do {                                                                                                     \
        auto&& verifyErr_ = (expr);                                                                          \
        QVERIFY2(!verifyErr_.has_value(), "expected an error, got success");                                 \
        QVERIFY2(verifyErr_.error().code == (errorCode), verifyErr_.error().message.c_str());                \
        QVERIFY2(verifyErr_.error().message.find(fragment) != std::string::npos,                             \
                 verifyErr_.error().message.c_str());                                                        \
    } while (0)
