// The charts panel (gui/charts_panel.h), offscreen: the series it fills from the books' runs, the
// thread selector, the cursor, a pinned comparison run, clicks, and that it draws something.
// PINWHEEL_CHARTS_PNG=<file> saves the panel showing persons-joined (with coffee-toast pinned) there.
#include "gui/app_style.h"
#include "gui/charts_panel.h"

#ifndef Q_MOC_RUN // moc 6.4 cannot parse C++20 <concepts>, which <coroutine> pulls in
#include "runtime/runtime.h"
#include "sim/fanout_workload.h"
#include "sim/scenario_library.h"
#endif

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QElapsedTimer>
#include <QHorizontalBarSeries>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSignalSpy>
#include <QValueAxis>
#include <QtTest>

using pw::gui::ChartsPanel;

namespace {

constexpr qint64 kS = 1'000'000'000;

pw::Trace traceOf(const std::string& id)
{
    pw::LoadResult l = pw::loadScenarioByName(id);
    if (!l.scenario)
        qFatal("scenario does not load: %s", id.c_str());
    return pw::runScenario(*l.scenario, pw::RunOptions{}).trace;
}

template <typename T = QAbstractSeries> T* seriesNamed(QChart* chart, const QString& objectName)
{
    for (QAbstractSeries* s : chart->series()) {
        if (s->objectName() == objectName)
            return qobject_cast<T*>(s);
    }
    return nullptr;
}

QLineSeries* areaUpper(QChart* chart, const QString& area)
{
    auto* a = seriesNamed<QAreaSeries>(chart, area);
    return a ? a->upperSeries() : nullptr;
}

QValueAxis* axisOf(QChart* chart, Qt::Orientation o)
{
    const auto axes = chart->axes(o);
    return axes.isEmpty() ? nullptr : qobject_cast<QValueAxis*>(axes.first());
}

/// Whether the legend lists `s` (markers get their visibility when the chart is laid out: drawn).
bool inLegend(QChart* chart, QAbstractSeries* s)
{
    QImage img(800, 600, QImage::Format_RGB32);
    QPainter painter(&img);
    chart->scene()->render(&painter);
    painter.end();
    const auto markers = chart->legend()->markers(s);
    return !markers.isEmpty() && markers.first()->isVisible();
}

QBarSet* pollsSet(QChart* chart)
{
    auto* bars = seriesNamed<QHorizontalBarSeries>(chart, QStringLiteral("polls"));
    if (!bars)
        return nullptr;
    for (QBarSet* s : bars->barSets())
        if (s->objectName() == QLatin1String("pollsSet"))
            return s;
    return nullptr;
}

QStringList categories(QChart* chart)
{
    const auto axes = chart->axes(Qt::Vertical);
    auto* a = axes.isEmpty() ? nullptr : qobject_cast<QBarCategoryAxis*>(axes.first());
    return a ? a->categories() : QStringList{};
}

/// Pixels that differ clearly from the white background.
int inkPixels(const QImage& img)
{
    int n = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x) {
            const QColor c = img.pixelColor(x, y);
            if (c.red() < 235 || c.green() < 235 || c.blue() < 235)
                ++n;
        }
    return n;
}

int pixelsNear(const QImage& img, const QColor& want)
{
    int n = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x) {
            const QColor c = img.pixelColor(x, y);
            if (std::abs(c.red() - want.red()) < 12 && std::abs(c.green() - want.green()) < 12 &&
                std::abs(c.blue() - want.blue()) < 12)
                ++n;
        }
    return n;
}

} // namespace

class TstChartsPanel : public QObject {
    Q_OBJECT

private slots:
    void emptyPanel()
    {
        ChartsPanel panel;
        QCOMPARE(areaUpper(panel.utilisationChart(), "runningArea")->count(), 0);
        QCOMPARE(seriesNamed<QLineSeries>(panel.queueChart(), "queueTotal")->count(), 0);
        QCOMPARE(pollsSet(panel.pollsChart())->count(), 0);
        QVERIFY(!panel.findChild<QComboBox*>("threadCombo")->isEnabled());
        panel.setCursorTime(kS); // no run: nothing to draw it on
        QVERIFY(!seriesNamed(panel.utilisationChart(), "cursor")->isVisible());
    }

