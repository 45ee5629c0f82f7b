// Where each task is in the source, over time: the interpreter records a mark whenever a task
// starts a statement or an `.await` on a line other than the one it was last seen at. The
// app's code view puts a marker on each task's line at the playback cursor.
#pragma once

#include "runtime/trace.h"

#include <cstdint>
#include <vector>

namespace pw {

struct SourceMark {
    std::int64_t t = 0;
    TaskId task = kNoTask;
    int line = 0; ///< 1-based
};

struct SourceMarks {
    /// Past this many marks a runaway loop stops being recorded (`truncated` says so).
    static constexpr std::size_t kMaxMarks = 1'000'000;

    std::vector<SourceMark> marks; ///< in the order they happened (so sorted by t)
    bool truncated = false;

    /// Records `task` at `line` at time `t` unless it is already there.
    void record(std::int64_t t, TaskId task, int line);

private:
    std::vector<int> m_lastLine; ///< by task: the line of its latest mark, 0 for none
};

struct TaskLine {
    TaskId task = kNoTask;
    int line = 0;
};

/// Each task's line at time `t`: the line of its latest mark with mark.t <= t, for the tasks
/// that are alive at `t` (spawned at or before `t`, not yet done or cancelled), by task id.
std::vector<TaskLine> taskLinesAt(const SourceMarks& marks, const Trace& trace, std::int64_t t);

} // namespace pw
