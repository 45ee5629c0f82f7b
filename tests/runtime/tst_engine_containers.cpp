// The engine's containers against plain reference implementations: the event queue pops in
// exactly (time, seq) order, the block log indexes and iterates like a vector across its
// blocks, the local queue's ring wraps, overflows and is stolen from like tokio's queue, and
// the timer queue fires in (deadline, registration) order without the cancelled ones.
#include "runtime/block_log.h"
#include "runtime/chunked_vector.h"
#include "runtime/event_queue.h"
#include "runtime/frame_pool.h"
#include "runtime/local_queue.h"
#include "runtime/rng.h"
#include "runtime/timer_queue.h"
#include "runtime/trace.h"

#include <QtTest>

#include <algorithm>
#include <cstring>
#include <deque>
#include <vector>

using namespace pw;

class TestEngineContainers : public QObject {
    Q_OBJECT
private slots:
    void eventQueuePopsInTimeThenSeqOrder_data()
    {
        QTest::addColumn<quint64>("seed");
        QTest::newRow("seed 1") << quint64{1};
        QTest::newRow("seed 2") << quint64{2};
        QTest::newRow("seed 99") << quint64{99};
    }
    void eventQueuePopsInTimeThenSeqOrder()
    {
        // Pushes interleaved with pops, as the engine does: many at the current instant (the
        // FIFO), some later (the heap), some later ones at an instant the FIFO is serving.
        QFETCH(quint64, seed);
        Rng rng(seed);
        EventQueue q;
        std::vector<EngineEvent> reference; // every event pushed, with its seq
        std::vector<EngineEvent> popped;
        std::int64_t now = 0;
        std::uint64_t seq = 0;
        auto push = [&](std::int64_t t) {
            const auto th = static_cast<ThreadId>(rng.below(8));
            q.push(t, th, EngineEventKind::Step, static_cast<std::uint32_t>(seq));
            reference.push_back(EngineEvent{t, seq++, 0, th, EngineEventKind::Step});
        };
        push(0);
        for (int i = 0; i < 20000 && !q.empty(); ++i) {
            const EngineEvent e = q.pop();
            QVERIFY(e.t >= now);
            now = e.t;
            popped.push_back(e);
            const std::uint32_t n = rng.below(3) + (q.empty() ? 1 : 0);
            for (std::uint32_t k = 0; k < n; ++k)
                push(rng.below(4) == 0 ? now + 1 + rng.below(5) : now);
        }
        while (!q.empty())
            popped.push_back(q.pop());
        std::stable_sort(reference.begin(), reference.end(),
                         [](const EngineEvent& a, const EngineEvent& b) { return b > a; });
        QCOMPARE(popped.size(), reference.size());
        for (std::size_t i = 0; i < popped.size(); ++i) {
            QCOMPARE(popped[i].t, reference[i].t);
            QCOMPARE(popped[i].generation, static_cast<std::uint32_t>(reference[i].seq));
            QCOMPARE(popped[i].thread, reference[i].thread);
        }
    }

    void blockLogIndexesAcrossBlocks()
    {
        BlockLog<std::uint64_t, 4> log; // 16 records per block: the first grows, then full blocks
        std::vector<std::uint64_t> ref;
        for (std::uint64_t i = 0; i < 100; ++i) {
            log.push_back(i * 7);
            ref.push_back(i * 7);
            QCOMPARE(log.size(), ref.size());
            QCOMPARE(log.back(), ref.back());
        }
        for (std::size_t i = 0; i < ref.size(); ++i)
            QCOMPARE(log[i], ref[i]);
        QVERIFY(std::equal(log.begin(), log.end(), ref.begin(), ref.end()));
        const auto it = std::upper_bound(log.begin(), log.end(), std::uint64_t{350});
        QCOMPARE(it - log.begin(), std::ptrdiff_t{51});
        QCOMPARE(*(it - 1), std::uint64_t{350});

        BlockLog<std::uint64_t, 4> copy = log;
        log[20] = 1; // the copy is deep
        QCOMPARE(copy[20], std::uint64_t{140});
        BlockLog<std::uint64_t, 4> moved = std::move(copy);
        QCOMPARE(moved.size(), std::size_t{100});
        QCOMPARE(moved[99], std::uint64_t{693});
        moved.assign(ref.begin(), ref.begin() + 3);
        QCOMPARE(moved.size(), std::size_t{3});
        QCOMPARE(moved.back(), std::uint64_t{14});
        moved.clear();
        QVERIFY(moved.empty());
    }

