#pragma once
// The container state machine the Lifecycle view draws: six states, the edges between them and
// the verb (or engine event) behind each. Pure data and rules, so tests check them without a view.
#include "bridge/container_bridge.h"

#include <QList>
#include <QString>

#include <optional>

namespace berth::ui::lifecycle {

enum class State { None, Created, Running, Paused, Restarting, Exited, Removed };

struct Edge {
    State from;
    State to;
    QString label;                               // the verbs that take it: "stop / kill / die"
    std::optional<ContainerBridge::Verb> verb;   // what a click runs; none for create
};

// Every edge, in drawing order; indexes into this list name edges everywhere else.
const QList<Edge>& edges();
int edgeIndex(State from, State to); // -1 when there is no such edge

// Docker's state word (ContainerInfo::state) as a node; "removing" counts as removed.
State stateForStatus(const QString& status);
QString stateWord(State state);     // "running", …
QString stateKorean(State state);   // "실행 중", …

// The edge an event for a container in state `before` took (-1: none, e.g. exec_start).
int edgeForEvent(const QString& action, State before);
// The state after the event (before when the event does not move the container).
State stateAfterEvent(const QString& action, State before);

} // namespace berth::ui::lifecycle
