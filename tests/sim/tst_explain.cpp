// "Why is this task not running?" (sim/explain.h): exact texts on the books' runs and on small
// scenarios written for the cases the library does not show (abort, a contended tokio Mutex,
// queue positions), a hand-built trace, and agreement with the timeline on every built-in.
#ifndef Q_MOC_RUN // moc 6.4 cannot parse C++20 <concepts>, which <coroutine> pulls in
#include "sim/explain.h"
#include "sim/scenario_library.h"
#include "sim/timeline_model.h"
#endif

#include <QtTest>

#include <map>
#include <memory>

using namespace pw;

Q_DECLARE_METATYPE(Explanation::State)

namespace {

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kS = 1'000'000'000;

// Scenarios for what the built-in library does not show.
const std::map<std::string, std::string>& inlineScenarios()
{
    static const std::map<std::string, std::string> sources{
        {"abort", R"(//! # abort and shutdown
use std::time::Duration;

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() {
    let slow = tokio::spawn(async {
        tokio::time::sleep(Duration::from_secs(10)).await;
    });
    let forgotten = tokio::spawn(async {
        tokio::time::sleep(Duration::from_secs(20)).await;
    });
    tokio::time::sleep(Duration::from_secs(3)).await;
    slow.abort();
    tokio::time::sleep(Duration::from_secs(1)).await;
}
)"},
        {"mutex", R"(//! # a tokio Mutex held across an await
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() {
    let data = Arc::new(Mutex::new(0));
    let d1 = data.clone();
    let holder = tokio::spawn(async move {
        let g = d1.lock().await;
        tokio::time::sleep(Duration::from_secs(4)).await;
        drop(g);
    });
    let d2 = data.clone();
    let waiter = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let mut g = d2.lock().await;
        *g += 1;
    });
    holder.await.unwrap();
    waiter.await.unwrap();
}
)"},
        {"queues", R"(//! # run queues behind a blocked worker
use std::thread;
use std::time::Duration;

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() {
    let spawner = tokio::spawn(async {
        let a = tokio::spawn(async { println!("a"); });
        let b = tokio::spawn(async { println!("b"); });
        let c = tokio::spawn(async { println!("c"); });
        thread::sleep(Duration::from_secs(3));
    });
    let one = tokio::spawn(async { println!("one"); });
    let two = tokio::spawn(async { println!("two"); });
    spawner.await.unwrap();
}
)"},
    };
    return sources;
}

/// Runs a built-in (or one of the scenarios above, "inline:<name>") once per flavor and keeps it.
const Trace& traceOf(const std::string& scenario, bool currentThread)
{
    static std::map<std::pair<std::string, bool>, std::unique_ptr<RunResult>> cache;
    auto& slot = cache[{scenario, currentThread}];
    if (!slot) {
        LoadResult l;
        if (scenario.rfind("inline:", 0) == 0) {
            const std::string name = scenario.substr(7);
            l = loadScenario(name + ".rs", inlineScenarios().at(name));
        } else {
            l = loadScenarioByName(scenario);
        }
        RunOptions opts;
        if (currentThread)
            opts.flavor = Flavor::CurrentThread;
        slot = std::make_unique<RunResult>();
        if (l.scenario)
            *slot = runScenario(*l.scenario, opts);
        else
            qWarning("%s does not load: %s", scenario.c_str(), l.errors.empty() ? "?" : l.errors[0].message.c_str());
    }
    return slot->trace;
}

const char* stateName(Explanation::State s)
{
    switch (s) {
    case Explanation::State::NotSpawned:
        return "not-spawned";
    case Explanation::State::Running:
        return "running";
    case Explanation::State::Blocked:
        return "blocked";
    case Explanation::State::Queued:
        return "queued";
    case Explanation::State::Pending:
        return "pending";
    case Explanation::State::Stalled:
        return "stalled";
    case Explanation::State::Done:
        return "done";
    case Explanation::State::Cancelled:
        return "cancelled";
    }
    return "?";
}

