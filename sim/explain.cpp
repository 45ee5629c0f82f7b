// "Why is this task not running?" (see explain.h).
//
// The state at `t` is the state after every event with e.t <= t, replayed in order: the task's
// own state, the run queues (LIFO slots, local queues, inject queue, blocking-pool queue) so
// that "behind N tasks" is the real position, what every thread is doing, and who holds which
// mutex. Then, to say what the task is waiting for, the events after `t` are consulted: the
// wake that ends a Pending state says what it was (a timer, a task finishing, a yield), and a
// blocked thread's BlockEnd / PollEnd say when it is free again. Every sentence states a fact
// of the recorded run.
//
// What the trace does not say directly is inferred:
// - sub-futures dropped inside a poll are FutureDropped events; a Cancel inside the poll (older
//   traces) is treated the same way
//   (select! loser, timeout elapsed, try_join! error), not the task being cancelled;
// - a Wake whose waking task has just finished (Done at the same instant) is that task's
//   JoinHandle (or a guard dropped with it): "until 'x' finishes and wakes it";
// - a Pending task scheduled without a Wake, then cancelled (Aborted), was aborted;
// - a task polled again after Pending with no Wake in between anywhere in the run is driven by
//   a polling loop (the loop executor, whose identical polls are not traced one by one).
#include "explain.h"

#include <algorithm>
#include <deque>
#include <unordered_map>

namespace pw {

namespace {

struct ThreadNow {
    enum class St : std::uint8_t { Idle, Polling, Blocked, Parked } st = St::Idle;
    TaskId task = kNoTask;
    std::uint8_t reason = 0;
    std::int64_t plannedEnd = -1;
};

/// Where a task sits in the run queues. `seq` identifies its entry, so that an entry left in a
/// deque after the task moved on is recognised as stale and skipped (lazy deletion: O(1)).
struct Member {
    QueueKind kind = QueueKind::None;
    std::uint32_t worker = 0;
    std::uint64_t seq = 0;
};

struct Entry {
    TaskId task;
    std::uint64_t seq;
};

struct Queues {
    std::vector<Member> member;
    std::vector<TaskId> lifo;
    std::vector<std::deque<Entry>> local;
    std::deque<Entry> inject;
    std::deque<Entry> blocking;
    std::uint64_t nextSeq = 1;

    explicit Queues(std::size_t tasks) : member(tasks) {}

