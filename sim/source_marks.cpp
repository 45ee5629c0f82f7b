#include "source_marks.h"

#include <algorithm>

namespace pw {

void SourceMarks::record(std::int64_t t, TaskId task, int line)
{
    if (task == kNoTask || line <= 0)
        return;
    if (task >= m_lastLine.size())
        m_lastLine.resize(static_cast<std::size_t>(task) + 1, 0);
    if (m_lastLine[task] == line)
        return;
    if (marks.size() >= kMaxMarks) {
        truncated = true;
        return;
    }
    m_lastLine[task] = line;
    marks.push_back({t, task, line});
}

namespace {

/// When each task ended (Done or Cancel), or -1 while it never did.
std::vector<std::int64_t> endTimes(const Trace& trace)
{
    std::vector<std::int64_t> end(trace.tasks.size(), -1);
    for (const TraceEvent& e : trace.events)
        if ((e.kind == EventKind::Done || e.kind == EventKind::Cancel) && e.task < end.size() && end[e.task] < 0)
            end[e.task] = e.t;
    return end;
}

} // namespace

std::vector<TaskLine> taskLinesAt(const SourceMarks& marks, const Trace& trace, std::int64_t t)
{
    std::vector<int> line(trace.tasks.size(), 0);
    const auto last = std::upper_bound(marks.marks.begin(), marks.marks.end(), t,
                                       [](std::int64_t time, const SourceMark& m) { return time < m.t; });
    for (auto it = marks.marks.begin(); it != last; ++it)
        if (it->task < line.size())
            line[it->task] = it->line;

    const std::vector<std::int64_t> end = endTimes(trace);
    std::vector<TaskLine> out;
    for (TaskId task = 0; task < line.size(); ++task) {
        const bool spawned = trace.tasks[task].spawnedNs <= t;
        const bool ended = end[task] >= 0 && end[task] <= t;
        if (line[task] > 0 && spawned && !ended)
            out.push_back({task, line[task]});
    }
    return out;
}

} // namespace pw
