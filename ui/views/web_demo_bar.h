#pragma once
// The first-start offer on the Containers page: a strip (not a dialog) saying "Run the web
// demo? …" with Run and Dismiss. Run asks for `berth run -d --network bridge -p
// 127.0.0.1:8080:80 --name web-demo berth-demo/web` (any free port if 8080 is taken); once the
// container is up, showPublished() turns the strip into a link to the page it serves.
#include "bridge/container_types.h"

#include <QFrame>

#include <functional>

class QLabel;
class QPushButton;

namespace berth::ui {

class WebDemoBar : public QFrame {
    Q_OBJECT
public:
    explicit WebDemoBar(QWidget* parent = nullptr);

    static RunRequest request(); // what Run asks for
    static QString containerName() { return QStringLiteral("web-demo"); }

    void offer();                                      // shows the question
    void showPublished(const QList<PortMapping>& ports); // shows the link
    void showFailed(const QString& message);           // back to the question, with the reason

    bool isWaiting() const { return m_waiting; }
    QLabel* label() const { return m_label; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* dismissButton() const { return m_dismiss; }

signals:
    void runRequested(const berth::ui::RunRequest& request);

private:
    // Shows text() now and again after a language change.
    void setMessage(std::function<QString()> text);
    void retranslate();
    void changeEvent(QEvent* event) override;

    std::function<QString()> m_message;
    bool m_published = false;
    QLabel* m_label = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_dismiss = nullptr;
    bool m_waiting = false;
};

} // namespace berth::ui
