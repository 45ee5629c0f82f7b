// Time series computed from a trace, for the charts: per thread, the share of time it ran polls,
// was blocked or sat idle, binned over the run; the run-queue length as an exact step function
// (total and per queue); and how often each task was polled. One pass over the trace, O(events
// + threads * bins), deterministic.
//
// Plain C++ on purpose (no runtime or Qt headers): the widgets may include it in headers that moc
// reads.
//
// Definitions (they match run_analysis.h and timeline_model.h):
// - running: a thread is between PollStart and PollEnd and not between BlockStart and BlockEnd;
//   blocked: between BlockStart and BlockEnd (inside a poll or a blocking job); idle: the rest
//   (parked, spinning, not started yet). A block or poll still open when the run ended counts up
//   to the end.
// - queued: a task is in the Queued state of the timeline's task lane: from its Spawn, a Wake
//   that finds it idle (Pending / Stalled / never polled), or a Schedule, until its PollStart (or
//   Done / Cancel / Stalled). A Schedule moves the task to that queue.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pw {

struct Trace; // runtime/trace.h

/// The run queues the charts tell apart. `Other`: spawned or woken but not yet put in a named
/// queue, the block_on slot, a steal in flight.
enum class QueueBucket : std::uint8_t { Lifo, Local, Inject, Blocking, Other };
inline constexpr std::size_t kQueueBuckets = 5;
const char* toString(QueueBucket b);

struct ThreadSeries {
    std::uint32_t thread = 0xffffffffu; ///< index into Trace::threads (0xffffffff: the summary)
    std::string name;
    /// Polled or blocked at least once (the timeline gives it a lane).
    bool used = false;
    /// Per bin, fractions of the bin's length; running + blocked + idle == 1 in every bin.
    std::vector<double> running;
    std::vector<double> blocked;
    std::vector<double> idle;
    /// Over the whole run, exact.
    std::int64_t runningNs = 0;
    std::int64_t blockedNs = 0;
};

/// The queue lengths from `t` until the next sample's `t` (the last one: until RunSeries::endNs).
struct QueueSample {
    std::int64_t t = 0;
    std::int32_t total = 0;
    std::array<std::int32_t, kQueueBuckets> byBucket{};
};

struct TaskPolls {
    std::uint32_t task = 0; ///< TaskId
    std::string name;
    std::uint32_t polls = 0;
};

struct RunSeries {
    std::int64_t endNs = 0; ///< max(status.endNs, last event's time), as in the timeline
    /// bins() + 1 increasing edges: bin i is [binEdges[i], binEdges[i+1]); binEdges[0] == 0 and
    /// binEdges.back() == endNs. Widths differ by at most 1 ns.
    std::vector<std::int64_t> binEdges;
    /// Every thread of the trace, indexed by ThreadId.
    std::vector<ThreadSeries> threads;
    /// The mean over the used threads (all idle when none was used); runningNs / blockedNs are
    /// the sums over them.
    ThreadSeries allThreads;
    /// Sorted by t, strictly increasing; starts at t = 0; consecutive samples differ. The value at
    /// an instant is the one after every event at that instant (zero-length spikes are not kept).
    std::vector<QueueSample> queue;
    std::int32_t maxQueue = 0; ///< max total over `queue`
    /// Every task, most polls first (ties: lower TaskId first).
    std::vector<TaskPolls> polls;
    std::uint64_t totalPolls = 0;

    int bins() const { return binEdges.empty() ? 0 : static_cast<int>(binEdges.size() - 1); }
    /// The queue sample in force at `t` (the first one before 0), or null when `queue` is empty.
    const QueueSample* queueAt(std::int64_t t) const;
};

/// `bins` is clamped to [1, max(1, endNs)] so that every bin is at least 1 ns wide.
RunSeries buildSeries(const Trace& trace, int bins);

} // namespace pw
