// The timeline of a run, as the app and the image exporter draw it: one lane per thread and
// one per task, each a time-sorted list of non-overlapping spans coloured by state, plus wake
// arrows and printed-line markers. Built from the trace alone (the engine is not consulted).
#pragma once

#include "runtime/trace.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pw {

enum class SpanState : std::uint8_t {
    Polling, ///< a thread runs a poll (thread lane) / the task is being polled (task lane)
    Blocked, ///< blocked inside a poll: thread::sleep, CPU work, std Mutex::lock (see `reason`)
    Queued,  ///< task lane: woken or spawned, waiting in a run queue for a thread
    Pending, ///< task lane: returned Pending with a waker registered somewhere
    Stalled, ///< task lane: returned Pending with no waker registered: never polled again
    Parked,  ///< thread lane: parked (idle); drawn faintly or not at all
};
const char* toString(SpanState s);

struct Span {
    std::int64_t start = 0;
    std::int64_t end = 0; ///< exclusive; the run's end for a span still open when it ended
    SpanState state = SpanState::Polling;
    TaskId task = kNoTask;       ///< the task polled (thread lanes) or the lane's task
    ThreadId thread = kNoThread; ///< the thread that polls (task lanes) or the lane's thread
    std::uint8_t reason = 0;     ///< BlockReason for Blocked, QueueKind for Queued
};

struct Lane {
    enum class Kind : std::uint8_t { Thread, Task };
    Kind kind = Kind::Thread;
    std::uint32_t id = 0; ///< ThreadId or TaskId
    std::string name;
    std::vector<Span> spans;  ///< sorted by start, non-overlapping
    std::int64_t doneNs = -1; ///< task lanes: when it finished or was cancelled
    bool cancelled = false;
};

struct WakeArrow {
    std::int64_t t = 0;              ///< when wake() was called
    ThreadId fromThread = kNoThread; ///< the thread that called it (the timer driver's, a worker...)
    TaskId fromTask = kNoTask;       ///< the task that called it, or kNoTask (driver, OS thread)
    TaskId toTask = kNoTask;
    std::int64_t pollT = -1; ///< the poll it caused (-1: none before the run ended)
    ThreadId pollThread = kNoThread;
};

struct PrintMark {
    std::int64_t t = 0;
    ThreadId thread = kNoThread;
    TaskId task = kNoTask;
    std::string text;
};

/// A mutex or channel event, drawn on the lane of the task (or thread) that caused it.
struct SyncMark {
    enum class Kind : std::uint8_t { LockAcquire, LockWait, LockRelease, TryLockFail, Send, Recv };
    std::int64_t t = 0;
    Kind kind = Kind::LockAcquire;
    TaskId task = kNoTask; ///< kNoTask: an OS thread without a task (then `thread`'s lane)
    ThreadId thread = kNoThread;
    std::uint32_t object = 0; ///< index into TimelineModel::objectNames
};
const char* toString(SyncMark::Kind k);

struct TimelineModel {
    std::vector<Lane> lanes; ///< threads first (main, workers, blocking-pool threads in use), then tasks
    std::vector<WakeArrow> wakes;
    std::vector<PrintMark> prints;
    std::vector<SyncMark> syncMarks;      ///< by time
    std::vector<std::string> objectNames; ///< the mutexes and channels, by id
    std::int64_t endNs = 0;
};

TimelineModel buildTimeline(const Trace& trace);

/// Index of the first span in `spans` that ends after `t` (std::lower_bound on end times).
std::size_t firstSpanEndingAfter(const std::vector<Span>& spans, std::int64_t t);

} // namespace pw
