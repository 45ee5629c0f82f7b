// The tokio current-thread scheduler (tokio 1.24 runtime/scheduler/current_thread.rs).
//
// One thread, the one that called block_on, runs the main future and every task:
//   'outer: if the main future was woken, poll it (done if Ready);
//           then up to event_interval (61) times: take a task (every global_queue_interval
//           (31) ticks the inject queue first, else the local queue first) and poll it;
//           with no task: park on the driver (sleep until the next timer or an unpark), and
//           go back to 'outer; after 61 tasks: run the driver without sleeping, back to 'outer.
// Wakes from this thread go to the back of the local queue (there is no LIFO slot); wakes
// from other threads go to the inject queue and unpark the thread.
#include "runtime.h"

#include <limits>

namespace pw {

void Runtime::currentThreadStep(ThreadId th)
{
    SimThread& thr = m_threads[th];
    thr.state = ThreadState::Idle;
    if (mainDone())
        return;
    if (m_mainWoken || m_tasks[0].state == TaskState::Scheduled) {
        m_mainWoken = false;
        if (m_tasks[0].state == TaskState::Scheduled) {
            m_coopBudgetOther = m_config.coopBudget;
            beginPoll(th, 0, QueueKind::BlockOn, AfterPoll::CurrentThreadMain);
            return;
        }
    }
    m_ctIteration = 0;
    currentThreadRunNext(th);
}

void Runtime::currentThreadRunNext(ThreadId th)
{
    if (m_ctIteration >= m_config.eventInterval) {
        // park_yield: drive timers without sleeping, then back to the top of the loop.
        runDriver(th);
        wakeDeferred(th);
        post(th, EngineEventKind::Step, m_now);
        return;
    }
    ++m_ctIteration;
    const std::uint32_t tick = m_ctTick++;
    TaskId t = kNoTask;
    QueueKind from = QueueKind::Local;
    auto popLocal = [&]() {
        if (m_ctLocal.empty())
            return false;
        t = m_ctLocal.front();
        m_ctLocal.pop_front();
        from = QueueKind::Local;
        return true;
    };
    auto popInject = [&]() {
        if (m_inject.empty())
            return false;
        t = m_inject.front();
        m_inject.pop_front();
        from = QueueKind::Inject;
        return true;
    };
    const bool found =
        tick % m_config.effectiveGlobalQueueInterval() == 0 ? (popInject() || popLocal()) : (popLocal() || popInject());
    if (!found) {
        if (!m_threads[th].deferred.empty()) {
            runDriver(th);
            wakeDeferred(th);
            post(th, EngineEventKind::Step, m_now);
        } else {
            currentThreadPark(th);
        }
        return;
    }
    m_coopBudgetOther = m_config.coopBudget;
    beginPoll(th, t, from, AfterPoll::CurrentThreadTask);
}

void Runtime::currentThreadAfterPoll(ThreadId th)
{
    if (mainDone())
        return;
    if (m_threads[th].afterPoll == AfterPoll::CurrentThreadMain)
        m_ctIteration = 0;
    currentThreadRunNext(th);
}

void Runtime::currentThreadPark(ThreadId th)
{
    SimThread& thr = m_threads[th];
    if (m_mainWoken || !m_inject.empty() || !m_ctLocal.empty()) {
        // An unpark is pending: the driver's park returns at once after processing timers.
        runDriver(th);
        wakeDeferred(th);
        post(th, EngineEventKind::Step, m_now);
        return;
    }
    thr.state = ThreadState::Parked;
    ++thr.generation;
    record(EventKind::Park, kNoTask, 0, 1);
    m_driverWakeAt = -1;
    currentThreadRescheduleDriverWake();
}

void Runtime::currentThreadRescheduleDriverWake()
{
    SimThread& thr = m_threads[m_blockOnThread];
    if (thr.state != ThreadState::Parked)
        return;
    const std::int64_t next = m_timers.nextDeadline();
    if (next == std::numeric_limits<std::int64_t>::max())
        return;
    const std::int64_t at = std::max(next, m_now);
    if (m_driverWakeAt >= 0 && m_driverWakeAt <= at)
        return;
    m_driverWakeAt = at;
    ++thr.generation;
    post(m_blockOnThread, EngineEventKind::DriverWake, at);
}

void Runtime::currentThreadUnparked(ThreadId th)
{
    SimThread& thr = m_threads[th];
    thr.state = ThreadState::Idle;
    m_driverWakeAt = -1;
    record(EventKind::Unpark, kNoTask);
    runDriver(th);
    wakeDeferred(th);
    currentThreadStep(th);
}

void Runtime::unparkCurrentThread()
{
    SimThread& thr = m_threads[m_blockOnThread];
    if (thr.state != ThreadState::Parked)
        return;
    thr.state = ThreadState::Idle;
    ++thr.generation;
    post(m_blockOnThread, EngineEventKind::Unpark, m_now);
}

} // namespace pw
