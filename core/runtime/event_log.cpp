#include "runtime/event_log.h"

#include "support/unique_fd.h"

#include <chrono>
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace berth::runtime {

using nlohmann::json;

Event networkEvent(std::string action, std::string networkId, std::string networkName, std::string driver,
                   std::string containerId) {
    Event e;
    e.type = "network";
    e.action = std::move(action);
    e.id = std::move(networkId);
    e.attributes = {{"name", std::move(networkName)}, {"type", std::move(driver)}};
    if (!containerId.empty()) e.attributes["container"] = std::move(containerId);
    return e;
}

Status EventLog::append(Event e) const {
    if (e.timeNano == 0)
        e.timeNano = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch()).count();
    json j{{"Type", e.type}, {"Action", e.action}, {"Actor", {{"ID", e.id}, {"Attributes", e.attributes}}},
           {"time", e.timeNano / 1000000000}, {"timeNano", e.timeNano}};
    std::string line = j.dump() + "\n";
    // O_APPEND makes each line land whole at the end even with several writers.
    UniqueFd fd(::open(m_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
    if (!fd.isValid()) return sysFail("opening " + m_file.string());
    if (::write(fd.get(), line.data(), line.size()) != static_cast<ssize_t>(line.size()))
        return sysFail("appending to " + m_file.string());
    return {};
}

Result<std::vector<Event>> EventLog::read(std::uint64_t from, std::uint64_t* next) const {
    std::vector<Event> out;
    UniqueFd fd(::open(m_file.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.isValid()) {
        if (next) *next = from;
        return out;
    }
    std::string data;
    char buf[65536];
    ssize_t n;
    off_t pos = static_cast<off_t>(from);
    while ((n = ::pread(fd.get(), buf, sizeof buf, pos)) > 0) {
        data.append(buf, static_cast<std::size_t>(n));
        pos += n;
    }
    std::size_t consumed = 0, start = 0;
    for (std::size_t nl; (nl = data.find('\n', start)) != std::string::npos; start = nl + 1) {
        consumed = nl + 1;
        json j = json::parse(data.substr(start, nl - start), nullptr, false);
        if (j.is_discarded()) continue;
        Event e;
        e.type = j.value("Type", "");
        e.action = j.value("Action", "");
        e.timeNano = j.value("timeNano", std::int64_t(0));
        if (j.contains("Actor")) {
            e.id = j["Actor"].value("ID", "");
            e.attributes = j["Actor"].value("Attributes", std::map<std::string, std::string>{});
        }
        out.push_back(std::move(e));
    }
    if (next) *next = from + consumed;
    return out;
}

} // namespace berth::runtime
