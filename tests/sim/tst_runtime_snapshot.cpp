// The runtime's state at a cursor time (sim/runtime_snapshot.h): exact expectations on the
// books' runs and a few small programs (checked against their traces), agreement with the
// engine's own queues and thread states when a run is stopped at a time budget, and the
// playback cursor giving the same snapshot as a fresh replay, forwards, backwards and at random.
#ifndef Q_MOC_RUN // moc 6.4 cannot parse C++20 <concepts>, which <coroutine> pulls in
#include "runtime/runtime.h"
#include "sim/fanout_workload.h"
#include "sim/runtime_snapshot.h"
#include "sim/scenario_library.h"
#endif

#include <QtTest>

#include <map>
#include <memory>
#include <random>
#include <set>

using namespace pw;

namespace {

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kS = 1'000'000'000;

// Small programs for what the library does not show. "held" is shared-counter-async-mutex with
// the guard kept across a tokio sleep, so that the other task has to wait for the lock.
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

std::string heldAcrossAwait()
{
    std::string s = builtInScenarioSource("shared-counter-async-mutex");
    const std::string from = "        std::mem::drop(data);\n        std::thread::sleep(Duration::from_secs(1));";
    const std::string to = "        tokio::time::sleep(Duration::from_secs(1)).await;\n        std::mem::drop(data);";
    const auto at = s.find(from);
    if (at == std::string::npos)
        return {};
    return s.replace(at, from.size(), to);
}

/// Runs a built-in ("inline:<name>" for the programs above, "held" for the variant) once per
/// flavor and keeps the result.
const Trace& traceOf(const std::string& scenario, bool currentThread = false)
{
    static std::map<std::pair<std::string, bool>, std::unique_ptr<RunResult>> cache;
    auto& slot = cache[{scenario, currentThread}];
    if (!slot) {
        LoadResult l;
        if (scenario.rfind("inline:", 0) == 0) {
            const std::string name = scenario.substr(7);
            l = loadScenario(name + ".rs", inlineScenarios().at(name));
        } else if (scenario == "held") {
            l = loadScenario("held.rs", heldAcrossAwait());
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

// ---- one-line descriptions of the parts of a snapshot, for exact comparisons ----------------

std::string taskName(const Trace& tr, TaskId t)
{
    if (t == kNoTask)
        return "-";
    return (t < tr.tasks.size() ? tr.taskName(t) : std::string("?")) + "#" + std::to_string(t);
}

std::string taskList(const Trace& tr, const std::vector<TaskId>& ids)
{
    std::string s = "[";
    for (std::size_t i = 0; i < ids.size(); ++i)
        s += (i ? " " : "") + taskName(tr, ids[i]);
    return s + "]";
}

std::string describeThread(const Trace& tr, const ThreadSnapshot& th)
{
    switch (th.activity) {
    case ThreadActivity::Polling:
        return "polling " + taskName(tr, th.task);
    case ThreadActivity::Blocked:
        return "blocked " + taskName(tr, th.task) + " in " + toString(th.blockReason) +
               (th.blockedUntil >= 0 ? " until " + formatSeconds(th.blockedUntil) : std::string());
    case ThreadActivity::Parked:
        return th.holdsDriver ? "parked on the driver" : "parked";
    default:
        return toString(th.activity);
    }
}

std::string describeTask(const TaskSnapshot& t)
{
    std::string s = toString(t.activity);
    if (t.activity == TaskActivity::Queued) {
        s += std::string(" ") + toString(t.queue);
        if (t.queue == QueueKind::Lifo || t.queue == QueueKind::Local)
            s += " " + std::to_string(t.worker);
    }
    if (t.activity == TaskActivity::Running || t.activity == TaskActivity::Blocked)
        s += " on " + std::to_string(t.thread);
    return s;
}

/// `key`: "thread:<name>", "worker:<name>", "inject", "blocking", "timers", "mutex:<name>",
/// "main", "task:<id>".
std::string describe(const Trace& tr, const RuntimeSnapshot& s, const std::string& key)
{
    const auto colon = key.find(':');
    const std::string kind = key.substr(0, colon);
    const std::string arg = colon == std::string::npos ? std::string() : key.substr(colon + 1);
    if (kind == "thread") {
        for (const auto& th : s.threads)
            if (th.name == arg)
                return describeThread(tr, th);
        return "no such thread";
    }
    if (kind == "worker") {
        for (const auto& w : s.workers)
            if (w.name == arg)
                return (w.hasLifoSlot ? "lifo=" + taskName(tr, w.lifo) + " " : std::string()) +
                       "local=" + taskList(tr, w.local);
        return "no such worker";
    }
    if (kind == "inject")
        return taskList(tr, s.inject);
    if (kind == "blocking")
        return taskList(tr, s.blocking);
    if (kind == "timers") {
        std::string out;
        for (const auto& tm : s.timers)
            out += (out.empty() ? "" : " ") + taskName(tr, tm.task) + "@" + formatSeconds(tm.deadline);
        return out.empty() ? "none" : out;
    }
    if (kind == "mutex") {
        for (const auto& m : s.mutexes)
            if (m.name == arg)
                return "holder=" + taskName(tr, m.holder) + " waiters=" + taskList(tr, m.waiters) +
                       (m.handedTo != kNoTask ? " handed to " + taskName(tr, m.handedTo) : std::string());
        return "no such mutex";
    }
    if (kind == "main")
        return describeTask(s.main());
    if (kind == "task") {
        const auto id = static_cast<std::size_t>(std::stoul(arg));
        return id < s.tasks.size() ? describeTask(s.tasks[id]) : "no such task";
    }
    return "bad key";
}

const char* threadStateName(ThreadState s)
{
    switch (s) {
    case ThreadState::Idle:
        return "idle";
    case ThreadState::Polling:
        return "polling";
    case ThreadState::Blocked:
        return "blocked";
    case ThreadState::Parked:
        return "parked";
    case ThreadState::Exited:
        return "exited";
    }
    return "?";
}

/// The distinct event times of a trace, and a time between each two, plus both ends.
std::vector<std::int64_t> probeTimes(const Trace& tr)
{
    std::set<std::int64_t> ts{-1};
    std::int64_t prev = -1;
    for (const auto& e : tr.events) {
        if (e.t != prev) {
            ts.insert(e.t);
            if (prev >= 0 && e.t - prev > 1)
                ts.insert(prev + (e.t - prev) / 2);
            prev = e.t;
        }
    }
    ts.insert(prev + kS);
    return {ts.begin(), ts.end()};
}

} // namespace

class TestRuntimeSnapshot : public QObject {
    Q_OBJECT
private slots:
    void builtInRuns_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<bool>("currentThread");
        QTest::addColumn<qint64>("t");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");
        auto row = [](const char* name, const char* scenario, bool ct, std::int64_t t, const char* key,
                      const char* expected) {
            QTest::newRow(name) << QString(scenario) << ct << qint64(t) << QString(key) << QString(expected);
        };

        // Persons joined on one worker. At 0.1 s both kettle-side timers fire on worker-0: person
        // one (task 1) is woken first into the LIFO slot, person two (task 2) replaces it there
        // and pushes person one to the back of the local queue; person two runs and blocks the
        // worker in thread::sleep while person one waits behind it.
        row("persons-joined 0.1s+: worker-0", "persons-joined", false, 100 * kMs + 1, "thread:worker-0",
            "blocked person#2 in thread::sleep until 3.100s");
        row("persons-joined 0.1s+: queues", "persons-joined", false, 100 * kMs + 1, "worker:worker-0",
            "lifo=- local=[person#1]");
        row("persons-joined 0.1s+: person one", "persons-joined", false, 100 * kMs + 1, "task:1",
            "queued local-queue 0");
        row("persons-joined 0.1s+: person two", "persons-joined", false, 100 * kMs + 1, "task:2", "blocked on 1");
        row("persons-joined 0.1s+: main", "persons-joined", false, 100 * kMs + 1, "thread:main", "parked");
        row("persons-joined 0.1s+: timers", "persons-joined", false, 100 * kMs + 1, "timers",
            "person#1@10.000s person#1@10.000s person#2@10.000s person#2@10.000s");
        row("persons-joined 0s: every sleep registered", "persons-joined", false, 0, "timers",
            "person#1@0.100s person#2@0.100s person#1@10.000s person#1@10.000s person#2@10.000s person#2@10.000s");
        row("persons-joined 0s: worker-0 holds the driver", "persons-joined", false, 0, "thread:worker-0",
            "parked on the driver");
        row("persons-joined 0s: queues empty", "persons-joined", false, 0, "worker:worker-0", "lifo=- local=[]");
        row("persons-joined 0s: inject drained", "persons-joined", false, 0, "inject", "[]");
        row("persons-joined 6.1s: person one pours", "persons-joined", false, 6100 * kMs, "thread:worker-0",
            "blocked person#1 in thread::sleep until 9.100s");
        row("persons-joined 6.1s: nobody queued", "persons-joined", false, 6100 * kMs, "worker:worker-0",
            "lifo=- local=[]");
        row("persons-joined 6.1s: person two waits", "persons-joined", false, 6100 * kMs, "task:2", "waiting");
        // Overdue: the 10 s timers fire at 12.1 s, when the worker parks and runs the driver.
        row("persons-joined 11s: timers overdue", "persons-joined", false, 11 * kS, "timers",
            "person#1@10.000s person#1@10.000s person#2@10.000s person#2@10.000s");
        row("persons-joined end: main done", "persons-joined", false, 30 * kS, "main", "done");
        // The same program on the current-thread runtime: main's thread owns the one queue.
        row("persons-joined/ct 3s: main thread", "persons-joined", true, 3 * kS, "thread:main",
            "blocked person#1 in thread::sleep until 3.100s");
        row("persons-joined/ct 3s: its queue", "persons-joined", true, 3 * kS, "worker:main", "local=[person#2]");

        // Coffee and toast: main pours (blocks) until 6 s, then waits on kettle and toaster.
        row("coffee-toast 1s: main pours", "coffee-toast", false, 1 * kS, "thread:main",
            "blocked main#0 in thread::sleep until 3.000s");
        row("coffee-toast 10s: main parked", "coffee-toast", false, 10 * kS, "thread:main", "parked");
        row("coffee-toast 10s: main waits", "coffee-toast", false, 10 * kS, "main", "waiting");
        row("coffee-toast 10s: two timers at 16 s", "coffee-toast", false, 10 * kS, "timers",
            "main#0@16.000s main#0@16.000s");
        row("coffee-toast 10s: worker-0 holds the driver", "coffee-toast", false, 10 * kS, "thread:worker-0",
            "parked on the driver");
        row("coffee-toast 17s: the toaster's timer is left", "coffee-toast", false, 17 * kS, "timers", "none");

        // std-mutex-deadlock: future one holds 'data' across its sleep, future two (in main's
        // same poll) blocks the only thread on it. The sleep never fires.
        {
            const std::int64_t end = traceOf("std-mutex-deadlock").status.endNs;
            row("std-mutex-deadlock end: data", "std-mutex-deadlock", false, end, "mutex:data",
                "holder=main#0 waiters=[main#0]");
            row("std-mutex-deadlock end: main blocked", "std-mutex-deadlock", false, end, "thread:main",
                "blocked main#0 in std::sync::Mutex::lock");
            row("std-mutex-deadlock end: main task", "std-mutex-deadlock", false, end, "main", "blocked on 0");
            row("std-mutex-deadlock end: the sleep stays", "std-mutex-deadlock", false, end, "timers", "main#0@1.000s");
            row("std-mutex-deadlock end: the queue", "std-mutex-deadlock", false, end, "worker:main", "no such worker");
        }

        // shared-counter-async-mutex drops the guard before its thread::sleep: the lock is taken
        // and released within one instant, so no instant shows a holder or a waiter.
        row("shared-counter 0.5s: lock free", "shared-counter-async-mutex", false, 500 * kMs, "mutex:shared_data",
            "holder=- waiters=[]");
        row("shared-counter 0.5s: handle_one sleeps", "shared-counter-async-mutex", false, 500 * kMs, "thread:worker-3",
            "blocked handle_one#1 in thread::sleep until 1.000s");
        // Held across a tokio sleep instead, the lock changes hands every second (FIFO).
        row("held 0.5s: a holder and a waiter", "held", false, 500 * kMs, "mutex:shared_data",
            "holder=handle_one#1 waiters=[handle_two#2]");
        row("held 0.5s: the holder's sleep", "held", false, 500 * kMs, "timers", "handle_one#1@1.000s");
        row("held 0.5s: the waiter waits", "held", false, 500 * kMs, "task:2", "waiting");
        row("held 1.5s: handed over", "held", false, 1500 * kMs, "mutex:shared_data",
            "holder=handle_two#2 waiters=[handle_one#1]");

        // Timers dropped unfired: timeout's inner sleep, select!'s loser, an aborted task's.
        row("timeout 1s: both timers", "timeout", false, 1 * kS, "timers", "main#0@3.000s main#0@10.000s");
        row("timeout 3s: the slow sleep was dropped", "timeout", false, 3 * kS, "timers", "none");
        row("select-race 0.5s: both branches", "select-race", false, 500 * kMs, "timers",
            "main#0@1.000s main#0@2.000s");
        row("select-race 1s: the loser was dropped", "select-race", false, 1 * kS, "timers", "none");
        row("abort 1s: three sleeps", "inline:abort", false, 1 * kS, "timers",
            "main#0@3.000s slow#1@10.000s forgotten#2@20.000s");
        row("abort 3.5s: slow cancelled", "inline:abort", false, 3500 * kMs, "task:1", "cancelled");
        row("abort 3.5s: its sleep is gone", "inline:abort", false, 3500 * kMs, "timers",
            "main#0@4.000s forgotten#2@20.000s");
        row("abort end: shutdown cancels forgotten", "inline:abort", false, 5 * kS, "timers", "none");

        // Queues: spawns from a worker go to its LIFO slot, pushing the previous one back; main's
        // spawns (from outside the runtime) go to the inject queue.
        row("queues 1s: worker-0 blocked", "inline:queues", false, 1 * kS, "thread:worker-0",
            "blocked spawner#1 in thread::sleep until 3.000s");
        row("queues 1s: LIFO and local", "inline:queues", false, 1 * kS, "worker:worker-0", "lifo=c#6 local=[a#4 b#5]");
        row("queues 1s: inject", "inline:queues", false, 1 * kS, "inject", "[one#2 two#3]");
        row("queues 1s: c in the LIFO slot", "inline:queues", false, 1 * kS, "task:6", "queued lifo-slot 0");
        row("queues end: all ran", "inline:queues", false, 10 * kS, "inject", "[]");

        // spawn_blocking: the job runs on a pool thread, main waits for it.
        row("spawn-blocking-offload 1s: pool thread", "spawn-blocking-offload", false, 1 * kS, "thread:blocking-0",
            "blocked work#2 in thread::sleep until 2.500s");
        row("spawn-blocking-offload 1s: pool queue empty", "spawn-blocking-offload", false, 1 * kS, "blocking", "[]");
        row("spawn-blocking-offload before the start", "spawn-blocking-offload", false, -1, "thread:blocking-0",
            "not started");
    }

    void builtInRuns()
    {
        QFETCH(QString, scenario);
        QFETCH(bool, currentThread);
        QFETCH(qint64, t);
        QFETCH(QString, key);
        QFETCH(QString, expected);
        const Trace& tr = traceOf(scenario.toStdString(), currentThread);
        QVERIFY(!tr.events.empty());
        const RuntimeSnapshot s = snapshotAt(tr, t);
        QCOMPARE(QString::fromStdString(describe(tr, s, key.toStdString())), expected);
    }

    void snapshotShape()
    {
        const Trace& tr = traceOf("coffee-toast");
        const RuntimeSnapshot s = snapshotAt(tr, 10 * kS);
        QCOMPARE(s.t, 10 * kS);
        QCOMPARE(s.threads.size(), tr.threads.size());
        QCOMPARE(s.tasks.size(), tr.tasks.size());
        QCOMPARE(s.workers.size(), std::size_t(4));
        QCOMPARE(s.mainThread, ThreadId(0));
        for (std::size_t w = 0; w < s.workers.size(); ++w) {
            QCOMPARE(s.workers[w].name, "worker-" + std::to_string(w));
            QCOMPARE(s.threads[s.workers[w].thread].worker, int(w));
            QVERIFY(s.workers[w].hasLifoSlot);
        }
        std::size_t applied = 0;
        while (applied < tr.events.size() && tr.events[applied].t <= 10 * kS)
            ++applied;
        QCOMPARE(s.eventsApplied, applied);
        // Before the first event: nothing started, nothing spawned.
        const RuntimeSnapshot before = snapshotAt(tr, -1);
        QCOMPARE(before.eventsApplied, std::size_t(0));
        QCOMPARE(before.main().activity, TaskActivity::NotSpawned);
        for (const auto& th : before.threads)
            QCOMPARE(th.activity, ThreadActivity::NotStarted);
        // The block_on executor has no run queue at all.
        const Trace& bo = traceOf("executor-park");
        QVERIFY(snapshotAt(bo, 0).workers.empty());
    }

    // The engine stopped by its time budget keeps its queues: they must be exactly the replay's.
    void agreesWithTheEngine_data()
    {
        QTest::addColumn<int>("workers");
        QTest::addColumn<int>("capacity");
        QTest::addColumn<qint64>("pollCostNs");
        QTest::addColumn<quint64>("seed");
        QTest::newRow("4 workers, queue of 8") << 4 << 8 << qint64(0) << quint64(1);
        QTest::newRow("3 workers, queue of 4, polls cost 3us") << 3 << 4 << qint64(3000) << quint64(7);
        QTest::newRow("2 workers, queue of 256, polls cost 20us") << 2 << 256 << qint64(20000) << quint64(3);
        QTest::newRow("1 worker, queue of 2") << 1 << 2 << qint64(1000) << quint64(5);
    }

    void agreesWithTheEngine()
    {
        QFETCH(int, workers);
        QFETCH(int, capacity);
        QFETCH(qint64, pollCostNs);
        QFETCH(quint64, seed);
        int steals = 0;
        int overflows = 0;
        int displaced = 0; // LIFO schedules that push a task out to the local queue
        int nonEmptyLocal = 0;
        for (std::int64_t stop : {std::int64_t(0), 1 * kMs, 2 * kMs + 5000, 17 * kMs + 4000, 50 * kMs + 1,
                                  100 * kMs + 9000, 333 * kMs + 12345}) {
            RuntimeConfig cfg;
            cfg.workers = workers;
            cfg.localQueueCapacity = static_cast<std::uint32_t>(capacity);
            cfg.pollCost = SimDuration::nanos(pollCostNs);
            cfg.seed = seed;
            cfg.maxTime = SimDuration::nanos(stop);
            Runtime rt(cfg);
            rt.setMain(workload::fanoutMain(rt, 300).boxed());
            const Trace& tr = rt.run();
            const RuntimeSnapshot s = snapshotAt(tr, stop);
            const QByteArray where = "stopped at " + QByteArray::number(qint64(stop));
            QCOMPARE(s.eventsApplied, tr.events.size());
            QCOMPARE(s.workers.size(), std::size_t(workers));
            for (int w = 0; w < workers; ++w) {
                const WorkerCore& core = rt.worker(static_cast<std::size_t>(w));
                const std::vector<TaskId> local = core.runQueue.items();
                QVERIFY2(s.workers[w].lifo == core.lifo, where);
                QVERIFY2(s.workers[w].local == local, where);
                nonEmptyLocal += local.empty() ? 0 : 1;
            }
            QVERIFY2(s.inject.size() == rt.injectSize(), where);
            QVERIFY2(s.timers.size() == rt.pendingTimers(), where);
            for (ThreadId th = 0; th < rt.threadCount(); ++th) {
                const SimThread& thr = rt.thread(th);
                const ThreadSnapshot& ts = s.threads[th];
                const char* expected = threadStateName(thr.state);
                const char* got = ts.activity == ThreadActivity::NotStarted ? "idle" : toString(ts.activity);
                QVERIFY2(QByteArray(expected) == got,
                         where + " " + ts.name.c_str() + ": engine " + expected + ", snapshot " + got);
                if (thr.state == ThreadState::Polling || thr.state == ThreadState::Blocked)
                    QVERIFY2(ts.task == thr.current, where);
            }
            for (TaskId t = 0; t < rt.taskCount(); ++t) {
                const TaskState st = rt.task(t).state;
                const TaskActivity a = s.tasks[t].activity;
                bool ok = false;
                switch (st) {
                case TaskState::Idle:
                    ok = a == TaskActivity::Waiting || a == TaskActivity::Stalled;
                    break;
                case TaskState::Scheduled:
                    ok = a == TaskActivity::Queued;
                    break;
                case TaskState::Running:
                case TaskState::RunningNotified:
                    ok = a == TaskActivity::Running || a == TaskActivity::Blocked;
                    break;
                case TaskState::Done:
                    ok = a == TaskActivity::Done;
                    break;
                case TaskState::Cancelled:
                    ok = a == TaskActivity::Cancelled;
                    break;
                }
                QVERIFY2(ok, where + " task " + QByteArray::number(t) + ": " + toString(a));
            }
            for (const auto& e : tr.events) {
                steals += e.kind == EventKind::Steal ? 1 : 0;
                displaced += lifoDisplaced(e) != kNoTask ? 1 : 0;
                overflows += e.kind == EventKind::Schedule &&
                                     e.detail == static_cast<std::uint8_t>(QueueKind::Inject) && e.thread != 0
                                 ? 1
                                 : 0;
            }
        }
        // The runs must exercise what the rules are about.
        if (workers > 1)
            QVERIFY(steals > 0);
        if (capacity <= 8)
            QVERIFY(overflows > 0);
        QVERIFY(displaced > 0);
        QVERIFY(nonEmptyLocal > 0);
    }

    void cursorIsExactBothWays_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<bool>("currentThread");
        for (const std::string& id : builtInScenarioIds()) {
            QTest::newRow(id.c_str()) << QString::fromStdString(id) << false;
            QTest::newRow((id + "/ct").c_str()) << QString::fromStdString(id) << true;
        }
        QTest::newRow("held") << QString("held") << false;
        QTest::newRow("inline:abort") << QString("inline:abort") << false;
        QTest::newRow("inline:queues") << QString("inline:queues") << false;
    }

    void cursorIsExactBothWays()
    {
        QFETCH(QString, scenario);
        QFETCH(bool, currentThread);
        const Trace& tr = traceOf(scenario.toStdString(), currentThread);
        if (tr.events.empty())
            QSKIP("the scenario does not run on this flavor");
        const std::vector<std::int64_t> times = probeTimes(tr);
        std::vector<RuntimeSnapshot> fresh;
        fresh.reserve(times.size());
        for (std::int64_t t : times)
            fresh.push_back(snapshotAt(tr, t));

        for (std::size_t interval : {std::size_t(0), std::size_t(1), std::size_t(7)}) {
            SnapshotCursor c(tr, interval);
            for (std::size_t i = 0; i < times.size(); ++i) {
                c.seek(times[i]);
                QCOMPARE(c.time(), times[i]);
                QVERIFY2(c.snapshot() == fresh[i], ("forward to " + std::to_string(times[i])).c_str());
            }
            // Forward playback applies every event exactly once.
            QCOMPARE(c.eventsReplayed(), std::uint64_t(tr.events.size()));
            for (std::size_t i = times.size(); i-- > 0;) {
                c.seek(times[i]);
                QVERIFY2(c.snapshot() == fresh[i], ("backward to " + std::to_string(times[i])).c_str());
            }
            std::mt19937 rng(42);
            for (int k = 0; k < 50; ++k) {
                const std::size_t i = rng() % times.size();
                c.seek(times[i]);
                QVERIFY2(c.snapshot() == fresh[i], ("jump to " + std::to_string(times[i])).c_str());
            }
        }
    }

    void cursorOnALongRun()
    {
        RuntimeConfig cfg;
        cfg.workers = 4;
        cfg.localQueueCapacity = 16;
        Runtime rt(cfg);
        rt.setMain(workload::fanoutMain(rt, 500).boxed());
        const Trace& tr = rt.run();
        QVERIFY(tr.events.size() > 20'000);
        const std::int64_t end = tr.events.back().t;
        std::vector<std::int64_t> times;
        for (int k = 0; k <= 40; ++k)
            times.push_back(end * k / 40 + (k % 3));
        SnapshotCursor c(tr, 1000);
        for (std::int64_t t : times) {
            c.seek(t);
            QVERIFY(c.snapshot() == snapshotAt(tr, t));
        }
        QCOMPARE(c.eventsReplayed(), std::uint64_t(tr.events.size()));
        const std::uint64_t forward = c.eventsReplayed();
        for (auto it = times.rbegin(); it != times.rend(); ++it) {
            c.seek(*it);
            QVERIFY(c.snapshot() == snapshotAt(tr, *it));
        }
        // Backwards costs at most one checkpoint interval per seek.
        QVERIFY(c.eventsReplayed() - forward <= times.size() * 1000);
    }

    void emptyTrace()
    {
        Trace tr;
        const RuntimeSnapshot s = snapshotAt(tr, 5);
        QVERIFY(s.threads.empty());
        QVERIFY(s.tasks.empty());
        QCOMPARE(s.main().activity, TaskActivity::NotSpawned);
        SnapshotCursor c(tr);
        c.seek(10);
        c.seek(0);
        QVERIFY(c.snapshot() == snapshotAt(tr, 0));
    }
};

QTEST_GUILESS_MAIN(TestRuntimeSnapshot)
#include "tst_runtime_snapshot.moc"