    bool valid(const Entry& e) const
    {
        return e.task < member.size() && member[e.task].kind != QueueKind::None && member[e.task].seq == e.seq;
    }
    std::deque<Entry>* deque(QueueKind k, std::uint32_t w)
    {
        switch (k) {
        case QueueKind::Local:
            if (local.size() <= w)
                local.resize(w + 1);
            return &local[w];
        case QueueKind::Inject:
            return &inject;
        case QueueKind::Blocking:
            return &blocking;
        default:
            return nullptr;
        }
    }
    void trim(std::deque<Entry>& d)
    {
        while (!d.empty() && !valid(d.front()))
            d.pop_front();
    }
    void remove(TaskId t)
    {
        if (t >= member.size())
            return;
        Member& m = member[t];
        const QueueKind k = m.kind;
        m.kind = QueueKind::None;
        if (k == QueueKind::Lifo) {
            if (m.worker < lifo.size() && lifo[m.worker] == t)
                lifo[m.worker] = kNoTask;
        } else if (auto* d = deque(k, m.worker)) {
            trim(*d);
        }
    }
    void add(TaskId t, QueueKind k, std::int64_t arg)
    {
        if (t >= member.size())
            return;
        remove(t);
        const auto w = static_cast<std::uint32_t>(arg >= 0 && arg < 0x10000 ? arg : 0);
        Member& m = member[t];
        m.kind = k;
        m.worker = w;
        m.seq = nextSeq++;
        if (k == QueueKind::Lifo) {
            if (lifo.size() <= w)
                lifo.resize(w + 1, kNoTask);
            lifo[w] = t;
        } else if (auto* d = deque(k, w)) {
            d->push_back(Entry{t, m.seq});
        }
    }
    /// Live entries ahead of `t` in its queue (0 for the LIFO slot and for no queue).
    std::size_t ahead(TaskId t)
    {
        const Member& m = member[t];
        auto* d = deque(m.kind, m.worker);
        if (!d)
            return 0;
        std::size_t n = 0;
        for (const Entry& e : *d) {
            if (e.task == t && e.seq == m.seq)
                break;
            if (valid(e))
                ++n;
        }
        return n;
    }
};

struct Subject {
    Explanation::State st = Explanation::State::NotSpawned;
    std::int64_t since = 0;      ///< when the current state began
    std::int64_t readySince = 0; ///< Queued: when it was first woken / scheduled
    std::uint32_t polls = 0;
    ThreadId thread = kNoThread;
    bool inPoll = false;
    std::uint8_t blockReason = 0;
    std::int64_t plannedEnd = -1;
    std::uint8_t cancelReason = 0;
    std::vector<std::int64_t> timers; ///< registered since the last PollStart, not fired
    std::int64_t mutex = -1;          ///< waiting for this mutex (LockContend, no acquire since)
};

struct Holder {
    TaskId task = kNoTask;
    std::int64_t since = 0;
};

class Explainer {
public:
    /// Explains `tasks` (ids past the trace's tasks get "no such task") at `t`; the events up
    /// to `t` are replayed once for all of them.
    Explainer(const Trace& trace, const std::vector<TaskId>& tasks, std::int64_t t)
        : m_tr(trace), m_t(t), m_q(trace.tasks.size()), m_subjectOf(trace.tasks.size(), kNoSubject)
    {
        for (TaskId task : tasks)
            if (task < trace.tasks.size() && m_subjectOf[task] == kNoSubject) {
                m_subjectOf[task] = static_cast<std::uint32_t>(m_subjects.size());
                m_subjects.emplace_back();
            }
        m_requested = tasks;
        for (std::size_t th = 0; th < trace.threads.size(); ++th) {
            if (trace.threads[th].kind == ThreadKind::Worker)
                m_workerThread.push_back(static_cast<ThreadId>(th));
            else if (trace.threads[th].kind == ThreadKind::BlockOn && m_blockOn == kNoThread)
                m_blockOn = static_cast<ThreadId>(th);
        }
        m_threads.resize(trace.threads.size());
        for (TaskId t = 0; t < trace.tasks.size(); ++t)
            ++m_nameCount[trace.taskName(t)];
    }

    std::vector<Explanation> run()
    {
        replay();
        std::vector<Explanation> out;
        out.reserve(m_requested.size());
        for (TaskId task : m_requested) {
            Explanation& x = out.emplace_back();
            if (task >= m_tr.tasks.size()) {
                x.text = "no such task";
                continue;
            }
            m_task = task; // the describe...() helpers below speak of m_task, in state m_s
            m_s = m_subjects[m_subjectOf[task]];
            x.state = m_s.st;
            x.text = describe();
        }
        return out;
    }

private:
    static constexpr std::uint32_t kNoSubject = 0xffffffffu;

    const Trace& m_tr;
    std::int64_t m_t;
    Queues m_q;
    std::vector<std::uint32_t> m_subjectOf; ///< per task: its index in m_subjects, or kNoSubject
    std::vector<Subject> m_subjects;        ///< the replayed state of each task asked about
    std::vector<TaskId> m_requested;
    mutable std::vector<char> m_busyPolled; ///< per task, computed on first use (busyPolled)
    TaskId m_task = kNoTask;                ///< the task being described
    std::vector<ThreadNow> m_threads;
    std::vector<ThreadId> m_workerThread;
    ThreadId m_blockOn = kNoThread;
    std::vector<Holder> m_holders;
    std::unordered_map<std::string, int> m_nameCount;
    Subject m_s;           ///< the described task's state (a copy of its m_subjects entry)
    std::size_t m_cut = 0; ///< first event after t