    void coffeeToast()
    {
        ChartsPanel panel;
        panel.setBinCount(24);
        panel.setTrace(traceOf("coffee-toast"));
        QCOMPARE(panel.series().bins(), 24);

        // Utilisation: two points per bin; main blocks 0-6 s and 16-24 s, idles between.
        QChart* util = panel.utilisationChart();
        QLineSeries* running = areaUpper(util, "runningArea");
        QLineSeries* blocked = areaUpper(util, "blockedArea");
        QLineSeries* idle = areaUpper(util, "idleArea");
        QVERIFY(running && blocked && idle);
        QCOMPARE(running->count(), 48);
        QCOMPARE(blocked->count(), 48);
        QCOMPARE(idle->count(), 48);
        QCOMPARE(blocked->at(0), QPointF(0, 100));
        QCOMPARE(blocked->at(1), QPointF(1, 100));
        QCOMPARE(blocked->at(20), QPointF(10, 0)); // bin 10: 10-11 s, idle
        QCOMPARE(blocked->at(47), QPointF(24, 100));
        QCOMPARE(running->at(0).y(), 0.0);
        QCOMPARE(idle->at(20).y(), 100.0);
        QVERIFY(!seriesNamed(util, "comparisonBusy")->isVisible());
        QCOMPARE(axisOf(util, Qt::Horizontal)->max(), 24.0);
        QCOMPARE(axisOf(util, Qt::Vertical)->max(), 100.0);

        // Only main ran: the selector offers the summary and main.
        auto* combo = panel.findChild<QComboBox*>("threadCombo");
        QVERIFY(combo->isEnabled());
        QCOMPARE(combo->count(), 2);
        QCOMPARE(combo->itemText(1), QStringLiteral("main"));
        QCOMPARE(panel.selectedThread(), ChartsPanel::kAllThreads);
        QVERIFY(util->title().contains("blocked 14 s of 24 s"));
        panel.setSelectedThread(0);
        QCOMPARE(panel.selectedThread(), 0);
        QVERIFY2(util->title().contains("main — running 0 s, blocked 14 s of 24 s"), qPrintable(util->title()));
        QCOMPARE(blocked->count(), 48);
        panel.setSelectedThread(3); // worker-2 never ran: not offered
        QCOMPARE(panel.selectedThread(), 0);

        // Queue: block_on's task never waits; one flat step from 0 to 24 s.
        QChart* queue = panel.queueChart();
        auto* total = seriesNamed<QLineSeries>(queue, "queueTotal");
        QCOMPARE(total->count(), 2);
        QCOMPARE(total->at(0), QPointF(0, 0));
        QCOMPARE(total->at(1), QPointF(24, 0));
        for (const char* b : {"queue-lifo", "queue-local", "queue-inject", "queue-blocking", "queue-other"}) {
            QVERIFY(!seriesNamed(queue, b)->isVisible());
            QVERIFY(!inLegend(queue, seriesNamed(queue, b)));
        }
        QVERIFY(inLegend(queue, total));

        // Polls: main, twice.
        QBarSet* polls = pollsSet(panel.pollsChart());
        QCOMPARE(polls->count(), 1);
        QCOMPARE(polls->at(0), 2.0);
        QCOMPARE(categories(panel.pollsChart()), QStringList{"main"});
    }

    void personsJoined()
    {
        ChartsPanel panel;
        panel.setTrace(traceOf("persons-joined"));
        const pw::RunSeries& s = panel.series();
        QCOMPARE(s.bins(), ChartsPanel::kDefaultBins);
        QCOMPARE(areaUpper(panel.utilisationChart(), "blockedArea")->count(), 2 * ChartsPanel::kDefaultBins);
        auto* combo = panel.findChild<QComboBox*>("threadCombo");
        QCOMPARE(combo->count(), 3); // all, main, worker-0

        // The step line: 2 points per sample; the local queue is used, the blocking pool is not.
        QChart* queue = panel.queueChart();
        QCOMPARE(seriesNamed<QLineSeries>(queue, "queueTotal")->count(), static_cast<int>(2 * s.queue.size()));
        QVERIFY(seriesNamed(queue, "queue-local")->isVisible());
        QVERIFY(inLegend(queue, seriesNamed(queue, "queue-local")));
        QVERIFY(!seriesNamed(queue, "queue-blocking")->isVisible());
        QCOMPARE(axisOf(queue, Qt::Vertical)->min(), 0.0);
        QVERIFY(axisOf(queue, Qt::Vertical)->max() >= s.maxQueue);

        // Two tasks share the name "person": the labels tell them apart. Most polled on top (last).
        const QStringList cats = categories(panel.pollsChart());
        QCOMPARE(cats.size(), 3);
        QVERIFY(cats.contains("person #1"));
        QVERIFY(cats.contains("person #2"));
        QBarSet* polls = pollsSet(panel.pollsChart());
        QCOMPARE(polls->count(), 3);
        QVERIFY(polls->at(2) >= polls->at(1) && polls->at(1) >= polls->at(0));
    }

