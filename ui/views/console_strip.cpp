#include "views/console_strip.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QVBoxLayout>

namespace berth::ui {

ConsoleStrip::ConsoleStrip(QWidget* parent) : QWidget(parent) {
    m_title = new QLabel(this);
    m_copy = new QPushButton(this);
    m_copy->setEnabled(false);
    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_lastCommand); });
    auto* header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_copy);

    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(2000); // a teaching log, not an archive
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 6);
    layout->addLayout(header);
    layout->addWidget(m_log);
    retranslate();
}

void ConsoleStrip::retranslate() {
    m_title->setText(tr("Console — the same actions as berth commands"));
    m_copy->setText(tr("Copy last command"));
    m_log->setAccessibleName(tr("Command console"));
}

void ConsoleStrip::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

void ConsoleStrip::appendCommand(const QString& command) {
    m_lastCommand = command;
    m_copy->setEnabled(true);
    m_log->appendPlainText(QStringLiteral("$ ") + command);
    m_log->verticalScrollBar()->setValue(m_log->verticalScrollBar()->maximum());
}

void ConsoleStrip::appendOutput(const QString& text) { m_log->appendPlainText(text); }

void ConsoleStrip::appendError(const QString& message) {
    m_log->appendPlainText(QStringLiteral("Error: ") + message); // the CLI's own wording
}

QString ConsoleStrip::text() const { return m_log->toPlainText(); }

} // namespace berth::ui