TraceEvent ev(std::int64_t t, EventKind kind, TaskId task, ThreadId thread, std::int64_t arg = 0,
              std::uint8_t detail = 0)
{
    return TraceEvent{t, arg, task, thread, kind, detail};
}

std::uint8_t q(QueueKind k)
{
    return static_cast<std::uint8_t>(k);
}

} // namespace

class TestExplain : public QObject {
    Q_OBJECT
private slots:
    void explainsBuiltInRuns_data()
    {
        using S = Explanation::State;
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<bool>("currentThread");
        QTest::addColumn<QString>("task");
        QTest::addColumn<qint64>("t");
        QTest::addColumn<Explanation::State>("state");
        QTest::addColumn<QString>("text");
        auto row = [](const char* name, const char* scenario, bool ct, const char* task, std::int64_t t, S state,
                      const char* text) {
            QTest::newRow(name) << QString(scenario) << ct << QString(task) << qint64(t) << state << QString(text);
        };

        // Coffee and toast: thread::sleep blocks main, the kettle and toaster timers free it.
        row("coffee-toast main pours", "coffee-toast", false, "main", 1 * kS, S::Blocked,
            "blocked in thread::sleep on main since 0.000s, until 3.000s");
        row("coffee-toast main waits for the kettle", "coffee-toast", false, "main", 10 * kS, S::Pending,
            "pending on a timer that fires at 16.000s");
        row("coffee-toast main butters", "coffee-toast", false, "main", 20 * kS, S::Blocked,
            "blocked in thread::sleep on main since 19.000s, until 24.000s");
        row("coffee-toast main at the end", "coffee-toast", false, "main", 24 * kS, S::Done, "finished at 24.000s");
        row("coffee-toast main after the end", "coffee-toast", false, "0", 100 * kS, S::Done, "finished at 24.000s");

        // Persons joined on one worker: person two (task 2) took the LIFO slot at 0.1 s and
        // blocks the worker in thread::sleep until 6.1 s; person one waits in the local queue.
        row("persons-joined person one behind a blocked worker", "persons-joined", false, "1", 3 * kS, S::Queued,
            "ready since 0.100s, in worker-0's local queue, but worker-0 is blocked in thread::sleep until 3.100s "
            "inside a poll of 'person' (task 2), which returns at 6.100s");
        row("persons-joined person one, second sleep", "persons-joined", false, "1", 4 * kS, S::Queued,
            "ready since 0.100s, in worker-0's local queue, but worker-0 is blocked in thread::sleep until 6.100s "
            "inside a poll of 'person' (task 2)");
        row("persons-joined person two pours", "persons-joined", false, "2", 1 * kS, S::Blocked,
            "blocked in thread::sleep on worker-0 since 0.100s, until 3.100s");
        row("persons-joined person one pours at 6.1 s", "persons-joined", false, "1", 6100 * kMs, S::Blocked,
            "blocked in thread::sleep on worker-0 since 6.100s, until 9.100s");
        row("persons-joined kettle fires late", "persons-joined", false, "2", 7 * kS, S::Pending,
            "pending on a timer due at 10.000s; it fires late, at 12.100s, because no thread ran the timer driver "
            "sooner");
        row("persons-joined kettle overdue", "persons-joined", false, "2", 11 * kS, S::Pending,
            "pending on a timer that was due at 10.000s; it fires late, at 12.100s, because no thread ran the timer "
            "driver sooner");
        row("persons-joined by name: the first 'person'", "persons-joined", false, "person", 0, S::Pending,
            "pending on a timer that fires at 0.100s");
        row("persons-joined main awaits the JoinHandles", "persons-joined", false, "main", 1 * kS, S::Pending,
            "pending until 'person' (task 2) finishes at 20.100s and wakes it");
        row("persons-joined person two done", "persons-joined", false, "2", 21 * kS, S::Done, "finished at 20.100s");
        // The same program on the current-thread runtime: the main thread runs everything.
        row("persons-joined/ct person two behind person one", "persons-joined", true, "2", 3 * kS, S::Queued,
            "ready since 0.100s, in the main thread's local queue, but main is blocked in thread::sleep until "
            "3.100s inside a poll of 'person' (task 1), which returns at 6.100s");
        row("persons-joined/ct main woken while the thread is blocked", "persons-joined", true, "main", 21 * kS,
            S::Queued,
            "ready since 20.100s, waiting for the main thread to poll it, but main is blocked in thread::sleep until "
            "25.100s inside a poll of 'person' (task 2), which returns at 28.100s");

        // A hand-written future that returns Pending without registering the waker.
        row("counter-future-no-waker stalled", "counter-future-no-waker", false, "handle_one", 2 * kS, S::Stalled,
            "no waker registered: nothing will ever poll it again");
        row("counter-future-no-waker before the stall", "counter-future-no-waker", false, "handle_two", 500 * kMs,
            S::Blocked, "blocked in thread::sleep on worker-2 since 0.000s, until 1.000s");
        row("counter-future-no-waker main never woken", "counter-future-no-waker", false, "main", 500 * kMs, S::Pending,
            "pending: it registered its waker and waits to be woken, but nothing wakes it before the run ends at "
            "1.000s");

        // std Mutex locked twice by the same task.
        row("std-mutex-deadlock", "std-mutex-deadlock", false, "main", 0, S::Blocked,
            "blocked in std::sync::Mutex::lock on main since 0.000s, waiting for the Mutex 'data', which it holds "
            "itself: it never returns (deadlock)");
        row("std-mutex-deadlock later", "std-mutex-deadlock", false, "main", 5 * kS, S::Blocked,
            "blocked in std::sync::Mutex::lock on main since 0.000s, waiting for the Mutex 'data', which it holds "
            "itself: it never returns (deadlock)");

        // timeout: slow_task is a future inside main, not a task: dropping it at 3 s does not
        // cancel main, which prints and finishes.
        row("timeout main waits", "timeout", false, "main", 1 * kS, S::Pending,
            "pending on a timer that fires at 3.000s");
        row("timeout main after the timeout", "timeout", false, "main", 3500 * kMs, S::Done, "finished at 3.000s");

        row("remote-wake not spawned yet", "remote-wake", false, "trigger_task", 1 * kS, S::NotSpawned,
            "not spawned yet: 'main' spawns it at 3.000s");
        row("remote-wake woken by another task", "remote-wake", false, "task_handle", 1 * kS, S::Pending,
            "pending until 'trigger_task' wakes it at 3.000s");
        row("spawn-blocking-offload job on the pool", "spawn-blocking-offload", false, "work", 1 * kS, S::Blocked,
            "blocked in thread::sleep on blocking-0 since 0.000s, until 2.500s");
        row("spawn-blocking-offload main awaits the job", "spawn-blocking-offload", false, "main", 1 * kS, S::Pending,
            "pending until 'work' finishes at 2.500s and wakes it");
        row("spawn-blocking-inline timer late", "spawn-blocking-inline", false, "ticks", 1500 * kMs, S::Pending,
            "pending on a timer that was due at 1.000s; it fires late, at 2.500s, because no thread ran the timer "
            "driver sooner");
        row("executor-busy-loop", "executor-busy-loop", false, "main", 500 * kMs, S::Pending,
            "pending, but its executor polls it again and again without waiting for a wake (a busy loop), until it "
            "is ready at 1.000s");
        row("executor-park", "executor-park", false, "main", 500 * kMs, S::Pending,
            "pending until 'thread-1' wakes it at 1.000s");
        row("executor-park thread", "executor-park", false, "thread-1", 500 * kMs, S::Blocked,
            "blocked in thread::sleep on thread-1 since 0.000s, until 1.000s");
        row("no such task", "coffee-toast", false, "7", 0, S::NotSpawned, "no such task");

        // abort() and the shutdown when main returns.
        row("abort: pending until aborted", "inline:abort", false, "slow", 1 * kS, S::Pending,
            "pending on a timer due at 10.000s, but it is aborted at 3.000s");
        row("abort: cancelled", "inline:abort", false, "slow", 3500 * kMs, S::Cancelled,
            "cancelled at 3.000s (aborted)");
        row("shutdown: pending until main returns", "inline:abort", false, "forgotten", 1 * kS, S::Pending,
            "pending on a timer due at 20.000s, but it is cancelled at 4.000s (runtime shut down)");
        row("shutdown: cancelled", "inline:abort", false, "forgotten", 5 * kS, S::Cancelled,
            "cancelled at 4.000s (runtime shut down)");
        // A tokio Mutex held across an .await.
        row("tokio mutex contended", "inline:mutex", false, "waiter", 2 * kS, S::Pending,
            "waiting for the Mutex 'data' held by 'holder' since 0.000s");
        row("tokio mutex holder", "inline:mutex", false, "holder", 2 * kS, S::Pending,
            "pending on a timer that fires at 4.000s");
        // Queue positions behind a worker blocked by its first task.
        row("queues: LIFO slot", "inline:queues", false, "c", 1 * kS, S::Queued,
            "ready since 0.000s, in worker-0's LIFO slot, but worker-0 is blocked in thread::sleep until 3.000s "
            "inside a poll of 'spawner'");
        row("queues: local queue head", "inline:queues", false, "a", 1 * kS, S::Queued,
            "ready since 0.000s, in worker-0's local queue, but worker-0 is blocked in thread::sleep until 3.000s "
            "inside a poll of 'spawner'");
        row("queues: local queue second", "inline:queues", false, "b", 1 * kS, S::Queued,
            "ready since 0.000s, in worker-0's local queue behind 1 task, but worker-0 is blocked in thread::sleep "
            "until 3.000s inside a poll of 'spawner'");
        row("queues: inject queue head", "inline:queues", false, "one", 1 * kS, S::Queued,
            "ready since 0.000s, in the global inject queue, and worker-0, the only worker, is busy until 3.000s");
        row("queues: inject queue second", "inline:queues", false, "two", 1 * kS, S::Queued,
            "ready since 0.000s, in the global inject queue behind 1 task, and worker-0, the only worker, is busy "
            "until 3.000s");
        row("queues: cancelled at shutdown", "inline:queues", false, "b", 3 * kS, S::Cancelled,
            "cancelled at 3.000s (runtime shut down)");
    }
    void explainsBuiltInRuns()
    {
        QFETCH(QString, scenario);
        QFETCH(bool, currentThread);
        QFETCH(QString, task);
        QFETCH(qint64, t);
        QFETCH(Explanation::State, state);
        QFETCH(QString, text);
        const Trace& tr = traceOf(scenario.toStdString(), currentThread);
        QVERIFY(!tr.events.empty());
        TaskId id = findTask(tr, task.toStdString());
        if (id == kNoTask)
            id = static_cast<TaskId>(task.toUInt()); // "no such task"
        const Explanation x = explainTask(tr, id, t);
        QCOMPARE(QString::fromStdString(x.text), text);
        QCOMPARE(QString(stateName(x.state)), QString(stateName(state)));
    }

