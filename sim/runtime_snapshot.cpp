// Replays a trace prefix into a RuntimeSnapshot (see runtime_snapshot.h for the rules).
//
// Structure: a pre-pass over the whole trace (once per cursor) finds what the trace only says
// in hindsight: which TimerFire ends which TimerRegister, when a timer that never fires is
// proven gone, and when a lock waiter that never acquires was dropped. It turns these into
// "actions" attached to event indices. The replay then applies events in order, and after
// event i the actions attached to i, so that the state after any prefix depends on that prefix
// and the (fixed) pre-pass only: replaying the same prefix twice gives the same state, which is
// what makes checkpoints and backward seeks exact.
#include "runtime_snapshot.h"

#include <algorithm>
#include <deque>
#include <limits>
#include <map>
#include <utility>

namespace pw {

const char* toString(ThreadActivity a)
{
    switch (a) {
    case ThreadActivity::NotStarted:
        return "not started";
    case ThreadActivity::Idle:
        return "idle";
    case ThreadActivity::Polling:
        return "polling";
    case ThreadActivity::Blocked:
        return "blocked";
    case ThreadActivity::Parked:
        return "parked";
    case ThreadActivity::Exited:
        return "exited";
    }
    return "?";
}

const char* toString(TaskActivity a)
{
    switch (a) {
    case TaskActivity::NotSpawned:
        return "not spawned";
    case TaskActivity::Queued:
        return "queued";
    case TaskActivity::Running:
        return "running";
    case TaskActivity::Blocked:
        return "blocked";
    case TaskActivity::Waiting:
        return "waiting";
    case TaskActivity::Stalled:
        return "stalled";
    case TaskActivity::Done:
        return "done";
    case TaskActivity::Cancelled:
        return "cancelled";
    }
    return "?";
}

namespace {

constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

bool isLockEvent(EventKind k)
{
    return k == EventKind::LockAcquire || k == EventKind::LockContend || k == EventKind::LockRelease ||
           k == EventKind::TryLockFail;
}

/// Something the trace only says in hindsight, applied right after event `at`.
struct Action {
    enum class Kind : std::uint8_t { EndTimer, DropWaiter };
    std::size_t at = 0;
    Kind kind = Kind::EndTimer;
    std::size_t ref = 0;     ///< EndTimer: the TimerRegister's index
    TaskId task = kNoTask;   ///< DropWaiter
    std::uint32_t mutex = 0; ///< DropWaiter
};

/// What the pre-pass learns; immutable afterwards.
struct Layout {
    std::vector<ThreadId> workerThreads; ///< worker index -> thread
    bool currentThreadCore = false;      ///< no workers: the main thread owns the one run queue
    ThreadId mainThread = kNoThread;
    std::vector<std::uint32_t> mutexIds; ///< objects that are locked at some point, sorted
    std::vector<int> mutexSlot;          ///< object id -> index into mutexIds, -1 for others
    std::vector<MutexKind> mutexKinds;   ///< by slot
    std::vector<Action> actions;         ///< sorted by `at`
};

struct Core {
    TaskId lifo = kNoTask;
    std::deque<TaskId> local;
};

struct ActiveTimer {
    std::size_t reg = 0; ///< the TimerRegister's index: identifies the timer
    PendingTimer timer;
};

/// The replay state after `pos` events.
struct State {
    std::size_t pos = 0;
    std::size_t nextAction = 0;
    std::vector<ThreadSnapshot> threads;
    std::vector<Core> cores;
    std::deque<TaskId> inject;
    std::deque<TaskId> blocking;
    std::vector<TaskSnapshot> tasks;
    std::vector<ActiveTimer> timers;    ///< registration order
    std::vector<MutexSnapshot> mutexes; ///< by slot
};

void eraseOne(std::deque<TaskId>& d, TaskId t)
{
    if (d.empty())
        return;
    if (d.front() == t) { // the usual case: a queue is taken from its front
        d.pop_front();
        return;
    }
    if (d.back() == t) {
        d.pop_back();
        return;
    }
    auto it = std::find(d.begin(), d.end(), t);
    if (it != d.end())
        d.erase(it);
}

void eraseOne(std::vector<TaskId>& v, TaskId t)
{
    auto it = std::find(v.begin(), v.end(), t);
    if (it != v.end())
        v.erase(it);
}

Layout buildLayout(const Trace& tr)
{
    Layout L;
    for (std::size_t th = 0; th < tr.threads.size(); ++th) {
        const auto id = static_cast<ThreadId>(th);
        if (tr.threads[th].kind == ThreadKind::Worker)
            L.workerThreads.push_back(id);
        else if (tr.threads[th].kind == ThreadKind::BlockOn && L.mainThread == kNoThread)
            L.mainThread = id;
    }
    const auto& ev = tr.events;
    const std::size_t n = ev.size();

    // Mutexes, and whether a current_thread scheduler's run queue exists.
    std::map<std::uint32_t, MutexKind> kinds;
    bool anyQueue = false;
    for (const TraceEvent& e : ev) {
        if (isLockEvent(e.kind) && e.arg >= 0 && e.arg < 0x100000000LL)
            kinds.emplace(static_cast<std::uint32_t>(e.arg), static_cast<MutexKind>(e.detail));
        if (e.kind == EventKind::Schedule && (e.detail == static_cast<std::uint8_t>(QueueKind::Local) ||
                                              e.detail == static_cast<std::uint8_t>(QueueKind::Inject)))
            anyQueue = true;
    }
    L.currentThreadCore = L.workerThreads.empty() && anyQueue && L.mainThread != kNoThread;
    for (const auto& [id, kind] : kinds) {
        if (L.mutexSlot.size() <= id)
            L.mutexSlot.resize(static_cast<std::size_t>(id) + 1, -1);
        L.mutexSlot[id] = static_cast<int>(L.mutexIds.size());
        L.mutexIds.push_back(id);
        L.mutexKinds.push_back(kind);
    }

    // Per task, the events at which a future of it may have been dropped silently.
    std::vector<std::vector<std::size_t>> drops(tr.tasks.size());
    for (std::size_t i = 0; i < n; ++i) {
        const TraceEvent& e = ev[i];
        if (e.task < drops.size() &&
            (e.kind == EventKind::FutureDropped || e.kind == EventKind::Done || e.kind == EventKind::Cancel))
            drops[e.task].push_back(i);
    }
    auto firstDropAfter = [&](TaskId t, std::size_t i) {
        if (t >= drops.size())
            return npos;
        auto it = std::upper_bound(drops[t].begin(), drops[t].end(), i);
        return it == drops[t].end() ? npos : *it;
    };

    // Timers: match each fire to the registration it ends (same task and deadline, in order;
    // a timer re-polled by another task fires with that task: then any same deadline). A fire
    // of deadline D proves that every open registration with an earlier deadline was cancelled.
    std::map<std::pair<TaskId, std::int64_t>, std::deque<std::size_t>> byKey;
    std::multimap<std::int64_t, std::size_t> byDeadline;      // equal keys keep registration order
    std::vector<std::pair<std::size_t, std::size_t>> unfired; // (registration, proven gone at)
    auto closeReg = [&](std::size_t reg) {
        const TraceEvent& r = ev[reg];
        auto k = byKey.find({r.task, r.arg});
        if (k != byKey.end()) {
            auto it = std::find(k->second.begin(), k->second.end(), reg);
            if (it != k->second.end())
                k->second.erase(it);
            if (k->second.empty())
                byKey.erase(k);
        }
        auto [lo, hi] = byDeadline.equal_range(r.arg);
        for (auto it = lo; it != hi; ++it) {
            if (it->second == reg) {
                byDeadline.erase(it);
                break;
            }
        }
    };
    for (std::size_t i = 0; i < n; ++i) {
        const TraceEvent& e = ev[i];
        if (e.kind == EventKind::TimerRegister) {
            byKey[{e.task, e.arg}].push_back(i);
            byDeadline.emplace(e.arg, i);
        } else if (e.kind == EventKind::TimerFire) {
            std::size_t reg = npos;
            if (auto k = byKey.find({e.task, e.arg}); k != byKey.end() && !k->second.empty())
                reg = k->second.front();
            else if (auto it = byDeadline.find(e.arg); it != byDeadline.end())
                reg = it->second;
            if (reg != npos) {
                closeReg(reg);
                L.actions.push_back(Action{i, Action::Kind::EndTimer, reg, kNoTask, 0});
            }
            while (!byDeadline.empty() && byDeadline.begin()->first < e.arg) {
                const std::size_t stale = byDeadline.begin()->second;
                closeReg(stale);
                unfired.emplace_back(stale, i);
            }
        }
    }
    for (const auto& [deadline, reg] : byDeadline)
        unfired.emplace_back(reg, npos);
    for (const auto& [reg, provenAt] : unfired) {
        const std::size_t at = std::min(provenAt, firstDropAfter(ev[reg].task, reg));
        if (at != npos)
            L.actions.push_back(Action{at, Action::Kind::EndTimer, reg, kNoTask, 0});
    }

    // Lock waiters that never acquire: dropped at the task's next FutureDropped / Done / Cancel,
    // unless the task contends for the same mutex again first (that replaces the entry).
    std::map<std::pair<TaskId, std::int64_t>, std::size_t> open; // (task, mutex) -> contend index
    auto dropUnacquired = [&](std::size_t contend, std::size_t limit) {
        const TraceEvent& c = ev[contend];
        const std::size_t at = firstDropAfter(c.task, contend);
        if (at != npos && at < limit)
            L.actions.push_back(Action{at, Action::Kind::DropWaiter, 0, c.task, static_cast<std::uint32_t>(c.arg)});
    };
    for (std::size_t i = 0; i < n; ++i) {
        const TraceEvent& e = ev[i];
        if (e.kind == EventKind::LockContend && e.arg >= 0) {
            auto [it, fresh] = open.try_emplace({e.task, e.arg}, i);
            if (!fresh) {
                dropUnacquired(it->second, i);
                it->second = i;
            }
        } else if (e.kind == EventKind::LockAcquire) {
            open.erase({e.task, e.arg});
        }
    }
    for (const auto& [key, contend] : open)
        dropUnacquired(contend, npos);

    std::stable_sort(L.actions.begin(), L.actions.end(), [](const Action& a, const Action& b) { return a.at < b.at; });
    return L;
}

class Replayer {
public:
    Replayer(const Trace& tr, const Layout& L) : m_tr(tr), m_L(L) {}

