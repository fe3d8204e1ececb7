#pragma once
// The QObject a bridge thread runs jobs on. Owns one Engine, opened lazily on first use on its
// own thread; never touched from the GUI thread after moveToThread.
#include "engine/engine.h"

#include <QObject>

#include <filesystem>
#include <memory>

namespace berth::ui {

class EngineWorker : public QObject {
    Q_OBJECT
public:
    explicit EngineWorker(std::filesystem::path root) : m_root(std::move(root)) {}
    // The engine, opening it on the first call; the error repeats until a later call succeeds.
    Result<engine::Engine*> engine();

private:
    std::filesystem::path m_root;
    std::unique_ptr<engine::Engine> m_engine;
};

} // namespace berth::ui
