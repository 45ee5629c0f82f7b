// The timeline model (sim/timeline_model.h): its invariants on every built-in scenario, exact
// spans on the books' runs, hand-built traces for the edge cases, and its speed on a 1M-event trace.
#ifndef Q_MOC_RUN // moc 6.4 cannot parse C++20 <concepts>, which <coroutine> pulls in
#include "runtime/runtime.h"
#include "sim/fanout_workload.h"
#include "sim/scenario_library.h"
#include "sim/timeline_model.h"
#endif

#include <QElapsedTimer>
#include <QtTest>

#include <map>

#include <algorithm>

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

const Lane* findLane(const TimelineModel& m, Lane::Kind kind, std::uint32_t id)
{
    for (const Lane& l : m.lanes)
        if (l.kind == kind && l.id == id)
            return &l;
    return nullptr;
}

std::vector<Span> spansIn(const Lane& lane, SpanState state)
{
    std::vector<Span> out;
    for (const Span& s : lane.spans)
        if (s.state == state)
            out.push_back(s);
    return out;
}

/// The first span of `lane` starting at or after `t`, in `state`.
const Span* firstFrom(const Lane& lane, std::int64_t t, SpanState state)
{
    for (const Span& s : lane.spans)
        if (s.start >= t && s.state == state)
            return &s;
    return nullptr;
}

QString spanText(const Span& s)
{
    return QStringLiteral("[%1,%2) %3").arg(s.start).arg(s.end).arg(toString(s.state));
}

/// Lanes sorted and non-overlapping, within [0, endNs], laid out threads-then-tasks.
void checkInvariants(const Trace& trace, const TimelineModel& m)
{
    QCOMPARE(m.endNs, std::max(trace.status.endNs, trace.events.empty() ? 0 : trace.events.back().t));

    std::vector<bool> ran(trace.threads.size(), false);
    std::size_t wakes = 0;
    for (const TraceEvent& e : trace.events) {
        if ((e.kind == EventKind::PollStart || e.kind == EventKind::BlockStart) && e.thread < ran.size())
            ran[e.thread] = true;
        if (isEffectiveWake(e)) // a Wake, or a TimerFire (the driver's wake)
            ++wakes;
    }
    const auto threadsThatRan = static_cast<std::size_t>(std::count(ran.begin(), ran.end(), true));
    QCOMPARE(m.lanes.size(), threadsThatRan + trace.tasks.size());

    std::size_t i = 0;
    std::uint32_t prevThread = 0;
    for (; i < threadsThatRan; ++i) {
        const Lane& l = m.lanes[i];
        QCOMPARE(l.kind, Lane::Kind::Thread);
        QVERIFY(ran[l.id]);
        QVERIFY(i == 0 || l.id > prevThread);
        QCOMPARE(l.name, trace.threads[l.id].name);
        prevThread = l.id;
    }
    for (std::size_t k = 0; k < trace.tasks.size(); ++k, ++i) {
        const Lane& l = m.lanes[i];
        QCOMPARE(l.kind, Lane::Kind::Task);
        QCOMPARE(l.id, static_cast<std::uint32_t>(k));
        QCOMPARE(l.name, trace.taskName(k));
        QVERIFY(l.doneNs == -1 || (l.doneNs >= 0 && l.doneNs <= m.endNs));
    }

    for (const Lane& l : m.lanes) {
        for (std::size_t k = 0; k < l.spans.size(); ++k) {
            const Span& s = l.spans[k];
            QVERIFY2(s.start >= 0 && s.start <= s.end && s.end <= m.endNs,
                     qPrintable(QString::fromStdString(l.name) + " " + spanText(s)));
            if (k > 0)
                QVERIFY2(l.spans[k - 1].end <= s.start,
                         qPrintable(QString::fromStdString(l.name) + " " + spanText(l.spans[k - 1]) + " overlaps " +
                                    spanText(s)));
            if (l.kind == Lane::Kind::Task) {
                QCOMPARE(s.task, l.id);
                QVERIFY(s.state != SpanState::Parked);
                // Nothing happens to a task after it finished.
                QVERIFY(l.doneNs < 0 || s.end <= l.doneNs);
            } else {
                QVERIFY(s.state == SpanState::Polling || s.state == SpanState::Blocked || s.state == SpanState::Parked);
                QVERIFY(s.state == SpanState::Parked || s.task < trace.tasks.size());
            }
        }
    }

    QCOMPARE(m.wakes.size(), wakes);
    for (const WakeArrow& w : m.wakes) {
        QVERIFY(w.toTask < trace.tasks.size());
        QVERIFY2(w.pollT == -1 || w.pollT >= w.t,
                 qPrintable(QStringLiteral("wake at %1 polled at %2").arg(w.t).arg(w.pollT)));
        QVERIFY((w.pollT == -1) == (w.pollThread == kNoThread));
    }
    QCOMPARE(m.prints.size(), trace.lines.size());
    for (std::size_t k = 0; k < m.prints.size(); ++k) {
        QCOMPARE(m.prints[k].t, trace.lines[k].t);
        QCOMPARE(m.prints[k].text, trace.lines[k].text);
    }
}

