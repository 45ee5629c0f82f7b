// JoinHandle: awaiting a spawned task (or a spawn_blocking job).
//
// Policy (tokio runtime/task/join.rs): awaiting stores the awaiting task's waker in the task;
// the task's completion (or cancellation) wakes it. Output: Ok(value), or Err("task was
// cancelled") for an aborted task. Dropping a JoinHandle detaches the task (it keeps running);
// `abort()` cancels it at its next scheduling point. Awaiting consumes a unit of coop budget.
#pragma once

#include "future.h"

namespace pw {

class JoinHandle final : public Future {
public:
    JoinHandle(Runtime& rt, TaskId task) : m_rt(rt), m_task(task) {}
    Poll poll(Context& cx) override;
    std::string describe() const override;
    TaskId task() const { return m_task; }

private:
    Runtime& m_rt;
    TaskId m_task;
};

inline FuturePtr joinHandle(Runtime& rt, TaskId t)
{
    return std::make_unique<JoinHandle>(rt, t);
}

} // namespace pw
