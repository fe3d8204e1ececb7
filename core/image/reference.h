#pragma once
// An image reference, normalised as Docker does (distribution/reference normalize.go):
//   busybox                    → docker.io/library/busybox:latest
//   127.0.0.1:5000/team/app    → 127.0.0.1:5000/team/app:latest
//   name@sha256:…              → pinned by digest (tag optional)
#include "oci/digest.h"

#include <optional>
#include <string>
#include <string_view>

namespace berth::image {

struct Reference {
    std::string domain; // "docker.io", "127.0.0.1:5000"
    std::string path;   // "library/busybox"
    std::string tag;    // empty only when pinned by digest without a tag
    std::optional<oci::Digest> digest;

    // Parses and normalises; a missing tag becomes "latest" unless a digest is given.
    static Result<Reference> parse(std::string_view text);

    std::string repository() const { return domain + "/" + path; } // docker.io/library/busybox
    std::string str() const;        // full form, tag and/or digest
    // Docker's short form: "busybox", "team/app" on docker.io, full repository elsewhere.
    std::string familiarRepository() const;
    std::string familiar() const;   // familiarRepository[:tag][@digest]
    // What to ask the registry for: the digest if pinned, else the tag.
    std::string tagOrDigest() const { return digest ? digest->str() : tag; }
};

bool isValidTag(std::string_view tag);

} // namespace berth::image
