// Compare: a pinned run and the current one on one time axis, with both totals, the difference,
// the printed lines that moved, and the charts' dashed second run. The expected totals come from
// running the scenario through the engine, not from the book.
#ifndef Q_MOC_RUN // moc 6.4 cannot parse C++20 <concepts>, which <coroutine> pulls in
#include "sim/run_comparison.h"
#include "sim/scenario.h"
#include "sim/scenario_library.h"
#endif

#include "gui/analysis_tabs.h"
#include "gui/app_actions.h"
#include "gui/app_style.h"
#include "gui/charts_panel.h"
#include "gui/compare_view.h"
#include "gui/main_window.h"
#include "gui/run_description.h"
#include "gui/stacked_timelines.h"
#include "gui/timeline_palette.h"
#include "gui/timeline_view.h"

#include <QLabel>
#include <QProcess>
#include <QSplitter>
#include <QTemporaryDir>
#include <QToolTip>
#include <QTreeWidget>
#include <QtTest>

#include <cmath>

using namespace pw::gui;

namespace {

constexpr qint64 kS = 1'000'000'000;

/// The engine's total for coffee-toast with this kettle time.
qint64 engineTotal(qint64 kettle)
{
    pw::LoadResult l = pw::loadScenarioByName("coffee-toast");
    if (!l.scenario)
        qFatal("coffee-toast does not load");
    pw::RunOptions o;
    o.params["KETTLE"] = kettle;
    return pw::runScenario(*l.scenario, o).trace.status.endNs;
}

RunView coffeeToast(qint64 kettle)
{
    const LoadedScenario s = loadScenario(QStringLiteral("coffee-toast"));
    RunSettings settings = defaultSettings(s.info);
    settings.params[QStringLiteral("KETTLE")] = kettle;
    return runScenario(s, settings);
}

/// "24.000s → 21.000s, −3.000s (−12.5%)" from the two totals.
QString expectedTotals(qint64 before, qint64 after)
{
    const qint64 d = after - before;
    const double pct = 100.0 * static_cast<double>(d) / static_cast<double>(before);
    return QStringLiteral("%1 \u2192 %2, %3%4 (%3%5%)")
        .arg(formatSeconds(before), formatSeconds(after), d < 0 ? QStringLiteral("\u2212") : QStringLiteral("+"),
             formatSeconds(std::llabs(d)), QString::number(std::fabs(pct), 'f', 1));
}

const pw::LineShift* findLine(const pw::RunComparison& c, const std::string& text)
{
    for (const pw::LineShift& l : c.lines)
        if (l.text == text)
            return &l;
    return nullptr;
}

QTreeWidgetItem* lineRow(QTreeWidget* table, const QString& text)
{
    QTreeWidgetItem* lines = table->topLevelItem(0);
    for (int i = 0; lines && i < lines->childCount(); ++i)
        if (lines->child(i)->text(CompareView::TextColumn) == text)
            return lines->child(i);
    return nullptr;
}

/// True when the pixel column at x has the cursor colour somewhere inside `rect`.
bool cursorDrawnAt(const QImage& image, int x, const QRect& rect, const QColor& cursor)
{
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        if (image.pixelColor(x, y) == cursor)
            return true;
    return false;
}

} // namespace

