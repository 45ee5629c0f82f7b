// Playback in the app window: the cursor drives the timeline, the console, the code markers,
// the Why panel and the transport; stepping back restores every view exactly; the menu's
// shortcuts work; a re-run keeps the cursor within the new run.
#include "gui/analysis_tabs.h"
#include "gui/app_style.h"
#include "gui/charts_panel.h"
#include "gui/compare_view.h"
#include "gui/future_view.h"
#include "gui/main_window.h"
#include "gui/memory_diagram_view.h"
#include "gui/playback.h"
#include "gui/queue_view.h"
#include "gui/run_pane.h"
#include "gui/source_view.h"
#include "gui/timeline_view.h"
#include "gui/transport_bar.h"
#include "gui/why_panel.h"

#include <QApplication>
#include <QHelpEvent>
#include <QSpinBox>
#include <QTextBlock>
#include <QToolTip>
#include <QTreeWidget>
#include <QtTest>

#include "sim/timeline_model.h"

using pw::gui::MainWindow;

namespace {

pw::gui::StartOptions startOn(const QString& scenario)
{
    pw::gui::StartOptions o;
    o.scenario = scenario;
    return o;
}

constexpr qint64 kS = 1'000'000'000;

template <typename T> T* child(const QWidget& w)
{
    T* c = w.findChild<T*>();
    if (!c)
        qFatal("no child of that type");
    return c;
}

/// Every view's state that the cursor drives, comparable.
struct ViewState {
    qint64 cursor = 0;
    qint64 timelineCursor = 0;
    int printed = 0;
    QString currentLine;
    QString why;
    QString transport;
    QStringList markers;
    QStringList consoleStyle; ///< every console row's colours and weight

    bool operator==(const ViewState&) const = default;
};

QString describe(const ViewState& s)
{
    return QStringLiteral("cursor %1 timeline %2 printed %3 '%4' transport %5 markers [%6]\nwhy: %7")
        .arg(s.cursor)
        .arg(s.timelineCursor)
        .arg(s.printed)
        .arg(s.currentLine, s.transport, s.markers.join(QLatin1Char(' ')), s.why);
}

QStringList markers(const MainWindow& w)
{
    QStringList out;
    for (const pw::gui::TaskMarker& m : child<pw::gui::SourceView>(w)->taskMarkers())
        out << QStringLiteral("%1@%2%3").arg(m.label).arg(m.line).arg(m.selected ? QStringLiteral("*") : QString());
    return out;
}

ViewState state(const MainWindow& w)
{
    ViewState s;
    s.cursor = w.playback()->cursor();
    s.timelineCursor = child<pw::gui::TimelineView>(w)->cursorTime();
    s.printed = child<pw::gui::RunPane>(w)->printedLines();
    s.currentLine = child<pw::gui::RunPane>(w)->currentLine();
    s.why = child<pw::gui::WhyPanel>(w)->plainText();
    s.transport = child<pw::gui::TransportBar>(w)->timeText();
    s.markers = markers(w);
    const auto* console = w.findChild<QTreeWidget*>(QStringLiteral("console"));
    for (int i = 0; i < console->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* item = console->topLevelItem(i);
        s.consoleStyle << QStringLiteral("%1/%2/%3/%4")
                              .arg(item->foreground(3).color().name(), item->foreground(0).color().name(),
                                   item->background(3).color().name())
                              .arg(item->font(3).bold());
    }
    return s;
}

/// The source line `line` (1-based) of the window's editor.
QString sourceLine(const MainWindow& w, int line)
{
    return child<pw::gui::SourceView>(w)->document()->findBlockByNumber(line - 1).text().trimmed();
}

} // namespace

