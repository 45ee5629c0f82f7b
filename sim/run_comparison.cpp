#include "run_comparison.h"

#include "runtime/sim_time.h"
#include "runtime/trace.h"

#include <cmath>
#include <cstdio>
#include <deque>
#include <limits>
#include <map>

namespace pw {

namespace {

const char* const kMinus = "\u2212";

std::string taskName(const Trace& t, TaskId id)
{
    return id < t.tasks.size() ? t.taskName(id) : std::string("-");
}

/// The text with every run of digits replaced by one '#': "It took: 24 seconds" and "It took:
/// 21 seconds" have the same shape.
std::string shapeOf(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    bool inDigits = false;
    for (char c : text) {
        const bool digit = c >= '0' && c <= '9';
        if (digit && !inDigits)
            out += '#';
        else if (!digit)
            out += c;
        inDigits = digit;
    }
    return out;
}

/// Matches the current run's unmatched lines with the pinned run's, in print order, by key.
template <typename KeyFn>
void matchLines(const Trace& pinned, const Trace& current, std::vector<int>& pinnedOf, std::vector<bool>& pinnedUsed,
                KeyFn key)
{
    std::map<std::string, std::deque<int>> waiting;
    for (std::size_t i = 0; i < pinned.lines.size(); ++i)
        if (!pinnedUsed[i])
            waiting[key(pinned, pinned.lines[i])].push_back(static_cast<int>(i));
    for (std::size_t i = 0; i < current.lines.size(); ++i) {
        if (pinnedOf[i] >= 0)
            continue;
        auto it = waiting.find(key(current, current.lines[i]));
        if (it == waiting.end() || it->second.empty())
            continue;
        pinnedOf[i] = it->second.front();
        pinnedUsed[static_cast<std::size_t>(it->second.front())] = true;
        it->second.pop_front();
    }
}

struct TaskFacts {
    std::int64_t doneNs = -1;
    std::uint32_t polls = 0;
};

std::vector<TaskFacts> taskFacts(const Trace& t)
{
    std::vector<TaskFacts> out(t.tasks.size());
    for (const TraceEvent& e : t.events) {
        if (e.task >= out.size())
            continue;
        if (e.kind == EventKind::PollStart)
            ++out[e.task].polls;
        else if (e.kind == EventKind::Done)
            out[e.task].doneNs = e.t;
    }
    return out;
}

std::string seconds(std::int64_t ns)
{
    return formatSeconds(ns);
}

} // namespace

double RunComparison::deltaPercent() const
{
    if (pinnedEndNs == 0)
        return std::numeric_limits<double>::quiet_NaN();
    return 100.0 * static_cast<double>(deltaNs()) / static_cast<double>(pinnedEndNs);
}

int RunComparison::movedLines() const
{
    int n = 0;
    for (const LineShift& l : lines)
        n += l.moved() ? 1 : 0;
    return n;
}

int RunComparison::onlyPinnedLines() const
{
    int n = 0;
    for (const LineShift& l : lines)
        n += l.currentNs < 0 ? 1 : 0;
    return n;
}

int RunComparison::onlyCurrentLines() const
{
    int n = 0;
    for (const LineShift& l : lines)
        n += l.pinnedNs < 0 ? 1 : 0;
    return n;
}

bool RunComparison::sameOrder() const
{
    int last = -1;
    for (const LineShift& l : lines) {
        if (!l.inBoth())
            continue;
        if (l.pinnedIndex < last)
            return false;
        last = l.pinnedIndex;
    }
    return true;
}

RunComparison compareRuns(const Trace& pinned, const Trace& current)
{
    RunComparison c;
    c.pinnedEndNs = pinned.status.endNs;
    c.currentEndNs = current.status.endNs;

    std::vector<int> pinnedOf(current.lines.size(), -1);
    std::vector<bool> pinnedUsed(pinned.lines.size(), false);
    matchLines(pinned, current, pinnedOf, pinnedUsed,
               [](const Trace& t, const PrintedLine& l) { return taskName(t, l.task) + '\x1f' + l.text; });
    matchLines(pinned, current, pinnedOf, pinnedUsed,
               [](const Trace& t, const PrintedLine& l) { return taskName(t, l.task) + '\x1f' + shapeOf(l.text); });
    c.lines.reserve(current.lines.size() + pinned.lines.size());
    for (std::size_t i = 0; i < current.lines.size(); ++i) {
        const PrintedLine& l = current.lines[i];
        LineShift s;
        s.task = taskName(current, l.task);
        s.text = l.text;
        s.currentNs = l.t;
        s.currentIndex = static_cast<int>(i);
        if (const int p = pinnedOf[i]; p >= 0) {
            const PrintedLine& pl = pinned.lines[static_cast<std::size_t>(p)];
            s.pinnedText = pl.text;
            s.pinnedNs = pl.t;
            s.pinnedIndex = p;
        }
        c.lines.push_back(std::move(s));
    }
    for (std::size_t i = 0; i < pinned.lines.size(); ++i) {
        if (pinnedUsed[i])
            continue;
        const PrintedLine& l = pinned.lines[i];
        LineShift s;
        s.task = taskName(pinned, l.task);
        s.text = l.text;
        s.pinnedText = l.text;
        s.pinnedNs = l.t;
        s.pinnedIndex = static_cast<int>(i);
        c.lines.push_back(std::move(s));
    }

    // Tasks: the n-th task called "person" in one run is the n-th "person" in the other.
    const std::vector<TaskFacts> pinnedFacts = taskFacts(pinned);
    const std::vector<TaskFacts> currentFacts = taskFacts(current);
    std::vector<bool> pinnedTaskMatched(pinned.tasks.size(), false);
    std::map<std::string, std::deque<std::size_t>> pinnedByName;
    for (std::size_t i = 0; i < pinned.tasks.size(); ++i)
        pinnedByName[pinned.taskName(i)].push_back(i);
    for (std::size_t i = 0; i < current.tasks.size(); ++i) {
        TaskShift s;
        s.name = current.taskName(i);
        s.inCurrent = true;
        s.currentDoneNs = currentFacts[i].doneNs;
        s.currentPolls = currentFacts[i].polls;
        auto it = pinnedByName.find(s.name);
        if (it != pinnedByName.end() && !it->second.empty()) {
            const std::size_t p = it->second.front();
            it->second.pop_front();
            pinnedTaskMatched[p] = true;
            s.inPinned = true;
            s.pinnedDoneNs = pinnedFacts[p].doneNs;
            s.pinnedPolls = pinnedFacts[p].polls;
        }
        c.tasks.push_back(std::move(s));
    }
    for (std::size_t i = 0; i < pinned.tasks.size(); ++i) {
        if (pinnedTaskMatched[i])
            continue;
        TaskShift s;
        s.name = pinned.taskName(i);
        s.inPinned = true;
        s.pinnedDoneNs = pinnedFacts[i].doneNs;
        s.pinnedPolls = pinnedFacts[i].polls;
        c.tasks.push_back(std::move(s));
    }
    return c;
}

std::string formatSignedSeconds(std::int64_t ns)
{
    if (ns == 0)
        return seconds(0);
    if (ns > 0)
        return "+" + seconds(ns);
    return kMinus + seconds(-ns);
}

std::string formatTotalChange(const RunComparison& c)
{
    std::string out = seconds(c.pinnedEndNs) + " \u2192 " + seconds(c.currentEndNs) + ", ";
    if (c.deltaNs() == 0)
        return out + "no change";
    out += formatSignedSeconds(c.deltaNs());
    const double pct = c.deltaPercent();
    if (!std::isnan(pct)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f%%", std::fabs(pct));
        out += std::string(" (") + (pct < 0 ? kMinus : "+") + buf + ")";
    }
    return out;
}

} // namespace pw