class TstCompareView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { applyAppStyle(*qApp); }

    void kettleTenToFiveShowsBothTotalsAndTheDifference()
    {
        const qint64 ten = engineTotal(10);
        const qint64 five = engineTotal(5);
        QVERIFY(five < ten);

        CompareView view;
        QVERIFY(!view.hasPinned());
        QVERIFY(!view.comparison());
        view.setCurrent(coffeeToast(10));
        view.setPinned(coffeeToast(10), QStringLiteral("KETTLE = 10 s"));
        QVERIFY(view.comparison());
        QCOMPARE(view.comparison()->deltaNs(), 0); // pinned and current are the same run
        QCOMPARE(view.comparison()->movedLines(), 0);

        view.setCurrent(coffeeToast(5));
        const pw::RunComparison* c = view.comparison();
        QVERIFY(c);
        QCOMPARE(c->pinnedEndNs, ten);
        QCOMPARE(c->currentEndNs, five);
        QCOMPARE(c->deltaNs(), five - ten);
        QCOMPARE(view.totalsText(), expectedTotals(ten, five));
        QVERIFY(view.findChild<QLabel*>(QStringLiteral("compareTotals"))->text().contains(view.totalsText()));

        // The kettle's line moves by exactly the 5 s the kettle lost; the mug's lines before it stay.
        const pw::LineShift* boiled = findLine(*c, "kettle boiled.");
        QVERIFY(boiled);
        QCOMPARE(boiled->deltaNs(), -5 * kS);
        const pw::LineShift* milk = findLine(*c, "Milk poured.");
        QVERIFY(milk);
        QVERIFY(milk->inBoth());
        QVERIFY(!milk->moved());
        // "It took: N seconds" pairs up by its shape, with both texts.
        const std::string took = "It took: " + std::to_string(five / kS) + " seconds";
        const pw::LineShift* total = findLine(*c, took);
        QVERIFY(total);
        QCOMPARE(total->pinnedText, "It took: " + std::to_string(ten / kS) + " seconds");
        QCOMPARE(total->deltaNs(), five - ten);
        QCOMPARE(c->onlyPinnedLines(), 0);
        QCOMPARE(c->onlyCurrentLines(), 0);

        // The table says the same, per line and per task.
        QTreeWidgetItem* row = lineRow(view.table(), QStringLiteral("kettle boiled."));
        QVERIFY(row);
        QCOMPARE(row->text(CompareView::PinnedColumn), formatSeconds(boiled->pinnedNs));
        QCOMPARE(row->text(CompareView::CurrentColumn), formatSeconds(boiled->currentNs));
        QCOMPARE(row->text(CompareView::ChangeColumn), QStringLiteral("\u22125.000s"));
        QCOMPARE(lineRow(view.table(), QStringLiteral("Milk poured."))->text(CompareView::ChangeColumn),
                 QStringLiteral("same time"));
        QTreeWidgetItem* tasks = view.table()->topLevelItem(1);
        QVERIFY(tasks && tasks->childCount() >= 1);
        QCOMPARE(tasks->child(0)->text(CompareView::TextColumn), QStringLiteral("main"));
        QCOMPARE(tasks->child(0)->text(CompareView::ChangeColumn),
                 QString::fromStdString(pw::formatSignedSeconds(five - ten)));

        // Picking a line puts the cursor at its time in the current run.
        QSignalSpy moved(&view, &CompareView::cursorMoved);
        view.table()->setCurrentItem(row);
        QCOMPARE(moved.count(), 1);
        QCOMPARE(moved.first().first().toLongLong(), boiled->currentNs);
        QCOMPARE(view.timelines()->cursorTime(), boiled->currentNs);
        view.table()->setCurrentItem(view.table()->topLevelItem(0)); // a group heading: no time
        QCOMPARE(moved.count(), 1);

        view.clearPinned();
        QVERIFY(!view.comparison());
        QCOMPARE(view.table()->topLevelItemCount(), 0);
    }

    void bothRunsShareOneTimeAxis()
    {
        CompareView view;
        view.resize(1200, 500);
        view.setPinned(coffeeToast(10), QStringLiteral("a much longer label for the pinned run"));
        view.setCurrent(coffeeToast(5));
        const qint64 cursor = 11 * kS;
        view.setCursorTime(cursor);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        StackedTimelines* t = view.timelines();
        const QImage image = t->grab().toImage();

        const TimelineRenderer& pinned = t->renderer(StackedTimelines::Pinned);
        const TimelineRenderer& current = t->renderer(StackedTimelines::Current);
        QCOMPARE(pinned.lastLayout().plot.left(), current.lastLayout().plot.left());
        QCOMPARE(pinned.lastLayout().plot.width(), current.lastLayout().plot.width());
        for (qint64 ns : {qint64(0), 3 * kS, 11 * kS, 16 * kS, engineTotal(10)})
            QCOMPARE(pinned.lastAxis().mapTimeToX(ns), current.lastAxis().mapTimeToX(ns));
        QVERIFY(pinned.lastAxis().mapTimeToX(16 * kS) > current.lastAxis().mapTimeToX(11 * kS));
        // The axis covers the longer run.
        QVERIFY(t->axis().endNs >= engineTotal(10));

        // One cursor, drawn at the same x in both runs.
        const int x = static_cast<int>(std::floor(pinned.lastAxis().mapTimeToX(cursor)));
        const QColor cursorColor = TimelinePalette::light().cursor;
        const QRect lanes0 = pinned.lastLayout().lanes;
        const QRect lanes1 = current.lastLayout().lanes;
        bool top = false;
        bool bottom = false;
        for (int dx : {-1, 0, 1}) {
            top = top || cursorDrawnAt(image, x + dx, lanes0, cursorColor);
            bottom = bottom || cursorDrawnAt(image, x + dx, lanes1, cursorColor);
        }
        QVERIFY(top);
        QVERIFY(bottom);

        // Hovering a span says what it is, in either run: at 1 s main is in thread::sleep.
        const QPoint overSleep(static_cast<int>(current.lastAxis().mapTimeToX(1 * kS)),
                               current.laneRect(0).center().y());
        QVERIFY(current.laneRect(0).top() >= t->sectionRect(StackedTimelines::Current).top());
        QHelpEvent help(QEvent::ToolTip, overSleep, t->mapToGlobal(overSleep));
        QApplication::sendEvent(t, &help);
        QVERIFY2(QToolTip::text().contains(QStringLiteral("thread::sleep")), qPrintable(QToolTip::text()));
        QCOMPARE(QToolTip::text(), timelineTooltip(*t->model(StackedTimelines::Current), current, overSleep));

        // A click moves the cursor of both and reports the time.
        QSignalSpy moved(&view, &CompareView::cursorMoved);
        const int clickX = static_cast<int>(std::lround(current.lastAxis().mapTimeToX(6 * kS)));
        QTest::mouseClick(t, Qt::LeftButton, {}, QPoint(clickX, lanes1.center().y()));
        QCOMPARE(moved.count(), 1);
        QVERIFY(std::llabs(moved.first().first().toLongLong() - 6 * kS) < t->axis().nsPerPx() * 1.01);
        QCOMPARE(t->cursorTime(), moved.first().first().toLongLong());

        // Zooming zooms both.
        t->zoomIn();
        t->grab();
        QVERIFY(pinned.lastAxis().spanNs() < engineTotal(10));
        QCOMPARE(pinned.lastAxis().startNs, current.lastAxis().startNs);
        QCOMPARE(pinned.lastAxis().endNs, current.lastAxis().endNs);

        // The Timeline tab's keys: End shows the end, Home the start, both runs at once.
        QTest::keyClick(t, Qt::Key_End);
        QCOMPARE(t->axis().endNs, t->axis().maxEndNs());
        QTest::keyClick(t, Qt::Key_Home);
        QCOMPARE(t->axis().startNs, qint64(0));
        t->grab();
        QCOMPARE(pinned.lastAxis().startNs, qint64(0));
        QCOMPARE(current.lastAxis().startNs, qint64(0));
    }

    void windowPinsChangesAndClears()
    {
        MainWindow w;
        AnalysisTabs* tabs = w.analysisTabs();
        QVERIFY(!tabs->compare()->hasPinned());
        QVERIFY(!tabs->charts()->hasComparison());
        QCOMPARE(w.appActions()->pinAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+P")));

        w.appActions()->pinAction()->trigger();
        QVERIFY(tabs->compare()->hasPinned());
        QCOMPARE(tabs->currentWidget(), tabs->compare());
        QVERIFY(tabs->charts()->hasComparison());
        QCOMPARE(tabs->compare()->pinnedLabel(), runLabel(w.lastRun()));
        QVERIFY(tabs->compare()->pinnedLabel().contains(QStringLiteral("KETTLE = 10 s")));

        RunSettings s = w.runSettings();
        s.params[QStringLiteral("KETTLE")] = 5;
        w.setRunSettings(s);
        const pw::RunComparison* c = tabs->compare()->comparison();
        QVERIFY(c);
        QCOMPARE(c->pinnedEndNs, engineTotal(10));
        QCOMPARE(c->currentEndNs, engineTotal(5));
        QVERIFY(tabs->charts()->hasComparison());

        // Another scenario compares too.
        QVERIFY(w.selectScenario(QStringLiteral("timeout")));
        QVERIFY(tabs->compare()->comparison());
        QCOMPARE(tabs->compare()->comparison()->pinnedEndNs, engineTotal(10));
        QCOMPARE(tabs->compare()->comparison()->currentEndNs, w.lastRun().endNs);

        w.appActions()->clearPinAction()->trigger();
        QVERIFY(!tabs->compare()->hasPinned());
        QVERIFY(!tabs->charts()->hasComparison());
    }

    void compareTabTakesRoomAndGivesItBack()
    {
        MainWindow w;
        w.resize(1400, 1000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* split = w.findChild<QSplitter*>(QStringLiteral("analysisSplitter"));
        QVERIFY(split);
        AnalysisTabs* tabs = w.analysisTabs();
        tabs->setCurrentWidget(tabs->timeline());
        const QList<int> before = split->sizes();
        tabs->setCurrentWidget(tabs->compare());
        const QList<int> forCompare = split->sizes();
        QVERIFY2(forCompare[1] > before[1], "the Compare tab gets more height");
        tabs->setCurrentWidget(tabs->timeline());
        QCOMPARE(split->sizes(), before); // and gives it back

        // Moved by hand while on Compare: the learner's heights stay.
        tabs->setCurrentWidget(tabs->compare());
        const int total = split->sizes()[0] + split->sizes()[1];
        split->setSizes({total - 300, 300});
        const QList<int> chosen = split->sizes();
        tabs->setCurrentWidget(tabs->charts());
        QCOMPARE(split->sizes(), chosen);
    }

    void appOptionsPinChangeAndScreenshot()
    {
        QTemporaryDir dir;
        const QString shot = dir.filePath(QStringLiteral("compare.png"));
        QProcess app;
        app.start(QStringLiteral(PINWHEEL_APP), {"--scenario", "coffee-toast", "--compare", "KETTLE=5", "--tab",
                                                 "compare", "--theme", "dark", "--screenshot", shot});
        QVERIFY(app.waitForFinished(60000));
        QCOMPARE(app.exitCode(), 0);
        const QImage image(shot);
        QCOMPARE(image.size(), QSize(1400, 1000));
        // Dark: the bottom-left corner of the window (status bar) is dark.
        QVERIFY(image.pixelColor(2, image.height() - 2).lightness() < 60);

        // Bad values are refused with a sentence, before any window.
        for (const QStringList& args : {QStringList{"--compare", "KETTLE=99"}, QStringList{"--compare", "NOPE=1"},
                                        QStringList{"--theme", "sepia"}, QStringList{"--tab", "why"}}) {
            QProcess bad;
            bad.start(QStringLiteral(PINWHEEL_APP), args + QStringList{"--screenshot", dir.filePath("x.png")});
            QVERIFY(bad.waitForFinished(60000));
            QCOMPARE(bad.exitCode(), 2);
            const QString error = QString::fromUtf8(bad.readAllStandardError());
            QVERIFY2(error.contains(QStringLiteral("pinwheel: ") + args.first()), qPrintable(error));
            QVERIFY(!QFile::exists(dir.filePath("x.png")));
        }
    }

    void comparisonOfDifferentLines()
    {
        // Lines only one run printed are kept, marked as such.
        const LoadedScenario a = loadScenario(QStringLiteral("coffee-toast"));
        const LoadedScenario b = loadScenario(QStringLiteral("timeout"));
        const RunView ra = runScenario(a, defaultSettings(a.info));
        const RunView rb = runScenario(b, defaultSettings(b.info));
        const pw::RunComparison c = pw::compareRuns(*ra.trace, *rb.trace);
        QCOMPARE(static_cast<qsizetype>(c.lines.size() - static_cast<std::size_t>(c.onlyPinnedLines())),
                 static_cast<qsizetype>(rb.trace->lines.size()));
        QCOMPARE(c.onlyPinnedLines() + (static_cast<int>(c.lines.size()) - c.onlyPinnedLines() - c.onlyCurrentLines()),
                 static_cast<int>(ra.trace->lines.size()));
        for (const pw::LineShift& l : c.lines) {
            QVERIFY(l.pinnedNs >= 0 || l.currentNs >= 0);
            QCOMPARE(l.moved(), l.inBoth() && l.pinnedNs != l.currentNs);
        }
    }
};

QTEST_MAIN(TstCompareView)
#include "tst_compare_view.moc"