    // ---- replay ------------------------------------------------------------------------------

    void replay()
    {
        const auto& ev = m_tr.events;
        const auto cutIt =
            std::upper_bound(ev.begin(), ev.end(), m_t, [](std::int64_t v, const TraceEvent& e) { return v < e.t; });
        m_cut = static_cast<std::size_t>(cutIt - ev.begin());
        for (std::size_t i = 0; i < m_cut; ++i)
            apply(ev[i]);
    }

    ThreadNow* thread(ThreadId th) { return th < m_threads.size() ? &m_threads[th] : nullptr; }
    Subject* subject(TaskId t)
    {
        return t < m_subjectOf.size() && m_subjectOf[t] != kNoSubject ? &m_subjects[m_subjectOf[t]] : nullptr;
    }

    /// A Wake or TimerFire of a subject: a wake that is not coalesced readies a pending task.
    static void applyWake(Subject& s, const TraceEvent& e)
    {
        if (isEffectiveWake(e) && (s.st == Explanation::State::Pending || s.st == Explanation::State::Stalled)) {
            s.st = Explanation::State::Queued;
            s.since = s.readySince = e.t;
        }
    }

    void apply(const TraceEvent& e)
    {
        if (lifoDisplaced(e) != kNoTask) { // two moves in one event: the new task, then the old one
            apply(withoutDisplaced(e));
            apply(displacedSchedule(e));
            return;
        }
        Subject* const me = subject(e.task); // null: not a task asked about
        using S = Explanation::State;
        switch (e.kind) {
        case EventKind::Spawn:
            if (me && me->st == S::NotSpawned) {
                me->st = S::Queued;
                me->since = me->readySince = e.t;
            }
            break;
        case EventKind::Schedule:
            m_q.add(e.task, static_cast<QueueKind>(e.detail), e.arg);
            if (me && !me->inPoll && me->st != S::Done && me->st != S::Cancelled) {
                if (me->st != S::Queued)
                    me->readySince = e.t;
                me->st = S::Queued;
                me->since = e.t;
            }
            break;
        case EventKind::Wake:
            if (me)
                applyWake(*me, e);
            break;
        case EventKind::PollStart:
            m_q.remove(e.task);
            if (auto* th = thread(e.thread)) {
                th->st = ThreadNow::St::Polling;
                th->task = e.task;
            }
            if (me) {
                me->st = S::Running;
                me->since = e.t;
                ++me->polls;
                me->thread = e.thread;
                me->inPoll = true;
                me->timers.clear();
            }
            break;
        case EventKind::BlockStart: {
            TaskId polled = e.task;
            if (auto* th = thread(e.thread)) {
                if (th->st == ThreadNow::St::Polling)
                    polled = th->task;
                th->st = ThreadNow::St::Blocked;
                th->task = polled;
                th->reason = e.detail;
                th->plannedEnd = e.arg;
            }
            if (Subject* p = subject(polled)) {
                p->st = S::Blocked;
                p->since = e.t;
                p->thread = e.thread;
                p->blockReason = e.detail;
                p->plannedEnd = e.arg;
            }
            break;
        }
        case EventKind::BlockEnd:
            if (auto* th = thread(e.thread); th && th->st == ThreadNow::St::Blocked) {
                th->st = th->task != kNoTask ? ThreadNow::St::Polling : ThreadNow::St::Idle;
                if (Subject* p = subject(th->task); p && p->st == S::Blocked)
                    p->st = S::Running;
            }
            break;
        case EventKind::PollEnd:
            if (auto* th = thread(e.thread)) {
                th->st = ThreadNow::St::Idle;
                th->task = kNoTask;
            }
            if (me) {
                me->inPoll = false;
                if (e.detail == static_cast<std::uint8_t>(PollResultKind::Pending) && me->st != S::Done &&
                    me->st != S::Cancelled) {
                    me->st = S::Pending;
                    me->since = e.t;
                }
            }
            break;
        case EventKind::Stalled:
            if (me && !me->inPoll && me->st == S::Pending) {
                me->st = S::Stalled;
                me->since = e.t;
            }
            break;
        case EventKind::Cancel:
            if (me && me->inPoll) {
                // A sub-future dropped inside its poll, not the task. It may have been the lock
                // or the sleep it waited on: forget them rather than name a dropped one.
                me->mutex = -1;
                me->timers.clear();
                break;
            }
            m_q.remove(e.task);
            if (me && me->st != S::Done && me->st != S::Cancelled) {
                me->st = S::Cancelled;
                me->since = e.t;
                me->cancelReason = static_cast<std::uint8_t>(e.arg);
            }
            break;
        case EventKind::Done:
            m_q.remove(e.task);
            if (me && me->st != S::Cancelled) {
                me->st = S::Done;
                me->since = e.t;
                me->inPoll = false;
            }
            break;
        case EventKind::TimerRegister:
            if (me)
                me->timers.push_back(e.arg);
            break;
        case EventKind::TimerFire: // the timer ends, and its firing is the task's wake
            if (me) {
                auto it = std::find(me->timers.begin(), me->timers.end(), e.arg);
                if (it != me->timers.end())
                    me->timers.erase(it);
                applyWake(*me, e);
            }
            break;
        case EventKind::LockAcquire:
            if (e.arg >= 0) {
                holder(e.arg) = Holder{e.task, e.t};
                if (me && me->mutex == e.arg)
                    me->mutex = -1;
            }
            break;
        case EventKind::LockRelease:
            if (e.arg >= 0)
                holder(e.arg) = Holder{};
            break;
        case EventKind::LockContend:
            if (me)
                me->mutex = e.arg;
            break;
        case EventKind::Park:
            if (auto* th = thread(e.thread)) {
                th->st = ThreadNow::St::Parked;
                th->task = kNoTask;
            }
            break;
        case EventKind::Unpark:
            if (auto* th = thread(e.thread); th && th->st == ThreadNow::St::Parked)
                th->st = ThreadNow::St::Idle;
            break;
        default:
            break;
        }
    }