    State initial() const
    {
        State s;
        s.threads.resize(m_tr.threads.size());
        for (std::size_t th = 0; th < m_tr.threads.size(); ++th) {
            ThreadSnapshot& t = s.threads[th];
            t.id = static_cast<ThreadId>(th);
            t.name = m_tr.threads[th].name;
            t.kind = m_tr.threads[th].kind;
        }
        for (std::size_t w = 0; w < m_L.workerThreads.size(); ++w)
            s.threads[m_L.workerThreads[w]].worker = static_cast<int>(w);
        if (m_L.currentThreadCore)
            s.threads[m_L.mainThread].worker = 0;
        s.cores.resize(coreCount());
        s.tasks.resize(m_tr.tasks.size());
        s.mutexes.resize(m_L.mutexIds.size());
        for (std::size_t i = 0; i < m_L.mutexIds.size(); ++i) {
            MutexSnapshot& m = s.mutexes[i];
            m.id = m_L.mutexIds[i];
            m.name = m.id < m_tr.objectNames.size() ? m_tr.objectNames[m.id] : "mutex " + std::to_string(m.id);
            m.kind = m_L.mutexKinds[i];
        }
        return s;
    }

    std::size_t coreCount() const { return m_L.currentThreadCore ? 1 : m_L.workerThreads.size(); }

