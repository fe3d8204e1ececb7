// cp and diff: files of a container.
#include "command.h"

namespace berth::cli {

std::vector<Command> fileCommands() { return {}; }

} // namespace berth::cli
