// How a run ends: main finished (shutdown), or nothing left can happen (deadlock / stall).
//
// Policy: when main's future completes, tokio drops the runtime: tasks that are not running are
// cancelled at once; a worker in the middle of a poll finishes that poll first; blocking-pool
// jobs run to completion (Runtime::drop waits for them); OS threads die with the process.
// When the event queue runs dry before main finishes, the program would hang forever. The
// engine says why, from what it knows: threads blocked on a std Mutex and who holds it
// (deadlock), tasks waiting on a tokio Mutex held by a waiting task (deadlock), tasks that
// returned Pending with no waker anywhere (stalled, "lost waker"), or tasks waiting on
// something nothing will ever deliver (deadlock).
#include "runtime.h"

namespace pw {

void Runtime::setObjectHolder(std::uint32_t object, TaskId holder)
{
    if (m_objectHolder.size() <= object)
        m_objectHolder.resize(object + 1, kNoTask);
    m_objectHolder[object] = holder;
}

TaskId Runtime::objectHolder(std::uint32_t object) const
{
    return object < m_objectHolder.size() ? m_objectHolder[object] : kNoTask;
}

void Runtime::setTaskWaitingOn(TaskId t, std::int64_t object)
{
    if (m_taskWaitingOn.size() <= t)
        m_taskWaitingOn.resize(t + 1, -1);
    m_taskWaitingOn[t] = object;
}

void Runtime::noteStdGuard(TaskId t, int delta)
{
    if (t == kNoTask)
        return;
    if (m_stdGuards.size() <= t)
        m_stdGuards.resize(t + 1, 0);
    m_stdGuards[t] += delta;
}

void Runtime::shutdownRemainingTasks()
{
    m_shutDown = true;
    for (TaskId t = 1; t < m_tasks.size(); ++t) {
        Task& task = m_tasks[t];
        if (task.kind != TaskKind::Async || task.finished())
            continue;
        if (task.state == TaskState::Running || task.state == TaskState::RunningNotified)
            task.cancelRequested = true; // cancelled when its current poll returns
        else
            cancelTask(t, CancelReason::Shutdown);
    }
    for (ThreadId th = 0; th < m_threads.size(); ++th) {
        SimThread& thr = m_threads[th];
        if (thr.kind == ThreadKind::Os ||
            (thr.kind == ThreadKind::Worker && thr.state != ThreadState::Polling &&
             thr.state != ThreadState::Blocked) ||
            (thr.kind == ThreadKind::Blocking && thr.state == ThreadState::Parked))
            thr.state = ThreadState::Exited;
    }
}

bool Runtime::blockingWorkPending() const
{
    if (!m_blockingQueue.empty())
        return true;
    for (const SimThread& thr : m_threads) {
        if (thr.kind == ThreadKind::Os || thr.state == ThreadState::Exited)
            continue;
        if (thr.state == ThreadState::Polling || thr.state == ThreadState::Blocked)
            return true;
    }
    return false;
}

void Runtime::finishRun()
{
    m_currentThread = kNoThread;
    m_currentTask = kNoTask;
    if (m_trace.status.kind == RunStatusKind::Budget && !m_trace.status.message.empty()) {
        m_trace.status.endNs = m_now;
        return;
    }
    if (mainDone()) {
        m_trace.status =
            RunStatus{RunStatusKind::Finished, "main finished at " + formatSeconds(m_mainDoneAt) + ".", {}, m_now};
        return;
    }
    analyseQuiescence();
}

void Runtime::analyseQuiescence()
{
    RunStatus st;
    st.endNs = m_now;
    auto taskName = [&](TaskId t) { return t == kNoTask ? std::string("nobody") : "'" + m_trace.taskName(t) + "'"; };
    auto objName = [&](std::int64_t o) {
        return o >= 0 && static_cast<std::size_t>(o) < m_trace.objectNames.size()
                   ? "'" + m_trace.objectNames[static_cast<std::size_t>(o)] + "'"
                   : std::string("a mutex");
    };

    // Threads blocked forever inside a poll (std::sync::Mutex::lock).
    for (ThreadId th = 0; th < m_threads.size(); ++th) {
        const SimThread& thr = m_threads[th];
        if (thr.state != ThreadState::Blocked)
            continue;
        const TaskId holder =
            thr.blockObject >= 0 ? objectHolder(static_cast<std::uint32_t>(thr.blockObject)) : kNoTask;
        std::string line = m_trace.threads[th].name + " (polling " + taskName(thr.current) + ") is blocked in " +
                           toString(thr.blockReason) + " on " + objName(thr.blockObject) + ", held by " +
                           taskName(holder);
        if (holder == thr.current)
            line += " itself";
        else if (holder != kNoTask && !m_tasks[holder].finished())
            line += ", which is suspended at an .await and can only continue when a thread polls it";
        st.details.push_back(line + ".");
    }
    // Tasks waiting for a tokio Mutex.
    for (TaskId t = 0; t < m_tasks.size(); ++t) {
        if (m_tasks[t].finished() || t >= m_taskWaitingOn.size() || m_taskWaitingOn[t] < 0)
            continue;
        const auto obj = static_cast<std::uint32_t>(m_taskWaitingOn[t]);
        st.details.push_back(taskName(t) + " waits for the lock on " + objName(obj) + ", held by " +
                             taskName(objectHolder(obj)) + ".");
    }
    std::vector<std::string> stalled;
    for (TaskId t = 0; t < m_tasks.size(); ++t) {
        const Task& task = m_tasks[t];
        if (task.kind != TaskKind::Blocking && task.state == TaskState::Idle && task.liveWakers == 0)
            stalled.push_back(taskName(t));
    }
    if (!st.details.empty()) {
        st.kind = RunStatusKind::Deadlock;
        st.message = "Deadlock at " + formatSeconds(m_now) + ": " + st.details.front() +
                     " Nothing can make progress, so the program would hang forever.";
        warn("deadlock", kNoTask, st.message);
    } else if (!stalled.empty()) {
        st.kind = RunStatusKind::Stalled;
        std::string who;
        for (std::size_t i = 0; i < stalled.size(); ++i)
            who += (i ? (i + 1 == stalled.size() ? " and " : ", ") : "") + stalled[i];
        st.message = "Stalled at " + formatSeconds(m_now) + ": " + who +
                     (stalled.size() == 1 ? " returned" : " returned") +
                     " Pending with no waker registered, so nothing will ever poll " +
                     (stalled.size() == 1 ? "it" : "them") + " again. The program would hang forever.";
        for (const auto& s : stalled)
            st.details.push_back(s + " has no waker registered anywhere.");
    } else {
        st.kind = RunStatusKind::Deadlock;
        std::string waiting;
        for (TaskId t = 0; t < m_tasks.size(); ++t) {
            const Task& task = m_tasks[t];
            if (task.finished() || task.kind == TaskKind::Blocking)
                continue;
            st.details.push_back(taskName(t) + " is waiting" +
                                 (task.future ? " on " + task.future->describe() : std::string()) + ".");
        }
        st.message = "Deadlock at " + formatSeconds(m_now) +
                     ": every task is waiting and nothing left can wake any of them; the program would "
                     "hang forever.";
        warn("deadlock", kNoTask, st.message);
    }
    m_trace.status = std::move(st);
}

} // namespace pw
