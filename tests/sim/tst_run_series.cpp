// The charts' time series (sim/run_series.h): invariants on every built-in scenario and their
// agreement with run_analysis and the timeline, exact figures on the books' runs, hand-built
// traces for the edge cases, and the speed on a 1M-event trace.
#ifndef Q_MOC_RUN // moc 6.4 cannot parse C++20 <concepts>, which <coroutine> pulls in
#include "runtime/runtime.h"
#include "sim/fanout_workload.h"
#include "sim/run_analysis.h"
#include "sim/run_series.h"
#include "sim/scenario_library.h"
#include "sim/timeline_model.h"
#endif

#include <QElapsedTimer>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace pw;

namespace {

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kS = 1'000'000'000;

RunResult runBuiltIn(const std::string& id, RunOptions opts = {})
{
    LoadResult l = loadScenarioByName(id);
    if (!l.scenario) {
        QTest::qFail(("scenario does not load: " + id).c_str(), __FILE__, __LINE__);
        return {};
    }
    return runScenario(*l.scenario, opts);
}

const ThreadSeries* findThread(const RunSeries& s, const std::string& name)
{
    for (const ThreadSeries& t : s.threads)
        if (t.name == name)
            return &t;
    return nullptr;
}

/// The ns a per-bin fraction series adds up to.
double integrate(const RunSeries& s, const std::vector<double>& fractions)
{
    double sum = 0;
    for (int i = 0; i < s.bins(); ++i)
        sum +=
            fractions[static_cast<std::size_t>(i)] *
            static_cast<double>(s.binEdges[static_cast<std::size_t>(i) + 1] - s.binEdges[static_cast<std::size_t>(i)]);
    return sum;
}

/// The integral of the queue length (total, or one bucket) over [0, endNs].
std::int64_t queueIntegral(const RunSeries& s, int bucket = -1)
{
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < s.queue.size(); ++i) {
        const std::int64_t until = i + 1 < s.queue.size() ? s.queue[i + 1].t : s.endNs;
        const std::int32_t v = bucket < 0 ? s.queue[i].total : s.queue[i].byBucket[static_cast<std::size_t>(bucket)];
        sum += v * (until - s.queue[i].t);
    }
    return sum;
}

QueueBucket bucketOfKind(QueueKind q)
{
    switch (q) {
    case QueueKind::Lifo:
        return QueueBucket::Lifo;
    case QueueKind::Local:
    case QueueKind::Steal:
        return QueueBucket::Local;
    case QueueKind::Inject:
        return QueueBucket::Inject;
    case QueueKind::Blocking:
        return QueueBucket::Blocking;
    default:
        return QueueBucket::Other;
    }
}

void checkThreadSeries(const RunSeries& s, const ThreadSeries& t)
{
    const auto n = static_cast<std::size_t>(s.bins());
    QCOMPARE(t.running.size(), n);
    QCOMPARE(t.blocked.size(), n);
    QCOMPARE(t.idle.size(), n);
    for (std::size_t i = 0; i < n; ++i) {
        QVERIFY(t.running[i] >= 0 && t.running[i] <= 1 + 1e-12);
        QVERIFY(t.blocked[i] >= 0 && t.blocked[i] <= 1 + 1e-12);
        QVERIFY(t.idle[i] >= 0 && t.idle[i] <= 1);
        QVERIFY2(std::abs(t.running[i] + t.blocked[i] + t.idle[i] - 1.0) < 1e-9,
                 qPrintable(QStringLiteral("%1 bin %2").arg(QString::fromStdString(t.name)).arg(i)));
    }
}

