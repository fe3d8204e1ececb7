#include "bridge/engine_worker.h"

namespace berth::ui {

Result<engine::Engine*> EngineWorker::engine() {
    if (!m_engine) {
        auto opened = engine::Engine::open(engine::EngineOptions{m_root});
        if (!opened) return std::unexpected(opened.error());
        m_engine = std::move(*opened);
    }
    return m_engine.get();
}

} // namespace berth::ui