    void cursor()
    {
        ChartsPanel panel;
        panel.setTrace(traceOf("coffee-toast"));
        auto* uc = seriesNamed<QLineSeries>(panel.utilisationChart(), "cursor");
        auto* qc = seriesNamed<QLineSeries>(panel.queueChart(), "cursor");
        QVERIFY(!uc->isVisible());
        panel.setCursorTime(10 * kS);
        QCOMPARE(panel.cursorTime(), 10 * kS);
        for (QLineSeries* c : {uc, qc}) {
            QVERIFY(c->isVisible());
            QCOMPARE(c->count(), 2);
            QCOMPARE(c->at(0).x(), 10.0);
            QCOMPARE(c->at(1).x(), 10.0);
            QVERIFY(c->at(1).y() > c->at(0).y());
        }
        QVERIFY(!inLegend(panel.utilisationChart(), uc));
        // The cursor survives a new run and reaches the new queue axis' top.
        panel.setTrace(traceOf("persons-joined"));
        QCOMPARE(qc->at(1).y(), axisOf(panel.queueChart(), Qt::Vertical)->max());
        panel.setCursorTime(-1);
        QVERIFY(!uc->isVisible() && !qc->isVisible());
    }

    void comparison()
    {
        ChartsPanel panel;
        panel.setBinCount(24);
        panel.setTrace(traceOf("coffee-toast-yield"));        // 18 s
        panel.setComparison(traceOf("coffee-toast"), "book"); // 24 s
        QVERIFY(panel.hasComparison());
        // The time axes cover both runs.
        QCOMPARE(axisOf(panel.utilisationChart(), Qt::Horizontal)->max(), 24.0);
        QCOMPARE(axisOf(panel.queueChart(), Qt::Horizontal)->max(), 24.0);
        auto* busy = seriesNamed<QLineSeries>(panel.utilisationChart(), "comparisonBusy");
        QVERIFY(busy->isVisible());
        QCOMPARE(busy->count(), 48);
        QCOMPARE(busy->name(), QStringLiteral("book: running + blocked"));
        QCOMPARE(busy->pen().style(), Qt::DashLine);
        QVERIFY(inLegend(panel.utilisationChart(), busy));
        auto* cq = seriesNamed<QLineSeries>(panel.queueChart(), "comparisonQueue");
        QVERIFY(cq->isVisible());
        QCOMPARE(cq->count(), 2);
        QCOMPARE(cq->at(1).x(), 24.0);
        // Polls: the pinned run's bars next to the current one's.
        auto* bars = seriesNamed<QHorizontalBarSeries>(panel.pollsChart(), "polls");
        QCOMPARE(bars->count(), 2);
        QCOMPARE(pollsSet(panel.pollsChart())->at(0), 3.0);
        QBarSet* pinned = nullptr;
        for (QBarSet* b : bars->barSets())
            if (b->objectName() == QLatin1String("comparisonPollsSet"))
                pinned = b;
        QVERIFY(pinned);
        QCOMPARE(pinned->count(), 1);
        QCOMPARE(pinned->at(0), 2.0);
        // A thread the pinned run also has (by name) is compared; the pinned line follows the selection.
        panel.setSelectedThread(0);
        QVERIFY(busy->isVisible());

        panel.clearComparison();
        QVERIFY(!panel.hasComparison());
        QVERIFY(!busy->isVisible());
        QVERIFY(!cq->isVisible());
        QCOMPARE(bars->count(), 1);
        QCOMPARE(axisOf(panel.utilisationChart(), Qt::Horizontal)->max(), 18.0);
    }

