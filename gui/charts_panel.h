// Three charts of a run, from sim/run_series.h: thread utilisation over time (stacked running /
// blocked / idle shares, for all threads or the one picked in a combo box), the run-queue length
// over time (an exact step line, total and per queue) and polls per task (the 20 most polled).
// Optional: a vertical cursor line at a time, and a pinned second run drawn dashed over the first.
//
// Only plain-C++ and Qt headers here: moc 6.4 cannot parse the runtime headers (C++20 <concepts>).
#pragma once

#include "sim/run_series.h"

#include <QString>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QAreaSeries;
class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QComboBox;
class QHorizontalBarSeries;
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace pw {
struct Trace; // runtime/trace.h
}

namespace pw::gui {

class ChartsPanel : public QWidget {
    Q_OBJECT

public:
    static constexpr int kDefaultBins = 120;
    static constexpr int kTopTasks = 20;
    /// selectedThread() of the summary entry (the mean over the threads that did something).
    static constexpr int kAllThreads = -1;

    explicit ChartsPanel(QWidget* parent = nullptr);
    ~ChartsPanel() override;

    /// Shows `trace` (buildSeries with binCount() bins). Keeps the thread selection when the new
    /// run has a thread of the same name, and the comparison.
    void setTrace(const pw::Trace& trace);
    void setSeries(const pw::RunSeries& series);
    /// Empties the charts (and drops the comparison).
    void clear();
    const pw::RunSeries& series() const;

    /// A pinned second run drawn dashed over the current one: its share of busy time (running +
    /// blocked) for the same thread (by name), its total queue length, its polls per task (by name).
    void setComparison(const pw::Trace& pinned, const QString& label = QStringLiteral("pinned"));
    void setComparisonSeries(const pw::RunSeries& pinned, const QString& label = QStringLiteral("pinned"));
    void clearComparison();
    bool hasComparison() const { return hasComparison_; }

    /// Backgrounds, text, grid and cursor from TimelinePalette::dark() (the dark theme) or light().
    void setDarkPalette(bool dark);
    bool darkPalette() const { return dark_; }

    /// Draws a vertical line at `ns` in the two time charts; a negative time hides it.
    void setCursorTime(qint64 ns);
    qint64 cursorTime() const { return cursorNs_; }

    /// Bins of the utilisation chart for the next setTrace / setComparison (default kDefaultBins).
    void setBinCount(int bins);
    int binCount() const { return bins_; }

    /// kAllThreads or a ThreadId of a thread that did something; other values are ignored.
    void setSelectedThread(int thread);
    int selectedThread() const;

    QChart* utilisationChart() const { return utilChart_; }
    QChart* queueChart() const { return queueChart_; }
    QChart* pollsChart() const { return pollsChart_; }

signals:
    /// The user clicked inside the plot area of a time chart, at simulated time `ns`.
    void timeClicked(qint64 ns);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildUtilisationChart();
    void buildQueueChart();
    void buildPollsChart();
    void refillThreadCombo();
    void refillUtilisation();
    void refillQueue();
    void refillPolls();
    void updateBarWidth();
    void alignTimeCharts();
    void updateTimeAxes();
    void updateCursor();
    const pw::ThreadSeries* threadSeries(const pw::RunSeries& s, int thread) const;
    const pw::ThreadSeries* comparisonThread() const;

    pw::RunSeries series_;
    pw::RunSeries comparison_;
    bool hasTrace_ = false;
    bool hasComparison_ = false;
    QString comparisonLabel_;
    qint64 cursorNs_ = -1;
    int bins_ = kDefaultBins;
    bool alignPending_ = false;
    bool dark_ = false;

    QComboBox* threadCombo_ = nullptr;

    QChartView* utilView_ = nullptr;
    QChart* utilChart_ = nullptr;
    QValueAxis* utilX_ = nullptr;
    QValueAxis* utilY_ = nullptr;
    QLineSeries* runUpper_ = nullptr;
    QLineSeries* blockLower_ = nullptr;
    QLineSeries* blockUpper_ = nullptr;
    QLineSeries* idleLower_ = nullptr;
    QLineSeries* idleUpper_ = nullptr;
    QAreaSeries* runArea_ = nullptr;
    QAreaSeries* blockArea_ = nullptr;
    QAreaSeries* idleArea_ = nullptr;
    QLineSeries* cmpBusy_ = nullptr;
    QLineSeries* utilCursor_ = nullptr;

    QChartView* queueView_ = nullptr;
    QChart* queueChart_ = nullptr;
    QValueAxis* queueX_ = nullptr;
    QValueAxis* queueY_ = nullptr;
    QLineSeries* queueTotal_ = nullptr;
    QLineSeries* queueBucket_[pw::kQueueBuckets] = {};
    QLineSeries* cmpQueue_ = nullptr;
    QLineSeries* queueCursor_ = nullptr;

    QChartView* pollsView_ = nullptr;
    QChart* pollsChart_ = nullptr;
    QHorizontalBarSeries* pollsSeries_ = nullptr;
    QBarSet* pollsSet_ = nullptr;
    QBarSet* cmpPollsSet_ = nullptr;
    QBarCategoryAxis* pollsTasks_ = nullptr;
    QValueAxis* pollsX_ = nullptr;
};

} // namespace pw::gui
