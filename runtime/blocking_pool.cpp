// The spawn_blocking pool and plain OS threads (thread::spawn).
//
// Policy (tokio runtime/blocking/pool.rs): a blocking job goes to the pool's FIFO queue; an
// idle pool thread takes it, or a new thread starts if fewer than max_blocking_threads (512)
// exist. A job runs to completion on its thread; it blocks the thread and nobody else. Idle
// pool threads wait for the next job (the 10 s keep-alive is not modelled: idle threads stay).
// An OS thread runs exactly one job and exits; when main returns the process ends and OS
// threads end with it, while the runtime's shutdown waits for running blocking jobs.
#include "runtime.h"

namespace pw {

TaskId Runtime::spawnThread(FuturePtr job, std::string name)
{
    const TaskId id = addTask(std::move(job), TaskKind::OsThread, std::move(name));
    const ThreadId th = addThread(ThreadKind::Os, m_trace.taskName(id), 0);
    m_threads[th].job = id;
    post(th, EngineEventKind::Step, m_now);
    return id;
}

void Runtime::blockingStep(ThreadId th)
{
    SimThread& thr = m_threads[th];
    thr.state = ThreadState::Idle;
    if (thr.kind == ThreadKind::Os) {
        if (thr.job != kNoTask && !m_tasks[thr.job].finished())
            beginPoll(th, thr.job, QueueKind::Blocking, AfterPoll::BlockingJob);
        return;
    }
    if (m_blockingQueue.empty()) {
        if (m_shutDown) {
            thr.state = ThreadState::Exited;
            return;
        }
        thr.state = ThreadState::Parked;
        thr.idleSince = m_now;
        return;
    }
    const TaskId t = m_blockingQueue.front();
    m_blockingQueue.pop_front();
    beginPoll(th, t, QueueKind::Blocking, AfterPoll::BlockingJob);
}

void Runtime::blockingAfterJob(ThreadId th)
{
    SimThread& thr = m_threads[th];
    if (thr.kind == ThreadKind::Os) {
        if (m_tasks[thr.job].finished())
            thr.state = ThreadState::Exited;
        else
            thr.state = ThreadState::Parked; // waiting (a job that returned Pending)
        return;
    }
    post(th, EngineEventKind::Step, m_now);
}

} // namespace pw
