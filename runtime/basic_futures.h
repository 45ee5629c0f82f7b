// Leaf futures: tokio::time::sleep, thread::sleep, CPU work, yield_now, ready values.
#pragma once

#include "future.h"
#include "runtime.h"

namespace pw {

/// tokio::time::sleep: the deadline is fixed when the future is created (`Sleep::new`), the
/// timer is registered on the first poll, and the future is Ready once the driver fired it.
class Sleep final : public Future {
public:
    static constexpr bool kUnitOutput = true;
    Sleep(Runtime& rt, SimDuration d);
    ~Sleep() override;
    Poll poll(Context& cx) override;
    std::string describe() const override;
    std::int64_t deadline() const { return m_deadline; }

private:
    Runtime& m_rt;
    std::int64_t m_deadline;
    TimerId m_timer = kNoTimer; ///< valid only while registered and not yet fired
    bool m_registered = false;
    bool m_done = false;
};

/// thread::sleep (or CPU work) inside a poll: blocks the thread, then is Ready.
class ThreadSleep final : public Future {
public:
    static constexpr bool kUnitOutput = true;
    ThreadSleep(SimDuration d, BlockReason reason = BlockReason::Sleep) : m_duration(d), m_reason(reason) {}
    Poll poll(Context& cx) override;
    std::string describe() const override { return toString(m_reason); }

private:
    SimDuration m_duration;
    BlockReason m_reason;
    bool m_started = false;
};

/// tokio::task::yield_now: defer a wake of self, Pending once, then Ready.
class YieldNow final : public Future {
public:
    Poll poll(Context& cx) override;
    std::string describe() const override { return "yield_now"; }

private:
    bool m_yielded = false;
};

/// std::future::ready(v) / an already-completed future.
class ReadyFuture final : public Future {
public:
    explicit ReadyFuture(Value v = {}) : m_value(std::move(v)) {}
    Poll poll(Context&) override { return Poll::ready(std::move(m_value)); }
    std::string describe() const override { return "ready"; }

private:
    Value m_value;
};

/// std::future::pending(): never completes, registers no waker.
class PendingForever final : public Future {
public:
    Poll poll(Context&) override { return Poll::pending(); }
    std::string describe() const override { return "std::future::pending()"; }
};

inline FuturePtr sleep(Runtime& rt, SimDuration d)
{
    return std::make_unique<Sleep>(rt, d);
}
inline FuturePtr threadSleep(SimDuration d)
{
    return std::make_unique<ThreadSleep>(d);
}
inline FuturePtr cpuWork(SimDuration d)
{
    return std::make_unique<ThreadSleep>(d, BlockReason::CpuWork);
}
inline FuturePtr yieldNow()
{
    return std::make_unique<YieldNow>();
}
inline FuturePtr ready(Value v = {})
{
    return std::make_unique<ReadyFuture>(std::move(v));
}

} // namespace pw
