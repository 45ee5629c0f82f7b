// The engine's event queue.
//
// Policy: a min-heap ordered by (time, seq). `seq` is assigned when an event is scheduled, so
// two events at the same instant run in the order they were scheduled; there is no other tie
// break and no epsilon. An event names a thread and a generation: when a thread's plans
// change (a parked worker is unparked before its timer deadline), the thread's generation is
// bumped and the stale event is dropped when it comes up.
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
        m_heap.push(EngineEvent{t, m_nextSeq++, generation, thread, kind});
    }
    bool empty() const { return m_heap.empty(); }
    const EngineEvent& top() const { return m_heap.top(); }
    EngineEvent pop()
    {
        EngineEvent e = m_heap.top();
        m_heap.pop();
        return e;
    }

private:
    std::priority_queue<EngineEvent, std::vector<EngineEvent>, std::greater<>> m_heap;
    std::uint64_t m_nextSeq = 0;
};

} // namespace pw
