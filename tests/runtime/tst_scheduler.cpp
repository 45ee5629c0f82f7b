// The multi-thread scheduler's observable rules, checked against what real tokio 1.24 did in
// tools/tokio-reference (probes b and c).
#include "test_support.h"

#include <QtTest>

using namespace pw;
using namespace pw::test;

namespace {
// A task that prints its name, then blocks its thread for `block`.
Async printer(Runtime& rt, std::string name, SimDuration block)
{
    rt.println(name);
    if (block.ns > 0)
        co_await threadSleep(block);
    co_return Value();
}
} // namespace

class TestScheduler : public QObject {
    Q_OBJECT
private slots:
    void spawnFromWorkerGoesToLifoSlot()
    {
        Runtime rt;
        auto parent = [](Runtime& rt) -> Async {
            rt.println("parent");
            rt.spawn(printer(rt, "child", {}).boxed(), "child");
            co_await threadSleep(ms(100));
            co_return Value();
        };
        auto body = [&](Runtime& rt) -> Async {
            co_await joinHandle(rt, rt.spawn(parent(rt).boxed(), "parent"));
            co_await sleep(rt, ms(200));
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        bool sawLifo = false;
        for (const auto& e : t.events)
            if (e.kind == EventKind::Schedule && t.taskName(e.task) == "child")
                sawLifo = e.detail == static_cast<std::uint8_t>(QueueKind::Lifo);
        QVERIFY(sawLifo);
        // tokio probe (c) with one child: nobody can steal from the LIFO slot, and a first
        // spawn notifies no other worker, so the child waits for its blocked parent.
        QCOMPARE(lineTime(t, "child"), 100 * kMs);
        QCOMPARE(lineThread(t, "child"), lineThread(t, "parent")); // it runs on the parent's worker
    }

    void stealingRunsQueuedChildrenElsewhere()
    {
        // tokio probe (c): the parent spawns C1..C3, then blocks 100 ms. C1 and C2 are pushed
        // out of the LIFO slot into the local queue and stolen by idle workers at once; C3
        // stays in the LIFO slot until the parent's poll ends.
        Runtime rt;
        auto parent = [](Runtime& rt) -> Async {
            for (const char* n : {"C1", "C2", "C3"})
                rt.spawn(printer(rt, n, {}).boxed(), n);
            rt.println("parent blocks");
            co_await threadSleep(ms(100));
            co_return Value();
        };
        auto body = [&](Runtime& rt) -> Async {
            co_await joinHandle(rt, rt.spawn(parent(rt).boxed(), "parent"));
            co_await sleep(rt, ms(50));
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(lineTime(t, "C1"), 0LL);
        QCOMPARE(lineTime(t, "C2"), 0LL);
        QCOMPARE(lineTime(t, "C3"), 100 * kMs);
        QVERIFY(lineThread(t, "C1") != lineThread(t, "parent blocks"));
        QCOMPARE(lineThread(t, "C3"), lineThread(t, "parent blocks"));
        QVERIFY(count(t, EventKind::Steal) >= 1);
        // C2 takes the LIFO slot from C1 and C3 from C2: each push-out is part of the Schedule
        // that takes the slot, so the trace holds no Schedule(Local) of its own for them.
        QStringList moves;
        for (const auto& e : t.events)
            if (e.kind == EventKind::Schedule && e.t == 0 && t.taskName(e.task).rfind('C', 0) == 0)
                moves << QString::fromStdString(t.taskName(e.task)) + "->" +
                             toString(static_cast<QueueKind>(e.detail)) +
                             (lifoDisplaced(e) == kNoTask
                                  ? QString()
                                  : " (pushes out " + QString::fromStdString(t.taskName(lifoDisplaced(e))) + ")");
        QCOMPARE(moves.mid(0, 3),
                 (QStringList{"C1->lifo-slot", "C2->lifo-slot (pushes out C1)", "C3->lifo-slot (pushes out C2)"}));
    }

    void timersWaitForABlockedOnlyWorker_data()
    {
        QTest::addColumn<int>("workers");
        QTest::addColumn<qint64>("wakeMs");
        // tokio probe (b): T2 sleeps 100 ms, T1 then blocks its worker for 500 ms. With one
        // worker nobody runs the timer driver until T1's poll ends; with four it is on time.
        QTest::newRow("one_worker_late") << 1 << qint64(500);
        QTest::newRow("four_workers_on_time") << 4 << qint64(100);
    }
    void timersWaitForABlockedOnlyWorker()
    {
        QFETCH(int, workers);
        QFETCH(qint64, wakeMs);
        Runtime rt(RuntimeConfig{.workers = workers});
        auto t2 = [](Runtime& rt) -> Async {
            co_await sleep(rt, ms(100));
            rt.println("T2 woke");
            co_return Value();
        };
        auto body = [&](Runtime& rt) -> Async {
            TaskId b = rt.spawn(t2(rt).boxed(), "T2");
            co_await sleep(rt, ms(1)); // let T2 register its timer first
            TaskId a = rt.spawn(printer(rt, "T1", ms(499)).boxed(), "T1");
            co_await joinHandle(rt, a);
            co_await joinHandle(rt, b);
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        QCOMPARE(lineTime(rt.run(), "T2 woke"), wakeMs * kMs);
    }

    void fourSpawnedTasksRunInParallel_data()
    {
        QTest::addColumn<int>("workers");
        QTest::addColumn<qint64>("endMs");
        QTest::newRow("four_workers") << 4 << qint64(100);
        QTest::newRow("one_worker") << 1 << qint64(400);
    }
    void fourSpawnedTasksRunInParallel()
    {
        // tokio probe (a): main spawns A..D, each blocks 100 ms.
        QFETCH(int, workers);
        QFETCH(qint64, endMs);
        Runtime rt(RuntimeConfig{.workers = workers});
        auto body = [](Runtime& rt) -> Async {
            std::vector<TaskId> ids;
            for (const char* n : {"A", "B", "C", "D"})
                ids.push_back(rt.spawn(printer(rt, n, ms(100)).boxed(), n));
            for (TaskId id : ids)
                co_await joinHandle(rt, id);
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(t.status.endNs, endMs * kMs);
        if (workers == 1)
            QCOMPARE(texts(t), (QStringList{"A", "B", "C", "D"})); // FIFO through the inject queue
        QSet<QString> threads;
        for (const auto& l : t.lines)
            threads.insert(QString::fromStdString(t.threads[l.thread].name));
        QCOMPARE(threads.size(), workers);
    }

    void localQueueOverflowsToInject()
    {
        Runtime rt(RuntimeConfig{.workers = 1, .localQueueCapacity = 4});
        auto parent = [](Runtime& rt) -> Async {
            for (int i = 0; i < 10; ++i)
                rt.spawn(printer(rt, "c" + std::to_string(i), {}).boxed());
            co_return Value();
        };
        auto body = [&](Runtime& rt) -> Async {
            co_await joinHandle(rt, rt.spawn(parent(rt).boxed()));
            co_await sleep(rt, ms(1));
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(t.lines.size(), std::size_t{10});
        int injected = 0;
        for (const auto& e : t.events)
            injected += e.kind == EventKind::Schedule && e.detail == static_cast<std::uint8_t>(QueueKind::Inject) &&
                        t.taskName(e.task).rfind("task-", 0) == 0;
        QVERIFY(injected >= 3); // half the queue plus the new task moved to the inject queue
    }

    void spawnBlockingDoesNotBlockTheWorker_data()
    {
        QTest::addColumn<bool>("offload");
        QTest::addColumn<qint64>("tickerEndMs");
        QTest::newRow("inline_blocks_the_worker") << false << qint64(1040); // 1st timer late, 4 more after
        QTest::newRow("spawn_blocking_offloads") << true << qint64(50);
    }
    void spawnBlockingDoesNotBlockTheWorker()
    {
        // 004: CPU-bound work inline on the only worker stalls the other task; spawn_blocking
        // moves it to a blocking-pool thread.
        QFETCH(bool, offload);
        QFETCH(qint64, tickerEndMs);
        Runtime rt(RuntimeConfig{.workers = 1});
        auto ticker = [](Runtime& rt) -> Async {
            for (int i = 0; i < 5; ++i)
                co_await sleep(rt, ms(10));
            rt.println("ticker done");
            co_return Value();
        };
        auto heavy = [](Runtime& rt, bool offload) -> Async {
            if (offload)
                co_await joinHandle(rt, rt.spawnBlocking(cpuWork(ms(1000)), "hash"));
            else
                co_await cpuWork(ms(1000));
            rt.println("heavy done");
            co_return Value();
        };
        auto body = [&](Runtime& rt, bool offload) -> Async {
            TaskId a = rt.spawn(ticker(rt).boxed(), "ticker");
            TaskId b = rt.spawn(heavy(rt, offload).boxed(), "heavy");
            co_await joinHandle(rt, a);
            co_await joinHandle(rt, b);
            co_return Value();
        };
        rt.setMain(body(rt, offload).boxed());
        const Trace& t = rt.run();
        QCOMPARE(lineTime(t, "ticker done"), tickerEndMs * kMs);
        QCOMPARE(lineTime(t, "heavy done"), 1000 * kMs);
        bool onPool = false;
        for (const auto& th : t.threads)
            onPool |= th.kind == ThreadKind::Blocking;
        QCOMPARE(onPool, offload);
    }
};

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
