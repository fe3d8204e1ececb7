#pragma once
// A combo box of the running containers (name, short id), kept in step with the container list
// model; the Learn views that look inside one running container pick it here.
#include <QComboBox>

namespace berth::ui {

class ContainerListModel;

class RunningContainerBox : public QComboBox {
    Q_OBJECT
public:
    explicit RunningContainerBox(QWidget* parent = nullptr);
    void setContainerModel(ContainerListModel* model);
    QString currentId() const { return currentData().toString(); }

signals:
    void containerChosen(const QString& id); // empty: none running

private:
    void retranslate();
    void changeEvent(QEvent* event) override;
    void rebuild();

    ContainerListModel* m_model = nullptr;
    QStringList m_ids; // what the box lists now, to rebuild only on change
};

} // namespace berth::ui