    void localQueueWrapsOverflowsAndIsStolenFrom()
    {
        LocalQueue q(8);
        std::deque<TaskId> ref;
        TaskId next = 0;
        Rng rng(5);
        for (int i = 0; i < 2000; ++i) {
            if (rng.below(3) != 0) {
                const std::vector<TaskId> overflow = q.pushBack(next);
                if (ref.size() < 8) {
                    QVERIFY(overflow.empty());
                    ref.push_back(next);
                } else { // the older half plus the new task go to the inject queue
                    QCOMPARE(overflow.size(), std::size_t{5});
                    for (std::size_t k = 0; k < 4; ++k) {
                        QCOMPARE(overflow[k], ref.front());
                        ref.pop_front();
                    }
                    QCOMPARE(overflow.back(), next);
                }
                ++next;
            } else if (rng.below(4) == 0) {
                const std::vector<TaskId> stolen = q.stealHalf();
                QCOMPARE(stolen.size(), ref.size() - ref.size() / 2);
                for (TaskId t : stolen) {
                    QCOMPARE(t, ref.front());
                    ref.pop_front();
                }
            } else {
                TaskId t = kNoTask;
                QCOMPARE(q.pop(t), !ref.empty());
                if (!ref.empty()) {
                    QCOMPARE(t, ref.front());
                    ref.pop_front();
                }
            }
            QCOMPARE(q.size(), ref.size());
            const std::vector<TaskId> items = q.items();
            QVERIFY(std::equal(items.begin(), items.end(), ref.begin(), ref.end()));
        }
    }

