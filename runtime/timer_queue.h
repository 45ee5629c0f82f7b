// The timer driver (tokio time/driver).
//
// Policy, as in tokio 1.24:
// - A deadline is rounded *up* to the next whole millisecond (`deadline_to_tick`).
// - Timers fire only when some thread runs the driver: a worker that parks (holding the
//   driver), or a worker's maintenance every `event_interval` ticks. A worker blocked inside
//   a poll runs nothing, so a timer can fire late; that is real tokio behaviour and the
//   model keeps it.
// - Registering a deadline at or before the last processed tick fires it at once.
// - Timers that fire in one pass fire in (deadline, registration order).
// - Every tick up to the last processed one has fired, so "has my timer fired?" is a comparison
//   of its deadline with that tick (`elapsed`), not a lookup: a fired timer's slot is recycled
//   at once, and whoever registered it must not cancel it any more (cancel only while pending).
//
// Storage: one bucket per millisecond tick that has timers (an ordered map of ticks to timer
// ids in registration order), like a timing wheel's slots. Many timers share few ticks, so an
// insert is an append and an expiry walks a contiguous vector: no per-timer heap sifting, which
// dominated runs with a million pending timers.
#pragma once

#include "chunked_vector.h"
#include "waker.h"

#include <cstdint>
#include <map>
#include <vector>

namespace pw {

using TimerId = std::uint32_t;
inline constexpr TimerId kNoTimer = 0xffffffffu;

class TimerQueue {
public:
    static std::int64_t roundUpToTick(std::int64_t ns)
    {
        constexpr std::int64_t ms = 1'000'000;
        return (ns + ms - 1) / ms * ms;
    }
    static std::int64_t roundDownToTick(std::int64_t ns) { return ns / 1'000'000 * 1'000'000; }

    /// Registers a timer; returns its id. `firedNow` is set if the deadline already passed
    /// the last processed tick: the timer counts as fired at once, nothing is stored, and the
    /// id is kNoTimer.
    TimerId add(std::int64_t deadlineNs, Waker waker, bool& firedNow);
    /// Cancels a pending timer (one whose deadline has not `elapsed`).
    void cancel(TimerId id);
    /// Whether a timer registered for `deadlineNs` has fired.
    bool elapsed(std::int64_t deadlineNs) const { return roundUpToTick(deadlineNs) <= m_elapsed; }
    /// Replace the stored waker of a pending timer (a re-poll with another task's context).
    void updateWaker(TimerId id, Runtime* rt, TaskId task);

    /// The earliest pending tick, or INT64_MAX.
    std::int64_t nextDeadline();
    /// Fires every timer due at `nowNs` (rounded down to the tick), freeing their slots.
    /// Returns the wakers.
    struct Fired {
        TimerId id;
        std::int64_t deadline;
        Waker waker;
    };
    std::vector<Fired> processUntil(std::int64_t nowNs);
    std::int64_t elapsedTick() const { return m_elapsed; }
    std::size_t pendingCount() const { return m_pending; }

private:
    enum class State : std::uint8_t { Free, Pending, Cancelled };
    struct Slot {
        std::int64_t deadline = 0;
        Waker waker;
        State state = State::Free;
    };
    struct Bucket {
        std::vector<TimerId> ids; ///< registration order
        std::size_t live = 0;     ///< how many of them are still Pending
    };
    void release(TimerId id);

    ChunkedVector<Slot> m_slots; ///< chunked: a million pending timers never copy on growth
    std::vector<TimerId> m_free;
    std::map<std::int64_t, Bucket> m_buckets; ///< deadline tick -> timers
    std::int64_t m_elapsed = 0;
    std::size_t m_pending = 0;
};

} // namespace pw
