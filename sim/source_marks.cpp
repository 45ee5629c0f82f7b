#include "source_marks.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace pw {

std::uint32_t SourceMarks::newActivation()
{
    if (m_activations.size() > kMaxActivations) {
        truncate(m_marks.empty() ? 0 : m_marks.back().t);
        return kNoActivation;
    }
    m_activations.push_back({});
    return static_cast<std::uint32_t>(m_activations.size() - 1);
}

void SourceMarks::truncate(std::int64_t t)
{
    if (m_truncatedAt < 0)
        m_truncatedAt = t;
}

void SourceMarks::push(const SourceMark& m)
{
    if (m_marks.size() >= kMaxMarks) {
        truncate(m.t);
        return;
    }
    m_marks.push_back(m);
}

void SourceMarks::record(std::int64_t t, TaskId task, std::uint32_t activation, int line)
{
    if (activation == kNoActivation || activation >= m_activations.size() || task == kNoTask || line <= 0)
        return;
    Activation& a = m_activations[activation];
    if (a.line == line && a.task == task)
        return;
    a = {task, line};
    push({t, task, activation, line});
}

void SourceMarks::end(std::int64_t t, std::uint32_t activation)
{
    if (activation == kNoActivation || activation >= m_activations.size())
        return;
    Activation& a = m_activations[activation];
    if (a.line == 0)
        return;
    a.line = 0;
    push({t, a.task, activation, 0});
}

TaskLineIndex::TaskLineIndex(const SourceMarks& marks, const Trace& trace)
    : m_marks(&marks), m_trace(&trace), m_ended(trace.tasks.size(), -1)
{
    for (const TraceEvent& e : trace.events)
        if ((e.kind == EventKind::Done || e.kind == EventKind::Cancel) && e.task < m_ended.size() &&
            m_ended[e.task] < 0)
            m_ended[e.task] = e.t;
    State state;
    const std::vector<SourceMark>& all = marks.marks();
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (i % kCheckpointInterval == 0)
            m_checkpoints.push_back(state);
        const SourceMark& m = all[i];
        if (m.line == 0)
            state.erase(m.activation);
        else
            state[m.activation] = {m.task, m.line, m.t};
    }
}

std::vector<TaskLine> TaskLineIndex::at(std::int64_t t) const
{
    if (m_marks->truncated() && t >= m_marks->truncatedAt())
        return {};
    const std::vector<SourceMark>& all = m_marks->marks();
    const auto end = static_cast<std::size_t>(
        std::upper_bound(all.begin(), all.end(), t, [](std::int64_t time, const SourceMark& m) { return time < m.t; }) -
        all.begin());
    const std::size_t checkpoint =
        m_checkpoints.empty() ? 0 : std::min(end / kCheckpointInterval, m_checkpoints.size() - 1);
    State state = m_checkpoints.empty() ? State{} : m_checkpoints[checkpoint];
    for (std::size_t i = checkpoint * kCheckpointInterval; i < end; ++i) {
        const SourceMark& m = all[i];
        if (m.line == 0)
            state.erase(m.activation);
        else
            state[m.activation] = {m.task, m.line, m.t};
    }
    // One entry per task and line: the latest arrival wins.
    std::map<std::pair<TaskId, int>, std::pair<std::int64_t, std::uint32_t>> lines;
    for (const auto& [activation, where] : state) {
        if (where.task >= m_trace->tasks.size())
            continue;
        const bool spawned = m_trace->tasks[where.task].spawnedNs <= t;
        const bool ended = m_ended[where.task] >= 0 && m_ended[where.task] <= t;
        if (!spawned || ended)
            continue;
        auto& latest = lines[{where.task, where.line}];
        latest = std::max(latest, std::pair{where.since, activation});
    }
    std::vector<TaskLine> out;
    for (const auto& [key, latest] : lines)
        out.push_back({key.first, key.second, latest.first, latest.second});
    return out;
}

std::vector<TaskLine> taskLinesAt(const SourceMarks& marks, const Trace& trace, std::int64_t t)
{
    return TaskLineIndex(marks, trace).at(t);
}

} // namespace pw
