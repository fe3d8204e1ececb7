#pragma once
// The Containers page's Stats tab: live CPU % and memory charts of the selected container. Every
// sampled container's readings (one a second, from ContainerBridge::usageSampled: the rows in the
// table's view and the selected one) go into its own metrics::SampleHistory (600 samples = 10
// minutes); the charts are views over the selected one's history: one QLineSeries::replace(points)
// per series per tick, and only while the tab is visible.
// ui/charts is the only folder that includes QtCharts (deprecated from Qt 6.10): this header does
// not, so the rest of ui/ stays free of it. GUI thread only.
#include "bridge/container_types.h"
#include "metrics/sample_history.h"

#include <QHash>
#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace berth::ui {

class StatsPanel : public QWidget {
    Q_OBJECT
public:
    explicit StatsPanel(QWidget* parent = nullptr);
    ~StatsPanel() override;

    // One sampling tick: appends each container's usage at timeMs (ms since the epoch).
    void addUsage(const UsageById& usage, qint64 timeMs);
    void append(const QString& id, const metrics::Sample& sample);
    // The container whose history is drawn ("" for none).
    void setContainer(const QString& id);
    QString container() const { return m_id; }

    const metrics::SampleHistory* history(const QString& id) const;
    QLineSeries* cpuSeries() const { return m_cpu; }
    QLineSeries* memorySeries() const { return m_memory; }
    QLineSeries* limitSeries() const { return m_limit; }
    int replaceCount() const { return m_replaces; } // replace() calls on the two usage series

protected:
    void showEvent(QShowEvent* event) override;

private:
    void redraw();
    void changeEvent(QEvent* event) override;
    static QString captionText();

    QHash<QString, metrics::SampleHistory> m_histories;
    QString m_id;
    QChart* m_cpuChart = nullptr;
    QChart* m_memoryChart = nullptr;
    QLineSeries* m_cpu = nullptr;
    QLineSeries* m_memory = nullptr;
    QLineSeries* m_limit = nullptr;
    QValueAxis* m_cpuY = nullptr;
    QValueAxis* m_memoryY = nullptr;
    QLabel* m_caption = nullptr;
    quint64 m_shownLimit = 0;
    int m_replaces = 0;
};

} // namespace berth::ui
