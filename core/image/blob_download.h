#pragma once
// One attempt at GET /v2/<repo>/blobs/<digest>, following redirects (Authorization stays with the
// registry's host), resuming at `position` with Range. Accepts 206 whose Content-Range starts at
// position, or 200 with the whole blob (the first `position` bytes are skipped). Never hands the
// sink more than descriptor.size bytes in total (engine-reference §3.3).
#include "image/registry_client.h"
#include "image/registry_retry.h"
#include "image/registry_session.h"

#include <cstdint>

namespace berth::image {

// Advances position by every byte the sink accepted, so the next attempt resumes after them.
Attempt downloadBlobOnce(RegistrySession& session, const oci::Descriptor& blob, std::uint64_t& position,
                         const RegistryClient::Sink& sink);

} // namespace berth::image
