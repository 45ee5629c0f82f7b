// A task's future at a time (sim/future_state.h): the variant of the generated state machine
// each part of the task is in, what it holds, a MutexGuard held across an .await, and where
// the future lives.
#ifndef Q_MOC_RUN // moc 6.4 cannot parse C++20 <concepts>, which <coroutine> pulls in
#include "sim/future_state.h"
#include "sim/scenario.h"
#include "sim/scenario_library.h"
#endif

#include <QtTest>

using namespace pw;

namespace {

constexpr std::int64_t kS = 1'000'000'000;

struct Run {
    std::shared_ptr<Scenario> scenario;
    RunResult result;
};

Run run(const std::string& id)
{
    LoadResult l = loadScenarioByName(id);
    if (!l.scenario)
        qFatal("%s does not load", id.c_str());
    Run r{l.scenario, runScenario(*l.scenario)};
    return r;
}

FutureState stateAt(const Run& r, TaskId task, std::int64_t t)
{
    const TaskLineIndex index(r.result.marks, r.result.trace);
    return futureStateAt(*r.scenario->program, r.result.trace, index.at(t), task, t);
}

QStringList frames(const FutureState& s)
{
    QStringList out;
    for (const FutureFrame& f : s.frames)
        out << QString::fromStdString(f.name + ": " + f.state);
    return out;
}

} // namespace

class TestFutureState : public QObject {
    Q_OBJECT
private slots:
    void coffeeToastWaitsAtTwoAwaits()
    {
        // At 10 s main's join! is pending on the kettle and the toaster: main's own body is
        // suspended at the join! (Suspend0), make_coffee and make_toast at their sleeps.
        const Run r = run("coffee-toast");
        const FutureState s = stateAt(r, 0, 10 * kS);
        QCOMPARE(frames(s), (QStringList{QStringLiteral("async fn main: Suspend0: at the .await on line 51"),
                                         QStringLiteral("async fn make_coffee: Suspend0: at the .await on line 28"),
                                         QStringLiteral("async fn make_toast: Suspend0: at the .await on line 37")}));
        QVERIFY(QString::fromStdString(s.home).contains(QStringLiteral("block_on")));
        // main's variant holds the start time and the three futures it joins.
        QStringList held;
        for (const HeldValue& h : s.frames.front().held)
            held << QString::fromStdString(h.name);
        QVERIFY2(held.contains(QStringLiteral("start_time")), qPrintable(held.join(", ")));
        QVERIFY(QString::fromStdString(s.frames.front().desugar).contains(QStringLiteral("Suspend0")));
        QVERIFY(QString::fromStdString(s.frames.front().desugar).contains(QStringLiteral("main")));
    }

    void beingPolledIsNotSuspended()
    {
        // At 1 s the mug's thread::sleep blocks main inside its poll.
        const Run r = run("coffee-toast");
        const FutureState s = stateAt(r, 0, 1 * kS);
        QCOMPARE(s.frames.size(), std::size_t(2)); // main's join! and the mug it is polling
        const FutureFrame& mug = s.frames[1];
        QCOMPARE(QString::fromStdString(mug.name), QStringLiteral("async fn prep_coffee_mug"));
        QCOMPARE(mug.suspend, -1);
        QVERIFY(QString::fromStdString(mug.state).startsWith(QStringLiteral("being polled: running line 19")));
    }

    void aSpawnedTaskLivesInAHeapBox()
    {
        const Run r = run("persons-joined");
        const FutureState s = stateAt(r, 1, 12 * kS);
        QVERIFY2(QString::fromStdString(s.home).contains(QStringLiteral("heap box")), s.home.c_str());
        QVERIFY(!s.frames.empty());
    }

    void aGuardHeldAcrossAnAwaitIsFlagged()
    {
        const LoadResult l = loadScenario("guard.rs", R"(use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let data = Arc::new(Mutex::new(0));
    let guard = data.lock().await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!("{}", *guard);
}
)");
        QVERIFY(l.scenario);
        const Run r{l.scenario, runScenario(*l.scenario)};
        const FutureState s = stateAt(r, 0, kS / 2);
        QCOMPARE(s.frames.size(), std::size_t(1));
        QCOMPARE(s.frames[0].suspend, 1); // the lock's .await is Suspend0, the sleep's Suspend1
        bool flagged = false;
        for (const HeldValue& h : s.frames[0].held)
            flagged = flagged || (h.name == "guard" && h.guard);
        QVERIFY(flagged);
    }

    void doneTasksHaveNoFuture()
    {
        const Run r = run("coffee-toast");
        const FutureState s = stateAt(r, 0, 30 * kS);
        QVERIFY(s.frames.empty());
        QVERIFY(QString::fromStdString(s.note).contains(QStringLiteral("gone")));
    }
};

QTEST_GUILESS_MAIN(TestFutureState)
#include "tst_future_state.moc"