    Holder& holder(std::int64_t obj)
    {
        const auto i = static_cast<std::size_t>(obj);
        if (m_holders.size() <= i)
            m_holders.resize(i + 1);
        return m_holders[i];
    }

    // ---- looking ahead -------------------------------------------------------------------------

    /// The first event after t on `th` of kind `k`, or npos.
    std::size_t nextOnThread(ThreadId th, EventKind k) const
    {
        for (std::size_t i = m_cut; i < m_tr.events.size(); ++i)
            if (m_tr.events[i].thread == th && m_tr.events[i].kind == k)
                return i;
        return npos;
    }

    /// The event after t that ends a Pending state: a real wake, a schedule, a poll, the end.
    std::size_t nextWakeup() const
    {
        for (std::size_t i = m_cut; i < m_tr.events.size(); ++i) {
            const TraceEvent& e = m_tr.events[i];
            if (e.task != m_task)
                continue;
            switch (e.kind) {
            case EventKind::Wake:
            case EventKind::TimerFire:
                if (isEffectiveWake(e))
                    return i;
                break;
            case EventKind::Schedule:
            case EventKind::PollStart:
            case EventKind::Cancel:
            case EventKind::Done:
                return i;
            default:
                break;
            }
        }
        return npos;
    }

    /// Whether `who` finished (Done) at the instant of event `i`, before it.
    bool finishedJustBefore(TaskId who, std::size_t i) const
    {
        const std::int64_t t = m_tr.events[i].t;
        for (std::size_t k = i; k-- > 0;) {
            const TraceEvent& e = m_tr.events[k];
            if (e.t != t)
                break;
            if (e.task == who && e.kind == EventKind::Done)
                return true;
        }
        return false;
    }

