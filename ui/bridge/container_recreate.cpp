#include "bridge/container_recreate.h"

#include "bridge/cli_command.h"
#include "bridge/run_options.h"

#include <algorithm>

namespace berth::ui {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

QStringList toQt(const std::vector<std::string>& list) {
    QStringList out;
    for (const auto& s : list)
        out << qs(s);
    return out;
}

// A start that ran the shim but not the program is a failure too.
Status started(const Result<runtime::StartReport>& report) {
    if (!report) return std::unexpected(report.error());
    if (!report->ok)
        return fail(ErrorCode::Internal,
                    report->message.empty() ? std::string("start failed") : report->message);
    return {};
}

// The user's command: the process args without the image entrypoint in front; empty when they are
// exactly the image's defaults.
QStringList userCommand(const std::vector<std::string>& args, const oci::ImageConfig* image) {
    if (!image) return toQt(args);
    const auto& ep = image->config.entrypoint;
    std::vector<std::string> defaults = ep;
    defaults.insert(defaults.end(), image->config.cmd.begin(), image->config.cmd.end());
    if (args == defaults) return {};
    if (args.size() >= ep.size() && std::equal(ep.begin(), ep.end(), args.begin()))
        return toQt(
            std::vector<std::string>(args.begin() + static_cast<std::ptrdiff_t>(ep.size()), args.end()));
    return toQt(args);
}

QStringList userEnv(const std::vector<std::string>& env, const oci::ImageConfig* image) {
    const std::vector<std::string> imageEnv = image ? image->config.env : std::vector<std::string>{};
    const bool imageHasPath =
        std::any_of(imageEnv.begin(), imageEnv.end(), [](auto& e) { return e.starts_with("PATH="); });
    QStringList out;
    for (const auto& e : env) {
        if (std::find(imageEnv.begin(), imageEnv.end(), e) != imageEnv.end()) continue;
        if (e.starts_with("HOSTNAME=") || (e.starts_with("PATH=") && !imageHasPath)) continue; // the engine's
        out << qs(e);
    }
    return out;
}

} // namespace

RunRequest requestFromConfig(const runtime::ContainerConfig& c, const oci::ImageConfig* image) {
    RunRequest r;
    r.image = qs(c.image);
    r.name = qs(c.name);
    r.command = userCommand(c.process.args, image);
    r.env = userEnv(c.process.env, image);
    r.restart = qs(c.restart.str());
    r.network = runtime::networkContainer(c.networkMode).empty()
                    ? qs(c.networkMode)
                    : QStringLiteral("container:") + qs(runtime::networkContainer(c.networkMode));
    r.ports = toPortMappings(c.ports);
    for (const auto& m : c.mounts)
        if (m.type == "bind") r.volumes.append({qs(m.source), qs(m.destination), m.readOnly});
    if (c.resources.memoryBytes && *c.resources.memoryBytes > 0)
        r.memoryMiB = static_cast<int>(*c.resources.memoryBytes >> 20);
    if (c.resources.cpus && *c.resources.cpus > 0) r.cpus = *c.resources.cpus;
    return r;
}

QString asideName(const QString& name, const QString& id) {
    return name + QStringLiteral("-old-") + id.left(8);
}

Result<std::string> recreateContainer(engine::Engine& e, const std::string& idOrName, RunRequest request,
                                      const RecreateStep& step) {
    const auto old = BERTH_TRY(e.inspectContainer(idOrName));
    const std::string name = old.config.name;
    const std::string aside = asideName(qs(name), qs(old.config.id)).toStdString();
    const bool wasRunning = old.state.canStop();
    if (request.name.trimmed().isEmpty()) request.name = qs(name);
    const auto context = [&](const Error& error, const std::string& what) {
        return std::unexpected(Error{
            error.code, "recreating container " + name + ": " + error.message + "; " + what, error.sysErrno});
    };
    // Puts the old container back as it was; says so in the error.
    const auto restore = [&](const Error& error) -> Result<std::string> {
        step({QStringLiteral("rename"), qs(aside), qs(name)});
        if (auto s = e.renameContainer(aside, name); !s)
            return context(error, "the old container is kept as " + aside);
        if (wasRunning) {
            step({QStringLiteral("start"), qs(name)});
            (void)started(e.startContainer(name));
        }
        return context(error, "the old container is kept unchanged");
    };

    if (wasRunning) {
        step({QStringLiteral("stop"), qs(name)});
        BERTH_CHECK(e.stopContainer(name));
    }
    step({QStringLiteral("rename"), qs(name), qs(aside)});
    if (auto s = e.renameContainer(name, aside); !s) {
        if (wasRunning) (void)started(e.startContainer(name));
        return context(s.error(), "the old container is kept unchanged");
    }
    // Host ports are taken at start, not at create (as Docker), so the stopped old container can
    // stay until the new one runs: a failed create or start puts the old one back.
    step(CliCommand::createArgs(request));
    auto created = e.createContainer(toCreateOptions(request));
    if (!created) return restore(created.error());
    if (wasRunning) {
        step({QStringLiteral("start"), qs(name)});
        if (auto s = started(e.startContainer(created->id)); !s) {
            step({QStringLiteral("rm"), QStringLiteral("-f"), qs(created->id.substr(0, 12))});
            (void)e.removeContainer(created->id, true);
            return restore(s.error());
        }
    }
    step({QStringLiteral("rm"), qs(aside)});
    if (auto s = e.removeContainer(aside, true); !s)
        return std::unexpected(Error{s.error().code,
                                     "recreated container " + name + ", but the old one is still there as " +
                                         aside + ": " + s.error().message,
                                     s.error().sysErrno});
    return created->id;
}

} // namespace berth::ui
