#include "container_output.h"

#include "attach_client.h"
#include "format.h"
#include "runtime/attach_protocol.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <thread>

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

// Docker's `run --rm` returns only once the container is gone; the shim removes it right after
// telling us the exit code.
static void waitUntilRemoved(Context& ctx, const std::string& id) {
    auto c = ctx.engine()->inspectContainer(id);
    if (!c || !c->config.autoRemove) return;
    auto dir = ctx.engine()->containers().dir(id);
    for (int i = 0; i < 5000 && std::filesystem::exists(dir); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

int attachAndWait(Context& ctx, const std::string& id, bool sendStdin, bool rawTerminal, const std::string& detachKeys) {
    auto code = attachToContainer(ctx.engine()->containers().dir(id) / runtime::kAttachSocketName, {sendStdin, rawTerminal, detachKeys});
    if (code && !*code) return ExitOk; // detached: the container runs on, and Docker prints nothing
    if (code) {
        waitUntilRemoved(ctx, id);
        return **code;
    }
    // The stream ended without an exit frame (the container was already done): ask the engine.
    auto waited = ctx.engine()->waitContainer(id);
    return waited ? *waited : reportError(waited.error());
}

} // namespace berth::cli
