// Tasks: a future the scheduler owns, plus the state tokio keeps in its task header.
//
// State machine (tokio runtime/task/state.rs, simplified to what is observable):
//   Idle --wake--> Scheduled --poll--> Running --Pending--> Idle
//                                     Running --wake--> RunningNotified --Pending--> Scheduled
//                                     Running --Ready--> Done
//   any non-final state --abort/shutdown--> Cancelled (at the next point the task is not running)
// A wake in Scheduled or RunningNotified is coalesced: the task is polled once, not twice.
#pragma once

#include "future.h"
#include "waker.h"

#include <cstdint>
#include <memory>

namespace pw {

enum class TaskState : std::uint8_t {
    Idle,            ///< not in any queue; waits for a wake
    Scheduled,       ///< in a run queue (or the block_on thread was unparked for it)
    Running,         ///< being polled
    RunningNotified, ///< woken while being polled: will be rescheduled as a yield
    Done,            ///< the future returned Ready; output kept for the JoinHandle
    Cancelled,       ///< the future was dropped before completion (abort, shutdown)
};

/// One per task, in a table indexed by TaskId that a million-task run walks in random order:
/// kept to 32 bytes (a task's poll touches a single cache line of it). The output of a
/// finished task lives in Runtime's side table; the JoinHandle's waiter is a task id whose
/// waker count (liveWakers) includes this reference.
struct alignas(32) Task {
    FuturePtr future;
    TaskId joinWaiter = kNoTask;  ///< who awaits the JoinHandle
    std::uint32_t liveWakers = 0; ///< wakers for this task that exist right now
    std::uint32_t polls = 0;
    TaskState state = TaskState::Idle;
    TaskKind kind = TaskKind::Async;
    bool cancelRequested = false;
    bool outputTaken = false;
    bool warnedBlocking = false; ///< blocking-in-async is reported once per task

    bool finished() const { return state == TaskState::Done || state == TaskState::Cancelled; }
};
static_assert(sizeof(Task) == 32, "a task record is half a cache line");

} // namespace pw
