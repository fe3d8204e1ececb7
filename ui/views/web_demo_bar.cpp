#include "views/web_demo_bar.h"

#include "models/container_list_model.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace berth::ui {

WebDemoBar::WebDemoBar(QWidget* parent) : QFrame(parent) {
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, p.color(QPalette::AlternateBase));
    setPalette(p);
    m_label = new QLabel;
    m_label->setWordWrap(true);
    m_label->setOpenExternalLinks(true);
    m_label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_run = new QPushButton;
    m_dismiss = new QPushButton;
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_run);
    layout->addWidget(m_dismiss);
    connect(m_dismiss, &QPushButton::clicked, this, &QWidget::hide);
    connect(m_run, &QPushButton::clicked, this, [this] {
        m_waiting = true;
        m_run->setEnabled(false);
        setMessage([] { return tr("Starting the web demo…"); });
        emit runRequested(request());
    });
    retranslate();
    hide();
}

void WebDemoBar::setMessage(std::function<QString()> text) {
    m_message = std::move(text);
    m_label->setText(m_message());
}

void WebDemoBar::retranslate() {
    m_run->setText(tr("Run"));
    m_dismiss->setText(m_published ? tr("Close") : tr("Dismiss"));
    if (m_message) m_label->setText(m_message());
}

void WebDemoBar::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QFrame::changeEvent(event);
}

RunRequest WebDemoBar::request() {
    RunRequest r;
    r.image = QStringLiteral("berth-demo/web");
    r.name = containerName();
    r.network = QStringLiteral("bridge");
    r.ports = {PortMapping{QStringLiteral("127.0.0.1"), 8080, 80, QStringLiteral("tcp")}};
    r.anyPortIfTaken = true;
    return r;
}

void WebDemoBar::offer() {
    m_waiting = false;
    m_published = false;
    m_dismiss->setText(tr("Dismiss"));
    setMessage([] { return tr("Run the web demo? It serves a page on http://127.0.0.1:8080"); });
    m_run->setEnabled(true);
    m_run->show();
    show();
}

void WebDemoBar::showPublished(const QList<PortMapping>& ports) {
    m_waiting = false;
    const QString url = webUrl(ports).toString();
    setMessage([url] { return tr("The web demo is running: <a href=\"%1\">%1</a>").arg(url); });
    m_run->hide();
    m_published = true;
    retranslate();
    show();
}

void WebDemoBar::showFailed(const QString& message) {
    offer();
    setMessage([message] { return tr("The web demo did not start: %1").arg(message.toHtmlEscaped()); });
}

} // namespace berth::ui