    void findsTasksByNameOrId()
    {
        const Trace& tr = traceOf("persons-joined", false);
        QCOMPARE(findTask(tr, "main"), TaskId{0});
        QCOMPARE(findTask(tr, "person"), TaskId{1}); // two tasks share the name: the first
        QCOMPARE(findTask(tr, "2"), TaskId{2});
        QCOMPARE(findTask(tr, "3"), kNoTask);
        QCOMPARE(findTask(tr, "person_three"), kNoTask);
        QCOMPARE(findTask(tr, ""), kNoTask);
        QCOMPARE(findTask(tr, "-1"), kNoTask);
        QCOMPARE(findTask(tr, "99999999999999999999"), kNoTask);
    }

    void handBuiltTrace_data()
    {
        using S = Explanation::State;
        QTest::addColumn<int>("task");
        QTest::addColumn<qint64>("t");
        QTest::addColumn<Explanation::State>("state");
        QTest::addColumn<QString>("text");
        QTest::newRow("running, third poll")
            << 1 << qint64(6500 * kMs) << S::Running << "running on worker-1 since 6.000s (poll 3)";
        QTest::newRow("queued behind two after a steal")
            << 4 << qint64(6500 * kMs) << S::Queued
            << "ready since 1.000s, in worker-1's local queue behind 2 tasks, but worker-1 is polling 'a' until 7.000s";
        QTest::newRow("the stolen tasks keep their order")
            << 3 << qint64(6500 * kMs) << S::Queued
            << "ready since 1.000s, in worker-1's local queue behind 1 task, but worker-1 is polling 'a' until 7.000s";
        QTest::newRow("left on the victim")
            << 5 << qint64(6500 * kMs) << S::Queued
            << "ready since 1.000s, in worker-0's local queue, but worker-0 is blocked in thread::sleep until 9.000s "
               "inside a poll of 'main'";
        QTest::newRow("waiting for a mutex held by another task")
            << 2 << qint64(6500 * kMs) << S::Pending << "waiting for the Mutex 'data' held by 'c' since 4.000s";
        QTest::newRow("spawned later") << 6 << qint64(1 * kS) << S::NotSpawned
                                       << "not spawned yet: 'main' spawns it at 8.000s";
    }
    void handBuiltTrace()
    {
        // Two workers. main (task 0) runs on worker-0 and blocks it from 5 s to 9 s. Tasks g, c,
        // d and e (7, 3, 4, 5), spawned by a at 1 s, wait in worker-0's local queue; at 6 s
        // worker-1 steals the older half (g, c, d, in that order) into its own local queue.
        // Task a is polled for the third time on worker-1 from 6 s to 7 s (a poll with CPU
        // time). Task b waits for the tokio Mutex 'data' that c holds since 4 s.
        Trace tr;
        tr.threads = {ThreadInfo{"main", ThreadKind::BlockOn}, ThreadInfo{"worker-0", ThreadKind::Worker},
                      ThreadInfo{"worker-1", ThreadKind::Worker}};
        for (const char* name : {"main", "a", "b", "c", "d", "e", "f", "g"})
            tr.addTask(name, TaskKind::Async, 0, 0);
        tr.tasks[6].spawnedNs = 8 * kS;
        tr.objectNames = {"data"};
        const auto pending = static_cast<std::uint8_t>(PollResultKind::Pending);
        tr.events = {
            ev(0, EventKind::Spawn, 0, kNoThread, kNoTask),
            ev(0, EventKind::Spawn, 1, 1, 0),
            ev(0, EventKind::Spawn, 2, 1, 0),
            ev(1 * kS, EventKind::PollStart, 1, 2, 0, q(QueueKind::Inject)),
            ev(1 * kS, EventKind::Spawn, 7, 2, 1),
            ev(1 * kS, EventKind::Spawn, 3, 2, 1),
            ev(1 * kS, EventKind::Spawn, 4, 2, 1),
            ev(1 * kS, EventKind::Spawn, 5, 2, 1),
            ev(1 * kS, EventKind::PollEnd, 1, 2, 0, pending),
            ev(1 * kS, EventKind::Schedule, 7, 1, 0, q(QueueKind::Local)),
            ev(1 * kS, EventKind::Schedule, 3, 1, 0, q(QueueKind::Local)),
            ev(1 * kS, EventKind::Schedule, 4, 1, 0, q(QueueKind::Local)),
            ev(1 * kS, EventKind::Schedule, 5, 1, 0, q(QueueKind::Local)),
            ev(1 * kS, EventKind::Schedule, 1, 2, 1, q(QueueKind::Lifo)),
            ev(2 * kS, EventKind::PollStart, 1, 2, 0, q(QueueKind::Lifo)),
            ev(2 * kS, EventKind::PollEnd, 1, 2, 0, pending),
            ev(3 * kS, EventKind::PollStart, 2, 2, 0, q(QueueKind::Inject)),
            ev(3 * kS, EventKind::LockContend, 2, 2, 0, static_cast<std::uint8_t>(MutexKind::Tokio)),
            ev(3 * kS, EventKind::PollEnd, 2, 2, 0, pending),
            ev(4 * kS, EventKind::LockAcquire, 3, 2, 0, static_cast<std::uint8_t>(MutexKind::Tokio)),
            ev(5 * kS, EventKind::PollStart, 0, 1, 0, q(QueueKind::BlockOn)),
            ev(5 * kS, EventKind::BlockStart, 0, 1, 9 * kS, static_cast<std::uint8_t>(BlockReason::Sleep)),
            ev(6 * kS, EventKind::Schedule, 1, 2, 1, q(QueueKind::Lifo)),
            ev(6 * kS, EventKind::Steal, kNoTask, 2, (std::int64_t{0} << 32) | 3),
            ev(6 * kS, EventKind::Schedule, 7, 2, 1, q(QueueKind::Local)),
            ev(6 * kS, EventKind::Schedule, 3, 2, 1, q(QueueKind::Local)),
            ev(6 * kS, EventKind::Schedule, 4, 2, 1, q(QueueKind::Local)),
            ev(6 * kS, EventKind::PollStart, 1, 2, 0, q(QueueKind::Lifo)),
            ev(7 * kS, EventKind::PollEnd, 1, 2, 0, pending),
            ev(8 * kS, EventKind::Spawn, 6, 2, 0),
            ev(9 * kS, EventKind::BlockEnd, 0, 1),
            ev(9 * kS, EventKind::PollEnd, 0, 1, 0, pending),
            ev(9500 * kMs, EventKind::Wake, 2, 2, 3, static_cast<std::uint8_t>(WakeKind::Wake)),
        };
        tr.status.endNs = 10 * kS;

        QFETCH(int, task);
        QFETCH(qint64, t);
        QFETCH(Explanation::State, state);
        QFETCH(QString, text);
        const Explanation x = explainTask(tr, static_cast<TaskId>(task), t);
        QCOMPARE(QString::fromStdString(x.text), text);
        QCOMPARE(QString(stateName(x.state)), QString(stateName(state)));
    }

