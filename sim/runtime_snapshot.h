// The state of the runtime at one instant, rebuilt from the trace alone: what every thread is
// doing, what sits in every run queue and in which order, which timers are pending and who
// holds or waits for each mutex. The queue view draws it at the playback cursor.
//
// The state at `t` is the state after every event with e.t <= t, applied in trace order with
// the engine's own rules (runtime/multi_thread_scheduler.cpp, runtime/runtime.cpp):
// - Schedule(Lifo, w) puts the task in worker w's LIFO slot; the previous occupant is moved to
//   the back of w's local queue by the Schedule(Local) event that follows it (or to the inject
//   queue, with half of the local queue's front, when the local queue overflows: those moves
//   are Schedule(Inject) events too);
// - Schedule(Local, w) appends to w's local queue, Schedule(Inject) to the inject queue,
//   Schedule(Blocking) to the blocking pool's queue; a task is in at most one queue, so a
//   Schedule first takes the task out of wherever it was (a steal moves the victim's front half
//   to the thief this way, one Schedule(Local) per task; the task the thief runs leaves the
//   victim's queue at its PollStart);
// - PollStart takes the task out of its queue; a task that finishes or is cancelled while
//   queued leaves its queue at its Done / Cancel (the engine skips its stale entry silently);
// - in a current_thread runtime the one run queue belongs to the main thread: it appears as a
//   worker without a LIFO slot (`WorkerSnapshot::hasLifoSlot` is false).
//
// What the trace does not record is inferred, and documented here:
// - A pending timer is one registered (TimerRegister) and not yet fired (the TimerFire with the
//   same task and deadline; registrations and fires are matched in order). A timer that never
//   fires was cancelled by dropping its sleep, which the trace does not record: it is shown as
//   pending until the first event that proves it gone: its task's next FutureDropped (a select!
//   loser, a timeout's inner future, a try_join! branch), the task's Done / Cancel, or a
//   TimerFire of a later deadline (the driver passed its tick without firing it). Such a timer
//   can appear to stay pending a little longer than it did (e.g. a timeout whose inner future
//   finished first: its sleep is dropped silently).
// - A mutex waiter is a task from its LockContend until its LockAcquire. A tokio lock future
//   dropped while waiting (select! loser, timeout, cancelled task) leaves the queue silently:
//   a LockContend never followed by that task's LockAcquire is taken out at that task's next
//   FutureDropped / Done / Cancel, which is where the engine drops it.
// - At a LockRelease the lock is handed to the first waiter (FIFO, as both tokio's and std's
//   mutexes do here); until that waiter's LockAcquire the mutex shows no holder and the waiter
//   in `handedTo` (and still first in `waiters`).
// - Threads: a blocking-pool thread waiting for its next job and a worker between two polls are
//   Idle (the engine records no Park for the former); an OS thread whose job returned Ready
//   has Exited. The shutdown after main returns is not recorded: threads keep their last state.
#pragma once

#include "runtime/trace.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace pw {

enum class ThreadActivity : std::uint8_t {
    NotStarted, ///< no event on this thread yet (a blocking-pool or OS thread created later)
    Idle,       ///< between two polls, or a pool thread waiting for a job
    Polling,    ///< polling `task`
    Blocked,    ///< blocked inside a poll of `task` (thread::sleep, CPU work, std Mutex::lock)
    Parked,     ///< asleep until woken (or until the next timer when it holds the driver)
    Exited,     ///< an OS thread whose job finished
};
const char* toString(ThreadActivity a);

enum class TaskActivity : std::uint8_t {
    NotSpawned,
    Queued,  ///< spawned or woken, waiting for a thread (`queue`, `worker` say where)
    Running, ///< being polled on `thread`
    Blocked, ///< its poll blocked `thread`
    Waiting, ///< returned Pending with a waker registered somewhere
    Stalled, ///< returned Pending with no waker registered: nothing will poll it again
    Done,
    Cancelled,
};
const char* toString(TaskActivity a);

