// Futures, polls and the context a poll runs in.
//
// Policy: a future is a state machine that an executor polls, exactly as in Rust. A poll
// returns one of three outcomes:
// - Ready(value): the future is finished; it is never polled again.
// - Pending: the future cannot make progress; it has stored a clone of the context's waker
//   somewhere (a timer, a mutex's wait queue, a channel) or it will never run again.
// - Blocked: the future called something that blocks the OS thread (thread::sleep, CPU work,
//   std::sync::Mutex::lock on a held mutex). The poll is not over: the thread stays occupied,
//   and when the blocking call returns the engine calls poll() again to *continue the same
//   poll*. A future that returns Blocked therefore remembers where it was, and combinators
//   resume the child that blocked rather than starting a new round.
// The engine never polls a future after Ready, and only continues (never restarts) after Blocked.
#pragma once

#include "trace.h"
#include "value.h"

#include <memory>
#include <string>

namespace pw {

class Runtime;
class Waker;

enum class PollOutcome : std::uint8_t { Ready, Pending, Blocked };

struct Poll {
    PollOutcome outcome = PollOutcome::Pending;
    Value value;

    static Poll ready(Value v = {}) { return {PollOutcome::Ready, std::move(v)}; }
    static Poll pending() { return {PollOutcome::Pending, {}}; }
    static Poll blocked() { return {PollOutcome::Blocked, {}}; }
    bool isReady() const { return outcome == PollOutcome::Ready; }
    bool isPending() const { return outcome == PollOutcome::Pending; }
    bool isBlocked() const { return outcome == PollOutcome::Blocked; }
};

/// What a poll can reach: the runtime, the task being polled, the thread it runs on.
class Context {
public:
    Context(Runtime& rt, TaskId task, ThreadId thread) : m_rt(rt), m_task(task), m_thread(thread) {}

    Runtime& runtime() const { return m_rt; }
    TaskId task() const { return m_task; }
    ThreadId thread() const { return m_thread; }
    /// `cx.waker().clone()`: a new waker for the task being polled.
    Waker waker() const;

private:
    Runtime& m_rt;
    TaskId m_task;
    ThreadId m_thread;
};

class Future {
public:
    Future() = default;
    Future(const Future&) = delete;
    Future& operator=(const Future&) = delete;
    virtual ~Future() = default;

    virtual Poll poll(Context& cx) = 0;
    /// Short description of what the future waits for, for explanations ("sleep until 10.000s").
    virtual std::string describe() const { return "future"; }
};

using FuturePtr = std::unique_ptr<Future>;

} // namespace pw
