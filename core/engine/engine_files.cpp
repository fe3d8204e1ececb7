// berth cp and berth diff: a container's files, always resolved inside its root.
#include "engine/engine.h"

namespace berth::engine {

Status Engine::copyFromContainer(std::string_view, const std::string&, const std::filesystem::path&) {
    return fail(ErrorCode::Unsupported, "cp is not implemented yet");
}
Status Engine::copyToContainer(std::string_view, const std::filesystem::path&, const std::string&) {
    return fail(ErrorCode::Unsupported, "cp is not implemented yet");
}
Result<std::vector<ChangeRow>> Engine::containerChanges(std::string_view) {
    return fail(ErrorCode::Unsupported, "diff is not implemented yet");
}

} // namespace berth::engine
