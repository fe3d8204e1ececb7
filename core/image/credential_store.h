#pragma once
// Registry credentials saved by `berth login`, in the format of Docker's config.json:
//   {"auths": {"127.0.0.1:5000": {"auth": base64("user:password")}}}
// The file lives at $BERTH_CONFIG, else $XDG_CONFIG_HOME/berth/config.json (~/.config/berth), mode 0600.
#include "image/registry_client.h"

#include <filesystem>
#include <optional>
#include <string>

namespace berth::image {

class CredentialStore {
public:
    explicit CredentialStore(std::filesystem::path file) : m_file(std::move(file)) {}
    static std::filesystem::path defaultPath();

    std::optional<Credentials> find(const std::string& registry) const;
    Status save(const std::string& registry, const Credentials& credentials);
    // Returns NotFound when there was nothing to remove.
    Status erase(const std::string& registry);

private:
    std::filesystem::path m_file;
};

} // namespace berth::image
