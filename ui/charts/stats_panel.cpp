#include "charts/stats_panel.h"

#include <QEvent>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace berth::ui {

namespace {
constexpr double kMiB = 1024.0 * 1024.0;
constexpr int kWindowSeconds = 600; // what the x axis shows; the history holds as much

QChart* makeChart(const QString& title, QLineSeries* series, QValueAxis** yAxis, const QString& yTitle) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->legend()->hide();
    chart->addSeries(series);
    auto* x = new QValueAxis;
    x->setRange(-kWindowSeconds, 0);
    x->setTitleText(StatsPanel::tr("seconds ago"));
    x->setLabelFormat(QStringLiteral("%d"));
    auto* y = new QValueAxis;
    y->setTitleText(yTitle);
    y->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    *yAxis = y;
    return chart;
}
} // namespace

StatsPanel::StatsPanel(QWidget* parent) : QWidget(parent) {
    m_cpu = new QLineSeries;
    m_memory = new QLineSeries;
    m_limit = new QLineSeries;
    m_cpuChart = makeChart(tr("CPU %"), m_cpu, &m_cpuY, QStringLiteral("%"));
    m_memoryChart = makeChart(tr("Memory"), m_memory, &m_memoryY, QStringLiteral("MiB"));
    m_memoryChart->addSeries(m_limit);
    for (QAbstractAxis* axis : m_memoryChart->axes()) m_limit->attachAxis(axis);
    QPen dashed(Qt::red, 1.5, Qt::DashLine);
    m_limit->setPen(dashed);
    m_limit->setName(tr("limit"));
    auto* cpuView = new QChartView(m_cpuChart);
    auto* memoryView = new QChartView(m_memoryChart);
    for (auto* v : {cpuView, memoryView}) {
        v->setRenderHint(QPainter::Antialiasing);
        v->setMinimumHeight(160);
    }
    // Both languages at once, like the Learn explanations: the unit is the lesson.
    auto* note = new QLabel(QStringLiteral("CPU % is the share of one CPU core; 200 % = two cores busy.<br>"
                                           "CPU %는 CPU 코어 하나를 기준으로 한 비율입니다. 200 % = 코어 두 개가 모두 사용 중."));
    note->setWordWrap(true);
    m_caption = new QLabel(captionText());
    auto* charts = new QHBoxLayout;
    charts->addWidget(cpuView);
    charts->addWidget(memoryView);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_caption);
    layout->addLayout(charts, 1);
    layout->addWidget(note);
}

StatsPanel::~StatsPanel() = default;

QString StatsPanel::captionText() { return tr("Select a running container to chart its CPU and memory (berth stats)."); }

void StatsPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        m_caption->setText(captionText());
        m_cpuChart->setTitle(tr("CPU %"));
        m_limit->setName(tr("limit"));
        redraw(); // the memory title
    }
    QWidget::changeEvent(event);
}

void StatsPanel::addUsage(const UsageById& usage, qint64 timeMs) {
    for (auto it = usage.begin(); it != usage.end(); ++it) {
        const ContainerUsage& u = it.value();
        m_histories[it.key()].append({timeMs, u.cpuPercent, u.memoryUsage, u.memoryLimited ? u.memoryLimit : 0});
    }
    // Forget containers silent for longer than the window (removed, or stopped long ago).
    for (auto it = m_histories.begin(); it != m_histories.end();) {
        const auto last = it.value().latest();
        if (!usage.contains(it.key()) && (!last || timeMs - last->timeMs > kWindowSeconds * 1000))
            it = m_histories.erase(it);
        else
            ++it;
    }
    if (usage.contains(m_id)) redraw();
}

void StatsPanel::append(const QString& id, const metrics::Sample& sample) {
    m_histories[id].append(sample);
    if (id == m_id) redraw();
}

void StatsPanel::setContainer(const QString& id) {
    if (id == m_id) return;
    m_id = id;
    redraw();
}

const metrics::SampleHistory* StatsPanel::history(const QString& id) const {
    auto it = m_histories.constFind(id);
    return it == m_histories.cend() ? nullptr : &it.value();
}

void StatsPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    redraw(); // catch up with what was sampled while hidden
}

void StatsPanel::redraw() {
    if (!isVisible()) return; // only what is visible is drawn
    const metrics::SampleHistory* h = history(m_id);
    const auto samples = h ? h->samples() : std::vector<metrics::Sample>{};
    QList<QPointF> cpu, memory;
    cpu.reserve(static_cast<qsizetype>(samples.size()));
    memory.reserve(static_cast<qsizetype>(samples.size()));
    const qint64 now = samples.empty() ? 0 : samples.back().timeMs;
    double maxCpu = 100, maxMemory = 1;
    for (const auto& s : samples) {
        const double x = double(s.timeMs - now) / 1000.0;
        cpu << QPointF(x, s.cpuPercent);
        memory << QPointF(x, double(s.memoryUsage) / kMiB);
        maxCpu = std::max(maxCpu, s.cpuPercent * 1.1);
        maxMemory = std::max(maxMemory, double(s.memoryUsage) / kMiB * 1.2);
    }
    m_cpu->replace(cpu);
    m_memory->replace(memory);
    m_replaces += 2;
    const quint64 limit = samples.empty() ? 0 : samples.back().memoryLimit;
    if (limit != m_shownLimit) { // the limit line changes only with the limit
        m_shownLimit = limit;
        const double y = double(limit) / kMiB;
        m_limit->replace(limit ? QList<QPointF>{{-double(kWindowSeconds), y}, {0, y}} : QList<QPointF>{});
    }
    if (limit) maxMemory = std::max(maxMemory, double(limit) / kMiB * 1.1);
    m_cpuY->setRange(0, maxCpu);
    m_memoryY->setRange(0, maxMemory);
    m_memoryChart->setTitle(limit ? tr("Memory (limit %1 MiB)").arg(double(limit) / kMiB, 0, 'f', 0) : tr("Memory"));
    m_caption->setVisible(samples.empty());
}

} // namespace berth::ui