/// Everything that must hold for any trace.
void checkInvariants(const Trace& trace, const RunSeries& s)
{
    const std::int64_t end = std::max(trace.status.endNs, trace.events.empty() ? 0 : trace.events.back().t);
    QCOMPARE(s.endNs, end);

    // Bins: equal width (to the ns), covering [0, endNs].
    QVERIFY(s.bins() >= 1);
    QCOMPARE(s.binEdges.front(), std::int64_t(0));
    QCOMPARE(s.binEdges.back(), end);
    std::int64_t minW = INT64_MAX, maxW = 0;
    for (int i = 0; i < s.bins(); ++i) {
        const std::int64_t w = s.binEdges[static_cast<std::size_t>(i) + 1] - s.binEdges[static_cast<std::size_t>(i)];
        minW = std::min(minW, w);
        maxW = std::max(maxW, w);
    }
    QVERIFY(maxW - minW <= 1);
    QVERIFY(end == 0 || minW >= 1);

    // Threads: fractions, and their integrals are the exact totals.
    QCOMPARE(s.threads.size(), trace.threads.size());
    for (std::size_t th = 0; th < s.threads.size(); ++th) {
        const ThreadSeries& t = s.threads[th];
        QCOMPARE(t.thread, static_cast<std::uint32_t>(th));
        QCOMPARE(t.name, trace.threads[th].name);
        checkThreadSeries(s, t);
        QVERIFY(std::abs(integrate(s, t.running) - static_cast<double>(t.runningNs)) <= 1e-6 * s.bins() + 1e-9 * end);
        QVERIFY(std::abs(integrate(s, t.blocked) - static_cast<double>(t.blockedNs)) <= 1e-6 * s.bins() + 1e-9 * end);
        QVERIFY(t.runningNs + t.blockedNs <= end);
    }
    checkThreadSeries(s, s.allThreads);

    // Queue: a step function that starts at 0, never negative.
    QVERIFY(!s.queue.empty());
    QCOMPARE(s.queue.front().t, std::int64_t(0));
    std::int32_t maxQ = 0;
    for (std::size_t i = 0; i < s.queue.size(); ++i) {
        const QueueSample& q = s.queue[i];
        QVERIFY(q.t >= 0 && q.t <= end);
        QVERIFY2(q.total >= 0, qPrintable(QStringLiteral("queue %1 at %2").arg(q.total).arg(q.t)));
        std::int32_t sum = 0;
        for (std::int32_t b : q.byBucket) {
            QVERIFY(b >= 0);
            sum += b;
        }
        QCOMPARE(q.total, sum);
        if (i > 0) {
            QVERIFY(s.queue[i - 1].t < q.t);
            QVERIFY(s.queue[i - 1].byBucket != q.byBucket);
        }
        maxQ = std::max(maxQ, q.total);
        QCOMPARE(s.queueAt(q.t), &q);
    }
    QCOMPARE(s.maxQueue, maxQ);

    // Polls: every task, most first.
    QCOMPARE(s.polls.size(), trace.tasks.size());
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < s.polls.size(); ++i) {
        total += s.polls[i].polls;
        QCOMPARE(s.polls[i].name, trace.taskName(s.polls[i].task));
        if (i > 0)
            QVERIFY(s.polls[i - 1].polls > s.polls[i].polls ||
                    (s.polls[i - 1].polls == s.polls[i].polls && s.polls[i - 1].task < s.polls[i].task));
    }
    QCOMPARE(s.totalPolls, total);
}

/// buildSeries agrees with analyseRun (thread totals, polls) and buildTimeline (lanes, Queued spans).
void checkAgreement(const Trace& trace, const RunSeries& s)
{
    const RunFigures f = analyseRun(trace);
    for (std::size_t th = 0; th < s.threads.size(); ++th) {
        QCOMPARE(s.threads[th].blockedNs, f.threads[th].blockedNs);
        // analyseRun does not count a poll still running when the run stopped.
        if (trace.status.kind == RunStatusKind::Finished)
            QCOMPARE(s.threads[th].runningNs, f.threads[th].busyNs);
    }
    for (const TaskPolls& p : s.polls)
        QCOMPARE(p.polls, f.tasks[p.task].polls);

    const TimelineModel m = buildTimeline(trace);
    std::int64_t queued = 0;
    std::array<std::int64_t, kQueueBuckets> queuedBy{};
    std::size_t threadLanes = 0;
    for (const Lane& l : m.lanes) {
        if (l.kind == Lane::Kind::Thread) {
            ++threadLanes;
            QVERIFY(s.threads[l.id].used);
            continue;
        }
        for (const Span& sp : l.spans) {
            if (sp.state != SpanState::Queued)
                continue;
            queued += sp.end - sp.start;
            queuedBy[static_cast<std::size_t>(bucketOfKind(static_cast<QueueKind>(sp.reason)))] += sp.end - sp.start;
        }
    }
    QCOMPARE(static_cast<std::size_t>(
                 std::count_if(s.threads.begin(), s.threads.end(), [](const ThreadSeries& t) { return t.used; })),
             threadLanes);
    QCOMPARE(queueIntegral(s), queued);
    for (std::size_t b = 0; b < kQueueBuckets; ++b)
        QCOMPARE(queueIntegral(s, static_cast<int>(b)), queuedBy[b]);
}

