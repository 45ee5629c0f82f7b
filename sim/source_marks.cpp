#include "source_marks.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace pw {

std::uint32_t SourceMarks::newActivation()
{
    if (m_activations.size() > kMaxActivations) {
        m_truncated = true;
        return kNoActivation;
    }
    m_activations.push_back({});
    return static_cast<std::uint32_t>(m_activations.size() - 1);
}

void SourceMarks::push(const SourceMark& m)
{
    if (m_marks.size() >= kMaxMarks) {
        m_truncated = true;
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
    const std::vector<SourceMark>& all = marks.marks();
    const auto last =
        std::upper_bound(all.begin(), all.end(), t, [](std::int64_t time, const SourceMark& m) { return time < m.t; });
    std::map<std::uint32_t, std::pair<TaskId, int>> at; // by activation
    for (auto it = all.begin(); it != last; ++it) {
        if (it->line == 0)
            at.erase(it->activation);
        else
            at[it->activation] = {it->task, it->line};
    }
    const std::vector<std::int64_t> end = endTimes(trace);
    std::set<std::pair<TaskId, int>> lines;
    for (const auto& [activation, where] : at) {
        const auto [task, line] = where;
        if (task >= trace.tasks.size())
            continue;
        const bool spawned = trace.tasks[task].spawnedNs <= t;
        const bool ended = end[task] >= 0 && end[task] <= t;
        if (spawned && !ended)
            lines.insert({task, line});
    }
    std::vector<TaskLine> out;
    for (const auto& [task, line] : lines)
        out.push_back({task, line});
    return out;
}

} // namespace pw