    /// Applies events [s.pos, end).
    void advance(State& s, std::size_t end) const
    {
        for (; s.pos < end; ++s.pos) {
            apply(s, s.pos, m_tr.events[s.pos]);
            while (s.nextAction < m_L.actions.size() && m_L.actions[s.nextAction].at <= s.pos)
                perform(s, m_L.actions[s.nextAction++]);
        }
    }

    RuntimeSnapshot snapshot(const State& s, std::int64_t t) const
    {
        RuntimeSnapshot out;
        out.t = t;
        out.eventsApplied = s.pos;
        out.threads = s.threads;
        out.mainThread = m_L.mainThread;
        out.workers.resize(s.cores.size());
        for (std::size_t w = 0; w < s.cores.size(); ++w) {
            WorkerSnapshot& ws = out.workers[w];
            ws.index = static_cast<std::uint32_t>(w);
            ws.thread = m_L.currentThreadCore ? m_L.mainThread : m_L.workerThreads[w];
            ws.name = m_tr.threads[ws.thread].name;
            ws.hasLifoSlot = !m_L.currentThreadCore;
            ws.lifo = s.cores[w].lifo;
            ws.local.assign(s.cores[w].local.begin(), s.cores[w].local.end());
        }
        out.inject.assign(s.inject.begin(), s.inject.end());
        out.blocking.assign(s.blocking.begin(), s.blocking.end());
        std::vector<const ActiveTimer*> timers;
        timers.reserve(s.timers.size());
        for (const ActiveTimer& a : s.timers)
            timers.push_back(&a);
        std::stable_sort(timers.begin(), timers.end(), [](const ActiveTimer* a, const ActiveTimer* b) {
            return a->timer.deadline < b->timer.deadline;
        });
        out.timers.reserve(timers.size());
        for (const ActiveTimer* a : timers)
            out.timers.push_back(a->timer);
        out.mutexes = s.mutexes;
        out.tasks = s.tasks;
        return out;
    }

private:
    const Trace& m_tr;
    const Layout& m_L;

