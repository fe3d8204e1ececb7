#pragma once
// One attempt at GET /v2/<repo>/manifests/<tag-or-digest> (engine-reference §1.2, §1.6): sends
// containerd's Accept list, caps the body at maxManifestBytes, strips Content-Type parameters,
// rejects schema 1, and checks sha256(body) against the requested digest and Docker-Content-Digest.
#include "image/registry_client.h"
#include "image/registry_retry.h"
#include "image/registry_session.h"

namespace berth::image {

Attempt fetchManifestOnce(RegistrySession& session, const std::string& tagOrDigest, FetchedManifest& out);

} // namespace berth::image
