// "Why is this task not running?": the state of one task at one instant, in words, computed
// from the trace. Used by the app's Why panel and `pinwheel-cli run --explain TASK@TIME`.
#pragma once

#include "runtime/trace.h"

#include <string>
#include <vector>

namespace pw {

struct Explanation {
    enum class State : std::uint8_t { NotSpawned, Running, Blocked, Queued, Pending, Stalled, Done, Cancelled };
    State state = State::NotSpawned;
    std::string text; ///< one or two sentences, e.g. "pending on a timer that fires at 10.000s"
};

/// `task` by id; `t` in ns. Examples of `text`:
/// - "running on worker-1 since 6.000s (poll 3)"
/// - "blocked in thread::sleep on main since 3.000s, until 6.000s"
/// - "ready since 6.100s, in worker-1's local queue behind 2 tasks, but worker-1 is blocked in
///    thread::sleep until 12.100s"
/// - "pending on a timer that fires at 10.000s"
/// - "waiting for the Mutex 'data' held by 'task-3' since 4.000s"
/// - "no waker registered: nothing will ever poll it again"
/// - "finished at 24.000s"
Explanation explainTask(const Trace& trace, TaskId task, std::int64_t t);
/// The same for several tasks at once, in the order asked: the trace up to `t` is replayed once
/// for all of them (the Why panel explains up to 40 tasks at every cursor move).
std::vector<Explanation> explainTasks(const Trace& trace, const std::vector<TaskId>& tasks, std::int64_t t);

/// Finds a task by name ("person_one") or id ("3"); kNoTask if none.
TaskId findTask(const Trace& trace, const std::string& nameOrId);

} // namespace pw
