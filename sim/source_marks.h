// Where each task is in the source, over time. A task runs one or more function activations at
// once (its body, the async fns it awaits, each branch of a join!), each at its own line; the
// interpreter records a mark whenever an activation starts a statement or an `.await` on a
// line other than its last, and a closing mark when the activation ends (returned, or dropped:
// a select! loser, a cancelled task). The app's code view puts a marker on every line a task is
// at when the playback cursor is at some time: three for a join! of three pending futures.
#pragma once

#include "runtime/trace.h"

#include <cstdint>
#include <map>
#include <vector>

namespace pw {

struct SourceMark {
    std::int64_t t = 0;
    TaskId task = kNoTask;
    std::uint32_t activation = 0;
    int line = 0; ///< 1-based; 0: the activation ended
};

class SourceMarks {
public:
    /// Past this many marks, or activations, a runaway loop stops being recorded.
    static constexpr std::size_t kMaxMarks = 1'000'000;
    static constexpr std::uint32_t kMaxActivations = 1'000'000;
    static constexpr std::uint32_t kNoActivation = 0;

    /// A new function activation (ids start at 1); kNoActivation once past the bound.
    std::uint32_t newActivation();
    /// `activation`, run by `task`, is at `line` at time `t` (nothing if it already was there).
    void record(std::int64_t t, TaskId task, std::uint32_t activation, int line);
    /// `activation` ended at `t` (nothing if it never recorded a line).
    void end(std::int64_t t, std::uint32_t activation);

    const std::vector<SourceMark>& marks() const { return m_marks; }
    /// True when the bound cut the record short; from `truncatedAt()` on the lines are unknown.
    bool truncated() const { return m_truncatedAt >= 0; }
    std::int64_t truncatedAt() const { return m_truncatedAt; }

private:
    void push(const SourceMark& m);
    void truncate(std::int64_t t);

    std::vector<SourceMark> m_marks; ///< in the order they happened, so sorted by t
    struct Activation {
        TaskId task = kNoTask;
        int line = 0;
    };
    std::vector<Activation> m_activations{Activation{}}; ///< by id; [0] unused
    std::int64_t m_truncatedAt = -1;
};

struct TaskLine {
    TaskId task = kNoTask;
    int line = 0;
    std::int64_t since = 0;       ///< when the task's activation arrived at this line
    std::uint32_t activation = 0; ///< the latest activation there (later ones are deeper calls)
};

/// Each task's lines at any time, for playback: the tasks' end times are read from the trace
/// once, and the state of every activation is kept every kCheckpointInterval marks, so a query
/// replays at most that many marks. `marks` and `trace` must outlive the index.
class TaskLineIndex {
public:
    static constexpr std::size_t kCheckpointInterval = 4096;

    TaskLineIndex(const SourceMarks& marks, const Trace& trace);

    /// The lines the tasks alive at `t` (spawned at or before `t`, not yet done or cancelled)
    /// are at: one entry per task and line, by task id then line. `since` is when the task
    /// arrived at that line. Empty from the time the record was cut short.
    std::vector<TaskLine> at(std::int64_t t) const;

private:
    struct Where {
        TaskId task = kNoTask;
        int line = 0;
        std::int64_t since = 0;
    };
    using State = std::map<std::uint32_t, Where>; ///< by activation

    const SourceMarks* m_marks;
    const Trace* m_trace;
    std::vector<std::int64_t> m_ended; ///< by task: Done / Cancel time, -1 if never
    std::vector<State> m_checkpoints;  ///< [i]: after the first i * kCheckpointInterval marks
};

/// TaskLineIndex(marks, trace).at(t), for a single query.
std::vector<TaskLine> taskLinesAt(const SourceMarks& marks, const Trace& trace, std::int64_t t);

} // namespace pw
