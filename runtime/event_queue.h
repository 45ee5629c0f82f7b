// The engine's event queue.
//
// Policy: a min-heap ordered by (time, seq). `seq` is assigned when an event is scheduled, so
// two events at the same instant run in the order they were scheduled; there is no other tie
// break and no epsilon. An event names a thread and a generation: when a thread's plans
// change (a parked worker is unparked before its timer deadline), the thread's generation is
// bumped and the stale event is dropped when it comes up.
//
// Storage: most events are scheduled for the instant being processed (a worker's next step
// after a poll), so those go to a FIFO, which is in (time, seq) order by construction; the
// rest go to a binary heap. The next event is the smaller of the two fronts: the order is
// exactly that of a single heap, at a fraction of the cost per event.
#pragma once

#include "sim_time.h"
#include "trace.h"

#include <cstdint>
#include <queue>
#include <vector>

namespace pw {

enum class EngineEventKind : std::uint8_t {
    Step,      ///< the thread takes its next scheduling step
    Resume,    ///< a blocking call inside a poll returned
    Unpark,    ///< a parked thread was unparked
    PollCost,  ///< the CPU time of a finished poll has been spent
    DriverWake ///< a thread parked on the timer driver reaches its timeout
};

struct EngineEvent {
    std::int64_t t = 0;
    std::uint64_t seq = 0;
    std::uint32_t generation = 0;
    ThreadId thread = kNoThread;
    EngineEventKind kind = EngineEventKind::Step;

    bool operator>(const EngineEvent& o) const { return t != o.t ? t > o.t : seq > o.seq; }
};

class EventQueue {
public:
    void push(std::int64_t t, ThreadId thread, EngineEventKind kind, std::uint32_t generation)
    {
        const EngineEvent e{t, m_nextSeq++, generation, thread, kind};
        // The FIFO stays sorted: only events at the current instant, appended in seq order.
        if (t == m_now && (fifoEmpty() || m_fifo.back().t <= t))
            m_fifo.push_back(e);
        else
            m_heap.push(e);
    }
    bool empty() const { return fifoEmpty() && m_heap.empty(); }
    const EngineEvent& top() const { return takeFifo() ? m_fifo[m_head] : m_heap.top(); }
    EngineEvent pop()
    {
        EngineEvent e;
        if (takeFifo()) {
            e = m_fifo[m_head++];
            if (m_head == m_fifo.size()) {
                m_fifo.clear();
                m_head = 0;
            } else if (m_head >= 1024 && 2 * m_head >= m_fifo.size()) {
                // A FIFO that never runs dry (threads keep stepping at each new instant):
                // drop the consumed front so it stays as small as what is pending.
                m_fifo.erase(m_fifo.begin(), m_fifo.begin() + static_cast<std::ptrdiff_t>(m_head));
                m_head = 0;
            }
        } else {
            e = m_heap.top();
            m_heap.pop();
        }
        m_now = e.t;
        return e;
    }

private:
    bool fifoEmpty() const { return m_head == m_fifo.size(); }
    bool takeFifo() const { return !fifoEmpty() && (m_heap.empty() || m_heap.top() > m_fifo[m_head]); }

    std::priority_queue<EngineEvent, std::vector<EngineEvent>, std::greater<>> m_heap;
    std::vector<EngineEvent> m_fifo; ///< events at the current instant, [m_head, end) pending
    std::size_t m_head = 0;
    std::int64_t m_now = 0; ///< time of the last event popped
    std::uint64_t m_nextSeq = 0;
};

} // namespace pw
