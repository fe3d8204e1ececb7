#include "teach/lifecycle_machine.h"

namespace berth::ui::lifecycle {

using Verb = ContainerBridge::Verb;

const QList<Edge>& edges() {
    static const QList<Edge> all{
        {State::None, State::Created, QStringLiteral("create"), std::nullopt},
        {State::Created, State::Running, QStringLiteral("start"), Verb::Start},
        {State::Running, State::Paused, QStringLiteral("pause"), Verb::Pause},
        {State::Paused, State::Running, QStringLiteral("unpause"), Verb::Unpause},
        {State::Running, State::Exited, QStringLiteral("stop / kill / die"), Verb::Stop},
        {State::Exited, State::Running, QStringLiteral("start"), Verb::Start},
        {State::Running, State::Restarting, QStringLiteral("restart"), Verb::Restart},
        {State::Restarting, State::Running, QStringLiteral("start"), Verb::Start},
        {State::Created, State::Removed, QStringLiteral("rm"), Verb::Remove},
        {State::Exited, State::Removed, QStringLiteral("rm"), Verb::Remove},
    };
    return all;
}

int edgeIndex(State from, State to) {
    const auto& all = edges();
    for (int i = 0; i < all.size(); ++i)
        if (all[i].from == from && all[i].to == to) return i;
    return -1;
}

State stateForStatus(const QString& s) {
    if (s == QLatin1String("created")) return State::Created;
    if (s == QLatin1String("running")) return State::Running;
    if (s == QLatin1String("paused")) return State::Paused;
    if (s == QLatin1String("restarting")) return State::Restarting;
    if (s == QLatin1String("exited") || s == QLatin1String("dead")) return State::Exited;
    if (s == QLatin1String("removing") || s == QLatin1String("removed")) return State::Removed;
    return State::None;
}

QString stateWord(State s) {
    switch (s) {
    case State::Created: return QStringLiteral("created");
    case State::Running: return QStringLiteral("running");
    case State::Paused: return QStringLiteral("paused");
    case State::Restarting: return QStringLiteral("restarting");
    case State::Exited: return QStringLiteral("exited");
    case State::Removed: return QStringLiteral("removed");
    case State::None: break;
    }
    return QStringLiteral("image");
}

QString stateKorean(State s) {
    switch (s) {
    case State::Created: return QStringLiteral("생성됨");
    case State::Running: return QStringLiteral("실행 중");
    case State::Paused: return QStringLiteral("일시 정지됨");
    case State::Restarting: return QStringLiteral("재시작 중");
    case State::Exited: return QStringLiteral("정지됨");
    case State::Removed: return QStringLiteral("삭제됨");
    case State::None: break;
    }
    return QStringLiteral("이미지");
}

State stateAfterEvent(const QString& a, State before) {
    if (a == QLatin1String("create")) return State::Created;
    if (a == QLatin1String("start") || a == QLatin1String("unpause")) return State::Running;
    if (a == QLatin1String("pause")) return State::Paused;
    if (a == QLatin1String("die") || a == QLatin1String("stop")) return State::Exited;
    if (a == QLatin1String("restart")) return State::Restarting;
    if (a == QLatin1String("destroy")) return State::Removed;
    return before; // kill and oom come just before die; exec_start does not move the container
}

int edgeForEvent(const QString& a, State before) {
    if (a == QLatin1String("kill") || a == QLatin1String("oom")) return edgeIndex(State::Running, State::Exited);
    if (a == QLatin1String("start") && before != State::Created && before != State::Exited &&
        before != State::Restarting)
        before = State::Created; // unknown history: the first start
    if (a == QLatin1String("destroy") && before != State::Created) before = State::Exited;
    if ((a == QLatin1String("die") || a == QLatin1String("stop") || a == QLatin1String("restart")) &&
        before != State::Running)
        before = State::Running; // a stop or restart of a paused container still leaves "running" in Docker's words
    const State after = stateAfterEvent(a, before);
    if (after == before) return -1;
    return edgeIndex(a == QLatin1String("create") ? State::None : before, after);
}

} // namespace berth::ui::lifecycle
