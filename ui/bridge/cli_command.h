#pragma once
// The `berth …` command line equivalent to a GUI action, shown in the console strip so the GUI
// teaches the CLI. Pure string building; quoting follows POSIX sh so the line can be pasted.
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

    QString command(const QStringList& args) const;
    static QString shellQuote(const QString& arg);

private:
    QString m_root;
};

} // namespace berth::ui
