#pragma once
// The Run… dialog's Ports: rows of host port and container port, published on 127.0.0.1
// only (`-p 127.0.0.1:HOST:CTR`); an empty host port ("any") lets the engine pick a free one.
#include "bridge/container_types.h"

#include <QWidget>

class QSpinBox;
class QVBoxLayout;

namespace berth::ui {

class PortsEditor : public QWidget {
    Q_OBJECT
public:
    explicit PortsEditor(QWidget* parent = nullptr);

    QList<PortMapping> ports() const; // rows with a container port, in order
    // hostIp and protocol are kept as given (an edited container's 0.0.0.0 or udp port stays so).
    void addPort(int hostPort = 0, int containerPort = 0, const QString& hostIp = QStringLiteral("127.0.0.1"),
                 const QString& protocol = QStringLiteral("tcp"));
    int rowCount() const { return static_cast<int>(m_rows.size()); }

signals:
    void changed();

private:
    struct Row {
        QWidget* widget;
        QSpinBox* host;
        QSpinBox* container;
        QString hostIp;
        QString protocol;
    };
    QVBoxLayout* m_rowsLayout = nullptr;
    QList<Row> m_rows;
};

} // namespace berth::ui
