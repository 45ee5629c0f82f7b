// A task's future at a time, as the state machine rustc generates for it: for each async fn or
// async block the task is inside (its body, the async fns it awaits, each branch of a join!),
// which `.await` it is suspended at (the variant `SuspendN`) or that it is being polled, the
// locals held inside the future across that `.await` (a MutexGuard among them is flagged),
// and where the whole future lives (pinned in a heap box by tokio::spawn, or on main's stack by
// block_on). Computed from the syntax tree, the trace and the source marks; the app's Future
// tab shows it for the selected task at the cursor.
#pragma once

#include "runtime/trace.h"
#include "sim/lang/ast.h"
#include "sim/source_marks.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pw {

struct HeldValue {
    std::string name;
    std::string type;   ///< "_" when it cannot be read off the code
    bool guard = false; ///< a MutexGuard: held across an .await it keeps the lock while pending
};

struct FutureFrame {
    std::string name;            ///< "async fn make_coffee", "async block (line 61)"
    int line = 0;                ///< where this part of the future is
    int suspend = -1;            ///< N of SuspendN when suspended at an .await, -1 otherwise
    std::string state;           ///< "Suspend1: at the .await on line 31", "polled: running line 24"
    std::vector<HeldValue> held; ///< what the variant holds (suspended only)
    std::string desugar;         ///< the generated enum, as text
    std::uint32_t activation = 0; ///< its source-marks activation: created before what it calls
};

struct FutureState {
    TaskId task = kNoTask;
    std::string home;                ///< where the future lives, in a sentence
    std::vector<FutureFrame> frames; ///< outermost first (the task's own body), then what it awaits
    std::string note;                ///< when there is nothing to show: why
};

/// `lines`: the task lines at `t` (TaskLineIndex::at). `program` is the scenario's.
FutureState futureStateAt(const lang::Program& program, const Trace& trace, const std::vector<TaskLine>& lines,
                          TaskId task, std::int64_t t);

} // namespace pw