    void timerQueueFiresInDeadlineThenRegistrationOrder()
    {
        constexpr std::int64_t ms = 1'000'000;
        TimerQueue q;
        bool firedNow = true;
        const TimerId a = q.add(3 * ms, 10, firedNow);
        QVERIFY(!firedNow);
        const TimerId b = q.add(2 * ms + 1, 11, firedNow); // rounds up to 3 ms
        const TimerId c = q.add(1 * ms, 12, firedNow);
        const TimerId d = q.add(3 * ms, 13, firedNow);
        QCOMPARE(q.pendingCount(), std::size_t{4});
        QCOMPARE(q.nextDeadline(), 1 * ms);
        QCOMPARE(q.cancel(3 * ms, b), TaskId{11});
        QCOMPARE(q.replaceTask(3 * ms, d, 14), TaskId{13});
        QCOMPARE(q.pendingCount(), std::size_t{3});

        std::vector<TimerQueue::Fired> fired;
        q.processUntil(2 * ms + 999'999, fired); // rounds down to 2 ms
        QCOMPARE(fired.size(), std::size_t{1});
        QCOMPARE(fired[0].task, TaskId{12});
        QCOMPARE(fired[0].deadline, 1 * ms);
        QVERIFY(q.elapsed(1 * ms));
        Q_UNUSED(c);
        QVERIFY(!q.elapsed(3 * ms));

        q.processUntil(3 * ms, fired);
        QCOMPARE(fired.size(), std::size_t{2});
        QCOMPARE(fired[0].task, TaskId{10}); // a, then d (now waking 14); b was cancelled
        QCOMPARE(fired[1].task, TaskId{14});
        QCOMPARE(q.pendingCount(), std::size_t{0});
        QVERIFY(q.elapsed(3 * ms));
        Q_UNUSED(a);

        // A deadline at or before the last processed tick fires at once and stores nothing.
        QCOMPARE(q.add(3 * ms, 15, firedNow), kNoTimer);
        QVERIFY(firedNow);
        QCOMPARE(q.pendingCount(), std::size_t{0});

        // Cancelling every timer of a tick drops the tick.
        const TimerId e = q.add(9 * ms, 16, firedNow);
        QCOMPARE(q.nextDeadline(), 9 * ms);
        q.cancel(9 * ms, e);
        QCOMPARE(q.nextDeadline(), std::numeric_limits<std::int64_t>::max());
    }

    void framePoolReusesBlocksByClass()
    {
        std::uint8_t c1 = 0;
        std::uint8_t c2 = 0;
        void* a = allocateFrame(312, c1);
        void* b = allocateFrame(312, c2);
        QVERIFY(a != b);
        QCOMPARE(c1, c2);
        QCOMPARE(reinterpret_cast<std::uintptr_t>(a) % 16, std::uintptr_t{0});
        std::memset(a, 0xab, 312);
        std::memset(b, 0xcd, 312);
        QCOMPARE(static_cast<unsigned char*>(a)[311], static_cast<unsigned char>(0xab)); // no overlap
        std::uint8_t big = 0;
        void* huge = allocateFrame(64 * 1024, big);
        QCOMPARE(big, std::uint8_t{0}); // past the largest class: the global heap
        freeFrame(huge, big);
        freeFrame(a, c1);
        if (c1 != 0) { // the pool (sanitizer builds use the heap for every frame)
            std::uint8_t c3 = 0;
            void* smaller = allocateFrame(296, c3); // a 16-byte class below 312's: not a's block
            QVERIFY(c3 != c1);
            QVERIFY(smaller != a);
            std::uint8_t c4 = 0;
            void* again = allocateFrame(310, c4); // the same 16-byte class as 312
            QCOMPARE(c4, c1);
            QCOMPARE(again, a);
            freeFrame(again, c4);
            freeFrame(smaller, c3);
        }
        freeFrame(b, c2);
    }

    void tableChunksStayCacheLineAligned()
    {
        // Frames are carved in 16-byte steps from the same arena as table chunks.
        std::uint8_t c = 0;
        void* odd = allocateFrame(48, c);
        void* chunk = allocateTableChunk(64 * 1024);
        QCOMPARE(reinterpret_cast<std::uintptr_t>(chunk) % 64, std::uintptr_t{0});
        std::memset(chunk, 0x5a, 64 * 1024);
        freeTableChunk(chunk, 64 * 1024);
        freeFrame(odd, c);
    }

    void taskNamesAreDefaultOrStoredOncePerRunOfEqualNames()
    {
        Trace tr;
        QCOMPARE(tr.addTask("main", TaskKind::Main, kNoTask, 0), TaskId{0});
        tr.addTask("", TaskKind::Async, 0, 5);
        tr.addTask("", TaskKind::Blocking, 0, 5);
        tr.addTask("", TaskKind::OsThread, 0, 5);
        for (int i = 0; i < 3; ++i)
            tr.addTask("person", TaskKind::Async, 0, 7);
        tr.addTask("cook", TaskKind::Async, 0, 7);
        tr.addTask("person", TaskKind::Async, 0, 7);
        Trace unnamedMain;
        unnamedMain.addTask("", TaskKind::Main, kNoTask, 0);

        QCOMPARE(tr.taskName(0), std::string("main"));
        QCOMPARE(tr.taskName(1), std::string("task-1"));
        QCOMPARE(tr.taskName(2), std::string("blocking-2"));
        QCOMPARE(tr.taskName(3), std::string("thread-3"));
        QCOMPARE(tr.taskName(6), std::string("person"));
        QCOMPARE(tr.taskName(7), std::string("cook"));
        QCOMPARE(tr.taskName(8), std::string("person"));
        QCOMPARE(unnamedMain.taskName(0), std::string());
        // Default names are not stored; a run of equal names is stored once.
        QCOMPARE(tr.taskNames.size(), std::size_t(1 + 4)); // [0], main, person, cook, person
        QCOMPARE(tr.tasks[4].name, tr.tasks[6].name);
        QCOMPARE(tr.tasks[2].kind, TaskKind::Blocking);
        QCOMPARE(tr.tasks[5].parent, TaskId{0});
        QCOMPARE(tr.tasks[5].spawnedNs, std::int64_t{7});
    }

    void chunkedVectorKeepsElementsInPlace()
    {
        static int live = 0;
        struct Counted {
            int v;
            explicit Counted(int x) : v(x) { ++live; }
            ~Counted() { --live; }
        };
        {
            ChunkedVector<Counted, 3> table; // 8 per chunk
            Counted& first = table.emplace_back(0);
            for (int i = 1; i < 100; ++i)
                table.emplace_back(i);
            QCOMPARE(&table[0], &first); // growth never moves elements
            QCOMPARE(table.size(), std::size_t{100});
            QCOMPARE(live, 100);
            int sum = 0;
            table.forEach([&](Counted& c) { sum += c.v; });
            QCOMPARE(sum, 4950);
            QCOMPARE(table[57].v, 57);
        }
        QCOMPARE(live, 0); // every element destroyed with the table
    }
};

QTEST_GUILESS_MAIN(TestEngineContainers)
#include "tst_engine_containers.moc"
