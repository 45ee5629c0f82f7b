// sim/run_comparison.h on hand-built traces: how printed lines and tasks are matched (text, then
// shape, in print order), what only one run printed, the print order, the totals' wording.
#ifndef Q_MOC_RUN // moc 6.4 cannot parse C++20 <concepts>, which <coroutine> pulls in
#include "runtime/trace.h"
#include "sim/run_comparison.h"
#endif

#include <QtTest>

#include <cmath>

using namespace pw;

namespace {

constexpr std::int64_t kS = 1'000'000'000;

struct Line {
    std::int64_t t;
    TaskId task;
    std::string text;
};

/// A trace with these tasks (by name), these printed lines, these Done times and this end.
Trace makeTrace(const std::vector<std::string>& tasks, const std::vector<Line>& lines, std::int64_t endNs,
                const std::vector<std::pair<TaskId, std::int64_t>>& done = {})
{
    Trace t;
    for (const std::string& name : tasks)
        t.addTask(name, TaskKind::Async, kNoTask, 0);
    t.threads.push_back(ThreadInfo{"main", ThreadKind::BlockOn});
    for (const Line& l : lines) {
        t.lines.push_back(PrintedLine{l.t, 0, l.task, l.text});
        TraceEvent e;
        e.t = l.t;
        e.task = l.task;
        e.thread = 0;
        e.kind = EventKind::Print;
        e.arg = static_cast<std::int64_t>(t.lines.size() - 1);
        t.events.push_back(e);
    }
    for (const auto& [task, at] : done) {
        TraceEvent poll;
        poll.t = at;
        poll.task = task;
        poll.thread = 0;
        poll.kind = EventKind::PollStart;
        t.events.push_back(poll);
        TraceEvent e = poll;
        e.kind = EventKind::Done;
        t.events.push_back(e);
    }
    t.status.endNs = endNs;
    return t;
}

} // namespace

class TstRunComparison : public QObject {
    Q_OBJECT

private slots:
    void linesMatchByTaskTextAndOrder()
    {
        const Trace a =
            makeTrace({"main", "worker"},
                      {{0, 0, "start"}, {1 * kS, 1, "tick"}, {2 * kS, 1, "tick"}, {3 * kS, 0, "end"}}, 3 * kS);
        const Trace b =
            makeTrace({"main", "worker"},
                      {{0, 0, "start"}, {1 * kS, 1, "tick"}, {4 * kS, 1, "tick"}, {5 * kS, 0, "end"}}, 5 * kS);
        const RunComparison c = compareRuns(a, b);
        QCOMPARE(c.lines.size(), std::size_t(4));
        QCOMPARE(c.lines[1].deltaNs(), 0);      // the first tick with the first tick
        QCOMPARE(c.lines[2].deltaNs(), 2 * kS); // the second with the second
        QCOMPARE(c.lines[3].deltaNs(), 2 * kS);
        QCOMPARE(c.movedLines(), 2);
        QVERIFY(c.sameOrder());
        QCOMPARE(c.deltaNs(), 2 * kS);
    }

    void theSameTextFromAnotherTaskIsAnotherLine()
    {
        const Trace a = makeTrace({"a", "b"}, {{1 * kS, 0, "done"}}, 1 * kS);
        const Trace b = makeTrace({"a", "b"}, {{1 * kS, 1, "done"}}, 1 * kS);
        const RunComparison c = compareRuns(a, b);
        QCOMPARE(c.onlyCurrentLines(), 1);
        QCOMPARE(c.onlyPinnedLines(), 1);
        QCOMPARE(c.movedLines(), 0);
        QCOMPARE(c.lines[0].task, std::string("b")); // the current run's line first
        QCOMPARE(c.lines[1].task, std::string("a"));
        QCOMPARE(c.lines[1].currentNs, -1);
    }

