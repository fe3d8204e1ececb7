#include "image/credential_store.h"

#include "image/base64.h"
#include "support/file_util.h"

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <pwd.h>
#include <unistd.h>

namespace berth::image {

namespace {

using nlohmann::json;

constexpr std::uint64_t MaxConfigBytes = 1u << 20;

// Docker keeps Docker Hub's entry under its v1 URL; accept every spelling when looking up.
std::vector<std::string> keysFor(const std::string& registry) {
    if (registry == "docker.io" || registry == "index.docker.io" || registry == "registry-1.docker.io")
        return {registry, "https://index.docker.io/v1/", "docker.io", "index.docker.io"};
    return {registry};
}

std::string homeDir() {
    if (const char* home = std::getenv("HOME"); home && *home) return home;
    if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_dir) return pw->pw_dir;
    return "/root";
}

// The document, an empty one when the file does not exist; a damaged file is an error so that
// save() never overwrites credentials it could not read.
Result<json> load(const std::filesystem::path& file) {
    auto text = readFile(file, MaxConfigBytes);
    if (!text && text.error().code == ErrorCode::NotFound) return json::object();
    if (!text) return std::unexpected(text.error());
    json doc = json::parse(*text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return fail(ErrorCode::Corrupt, "reading " + file.string() + ": not a json object");
    return doc;
}

std::optional<Credentials> fromEntry(const json& entry) {
    if (!entry.is_object()) return std::nullopt;
    if (entry.contains("identitytoken") && entry["identitytoken"].is_string())
        return Credentials{"<token>", entry["identitytoken"].get<std::string>()};
    if (entry.contains("auth") && entry["auth"].is_string()) {
        auto decoded = base64Decode(entry["auth"].get<std::string>());
        if (!decoded) return std::nullopt;
        auto colon = decoded->find(':');
        if (colon == std::string::npos) return std::nullopt;
        return Credentials{decoded->substr(0, colon), decoded->substr(colon + 1)};
    }
    if (entry.contains("username") && entry["username"].is_string())
        return Credentials{entry["username"].get<std::string>(),
                           entry.contains("password") && entry["password"].is_string()
                               ? entry["password"].get<std::string>()
                               : ""};
    return std::nullopt;
}

Status store(const std::filesystem::path& file, const json& doc) {
    BERTH_CHECK(makeDirs(file.parent_path(), 0700));
    return writeFileAtomic(file, doc.dump(4) + "\n", 0600);
}

} // namespace

std::filesystem::path CredentialStore::defaultPath() {
    if (const char* explicitPath = std::getenv("BERTH_CONFIG"); explicitPath && *explicitPath)
        return explicitPath;
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "berth" / "config.json";
    return std::filesystem::path(homeDir()) / ".config" / "berth" / "config.json";
}

std::optional<Credentials> CredentialStore::find(const std::string& registry) const {
    auto doc = load(m_file);
    if (!doc || !doc->contains("auths") || !(*doc)["auths"].is_object()) return std::nullopt;
    const json& auths = (*doc)["auths"];
    for (const std::string& key : keysFor(registry))
        if (auths.contains(key))
            if (auto found = fromEntry(auths[key])) return found;
    return std::nullopt;
}

Status CredentialStore::save(const std::string& registry, const Credentials& credentials) {
    json doc = BERTH_TRY(withContext(load(m_file), "saving credentials for " + registry));
    if (!doc.contains("auths") || !doc["auths"].is_object()) doc["auths"] = json::object();
    for (const std::string& key : keysFor(registry))
        doc["auths"].erase(key);
    json entry = json::object();
    if (credentials.username == "<token>")
        entry["identitytoken"] = credentials.password;
    else
        entry["auth"] = base64Encode(credentials.username + ":" + credentials.password);
    doc["auths"][registry] = entry;
    return withContext(store(m_file, doc), "saving credentials for " + registry);
}

Status CredentialStore::erase(const std::string& registry) {
    json doc = BERTH_TRY(withContext(load(m_file), "removing credentials for " + registry));
    std::size_t removed = 0;
    if (doc.contains("auths") && doc["auths"].is_object())
        for (const std::string& key : keysFor(registry))
            removed += doc["auths"].erase(key);
    if (removed == 0) return fail(ErrorCode::NotFound, "no credentials stored for " + registry);
    return withContext(store(m_file, doc), "removing credentials for " + registry);
}

} // namespace berth::image
