#pragma once
// The Run… dialog's Volumes: rows of host path (with a folder chooser), container path and
// read-only, each a bind mount (`-v /host:/ctr[:ro]`). Rows missing either path are left out.
#include "bridge/container_types.h"

#include <QWidget>

class QCheckBox;
class QLineEdit;
class QVBoxLayout;

namespace berth::ui {

class VolumesEditor : public QWidget {
    Q_OBJECT
public:
    explicit VolumesEditor(QWidget* parent = nullptr);

    QList<VolumeRequest> volumes() const;
    void addVolume(const QString& hostPath = {}, const QString& containerPath = {}, bool readOnly = false);
    int rowCount() const { return static_cast<int>(m_rows.size()); }

signals:
    void changed();

private:
    struct Row {
        QWidget* widget;
        QLineEdit* host;
        QLineEdit* container;
        QCheckBox* readOnly;
    };
    QVBoxLayout* m_rowsLayout = nullptr;
    QList<Row> m_rows;
};

} // namespace berth::ui