    void lateTimerTimesThatPrintAlikeGetMicroseconds()
    {
        // A timer due at 6 ms fires at 6.2 ms: to the millisecond both are 0.006s, which would
        // read "due at 0.006s; it fires late, at 0.006s".
        Trace tr;
        tr.threads = {ThreadInfo{"main", ThreadKind::BlockOn}, ThreadInfo{"worker-0", ThreadKind::Worker}};
        tr.addTask("main", TaskKind::Main, kNoTask, 0);
        tr.addTask("a", TaskKind::Async, 0, 0);
        const auto pending = static_cast<std::uint8_t>(PollResultKind::Pending);
        tr.events = {
            ev(0, EventKind::Spawn, 0, kNoThread, kNoTask),
            ev(0, EventKind::Spawn, 1, 0, 0),
            ev(0, EventKind::PollStart, 1, 1, 0, q(QueueKind::Inject)),
            ev(0, EventKind::TimerRegister, 1, 1, 6 * kMs),
            ev(0, EventKind::PollEnd, 1, 1, 0, pending),
            ev(6200 * 1000, EventKind::TimerFire, 1, 1, 6 * kMs, static_cast<std::uint8_t>(WakeKind::Timer)),
        };
        tr.status.endNs = 7 * kMs;
        QCOMPARE(QString::fromStdString(explainTask(tr, 1, 5 * kMs).text),
                 QStringLiteral("pending on a timer due at 0.006000s; it fires late, at 0.006200s, because no thread "
                                "ran the timer driver sooner"));
        // Times that differ to the millisecond keep the usual form.
        tr.events[5].t = 8 * kMs;
        tr.status.endNs = 9 * kMs;
        QCOMPARE(QString::fromStdString(explainTask(tr, 1, 5 * kMs).text),
                 QStringLiteral("pending on a timer due at 0.006s; it fires late, at 0.008s, because no thread ran "
                                "the timer driver sooner"));
    }