    void keepsThreadSelection()
    {
        ChartsPanel panel;
        panel.setTrace(traceOf("persons-joined"));
        panel.setSelectedThread(1);
        QCOMPARE(panel.findChild<QComboBox*>("threadCombo")->currentText(), QStringLiteral("worker-0"));
        panel.setTrace(traceOf("persons-sequential"));
        QCOMPARE(panel.selectedThread(), 1);
        panel.setTrace(traceOf("coffee-toast")); // no worker ran: back to the summary
        QCOMPARE(panel.selectedThread(), ChartsPanel::kAllThreads);
    }

    void clickReportsTime()
    {
        ChartsPanel panel;
        panel.resize(900, 900);
        panel.setTrace(traceOf("coffee-toast"));
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy spy(&panel, &ChartsPanel::timeClicked);
        auto* view = panel.findChild<QChartView*>("utilisationView");
        QChart* chart = panel.utilisationChart();
        const QRectF plot = chart->plotArea();
        const QPointF mid(plot.left() + plot.width() / 2, plot.center().y());
        const QPoint at = view->mapFromScene(chart->mapToScene(mid));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(spy.count(), 1);
        const qint64 ns = spy.at(0).at(0).toLongLong();
        QVERIFY2(std::abs(ns - 12 * kS) < kS / 5, qPrintable(QString::number(ns)));
        // Outside the plot area: nothing.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, QPoint(2, 2));
        QCOMPARE(spy.count(), 1);
    }

    void drawsSomething()
    {
        ChartsPanel panel;
        panel.resize(900, 1000);
        panel.setTrace(traceOf("persons-joined"));
        panel.setComparison(traceOf("persons-sequential"), "sequential");
        panel.setSelectedThread(1);
        panel.setCursorTime(12'100'000'000);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCoreApplication::processEvents(); // the time charts' axes are lined up after the layout
        // The two time charts' plot areas line up, one above the other.
        QVERIFY(std::abs(panel.utilisationChart()->plotArea().left() - panel.queueChart()->plotArea().left()) <= 1.5);
        const QImage img = panel.grab().toImage().convertToFormat(QImage::Format_RGB32);
        QVERIFY(!img.isNull());
        const int ink = inkPixels(img);
        QVERIFY2(ink > img.width() * img.height() / 20, qPrintable(QString::number(ink)));
        // The blocked share (vermillion) and the polls bars (blue) are drawn.
        QVERIFY(pixelsNear(img, QColor(0xD5, 0x5E, 0x00)) > 2000);
        QVERIFY(pixelsNear(img, QColor(0x00, 0x72, 0xB2)) > 200);
        const QString out = qEnvironmentVariable("PINWHEEL_CHARTS_PNG");
        if (!out.isEmpty())
            QVERIFY(img.save(out));
    }

    void bigRun()
    {
        // 12,000 tasks, about a million events: a refill stays fast and shows the top 20.
        pw::RuntimeConfig cfg;
        pw::Runtime rt(cfg);
        rt.setMain(pw::workload::fanoutMain(rt, 12'000).boxed());
        const pw::Trace& tr = rt.run();
        ChartsPanel panel;
        panel.resize(900, 1000);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QElapsedTimer timer;
        timer.start();
        panel.setTrace(tr);
        const qint64 ms = timer.elapsed();
        qInfo("setTrace: %zu events in %lld ms", tr.events.size(), static_cast<long long>(ms));
        QVERIFY2(ms < 3000, qPrintable(QStringLiteral("%1 ms").arg(ms)));
        QCOMPARE(pollsSet(panel.pollsChart())->count(), ChartsPanel::kTopTasks);
        QVERIFY(panel.pollsChart()->title().contains("top 20 of 12001 tasks"));
        QCOMPARE(seriesNamed<QLineSeries>(panel.queueChart(), "queueTotal")->count(),
                 static_cast<int>(2 * panel.series().queue.size()));
        const QString out = qEnvironmentVariable("PINWHEEL_CHARTS_BIG_PNG");
        if (!out.isEmpty()) {
            QCoreApplication::processEvents();
            QVERIFY(panel.grab().save(out));
        }
    }
};

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    pw::gui::applyAppStyle(app);
    TstChartsPanel t;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&t, argc, argv);
}

#include "tst_charts_panel.moc"