    static bool finished(const TaskSnapshot& t)
    {
        return t.activity == TaskActivity::Done || t.activity == TaskActivity::Cancelled;
    }

    std::uint32_t coreIndex(std::int64_t arg) const
    {
        if (m_L.currentThreadCore)
            return 0;
        return arg >= 0 && static_cast<std::uint64_t>(arg) < m_L.workerThreads.size() ? static_cast<std::uint32_t>(arg)
                                                                                      : 0xffffffffu;
    }

    /// Takes `t` out of the run queue it sits in, if any.
    void unqueue(State& s, TaskId t) const
    {
        TaskSnapshot& ts = s.tasks[t];
        if (ts.activity != TaskActivity::Queued)
            return;
        switch (ts.queue) {
        case QueueKind::Lifo:
            if (ts.worker < s.cores.size() && s.cores[ts.worker].lifo == t)
                s.cores[ts.worker].lifo = kNoTask;
            break;
        case QueueKind::Local:
            if (ts.worker < s.cores.size())
                eraseOne(s.cores[ts.worker].local, t);
            break;
        case QueueKind::Inject:
            eraseOne(s.inject, t);
            break;
        case QueueKind::Blocking:
            eraseOne(s.blocking, t);
            break;
        default:
            break;
        }
        ts.queue = QueueKind::None;
    }

    void setThread(State& s, ThreadId th, ThreadActivity a, std::int64_t t, TaskId task) const
    {
        ThreadSnapshot& ts = s.threads[th];
        if (ts.activity != a || ts.task != task)
            ts.since = t;
        ts.activity = a;
        ts.task = task;
        ts.holdsDriver = false;
        ts.blockedUntil = -1;
    }