bool sameSeries(const RunSeries& a, const RunSeries& b)
{
    auto sameThread = [](const ThreadSeries& x, const ThreadSeries& y) {
        return x.thread == y.thread && x.name == y.name && x.used == y.used && x.running == y.running &&
               x.blocked == y.blocked && x.idle == y.idle && x.runningNs == y.runningNs && x.blockedNs == y.blockedNs;
    };
    if (a.endNs != b.endNs || a.binEdges != b.binEdges || a.threads.size() != b.threads.size() ||
        !sameThread(a.allThreads, b.allThreads) || a.queue.size() != b.queue.size() || a.maxQueue != b.maxQueue ||
        a.polls.size() != b.polls.size() || a.totalPolls != b.totalPolls)
        return false;
    for (std::size_t i = 0; i < a.threads.size(); ++i)
        if (!sameThread(a.threads[i], b.threads[i]))
            return false;
    for (std::size_t i = 0; i < a.queue.size(); ++i)
        if (a.queue[i].t != b.queue[i].t || a.queue[i].total != b.queue[i].total ||
            a.queue[i].byBucket != b.queue[i].byBucket)
            return false;
    for (std::size_t i = 0; i < a.polls.size(); ++i)
        if (a.polls[i].task != b.polls[i].task || a.polls[i].name != b.polls[i].name ||
            a.polls[i].polls != b.polls[i].polls)
            return false;
    return true;
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

/// A trace with `threads` worker threads and `tasks` async tasks, events as given.
Trace handTrace(int threads, int tasks, std::vector<TraceEvent> events, std::int64_t endNs,
                RunStatusKind status = RunStatusKind::Finished)
{
    Trace tr;
    for (int i = 0; i < threads; ++i)
        tr.threads.push_back(ThreadInfo{"worker-" + std::to_string(i), ThreadKind::Worker});
    for (int i = 0; i < tasks; ++i)
        tr.addTask("task-" + std::to_string(i), TaskKind::Async, kNoTask, 0);
    tr.events.assign(events.begin(), events.end());
    tr.status.kind = status;
    tr.status.endNs = endNs;
    return tr;
}

} // namespace

