// The trace: the engine's only output.
//
// Policy: the engine appends one `TraceEvent` for every observable step, in the order the
// steps happen (time, then the order the engine took them at that instant). Nothing is ever
// rewritten, so a view can replay any prefix of the trace to show the state at a cursor time,
// and stepping backwards is as exact as stepping forwards. Events are 24 bytes; text (printed
// lines, names) lives in side tables the events index into.
//
// Invariants:
// - `events` is sorted by `t` (non-decreasing).
// - every PollStart on a thread is followed by exactly one PollEnd on that thread before the
//   thread's next PollStart; BlockStart/BlockEnd nest inside a poll (or a blocking job).
// - a task has exactly one Spawn and at most one of Done / Cancel.
#pragma once

#include "block_log.h"
#include "sim_time.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pw {

using TaskId = std::uint32_t;
using ThreadId = std::uint16_t;
inline constexpr TaskId kNoTask = 0xffffffffu;
inline constexpr ThreadId kNoThread = 0xffffu;

enum class EventKind : std::uint8_t {
    Spawn,         ///< task created; arg = parent task (kNoTask for main); detail = TaskKind
    Schedule,      ///< task put in a run queue; detail = QueueKind; arg = worker index (LIFO/local),
                   ///< for LIFO with the task it pushed out to the local queue (scheduleWorker(),
                   ///< lifoDisplaced(), displacedSchedule())
    PollStart,     ///< thread begins polling task; detail = QueueKind it was taken from
    PollEnd,       ///< poll returned; detail = PollResultKind
    BlockStart,    ///< thread blocked inside a poll; detail = BlockReason; arg = planned end ns or -1
    BlockEnd,      ///< the blocking call returned
    TimerRegister, ///< task registered a timer; arg = deadline ns
    TimerFire,     ///< the driver fired the task's timer and so woke it (no separate Wake event); arg =
                   ///< deadline ns; detail = WakeKind::Timer, or Coalesced when the wake changed nothing
    Wake,          ///< task woken; arg = waking task (kNoTask: a thread); detail = WakeKind. Timer wakes
                   ///< are TimerFire events: read wakes with isWake() / wakerOf()
    LockAcquire,   ///< arg = mutex id; detail = MutexKind
    LockContend,   ///< task (or thread) has to wait for the mutex; arg = mutex id
    LockRelease,   ///< arg = mutex id
    TryLockFail,   ///< try_lock found the mutex held; arg = mutex id
    ChannelSend,   ///< arg = channel id
    ChannelRecv,   ///< arg = channel id
    Print,         ///< arg = index into Trace::lines
    Steal,         ///< thread stole tasks; arg = victim worker << 32 | count
    Park,          ///< thread parked; detail = 1 when it holds the timer driver
    Unpark,        ///< thread woke up
    DriverTick,    ///< thread ran the timer driver
    Cancel,        ///< the task was cancelled (abort, shutdown); arg = reason (CancelReason)
    FutureDropped, ///< a future inside the task was dropped unfinished (select! loser, timeout); arg = CancelReason
    Done,          ///< task's future returned Ready
    Stalled,       ///< task returned Pending with no waker registered anywhere
    Deadline,      ///< informational: a budget ran out
};

enum class QueueKind : std::uint8_t { None, Lifo, Local, Inject, Steal, BlockOn, Blocking };
enum class PollResultKind : std::uint8_t { Ready, Pending, Cancelled };
enum class BlockReason : std::uint8_t { Sleep, CpuWork, StdMutexLock, JoinThread, BlockOnPark };
enum class WakeKind : std::uint8_t { Wake, WakeByRef, Coalesced, Yield, Timer, JoinHandle };
enum class MutexKind : std::uint8_t { Std, Tokio };
enum class CancelReason : std::uint8_t { SelectLost, TimeoutElapsed, Aborted, Shutdown, Dropped };
enum class TaskKind : std::uint8_t { Main, Async, Blocking, OsThread };
enum class ThreadKind : std::uint8_t { BlockOn, Worker, Blocking, Os };

const char* toString(EventKind);
const char* toString(QueueKind);
const char* toString(BlockReason);
const char* toString(CancelReason);

struct TraceEvent {
    std::int64_t t = 0;
    std::int64_t arg = 0;
    TaskId task = kNoTask;
    ThreadId thread = kNoThread;
    EventKind kind = EventKind::Spawn;
    std::uint8_t detail = 0;
};
static_assert(sizeof(TraceEvent) == 24, "trace events must stay compact");