    /// The deadline of the timer whose firing produced the wake at event `i`, or -1.
    std::int64_t firedDeadline(std::size_t i) const
    {
        if (m_tr.events[i].kind == EventKind::TimerFire)
            return m_tr.events[i].arg;
        const std::int64_t t = m_tr.events[i].t;
        for (std::size_t k = i; k-- > 0;) {
            const TraceEvent& e = m_tr.events[k];
            if (e.t != t)
                break;
            if (e.task == m_task && e.kind == EventKind::TimerFire)
                return e.arg;
        }
        return -1;
    }

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    // ---- words ---------------------------------------------------------------------------------

    std::string taskLabel(TaskId t) const
    {
        if (t >= m_tr.tasks.size())
            return "task " + std::to_string(t);
        const std::string& name = m_tr.taskName(t);
        const auto it = m_nameCount.find(name);
        std::string s = "'" + name + "'";
        if (it != m_nameCount.end() && it->second > 1)
            s += " (task " + std::to_string(t) + ")";
        return s;
    }

    std::string threadName(ThreadId th) const
    {
        return th < m_tr.threads.size() ? m_tr.threads[th].name : std::string("a thread");
    }

    static std::string at(std::int64_t ns) { return formatSeconds(ns); }
    /// Two different times for one sentence: to the millisecond, or to the microsecond where
    /// milliseconds would print them alike ("due at 0.006000s; it fires late, at 0.006200s").
    static std::pair<std::string, std::string> atDistinct(std::int64_t a, std::int64_t b)
    {
        std::string sa = at(a);
        std::string sb = at(b);
        if (a != b && sa == sb) {
            sa = formatSecondsMicros(a);
            sb = formatSecondsMicros(b);
        }
        return {sa, sb};
    }

    std::string endOfRun() const
    {
        std::int64_t end = m_tr.status.endNs;
        if (!m_tr.events.empty())
            end = std::max(end, m_tr.events.back().t);
        return at(end);
    }

    bool deadlocked() const { return m_tr.status.kind == RunStatusKind::Deadlock; }

    std::string mutexText(std::int64_t obj) const
    {
        const auto i = static_cast<std::size_t>(obj);
        std::string s = "the Mutex ";
        s += i < m_tr.objectNames.size() ? "'" + m_tr.objectNames[i] + "'" : "#" + std::to_string(obj);
        const Holder h = i < m_holders.size() ? m_holders[i] : Holder{};
        if (h.task == m_task)
            s += ", which it holds itself";
        else if (h.task != kNoTask)
            s += " held by " + taskLabel(h.task) + " since " + at(h.since);
        return s;
    }

    /// "blocked in thread::sleep until 3.100s" for a blocked thread; the end comes from the
    /// planned end, else from the BlockEnd that follows, else it never comes.
    std::string blockedUntil(ThreadId th, std::uint8_t reason, std::int64_t plannedEnd) const
    {
        std::string s = std::string("blocked in ") + toString(static_cast<BlockReason>(reason));
        std::int64_t end = plannedEnd;
        if (end < 0) {
            const std::size_t i = nextOnThread(th, EventKind::BlockEnd);
            if (i != npos)
                end = m_tr.events[i].t;
        }
        if (end >= 0)
            s += " until " + at(end);
        return s;
    }

    /// What a busy thread is doing, or "" when it is idle or parked.
    std::string busyThread(ThreadId th) const
    {
        if (th >= m_threads.size())
            return {};
        const ThreadNow& tn = m_threads[th];
        const std::size_t pe = tn.st == ThreadNow::St::Idle || tn.st == ThreadNow::St::Parked
                                   ? npos
                                   : nextOnThread(th, EventKind::PollEnd);
        const std::string pollEnd = pe == npos ? std::string("never returns") : "returns at " + at(m_tr.events[pe].t);
        switch (tn.st) {
        case ThreadNow::St::Blocked: {
            std::string s = threadName(th) + " is " + blockedUntil(th, tn.reason, tn.plannedEnd);
            if (tn.task != kNoTask) {
                s += " inside a poll of " + taskLabel(tn.task);
                const bool sameEnd = pe != npos && tn.plannedEnd == m_tr.events[pe].t;
                if (!sameEnd)
                    s += ", which " + pollEnd;
            }
            return s;
        }
        case ThreadNow::St::Polling:
            return threadName(th) + " is polling " + taskLabel(tn.task) +
                   (pe != npos ? " until " + at(m_tr.events[pe].t) : std::string());
        default:
            return {};
        }
    }

