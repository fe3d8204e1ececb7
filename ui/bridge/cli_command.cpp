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

} // namespace berth::ui