    void setTask(State& s, TaskId task, TaskActivity a, std::int64_t t) const
    {
        TaskSnapshot& ts = s.tasks[task];
        if (ts.activity != a)
            ts.since = t;
        ts.activity = a;
        if (a != TaskActivity::Running && a != TaskActivity::Blocked)
            ts.thread = kNoThread;
    }

    MutexSnapshot* mutex(State& s, std::int64_t id) const
    {
        if (id < 0 || static_cast<std::uint64_t>(id) >= m_L.mutexSlot.size())
            return nullptr;
        const int slot = m_L.mutexSlot[static_cast<std::size_t>(id)];
        return slot < 0 ? nullptr : &s.mutexes[static_cast<std::size_t>(slot)];
    }

    static void dropWaiter(MutexSnapshot& m, TaskId t)
    {
        eraseOne(m.waiters, t);
        if (m.handedTo == t)
            m.handedTo = kNoTask;
    }

    void apply(State& s, std::size_t index, const TraceEvent& e) const
    {
        if (lifoDisplaced(e) != kNoTask) { // two moves in one event: the new task, then the old one
            apply(s, index, withoutDisplaced(e));
            apply(s, index, displacedSchedule(e));
            return;
        }
        const bool hasThread = e.thread < s.threads.size();
        if (hasThread && s.threads[e.thread].activity == ThreadActivity::NotStarted) {
            s.threads[e.thread].activity = ThreadActivity::Idle;
            s.threads[e.thread].since = e.t;
        }
        const bool hasTask = e.task < s.tasks.size();
        switch (e.kind) {
        case EventKind::Spawn:
            if (hasTask) {
                setTask(s, e.task, TaskActivity::Queued, e.t);
                // main is polled first thing; an OS thread's job starts on its own thread
                s.tasks[e.task].queue =
                    e.detail == static_cast<std::uint8_t>(TaskKind::Main) ? QueueKind::BlockOn : QueueKind::None;
            }
            break;
        case EventKind::Schedule: {
            if (!hasTask || finished(s.tasks[e.task]))
                break; // a stale entry of a cancelled task, moved by a steal
            TaskSnapshot& ts = s.tasks[e.task];
            if (ts.activity == TaskActivity::Running || ts.activity == TaskActivity::Blocked)
                break; // not a queue entry: a running task is only flagged as notified
            unqueue(s, e.task);
            const auto q = static_cast<QueueKind>(e.detail);
            std::uint32_t w = 0;
            switch (q) {
            case QueueKind::Lifo:
            case QueueKind::Local:
                w = coreIndex(e.arg);
                if (w >= s.cores.size())
                    break;
                if (q == QueueKind::Lifo)
                    s.cores[w].lifo = e.task; // the previous occupant moves by its own event
                else
                    s.cores[w].local.push_back(e.task);
                break;
            case QueueKind::Inject:
                s.inject.push_back(e.task);
                break;
            case QueueKind::Blocking:
                s.blocking.push_back(e.task);
                break;
            default:
                break;
            }
            setTask(s, e.task, TaskActivity::Queued, e.t);
            ts.queue = q;
            ts.worker = w;
            break;
        }
        case EventKind::PollStart:
            if (hasTask) {
                unqueue(s, e.task);
                setTask(s, e.task, TaskActivity::Running, e.t);
                s.tasks[e.task].thread = e.thread;
            }
            if (hasThread)
                setThread(s, e.thread, ThreadActivity::Polling, e.t, e.task);
            break;
        case EventKind::PollEnd:
            if (hasTask && s.tasks[e.task].activity != TaskActivity::Queued && !finished(s.tasks[e.task])) {
                if (e.detail == static_cast<std::uint8_t>(PollResultKind::Pending))
                    setTask(s, e.task, TaskActivity::Waiting, e.t);
            }
            if (hasThread) {
                const bool jobDone = s.threads[e.thread].kind == ThreadKind::Os &&
                                     e.detail == static_cast<std::uint8_t>(PollResultKind::Ready);
                setThread(s, e.thread, jobDone ? ThreadActivity::Exited : ThreadActivity::Idle, e.t, kNoTask);
            }
            break;
        case EventKind::BlockStart:
            if (hasThread) {
                ThreadSnapshot& th = s.threads[e.thread];
                const TaskId polled = th.task != kNoTask ? th.task : e.task;
                setThread(s, e.thread, ThreadActivity::Blocked, e.t, polled);
                th.blockReason = static_cast<BlockReason>(e.detail);
                th.blockedUntil = e.arg;
                if (polled < s.tasks.size()) {
                    setTask(s, polled, TaskActivity::Blocked, e.t);
                    s.tasks[polled].thread = e.thread;
                }
            }
            break;
        case EventKind::BlockEnd:
            if (hasThread && s.threads[e.thread].activity == ThreadActivity::Blocked) {
                const TaskId polled = s.threads[e.thread].task;
                setThread(s, e.thread, polled != kNoTask ? ThreadActivity::Polling : ThreadActivity::Idle, e.t, polled);
                if (polled < s.tasks.size() && s.tasks[polled].activity == TaskActivity::Blocked) {
                    setTask(s, polled, TaskActivity::Running, e.t);
                    s.tasks[polled].thread = e.thread;
                }
            }
            break;
        case EventKind::Park:
            if (hasThread) {
                setThread(s, e.thread, ThreadActivity::Parked, e.t, kNoTask);
                s.threads[e.thread].holdsDriver = e.detail == 1;
            }
            break;
        case EventKind::Unpark:
            if (hasThread && s.threads[e.thread].activity == ThreadActivity::Parked)
                setThread(s, e.thread, ThreadActivity::Idle, e.t, kNoTask);
            break;
        case EventKind::Stalled:
            if (hasTask && s.tasks[e.task].activity == TaskActivity::Waiting)
                setTask(s, e.task, TaskActivity::Stalled, e.t);
            break;
        case EventKind::Done:
        case EventKind::Cancel:
            if (hasTask && !finished(s.tasks[e.task])) {
                unqueue(s, e.task);
                setTask(s, e.task, e.kind == EventKind::Done ? TaskActivity::Done : TaskActivity::Cancelled, e.t);
                // Its future is dropped: its timers are cancelled, its lock futures leave the queues.
                std::erase_if(s.timers, [&](const ActiveTimer& a) { return a.timer.task == e.task; });
                for (MutexSnapshot& m : s.mutexes)
                    dropWaiter(m, e.task);
            }
            break;
        case EventKind::TimerRegister:
            s.timers.push_back(ActiveTimer{index, PendingTimer{e.task, e.arg, e.t}});
            break;
        case EventKind::LockContend:
            if (MutexSnapshot* m = mutex(s, e.arg)) {
                eraseOne(m->waiters, e.task);
                m->waiters.push_back(e.task);
            }
            break;
        case EventKind::LockAcquire:
            if (MutexSnapshot* m = mutex(s, e.arg)) {
                eraseOne(m->waiters, e.task);
                m->holder = e.task;
                m->heldSince = e.t;
                m->handedTo = kNoTask;
            }
            break;
        case EventKind::LockRelease:
            if (MutexSnapshot* m = mutex(s, e.arg)) {
                m->holder = kNoTask;
                m->heldSince = e.t;
                m->handedTo = m->waiters.empty() ? kNoTask : m->waiters.front();
            }
            break;
        default:
            break;
        }
    }

