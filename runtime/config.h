// Settings of one run: which executor, how many workers, the seed, the budgets.
//
// Defaults follow tokio 1.24 (runtime/builder.rs): global_queue_interval 61 and event_interval
// 61 for the multi-thread scheduler, 31 and 61 for current_thread; local queue capacity 256;
// coop budget 128; at most 512 blocking threads kept alive 10 s. The worker count defaults to
// 4 and never depends on the host, so a scenario behaves the same on every machine.
#pragma once

#include "sim_time.h"

#include <cstdint>

namespace pw {

enum class Flavor : std::uint8_t {
    MultiThread,   ///< #[tokio::main]: block_on thread + N workers
    CurrentThread, ///< #[tokio::main(flavor = "current_thread")]
    BlockOn,       ///< futures::executor::block_on / the books' block_thread_on: park until woken
    LoopExecutor,  ///< the books' loop_executor: polls in a loop with a no-op waker
};

const char* toString(Flavor);

struct RuntimeConfig {
    Flavor flavor = Flavor::MultiThread;
    int workers = 4;
    int maxBlockingThreads = 512;
    SimDuration blockingKeepAlive = SimDuration::seconds(10);
    std::uint64_t seed = 0;
    /// Each duration (thread::sleep, timers) is perturbed by up to +-jitterPercent, seeded.
    int jitterPercent = 0;
    std::uint32_t globalQueueInterval = 0; ///< 0: the flavor's tokio default
    std::uint32_t eventInterval = 61;
    std::uint32_t localQueueCapacity = 256;
    int coopBudget = 128;
    /// Simulated cost of one poll of the loop executor (time between two polls).
    SimDuration loopPollCost = SimDuration::micros(1);
    /// CPU time every poll takes on the other executors (0: polls are instantaneous, which
    /// keeps the books' totals exact). A retry loop (try_lock + wake_by_ref) needs a cost,
    /// or it would spin forever at one instant.
    SimDuration pollCost = SimDuration::nanos(0);

    bool recordTrace = true;
    SimDuration maxTime = SimDuration::seconds(24 * 3600);
    std::uint64_t maxEvents = 200'000'000;
    std::uint32_t maxTasks = 5'000'000;

    std::uint32_t effectiveGlobalQueueInterval() const
    {
        if (globalQueueInterval)
            return globalQueueInterval;
        return flavor == Flavor::MultiThread ? 61 : 31;
    }
};

} // namespace pw
