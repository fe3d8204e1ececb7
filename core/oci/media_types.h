#pragma once
// Media types from image-spec media-types.md and Docker's manifest-v2-2.md.
#include <string_view>

namespace berth::oci::media {

inline constexpr std::string_view OciIndex = "application/vnd.oci.image.index.v1+json";
inline constexpr std::string_view OciManifest = "application/vnd.oci.image.manifest.v1+json";
inline constexpr std::string_view OciConfig = "application/vnd.oci.image.config.v1+json";
inline constexpr std::string_view OciLayer = "application/vnd.oci.image.layer.v1.tar";
inline constexpr std::string_view OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
inline constexpr std::string_view OciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
inline constexpr std::string_view OciLayoutHeader = "application/vnd.oci.layout.header.v1+json";

inline constexpr std::string_view DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr std::string_view DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
inline constexpr std::string_view DockerConfig = "application/vnd.docker.container.image.v1+json";
inline constexpr std::string_view DockerLayer = "application/vnd.docker.image.rootfs.diff.tar";
inline constexpr std::string_view DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
inline constexpr std::string_view DockerLayerZstd = "application/vnd.docker.image.rootfs.diff.tar.zstd";
inline constexpr std::string_view DockerSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";
inline constexpr std::string_view DockerSchema1 = "application/vnd.docker.distribution.manifest.v1+json";

// The Accept header for manifest GETs (containerd's list, engine-reference §1.2).
inline constexpr std::string_view ManifestAccept =
    "application/vnd.docker.distribution.manifest.v2+json, "
    "application/vnd.docker.distribution.manifest.list.v2+json, "
    "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, */*";

inline bool isIndex(std::string_view t) { return t == OciIndex || t == DockerManifestList; }
inline bool isManifest(std::string_view t) { return t == OciManifest || t == DockerManifest; }
inline bool isSchema1(std::string_view t) { return t == DockerSchema1Signed || t == DockerSchema1; }

} // namespace berth::oci::media
