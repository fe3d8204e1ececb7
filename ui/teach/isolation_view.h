#pragma once
// Learn → "Isolation": for one running container, each namespace (pid, net, mnt, uts, ipc,
// cgroup, user) with the host's inode next to the container's, "separate" or "shared"; below, its
// cgroup limits (memory, CPUs, pids) next to live usage. Re-read every 2 s while shown.
#include "bridge/container_types.h"
#include "bridge/details_types.h"

#include <QWidget>

class QLabel;
class QTableWidget;
class QTimer;

namespace berth::ui {

class ContainerListModel;
class DetailsBridge;
class ExplanationPanel;
class RunningContainerBox;

class IsolationView : public QWidget {
    Q_OBJECT
public:
    explicit IsolationView(QWidget* parent = nullptr);

    void setSources(ContainerListModel* containers, DetailsBridge* bridge);
    void setContainer(const QString& id);
    void setInfo(const IsolationInfo& info);
    // CPU % comes from the container bridge's sampling (two readings a second apart).
    void setUsage(const UsageById& usage);

    QTableWidget* namespaceTable() const { return m_namespaces; }

signals:
    // Which containers the view needs live usage for: its container while shown, none when hidden
    // (the container bridge samples only what some view asks for).
    void usageWanted(const QStringList& ids);

public:
    QTableWidget* limitTable() const { return m_limits; }

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void retranslate();
    void changeEvent(QEvent* event) override;
    QLabel* m_containerLabel = nullptr;
    QLabel* m_limitsLabel = nullptr;
    void refresh();

    DetailsBridge* m_bridge = nullptr;
    RunningContainerBox* m_box = nullptr;
    QTableWidget* m_namespaces = nullptr;
    QTableWidget* m_limits = nullptr;
    ExplanationPanel* m_explanation = nullptr;
    QTimer* m_timer = nullptr;
    QString m_id;
    double m_cpuPercent = -1;
};

} // namespace berth::ui
