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
// Storage: one bucket per millisecond tick that has timers (an ordered map of ticks to the
// tasks whose wakers the timers hold, in registration order), like a timing wheel's slots. A
// timer is named by its deadline and its place in that bucket, which its `Sleep` keeps, so
// there is no per-timer record: a registration is an append and an expiry walks a contiguous
// vector, and a million pending timers cost four bytes each.
//
// The queue stores task ids, not Wakers; the Runtime counts them as live wakers of their tasks
// (Runtime::registerTimer, cancelTimer, updateTimerWaker, runDriver).
#pragma once

#include "trace.h"

#include <cstdint>
#include <map>
#include <vector>

namespace pw {

/// A pending timer's place in the bucket of its deadline tick.
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

    /// Registers a timer that wakes `task`; returns its id. `firedNow` is set if the deadline
    /// already passed the last processed tick: the timer counts as fired at once, nothing is
    /// stored, and the id is kNoTimer.
    TimerId add(std::int64_t deadlineNs, TaskId task, bool& firedNow);
    /// Cancels a pending timer (one whose deadline has not `elapsed`); returns the task whose
    /// waker it held.
    TaskId cancel(std::int64_t deadlineNs, TimerId id);
    /// Whether a timer registered for `deadlineNs` has fired.
    bool elapsed(std::int64_t deadlineNs) const { return roundUpToTick(deadlineNs) <= m_elapsed; }
    /// Makes a pending timer wake `task` instead; returns the task it woke before.
    TaskId replaceTask(std::int64_t deadlineNs, TimerId id, TaskId task);

    /// The earliest pending tick, or INT64_MAX.
    std::int64_t nextDeadline() const;
    struct Fired {
        TaskId task;
        std::int64_t deadline;
    };
    /// Fires every timer due at `nowNs` (rounded down to the tick), in (deadline, registration)
    /// order, into `out` (cleared first).
    void processUntil(std::int64_t nowNs, std::vector<Fired>& out);
    std::int64_t elapsedTick() const { return m_elapsed; }
    std::size_t pendingCount() const { return m_pending; }

private:
    struct Bucket {
        std::vector<TaskId> tasks; ///< registration order; kNoTask where a timer was cancelled
        std::size_t live = 0;      ///< how many of them are still pending
    };
    TaskId& entry(std::int64_t deadlineNs, TimerId id, Bucket** bucket = nullptr);

    std::map<std::int64_t, Bucket> m_buckets; ///< deadline tick -> timers
    std::int64_t m_elapsed = 0;
    std::size_t m_pending = 0;
};

} // namespace pw