    void manyTasksAtOnceAgreeWithOneAtATime_data() { agreesWithTheTimeline_data(); }
    void manyTasksAtOnceAgreeWithOneAtATime()
    {
        // explainTasks replays the trace once for all the tasks it is asked about (the Why panel
        // asks for up to 40 at every cursor move); each answer must be explainTask's.
        QFETCH(QString, scenario);
        const Trace& tr = traceOf(scenario.toStdString(), false);
        std::vector<TaskId> all;
        for (TaskId t = 0; t < tr.tasks.size(); ++t)
            all.push_back(t);
        std::vector<TaskId> asked = all;
        std::reverse(asked.begin(), asked.end()); // any order, with a repeat and a missing task
        asked.push_back(0);
        asked.push_back(static_cast<TaskId>(tr.tasks.size()) + 5);
        const std::int64_t end = tr.events.empty() ? 0 : tr.events.back().t;
        for (std::int64_t t : {std::int64_t{0}, end / 3, end / 2, end - 1, end, end + 1}) {
            const std::vector<Explanation> many = explainTasks(tr, asked, t);
            QCOMPARE(many.size(), asked.size());
            for (std::size_t i = 0; i < asked.size(); ++i) {
                const Explanation one = explainTask(tr, asked[i], t);
                QCOMPARE(QString::fromStdString(many[i].text), QString::fromStdString(one.text));
                QCOMPARE(QString(stateName(many[i].state)), QString(stateName(one.state)));
            }
        }
        QCOMPARE(QString::fromStdString(explainTasks(tr, {static_cast<TaskId>(tr.tasks.size())}, 0).front().text),
                 QStringLiteral("no such task"));
    }