    void perform(State& s, const Action& a) const
    {
        switch (a.kind) {
        case Action::Kind::EndTimer:
            std::erase_if(s.timers, [&](const ActiveTimer& t) { return t.reg == a.ref; });
            break;
        case Action::Kind::DropWaiter:
            if (MutexSnapshot* m = mutex(s, a.mutex))
                dropWaiter(*m, a.task);
            break;
        }
    }
};

std::size_t cutFor(const Trace& tr, std::int64_t t)
{
    const auto it = std::upper_bound(tr.events.begin(), tr.events.end(), t,
                                     [](std::int64_t v, const TraceEvent& e) { return v < e.t; });
    return static_cast<std::size_t>(it - tr.events.begin());
}

} // namespace

RuntimeSnapshot snapshotAt(const Trace& trace, std::int64_t t)
{
    const Layout layout = buildLayout(trace);
    const Replayer r(trace, layout);
    State s = r.initial();
    r.advance(s, cutFor(trace, t));
    return r.snapshot(s, t);
}

// ---- SnapshotCursor ---------------------------------------------------------------------------

struct SnapshotCursor::Impl {
    const Trace* trace;
    Layout layout;
    Replayer replayer;
    State state;
    std::vector<State> checkpoints; ///< checkpoints[k] is the state after k * interval events
    std::size_t interval = 0;
    std::int64_t t = -1; ///< before seek: the state before any event
    std::uint64_t replayed = 0;

