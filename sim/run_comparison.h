// Two runs side by side: a pinned run and the current one (another parameter, another scenario).
// Their totals and the difference, which printed lines moved in time, and when each task finished.
//
// Printed lines are matched by the task that printed them and their text, in print order (the
// n-th "kettle boiled." of `main` in one run with the n-th in the other). Lines still unmatched
// are then matched by their shape, digits ignored, so "It took: 24 seconds" pairs with "It took:
// 21 seconds". Whatever is left was printed by one run only. Tasks are matched by name and
// spawn order the same way.
//
// Plain C++ (no runtime or Qt headers): the widgets may include it in headers that moc reads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pw {

struct Trace; // runtime/trace.h

struct LineShift {
    std::string task;
    std::string text;            ///< as the current run printed it (the pinned run's when only it did)
    std::string pinnedText;      ///< as the pinned run printed it; empty when only the current run did
    std::int64_t pinnedNs = -1;  ///< -1: the pinned run did not print it
    std::int64_t currentNs = -1; ///< -1: the current run did not print it
    int pinnedIndex = -1;        ///< index into the pinned run's Trace::lines
    int currentIndex = -1;       ///< index into the current run's Trace::lines

    bool inBoth() const { return pinnedNs >= 0 && currentNs >= 0; }
    /// currentNs - pinnedNs; 0 unless both runs printed the line.
    std::int64_t deltaNs() const { return inBoth() ? currentNs - pinnedNs : 0; }
    bool moved() const { return deltaNs() != 0; }
    bool textChanged() const { return inBoth() && text != pinnedText; }
};

struct TaskShift {
    std::string name;
    bool inPinned = false;
    bool inCurrent = false;
    std::int64_t pinnedDoneNs = -1; ///< -1: never finished (or not in that run)
    std::int64_t currentDoneNs = -1;
    std::uint32_t pinnedPolls = 0;
    std::uint32_t currentPolls = 0;
};

struct RunComparison {
    std::int64_t pinnedEndNs = 0;
    std::int64_t currentEndNs = 0;
    /// The current run's lines in print order, then the lines only the pinned run printed (in
    /// its order).
    std::vector<LineShift> lines;
    /// The current run's tasks in spawn order, then the tasks only the pinned run had.
    std::vector<TaskShift> tasks;

    std::int64_t deltaNs() const { return currentEndNs - pinnedEndNs; }
    /// The change of the total relative to the pinned total, in percent; NaN when that is 0.
    double deltaPercent() const;
    int movedLines() const;
    int onlyPinnedLines() const;
    int onlyCurrentLines() const;
    /// False when two lines both runs printed come out in a different order.
    bool sameOrder() const;
};

RunComparison compareRuns(const Trace& pinned, const Trace& current);

/// "+3.000s", "\u22123.000s" (a real minus sign), "0.000s".
std::string formatSignedSeconds(std::int64_t ns);
/// "24.000s \u2192 21.000s, \u22123.000s (\u221212.5%)"; "24.000s \u2192 24.000s, no change".
std::string formatTotalChange(const RunComparison& c);

} // namespace pw