    void agreesWithTheTimeline_data()
    {
        QTest::addColumn<QString>("scenario");
        for (const auto& id : builtInRuntimeScenarioIds())
            QTest::newRow(id.c_str()) << QString::fromStdString(id);
        for (const auto& [name, src] : inlineScenarios())
            QTest::newRow(("inline:" + name).c_str()) << QString::fromStdString("inline:" + name);
    }
    void agreesWithTheTimeline()
    {
        // At every instant something happens (and between two), the task's state in words is
        // the state of the last span that starts by then on its timeline lane.
        QFETCH(QString, scenario);
        const Trace& tr = traceOf(scenario.toStdString(), false);
        QVERIFY(!tr.events.empty());
        const TimelineModel m = buildTimeline(tr);
        std::vector<std::int64_t> times;
        for (const TraceEvent& e : tr.events) {
            if (!times.empty() && times.back() == e.t)
                continue;
            if (!times.empty())
                times.push_back((times.back() + e.t) / 2);
            times.push_back(e.t);
        }
        times.push_back(m.endNs + kS);
        for (const Lane& lane : m.lanes) {
            if (lane.kind != Lane::Kind::Task)
                continue;
            for (std::int64_t t : times) {
                const Explanation x = explainTask(tr, lane.id, t);
                QVERIFY(!x.text.empty());
                const char* expected = nullptr;
                if (lane.doneNs >= 0 && t >= lane.doneNs) {
                    expected = lane.cancelled ? "cancelled" : "done";
                } else {
                    const Span* last = nullptr;
                    for (const Span& s : lane.spans)
                        if (s.start <= t)
                            last = &s;
                    if (!last) {
                        expected = "not-spawned";
                    } else {
                        switch (last->state) {
                        case SpanState::Polling:
                            expected = "running";
                            break;
                        case SpanState::Blocked:
                            expected = "blocked";
                            break;
                        case SpanState::Queued:
                            expected = "queued";
                            break;
                        case SpanState::Pending:
                            expected = "pending";
                            break;
                        case SpanState::Stalled:
                            expected = "stalled";
                            break;
                        case SpanState::Parked:
                            expected = "?";
                            break;
                        }
                    }
                }
                QVERIFY2(QString(stateName(x.state)) == QString(expected),
                         qPrintable(QStringLiteral("%1 at %2 ns: explain says %3 (%4), the timeline %5")
                                        .arg(QString::fromStdString(lane.name))
                                        .arg(t)
                                        .arg(stateName(x.state))
                                        .arg(QString::fromStdString(x.text))
                                        .arg(expected)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestExplain)
#include "tst_explain.moc"
