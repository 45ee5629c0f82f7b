// The timeline of a run, built in one pass over the trace (see timeline_model.h).
//
// Lane rules:
// - thread lanes: Polling from PollStart to PollEnd, cut around the Blocked spans inside the poll
//   (BlockStart..BlockEnd); Parked from Park to Unpark. Every poll starts with a Polling span,
//   even an empty one (most polls take no simulated time), so that every poll is visible; the
//   later Polling pieces between and after its Blocked spans are kept only when not empty.
// - task lanes: Queued from Spawn, a Wake of an idle task, or a Schedule, until the PollStart
//   (a move to another queue, e.g. bumped from the LIFO slot to the local queue, starts a new
//   Queued span with the new QueueKind); Polling / Blocked as on the thread lane; Pending from a
//   Pending PollEnd until the task is woken, scheduled, cancelled or the run ends; Stalled when
//   the engine recorded a Stalled event after that PollEnd. A Pending span of zero length (the
//   task was woken during its poll and rescheduled at once) is left out.
// - Span::thread of a Queued span is the thread that owns the queue (the worker of a LIFO slot
//   or local queue, main for block_on and the current-thread queues), kNoThread for the shared
//   inject and blocking-pool queues. Span::reason of a Parked span is the Park event's detail
//   (1: the thread parked holding the timer driver).
// - sub-futures dropped inside a poll are FutureDropped events; a Cancel inside the poll (older
//   traces) is treated the same way
//   (select! loser, timeout elapsed, try_join! error), not the end of the task: it is ignored.
#include "timeline_model.h"

#include <algorithm>

