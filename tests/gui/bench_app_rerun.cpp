// Benchmark (not a test): what a parameter change costs in the app, per built-in scenario: the
// engine run plus its copy for the widgets (runScenario); the window's update of every view for
// the new run (windowRerun); and that plus painting the whole 1400x1000 window
// (windowRerunAndPaint), each with QBENCHMARK. The issue's budget is "well under
// 50 ms" per re-run. Run it from a RelWithDebInfo build:
//   QT_QPA_PLATFORM=offscreen tests/gui/bench_app_rerun
#include "gui/app_style.h"
#include "gui/main_window.h"
#include "gui/scenario_runner.h"

#include <QApplication>
#include <QtTest>

class BenchAppRerun : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { pw::gui::applyAppStyle(*qApp); }

    void runScenario_data() { scenarios(); }
    void runScenario()
    {
        QFETCH(QString, id);
        const pw::gui::LoadedScenario s = pw::gui::loadScenario(id);
        QVERIFY(s.ok());
        const pw::gui::RunSettings settings = pw::gui::defaultSettings(s.info);
        QBENCHMARK
        {
            const pw::gui::RunView run = pw::gui::runScenario(s, settings);
            QVERIFY(!run.endTime.isEmpty());
        }
    }

    void windowRerun_data() { scenarios(); }
    void windowRerun() { rerun(false); }

    void windowRerunAndPaint_data() { scenarios(); }
    void windowRerunAndPaint() { rerun(true); }

private:
    static void rerun(bool paint)
    {
        QFETCH(QString, id);
        pw::gui::StartOptions start;
        start.scenario = id;
        pw::gui::MainWindow w(start);
        w.resize(1400, 1000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        pw::gui::RunSettings settings = w.runSettings();
        QBENCHMARK
        {
            settings.seed = settings.seed + 1; // a change, so that every view takes the new run
            w.setRunSettings(settings);
            if (paint)
                w.repaint();
        }
    }

    static void scenarios()
    {
        QTest::addColumn<QString>("id");
        for (const char* id : {"coffee-toast", "persons-joined", "shared-counter-async-mutex", "select-loop",
                               "executor-busy-loop", "spawn-blocking-offload"})
            QTest::newRow(id) << QString::fromLatin1(id);
    }
};

QTEST_MAIN(BenchAppRerun)
#include "bench_app_rerun.moc"
