#pragma once
// Go's exec.LookPath as Docker uses it for a container's program: a name with a slash is taken as
// is, else the first executable file on the container's PATH (from env, else Docker's default).
// Called inside the container, after pivot_root.
#include <string>
#include <vector>

namespace berth::runtime {

std::string findExecutable(const std::string& name, const std::vector<std::string>& env);

} // namespace berth::runtime
