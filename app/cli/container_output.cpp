#include "container_output.h"

#include "attach_client.h"
#include "format.h"
#include "runtime/attach_protocol.h"

#include <ctime>
#include <iostream>

namespace berth::cli {

std::string statusText(const runtime::ContainerState& s) {
    using runtime::ContainerStatus;
    auto since = [](const std::string& t) {
        std::int64_t when = parseRfc3339(t);
        return when < 0 ? std::string("Less than a second") : humanDuration(std::time(nullptr) - when);
    };
    switch (s.status) {
    case ContainerStatus::Created: return "Created";
    case ContainerStatus::Running: return "Up " + since(s.startedAt);
    case ContainerStatus::Paused: return "Up " + since(s.startedAt) + " (Paused)";
    case ContainerStatus::Restarting: return "Restarting (" + std::to_string(s.exitCode) + ") " + since(s.finishedAt) + " ago";
    case ContainerStatus::Exited: return "Exited (" + std::to_string(s.exitCode) + ") " + since(s.finishedAt) + " ago";
    case ContainerStatus::Removing: return "Removal In Progress";
    case ContainerStatus::Dead: return "Dead";
    }
    return "";
}

int parseSignalArg(const std::string& text) { return engine::parseSignal(text); }

int attachAndWait(Context& ctx, const std::string& id, bool sendStdin, bool rawTerminal, const std::string& detachKeys) {
    // Docker's `run --rm` returns only once the container is gone: the shim closes our stream then.
    auto c = ctx.engine()->inspectContainer(id);
    const bool autoRemove = c && c->config.autoRemove;
    auto code = attachToContainer(ctx.engine()->containers().dir(id) / runtime::kAttachSocketName,
                                  {sendStdin, rawTerminal, detachKeys, autoRemove});
    if (code && !*code) return ExitOk; // detached: the container runs on, and Docker prints nothing
    if (code) return **code;
    // The stream ended without an exit frame (the container was already done): ask the engine.
    auto waited = ctx.engine()->waitContainer(id);
    return waited ? *waited : reportError(waited.error());
}

} // namespace berth::cli