/// The arg of a Schedule into worker `w`'s LIFO slot that pushed `displaced` (or kNoTask) out of
/// the slot to the back of the worker's local queue.
inline std::int64_t lifoScheduleArg(std::uint32_t w, TaskId displaced)
{
    const std::uint64_t d = displaced == kNoTask ? 0 : std::uint64_t{displaced} + 1;
    return static_cast<std::int64_t>((d << 32) | w);
}
/// For a Schedule into a LIFO slot or a local queue: the worker.
inline std::uint32_t scheduleWorker(const TraceEvent& e)
{
    return static_cast<std::uint32_t>(static_cast<std::uint64_t>(e.arg) & 0xffffffffu);
}
/// For a Schedule into a LIFO slot: the task it pushed out to the back of the same worker's
/// local queue, kNoTask if none. (When that push overflowed the queue, the tasks moved to the
/// inject queue have their own Schedule events and this is kNoTask.)
inline TaskId lifoDisplaced(const TraceEvent& e)
{
    if (e.kind != EventKind::Schedule || e.detail != static_cast<std::uint8_t>(QueueKind::Lifo))
        return kNoTask;
    const std::uint64_t d = static_cast<std::uint64_t>(e.arg) >> 32;
    return d == 0 ? kNoTask : static_cast<TaskId>(d - 1);
}
/// A LIFO Schedule without its displaced task: the move of `e.task` alone.
inline TraceEvent withoutDisplaced(const TraceEvent& e)
{
    TraceEvent d = e;
    d.arg = scheduleWorker(e);
    return d;
}
/// The move a LIFO Schedule implies for the task it displaced, as the Schedule(Local) event the
/// trace would otherwise hold right after it. Only for events where lifoDisplaced() is a task.
inline TraceEvent displacedSchedule(const TraceEvent& e)
{
    TraceEvent d = e;
    d.task = lifoDisplaced(e);
    d.arg = scheduleWorker(e);
    d.detail = static_cast<std::uint8_t>(QueueKind::Local);
    return d;
}

/// A wake of `e.task` that moved it (scheduled it, or notified it while running): a Wake or a
/// TimerFire event whose kind is not Coalesced.
inline bool isEffectiveWake(const TraceEvent& e)
{
    return (e.kind == EventKind::Wake || e.kind == EventKind::TimerFire) &&
           e.detail != static_cast<std::uint8_t>(WakeKind::Coalesced);
}
/// Any wake of `e.task`, coalesced ones included.
inline bool isWake(const TraceEvent& e)
{
    return e.kind == EventKind::Wake || e.kind == EventKind::TimerFire;
}
/// The task whose wake this is (kNoTask: the timer driver, or a thread outside any task).
inline TaskId wakerOf(const TraceEvent& e, std::size_t taskCount)
{
    if (e.kind != EventKind::Wake || e.arg < 0 || static_cast<std::uint64_t>(e.arg) >= taskCount)
        return kNoTask;
    return static_cast<TaskId>(e.arg);
}

/// A task as the trace knows it. 24 bytes and no text: a million-task run keeps one per task.
struct TaskInfo {
    std::int64_t spawnedNs = 0;
    /// Index into Trace::taskNames; 0 means the default name of its kind (Trace::taskName).
    std::uint32_t name = 0;
    TaskId parent = kNoTask;
    TaskKind kind = TaskKind::Async;
};
static_assert(sizeof(TaskInfo) == 24, "task records must stay compact");

struct ThreadInfo {
    std::string name;
    ThreadKind kind = ThreadKind::Worker;
};

struct PrintedLine {
    std::int64_t t = 0;
    ThreadId thread = kNoThread;
    TaskId task = kNoTask;
    std::string text;
};

/// Error: the scenario itself failed (a panic, an unsupported call); set by the layer above.
enum class RunStatusKind : std::uint8_t { Finished, Deadlock, Stalled, Budget, Error };
const char* toString(RunStatusKind);

struct RunStatus {
    RunStatusKind kind = RunStatusKind::Finished;
    /// One or two sentences for a learner.
    std::string message;
    /// For a deadlock: the cycle, one "who waits for what held by whom" line each.
    std::vector<std::string> details;
    /// Simulated time when the run ended (last task finished, or the run stopped).
    std::int64_t endNs = 0;
};

struct Warning {
    std::string kind; ///< blocking-in-async, lost-waker, guard-across-await, deadlock
    std::int64_t t = 0;
    TaskId task = kNoTask;
    std::string message;
};

struct Trace {
    /// Grows by blocks instead of doubling and copying; appends are a compare and a store.
    BlockLog<TraceEvent> events;
    /// By TaskId. Read names with taskName(); add tasks with addTask().
    BlockLog<TaskInfo> tasks;
    /// Names given to tasks; [0] stands for "the default name" and is never read.
    std::vector<std::string> taskNames{std::string()};
    std::vector<ThreadInfo> threads;
    std::vector<PrintedLine> lines;
    std::vector<std::string> objectNames; ///< mutexes and channels, by id
    std::vector<Warning> warnings;
    /// Warnings past Trace::kMaxWarnings are counted here instead of stored.
    std::uint64_t suppressedWarnings = 0;
    static constexpr std::size_t kMaxWarnings = 1000;
    RunStatus status;
    std::uint64_t engineEvents = 0; ///< events the engine processed (also counted untraced)

    /// Appends a task; an empty name gives it the default name of its kind: "task-<id>",
    /// "blocking-<id>", "thread-<id>" (main: no name).
    TaskId addTask(std::string name, TaskKind kind, TaskId parent, std::int64_t spawnedNs);
    /// The task's name, given or default.
    std::string taskName(TaskId t) const;

    /// FNV-1a over every event and line: equal digests mean equal traces.
    std::uint64_t digest() const;
};

} // namespace pw
