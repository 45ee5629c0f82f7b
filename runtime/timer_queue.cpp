#include "timer_queue.h"

#include "prefetch.h"

#include <limits>

namespace pw {

TimerId TimerQueue::add(std::int64_t deadlineNs, Waker waker, bool& firedNow)
{
    const std::int64_t tick = roundUpToTick(deadlineNs);
    if (tick <= m_elapsed) {
        firedNow = true;
        return kNoTimer;
    }
    firedNow = false;
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
    s.state = State::Pending;
    s.waker = std::move(waker);
    Bucket& b = m_buckets[tick];
    b.ids.push_back(id);
    ++b.live;
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
    if (s.state != State::Pending)
        return;
    s.state = State::Cancelled; // its bucket entry is dropped when the bucket expires
    s.waker.reset();
    --m_pending;
    auto b = m_buckets.find(s.deadline);
    if (b != m_buckets.end() && --b->second.live == 0) {
        for (TimerId other : b->second.ids)
            release(other); // every entry of this bucket is Cancelled now
        m_buckets.erase(b);
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
    return m_buckets.empty() ? std::numeric_limits<std::int64_t>::max() : m_buckets.begin()->first;
}

std::vector<TimerQueue::Fired> TimerQueue::processUntil(std::int64_t nowNs)
{
    const std::int64_t now = roundDownToTick(nowNs);
    std::vector<Fired> out;
    while (!m_buckets.empty() && m_buckets.begin()->first <= now) {
        auto node = m_buckets.extract(m_buckets.begin());
        const std::vector<TimerId>& ids = node.mapped().ids;
        constexpr std::size_t kAhead = 8; // slots are spread over the table: ask for them early
        for (std::size_t i = 0; i < ids.size() && i < kAhead; ++i)
            prefetch(&m_slots[ids[i]]);
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (i + kAhead < ids.size())
                prefetch(&m_slots[ids[i + kAhead]]);
            const TimerId id = ids[i];
            Slot& s = m_slots[id];
            if (s.state == State::Cancelled) {
                release(id);
                continue;
            }
            if (s.state != State::Pending)
                continue;
            --m_pending;
            out.push_back(Fired{id, s.deadline, std::move(s.waker)});
            release(id); // the registrant sees the firing through elapsed(), not this slot
        }
    }
    if (now > m_elapsed)
        m_elapsed = now;
    return out;
}

} // namespace pw
