#include "timer_queue.h"

#include <cassert>
#include <limits>
#include <utility>

namespace pw {

TimerId TimerQueue::add(std::int64_t deadlineNs, TaskId task, bool& firedNow)
{
    const std::int64_t tick = roundUpToTick(deadlineNs);
    if (tick <= m_elapsed) {
        firedNow = true;
        return kNoTimer;
    }
    firedNow = false;
    Bucket& b = m_buckets[tick];
    const auto id = static_cast<TimerId>(b.tasks.size());
    b.tasks.push_back(task);
    ++b.live;
    ++m_pending;
    return id;
}

TaskId& TimerQueue::entry(std::int64_t deadlineNs, TimerId id, Bucket** bucket)
{
    const auto it = m_buckets.find(roundUpToTick(deadlineNs));
    assert(it != m_buckets.end() && id < it->second.tasks.size() && "not a pending timer");
    if (bucket)
        *bucket = &it->second;
    return it->second.tasks[id];
}

TaskId TimerQueue::replaceTask(std::int64_t deadlineNs, TimerId id, TaskId task)
{
    return std::exchange(entry(deadlineNs, id), task);
}

TaskId TimerQueue::cancel(std::int64_t deadlineNs, TimerId id)
{
    Bucket* b = nullptr;
    TaskId& e = entry(deadlineNs, id, &b);
    const TaskId task = std::exchange(e, kNoTask);
    --m_pending;
    if (--b->live == 0)
        m_buckets.erase(roundUpToTick(deadlineNs)); // every entry of this bucket is cancelled
    return task;
}

std::int64_t TimerQueue::nextDeadline() const
{
    return m_buckets.empty() ? std::numeric_limits<std::int64_t>::max() : m_buckets.begin()->first;
}

void TimerQueue::processUntil(std::int64_t nowNs, std::vector<Fired>& out)
{
    const std::int64_t now = roundDownToTick(nowNs);
    out.clear();
    while (!m_buckets.empty() && m_buckets.begin()->first <= now) {
        const auto node = m_buckets.extract(m_buckets.begin());
        const std::int64_t tick = node.key();
        for (const TaskId t : node.mapped().tasks)
            if (t != kNoTask)
                out.push_back(Fired{t, tick});
        m_pending -= node.mapped().live;
    }
    if (now > m_elapsed)
        m_elapsed = now;
}

} // namespace pw