class TestAppPlayback : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { pw::gui::applyAppStyle(*qApp); }

    void playbackMovesTheCursorTheConsoleAndTheMarkers()
    {
        MainWindow w;
        w.playback()->toStart();
        ViewState s = state(w);
        QCOMPARE(s.cursor, 0);
        QCOMPARE(s.timelineCursor, 0);
        QCOMPARE(s.printed, 1);
        QCOMPARE(s.currentLine, QStringLiteral("Pouring milk..."));
        QCOMPARE(s.transport, QStringLiteral("0.000s / 24.000s"));
        QCOMPARE(s.markers,
                 (QStringList{QStringLiteral("main@19"), QStringLiteral("main@51")})); // the join! and its first branch
        QCOMPARE(sourceLine(w, 19), QStringLiteral("thread::sleep(Duration::from_secs(3));"));

        w.playback()->play();
        w.playback()->advance(3 * kS); // three seconds of wall time at 1x
        s = state(w);
        QCOMPARE(s.cursor, 3 * kS);
        QCOMPARE(s.timelineCursor, 3 * kS);
        QCOMPARE(s.printed, 3);
        QCOMPARE(s.currentLine, QStringLiteral("Putting instant coffee..."));
        QCOMPARE(s.transport, QStringLiteral("3.000s / 24.000s"));
        QCOMPARE(s.markers,
                 (QStringList{QStringLiteral("main@22"), QStringLiteral("main@51")})); // the second thread::sleep
        QVERIFY(w.playback()->isPlaying());

        // Played for real, on the timer.
        w.playback()->setSpeed(16);
        const qint64 before = w.playback()->cursor();
        QTRY_VERIFY(w.playback()->cursor() > before);
        QTRY_VERIFY(state(w).printed > 3);
        w.playback()->pause();
        QCOMPARE(child<pw::gui::TimelineView>(w)->cursorTime(), w.playback()->cursor());
    }

    void stepBackRestoresEveryViewExactly_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::newRow("coffee-toast") << QStringLiteral("coffee-toast");
        QTest::newRow("persons-joined") << QStringLiteral("persons-joined");
        QTest::newRow("shared-counter-async-mutex") << QStringLiteral("shared-counter-async-mutex");
    }
    void stepBackRestoresEveryViewExactly()
    {
        QFETCH(QString, scenario);
        MainWindow w(startOn(scenario));
        w.selectTask(0);
        w.playback()->toStart();
        QList<ViewState> forward{state(w)};
        while (w.playback()->cursor() < w.playback()->endNs()) {
            w.playback()->stepForward();
            forward << state(w);
        }
        QCOMPARE(forward.size(), w.lastRun().eventTimes.size());
        QVERIFY(forward.size() > 3);
        for (qsizetype i = forward.size() - 2; i >= 0; --i) {
            w.playback()->stepBack();
            const ViewState s = state(w);
            QVERIFY2(s == forward[i],
                     qPrintable(describe(s) + QStringLiteral("\n  expected\n") + describe(forward[i])));
        }
    }

    void whyPanelExplainsTheSelectedTask()
    {
        MainWindow w;
        w.playback()->setCursor(10 * kS);
        auto* why = child<pw::gui::WhyPanel>(w);
        QVERIFY(why->selectedText().isEmpty());
        QVERIFY(why->plainText().contains(QStringLiteral("Why — at 10.000s")));
        QVERIFY(why->plainText().contains(QStringLiteral("pending on a timer that fires at 16.000s")));
        w.selectTask(0);
        QCOMPARE(why->selectedText(), QStringLiteral("pending on a timer that fires at 16.000s"));
        QCOMPARE(child<pw::gui::TimelineView>(w)->selectedTask(), 0u);
        QVERIFY(markers(w).first().endsWith(QLatin1Char('*')));
        w.playback()->setCursor(17 * kS);
        QCOMPARE(why->selectedText(), QStringLiteral("blocked in thread::sleep on main since 16.000s, until 19.000s"));
        // Clicking empty timeline space clears the selection everywhere.
        emit child<pw::gui::AnalysisTabs>(w)->taskSelected(pw::gui::TimelineView::kNoTask);
        QVERIFY(why->selectedText().isEmpty());
        QCOMPARE(w.selectedTask(), pw::gui::TimelineView::kNoTask);
    }

    void whyPanelOnATaskWaitingForAMutex()
    {
        MainWindow w(startOn(QStringLiteral("std-mutex-deadlock")));
        QCOMPARE(w.lastRun().status, QStringLiteral("deadlock"));
        w.playback()->toEnd();
        const QString text = child<pw::gui::WhyPanel>(w)->plainText();
        QVERIFY2(text.contains(QStringLiteral("Mutex")), qPrintable(text));
    }

    void selectionByLabelAndANewScenarioClearsIt()
    {
        MainWindow w(startOn(QStringLiteral("persons-joined")));
        QVERIFY(w.selectTaskByName(QStringLiteral("person #2")));
        QCOMPARE(w.selectedTask(), 2u);
        QVERIFY(w.selectTaskByName(QStringLiteral("1")));
        QCOMPARE(w.selectedTask(), 1u);
        QVERIFY(!w.selectTaskByName(QStringLiteral("nobody")));
        w.openScenario(QStringLiteral("coffee-toast"));
        QCOMPARE(w.selectedTask(), pw::gui::kNoTaskId);
        QVERIFY(child<pw::gui::WhyPanel>(w)->selectedText().isEmpty());
    }

    void theFutureTabShowsTheSelectedTasksStateMachine()
    {
        MainWindow w;
        auto* future = child<pw::gui::FutureView>(w);
        w.playback()->setCursor(10 * kS);
        QVERIFY(future->plainText().contains(QStringLiteral("Select a task")));
        w.selectTask(0);
        QString text = future->plainText();
        QVERIFY2(text.contains(QStringLiteral("The future of main at 10.000s")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("pinned by block_on")));
        QVERIFY(text.contains(QStringLiteral("async fn make_coffee")));
        QVERIFY(text.contains(QStringLiteral("Suspend0: at the .await on line 28")));
        QVERIFY(text.contains(QStringLiteral("enum")));
        w.playback()->setCursor(17 * kS); // the water is being poured: the coffee part is polled
        text = future->plainText();
        QVERIFY2(text.contains(QStringLiteral("being polled: running line 31")), qPrintable(text));
        auto* tabs = child<pw::gui::AnalysisTabs>(w);
        QVERIFY(tabs->isTabVisible(tabs->indexOf(future)));
        w.openScenario(QStringLiteral("pin-swap")); // a pinning program has a memory diagram instead
        QVERIFY(!tabs->isTabVisible(tabs->indexOf(future)));
    }

    void theCompareTabGetsRoomForTwoTimelines()
    {
        MainWindow w;
        w.resize(1400, 1000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* tabs = child<pw::gui::AnalysisTabs>(w);
        const int before = tabs->height();
        QVERIFY(before < 540);
        tabs->setCurrentWidget(tabs->compare());
        QTRY_VERIFY2(tabs->height() >= 500, qPrintable(QString::number(tabs->height())));
        // Back on the timeline, the panes above get their room back (the learner did not move
        // the splitter; tst_compare_view checks that a moved splitter stays where it was put).
        tabs->setCurrentWidget(tabs->timeline());
        QTRY_COMPARE(tabs->height(), before);
    }

    void aPinningProgramPlaysStepByStep()
    {
        MainWindow w(startOn(QStringLiteral("pin-swap")));
        auto* memory = child<pw::gui::MemoryDiagramView>(w);
        QCOMPARE(memory->stepCount(), 17);
        QCOMPARE(w.playback()->eventTimes().size(), 17); // one playback step per listing step
        w.playback()->toStart();
        QCOMPARE(memory->currentStep(), 0);
        QCOMPARE(child<pw::gui::TransportBar>(w)->timeText(), QStringLiteral("step 1 of 17"));
        QCOMPARE(child<pw::gui::RunPane>(w)->printedLines(), 0);
        w.playback()->stepForward();
        QCOMPARE(memory->currentStep(), 1);
        memory->stepForward(); // the diagram's own controls move the shared transport
        QCOMPARE(w.playback()->cursor(), 2 * kS);
        QCOMPARE(child<pw::gui::TransportBar>(w)->timeText(), QStringLiteral("step 3 of 17"));
        w.playback()->toEnd();
        QCOMPARE(memory->currentStep(), 16);
        QCOMPARE(child<pw::gui::RunPane>(w)->printedLines(), 2); // both lines printed by the end
        QCOMPARE(child<pw::gui::SourceView>(w)->executingLine(), memory->currentLine());
        QVERIFY(!child<pw::gui::WhyPanel>(w)->isVisibleTo(&w)); // no tasks to explain
        w.openScenario(QStringLiteral("coffee-toast"));         // a runtime scenario plays time again
        QCOMPARE(child<pw::gui::TransportBar>(w)->timeText(), QStringLiteral("24.000s / 24.000s"));
        QVERIFY(child<pw::gui::WhyPanel>(w)->isVisibleTo(&w));
    }

    void menuShortcutsDriveThePlayback()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.activateWindow();
        w.playback()->toStart();
        QTest::keyClick(&w, Qt::Key_Right, Qt::AltModifier);
        QCOMPARE(w.playback()->cursor(), 3 * kS);
        QTest::keyClick(&w, Qt::Key_End, Qt::AltModifier);
        QCOMPARE(w.playback()->cursor(), 24 * kS);
        QTest::keyClick(&w, Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(w.playback()->cursor(), 19 * kS);
        QTest::keyClick(&w, Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(w.playback()->speed(), 2.0);
        QTest::keyClick(&w, Qt::Key_Space, Qt::ControlModifier);
        QVERIFY(w.playback()->isPlaying());
        QTest::keyClick(&w, Qt::Key_Space, Qt::ControlModifier);
        QVERIFY(!w.playback()->isPlaying());
        QTest::keyClick(&w, Qt::Key_Home, Qt::AltModifier);
        QCOMPARE(w.playback()->cursor(), 0);
        QTest::keyClick(&w, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(child<pw::gui::AnalysisTabs>(w)->currentIndex(), 1);
    }

    void chartClicksMoveTheCursor()
    {
        MainWindow w;
        emit child<pw::gui::ChartsPanel>(w)->timeClicked(5 * kS);
        QCOMPARE(w.playback()->cursor(), 5 * kS);
        QCOMPARE(child<pw::gui::RunPane>(w)->printedLines(), 3);
    }

    void aTaskSpansTooltipSaysWhy()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* timeline = child<pw::gui::TimelineView>(w);
        const auto* model = timeline->model();
        QVERIFY(model);
        int mainLane = -1;
        for (std::size_t i = 0; i < model->lanes.size(); ++i)
            if (model->lanes[i].kind == pw::Lane::Kind::Task)
                mainLane = static_cast<int>(i);
        QVERIFY(mainLane >= 0);
        const QRect lane = timeline->renderer().laneRect(mainLane);
        const QPoint at(qRound(timeline->axis().mapTimeToX(10 * kS)), lane.center().y());
        QHelpEvent help(QEvent::ToolTip, at, timeline->viewport()->mapToGlobal(at));
        QApplication::sendEvent(timeline->viewport(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QStringLiteral("pending on a timer that fires at 16.000s")),
                 qPrintable(QToolTip::text()));
    }

    void aReRunKeepsTheCursorWithinTheRun()
    {
        MainWindow w;
        QCOMPARE(w.playback()->cursor(), 24 * kS); // at the end: follows the end
        auto* kettle = w.findChild<QSpinBox*>(QStringLiteral("param_KETTLE"));
        QVERIFY(kettle);
        kettle->setValue(20);
        QCOMPARE(w.lastRun().endTime, QStringLiteral("29.000s"));
        QCOMPARE(w.playback()->cursor(), 29 * kS);
        w.playback()->setCursor(12 * kS); // inside: stays
        kettle->setValue(12);
        QCOMPARE(w.playback()->cursor(), 12 * kS);
        QCOMPARE(child<pw::gui::TimelineView>(w)->cursorTime(), 12 * kS);
    }
};

QTEST_MAIN(TestAppPlayback)
#include "tst_app_playback.moc"