namespace pw {

const char* toString(SpanState s)
{
    switch (s) {
    case SpanState::Polling:
        return "polling";
    case SpanState::Blocked:
        return "blocked";
    case SpanState::Queued:
        return "queued";
    case SpanState::Pending:
        return "pending";
    case SpanState::Stalled:
        return "stalled";
    case SpanState::Parked:
        return "parked";
    }
    return "?";
}

std::size_t firstSpanEndingAfter(const std::vector<Span>& spans, std::int64_t t)
{
    const auto it =
        std::lower_bound(spans.begin(), spans.end(), t, [](const Span& s, std::int64_t v) { return s.end <= v; });
    return static_cast<std::size_t>(it - spans.begin());
}

namespace {

constexpr std::size_t kNoArrow = static_cast<std::size_t>(-1);

/// The span a lane is in right now (not yet closed).
struct OpenSpan {
    bool open = false;
    Span span;
};

struct ThreadCursor {
    OpenSpan cur;             ///< Polling fragment, Blocked or Parked
    bool polling = false;     ///< between PollStart and PollEnd
    bool pollBlocked = false; ///< the current poll has had a Blocked span
    TaskId task = kNoTask;
    bool used = false; ///< polled or blocked at least once: gets a lane
};

struct TaskCursor {
    OpenSpan cur;
    bool spawned = false;
    bool finished = false;
    bool inPoll = false;
    bool pollBlocked = false;
    std::size_t lastArrow = kNoArrow; ///< newest wake arrow still waiting for its poll
};

void closeInto(OpenSpan& o, std::int64_t t, std::vector<Span>& out)
{
    if (!o.open)
        return;
    o.span.end = std::max(t, o.span.start);
    o.open = false;
    // Returned Pending and rescheduled (or finished) at the same instant: the Queued span that
    // follows says it all.
    if (o.span.state == SpanState::Pending && o.span.end == o.span.start)
        return;
    out.push_back(o.span);
}

void openSpan(OpenSpan& o, std::int64_t t, SpanState state, TaskId task, ThreadId thread, std::uint8_t reason = 0)
{
    o.open = true;
    o.span = Span{t, t, state, task, thread, reason};
}

/// Closes a Polling fragment. An empty fragment is dropped when `dropIfEmpty` (it is not the
/// first of its poll): every poll keeps the span that marks where it starts.
void closePollingFragment(OpenSpan& o, std::int64_t t, bool dropIfEmpty, std::vector<Span>& out)
{
    if (!o.open)
        return;
    if (o.span.state == SpanState::Polling && t <= o.span.start && dropIfEmpty) {
        o.open = false;
        return;
    }
    closeInto(o, t, out);
}

} // namespace

TimelineModel buildTimeline(const Trace& trace)
{
    TimelineModel model;
    const std::size_t nThreads = trace.threads.size();
    const std::size_t nTasks = trace.tasks.size();
    std::int64_t endNs = trace.status.endNs;
    if (!trace.events.empty())
        endNs = std::max(endNs, trace.events.back().t);
    model.endNs = endNs;

    // Which thread owns worker index i's queues, and which thread runs block_on.
    std::vector<ThreadId> workerThread;
    ThreadId blockOnThread = kNoThread;
    for (std::size_t th = 0; th < nThreads; ++th) {
        if (trace.threads[th].kind == ThreadKind::Worker)
            workerThread.push_back(static_cast<ThreadId>(th));
        else if (trace.threads[th].kind == ThreadKind::BlockOn && blockOnThread == kNoThread)
            blockOnThread = static_cast<ThreadId>(th);
    }
    auto queueOwner = [&](QueueKind q, std::int64_t arg) -> ThreadId {
        switch (q) {
        case QueueKind::Lifo:
        case QueueKind::Local:
            if (workerThread.empty())
                return blockOnThread; // current_thread: the one local queue is main's
            if (arg >= 0 && static_cast<std::size_t>(arg) < workerThread.size())
                return workerThread[static_cast<std::size_t>(arg)];
            return kNoThread;
        case QueueKind::BlockOn:
            return blockOnThread;
        case QueueKind::Inject:
            return workerThread.empty() ? blockOnThread : kNoThread;
        default:
            return kNoThread;
        }
    };

    std::vector<std::vector<Span>> threadSpans(nThreads);
    std::vector<ThreadCursor> threads(nThreads);
    model.lanes.resize(nTasks); // task lanes first while building; thread lanes put in front at the end
    std::vector<TaskCursor> tasks(nTasks);
    std::vector<std::size_t> arrowPrev; // per arrow: the previous arrow still waiting, same task

    // A Schedule: the task's Queued span starts, or changes queue.
    auto queueTask = [&](const TraceEvent& e) {
        if (e.task >= nTasks)
            return;
        TaskCursor& tc = tasks[e.task];
        auto& spans = model.lanes[e.task].spans;
        if (tc.finished || tc.inPoll)
            return;
        const auto q = static_cast<QueueKind>(e.detail);
        const ThreadId owner = queueOwner(q, scheduleWorker(e));
        if (tc.cur.open && tc.cur.span.state == SpanState::Queued) {
            if (tc.cur.span.start == e.t) { // same instant: this is where it was put
                tc.cur.span.reason = e.detail;
                tc.cur.span.thread = owner;
                return;
            }
            if (tc.cur.span.reason == e.detail && tc.cur.span.thread == owner)
                return;
        }
        closeInto(tc.cur, e.t, spans);
        openSpan(tc.cur, e.t, SpanState::Queued, e.task, owner, e.detail);
    };

    for (const TraceEvent& e : trace.events) {
        const std::int64_t t = e.t;
        const bool hasThread = e.thread < nThreads;
        const bool hasTask = e.task < nTasks;
        switch (e.kind) {
        case EventKind::Spawn:
            if (hasTask) {
                TaskCursor& tc = tasks[e.task];
                tc.spawned = true;
                if (!tc.cur.open && !tc.finished)
                    openSpan(tc.cur, t, SpanState::Queued, e.task, kNoThread,
                             static_cast<std::uint8_t>(QueueKind::None));
            }
            break;
        case EventKind::Schedule:
            if (lifoDisplaced(e) == kNoTask) {
                queueTask(e);
            } else { // two moves in one event: the new task into the LIFO slot, the old one out
                queueTask(withoutDisplaced(e));
                queueTask(displacedSchedule(e));
            }
            break;
        case EventKind::Wake:
        case EventKind::TimerFire: // the driver's wake
            if (!hasTask || !isEffectiveWake(e))
                break;
            {
                WakeArrow a;
                a.t = t;
                a.fromThread = hasThread ? e.thread : kNoThread;
                a.fromTask = wakerOf(e, nTasks);
                a.toTask = e.task;
                TaskCursor& tc = tasks[e.task];
                arrowPrev.push_back(tc.lastArrow);
                tc.lastArrow = model.wakes.size();
                model.wakes.push_back(a);
                if (!tc.finished && !tc.inPoll &&
                    (!tc.cur.open || tc.cur.span.state == SpanState::Pending ||
                     tc.cur.span.state == SpanState::Stalled)) {
                    closeInto(tc.cur, t, model.lanes[e.task].spans);
                    openSpan(tc.cur, t, SpanState::Queued, e.task, kNoThread,
                             static_cast<std::uint8_t>(QueueKind::None));
                }
            }
            break;
        case EventKind::PollStart:
            if (hasThread) {
                ThreadCursor& th = threads[e.thread];
                auto& spans = threadSpans[e.thread];
                closeInto(th.cur, t, spans); // a Parked span (or a poll that never ended)
                th.polling = true;
                th.pollBlocked = false;
                th.used = true;
                th.task = e.task;
                openSpan(th.cur, t, SpanState::Polling, e.task, e.thread);
            }
            if (hasTask) {
                TaskCursor& tc = tasks[e.task];
                closeInto(tc.cur, t, model.lanes[e.task].spans);
                tc.spawned = true;
                tc.inPoll = true;
                tc.pollBlocked = false;
                openSpan(tc.cur, t, SpanState::Polling, e.task, hasThread ? e.thread : kNoThread);
                for (std::size_t a = tc.lastArrow; a != kNoArrow; a = arrowPrev[a]) {
                    model.wakes[a].pollT = t;
                    model.wakes[a].pollThread = hasThread ? e.thread : kNoThread;
                }
                tc.lastArrow = kNoArrow;
            }
            break;
        case EventKind::BlockStart: {
            const auto reason = e.detail;
            TaskId polled = e.task;
            if (hasThread) {
                ThreadCursor& th = threads[e.thread];
                auto& spans = threadSpans[e.thread];
                if (th.polling) {
                    polled = th.task;
                    closePollingFragment(th.cur, t, th.pollBlocked, spans);
                    th.pollBlocked = true;
                } else {
                    closeInto(th.cur, t, spans);
                }
                th.used = true;
                openSpan(th.cur, t, SpanState::Blocked, polled, e.thread, reason);
            }
            if (polled < nTasks) {
                TaskCursor& tc = tasks[polled];
                auto& spans = model.lanes[polled].spans;
                if (tc.inPoll) {
                    closePollingFragment(tc.cur, t, tc.pollBlocked, spans);
                    tc.pollBlocked = true;
                } else {
                    closeInto(tc.cur, t, spans);
                }
                openSpan(tc.cur, t, SpanState::Blocked, polled, hasThread ? e.thread : kNoThread, reason);
            }
            break;
        }
        case EventKind::BlockEnd: {
            TaskId polled = e.task;
            if (hasThread) {
                ThreadCursor& th = threads[e.thread];
                if (th.cur.open && th.cur.span.state == SpanState::Blocked) {
                    polled = th.cur.span.task;
                    closeInto(th.cur, t, threadSpans[e.thread]);
                    if (th.polling)
                        openSpan(th.cur, t, SpanState::Polling, th.task, e.thread);
                }
            }
            if (polled < nTasks) {
                TaskCursor& tc = tasks[polled];
                if (tc.cur.open && tc.cur.span.state == SpanState::Blocked) {
                    const ThreadId thr = tc.cur.span.thread;
                    closeInto(tc.cur, t, model.lanes[polled].spans);
                    if (tc.inPoll)
                        openSpan(tc.cur, t, SpanState::Polling, polled, thr);
                }
            }
            break;
        }
        case EventKind::PollEnd:
            if (hasThread) {
                ThreadCursor& th = threads[e.thread];
                if (th.polling) {
                    closePollingFragment(th.cur, t, th.pollBlocked, threadSpans[e.thread]);
                    closeInto(th.cur, t, threadSpans[e.thread]); // a Blocked span left open
                }
                th.polling = false;
                th.task = kNoTask;
            }
            if (hasTask) {
                TaskCursor& tc = tasks[e.task];
                auto& spans = model.lanes[e.task].spans;
                if (tc.inPoll) {
                    closePollingFragment(tc.cur, t, tc.pollBlocked, spans);
                    closeInto(tc.cur, t, spans);
                }
                tc.inPoll = false;
                if (e.detail == static_cast<std::uint8_t>(PollResultKind::Pending) && !tc.finished)
                    openSpan(tc.cur, t, SpanState::Pending, e.task, hasThread ? e.thread : kNoThread);
            }
            break;
        case EventKind::Stalled:
            if (hasTask) {
                TaskCursor& tc = tasks[e.task];
                if (tc.finished || tc.inPoll)
                    break;
                if (tc.cur.open && tc.cur.span.state == SpanState::Pending) {
                    tc.cur.span.state = SpanState::Stalled;
                } else {
                    closeInto(tc.cur, t, model.lanes[e.task].spans);
                    openSpan(tc.cur, t, SpanState::Stalled, e.task, hasThread ? e.thread : kNoThread);
                }
            }
            break;
        case EventKind::Cancel:
        case EventKind::Done:
            if (hasTask) {
                TaskCursor& tc = tasks[e.task];
                if (tc.finished || (e.kind == EventKind::Cancel && tc.inPoll))
                    break; // a sub-future dropped inside the task's own poll
                closeInto(tc.cur, t, model.lanes[e.task].spans);
                tc.finished = true;
                tc.inPoll = false;
                model.lanes[e.task].doneNs = t;
                model.lanes[e.task].cancelled = e.kind == EventKind::Cancel;
            }
            break;
        case EventKind::Park:
            if (hasThread) {
                ThreadCursor& th = threads[e.thread];
                if (!th.polling && !th.cur.open)
                    openSpan(th.cur, t, SpanState::Parked, kNoTask, e.thread, e.detail);
            }
            break;
        case EventKind::Unpark:
            if (hasThread) {
                ThreadCursor& th = threads[e.thread];
                if (th.cur.open && th.cur.span.state == SpanState::Parked)
                    closeInto(th.cur, t, threadSpans[e.thread]);
            }
            break;
        default:
            break;
        }
    }

    // Close what is still open at the end of the run, then lay the lanes out: threads first.
    for (std::size_t i = 0; i < nTasks; ++i) {
        closeInto(tasks[i].cur, endNs, model.lanes[i].spans);
        Lane& lane = model.lanes[i];
        lane.kind = Lane::Kind::Task;
        lane.id = static_cast<std::uint32_t>(i);
        lane.name = trace.taskName(i);
    }
    std::vector<Lane> threadLanes;
    for (std::size_t th = 0; th < nThreads; ++th) {
        if (!threads[th].used)
            continue;
        closeInto(threads[th].cur, endNs, threadSpans[th]);
        Lane lane;
        lane.kind = Lane::Kind::Thread;
        lane.id = static_cast<std::uint32_t>(th);
        lane.name = trace.threads[th].name;
        lane.spans = std::move(threadSpans[th]);
        threadLanes.push_back(std::move(lane));
    }
    model.lanes.insert(model.lanes.begin(), std::make_move_iterator(threadLanes.begin()),
                       std::make_move_iterator(threadLanes.end()));

    model.prints.reserve(trace.lines.size());
    for (const PrintedLine& l : trace.lines)
        model.prints.push_back(PrintMark{l.t, l.thread, l.task, l.text});

    model.objectNames = trace.objectNames;
    for (const TraceEvent& e : trace.events) {
        SyncMark::Kind kind{};
        switch (e.kind) {
        case EventKind::LockAcquire:
            kind = SyncMark::Kind::LockAcquire;
            break;
        case EventKind::LockContend:
            kind = SyncMark::Kind::LockWait;
            break;
        case EventKind::LockRelease:
            kind = SyncMark::Kind::LockRelease;
            break;
        case EventKind::TryLockFail:
            kind = SyncMark::Kind::TryLockFail;
            break;
        case EventKind::ChannelSend:
            kind = SyncMark::Kind::Send;
            break;
        case EventKind::ChannelRecv:
            kind = SyncMark::Kind::Recv;
            break;
        default:
            continue;
        }
        model.syncMarks.push_back(SyncMark{e.t, kind, e.task, e.thread, static_cast<std::uint32_t>(e.arg)});
    }
    return model;
}

const char* toString(SyncMark::Kind k)
{
    switch (k) {
    case SyncMark::Kind::LockAcquire:
        return "locked";
    case SyncMark::Kind::LockWait:
        return "waits for the lock";
    case SyncMark::Kind::LockRelease:
        return "unlocked";
    case SyncMark::Kind::TryLockFail:
        return "try_lock failed";
    case SyncMark::Kind::Send:
        return "sent";
    case SyncMark::Kind::Recv:
        return "received";
    }
    return "";
}

} // namespace pw