class TstRunSeries : public QObject {
    Q_OBJECT

private slots:
    void builtIns_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("bins");
        for (const std::string& id : builtInRuntimeScenarioIds()) {
            QTest::newRow((id + "/100").c_str()) << QString::fromStdString(id) << 100;
            QTest::newRow((id + "/7").c_str()) << QString::fromStdString(id) << 7;
        }
    }

    void builtIns()
    {
        QFETCH(QString, id);
        QFETCH(int, bins);
        const RunResult r = runBuiltIn(id.toStdString());
        QVERIFY(r.errors.empty());
        const RunSeries s = buildSeries(r.trace, bins);
        checkInvariants(r.trace, s);
        if (QTest::currentTestFailed())
            return;
        checkAgreement(r.trace, s);
        if (QTest::currentTestFailed())
            return;
        if (r.trace.status.endNs >= bins)
            QCOMPARE(s.bins(), bins);
        // A finished run leaves nothing queued.
        if (r.trace.status.kind == RunStatusKind::Finished)
            QCOMPARE(s.queue.back().total, 0);
        QVERIFY(sameSeries(s, buildSeries(r.trace, bins)));
    }

    void threadShares_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("thread");
        QTest::addColumn<qint64>("blockedMs");
        QTest::addColumn<qint64>("runningMs");
        QTest::addColumn<qint64>("endMs");
        QTest::newRow("coffee-toast main") << "coffee-toast"
                                           << "main" << qint64(14'000) << qint64(0) << qint64(24'000);
        QTest::newRow("coffee-toast worker-0") << "coffee-toast"
                                               << "worker-0" << qint64(0) << qint64(0) << qint64(24'000);
        QTest::newRow("coffee-toast-yield main") << "coffee-toast-yield"
                                                 << "main" << qint64(14'000) << qint64(0) << qint64(18'000);
        QTest::newRow("persons-joined worker-0") << "persons-joined"
                                                 << "worker-0" << qint64(28'000) << qint64(0) << qint64(28'100);
        QTest::newRow("persons-joined main") << "persons-joined"
                                             << "main" << qint64(0) << qint64(0) << qint64(28'100);
        QTest::newRow("persons-sequential worker-0") << "persons-sequential"
                                                     << "worker-0" << qint64(28'000) << qint64(0) << qint64(36'000);
        QTest::newRow("spawn-blocking-offload blocking-0")
            << "spawn-blocking-offload"
            << "blocking-0" << qint64(2'500) << qint64(0) << qint64(5'000);
        QTest::newRow("learn-sing-dance-blocking thread-3")
            << "learn-sing-dance-blocking"
            << "thread-3" << qint64(3'000) << qint64(0) << qint64(7'000);
    }

    void threadShares()
    {
        QFETCH(QString, id);
        QFETCH(QString, thread);
        QFETCH(qint64, blockedMs);
        QFETCH(qint64, runningMs);
        QFETCH(qint64, endMs);
        const RunResult r = runBuiltIn(id.toStdString());
        for (int bins : {1, 10, 240, 1000}) {
            const RunSeries s = buildSeries(r.trace, bins);
            QCOMPARE(s.endNs, endMs * kMs);
            const ThreadSeries* t = findThread(s, thread.toStdString());
            QVERIFY(t);
            QCOMPARE(t->blockedNs, blockedMs * kMs);
            QCOMPARE(t->runningNs, runningMs * kMs);
            const double w = static_cast<double>(s.endNs) / bins;
            double blocked = 0, running = 0, idle = 0;
            for (int i = 0; i < bins; ++i) {
                blocked += t->blocked[static_cast<std::size_t>(i)] * w;
                running += t->running[static_cast<std::size_t>(i)] * w;
                idle += t->idle[static_cast<std::size_t>(i)] * w;
            }
            QVERIFY2(std::abs(blocked - static_cast<double>(blockedMs * kMs)) < 1e3,
                     qPrintable(QStringLiteral("%1 bins: blocked %2 s").arg(bins).arg(blocked / kS)));
            QVERIFY(std::abs(running - static_cast<double>(runningMs * kMs)) < 1e3);
            QVERIFY(std::abs(idle - static_cast<double>((endMs - blockedMs - runningMs) * kMs)) < 1e3);
            if (bins == 1) {
                QVERIFY(std::abs(t->blocked[0] - static_cast<double>(blockedMs) / static_cast<double>(endMs)) < 1e-12);
            }
        }
    }

    void coffeeToastBins()
    {
        // One bin per second: main blocks 0-6 s (mug) and 16-24 s (water, butter), idles 6-16 s.
        const RunResult r = runBuiltIn("coffee-toast");
        const RunSeries s = buildSeries(r.trace, 24);
        QCOMPARE(s.bins(), 24);
        for (int i = 0; i <= 24; ++i)
            QCOMPARE(s.binEdges[static_cast<std::size_t>(i)], i * kS);
        const ThreadSeries* main = findThread(s, "main");
        QVERIFY(main && main->used);
        for (std::size_t i = 0; i < 24; ++i) {
            const double expected = (i < 6 || i >= 16) ? 1.0 : 0.0;
            QCOMPARE(main->blocked[i], expected);
            QCOMPARE(main->idle[i], 1.0 - expected);
            QCOMPARE(main->running[i], 0.0);
        }
        // Only main did anything: the summary is main.
        QCOMPARE(s.allThreads.blocked, main->blocked);
        QCOMPARE(s.allThreads.blockedNs, 14 * kS);
        for (const ThreadSeries& t : s.threads)
            QCOMPARE(t.used, t.name == "main");
        // block_on's task is polled at once each time: nothing ever waits in a queue.
        QCOMPARE(s.queue.size(), std::size_t(1));
        QCOMPARE(s.maxQueue, 0);
        QCOMPARE(s.polls.size(), std::size_t(1));
        QCOMPARE(s.polls[0].name, std::string("main"));
        QCOMPARE(s.polls[0].polls, 2u);
    }

    void personsJoinedQueue()
    {
        // Two persons on one worker: whoever is not blocking the worker waits in its queues.
        const RunResult r = runBuiltIn("persons-joined");
        const RunSeries s = buildSeries(r.trace, 281);
        const ThreadSeries* w0 = findThread(s, "worker-0");
        QVERIFY(w0);
        QCOMPARE(w0->blockedNs, 28 * kS);
        // 0.1-2.8 s... : bins of 0.1 s; the first bin (0-0.1 s) the worker idles, later it is blocked.
        QCOMPARE(w0->blocked[0], 0.0);
        QCOMPARE(w0->blocked[1], 1.0);
        QCOMPARE(s.allThreads.blocked[1], 0.5); // main idles meanwhile
        // The persons are spawned into the inject queue and polled at the same instant: the longest
        // queue is one person waiting in worker-0's local queue.
        QCOMPARE(s.maxQueue, 1);
        // At 3 s person 1 sits in worker-0's local queue while person 2 blocks the worker.
        const QueueSample* at3 = s.queueAt(3 * kS);
        QVERIFY(at3);
        QCOMPARE(at3->total, 1);
        QCOMPARE(at3->byBucket[static_cast<std::size_t>(QueueBucket::Local)], 1);
        QCOMPARE(s.queue.back().total, 0);
        QCOMPARE(s.polls[0].polls, s.polls[1].polls);
    }

    void runningSplitAroundBlocks()
    {
        // worker-0 polls task 0 over [10, 50) ns with a block over [20, 30): running 30, blocked 10.
        const Trace tr = handTrace(
            1, 1,
            {ev(0, EventKind::Spawn, 0, kNoThread), ev(0, EventKind::Schedule, 0, 0, 0, q(QueueKind::Inject)),
             ev(10, EventKind::PollStart, 0, 0, 0, q(QueueKind::Inject)), ev(20, EventKind::BlockStart, 0, 0, 30),
             ev(30, EventKind::BlockEnd, 0, 0), ev(50, EventKind::PollEnd, 0, 0, 0, 0), ev(50, EventKind::Done, 0, 0)},
            100);
        const RunSeries s = buildSeries(tr, 10);
        checkInvariants(tr, s);
        checkAgreement(tr, s);
        const ThreadSeries& t = s.threads[0];
        QCOMPARE(t.runningNs, std::int64_t(30));
        QCOMPARE(t.blockedNs, std::int64_t(10));
        const std::vector<double> running{0, 1, 0, 1, 1, 0, 0, 0, 0, 0};
        const std::vector<double> blocked{0, 0, 1, 0, 0, 0, 0, 0, 0, 0};
        QCOMPARE(t.running, running);
        QCOMPARE(t.blocked, blocked);
        // Queued in the inject queue over [0, 10).
        QCOMPARE(s.queue.size(), std::size_t(2));
        QCOMPARE(s.queue[0].t, std::int64_t(0));
        QCOMPARE(s.queue[0].total, 1);
        QCOMPARE(s.queue[0].byBucket[static_cast<std::size_t>(QueueBucket::Inject)], 1);
        QCOMPARE(s.queue[1].t, std::int64_t(10));
        QCOMPARE(s.queue[1].total, 0);
        QCOMPARE(s.totalPolls, 1u);
    }

    void unevenBinsAndPartialOverlap()
    {
        // 10 ns in 3 bins: [0,3) [3,6) [6,10). Blocked over [2, 7).
        const Trace tr =
            handTrace(1, 1,
                      {ev(0, EventKind::PollStart, 0, 0), ev(2, EventKind::BlockStart, 0, 0),
                       ev(7, EventKind::BlockEnd, 0, 0), ev(7, EventKind::PollEnd, 0, 0), ev(7, EventKind::Done, 0, 0)},
                      10);
        const RunSeries s = buildSeries(tr, 3);
        checkInvariants(tr, s);
        const std::vector<std::int64_t> edges{0, 3, 6, 10};
        QCOMPARE(s.binEdges, edges);
        const ThreadSeries& t = s.threads[0];
        QCOMPARE(t.blocked[0], 1.0 / 3);
        QCOMPARE(t.blocked[1], 1.0);
        QCOMPARE(t.blocked[2], 0.25);
        QCOMPARE(t.running[0], 2.0 / 3);
        QCOMPARE(t.running[2], 0.0);
        QCOMPARE(t.idle[2], 0.75);
    }

    void openBlockAndPollCountToTheEnd()
    {
        // A deadlock: worker-0 blocks from 40 ns to the end; worker-1 is in a poll from 60 ns.
        const Trace tr = handTrace(2, 2,
                                   {ev(0, EventKind::PollStart, 0, 0), ev(40, EventKind::BlockStart, 0, 0),
                                    ev(60, EventKind::PollStart, 1, 1)},
                                   100, RunStatusKind::Deadlock);
        const RunSeries s = buildSeries(tr, 4);
        checkInvariants(tr, s);
        QCOMPARE(s.threads[0].runningNs, std::int64_t(40));
        QCOMPARE(s.threads[0].blockedNs, std::int64_t(60));
        QCOMPARE(s.threads[1].runningNs, std::int64_t(40));
        QCOMPARE(s.threads[1].blockedNs, std::int64_t(0));
        QCOMPARE(s.allThreads.runningNs, std::int64_t(80));
        QCOMPARE(s.allThreads.blocked[3], 0.5);
        QCOMPARE(s.allThreads.running[3], 0.5);
        QCOMPARE(s.allThreads.idle[3], 0.0);
        QCOMPARE(s.allThreads.idle[0], 0.0 + 0.5);
    }

    void queueBucketsAndInstants()
    {
        // Task 0 lands in worker-0's LIFO slot at 10 and is bumped to the local queue at 20; task 1
        // is woken (idle, never polled: Other) at 20 and injected at 30; task 2 is scheduled and
        // polled at the same instant 25 (no spike kept). Task 0 polled at 40, task 1 at 50.
        const Trace tr =
            handTrace(1, 3,
                      {ev(10, EventKind::Schedule, 0, 0, 0, q(QueueKind::Lifo)),
                       ev(20, EventKind::Schedule, 0, 0, 0, q(QueueKind::Local)),
                       ev(20, EventKind::Wake, 1, 0, -1, static_cast<std::uint8_t>(WakeKind::Wake)),
                       ev(25, EventKind::Schedule, 2, 0, 0, q(QueueKind::Lifo)),
                       ev(25, EventKind::PollStart, 2, 0, 0, q(QueueKind::Lifo)), ev(25, EventKind::PollEnd, 2, 0),
                       ev(25, EventKind::Done, 2, 0), ev(30, EventKind::Schedule, 1, 0, 0, q(QueueKind::Inject)),
                       ev(40, EventKind::PollStart, 0, 0, 0, q(QueueKind::Local)), ev(40, EventKind::PollEnd, 0, 0),
                       ev(40, EventKind::Done, 0, 0), ev(50, EventKind::PollStart, 1, 0, 0, q(QueueKind::Inject)),
                       ev(50, EventKind::PollEnd, 1, 0, 0, static_cast<std::uint8_t>(PollResultKind::Pending)),
                       ev(60, EventKind::Wake, 1, 0, -1, static_cast<std::uint8_t>(WakeKind::Wake))},
                      70, RunStatusKind::Stalled);
        const RunSeries s = buildSeries(tr, 7);
        checkInvariants(tr, s);
        checkAgreement(tr, s);
        struct Expect {
            std::int64_t t;
            std::int32_t total, lifo, local, inject, other;
        };
        const std::vector<Expect> expected{{0, 0, 0, 0, 0, 0},  {10, 1, 1, 0, 0, 0}, {20, 2, 0, 1, 0, 1},
                                           {30, 2, 0, 1, 1, 0}, {40, 1, 0, 0, 1, 0}, {50, 0, 0, 0, 0, 0},
                                           {60, 1, 0, 0, 0, 1}};
        QCOMPARE(s.queue.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const QueueSample& got = s.queue[i];
            QCOMPARE(got.t, expected[i].t);
            QCOMPARE(got.total, expected[i].total);
            QCOMPARE(got.byBucket[static_cast<std::size_t>(QueueBucket::Lifo)], expected[i].lifo);
            QCOMPARE(got.byBucket[static_cast<std::size_t>(QueueBucket::Local)], expected[i].local);
            QCOMPARE(got.byBucket[static_cast<std::size_t>(QueueBucket::Inject)], expected[i].inject);
            QCOMPARE(got.byBucket[static_cast<std::size_t>(QueueBucket::Other)], expected[i].other);
        }
        QCOMPARE(s.maxQueue, 2);
        QCOMPARE(s.queueAt(-5), &s.queue[0]);
        QCOMPARE(s.queueAt(35), &s.queue[3]);
        QCOMPARE(s.queueAt(1000), &s.queue.back());
        // Polls: one each, ties by id.
        QCOMPARE(s.polls[0].task, 0u);
        QCOMPARE(s.polls[1].task, 1u);
        QCOMPARE(s.polls[2].task, 2u);
    }

    void degenerateRanges()
    {
        // An empty trace, a zero-length run, more bins than nanoseconds.
        const Trace empty = handTrace(0, 0, {}, 0);
        RunSeries s = buildSeries(empty, 50);
        checkInvariants(empty, s);
        QCOMPARE(s.bins(), 1);
        QCOMPARE(s.allThreads.idle[0], 1.0);

        const Trace zero = handTrace(1, 1, {ev(0, EventKind::PollStart, 0, 0), ev(0, EventKind::BlockStart, 0, 0)}, 0,
                                     RunStatusKind::Deadlock);
        s = buildSeries(zero, 10);
        checkInvariants(zero, s);
        QCOMPARE(s.bins(), 1);
        QVERIFY(s.threads[0].used);
        QCOMPARE(s.threads[0].idle[0], 1.0);

        const Trace tiny = handTrace(
            1, 1, {ev(0, EventKind::PollStart, 0, 0), ev(3, EventKind::PollEnd, 0, 0), ev(3, EventKind::Done, 0, 0)},
            5);
        s = buildSeries(tiny, 100);
        checkInvariants(tiny, s);
        QCOMPARE(s.bins(), 5);
        const std::vector<double> running{1, 1, 1, 0, 0};
        QCOMPARE(s.threads[0].running, running);
        s = buildSeries(tiny, 0);
        QCOMPARE(s.bins(), 1);
        s = buildSeries(tiny, -3);
        QCOMPARE(s.bins(), 1);
    }

    void speedOnAMillionEvents()
    {
        RuntimeConfig cfg;
        Runtime rt(cfg);
        rt.setMain(workload::fanoutMain(rt, 12'000).boxed()); // about 100 events per task
        const Trace& tr = rt.run();
        QVERIFY(tr.events.size() >= 1'000'000);
        QElapsedTimer timer;
        timer.start();
        const RunSeries s = buildSeries(tr, 2000);
        const qint64 ms = timer.elapsed();
        qInfo("buildSeries: %zu events -> %zu queue samples, max queue %d, in %lld ms", tr.events.size(),
              s.queue.size(), s.maxQueue, static_cast<long long>(ms));
        QVERIFY2(ms < 1000, qPrintable(QStringLiteral("%1 ms").arg(ms)));
        checkInvariants(tr, s);
        QCOMPARE(s.queue.back().total, 0);
        QCOMPARE(s.polls.size(), tr.tasks.size());
    }
};

QTEST_GUILESS_MAIN(TstRunSeries)
#include "tst_run_series.moc"