    ThreadId workerThread(std::uint32_t w) const
    {
        if (m_workerThread.empty())
            return m_blockOn; // current_thread: main runs every task
        return w < m_workerThread.size() ? m_workerThread[w] : kNoThread;
    }

    static std::string behind(std::size_t n, const char* what)
    {
        if (n == 0)
            return {};
        return " behind " + std::to_string(n) + " " + what + (n == 1 ? "" : "s");
    }

    std::string describeQueued()
    {
        std::string s = "ready since " + at(m_s.readySince);
        const Member m = m_q.member[m_task];
        const bool multiThread = !m_workerThread.empty();
        const std::size_t ahead = m_q.ahead(m_task);
        ThreadId runner = kNoThread;
        switch (m.kind) {
        case QueueKind::Lifo:
            runner = workerThread(m.worker);
            s += ", in " + threadName(runner) + "'s LIFO slot";
            break;
        case QueueKind::Local:
            runner = workerThread(m.worker);
            s += (multiThread ? ", in " + threadName(runner) + "'s" : ", in the " + threadName(runner) + " thread's") +
                 " local queue" + behind(ahead, "task");
            break;
        case QueueKind::Inject:
            s += std::string(", in the ") + (multiThread ? "global " : "") + "inject queue" + behind(ahead, "task");
            if (!multiThread)
                runner = m_blockOn;
            break;
        case QueueKind::BlockOn:
            runner = m_blockOn;
            s += ", waiting for the " + threadName(runner) + " thread to poll it";
            break;
        case QueueKind::Blocking:
            s += ", in the blocking pool's queue" + behind(ahead, "job");
            break;
        default:
            break;
        }
        if (runner != kNoThread) {
            const std::string busy = busyThread(runner);
            if (!busy.empty())
                s += ", but " + busy;
        } else if (m.kind == QueueKind::Inject && multiThread) {
            // Any worker may take it: say so only when none is free, with when each is free.
            std::string busy;
            for (ThreadId th : m_workerThread) {
                const ThreadNow& tn = m_threads[th];
                if (tn.st == ThreadNow::St::Idle || tn.st == ThreadNow::St::Parked)
                    return s;
                const std::size_t pe = nextOnThread(th, EventKind::PollEnd);
                busy += (busy.empty() ? "" : ", ") + threadName(th) +
                        (pe == npos ? std::string(" for good") : " until " + at(m_tr.events[pe].t));
            }
            s += m_workerThread.size() == 1 ? ", and " + threadName(m_workerThread[0]) + ", the only worker, is busy" +
                                                  busy.substr(threadName(m_workerThread[0]).size())
                                            : ", and every worker is busy: " + busy;
        }
        return s;
    }

    std::string describeBlocked() const
    {
        std::string s = std::string("blocked in ") + toString(static_cast<BlockReason>(m_s.blockReason)) + " on " +
                        threadName(m_s.thread) + " since " + at(m_s.since);
        std::int64_t end = m_s.plannedEnd;
        if (end < 0) {
            const std::size_t i = nextOnThread(m_s.thread, EventKind::BlockEnd);
            if (i != npos)
                end = m_tr.events[i].t;
        }
        if (end >= 0)
            s += ", until " + at(end);
        if (m_s.blockReason == static_cast<std::uint8_t>(BlockReason::StdMutexLock) && m_s.mutex >= 0)
            s += ", waiting for " + mutexText(m_s.mutex);
        if (end < 0)
            s += deadlocked() ? ": it never returns (deadlock)"
                              : ": it does not return before the run ends at " + endOfRun();
        return s;
    }

