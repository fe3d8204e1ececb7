#include "oci/image_config.h"

#include <nlohmann/json.hpp>

namespace berth::oci {

using nlohmann::json;

static std::string str(const json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

static std::vector<std::string> strings(const json& j, const char* key, bool* present = nullptr) {
    std::vector<std::string> v;
    if (present) *present = j.contains(key) && j[key].is_array();
    if (j.contains(key) && j[key].is_array())
        for (auto& s : j[key])
            if (s.is_string()) v.push_back(s.get<std::string>());
    return v;
}

static std::vector<std::string> keys(const json& j, const char* key) {
    std::vector<std::string> v;
    if (j.contains(key) && j[key].is_object())
        for (auto it = j[key].begin(); it != j[key].end(); ++it) v.push_back(it.key());
    return v;
}

Result<ImageConfig> parseImageConfig(std::string_view text) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return fail(ErrorCode::Corrupt, "image config is not a json object");
    ImageConfig c;
    c.raw = std::string(text);
    c.created = str(j, "created");
    c.author = str(j, "author");
    c.os = str(j, "os");
    c.architecture = str(j, "architecture");
    c.variant = str(j, "variant");
    if (c.os.empty() || c.architecture.empty())
        return fail(ErrorCode::Corrupt, "image config lacks os or architecture");
    if (!j.contains("rootfs") || !j["rootfs"].is_object())
        return fail(ErrorCode::Corrupt, "image config has no rootfs");
    if (str(j["rootfs"], "type") != "layers")
        return fail(ErrorCode::Corrupt, "image config rootfs.type is \"" + str(j["rootfs"], "type") + "\", not \"layers\"");
    for (auto& s : strings(j["rootfs"], "diff_ids")) {
        auto d = Digest::parse(s);
        if (!d) return std::unexpected(d.error().context("image config diff_ids"));
        c.diffIds.push_back(*d);
    }
    if (j.contains("config") && j["config"].is_object()) {
        const json& r = j["config"];
        c.config.user = str(r, "User");
        c.config.env = strings(r, "Env");
        c.config.entrypoint = strings(r, "Entrypoint", &c.config.hasEntrypoint);
        c.config.cmd = strings(r, "Cmd", &c.config.hasCmd);
        c.config.workingDir = str(r, "WorkingDir");
        c.config.stopSignal = str(r, "StopSignal");
        c.config.exposedPorts = keys(r, "ExposedPorts");
        c.config.volumes = keys(r, "Volumes");
        if (r.contains("Labels") && r["Labels"].is_object())
            for (auto it = r["Labels"].begin(); it != r["Labels"].end(); ++it)
                if (it.value().is_string()) c.config.labels[it.key()] = it.value().get<std::string>();
    }
    if (j.contains("history") && j["history"].is_array()) {
        for (auto& h : j["history"]) {
            if (!h.is_object()) continue;
            HistoryEntry e;
            e.created = str(h, "created");
            e.createdBy = str(h, "created_by");
            e.author = str(h, "author");
            e.comment = str(h, "comment");
            e.emptyLayer = h.contains("empty_layer") && h["empty_layer"].is_boolean() && h["empty_layer"].get<bool>();
            c.history.push_back(e);
        }
    }
    return c;
}

} // namespace berth::oci