    void numbersChangeButTheShapeMatches()
    {
        const Trace a = makeTrace({"main"}, {{24 * kS, 0, "It took: 24 seconds"}}, 24 * kS);
        const Trace b = makeTrace({"main"}, {{18 * kS, 0, "It took: 18 seconds"}}, 18 * kS);
        const RunComparison c = compareRuns(a, b);
        QCOMPARE(c.lines.size(), std::size_t(1));
        QVERIFY(c.lines[0].inBoth());
        QVERIFY(c.lines[0].textChanged());
        QCOMPARE(c.lines[0].pinnedText, std::string("It took: 24 seconds"));
        QCOMPARE(c.lines[0].deltaNs(), -6 * kS);
        // Exact text wins over shape: "1 of 3" goes with "1 of 3", not with "2 of 3".
        const Trace d = makeTrace({"main"}, {{1 * kS, 0, "1 of 3"}, {2 * kS, 0, "2 of 3"}}, 2 * kS);
        const Trace e = makeTrace({"main"}, {{5 * kS, 0, "2 of 3"}, {6 * kS, 0, "1 of 3"}}, 6 * kS);
        const RunComparison f = compareRuns(d, e);
        QCOMPARE(f.lines[0].text, std::string("2 of 3"));
        QCOMPARE(f.lines[0].pinnedNs, 2 * kS);
        QCOMPARE(f.lines[1].pinnedNs, 1 * kS);
        QVERIFY(!f.sameOrder());
    }

    void tasksMatchByNameAndSpawnOrder()
    {
        const Trace a = makeTrace({"main", "person", "person"}, {}, 10 * kS, {{1, 4 * kS}, {2, 8 * kS}, {0, 10 * kS}});
        const Trace b = makeTrace({"main", "person", "person", "person"}, {}, 12 * kS, {{1, 4 * kS}, {2, 8 * kS}});
        const RunComparison c = compareRuns(a, b);
        QCOMPARE(c.tasks.size(), std::size_t(4));
        QCOMPARE(c.tasks[0].pinnedDoneNs, 10 * kS);
        QCOMPARE(c.tasks[0].currentDoneNs, -1); // main did not finish in the current run
        QCOMPARE(c.tasks[2].pinnedDoneNs, 8 * kS);
        QCOMPARE(c.tasks[2].currentDoneNs, 8 * kS);
        QCOMPARE(c.tasks[2].currentPolls, 1u);
        QVERIFY(c.tasks[3].inCurrent && !c.tasks[3].inPinned);
        // And a task only the pinned run had comes last.
        const RunComparison r = compareRuns(b, a);
        QCOMPARE(r.tasks.size(), std::size_t(4));
        QVERIFY(r.tasks[3].inPinned && !r.tasks[3].inCurrent);
        QCOMPARE(r.tasks[3].name, std::string("person"));
    }

    void totalsInWords()
    {
        const RunComparison shorter = compareRuns(makeTrace({}, {}, 24 * kS), makeTrace({}, {}, 18 * kS));
        QCOMPARE(formatTotalChange(shorter), std::string("24.000s \u2192 18.000s, \u22126.000s (\u221225.0%)"));
        QCOMPARE(shorter.deltaPercent(), -25.0);
        const RunComparison longer = compareRuns(makeTrace({}, {}, 20 * kS), makeTrace({}, {}, 21 * kS));
        QCOMPARE(formatTotalChange(longer), std::string("20.000s \u2192 21.000s, +1.000s (+5.0%)"));
        const RunComparison same = compareRuns(makeTrace({}, {}, 3 * kS), makeTrace({}, {}, 3 * kS));
        QCOMPARE(formatTotalChange(same), std::string("3.000s \u2192 3.000s, no change"));
        const RunComparison fromZero = compareRuns(makeTrace({}, {}, 0), makeTrace({}, {}, 2 * kS));
        QVERIFY(std::isnan(fromZero.deltaPercent()));
        QCOMPARE(formatTotalChange(fromZero), std::string("0.000s \u2192 2.000s, +2.000s"));
        QCOMPARE(formatSignedSeconds(-1'500'000), std::string("\u22120.001s"));
        QCOMPARE(formatSignedSeconds(0), std::string("0.000s"));
    }
};

QTEST_GUILESS_MAIN(TstRunComparison)
#include "tst_run_comparison.moc"
