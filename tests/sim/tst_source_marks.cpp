// Where each task is in the source at a time (sim/source_marks.h): the lines the code view
// marks at the playback cursor, on a small scenario whose lines are known, plus the recorder's
// de-duplication and its bound.
#ifndef Q_MOC_RUN // moc 6.4 cannot parse C++20 <concepts>, which <coroutine> pulls in
#include "sim/scenario.h"
#include "sim/scenario_library.h"
#include "sim/source_marks.h"
#endif

#include <QtTest>

#include <map>
#include <set>

using namespace pw;

namespace {

constexpr std::int64_t kMs = 1'000'000;

// Line numbers matter: the test asserts them.
const char* kSource = R"(use std::time::Duration;
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let h = tokio::spawn(async {
        tokio::time::sleep(Duration::from_secs(2)).await;
        println!("child");
    });
    std::thread::sleep(Duration::from_secs(1));
    h.await.unwrap();
    println!("done");
}
)";

RunResult run()
{
    const LoadResult loaded = loadScenario("marks.rs", kSource);
    if (!loaded.scenario)
        qFatal("marks.rs does not load: %s", loaded.errors.front().message.c_str());
    return runScenario(*loaded.scenario);
}

QString describe(const std::vector<TaskLine>& lines, const Trace& trace)
{
    QStringList out;
    for (const TaskLine& l : lines)
        out << QStringLiteral("%1@%2").arg(QString::fromStdString(trace.taskName(l.task))).arg(l.line);
    return out.join(QLatin1Char(' '));
}

} // namespace

class TestSourceMarks : public QObject {
    Q_OBJECT
private slots:
    void linesAtTimes_data()
    {
        QTest::addColumn<qint64>("t");
        QTest::addColumn<QString>("expected");
        // Main blocks the only thread in thread::sleep (line 8): the child is spawned but has
        // not run a single statement yet, so it has no line.
        QTest::newRow("0 s") << qint64(0) << QStringLiteral("main@8");
        QTest::newRow("0.5 s") << qint64(500 * kMs) << QStringLiteral("main@8");
        // Main awaits the handle (line 9); the child got the thread at 1 s and waits on its
        // 2 s timer, started then.
        QTest::newRow("1 s") << qint64(1000 * kMs) << QStringLiteral("main@9 h@5");
        QTest::newRow("2.999 s") << qint64(2999 * kMs) << QStringLiteral("main@9 h@5");
        // At 3 s the child prints and ends, main prints and ends: nothing is left to mark.
        QTest::newRow("3 s") << qint64(3000 * kMs) << QStringLiteral("");
        QTest::newRow("after the end") << qint64(5000 * kMs) << QStringLiteral("");
    }
    void linesAtTimes()
    {
        QFETCH(qint64, t);
        QFETCH(QString, expected);
        const RunResult r = run();
        QCOMPARE(r.trace.status.kind, RunStatusKind::Finished);
        QCOMPARE(describe(taskLinesAt(r.marks, r.trace, t), r.trace), expected);
    }

    void marksAreInTimeOrder()
    {
        const RunResult r = run();
        QVERIFY(!r.marks.marks().empty());
        QVERIFY(std::is_sorted(r.marks.marks().begin(), r.marks.marks().end(),
                               [](const SourceMark& a, const SourceMark& b) { return a.t < b.t; }));
        QVERIFY(!r.marks.truncated());
    }

