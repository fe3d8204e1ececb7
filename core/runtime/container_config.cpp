#include "runtime/container_config.h"

#include "support/file_util.h"

#include <nlohmann/json.hpp>

#include <system_error>

namespace berth::runtime {

using nlohmann::json;

Result<RestartPolicy> RestartPolicy::parse(std::string_view text) {
    RestartPolicy p;
    std::string s(text);
    if (s.empty() || s == "no") return p;
    if (s == "always") p.kind = Kind::Always;
    else if (s == "unless-stopped") p.kind = Kind::UnlessStopped;
    else if (s.rfind("on-failure", 0) == 0) {
        p.kind = Kind::OnFailure;
        if (s.size() > 10) {
            if (s[10] != ':') return fail(ErrorCode::InvalidArgument, "invalid restart policy \"" + s + "\"");
            try {
                p.maxRetries = std::stoi(s.substr(11));
            } catch (...) {
                return fail(ErrorCode::InvalidArgument, "invalid restart policy \"" + s + "\": maximum retry count must be a number");
            }
            if (p.maxRetries < 0) return fail(ErrorCode::InvalidArgument, "invalid restart policy \"" + s + "\": negative retry count");
        }
    } else {
        return fail(ErrorCode::InvalidArgument, "invalid restart policy \"" + s + "\": use no, on-failure[:N], always or unless-stopped");
    }
    return p;
}

std::string RestartPolicy::str() const {
    switch (kind) {
    case Kind::No: return "no";
    case Kind::Always: return "always";
    case Kind::UnlessStopped: return "unless-stopped";
    case Kind::OnFailure: return maxRetries ? "on-failure:" + std::to_string(maxRetries) : "on-failure";
    }
    return "no";
}

template <class T> static void putOpt(json& j, const char* k, const std::optional<T>& v) {
    if (v) j[k] = *v;
}
template <class T> static void getOpt(const json& j, const char* k, std::optional<T>& v) {
    if (j.contains(k) && !j[k].is_null()) v = j[k].get<T>();
}

Result<PublishedPort> parsePublishedPort(std::string_view text) {
    PublishedPort p;
    std::string spec(text);
    auto bad = [&] { return fail(ErrorCode::InvalidArgument, "invalid port specification: \"" + std::string(text) + "\""); };
    if (auto slash = spec.find('/'); slash != std::string::npos) {
        p.protocol = spec.substr(slash + 1);
        spec = spec.substr(0, slash);
        if (p.protocol != "tcp" && p.protocol != "udp") return bad();
    }
    std::vector<std::string> parts;
    for (std::size_t start = 0;;) {
        auto colon = spec.find(':', start);
        parts.push_back(spec.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
        if (colon == std::string::npos) break;
        start = colon + 1;
    }
    auto number = [](const std::string& s, int& out) {
        if (s.empty() || s.size() > 5 || s.find_first_not_of("0123456789") != std::string::npos) return false;
        out = std::stoi(s);
        return out > 0 && out < 65536;
    };
    if (parts.size() == 1) {
        if (!number(parts[0], p.containerPort)) return bad();
    } else if (parts.size() == 2) {
        if (!number(parts[0], p.hostPort) || !number(parts[1], p.containerPort)) return bad();
    } else if (parts.size() == 3) {
        p.hostIp = parts[0].empty() ? "127.0.0.1" : parts[0];
        if ((!parts[1].empty() && !number(parts[1], p.hostPort)) || !number(parts[2], p.containerPort)) return bad();
    } else {
        return bad();
    }
    return p;
}

std::string networkContainer(const std::string& mode) {
    return mode.starts_with("container:") ? mode.substr(10) : std::string();
}

bool isBridgeMode(const std::string& mode) {
    return !mode.empty() && mode != "none" && mode != "host" && !mode.starts_with("container:") &&
           !isSlirp4netnsMode(mode);
}

bool isSlirp4netnsMode(const std::string& mode) { return mode == kSlirp4netnsMode; }

bool samePublishedHostPort(const PublishedPort& a, const PublishedPort& b) {
    return a.hostPort != 0 && a.hostPort == b.hostPort && a.protocol == b.protocol &&
           (a.hostIp == b.hostIp || a.hostIp == "0.0.0.0" || b.hostIp == "0.0.0.0");
}

Result<std::vector<ConnectedNetwork>> readConnectedNetworks(const std::filesystem::path& file) {
    std::vector<ConnectedNetwork> out;
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return out;
    auto text = BERTH_TRY(readFile(file, 1u << 20));
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return fail(ErrorCode::Corrupt, file.string() + ": not a json object");
    for (auto& n : j.value("connected", json::array()))
        if (n.is_object()) out.push_back({n.value("network", ""), n.value("aliases", std::vector<std::string>{})});
    return out;
}

Status writeConnectedNetworks(const std::filesystem::path& file, const std::vector<ConnectedNetwork>& networks) {
    json j{{"connected", json::array()}};
    for (auto& n : networks) j["connected"].push_back({{"network", n.network}, {"aliases", n.aliases}});
    return writeFileAtomic(file, j.dump(2) + "\n", 0600);
}

std::string toJson(const ContainerConfig& c) {
    json j;
    j["id"] = c.id;
    j["name"] = c.name;
    j["image"] = c.image;
    j["imageName"] = c.imageName;
    j["imageId"] = c.imageId;
    j["layers"] = c.layers;
    j["process"] = {{"args", c.process.args}, {"env", c.process.env}, {"cwd", c.process.cwd}, {"user", c.process.user}};
    j["groupAdd"] = c.groupAdd;
    j["hostname"] = c.hostname;
    j["tty"] = c.tty;
    j["interactive"] = c.interactive;
    j["autoRemove"] = c.autoRemove;
    j["readOnlyRootfs"] = c.readOnlyRootfs;
    j["stopSignal"] = c.stopSignal;
    j["stopTimeout"] = c.stopTimeout;
    j["restart"] = c.restart.str();
    json r = json::object();
    putOpt(r, "memoryBytes", c.resources.memoryBytes);
    putOpt(r, "memorySwapBytes", c.resources.memorySwapBytes);
    putOpt(r, "cpus", c.resources.cpus);
    putOpt(r, "cpuShares", c.resources.cpuShares);
    putOpt(r, "pidsLimit", c.resources.pidsLimit);
    j["resources"] = r;
    j["capAdd"] = c.capAdd;
    j["capDrop"] = c.capDrop;
    j["noNewPrivileges"] = c.noNewPrivileges;
    j["seccompUnconfined"] = c.seccompUnconfined;
    j["mounts"] = json::array();
    for (auto& m : c.mounts)
        j["mounts"].push_back({{"type", m.type}, {"source", m.source}, {"destination", m.destination},
                               {"readOnly", m.readOnly}, {"options", m.options}});
    j["networkMode"] = c.networkMode;
    j["networkAliases"] = c.networkAliases;
    j["dns"] = c.dns;
    j["extraHosts"] = c.extraHosts;
    j["ports"] = nlohmann::json::array();
    for (auto& p : c.ports)
        j["ports"].push_back({{"hostIp", p.hostIp}, {"hostPort", p.hostPort}, {"containerPort", p.containerPort}, {"protocol", p.protocol}});
    j["logMaxBytes"] = c.logMaxBytes;
    j["logMaxFiles"] = c.logMaxFiles;
    j["exposedPorts"] = c.exposedPorts;
    j["labels"] = c.labels;
    j["created"] = c.created;
    return j.dump(2);
}

Result<ContainerConfig> parseContainerConfig(std::string_view text) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return fail(ErrorCode::Corrupt, "container config is not a json object");
    try {
        ContainerConfig c;
        c.id = j.at("id");
        c.name = j.value("name", "");
        c.image = j.value("image", "");
        c.imageName = j.value("imageName", "");
        c.imageId = j.value("imageId", "");
        c.layers = j.value("layers", std::vector<std::string>{});
        const json& p = j.at("process");
        c.process.args = p.value("args", std::vector<std::string>{});
        c.process.env = p.value("env", std::vector<std::string>{});
        c.process.cwd = p.value("cwd", "/");
        c.process.user = p.value("user", "");
        c.groupAdd = j.value("groupAdd", std::vector<std::string>{});
        c.hostname = j.value("hostname", "");
        c.tty = j.value("tty", false);
        c.interactive = j.value("interactive", false);
        c.autoRemove = j.value("autoRemove", false);
        c.readOnlyRootfs = j.value("readOnlyRootfs", false);
        c.stopSignal = j.value("stopSignal", "SIGTERM");
        c.stopTimeout = j.value("stopTimeout", 10);
        c.restart = BERTH_TRY(RestartPolicy::parse(j.value("restart", "no")));
        if (j.contains("resources")) {
            const json& r = j["resources"];
            getOpt(r, "memoryBytes", c.resources.memoryBytes);
            getOpt(r, "memorySwapBytes", c.resources.memorySwapBytes);
            getOpt(r, "cpus", c.resources.cpus);
            getOpt(r, "cpuShares", c.resources.cpuShares);
            getOpt(r, "pidsLimit", c.resources.pidsLimit);
        }
        c.capAdd = j.value("capAdd", std::vector<std::string>{});
        c.capDrop = j.value("capDrop", std::vector<std::string>{});
        c.noNewPrivileges = j.value("noNewPrivileges", false);
        c.seccompUnconfined = j.value("seccompUnconfined", false);
        for (auto& m : j.value("mounts", json::array()))
            c.mounts.push_back({m.value("type", "bind"), m.value("source", ""), m.value("destination", ""),
                                m.value("readOnly", false), m.value("options", "")});
        c.networkMode = j.value("networkMode", "none");
        c.networkAliases = j.value("networkAliases", std::vector<std::string>{});
        c.dns = j.value("dns", std::vector<std::string>{});
        c.extraHosts = j.value("extraHosts", std::vector<std::string>{});
        for (auto& port : j.value("ports", json::array()))
            c.ports.push_back({port.value("hostIp", "127.0.0.1"), port.value("hostPort", 0), port.value("containerPort", 0),
                               port.value("protocol", "tcp")});
        c.logMaxBytes = j.value("logMaxBytes", std::uint64_t(10u << 20));
        c.logMaxFiles = j.value("logMaxFiles", 3);
        c.exposedPorts = j.value("exposedPorts", std::vector<std::string>{});
        c.labels = j.value("labels", std::map<std::string, std::string>{});
        c.created = j.value("created", "");
        return c;
    } catch (const json::exception& e) {
        return fail(ErrorCode::Corrupt, std::string("container config: ") + e.what());
    }
}

} // namespace berth::runtime
