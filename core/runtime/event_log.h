#pragma once
// Every container transition, appended as one JSON line to <root>/events.jsonl (create, start,
// pause, unpause, die with exit code, oom, kill, stop, restart, destroy), and Docker's network
// events (create, destroy, connect, disconnect), so the CLI's `events` and the app's lifecycle
// view can follow what the shims and other clients did.
#include "support/error.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace berth::runtime {

struct Event {
    std::string type = "container"; // "container", "image" or "network"
    std::string action;             // "create", "start", "die", …
    std::string id;
    std::map<std::string, std::string> attributes; // name, image, exitCode, signal; network: type, container
    std::int64_t timeNano = 0;                     // filled in by append when 0
};

// Docker's network event: Actor ID the network's id, attributes name, type (its driver) and, for
// connect and disconnect, container (the container's id).
Event networkEvent(std::string action, std::string networkId, std::string networkName, std::string driver,
                   std::string containerId = {});

class EventLog {
public:
    explicit EventLog(std::filesystem::path file) : m_file(std::move(file)) {}
    Status append(Event event) const;
    // Events from byte offset `from` on; `next` receives the offset to continue from.
    Result<std::vector<Event>> read(std::uint64_t from, std::uint64_t* next = nullptr) const;
    const std::filesystem::path& file() const { return m_file; }

private:
    std::filesystem::path m_file;
};

} // namespace berth::runtime