TraceEvent ev(std::int64_t t, EventKind kind, TaskId task, ThreadId thread, std::int64_t arg = 0,
              std::uint8_t detail = 0)
{
    return TraceEvent{t, arg, task, thread, kind, detail};
}

} // namespace

class TestTimelineModel : public QObject {
    Q_OBJECT
private slots:
    void invariantsOnEveryBuiltIn_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("currentThread");
        for (const auto& id : builtInRuntimeScenarioIds()) {
            QTest::newRow(id.c_str()) << QString::fromStdString(id) << false;
            LoadResult l = loadScenarioByName(id);
            if (l.scenario && l.scenario->config.flavor == Flavor::MultiThread)
                QTest::newRow((id + "/current_thread").c_str()) << QString::fromStdString(id) << true;
        }
    }
    void invariantsOnEveryBuiltIn()
    {
        QFETCH(QString, id);
        QFETCH(bool, currentThread);
        RunOptions opts;
        if (currentThread)
            opts.flavor = Flavor::CurrentThread;
        const RunResult r = runBuiltIn(id.toStdString(), opts);
        QVERIFY(r.errors.empty());
        QVERIFY(!r.trace.events.empty());
        const TimelineModel m = buildTimeline(r.trace);
        checkInvariants(r.trace, m);
        if (QTest::currentTestFailed())
            return;

        // firstSpanEndingAfter agrees with a linear search on every lane, at every event time.
        for (const Lane& l : m.lanes) {
            for (const TraceEvent& e : r.trace.events) {
                std::size_t expected = 0;
                while (expected < l.spans.size() && l.spans[expected].end <= e.t)
                    ++expected;
                QCOMPARE(firstSpanEndingAfter(l.spans, e.t), expected);
            }
        }
    }

    void coffeeToastMainThreadBlocksFourTimes()
    {
        // The book's pouring (3 s + 3 s) and buttering (3 s + 5 s) block the main thread; the
        // kettle and the toaster (10 s each, together) leave it parked from 6 s to 16 s.
        const RunResult r = runBuiltIn("coffee-toast");
        const TimelineModel m = buildTimeline(r.trace);
        const Lane* mainThread = findLane(m, Lane::Kind::Thread, 0);
        QVERIFY(mainThread);
        QCOMPARE(mainThread->name, std::string("main"));
        const std::vector<Span> blocked = spansIn(*mainThread, SpanState::Blocked);
        const std::vector<std::pair<std::int64_t, std::int64_t>> expected{
            {0, 3 * kS}, {3 * kS, 6 * kS}, {16 * kS, 19 * kS}, {19 * kS, 24 * kS}};
        QCOMPARE(blocked.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(blocked[i].start, expected[i].first);
            QCOMPARE(blocked[i].end, expected[i].second);
            QCOMPARE(blocked[i].reason, static_cast<std::uint8_t>(BlockReason::Sleep));
            QCOMPARE(blocked[i].task, TaskId{0});
        }
        // Two polls, each marked by a Polling span where it starts; parked while the timers run.
        const std::vector<Span> polls = spansIn(*mainThread, SpanState::Polling);
        QCOMPARE(polls.size(), std::size_t{2});
        QCOMPARE(polls[0].start, std::int64_t{0});
        QCOMPARE(polls[1].start, 16 * kS);
        const std::vector<Span> parked = spansIn(*mainThread, SpanState::Parked);
        QCOMPARE(parked.size(), std::size_t{1});
        QCOMPARE(parked[0].start, 6 * kS);
        QCOMPARE(parked[0].end, 16 * kS);
        // Only main ran: the idle workers get no lane.
        QCOMPARE(m.lanes.size(), std::size_t{2});

        // The task lane: pending on its timers from 6 s to 16 s, done at 24 s.
        const Lane* mainTask = findLane(m, Lane::Kind::Task, 0);
        QVERIFY(mainTask);
        QCOMPARE(mainTask->doneNs, 24 * kS);
        QVERIFY(!mainTask->cancelled);
        const std::vector<Span> pending = spansIn(*mainTask, SpanState::Pending);
        QCOMPARE(pending.size(), std::size_t{1});
        QCOMPARE(pending[0].start, 6 * kS);
        QCOMPARE(pending[0].end, 16 * kS);
        QCOMPARE(spansIn(*mainTask, SpanState::Blocked).size(), std::size_t{4});

        // The timer driver (worker-0) wakes main at 16 s; main polls it on the main thread.
        QCOMPARE(m.wakes.size(), std::size_t{1});
        QCOMPARE(m.wakes[0].t, 16 * kS);
        QCOMPARE(m.wakes[0].toTask, TaskId{0});
        QCOMPARE(m.wakes[0].fromTask, kNoTask);
        QCOMPARE(r.trace.threads[m.wakes[0].fromThread].name, std::string("worker-0"));
        QCOMPARE(m.wakes[0].pollT, 16 * kS);
        QCOMPARE(m.wakes[0].pollThread, ThreadId{0});
        QCOMPARE(m.prints.size(), std::size_t{13});
        QCOMPARE(m.endNs, 24 * kS);
    }

    void personsJoinedSecondPersonRunsFirst()
    {
        // One worker; both persons' 100 ms timers fire at 0.1 s; the second wake takes the LIFO
        // slot and pushes person one (task 1) to the local queue, so person two (task 2) pours first.
        const RunResult r = runBuiltIn("persons-joined");
        const TimelineModel m = buildTimeline(r.trace);
        const Lane* one = findLane(m, Lane::Kind::Task, 1);
        const Lane* two = findLane(m, Lane::Kind::Task, 2);
        QVERIFY(one && two);

        const Span* twoQueued = firstFrom(*two, 100 * kMs, SpanState::Queued);
        QVERIFY(twoQueued);
        QCOMPARE(twoQueued->start, 100 * kMs);
        QCOMPARE(twoQueued->reason, static_cast<std::uint8_t>(QueueKind::Lifo));
        const Span* twoPolling = firstFrom(*two, 100 * kMs, SpanState::Polling);
        QVERIFY(twoPolling);
        QCOMPARE(twoPolling->start, 100 * kMs);
        QCOMPARE(r.trace.threads[twoPolling->thread].name, std::string("worker-0"));
        const Span* twoBlocked = firstFrom(*two, 100 * kMs, SpanState::Blocked);
        QVERIFY(twoBlocked);
        QCOMPARE(twoBlocked->start, 100 * kMs);
        QCOMPARE(twoBlocked->end, 3100 * kMs);

        // Person one waits in worker-0's local queue from 0.1 s until the worker is free at 6.1 s.
        const Span* oneQueued = firstFrom(*one, 100 * kMs, SpanState::Queued);
        QVERIFY(oneQueued);
        QCOMPARE(oneQueued->start, 100 * kMs);
        QCOMPARE(oneQueued->end, 6100 * kMs);
        QCOMPARE(oneQueued->reason, static_cast<std::uint8_t>(QueueKind::Local));
        QCOMPARE(r.trace.threads[oneQueued->thread].name, std::string("worker-0"));
        const Span* onePolling = firstFrom(*one, 100 * kMs, SpanState::Polling);
        QVERIFY(onePolling);
        QCOMPARE(onePolling->start, 6100 * kMs);
        QVERIFY(twoPolling->start < onePolling->start);

        // Person two is pending on its kettle and toaster from 6.1 s until they fire (late) at 12.1 s.
        const Span* twoPending = firstFrom(*two, 6 * kS, SpanState::Pending);
        QVERIFY(twoPending);
        QCOMPARE(twoPending->start, 6100 * kMs);
        QCOMPARE(twoPending->end, 12100 * kMs);
        QCOMPARE(two->doneNs, 20100 * kMs);
        QCOMPARE(one->doneNs, 28100 * kMs);

        // worker-0's lane: the two persons' blocking, back to back, from 0.1 s to 28.1 s.
        const Lane* worker = findLane(m, Lane::Kind::Thread, 1);
        QVERIFY(worker);
        QCOMPARE(worker->name, std::string("worker-0"));
        const std::vector<Span> blocked = spansIn(*worker, SpanState::Blocked);
        QCOMPARE(blocked.size(), std::size_t{8});
        std::int64_t covered = 0;
        for (const Span& s : blocked)
            covered += s.end - s.start;
        QCOMPARE(covered, 28 * kS);
        QCOMPARE(blocked.front().task, TaskId{2});
        QCOMPARE(blocked.back().task, TaskId{1});

        // Every wake of a person is followed by its poll: the timer wakes at 0.1 s are polled
        // at 0.1 s (person two) and 6.1 s (person one).
        std::vector<std::int64_t> oneWakes, twoWakes;
        for (const WakeArrow& w : m.wakes) {
            if (w.t != 100 * kMs)
                continue;
            (w.toTask == 1 ? oneWakes : twoWakes).push_back(w.pollT);
        }
        QCOMPARE(oneWakes, std::vector<std::int64_t>{6100 * kMs});
        QCOMPARE(twoWakes, std::vector<std::int64_t>{100 * kMs});
    }

    void locksAndChannelsAreMarkedOnTheirTasks()
    {
        // Two tasks take the tokio Mutex in turn: every lock is released, on the task's lane.
        const RunResult r = runBuiltIn("shared-counter-async-mutex");
        const TimelineModel m = buildTimeline(r.trace);
        std::map<SyncMark::Kind, int> count;
        for (const SyncMark& mark : m.syncMarks) {
            ++count[mark.kind];
            QVERIFY(mark.task != kNoTask);
            QVERIFY(mark.object < m.objectNames.size());
        }
        QVERIFY(count[SyncMark::Kind::LockAcquire] > 0);
        QCOMPARE(count[SyncMark::Kind::LockRelease], count[SyncMark::Kind::LockAcquire]);
        QVERIFY(std::is_sorted(m.syncMarks.begin(), m.syncMarks.end(),
                               [](const SyncMark& a, const SyncMark& b) { return a.t < b.t; }));
        // The same number as the trace's lock events.
        const auto locks = std::count_if(r.trace.events.begin(), r.trace.events.end(),
                                         [](const TraceEvent& e) { return e.kind == EventKind::LockAcquire; });
        QCOMPARE(count[SyncMark::Kind::LockAcquire], static_cast<int>(locks));

        // A channel: remote-wake's tokio mpsc channel tells the waiting task when to go on.
        const TimelineModel ch = buildTimeline(runBuiltIn("remote-wake").trace);
        const auto sends = std::count_if(ch.syncMarks.begin(), ch.syncMarks.end(),
                                         [](const SyncMark& s) { return s.kind == SyncMark::Kind::Send; });
        const auto recvs = std::count_if(ch.syncMarks.begin(), ch.syncMarks.end(),
                                         [](const SyncMark& s) { return s.kind == SyncMark::Kind::Recv; });
        QVERIFY2(sends > 0 && recvs > 0, qPrintable(QStringLiteral("%1 sends, %2 receives").arg(sends).arg(recvs)));
    }

    void stalledTasksStayStalledToTheEnd()
    {
        const RunResult r = runBuiltIn("counter-future-no-waker");
        const TimelineModel m = buildTimeline(r.trace);
        for (TaskId t : {TaskId{1}, TaskId{2}}) {
            const Lane* l = findLane(m, Lane::Kind::Task, t);
            QVERIFY(l);
            QVERIFY(!l->spans.empty());
            QCOMPARE(l->spans.back().state, SpanState::Stalled);
            QCOMPARE(l->spans.back().start, 1 * kS);
            QCOMPARE(l->spans.back().end, m.endNs);
            QCOMPARE(l->doneNs, std::int64_t{-1});
        }
    }

    void deadlockedThreadStaysBlockedToTheEnd()
    {
        const RunResult r = runBuiltIn("std-mutex-deadlock");
        QCOMPARE(r.trace.status.kind, RunStatusKind::Deadlock);
        const TimelineModel m = buildTimeline(r.trace);
        const Lane* mainThread = findLane(m, Lane::Kind::Thread, 0);
        QVERIFY(mainThread);
        QVERIFY(!mainThread->spans.empty());
        QCOMPARE(mainThread->spans.back().state, SpanState::Blocked);
        QCOMPARE(mainThread->spans.back().reason, static_cast<std::uint8_t>(BlockReason::StdMutexLock));
        QCOMPARE(mainThread->spans.back().end, m.endNs);
    }

    void subFutureCancelIsNotTheTaskEnding()
    {
        // timeout(3 s, slow_task()): the slow future is dropped inside main's poll at 3 s (a
        // Cancel event on main), and main then finishes normally.
        const RunResult r = runBuiltIn("timeout");
        const TimelineModel m = buildTimeline(r.trace);
        const Lane* mainTask = findLane(m, Lane::Kind::Task, 0);
        QVERIFY(mainTask);
        QCOMPARE(mainTask->doneNs, 3 * kS);
        QVERIFY(!mainTask->cancelled);
        QCOMPARE(mainTask->spans.back().state, SpanState::Polling);
        QCOMPARE(mainTask->spans.back().start, 3 * kS);
    }

    void handBuiltTrace()
    {
        // main on thread 0; task 1 on worker thread 1: spawned, polled (blocks 1..2 s inside the
        // poll), Pending, woken by main at 3 s, queued in the LIFO slot then the local queue,
        // polled at 4 s, Pending with no waker (stalled); task 2 cancelled while queued; the run
        // ends at 10 s with task 1 stalled.
        Trace tr;
        tr.threads = {ThreadInfo{"main", ThreadKind::BlockOn}, ThreadInfo{"worker-0", ThreadKind::Worker},
                      ThreadInfo{"worker-1", ThreadKind::Worker}};
        tr.addTask("main", TaskKind::Main, kNoTask, 0);
        tr.addTask("a", TaskKind::Async, 0, 0);
        tr.addTask("b", TaskKind::Async, 0, 0);
        tr.lines = {PrintedLine{2 * kS, 1, 1, "hello"}};
        const auto q = [](QueueKind k) { return static_cast<std::uint8_t>(k); };
        tr.events = {
            ev(0, EventKind::Spawn, 0, kNoThread, kNoTask),
            ev(0, EventKind::PollStart, 0, 0, 0, q(QueueKind::BlockOn)),
            ev(0, EventKind::Spawn, 1, 0, 0),
            ev(0, EventKind::Schedule, 1, 0, 0, q(QueueKind::Inject)),
            ev(0, EventKind::Spawn, 2, 0, 0),
            ev(0, EventKind::Schedule, 2, 0, 0, q(QueueKind::Inject)),
            ev(0, EventKind::PollEnd, 0, 0, 0, static_cast<std::uint8_t>(PollResultKind::Pending)),
            ev(0, EventKind::Park, kNoTask, 0),
            ev(1 * kS, EventKind::PollStart, 1, 1, 0, q(QueueKind::Inject)),
            ev(1 * kS, EventKind::BlockStart, 1, 1, 2 * kS, static_cast<std::uint8_t>(BlockReason::CpuWork)),
            ev(2 * kS, EventKind::BlockEnd, 1, 1),
            ev(2 * kS, EventKind::Print, 1, 1, 0),
            ev(2500 * kMs, EventKind::PollEnd, 1, 1, 0, static_cast<std::uint8_t>(PollResultKind::Pending)),
            ev(3 * kS, EventKind::Unpark, kNoTask, 0),
            ev(3 * kS, EventKind::PollStart, 0, 0, 0, q(QueueKind::BlockOn)),
            ev(3 * kS, EventKind::Wake, 1, 0, 0, static_cast<std::uint8_t>(WakeKind::Wake)),
            ev(3 * kS, EventKind::Wake, 1, 0, 0, static_cast<std::uint8_t>(WakeKind::Coalesced)),
            ev(3 * kS, EventKind::Schedule, 1, 0, 0, q(QueueKind::Inject)),
            ev(3 * kS, EventKind::Cancel, 0, 0, static_cast<std::int64_t>(CancelReason::SelectLost)),
            ev(3 * kS, EventKind::PollEnd, 0, 0, 0, static_cast<std::uint8_t>(PollResultKind::Pending)),
            ev(3500 * kMs, EventKind::Schedule, 1, 1, 0, q(QueueKind::Lifo)),
            ev(3500 * kMs, EventKind::Schedule, 1, 1, 0, q(QueueKind::Local)),
            ev(3600 * kMs, EventKind::Cancel, 2, 0, static_cast<std::int64_t>(CancelReason::Aborted)),
            ev(4 * kS, EventKind::PollStart, 1, 2, 0, q(QueueKind::Steal)),
            ev(4 * kS, EventKind::PollEnd, 1, 2, 0, static_cast<std::uint8_t>(PollResultKind::Pending)),
            ev(4 * kS, EventKind::Stalled, 1, 2),
        };
        tr.status.kind = RunStatusKind::Stalled;
        tr.status.endNs = 10 * kS;

        const TimelineModel m = buildTimeline(tr);
        checkInvariants(tr, m);
        QCOMPARE(m.lanes.size(), std::size_t{6}); // 3 threads (all polled) + 3 tasks

        const Lane* a = findLane(m, Lane::Kind::Task, 1);
        QVERIFY(a);
        QStringList got;
        for (const Span& s : a->spans)
            got << spanText(s);
        const QStringList expected{
            QStringLiteral("[0,1000000000) queued"), // spawned into the inject queue
            QStringLiteral("[1000000000,1000000000) polling"), QStringLiteral("[1000000000,2000000000) blocked"),
            QStringLiteral("[2000000000,2500000000) polling"), QStringLiteral("[2500000000,3000000000) pending"),
            QStringLiteral("[3000000000,3500000000) queued"), // woken: inject queue
            QStringLiteral("[3500000000,4000000000) queued"), // moved to worker-0's local queue
            QStringLiteral("[4000000000,4000000000) polling"), QStringLiteral("[4000000000,10000000000) stalled"),
        };
        QCOMPARE(got, expected);
        QCOMPARE(a->spans[0].reason, static_cast<std::uint8_t>(QueueKind::Inject));
        QCOMPARE(a->spans[2].reason, static_cast<std::uint8_t>(BlockReason::CpuWork));
        QCOMPARE(a->spans[5].reason, static_cast<std::uint8_t>(QueueKind::Inject));
        QCOMPARE(a->spans[6].reason, static_cast<std::uint8_t>(QueueKind::Local));
        QCOMPARE(a->spans[6].thread, ThreadId{1});
        QCOMPARE(a->spans[7].thread, ThreadId{2});
        QCOMPARE(a->doneNs, std::int64_t{-1});

        const Lane* b = findLane(m, Lane::Kind::Task, 2);
        QVERIFY(b);
        QCOMPARE(b->spans.size(), std::size_t{1});
        QCOMPARE(b->spans[0].state, SpanState::Queued);
        QCOMPARE(b->spans[0].end, 3600 * kMs);
        QCOMPARE(b->doneNs, 3600 * kMs);
        QVERIFY(b->cancelled);

        // main's SelectLost cancel happened inside its own poll: main is not cancelled.
        const Lane* mainTask = findLane(m, Lane::Kind::Task, 0);
        QVERIFY(mainTask);
        QCOMPARE(mainTask->doneNs, std::int64_t{-1});
        QVERIFY(!mainTask->cancelled);
        QCOMPARE(mainTask->spans.back().state, SpanState::Pending);
        QCOMPARE(mainTask->spans.back().end, 10 * kS);

        // worker-0: a poll with a piece before, during and after its CPU work.
        const Lane* w0 = findLane(m, Lane::Kind::Thread, 1);
        QVERIFY(w0);
        got.clear();
        for (const Span& s : w0->spans)
            got << spanText(s);
        QCOMPARE(got, (QStringList{QStringLiteral("[1000000000,1000000000) polling"),
                                   QStringLiteral("[1000000000,2000000000) blocked"),
                                   QStringLiteral("[2000000000,2500000000) polling")}));
        // main's thread: parked from 0 to 3 s between its polls.
        const Lane* t0 = findLane(m, Lane::Kind::Thread, 0);
        QVERIFY(t0);
        QCOMPARE(spansIn(*t0, SpanState::Parked).size(), std::size_t{1});

        // One real wake (the coalesced one draws no arrow), polled by worker-1 at 4 s.
        QCOMPARE(m.wakes.size(), std::size_t{1});
        QCOMPARE(m.wakes[0].fromTask, TaskId{0});
        QCOMPARE(m.wakes[0].fromThread, ThreadId{0});
        QCOMPARE(m.wakes[0].pollT, 4 * kS);
        QCOMPARE(m.wakes[0].pollThread, ThreadId{2});
        QCOMPARE(m.prints.size(), std::size_t{1});
        QCOMPARE(m.prints[0].text, std::string("hello"));
        QCOMPARE(m.endNs, 10 * kS);
    }

    void lifoDisplacementMovesTheOldTaskToTheLocalQueue()
    {
        // One Schedule event puts b in worker-0's LIFO slot and pushes a, which was there, to the
        // back of worker-0's local queue (the engine records the two moves as one event).
        Trace tr;
        tr.threads = {ThreadInfo{"main", ThreadKind::BlockOn}, ThreadInfo{"worker-0", ThreadKind::Worker}};
        tr.addTask("main", TaskKind::Main, kNoTask, 0);
        tr.addTask("a", TaskKind::Async, 0, 0);
        tr.addTask("b", TaskKind::Async, 0, 0);
        const auto q = [](QueueKind k) { return static_cast<std::uint8_t>(k); };
        const auto done = static_cast<std::uint8_t>(PollResultKind::Ready);
        tr.events = {
            ev(0, EventKind::Spawn, 0, kNoThread, kNoTask),
            ev(0, EventKind::Spawn, 1, 0, 0),
            ev(0, EventKind::Spawn, 2, 0, 0),
            ev(1 * kS, EventKind::Schedule, 1, 1, lifoScheduleArg(0, kNoTask), q(QueueKind::Lifo)),
            ev(2 * kS, EventKind::Schedule, 2, 1, lifoScheduleArg(0, 1), q(QueueKind::Lifo)),
            ev(3 * kS, EventKind::PollStart, 2, 1, 0, q(QueueKind::Lifo)),
            ev(3 * kS, EventKind::PollEnd, 2, 1, 0, done),
            ev(3 * kS, EventKind::Done, 2, 1),
            ev(4 * kS, EventKind::PollStart, 1, 1, 0, q(QueueKind::Local)),
            ev(4 * kS, EventKind::PollEnd, 1, 1, 0, done),
            ev(4 * kS, EventKind::Done, 1, 1),
        };
        tr.status.endNs = 4 * kS;
        QCOMPARE(lifoDisplaced(tr.events[4]), TaskId{1});
        QCOMPARE(scheduleWorker(tr.events[4]), 0u);
        QCOMPARE(lifoDisplaced(tr.events[3]), kNoTask);

        const TimelineModel m = buildTimeline(tr);
        checkInvariants(tr, m);
        const Lane* a = findLane(m, Lane::Kind::Task, 1);
        QVERIFY(a);
        QVERIFY(a->spans.size() >= 3);
        QCOMPARE(spanText(a->spans[1]), QStringLiteral("[1000000000,2000000000) queued"));
        QCOMPARE(a->spans[1].reason, q(QueueKind::Lifo));
        QCOMPARE(spanText(a->spans[2]), QStringLiteral("[2000000000,4000000000) queued"));
        QCOMPARE(a->spans[2].reason, q(QueueKind::Local));
        QCOMPARE(a->spans[2].thread, ThreadId{1}); // worker-0's queue
        const Lane* b = findLane(m, Lane::Kind::Task, 2);
        QVERIFY(b);
        QCOMPARE(b->spans[1].reason, q(QueueKind::Lifo));
    }

    void firstSpanEndingAfterUsesEnds_data()
    {
        QTest::addColumn<qint64>("t");
        QTest::addColumn<int>("expected");
        QTest::newRow("before everything") << qint64(-1) << 0;
        QTest::newRow("inside the first") << qint64(5) << 0;
        QTest::newRow("at the first's end") << qint64(10) << 1; // end is exclusive
        QTest::newRow("empty span at 20") << qint64(19) << 1;
        QTest::newRow("at the empty span") << qint64(20) << 2;
        QTest::newRow("in the gap") << qint64(25) << 2;
        QTest::newRow("at the last's end") << qint64(40) << 3;
    }
    void firstSpanEndingAfterUsesEnds()
    {
        QFETCH(qint64, t);
        QFETCH(int, expected);
        const std::vector<Span> spans{Span{0, 10}, Span{20, 20}, Span{30, 40}};
        QCOMPARE(firstSpanEndingAfter(spans, t), static_cast<std::size_t>(expected));
        QCOMPARE(firstSpanEndingAfter({}, t), std::size_t{0});
    }

    void millionEventTraceIsFast()
    {
        // The fanout benchmark with 12,000 tasks records about a million events.
        RuntimeConfig cfg;
        Runtime rt(cfg);
        rt.setMain(workload::fanoutMain(rt, 12'000).boxed());
        const Trace& tr = rt.run();
        QVERIFY(tr.events.size() >= 1'000'000);
        QElapsedTimer timer;
        timer.start();
        const TimelineModel m = buildTimeline(tr);
        const qint64 ms = timer.elapsed();
        qInfo("buildTimeline: %zu events -> %zu lanes, %zu wakes in %lld ms", tr.events.size(), m.lanes.size(),
              m.wakes.size(), static_cast<long long>(ms));
        QVERIFY2(ms < 1000, qPrintable(QStringLiteral("%1 ms").arg(ms)));
        QCOMPARE(m.lanes.size(), std::size_t{5} + 12'001); // main + 4 workers, main + 10,000 tasks
        for (std::size_t i = 5; i < m.lanes.size(); ++i)
            QVERIFY(m.lanes[i].doneNs > 0);
    }
};

QTEST_GUILESS_MAIN(TestTimelineModel)
#include "tst_timeline_model.moc"