    /// Whether the task's executor polls it again without a wake in between anywhere in the
    /// run: the loop executor, whose identical polls are counted in bulk, not traced one by one.
    /// One pass over the trace answers it for every task, the first time it is asked.
    bool busyPolled() const
    {
        if (m_busyPolled.empty()) {
            const std::size_t n = m_tr.tasks.size();
            m_busyPolled.assign(n, 0);
            std::vector<char> sincePending(n, 0);
            for (const TraceEvent& e : m_tr.events) {
                if (const TaskId d = lifoDisplaced(e); d < n)
                    sincePending[d] = 0; // moved to a local queue: scheduled
                if (e.task >= n)
                    continue;
                switch (e.kind) {
                case EventKind::PollEnd:
                    sincePending[e.task] = e.detail == static_cast<std::uint8_t>(PollResultKind::Pending);
                    break;
                case EventKind::Wake:
                case EventKind::TimerFire:
                case EventKind::Schedule:
                    sincePending[e.task] = 0;
                    break;
                case EventKind::PollStart:
                    if (sincePending[e.task])
                        m_busyPolled[e.task] = 1;
                    break;
                default:
                    break;
                }
            }
        }
        return m_task < m_busyPolled.size() && m_busyPolled[m_task];
    }

    std::string describePending() const
    {
        if (busyPolled()) {
            std::string s = "pending, but its executor polls it again and again without waiting for a wake (a busy "
                            "loop)";
            for (std::size_t i = m_cut; i < m_tr.events.size(); ++i) {
                const TraceEvent& e = m_tr.events[i];
                if (e.task == m_task && e.kind == EventKind::PollEnd &&
                    e.detail == static_cast<std::uint8_t>(PollResultKind::Ready))
                    return s + ", until it is ready at " + at(e.t);
            }
            return s;
        }
        const std::size_t w = nextWakeup();
        const TraceEvent* we = w == npos ? nullptr : &m_tr.events[w];
        const bool woken = we && isWake(*we);
        const auto wakeKind = woken ? static_cast<WakeKind>(we->detail) : WakeKind::Wake;
        const TaskId waker = woken ? wakerOf(*we, m_tr.tasks.size()) : kNoTask;

        // A Pending task scheduled without a wake is being aborted (JoinHandle::abort schedules
        // it so that a worker cancels it).
        auto aborted = [&]() {
            if (!we || we->kind != EventKind::Schedule)
                return false;
            for (std::size_t i = w + 1; i < m_tr.events.size(); ++i) {
                const TraceEvent& e = m_tr.events[i];
                if (e.task == m_task && (e.kind == EventKind::Cancel || e.kind == EventKind::PollStart))
                    return e.kind == EventKind::Cancel && e.arg == static_cast<std::int64_t>(CancelReason::Aborted);
            }
            return false;
        };
        // What ends the wait: "'x' wakes it at 3.000s"; with `first`, as the event that comes
        // before the timer: "'x' wakes it first, at 3.000s".
        auto wakeClause = [&](bool first) -> std::string {
            const std::string f = at(we->t);
            const std::string when = first ? " first, at " + f : " at " + f;
            switch (we->kind) {
            case EventKind::Wake:
            case EventKind::TimerFire:
                if (wakeKind == WakeKind::Yield)
                    return "it is woken again" + when + " (it yielded)";
                if (waker != kNoTask && waker != m_task)
                    return finishedJustBefore(waker, w)
                               ? taskLabel(waker) + " finishes at " + f + " and wakes it" + (first ? " first" : "")
                               : taskLabel(waker) + " wakes it" + when;
                return "it is woken" + when;
            case EventKind::PollStart:
                return "it is polled again at " + f + " without being woken";
            case EventKind::Schedule:
                return aborted() ? "it is aborted at " + f : "it is scheduled again" + when;
            case EventKind::Cancel:
                return "it is cancelled at " + f + " (" + toString(static_cast<CancelReason>(we->arg)) + ")";
            default:
                return "it ends at " + f;
            }
        };

        if (m_s.mutex >= 0) {
            std::string s = "waiting for " + mutexText(m_s.mutex);
            if (!we)
                s += deadlocked() ? ": it never gets it (deadlock)"
                                  : ": nothing wakes it before the run ends at " + endOfRun();
            return s;
        }
        if (woken && wakeKind == WakeKind::Timer) {
            const std::int64_t due = firedDeadline(w);
            if (due < 0 || due >= we->t)
                return "pending on a timer that fires at " + at(we->t);
            const auto [dueText, firesText] = atDistinct(due, we->t);
            return "pending on a timer " + std::string(due > m_t ? "due at " : "that was due at ") + dueText +
                   "; it fires late, at " + firesText + ", because no thread ran the timer driver sooner";
        }
        if (!m_s.timers.empty()) {
            const std::int64_t due = *std::min_element(m_s.timers.begin(), m_s.timers.end());
            std::string s = "pending on a timer " + std::string(due > m_t ? "due at " : "that was due at ") + at(due);
            if (we)
                s += ", but " + wakeClause(true);
            else
                s += ": the run ends at " + endOfRun() + " before it fires";
            return s;
        }
        if (!we)
            return "pending: it registered its waker and waits to be woken, but nothing wakes it before the run ends "
                   "at " +
                   endOfRun();
        if (we->kind == EventKind::PollStart)
            return "pending, but its executor polls it again at " + at(we->t) + " without being woken";
        if (woken && wakeKind == WakeKind::Yield)
            return "pending after a yield: it is woken again at " + at(we->t);
        if (woken && waker == kNoTask)
            return "pending: it registered its waker and waits to be woken; " + wakeClause(false);
        return "pending until " + wakeClause(false);
    }

