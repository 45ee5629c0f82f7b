// The tokio multi-thread scheduler, step by step (tokio 1.24 runtime/scheduler/multi_thread/).
//
// A worker's loop (worker.rs `Context::run`):
//   tick; every event_interval ticks run maintenance (poll the timer driver without sleeping);
//   take a task: every global_queue_interval ticks the inject queue first, otherwise the LIFO
//   slot, then the local queue, then the inject queue; if none, try to steal (only while fewer
//   than half the workers are searching) half of a victim's local queue, victims in an order
//   starting at a random worker; if still none, park.
// Running a task (`run_task`): leave the searching state (the last searcher wakes another
// worker), poll, then keep polling whatever lands in the LIFO slot while the coop budget lasts.
// Scheduling (`schedule_local`): a wake or spawn on a worker goes to its LIFO slot, pushing the
// previous occupant to the back of the local queue; a yield goes to the back; from any other
// thread the task goes to the inject queue and one parked worker is notified.
// Parking (`park`): the first worker to park takes the timer driver and sleeps until the next
// timer; the others sleep on a condvar. Timers fire only when a worker runs the driver.
#include "runtime.h"

#include "read_ahead.h"

#include <algorithm>
#include <cassert>
#include <limits>

namespace pw {

void Runtime::workerStep(ThreadId th)
{
    SimThread& thr = m_threads[th];
    const std::uint32_t w = thr.index;
    WorkerCore& core = m_cores[w];
    thr.state = ThreadState::Idle;
    ++core.tick;
    if (core.tick % m_config.eventInterval == 0)
        workerMaintenance(th);

    TaskId t = kNoTask;
    QueueKind from = QueueKind::None;
    if (workerNextTask(w, t, from) || workerSteal(w, t, from)) {
        transitionFromSearching(w);
        core.budget = m_config.coopBudget;
        beginPoll(th, t, from, AfterPoll::WorkerRunTask);
        return;
    }
    if (!thr.deferred.empty()) {
        // tokio: did_defer_tasks() -> park_timeout(0): run the driver, then wake the yielders.
        workerMaintenance(th);
        post(th, EngineEventKind::Step, m_now);
        return;
    }
    workerPark(th);
}

void Runtime::workerAfterRunTask(ThreadId th)
{
    SimThread& thr = m_threads[th];
    WorkerCore& core = m_cores[thr.index];
    if (m_shutDown)
        return;
    if (core.lifo != kNoTask) {
        const TaskId t = core.lifo;
        core.lifo = kNoTask;
        if (core.budget > 0) {
            beginPoll(th, t, QueueKind::Lifo, AfterPoll::WorkerRunTask);
            return;
        }
        pushLocal(thr.index, t);
    }
    post(th, EngineEventKind::Step, m_now);
}

bool Runtime::workerNextTask(std::uint32_t w, TaskId& out, QueueKind& from)
{
    WorkerCore& core = m_cores[w];
    auto local = [&]() {
        if (core.lifo != kNoTask) {
            out = core.lifo;
            core.lifo = kNoTask;
            from = QueueKind::Lifo;
            return true;
        }
        if (core.runQueue.pop(out)) {
            from = QueueKind::Local;
            return true;
        }
        return false;
    };
    auto inject = [&]() {
        if (m_inject.empty())
            return false;
        out = m_inject.front();
        m_inject.pop_front();
        from = QueueKind::Inject;
        return true;
    };
    const bool found =
        core.tick % m_config.effectiveGlobalQueueInterval() == 0 ? inject() || local() : local() || inject();
    if (found)
        readAheadUpcoming(w);
    return found;
}

void Runtime::readAheadUpcoming(std::uint32_t w)
{
    // A pipeline over the tasks this worker will most likely take next (its local queue, then
    // the inject queue): the record of the one kRecordAhead steps away, and the future of the
    // one kFutureAhead steps away, whose record was asked for earlier, so reading its future
    // pointer does not stall. Each step moves the window by one.
    constexpr std::size_t kRecordAhead = 16;
    constexpr std::size_t kFutureAhead = 8;
    const LocalQueue& q = m_cores[w].runQueue;
    auto upcoming = [&](std::size_t i) {
        if (i < q.size())
            return q.peek(i);
        i -= q.size();
        return i < m_inject.size() ? m_inject[i] : kNoTask;
    };
    readAheadTask(upcoming(kRecordAhead));
    readAheadFuture(upcoming(kFutureAhead));
}

void Runtime::readAheadTask(TaskId t)
{
    if (t < m_tasks.size())
        touch(&m_tasks[t]);
}

void Runtime::readAheadFuture(TaskId t)
{
    // The future's first line (for a boxed Async: the box, the header and the start of the
    // frame) is read for real; the rest of a fanout-sized frame gets hints.
    if (t >= m_tasks.size())
        return;
    if (const Future* f = m_tasks[t].future.get()) {
        touch(f);
        prefetchRange(reinterpret_cast<const unsigned char*>(f) + 64, 256);
    }
}

bool Runtime::workerSteal(std::uint32_t w, TaskId& out, QueueKind& from)
{
    if (!transitionToSearching(w))
        return false;
    const auto n = static_cast<std::uint32_t>(m_cores.size());
    const std::uint32_t start = m_rng.below(n);
    for (std::uint32_t i = 0; i < n; ++i) {
        const std::uint32_t victim = (start + i) % n;
        if (victim == w || m_cores[victim].runQueue.empty())
            continue;
        std::vector<TaskId> stolen = m_cores[victim].runQueue.stealHalf();
        record(EventKind::Steal, kNoTask,
               (static_cast<std::int64_t>(victim) << 32) | static_cast<std::int64_t>(stolen.size()));
        out = stolen.back();
        stolen.pop_back();
        for (TaskId t : stolen) {
            m_cores[w].runQueue.pushBack(t); // cannot overflow: we were empty
            record(EventKind::Schedule, t, w, static_cast<std::uint8_t>(QueueKind::Local));
        }
        from = QueueKind::Steal;
        return true;
    }
    if (!m_inject.empty()) {
        out = m_inject.front();
        m_inject.pop_front();
        from = QueueKind::Inject;
        return true;
    }
    return false;
}

bool Runtime::transitionToSearching(std::uint32_t w)
{
    WorkerCore& core = m_cores[w];
    if (!core.isSearching) {
        if (2 * m_numSearching >= m_cores.size())
            return false;
        ++m_numSearching;
        core.isSearching = true;
    }
    return true;
}

void Runtime::transitionFromSearching(std::uint32_t w)
{
    WorkerCore& core = m_cores[w];
    if (!core.isSearching)
        return;
    core.isSearching = false;
    assert(m_numSearching > 0 && "searching-worker count underflow");
    if (--m_numSearching == 0)
        notifyParked(); // the last searcher found work: wake another worker to look for more
}

void Runtime::scheduleLocal(std::uint32_t w, TaskId t, bool isYield)
{
    WorkerCore& core = m_cores[w];
    bool shouldNotify;
    if (isYield) {
        pushLocal(w, t);
        shouldNotify = true;
    } else {
        const TaskId prev = core.lifo;
        core.lifo = t;
        // The task pushed out of the slot goes to the back of the local queue: that move is part
        // of this event (lifoDisplaced), unless the queue overflowed, which has its own events.
        std::vector<TaskId> overflow;
        if (prev != kNoTask)
            overflow = core.runQueue.pushBack(prev);
        const TaskId displaced = prev != kNoTask && overflow.empty() ? prev : kNoTask;
        record(EventKind::Schedule, t, lifoScheduleArg(w, displaced), static_cast<std::uint8_t>(QueueKind::Lifo));
        for (TaskId o : overflow)
            pushInject(o);
        shouldNotify = prev != kNoTask;
    }
    // tokio: only notify when `core.park` is present, i.e. not from inside the driver; the
    // worker notifies others itself once the driver returns.
    if (shouldNotify && !core.inDriver)
        notifyParked();
}

void Runtime::pushLocal(std::uint32_t w, TaskId t)
{
    std::vector<TaskId> overflow = m_cores[w].runQueue.pushBack(t);
    if (overflow.empty()) {
        record(EventKind::Schedule, t, w, static_cast<std::uint8_t>(QueueKind::Local));
        return;
    }
    for (TaskId o : overflow)
        pushInject(o);
}

void Runtime::notifyParked()
{
    // tokio Idle::worker_to_notify: nobody searching and somebody asleep.
    if (m_numSearching != 0 || m_numUnparked >= m_cores.size() || m_sleepers.empty())
        return;
    ++m_numSearching;
    ++m_numUnparked;
    const std::uint32_t w = m_sleepers.back();
    m_sleepers.pop_back();
    unparkWorker(w);
}

void Runtime::notifyIfWorkPending()
{
    for (const WorkerCore& c : m_cores) {
        if (!c.runQueue.empty()) {
            notifyParked();
            return;
        }
    }
    if (!m_inject.empty())
        notifyParked();
}

void Runtime::unparkWorker(std::uint32_t w)
{
    const ThreadId th = m_workerThreads[w];
    SimThread& thr = m_threads[th];
    if (thr.state != ThreadState::Parked) {
        m_cores[w].notified = true; // consumed by its next park
        return;
    }
    thr.state = ThreadState::Idle;
    ++thr.generation; // drop its pending driver timeout
    post(th, EngineEventKind::Unpark, m_now);
}

void Runtime::workerPark(ThreadId th)
{
    SimThread& thr = m_threads[th];
    const std::uint32_t w = thr.index;
    WorkerCore& core = m_cores[w];
    if (core.lifo != kNoTask || !core.runQueue.empty()) { // transition_to_parked refuses
        post(th, EngineEventKind::Step, m_now);
        return;
    }
    const bool wasSearching = core.isSearching;
    const bool isLastSearcher = wasSearching && m_numSearching == 1;
    --m_numUnparked;
    if (wasSearching)
        --m_numSearching;
    m_sleepers.push_back(w);
    core.isSearching = false;
    if (isLastSearcher)
        notifyIfWorkPending();
    workerParkTimeout(th);
}

void Runtime::workerParkTimeout(ThreadId th)
{
    SimThread& thr = m_threads[th];
    WorkerCore& core = m_cores[thr.index];
    thr.state = ThreadState::Parked;
    ++thr.generation;
    if (core.notified) { // an unpark arrived before we slept: return at once
        core.notified = false;
        record(EventKind::Park, kNoTask, 0, 0);
        post(th, EngineEventKind::Unpark, m_now);
        return;
    }
    if (m_driverHolder == kNoThread) {
        m_driverHolder = th;
        core.holdsDriver = true;
        record(EventKind::Park, kNoTask, 0, 1);
        m_driverWakeAt = -1;
        rescheduleDriverWake();
    } else {
        record(EventKind::Park, kNoTask, 0, 0);
    }
}

void Runtime::rescheduleDriverWake()
{
    if (m_config.flavor == Flavor::CurrentThread) {
        currentThreadRescheduleDriverWake();
        return;
    }
    if (m_driverHolder == kNoThread || m_threads[m_driverHolder].state != ThreadState::Parked)
        return; // whoever holds it will run it when its park returns
    const std::int64_t next = m_timers.nextDeadline();
    if (next == std::numeric_limits<std::int64_t>::max())
        return;
    const std::int64_t at = std::max(next, m_now);
    if (m_driverWakeAt >= 0 && m_driverWakeAt <= at)
        return;
    m_driverWakeAt = at;
    SimThread& thr = m_threads[m_driverHolder];
    ++thr.generation;
    post(m_driverHolder, EngineEventKind::DriverWake, at);
}

void Runtime::runDriver(ThreadId th)
{
    // Fire every due timer. Wakes happen on this thread with the worker's core in context but
    // its parker taken (inDriver), so woken tasks land in this worker's LIFO slot / local queue.
    SimThread& thr = m_threads[th];
    const bool isWorker = thr.kind == ThreadKind::Worker;
    if (isWorker)
        m_cores[thr.index].inDriver = true;
    m_currentThread = th;
    m_currentTask = kNoTask;
    std::vector<TimerQueue::Fired> fired = std::move(m_fired); // reuses the last pass's buffer
    m_timers.processUntil(m_now, fired);
    if (!fired.empty())
        record(EventKind::DriverTick, kNoTask, static_cast<std::int64_t>(fired.size()));
    constexpr std::size_t kAhead = 24; // wakes touch each woken task's record
    for (std::size_t i = 0; i < fired.size() && i < kAhead; ++i)
        readAheadTask(fired[i].task);
    for (std::size_t i = 0; i < fired.size(); ++i) {
        if (i + kAhead < fired.size())
            readAheadTask(fired[i + kAhead].task);
        const TaskId t = fired[i].task;
        --m_tasks[t].liveWakers; // the timer's waker is consumed by the wake
        fireTimer(t, fired[i].deadline);
    }
    m_fired = std::move(fired);
    if (isWorker)
        m_cores[thr.index].inDriver = false;
}

void Runtime::workerMaintenance(ThreadId th)
{
    // park_timeout(0): try_lock the driver; if nobody is parked on it, run it.
    SimThread& thr = m_threads[th];
    WorkerCore& core = m_cores[thr.index];
    if (m_driverHolder == kNoThread)
        runDriver(th);
    core.inDriver = true;
    wakeDeferred(th);
    core.inDriver = false;
    if (!core.isSearching && !core.runQueue.empty())
        notifyParked();
}

void Runtime::workerUnparked(ThreadId th)
{
    SimThread& thr = m_threads[th];
    const std::uint32_t w = thr.index;
    WorkerCore& core = m_cores[w];
    thr.state = ThreadState::Idle;
    record(EventKind::Unpark, kNoTask);
    if (core.holdsDriver) {
        // The driver's park returned (timeout or unpark): it processes due timers, then lets go.
        runDriver(th);
        core.holdsDriver = false;
        m_driverHolder = kNoThread;
        m_driverWakeAt = -1;
    }
    core.inDriver = true;
    wakeDeferred(th);
    core.inDriver = false;
    if (!core.isSearching && !core.runQueue.empty())
        notifyParked();
    // transition_from_parked
    if (core.lifo != kNoTask) {
        auto it = std::find(m_sleepers.begin(), m_sleepers.end(), w);
        const bool wasSleeper = it != m_sleepers.end();
        if (wasSleeper) {
            m_sleepers.erase(it);
            ++m_numUnparked;
        }
        core.isSearching = !wasSleeper; // notified workers were counted as searching already
        post(th, EngineEventKind::Step, m_now);
        return;
    }
    if (std::find(m_sleepers.begin(), m_sleepers.end(), w) != m_sleepers.end()) {
        // Not notified: back to sleep (re-taking the driver if it is free).
        workerParkTimeout(th);
        return;
    }
    core.isSearching = true;
    post(th, EngineEventKind::Step, m_now);
}

} // namespace pw
