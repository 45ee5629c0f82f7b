// The block_on thread, and the two book executors that only drive one future.
//
// block_on (tokio's CachedParkThread::block_on, futures::executor::block_on, and the books'
// block_thread_on): poll the main future; if Pending, wake the futures that yielded, then park
// the thread until the main future's waker unparks it. One timer costs exactly two polls.
//
// loop_executor (000's first executor): poll with a no-op waker in a loop; every poll costs
// `loopPollCost` of simulated time. Polls that change nothing (no trace event, no printed
// line) between two engine events are counted in bulk rather than simulated one by one, which
// is exact: the same poll of the same state gives the same result.
#include "runtime.h"

#include <limits>

namespace pw {

void Runtime::blockOnStep(ThreadId th)
{
    SimThread& thr = m_threads[th];
    if (mainDone())
        return;
    if (m_tasks[0].state == TaskState::Scheduled) {
        thr.state = ThreadState::Idle;
        if (m_tasks[0].polls > 0)
            record(EventKind::Unpark, kNoTask);
        m_coopBudgetOther = m_config.coopBudget;
        beginPoll(th, 0, QueueKind::BlockOn, AfterPoll::BlockOnMain);
        return;
    }
    thr.state = ThreadState::Parked;
    record(EventKind::Park, kNoTask);
}

void Runtime::blockOnAfterPoll(ThreadId th)
{
    if (mainDone())
        return;
    wakeDeferred(th); // "Wake any yielded tasks before parking in order to avoid blocking."
    if (m_tasks[0].state == TaskState::Scheduled) {
        post(th, EngineEventKind::Step, m_now);
        return;
    }
    m_threads[th].state = ThreadState::Parked;
    record(EventKind::Park, kNoTask);
}

void Runtime::unparkBlockOn()
{
    SimThread& thr = m_threads[m_blockOnThread];
    if (thr.state != ThreadState::Parked)
        return; // busy: it looks at the main task's state when its poll ends
    thr.state = ThreadState::Idle;
    ++thr.generation;
    post(m_blockOnThread, EngineEventKind::Unpark, m_now);
}

void Runtime::loopStep(ThreadId th)
{
    if (mainDone())
        return;
    m_pollMark = m_recordCount;
    beginPoll(th, 0, QueueKind::BlockOn, AfterPoll::LoopMain);
}

void Runtime::loopAfterPoll(ThreadId th)
{
    if (mainDone())
        return;
    const std::int64_t cost = std::max<std::int64_t>(1, m_config.loopPollCost.ns);
    const bool pure = m_recordCount == m_pollMark + 2; // PollStart + PollEnd only
    std::int64_t next = m_events.empty() ? m_config.maxTime.ns + cost : m_events.top().t;
    std::int64_t skip = 0;
    if (pure && next > m_now + cost)
        skip = (next - m_now - 1) / cost; // polls strictly before the next event: all identical
    m_tasks[0].polls += static_cast<std::uint32_t>(std::min<std::int64_t>(skip, 0xffffffffLL));
    m_loopSkipped += skip;
    post(th, EngineEventKind::Step, m_now + (skip + 1) * cost);
}

} // namespace pw