    std::string describe()
    {
        using S = Explanation::State;
        switch (m_s.st) {
        case S::NotSpawned: {
            const TaskInfo& ti = m_tr.tasks[m_task];
            std::string s = "not spawned yet: ";
            if (ti.parent != kNoTask && ti.parent < m_tr.tasks.size())
                s += taskLabel(ti.parent) + " spawns it at " + at(ti.spawnedNs);
            else
                s += "it starts at " + at(ti.spawnedNs);
            return s;
        }
        case S::Running:
            return "running on " + threadName(m_s.thread) + " since " + at(m_s.since) + " (poll " +
                   std::to_string(m_s.polls) + ")";
        case S::Blocked:
            return describeBlocked();
        case S::Queued:
            return describeQueued();
        case S::Pending:
            return describePending();
        case S::Stalled:
            return "no waker registered: nothing will ever poll it again";
        case S::Done:
            return "finished at " + at(m_s.since);
        case S::Cancelled:
            return "cancelled at " + at(m_s.since) + " (" + toString(static_cast<CancelReason>(m_s.cancelReason)) + ")";
        }
        return {};
    }
};

} // namespace

Explanation explainTask(const Trace& trace, TaskId task, std::int64_t t)
{
    return Explainer(trace, {task}, t).run().front();
}

std::vector<Explanation> explainTasks(const Trace& trace, const std::vector<TaskId>& tasks, std::int64_t t)
{
    return Explainer(trace, tasks, t).run();
}

TaskId findTask(const Trace& trace, const std::string& nameOrId)
{
    if (nameOrId.empty())
        return kNoTask;
    for (std::size_t i = 0; i < trace.tasks.size(); ++i)
        if (trace.taskName(i) == nameOrId)
            return static_cast<TaskId>(i);
    if (nameOrId.size() > 9 ||
        !std::all_of(nameOrId.begin(), nameOrId.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return kNoTask;
    const std::uint64_t id = std::stoull(nameOrId);
    return id < trace.tasks.size() ? static_cast<TaskId>(id) : kNoTask;
}

} // namespace pw
