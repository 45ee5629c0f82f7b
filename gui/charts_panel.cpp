#include "charts_panel.h"

#include "gui/timeline_palette.h"

#ifndef Q_MOC_RUN // moc 6.4 cannot parse C++20 <concepts>, which the runtime headers pull in
#include "runtime/trace.h"
#endif

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <utility>

namespace pw::gui {

namespace {

constexpr double kNsPerS = 1e9;
constexpr int kChartMargin = 4;

// Okabe & Ito, as the timeline (timeline_palette.cpp): distinguishable with the common colour-vision
// deficiencies.
const QColor kOrange(0xE6, 0x9F, 0x00);
const QColor kSkyBlue(0x56, 0xB4, 0xE9);
const QColor kBluishGreen(0x00, 0x9E, 0x73);
const QColor kReddishPurple(0xCC, 0x79, 0xA7);
const QColor kGrey(0x8A, 0x91, 0x9A);
const QColor kIdle(0xE9, 0xEC, 0xEF);
const QColor kComparison(0x3B, 0x3F, 0x45);

double seconds(std::int64_t ns)
{
    return static_cast<double>(ns) / kNsPerS;
}

/// 1, 2 or 5 times a power of ten, near range / ticks.
double niceStep(double range, int ticks)
{
    if (!(range > 0))
        return 1;
    const double raw = range / ticks;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    const double norm = raw / mag;
    const double m = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
    return m * mag;
}

/// An integer axis [0, top] with whole-number ticks, `top` a bit above `maxValue`.
void setCountRange(QValueAxis* axis, double maxValue, double headroom)
{
    const double step = std::max(1.0, niceStep(std::max(1.0, maxValue), 5));
    const double top = std::max(step, std::ceil(std::max(1.0, maxValue) * headroom / step) * step);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(step);
    axis->setRange(0, top);
    axis->setLabelFormat(QStringLiteral("%d"));
}

/// A step line through per-bin values: two points per bin, at its edges.
QList<QPointF> binSteps(const std::vector<std::int64_t>& edges, const std::vector<double>& values, double scale)
{
    QList<QPointF> pts;
    const std::size_t n = std::min(values.size(), edges.empty() ? 0 : edges.size() - 1);
    pts.reserve(static_cast<qsizetype>(2 * n));
    for (std::size_t i = 0; i < n; ++i) {
        const double v = values[i] * scale;
        pts.append(QPointF(seconds(edges[i]), v));
        pts.append(QPointF(seconds(edges[i + 1]), v));
    }
    return pts;
}

/// A step line through queue samples (bucket < 0: the total), extended to endNs.
QList<QPointF> queueSteps(const RunSeries& s, int bucket)
{
    QList<QPointF> pts;
    if (s.queue.empty())
        return pts;
    pts.reserve(static_cast<qsizetype>(2 * s.queue.size()));
    auto value = [bucket](const QueueSample& q) {
        return static_cast<double>(bucket < 0 ? q.total : q.byBucket[static_cast<std::size_t>(bucket)]);
    };
    double prev = value(s.queue.front());
    pts.append(QPointF(seconds(s.queue.front().t), prev));
    for (std::size_t i = 1; i < s.queue.size(); ++i) {
        const double x = seconds(s.queue[i].t);
        const double v = value(s.queue[i]);
        pts.append(QPointF(x, prev));
        pts.append(QPointF(x, v));
        prev = v;
    }
    pts.append(QPointF(seconds(std::max(s.endNs, s.queue.back().t)), prev));
    return pts;
}

/// Per task: the key that matches it across two runs (name and rank among same-named tasks, by
/// id) and the label shown (the name, plus " #id" when several tasks share it).
struct TaskKeys {
    std::vector<std::string> key;
    std::vector<QString> label;
};

TaskKeys taskKeys(const RunSeries& s)
{
    std::vector<const TaskPolls*> byId(s.polls.size(), nullptr);
    for (const TaskPolls& p : s.polls)
        if (p.task < byId.size())
            byId[p.task] = &p;
    std::map<std::string, int> count;
    for (const TaskPolls& p : s.polls)
        ++count[p.name];
    TaskKeys k;
    k.key.resize(byId.size());
    k.label.resize(byId.size());
    std::map<std::string, int> rank;
    for (std::size_t i = 0; i < byId.size(); ++i) {
        if (!byId[i])
            continue;
        const std::string& name = byId[i]->name;
        k.key[i] = name + '\x1f' + std::to_string(rank[name]++);
        k.label[i] = QString::fromStdString(name);
        if (count[name] > 1)
            k.label[i] += QStringLiteral(" #%1").arg(i);
    }
    return k;
}

QPen linePen(const QColor& c, double width, Qt::PenStyle style = Qt::SolidLine)
{
    QPen pen(c, width, style);
    pen.setCosmetic(true);
    return pen;
}

void hideFromLegend(QChart* chart, QAbstractSeries* series, bool hide = true)
{
    for (QLegendMarker* m : chart->legend()->markers(series))
        m->setVisible(!hide);
}

QChart* newChart(const TimelinePalette& pal)
{
    auto* chart = new QChart;
    chart->setTheme(QChart::ChartThemeLight);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setBackgroundBrush(pal.background);
    chart->setMargins(QMargins(kChartMargin, 2, 8, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    QFont title = chart->titleFont();
    title.setPointSizeF(10);
    title.setBold(true);
    chart->setTitleFont(title);
    chart->setTitleBrush(pal.text);
    chart->legend()->setAlignment(Qt::AlignTop);
    QFont legendFont = chart->legend()->font();
    legendFont.setPointSizeF(8.5);
    chart->legend()->setFont(legendFont);
    chart->legend()->setLabelColor(pal.text);
    return chart;
}

void styleAxis(QValueAxis* axis, const TimelinePalette& pal, const QString& title)
{
    QFont f = axis->labelsFont();
    f.setPointSizeF(8.5);
    axis->setLabelsFont(f);
    axis->setLabelsColor(pal.mutedText);
    axis->setGridLineColor(pal.grid);
    axis->setLinePenColor(pal.separator);
    axis->setMinorGridLineVisible(false);
    axis->setTitleVisible(!title.isEmpty());
    if (!title.isEmpty()) {
        QFont tf = axis->titleFont();
        tf.setPointSizeF(8.5);
        tf.setBold(false);
        axis->setTitleFont(tf);
        axis->setTitleBrush(pal.mutedText);
        axis->setTitleText(title);
    }
}

QChartView* newView(QChart* chart, QWidget* parent, const QString& name)
{
    auto* view = new QChartView(chart, parent);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setFrameShape(QFrame::NoFrame);
    view->setBackgroundBrush(chart->backgroundBrush());
    return view;
}

QLineSeries* newLine(const QString& objectName, const QString& name, const QPen& pen)
{
    auto* s = new QLineSeries;
    s->setObjectName(objectName);
    s->setName(name);
    s->setPen(pen);
    return s;
}

/// "28.1 s", "24 s", "0.000002 s": up to microseconds, no trailing zeros.
QString secondsText(std::int64_t ns)
{
    QString text = QString::number(seconds(ns), 'f', 6);
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text + QStringLiteral(" s");
}

QString plural(qint64 n, const char* one, const char* many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

} // namespace

ChartsPanel::ChartsPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("chartsPanel"));
    const TimelinePalette pal = TimelinePalette::light();
    QPalette p = palette();
    p.setColor(QPalette::Window, pal.background);
    setPalette(p);
    setAutoFillBackground(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto* header = new QHBoxLayout;
    header->setContentsMargins(8, 6, 8, 0);
    auto* label = new QLabel(tr("Utilisation of"), this);
    threadCombo_ = new QComboBox(this);
    threadCombo_->setObjectName(QStringLiteral("threadCombo"));
    threadCombo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    label->setBuddy(threadCombo_);
    header->addWidget(label);
    header->addWidget(threadCombo_);
    header->addStretch(1);
    layout->addLayout(header);

    buildUtilisationChart();
    buildQueueChart();
    buildPollsChart();

    // The two charts over time share the time axis, one above the other; polls per task (bars)
    // sits beside them, so the tab stays short enough to sit under the source and console.
    auto* overTime = new QSplitter(Qt::Vertical);
    overTime->setObjectName(QStringLiteral("chartsOverTime"));
    overTime->setChildrenCollapsible(false);
    overTime->addWidget(utilView_);
    overTime->addWidget(queueView_);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("chartsSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(overTime);
    splitter->addWidget(pollsView_);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    for (QChartView* v : {utilView_, queueView_})
        v->viewport()->installEventFilter(this);

    connect(threadCombo_, &QComboBox::currentIndexChanged, this, [this] { refillUtilisation(); });
    for (QChart* c : {utilChart_, queueChart_})
        connect(c, &QChart::plotAreaChanged, this, [this] {
            // After the layout pass that moved the plot area, not inside it.
            if (!alignPending_) {
                alignPending_ = true;
                QTimer::singleShot(0, this, [this] {
                    alignPending_ = false;
                    alignTimeCharts();
                });
            }
        });
    clear();
}

ChartsPanel::~ChartsPanel() = default;

void ChartsPanel::buildUtilisationChart()
{
    const TimelinePalette pal = TimelinePalette::light();
    utilChart_ = newChart(pal);
    utilView_ = newView(utilChart_, this, QStringLiteral("utilisationView"));
    utilView_->setMinimumHeight(120);

    runUpper_ = newLine(QStringLiteral("running"), QString(), QPen(Qt::NoPen));
    blockLower_ = newLine(QStringLiteral("blockedLower"), QString(), QPen(Qt::NoPen));
    blockUpper_ = newLine(QStringLiteral("blocked"), QString(), QPen(Qt::NoPen));
    idleLower_ = newLine(QStringLiteral("idleLower"), QString(), QPen(Qt::NoPen));
    idleUpper_ = newLine(QStringLiteral("idle"), QString(), QPen(Qt::NoPen));

    auto area = [&](QLineSeries* upper, QLineSeries* lower, const QString& name, const QColor& fill) {
        auto* a = new QAreaSeries(upper, lower);
        a->setObjectName(name + QStringLiteral("Area"));
        a->setName(name);
        a->setBrush(fill);
        a->setPen(linePen(fill == kIdle ? fill.darker(110) : fill.darker(125), 1));
        upper->setParent(a);
        if (lower)
            lower->setParent(a);
        return a;
    };
    runArea_ = area(runUpper_, nullptr, tr("running"), pal.polling);
    blockArea_ = area(blockUpper_, blockLower_, tr("blocked"), pal.blocked);
    idleArea_ = area(idleUpper_, idleLower_, tr("idle"), kIdle);

    cmpBusy_ = newLine(QStringLiteral("comparisonBusy"), QString(), linePen(kComparison, 1.6, Qt::DashLine));
    utilCursor_ = newLine(QStringLiteral("cursor"), tr("cursor"), linePen(pal.cursor, 1.5));

    utilX_ = new QValueAxis;
    utilY_ = new QValueAxis;
    styleAxis(utilX_, pal, QString());
    styleAxis(utilY_, pal, tr("share of time"));
    utilY_->setRange(0, 100);
    utilY_->setTickType(QValueAxis::TicksDynamic);
    utilY_->setTickAnchor(0);
    utilY_->setTickInterval(25);
    utilY_->setLabelFormat(QStringLiteral("%d%"));
    utilChart_->addAxis(utilX_, Qt::AlignBottom);
    utilChart_->addAxis(utilY_, Qt::AlignLeft);
    for (QAbstractSeries* s :
         std::initializer_list<QAbstractSeries*>{runArea_, blockArea_, idleArea_, cmpBusy_, utilCursor_}) {
        utilChart_->addSeries(s);
        s->attachAxis(utilX_);
        s->attachAxis(utilY_);
    }
    hideFromLegend(utilChart_, utilCursor_);
}

void ChartsPanel::buildQueueChart()
{
    const TimelinePalette pal = TimelinePalette::light();
    queueChart_ = newChart(pal);
    queueView_ = newView(queueChart_, this, QStringLiteral("queueView"));
    queueView_->setMinimumHeight(110);

    queueX_ = new QValueAxis;
    queueY_ = new QValueAxis;
    styleAxis(queueX_, pal, QString());
    styleAxis(queueY_, pal, tr("tasks queued"));
    queueChart_->addAxis(queueX_, Qt::AlignBottom);
    queueChart_->addAxis(queueY_, Qt::AlignLeft);

    const QColor bucketColor[kQueueBuckets] = {kOrange, kSkyBlue, kBluishGreen, kReddishPurple, kGrey};
    const QString bucketName[kQueueBuckets] = {tr("LIFO slot"), tr("local"), tr("inject"), tr("blocking pool"),
                                               tr("other")};
    QColor totalColor = pal.text;
    totalColor.setAlpha(110);
    queueTotal_ = newLine(QStringLiteral("queueTotal"), tr("total"), linePen(totalColor, 4));
    // The total first, broad and translucent, so that the queues' thin lines stay visible over it.
    std::vector<QLineSeries*> all{queueTotal_};
    for (std::size_t b = 0; b < kQueueBuckets; ++b) {
        queueBucket_[b] = newLine(QStringLiteral("queue-") + QLatin1String(toString(static_cast<QueueBucket>(b))),
                                  bucketName[b], linePen(bucketColor[b], 1.4));
        all.push_back(queueBucket_[b]);
    }
    cmpQueue_ = newLine(QStringLiteral("comparisonQueue"), QString(), linePen(kComparison, 1.6, Qt::DashLine));
    queueCursor_ = newLine(QStringLiteral("cursor"), tr("cursor"), linePen(pal.cursor, 1.5));
    all.push_back(cmpQueue_);
    all.push_back(queueCursor_);
    for (QLineSeries* s : all) {
        queueChart_->addSeries(s);
        s->attachAxis(queueX_);
        s->attachAxis(queueY_);
    }
    hideFromLegend(queueChart_, queueCursor_);
}

void ChartsPanel::buildPollsChart()
{
    const TimelinePalette pal = TimelinePalette::light();
    pollsChart_ = newChart(pal);
    pollsView_ = newView(pollsChart_, this, QStringLiteral("pollsView"));
    pollsView_->setMinimumHeight(160);

    pollsSeries_ = new QHorizontalBarSeries;
    pollsSeries_->setObjectName(QStringLiteral("polls"));
    pollsSeries_->setBarWidth(0.75);
    pollsSeries_->setLabelsVisible(true);
    pollsSeries_->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    pollsSeries_->setLabelsPrecision(10);
    pollsSet_ = new QBarSet(tr("polls"));
    pollsSet_->setObjectName(QStringLiteral("pollsSet"));
    pollsSet_->setColor(pal.polling);
    pollsSet_->setBorderColor(pal.polling.darker(125));
    pollsSet_->setLabelColor(pal.text);
    QFont lf = pollsSet_->labelFont();
    lf.setPointSizeF(7.5);
    pollsSet_->setLabelFont(lf);
    pollsSeries_->append(pollsSet_);
    cmpPollsSet_ = new QBarSet(QString(), this); // appended to the series while a comparison is shown
    cmpPollsSet_->setObjectName(QStringLiteral("comparisonPollsSet"));
    cmpPollsSet_->setColor(QColor(0xC9, 0xCE, 0xD4));
    cmpPollsSet_->setBorderColor(kComparison);
    cmpPollsSet_->setLabelColor(pal.mutedText);
    cmpPollsSet_->setLabelFont(lf);
    pollsChart_->addSeries(pollsSeries_);
    connect(pollsChart_, &QChart::plotAreaChanged, this, [this] { updateBarWidth(); });

    pollsTasks_ = new QBarCategoryAxis;
    QFont f = pollsTasks_->labelsFont();
    f.setPointSizeF(8.5);
    pollsTasks_->setLabelsFont(f);
    pollsTasks_->setLabelsColor(pal.text);
    pollsTasks_->setGridLineVisible(false);
    pollsTasks_->setLinePenColor(pal.separator);
    pollsX_ = new QValueAxis;
    styleAxis(pollsX_, pal, tr("polls"));
    pollsChart_->addAxis(pollsTasks_, Qt::AlignLeft);
    pollsChart_->addAxis(pollsX_, Qt::AlignBottom);
    pollsSeries_->attachAxis(pollsTasks_);
    pollsSeries_->attachAxis(pollsX_);
}

void ChartsPanel::setDarkPalette(bool dark)
{
    dark_ = dark;
    const TimelinePalette pal = dark ? TimelinePalette::dark() : TimelinePalette::light();
    QPalette p = palette();
    p.setColor(QPalette::Window, pal.background);
    setPalette(p);
    const std::pair<QChart*, QChartView*> charts[] = {
        {utilChart_, utilView_}, {queueChart_, queueView_}, {pollsChart_, pollsView_}};
    for (const auto& [chart, view] : charts) {
        chart->setBackgroundBrush(pal.background);
        chart->setTitleBrush(pal.text);
        chart->legend()->setLabelColor(pal.text);
        view->setBackgroundBrush(pal.background);
        for (QAbstractAxis* axis : chart->axes()) {
            axis->setLabelsColor(axis == pollsTasks_ ? pal.text : pal.mutedText);
            axis->setGridLineColor(pal.grid);
            axis->setLinePenColor(pal.separator);
            axis->setTitleBrush(pal.mutedText);
        }
    }
    runArea_->setBrush(pal.polling);
    runArea_->setPen(linePen(pal.edgeFor(pal.polling), 1));
    blockArea_->setBrush(pal.blocked);
    blockArea_->setPen(linePen(pal.edgeFor(pal.blocked), 1));
    const QColor idle = dark ? pal.parked : kIdle;
    idleArea_->setBrush(idle);
    idleArea_->setPen(linePen(dark ? idle.lighter(115) : idle.darker(110), 1));
    utilCursor_->setPen(linePen(pal.cursor, 1.5));
    queueCursor_->setPen(linePen(pal.cursor, 1.5));
    QColor total = pal.text;
    total.setAlpha(110);
    queueTotal_->setPen(linePen(total, 4));
    pollsSet_->setColor(pal.polling);
    pollsSet_->setBorderColor(pal.edgeFor(pal.polling));
    pollsSet_->setLabelColor(pal.text);
    cmpPollsSet_->setColor(dark ? pal.fold : QColor(0xC9, 0xCE, 0xD4));
    cmpPollsSet_->setLabelColor(pal.mutedText);
    const QColor comparison = dark ? pal.wake : kComparison;
    cmpBusy_->setPen(linePen(comparison, 1.6, Qt::DashLine));
    cmpQueue_->setPen(linePen(comparison, 1.6, Qt::DashLine));
    cmpPollsSet_->setBorderColor(comparison);
}

void ChartsPanel::setTrace(const Trace& trace)
{
    setSeries(buildSeries(trace, bins_));
}

void ChartsPanel::setSeries(const RunSeries& series)
{
    series_ = series;
    hasTrace_ = true;
    refillThreadCombo();
    updateTimeAxes();
    refillUtilisation();
    refillQueue();
    refillPolls();
    updateCursor();
}

void ChartsPanel::clear()
{
    series_ = RunSeries{};
    hasTrace_ = false;
    hasComparison_ = false;
    comparison_ = RunSeries{};
    refillThreadCombo();
    updateTimeAxes();
    refillUtilisation();
    refillQueue();
    refillPolls();
    updateCursor();
}

const RunSeries& ChartsPanel::series() const
{
    return series_;
}

void ChartsPanel::setComparison(const Trace& pinned, const QString& label)
{
    setComparisonSeries(buildSeries(pinned, bins_), label);
}

void ChartsPanel::setComparisonSeries(const RunSeries& pinned, const QString& label)
{
    comparison_ = pinned;
    comparisonLabel_ = label;
    hasComparison_ = true;
    updateTimeAxes();
    refillUtilisation();
    refillQueue();
    refillPolls();
    updateCursor();
}

void ChartsPanel::clearComparison()
{
    if (!hasComparison_)
        return;
    comparison_ = RunSeries{};
    hasComparison_ = false;
    updateTimeAxes();
    refillUtilisation();
    refillQueue();
    refillPolls();
    updateCursor();
}

void ChartsPanel::setCursorTime(qint64 ns)
{
    cursorNs_ = ns;
    updateCursor();
}

void ChartsPanel::setBinCount(int bins)
{
    bins_ = std::max(1, bins);
}

void ChartsPanel::setSelectedThread(int thread)
{
    const int i = threadCombo_->findData(thread);
    if (i >= 0)
        threadCombo_->setCurrentIndex(i);
}

int ChartsPanel::selectedThread() const
{
    const QVariant v = threadCombo_->currentData();
    return v.isValid() ? v.toInt() : kAllThreads;
}

const ThreadSeries* ChartsPanel::threadSeries(const RunSeries& s, int thread) const
{
    if (thread == kAllThreads)
        return &s.allThreads;
    if (thread >= 0 && static_cast<std::size_t>(thread) < s.threads.size())
        return &s.threads[static_cast<std::size_t>(thread)];
    return nullptr;
}

const ThreadSeries* ChartsPanel::comparisonThread() const
{
    if (!hasComparison_)
        return nullptr;
    const ThreadSeries* mine = threadSeries(series_, selectedThread());
    if (!mine || selectedThread() == kAllThreads)
        return &comparison_.allThreads;
    for (const ThreadSeries& t : comparison_.threads)
        if (t.name == mine->name)
            return &t;
    return nullptr;
}

void ChartsPanel::refillThreadCombo()
{
    const QString previous = threadCombo_->currentIndex() > 0 ? threadCombo_->currentText() : QString();
    QSignalBlocker block(threadCombo_);
    threadCombo_->clear();
    int used = 0;
    for (const ThreadSeries& t : series_.threads)
        used += t.used ? 1 : 0;
    threadCombo_->addItem(used > 0 ? tr("all threads (mean of %n)", nullptr, used) : tr("all threads"), kAllThreads);
    for (const ThreadSeries& t : series_.threads)
        if (t.used)
            threadCombo_->addItem(QString::fromStdString(t.name), static_cast<int>(t.thread));
    const int again = previous.isEmpty() ? -1 : threadCombo_->findText(previous);
    threadCombo_->setCurrentIndex(std::max(0, again));
    threadCombo_->setEnabled(hasTrace_);
}

void ChartsPanel::updateTimeAxes()
{
    std::int64_t endNs = series_.endNs;
    if (hasComparison_)
        endNs = std::max(endNs, comparison_.endNs);
    const double endS = endNs > 0 ? seconds(endNs) : 1.0;
    const double step = niceStep(endS, 6);
    const int decimals = std::max(0, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
    const QString format = QStringLiteral("%.%1f s").arg(decimals);
    for (QValueAxis* axis : {utilX_, queueX_}) {
        axis->setTickType(QValueAxis::TicksDynamic);
        axis->setTickAnchor(0);
        axis->setTickInterval(step);
        axis->setLabelFormat(format);
        axis->setRange(0, endS);
    }
}

void ChartsPanel::refillUtilisation()
{
    const ThreadSeries* t = hasTrace_ ? threadSeries(series_, selectedThread()) : nullptr;
    if (!t) {
        for (QLineSeries* s : {runUpper_, blockLower_, blockUpper_, idleLower_, idleUpper_, cmpBusy_})
            s->clear();
        cmpBusy_->setVisible(false);
        hideFromLegend(utilChart_, cmpBusy_);
        utilChart_->setTitle(tr("Thread utilisation"));
        return;
    }
    const std::size_t n = t->running.size();
    std::vector<double> busy(n), all(n, 1.0);
    for (std::size_t i = 0; i < n; ++i)
        busy[i] = std::min(1.0, t->running[i] + t->blocked[i]);
    const auto& edges = series_.binEdges;
    const QList<QPointF> run = binSteps(edges, t->running, 100);
    const QList<QPointF> top = binSteps(edges, busy, 100);
    runUpper_->replace(run);
    blockLower_->replace(run);
    blockUpper_->replace(top);
    idleLower_->replace(top);
    idleUpper_->replace(binSteps(edges, all, 100));

    const ThreadSeries* cmp = comparisonThread();
    if (cmp) {
        std::vector<double> cbusy(cmp->running.size());
        for (std::size_t i = 0; i < cbusy.size(); ++i)
            cbusy[i] = std::min(1.0, cmp->running[i] + cmp->blocked[i]);
        cmpBusy_->replace(binSteps(comparison_.binEdges, cbusy, 100));
        cmpBusy_->setName(tr("%1: running + blocked").arg(comparisonLabel_));
    } else {
        cmpBusy_->clear();
    }
    cmpBusy_->setVisible(cmp != nullptr);
    hideFromLegend(utilChart_, cmpBusy_, cmp == nullptr);

    const QString who = selectedThread() == kAllThreads ? threadCombo_->currentText() : QString::fromStdString(t->name);
    const std::int64_t threads =
        selectedThread() == kAllThreads ? std::max<std::int64_t>(1, threadCombo_->count() - 1) : 1;
    // For the summary: the threads' total time, so that the figures read as thread-seconds.
    utilChart_->setTitle(tr("Thread utilisation: %1 — running %2, blocked %3 of %4")
                             .arg(who, secondsText(t->runningNs / threads), secondsText(t->blockedNs / threads),
                                  secondsText(series_.endNs)));
}

void ChartsPanel::refillQueue()
{
    if (!hasTrace_) {
        queueTotal_->clear();
        for (QLineSeries* s : queueBucket_) {
            s->clear();
            s->setVisible(false);
            hideFromLegend(queueChart_, s);
        }
        cmpQueue_->clear();
        cmpQueue_->setVisible(false);
        hideFromLegend(queueChart_, cmpQueue_);
        hideFromLegend(queueChart_, queueTotal_);
        setCountRange(queueY_, 1, 1);
        queueChart_->setTitle(tr("Run-queue length"));
        return;
    }
    hideFromLegend(queueChart_, queueTotal_, false);
    queueTotal_->replace(queueSteps(series_, -1));
    // Only the queues this run used get a line.
    for (std::size_t b = 0; b < kQueueBuckets; ++b) {
        bool used = false;
        for (const QueueSample& q : series_.queue)
            if (q.byBucket[b] > 0) {
                used = true;
                break;
            }
        QLineSeries* s = queueBucket_[b];
        if (used)
            s->replace(queueSteps(series_, static_cast<int>(b)));
        else
            s->clear();
        s->setVisible(used);
        hideFromLegend(queueChart_, s, !used);
    }
    std::int32_t top = series_.maxQueue;
    if (hasComparison_) {
        cmpQueue_->replace(queueSteps(comparison_, -1));
        cmpQueue_->setName(tr("%1: total").arg(comparisonLabel_));
        top = std::max(top, comparison_.maxQueue);
    } else {
        cmpQueue_->clear();
    }
    cmpQueue_->setVisible(hasComparison_);
    hideFromLegend(queueChart_, cmpQueue_, !hasComparison_);
    setCountRange(queueY_, top, 1.1);
    queueChart_->setTitle(tr("Run-queue length — at most %1 waiting").arg(plural(series_.maxQueue, "task", "tasks")));
}

void ChartsPanel::refillPolls()
{
    const TaskKeys keys = taskKeys(series_);
    QStringList categories;
    QList<qreal> values, cmpValues;
    std::map<std::string, std::uint32_t> pinned;
    if (hasComparison_) {
        const TaskKeys ck = taskKeys(comparison_);
        for (const TaskPolls& p : comparison_.polls)
            if (p.task < ck.key.size())
                pinned[ck.key[p.task]] = p.polls;
    }
    std::size_t shown = 0, withPolls = 0;
    for (const TaskPolls& p : series_.polls)
        withPolls += p.polls > 0 ? 1 : 0;
    // Most polled at the top: a horizontal bar chart draws the first category at the bottom.
    for (const TaskPolls& p : series_.polls) {
        if (shown == static_cast<std::size_t>(kTopTasks) || p.polls == 0 || p.task >= keys.key.size())
            break;
        categories.prepend(keys.label[p.task]);
        values.prepend(p.polls);
        const auto it = pinned.find(keys.key[p.task]);
        cmpValues.prepend(it == pinned.end() ? 0 : it->second);
        ++shown;
    }

    pollsSet_->remove(0, pollsSet_->count());
    cmpPollsSet_->remove(0, cmpPollsSet_->count());
    const bool showCmp = hasComparison_ && !values.isEmpty();
    const bool cmpAppended = pollsSeries_->barSets().contains(cmpPollsSet_);
    if (showCmp && !cmpAppended) {
        pollsSeries_->insert(0, cmpPollsSet_); // below the current run's bar
    } else if (!showCmp && cmpAppended) {
        pollsSeries_->take(cmpPollsSet_);
        cmpPollsSet_->setParent(this);
    }
    pollsTasks_->setCategories(categories);
    pollsSet_->append(values);
    pollsSet_->setLabel(showCmp ? tr("this run") : tr("polls"));
    if (showCmp) {
        cmpPollsSet_->setLabel(tr("%1: polls").arg(comparisonLabel_));
        cmpPollsSet_->append(cmpValues);
    }
    double top = values.isEmpty() ? 1 : *std::max_element(values.begin(), values.end());
    if (showCmp && !cmpValues.isEmpty())
        top = std::max(top, *std::max_element(cmpValues.begin(), cmpValues.end()));
    setCountRange(pollsX_, top, 1.15);
    pollsChart_->legend()->setVisible(showCmp);
    if (!hasTrace_)
        pollsChart_->setTitle(tr("Polls per task"));
    else if (withPolls > shown)
        pollsChart_->setTitle(tr("Polls per task — top %1 of %2 tasks, %3 polls in all")
                                  .arg(shown)
                                  .arg(withPolls)
                                  .arg(series_.totalPolls));
    else
        pollsChart_->setTitle(
            tr("Polls per task — %1 in all").arg(plural(static_cast<qint64>(series_.totalPolls), "poll", "polls")));
    updateBarWidth();
}

void ChartsPanel::alignTimeCharts()
{
    // The two time charts' y-axis labels differ in width ("100%" against "2"): pad the narrower
    // one's left margin so that their time axes line up, one above the other.
    QChart* charts[2] = {utilChart_, queueChart_};
    double natural[2];
    for (int i = 0; i < 2; ++i) {
        if (!(charts[i]->plotArea().width() > 0))
            return; // not laid out yet
    }
    for (int i = 0; i < 2; ++i)
        natural[i] = charts[i]->plotArea().left() - charts[i]->margins().left();
    const double target = std::max(natural[0], natural[1]);
    for (int i = 0; i < 2; ++i) {
        QMargins m = charts[i]->margins();
        const int left = kChartMargin + static_cast<int>(std::lround(target - natural[i]));
        if (std::abs(left - m.left()) > 1) {
            m.setLeft(left);
            charts[i]->setMargins(m);
        }
    }
}

void ChartsPanel::updateBarWidth()
{
    // Bars as thick as 20 of them would be, at most: a run with three tasks gets no slabs.
    const int categories = std::max(1, static_cast<int>(pollsTasks_->count()));
    const double categoryPx = pollsChart_->plotArea().height() / categories;
    const double maxPx = 16.0 * static_cast<double>(pollsSeries_->count());
    pollsSeries_->setBarWidth(categoryPx > 0 ? std::clamp(maxPx / categoryPx, 0.1, 0.8) : 0.8);
}

void ChartsPanel::updateCursor()
{
    const bool visible = hasTrace_ && cursorNs_ >= 0;
    const double x = seconds(std::max<qint64>(0, cursorNs_));
    for (auto [line, axis] : {std::pair{utilCursor_, utilY_}, std::pair{queueCursor_, queueY_}}) {
        if (visible)
            line->replace(QList<QPointF>{QPointF(x, axis->min()), QPointF(x, axis->max())});
        else
            line->clear();
        line->setVisible(visible);
    }
    hideFromLegend(utilChart_, utilCursor_);
    hideFromLegend(queueChart_, queueCursor_);
}

bool ChartsPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::MouseButtonPress && hasTrace_) {
        const auto* me = static_cast<QMouseEvent*>(event);
        for (auto [view, chart, series] :
             {std::tuple{utilView_, utilChart_, utilCursor_}, std::tuple{queueView_, queueChart_, queueCursor_}}) {
            if (watched != view->viewport() || me->button() != Qt::LeftButton)
                continue;
            const QPointF inChart = chart->mapFromScene(view->mapToScene(me->position().toPoint()));
            if (chart->plotArea().contains(inChart)) {
                const double s = chart->mapToValue(inChart, series).x();
                emit timeClicked(static_cast<qint64>(std::llround(std::max(0.0, s) * kNsPerS)));
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace pw::gui
