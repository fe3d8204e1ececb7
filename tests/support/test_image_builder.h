#pragma once
// Builds OCI image layouts on disk (image-spec image-layout.md) from TarBuilder layers, and pushes
// them to a registry with skopeo. Configs carry correct diff_ids, history, os/architecture and a
// run config, so the same fixtures serve the registry client, the puller and run tests.
//
//   TestImage img = zstdImage();
//   TempDir work;
//   BuiltLayout built = writeLayout(work.path() / "layout", img, "v1");
//   CommandResult r = pushImage(work.path() / "layout", "v1", reg.host(), "demo/zstd:v1", img.format);
//   // r.exitCode == 0; built.images[0].layers[0].digest is what the registry serves
//
// skopeo 1.9.3 copies blobs unchanged when the destination format can describe them: zstd layers
// stay zstd (same digests) with --format oci. A --format v2s2 push rewrites the manifest (Docker
// media types), so its digest differs from the layout's: pushImage reports the pushed digest.
#include "tar_builder.h"
#include "test_env.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace berth::test {

struct LayerSpec {
    TarBuilder tar;
    Compression compression = Compression::Gzip;
    std::string createdBy; // history entry
};

// One image for one platform.
struct ImageSpec {
    std::vector<LayerSpec> layers;
    std::string os = "linux";
    std::string architecture = "amd64";
    std::string variant;
    std::vector<std::string> entrypoint;
    std::vector<std::string> cmd{"/bin/sh"};
    std::vector<std::string> env{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"};
    std::vector<std::string> exposedPorts; // "80/tcp"
    std::string workingDir;
    std::map<std::string, std::string> labels;
    // umoci and skopeo write OCI manifests without "mediaType"; true adds it.
    bool manifestMediaTypeField = false;
};

enum class PushFormat { Oci, DockerV2s2 };

// One ImageSpec is a plain manifest; several make an OCI index (one entry per platform).
struct TestImage {
    std::vector<ImageSpec> platforms;
    PushFormat format = PushFormat::Oci;
};

struct BuiltBlob {
    std::string mediaType;
    std::string digest; // "sha256:…"
    std::int64_t size = 0;
    std::string bytes;
};

struct BuiltImage {
    BuiltBlob manifest;
    BuiltBlob config;
    std::vector<BuiltBlob> layers;
    std::vector<std::string> diffIds;
    std::string platform; // "linux/amd64"
};

struct BuiltLayout {
    std::vector<BuiltImage> images; // in platform order
    BuiltBlob index;                // set when the image has several platforms
    // The digest the layout's tag points at: the index, or the only manifest.
    std::string topDigest() const {
        return index.digest.empty() ? images.at(0).manifest.digest : index.digest;
    }
};

// Writes blobs, configs, manifests (and an index) into layoutDir, creating oci-layout, and adds
// the tag to index.json (org.opencontainers.image.ref.name). Throws std::runtime_error on I/O errors.
BuiltLayout writeLayout(const std::filesystem::path& layoutDir, const TestImage& image,
                        const std::string& tag);

struct PushResult {
    CommandResult command; // skopeo's exit code and output
    std::string digest;    // manifest (or index) digest as stored by the registry
    bool ok() const { return command.exitCode == 0 && !digest.empty(); }
};

// skopeo copy --dest-tls-verify=false [--format v2s2] [--all] oci:<layoutDir>:<tag>
// docker://<host>/<repoAndTag>
PushResult pushImage(const std::filesystem::path& layoutDir, const std::string& tag,
                     const std::string& registryHost, const std::string& repoAndTag, PushFormat format);

// Ready-made fixture images (all linux, gzip unless the name says otherwise).
TestImage manyLayers(int n);    // layer i adds /layers/<i>.txt containing "layer <i>"
TestImage whiteoutsAndOpaque(); // layer 2 deletes /a/x (.wh.x), /c (.wh.c), makes /b opaque (.wh..wh..opq)
TestImage linksImage();         // hardlink, symlinks (relative, absolute), setuid, sticky dir, user xattr
TestImage zstdImage();          // two tar+zstd layers
TestImage twoPlatformIndex();   // linux/amd64 and linux/arm64; /platform says which
TestImage dockerSchema2Image(); // pushed as Docker schema 2 (--format v2s2)

} // namespace berth::test
