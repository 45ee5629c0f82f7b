// Figures computed from a trace: per task (polls, wakes, busy / blocked / queued time) and
// per thread (busy / blocked / idle). Everything the summaries print comes from here.
#pragma once

#include "runtime/trace.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pw {

struct TaskFigures {
    TaskId id = kNoTask;
    std::string name;
    std::uint32_t polls = 0;
    std::uint32_t wakes = 0;
    std::int64_t spawnedNs = 0;
    std::int64_t doneNs = -1; ///< -1: never finished
    bool cancelled = false;
    std::int64_t busyNs = 0;      ///< polling, not blocked
    std::int64_t blockedNs = 0;   ///< blocked inside its polls
    std::int64_t scheduledNs = 0; ///< ready in a queue, waiting for a thread
};

struct ThreadFigures {
    std::string name;
    std::int64_t busyNs = 0;
    std::int64_t blockedNs = 0;
    std::int64_t idleNs = 0;
};

struct RunFigures {
    std::vector<TaskFigures> tasks;
    std::vector<ThreadFigures> threads;
};

RunFigures analyseRun(const Trace& trace);

} // namespace pw
