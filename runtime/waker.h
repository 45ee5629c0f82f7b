// Wakers.
//
// Policy: a waker names a task. Every live waker is counted on its task, so the engine knows
// at the end of a Pending poll whether anybody could ever wake the task again: a task that
// returns Pending while no waker for it exists anywhere has lost its waker and is reported as
// stalled (the books' "forgot to register the waker" bug). `wake()` consumes the waker,
// `wakeByRef()` keeps it; both go through Runtime::wake, which coalesces a wake of a task that
// is already scheduled or running into a single extra poll, as tokio's task state does.
#pragma once

#include "trace.h"

namespace pw {

class Runtime;

class Waker {
public:
    Waker() = default;
    Waker(Runtime* rt, TaskId task);
    Waker(const Waker& o);
    Waker(Waker&& o) noexcept;
    Waker& operator=(const Waker& o);
    Waker& operator=(Waker&& o) noexcept;
    ~Waker();

    bool valid() const { return m_rt != nullptr; }
    TaskId task() const { return m_task; }
    bool willWake(const Waker& o) const { return m_task == o.m_task && m_rt == o.m_rt; }

    void wake();
    void wakeByRef() const;
    void reset();

private:
    Runtime* m_rt = nullptr;
    TaskId m_task = kNoTask;
};

} // namespace pw
