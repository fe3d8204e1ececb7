#include "bridge/cli_command.h"

#include "engine/engine.h"

#include <QRegularExpression>

namespace berth::ui {

CliCommand::CliCommand(QString root) : m_root(std::move(root)) {
    if (m_root == QString::fromStdString(engine::Engine::defaultRoot().string())) m_root.clear();
}

QString CliCommand::shellQuote(const QString& arg) {
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (safe.match(arg).hasMatch()) return arg;
    QString quoted = arg;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QStringList CliCommand::splitArguments(const QString& text) {
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote; // '\'' or '"' while inside quotes
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quote == QLatin1Char('\'')) {
            if (c == quote) quote = QChar();
            else word += c;
        } else if (c == QLatin1Char('\\') && i + 1 < text.size()) {
            word += text[++i];
            inWord = true;
        } else if (quote == QLatin1Char('"')) {
            if (c == quote) quote = QChar();
            else word += c;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord) words << word;
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord) words << word;
    return words;
}

QString CliCommand::command(const QStringList& args) const {
    QStringList parts{QStringLiteral("berth")};
    if (!m_root.isEmpty()) parts << QStringLiteral("--root") << shellQuote(m_root);
    for (const auto& a : args) parts << shellQuote(a);
    return parts.join(QLatin1Char(' '));
}

QString CliCommand::pull(const QString& reference) const { return command({QStringLiteral("pull"), reference}); }

QString CliCommand::images() const { return command({QStringLiteral("images")}); }

QString CliCommand::history(const QString& reference) const {
    return command({QStringLiteral("history"), reference});
}

QString CliCommand::removeImage(const QString& reference, bool force) const {
    QStringList args{QStringLiteral("rmi")};
    if (force) args << QStringLiteral("--force");
    return command(args << reference);
}

QString CliCommand::prune(bool all) const {
    QStringList args{QStringLiteral("image"), QStringLiteral("prune"), QStringLiteral("--force")};
    if (all) args << QStringLiteral("--all");
    return command(args);
}

QString CliCommand::save(const QStringList& references, const QString& path) const {
    return command(QStringList{QStringLiteral("save"), QStringLiteral("-o"), path} + references);
}

QString CliCommand::load(const QString& path) const {
    return command({QStringLiteral("load"), QStringLiteral("-i"), path});
}

QString CliCommand::containerVerb(const QString& verb, const QStringList& names) const {
    QStringList args{verb};
    if (verb == QLatin1String("rm")) args << QStringLiteral("--force");
    return command(args + names);
}

namespace {

// The flags, image and command `run` and `create` share.
QStringList requestArgs(const RunRequest& r) {
    QStringList args;
    if (!r.effectiveNetwork().isEmpty()) args << QStringLiteral("--network") << r.effectiveNetwork();
    for (const auto& p : r.ports) {
        const QString host = p.hostPort > 0 ? QString::number(p.hostPort) : QString();
        QString spec = p.hostIp + QLatin1Char(':') + host + QLatin1Char(':') + QString::number(p.containerPort);
        if (p.protocol != QLatin1String("tcp")) spec += QLatin1Char('/') + p.protocol;
        args << QStringLiteral("-p") << spec;
    }
    for (const auto& v : r.volumes)
        args << QStringLiteral("-v")
             << v.hostPath + QLatin1Char(':') + v.containerPath + (v.readOnly ? QStringLiteral(":ro") : QString());
    if (r.memoryMiB > 0) args << QStringLiteral("-m") << QString::number(r.memoryMiB) + QLatin1Char('m');
    if (r.cpus > 0) args << QStringLiteral("--cpus") << QString::number(r.cpus);
    if (!r.name.trimmed().isEmpty()) args << QStringLiteral("--name") << r.name.trimmed();
    for (const auto& e : r.env) args << QStringLiteral("-e") << e;
    if (!r.restart.isEmpty() && r.restart != QLatin1String("no")) args << QStringLiteral("--restart") << r.restart;
    args << (r.image.isEmpty() ? QStringLiteral("IMAGE") : r.image);
    return args + r.command;
}

} // namespace

QString CliCommand::run(const RunRequest& r) const {
    return command(QStringList{QStringLiteral("run"), QStringLiteral("-d")} + requestArgs(r));
}

QStringList CliCommand::createArgs(const RunRequest& r) { return QStringList{QStringLiteral("create")} + requestArgs(r); }

QString CliCommand::logs(const QString& name, bool follow) const {
    QStringList args{QStringLiteral("logs")};
    if (follow) args << QStringLiteral("--follow");
    return command(args << name);
}

QString CliCommand::ps() const { return command({QStringLiteral("ps"), QStringLiteral("-a")}); }

QString CliCommand::events(const QString& since) const {
    return command({QStringLiteral("events"), QStringLiteral("--since"), since});
}

QString CliCommand::exec(const QString& name, const QString& shell) const {
    return command({QStringLiteral("exec"), QStringLiteral("-it"), name, shell});
}

QString CliCommand::networkCreate(const NetworkRequest& r) const {
    QStringList args{QStringLiteral("network"), QStringLiteral("create")};
    if (!r.subnet.trimmed().isEmpty()) args << QStringLiteral("--subnet") << r.subnet.trimmed();
    if (!r.gateway.trimmed().isEmpty()) args << QStringLiteral("--gateway") << r.gateway.trimmed();
    for (auto it = r.labels.cbegin(); it != r.labels.cend(); ++it)
        args << QStringLiteral("--label") << it.key() + QLatin1Char('=') + it.value();
    return command(args << (r.name.trimmed().isEmpty() ? QStringLiteral("NAME") : r.name.trimmed()));
}

QString CliCommand::networkRemove(const QString& name) const {
    return command({QStringLiteral("network"), QStringLiteral("rm"), name});
}

QString CliCommand::networkConnect(const QString& network, const QString& container, const QStringList& aliases) const {
    QStringList args{QStringLiteral("network"), QStringLiteral("connect")};
    for (const auto& a : aliases) args << QStringLiteral("--alias") << a;
    return command(args << network << container);
}

QString CliCommand::networkDisconnect(const QString& network, const QString& container) const {
    return command({QStringLiteral("network"), QStringLiteral("disconnect"), network, container});
}

QString CliCommand::networkList() const { return command({QStringLiteral("network"), QStringLiteral("ls")}); }

QString CliCommand::rename(const QString& from, const QString& to) const {
    return command({QStringLiteral("rename"), from, to});
}

} // namespace berth::ui
