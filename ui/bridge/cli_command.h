#pragma once
// The `berth …` command line equivalent to a GUI action, shown in the console strip so the GUI
// teaches the CLI. Pure string building; quoting follows POSIX sh so the line can be pasted.
#include "bridge/container_types.h"
#include "bridge/network_types.h"

#include <QString>
#include <QStringList>

namespace berth::ui {

class CliCommand {
public:
    // root: the store the app uses; `--root` is added only when it differs from the default.
    explicit CliCommand(QString root = {});

    QString pull(const QString& reference) const;
    QString images() const;
    QString history(const QString& reference) const;
    QString removeImage(const QString& reference, bool force) const;
    QString prune(bool all) const;
    QString save(const QStringList& references, const QString& path) const;
    QString load(const QString& path) const;

    // Containers: `berth start a b`, `berth stop a`, `berth kill a`, `berth rm --force a`…
    // verb is the CLI's word (ContainerBridge::verbWord).
    QString containerVerb(const QString& verb, const QStringList& names) const;
    QString run(const RunRequest& request) const;
    // `create …` as words (no `berth`, no --root): the same flags as run, without -d.
    static QStringList createArgs(const RunRequest& request);
    QString logs(const QString& name, bool follow) const;
    QString ps() const;
    // `berth events --since <RFC 3339>`: the log from that moment on, then new events as they come.
    QString events(const QString& since) const;
    // `berth exec -it NAME sh`: a shell in a running container, as the Shell tab runs it.
    QString exec(const QString& name, const QString& shell) const;

    // Networks: `berth network create --subnet 10.89.5.0/24 --label k=v NAME`, `network rm`,
    // `network connect --alias a NET CTR`, `network disconnect NET CTR`, `network ls`.
    QString networkCreate(const NetworkRequest& request) const;
    QString networkRemove(const QString& name) const;
    QString networkConnect(const QString& network, const QString& container, const QStringList& aliases) const;
    QString networkDisconnect(const QString& network, const QString& container) const;
    QString networkList() const;
    QString rename(const QString& from, const QString& to) const;

    QString command(const QStringList& args) const;
    static QString shellQuote(const QString& arg);
    // The inverse for a typed command: words split on blanks, '…' literal, "…" and \ escapes
    // as sh reads them (no expansions), so "sh -c 'sleep 30'" is three words.
    static QStringList splitArguments(const QString& text);

private:
    QString m_root;
};

} // namespace berth::ui