struct ThreadSnapshot {
    ThreadId id = kNoThread;
    std::string name;
    ThreadKind kind = ThreadKind::Worker;
    ThreadActivity activity = ThreadActivity::NotStarted;
    std::int64_t since = 0; ///< when the current activity began
    TaskId task = kNoTask;  ///< Polling / Blocked: the task polled
    BlockReason blockReason = BlockReason::Sleep;
    std::int64_t blockedUntil = -1; ///< Blocked: the planned end, -1 when unknown (a mutex)
    bool holdsDriver = false;       ///< Parked: it sleeps on the timer driver (it fires the timers)
    int worker = -1;                ///< index into RuntimeSnapshot::workers when it owns a run queue

    bool operator==(const ThreadSnapshot&) const = default;
};

struct WorkerSnapshot {
    std::uint32_t index = 0;
    ThreadId thread = kNoThread; ///< the thread that owns the queue
    std::string name;
    bool hasLifoSlot = true; ///< false for the current_thread scheduler
    TaskId lifo = kNoTask;
    std::vector<TaskId> local; ///< front (next to run) first

    bool operator==(const WorkerSnapshot&) const = default;
};

struct PendingTimer {
    TaskId task = kNoTask;
    std::int64_t deadline = 0; ///< ns, rounded up to the driver's millisecond tick
    std::int64_t registeredAt = 0;

    bool operator==(const PendingTimer&) const = default;
};

struct MutexSnapshot {
    std::uint32_t id = 0; ///< index into Trace::objectNames
    std::string name;
    MutexKind kind = MutexKind::Tokio;
    TaskId holder = kNoTask;
    std::int64_t heldSince = 0;
    TaskId handedTo = kNoTask;   ///< released to this waiter, which has not taken it yet
    std::vector<TaskId> waiters; ///< FIFO: the first one gets the lock next

    bool operator==(const MutexSnapshot&) const = default;
};

struct TaskSnapshot {
    TaskActivity activity = TaskActivity::NotSpawned;
    std::int64_t since = 0;
    QueueKind queue = QueueKind::None; ///< Queued: Lifo / Local / Inject / Blocking / BlockOn
    std::uint32_t worker = 0;          ///< Queued in Lifo / Local: the worker
    ThreadId thread = kNoThread;       ///< Running / Blocked: the thread polling it

    bool operator==(const TaskSnapshot&) const = default;
};

struct RuntimeSnapshot {
    std::int64_t t = 0;
    std::size_t eventsApplied = 0;       ///< the events with e.t <= t
    std::vector<ThreadSnapshot> threads; ///< every thread of the trace, by ThreadId
    std::vector<WorkerSnapshot> workers; ///< the run-queue owners, by worker index
    std::vector<TaskId> inject;          ///< front first
    std::vector<TaskId> blocking;        ///< the blocking pool's queue, front first
    std::vector<PendingTimer> timers;    ///< by deadline, then registration order
    std::vector<MutexSnapshot> mutexes;  ///< every mutex the run locks, by id
    std::vector<TaskSnapshot> tasks;     ///< by TaskId
    ThreadId mainThread = kNoThread;     ///< the thread that runs main (block_on)

    /// The main task's state (a default NotSpawned one for an empty trace).
    TaskSnapshot main() const { return tasks.empty() ? TaskSnapshot{} : tasks.front(); }

    bool operator==(const RuntimeSnapshot&) const = default;
};

/// The state after every event with e.t <= t.
RuntimeSnapshot snapshotAt(const Trace& trace, std::int64_t t);

/// Playback over one trace: `seek` moves forward by applying the new events only, and
/// backward from the nearest checkpoint (taken every `checkpointInterval` events on the way
/// forward). Either way the result equals snapshotAt(trace, t). The trace must outlive the
/// cursor and must not change.
class SnapshotCursor {
public:
    explicit SnapshotCursor(const Trace& trace, std::size_t checkpointInterval = 0 /* automatic */);
    ~SnapshotCursor();
    SnapshotCursor(SnapshotCursor&&) noexcept;
    SnapshotCursor& operator=(SnapshotCursor&&) noexcept;
    SnapshotCursor(const SnapshotCursor&) = delete;
    SnapshotCursor& operator=(const SnapshotCursor&) = delete;

    void seek(std::int64_t t);
    std::int64_t time() const;
    /// The events applied so far (those with e.t <= time()).
    std::size_t position() const;
    RuntimeSnapshot snapshot() const;
    const Trace& trace() const;

    /// Events replayed since construction (to check that playback stays cheap).
    std::uint64_t eventsReplayed() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace pw
