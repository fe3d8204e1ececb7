// berth exec: joining a running container's namespaces, cgroup and security settings.
#include "engine/engine.h"

namespace berth::engine {

Result<int> Engine::execInContainer(std::string_view, const ExecOptions&) {
    return fail(ErrorCode::Unsupported, "exec is not implemented yet");
}

} // namespace berth::engine
