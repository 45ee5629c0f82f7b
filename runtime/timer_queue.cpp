#include "timer_queue.h"

#include <limits>

namespace pw {

TimerId TimerQueue::add(std::int64_t deadlineNs, Waker waker, bool& firedNow)
{
    const std::int64_t tick = roundUpToTick(deadlineNs);
    TimerId id;
    if (!m_free.empty()) {
        id = m_free.back();
        m_free.pop_back();
    } else {
        id = static_cast<TimerId>(m_slots.size());
        m_slots.emplace_back();
    }
    Slot& s = m_slots[id];
    s.deadline = tick;
    if (tick <= m_elapsed) {
        s.state = State::Fired;
        firedNow = true;
        return id;
    }
    firedNow = false;
    s.state = State::Pending;
    s.waker = std::move(waker);
    m_heap.push(HeapEntry{tick, m_seq++, id});
    ++m_pending;
    return id;
}

void TimerQueue::updateWaker(TimerId id, Runtime* rt, TaskId task)
{
    // Waker::will_wake first, as tokio does: no new waker when the same task polls again.
    Slot& s = m_slots[id];
    if (s.state == State::Pending && s.waker.task() != task)
        s.waker = Waker(rt, task);
}

void TimerQueue::cancel(TimerId id)
{
    Slot& s = m_slots[id];
    if (s.state == State::Pending) {
        s.state = State::Cancelled; // the heap entry is dropped lazily
        s.waker.reset();
        --m_pending;
    } else {
        release(id);
    }
}

void TimerQueue::release(TimerId id)
{
    m_slots[id].state = State::Free;
    m_slots[id].waker.reset();
    m_free.push_back(id);
}

std::int64_t TimerQueue::nextDeadline()
{
    while (!m_heap.empty()) {
        const HeapEntry& e = m_heap.top();
        if (m_slots[e.id].state == State::Pending)
            return e.deadline;
        if (m_slots[e.id].state == State::Cancelled)
            release(e.id);
        m_heap.pop();
    }
    return std::numeric_limits<std::int64_t>::max();
}

std::vector<TimerQueue::Fired> TimerQueue::processUntil(std::int64_t nowNs)
{
    const std::int64_t now = roundDownToTick(nowNs);
    std::vector<Fired> out;
    while (!m_heap.empty() && m_heap.top().deadline <= now) {
        const HeapEntry e = m_heap.top();
        m_heap.pop();
        Slot& s = m_slots[e.id];
        if (s.state == State::Cancelled) {
            release(e.id);
            continue;
        }
        if (s.state != State::Pending)
            continue;
        s.state = State::Fired;
        --m_pending;
        out.push_back(Fired{e.id, e.deadline, std::move(s.waker)});
        s.waker.reset();
    }
    if (now > m_elapsed)
        m_elapsed = now;
    return out;
}

} // namespace pw
