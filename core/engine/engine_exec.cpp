// berth exec: joining a running container's namespaces, cgroup and security settings.
// Everything the forked processes need is computed here first (runtime/exec_process.h); the
// container's lock is held only while its state is checked and its namespaces are opened, so a
// long exec never blocks stop or pause.
#include "engine/engine.h"

#include "runtime/container_init.h"
#include "runtime/exec_process.h"
#include "support/file_util.h"

#include <algorithm>
#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

namespace berth::engine {

namespace {

// "K=V" replaces the container's K (Docker's exec -e); a later override wins.
std::vector<std::string> mergeEnv(std::vector<std::string> env, const std::vector<std::string>& overrides) {
    for (const auto& o : overrides) {
        std::string key = o.substr(0, o.find('=')) + "=";
        bool replaced = false;
        for (auto& e : env)
            if (e.rfind(key, 0) == 0 || e == key.substr(0, key.size() - 1)) {
                e = o;
                replaced = true;
            }
        if (!replaced) env.push_back(o);
    }
    return env;
}

// The files the exec'd process writes "0" into to join the cgroup; none without a cgroup. On v1
// the tasks files: the forked child is single-threaded, and so spares the kernel's global lock
// (runtime::CgroupEntry). On v2, cgroup.procs.
std::vector<std::string> cgroupJoinFiles(const runtime::CgroupManager& cg) {
    std::vector<std::string> files;
    for (const auto& file : cg.entry().tasksFiles) files.push_back(file.string());
    if (!files.empty()) return files;
    for (const auto& dir : cg.directories()) files.push_back((dir / "cgroup.procs").string());
    return files;
}

// Opens the namespaces of the container's pid 1, after checking that pid really is the
// container's (a stale state file could name a reused pid): its cgroup holds it, or without a
// cgroup, its parent is the container's shim.
Status openNamespaces(int pid, const std::string& id, runtime::CgroupManager& cg, runtime::ExecPlan& plan) {
    std::string proc = "/proc/" + std::to_string(pid);
    auto members = cg.processes();
    if (!members || std::find(members->begin(), members->end(), pid) == members->end())
        return fail(ErrorCode::InvalidArgument, "container " + id + " is not running");
    // mnt last: once in it, /proc would be the container's.
    static const std::pair<const char*, int> kinds[] = {{"ipc", CLONE_NEWIPC}, {"uts", CLONE_NEWUTS},
                                                        {"net", CLONE_NEWNET}, {"pid", CLONE_NEWPID},
                                                        {"cgroup", CLONE_NEWCGROUP}, {"mnt", CLONE_NEWNS}};
    for (const auto& [name, type] : kinds) {
        int fd = ::open((proc + "/ns/" + name).c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            auto err = sysFail("opening the " + std::string(name) + " namespace of container " + id);
            for (int open : plan.namespaceFds) ::close(open);
            plan.namespaceFds.clear();
            return err;
        }
        plan.namespaceFds.push_back(fd);
        plan.namespaceTypes.push_back(type);
    }
    return {};
}

} // namespace

Result<int> Engine::execInContainer(std::string_view idOrName, const ExecOptions& options) {
    auto c = BERTH_TRY(m_containers.find(idOrName));
    const runtime::ContainerConfig& config = c.config;
    if (options.cmd.empty() || options.cmd[0].empty())
        return fail(ErrorCode::InvalidArgument, "no command specified");
    if (!options.workingDir.empty() && options.workingDir[0] != '/')
        return fail(ErrorCode::InvalidArgument, "the working directory '" + options.workingDir + "' is invalid, it needs to be an absolute path");

    runtime::ExecPlan plan;
    plan.args = options.cmd;
    plan.env = mergeEnv(config.process.env, options.env);
    plan.user = options.user.empty() ? config.process.user : options.user;
    plan.groupAdd = config.groupAdd;
    plan.cwd = !options.workingDir.empty() ? options.workingDir : config.process.cwd.empty() ? "/" : config.process.cwd;
    plan.capabilities = BERTH_TRY(runtime::resolveCapabilities(config.capAdd, config.capDrop));
    plan.noNewPrivileges = config.noNewPrivileges;
    plan.seccompUnconfined = config.seccompUnconfined;
    plan.interactive = options.interactive;
    plan.tty = options.tty;
    plan.detach = options.detach;
    {
        auto lock = BERTH_TRY(m_containers.lock(config.id));
        auto state = BERTH_TRY(m_containers.readState(config.id));
        if (state.status == runtime::ContainerStatus::Paused)
            return fail(ErrorCode::InvalidArgument, "container " + config.id + " is paused, unpause the container before exec");
        if (state.status != runtime::ContainerStatus::Running || state.pid <= 0)
            return fail(ErrorCode::InvalidArgument, "container " + config.id + " is not running");
        auto cg = BERTH_TRY(cgroupOf(config.id, state));
        plan.cgroupProcs = cgroupJoinFiles(*cg);
        BERTH_CHECK(openNamespaces(state.pid, config.id, *cg, plan));
    }

    std::string cmdText;
    for (const auto& a : options.cmd) cmdText += (cmdText.empty() ? "" : " ") + a;
    (void)m_events.append({"container", "exec_start: " + cmdText, config.id,
                           {{"name", config.name}, {"image", config.image}}, 0});
    auto outcome = BERTH_TRY(runtime::runExec(plan));
    if (!outcome.started)
        return fail(outcome.exitCode == runtime::ExitNotFound ? ErrorCode::NotFound : ErrorCode::Denied,
                    runtime::execFailureMessage(outcome.message));
    return outcome.exitCode;
}

} // namespace berth::engine