    void aJoinIsAtEveryPendingBranch()
    {
        // coffee-toast at 10 s: the mug is done; the kettle and the toaster are pending, each
        // at its own `.await`, and main's body is at the join! itself.
        const LoadResult loaded = loadScenarioByName("coffee-toast");
        QVERIFY(loaded.scenario);
        const RunResult r = runScenario(*loaded.scenario);
        QCOMPARE(describe(taskLinesAt(r.marks, r.trace, 10'000 * kMs), r.trace),
                 QStringLiteral("main@28 main@37 main@51"));
        // At 17 s the water is being poured (line 31, blocking the thread); the toaster's timer
        // fired at 16 s but its branch waits at its `.await` for the join! to poll it.
        QCOMPARE(describe(taskLinesAt(r.marks, r.trace, 17'000 * kMs), r.trace),
                 QStringLiteral("main@31 main@37 main@51"));
        // At 23 s only the butter (line 40) is left.
        QCOMPARE(describe(taskLinesAt(r.marks, r.trace, 23'000 * kMs), r.trace), QStringLiteral("main@40 main@51"));
    }

    void recordSkipsTheLineAnActivationIsAlreadyAt()
    {
        SourceMarks m;
        const std::uint32_t a = m.newActivation();
        const std::uint32_t b = m.newActivation();
        QCOMPARE(a, 1u);
        m.record(0, 0, a, 3);
        m.record(5, 0, a, 3);
        m.record(6, 1, b, 3);
        m.record(7, 0, a, 4);
        m.record(8, 0, a, 3);
        m.record(9, kNoTask, a, 5);
        m.record(9, 2, SourceMarks::kNoActivation, 5);
        m.record(9, 2, b, 0);
        QCOMPARE(m.marks().size(), std::size_t(4));
        QCOMPARE(m.marks()[1].task, TaskId(1));
        QCOMPARE(m.marks()[3].line, 3);
        m.end(10, a);
        m.end(11, a); // once
        const std::uint32_t never = m.newActivation();
        m.end(12, never); // recorded nothing: nothing to end
        QCOMPARE(m.marks().size(), std::size_t(5));
        QCOMPARE(m.marks().back().line, 0);
        QCOMPARE(m.marks().back().activation, a);
    }

    void tailExpressionsAreMarked()
    {
        // The block's last expression, without a semicolon, is where main blocks.
        const LoadResult loaded = loadScenario("tail.rs", R"(use std::time::Duration;
#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("start");
    std::thread::sleep(Duration::from_secs(1))
}
)");
        QVERIFY(loaded.scenario);
        const RunResult r = runScenario(*loaded.scenario);
        QCOMPARE(describe(taskLinesAt(r.marks, r.trace, 500 * kMs), r.trace), QStringLiteral("main@5"));
    }

    void anIndexAgreesWithReplayingFromTheStart()
    {
        // Enough marks for several checkpoints: a loop over two lines.
        const LoadResult loaded = loadScenario("loop.rs", R"(use std::time::Duration;
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut i = 0;
    while i < 8000 {
        tokio::time::sleep(Duration::from_millis(1)).await;
        i += 1;
    }
}
)");
        QVERIFY(loaded.scenario);
        const RunResult r = runScenario(*loaded.scenario);
        QVERIFY(r.marks.marks().size() > 3 * TaskLineIndex::kCheckpointInterval);
        const TaskLineIndex index(r.marks, r.trace);
        for (std::int64_t t :
             {std::int64_t(0), 1 * kMs, 2500 * kMs + 1, 4096 * kMs, 5999 * kMs, r.trace.status.endNs}) {
            // The reference: replay every mark up to t, no checkpoints.
            std::map<std::uint32_t, int> lineOf;
            for (const SourceMark& m : r.marks.marks()) {
                if (m.t > t)
                    break;
                if (m.line == 0)
                    lineOf.erase(m.activation);
                else
                    lineOf[m.activation] = m.line;
            }
            std::set<int> expected;
            if (t < r.trace.status.endNs)
                for (const auto& [activation, line] : lineOf)
                    expected.insert(line);
            std::set<int> actual;
            for (const TaskLine& l : index.at(t))
                actual.insert(l.line);
            QCOMPARE(actual, expected);
        }
        QCOMPARE(describe(index.at(2500 * kMs + 1), r.trace), QStringLiteral("main@6"));
    }

    void recordStopsAtItsBound()
    {
        SourceMarks m;
        const std::uint32_t a = m.newActivation();
        for (std::size_t i = 0; i < SourceMarks::kMaxMarks + 10; ++i)
            m.record(static_cast<std::int64_t>(i), 0, a, 1 + static_cast<int>(i % 2));
        QCOMPARE(m.marks().size(), SourceMarks::kMaxMarks);
        QVERIFY(m.truncated());
        QCOMPARE(m.truncatedAt(), std::int64_t(SourceMarks::kMaxMarks));
        // Past the cut the lines are unknown, so none are shown.
        Trace trace;
        trace.addTask("main", TaskKind::Main, kNoTask, 0);
        const TaskLineIndex index(m, trace);
        QCOMPARE(index.at(10).size(), std::size_t(1));
        QVERIFY(index.at(std::int64_t(SourceMarks::kMaxMarks)).empty());
    }
};

QTEST_GUILESS_MAIN(TestSourceMarks)
#include "tst_source_marks.moc"