    Impl(const Trace& tr, std::size_t every)
        : trace(&tr), layout(buildLayout(tr)), replayer(tr, layout), state(replayer.initial())
    {
        if (every == 0) {
            // Keep the checkpoints to about 64 MB, and to at least 2048 events apart.
            const std::size_t stateBytes = 256 + tr.tasks.size() * sizeof(TaskSnapshot) +
                                           tr.threads.size() * sizeof(ThreadSnapshot) +
                                           layout.mutexIds.size() * sizeof(MutexSnapshot);
            const std::size_t maxCheckpoints = std::max<std::size_t>(4, (64u << 20) / stateBytes);
            every = std::max<std::size_t>(2048, tr.events.size() / maxCheckpoints + 1);
        }
        interval = every;
        checkpoints.push_back(state);
    }

    void advanceTo(std::size_t cut)
    {
        while (state.pos < cut) {
            const std::size_t nextCheckpoint = (state.pos / interval + 1) * interval;
            const std::size_t stop = std::min(cut, nextCheckpoint);
            replayed += stop - state.pos;
            replayer.advance(state, stop);
            if (state.pos == nextCheckpoint && checkpoints.size() == nextCheckpoint / interval)
                checkpoints.push_back(state);
        }
    }

    void seek(std::int64_t to)
    {
        const std::size_t cut = cutFor(*trace, to);
        if (cut < state.pos) {
            const std::size_t k = std::min(cut / interval, checkpoints.size() - 1);
            state = checkpoints[k];
        }
        advanceTo(cut);
        t = to;
    }
};

SnapshotCursor::SnapshotCursor(const Trace& trace, std::size_t checkpointInterval)
    : d(std::make_unique<Impl>(trace, checkpointInterval))
{
}

SnapshotCursor::~SnapshotCursor() = default;
SnapshotCursor::SnapshotCursor(SnapshotCursor&&) noexcept = default;
SnapshotCursor& SnapshotCursor::operator=(SnapshotCursor&&) noexcept = default;

void SnapshotCursor::seek(std::int64_t t)
{
    d->seek(t);
}
std::int64_t SnapshotCursor::time() const
{
    return d->t;
}
std::size_t SnapshotCursor::position() const
{
    return d->state.pos;
}
RuntimeSnapshot SnapshotCursor::snapshot() const
{
    return d->replayer.snapshot(d->state, d->t);
}
const Trace& SnapshotCursor::trace() const
{
    return *d->trace;
}
std::uint64_t SnapshotCursor::eventsReplayed() const
{
    return d->replayed;
}

} // namespace pw
