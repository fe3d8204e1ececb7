// exec: run a command in a running container.
#include "command.h"

namespace berth::cli {

std::vector<Command> execCommands() { return {}; }

} // namespace berth::cli
