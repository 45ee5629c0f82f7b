#include "fanout_workload.h"

#include "runtime/basic_futures.h"
#include "runtime/join_handle.h"

#include <vector>

namespace pw::workload {

std::int64_t fanoutDelayMs(std::int64_t k, std::int64_t i)
{
    return 1 + ((k * 7919 + i * 104729) % 100);
}

namespace {
// 32-bit counters: k and i share a frame word with the coroutine's own bookkeeping.
Async fanoutTask(Runtime& rt, std::uint32_t k)
{
    for (std::uint32_t i = 0; i < 10; ++i) {
        co_await Sleep(rt, SimDuration::millis(fanoutDelayMs(k, i)));
        co_await ThreadSleep(SimDuration::micros(10));
    }
    co_return unit;
}
} // namespace

Async fanoutMain(Runtime& rt, std::uint32_t tasks)
{
    std::vector<TaskId> ids;
    ids.reserve(tasks);
    for (std::uint32_t k = 0; k < tasks; ++k)
        ids.push_back(rt.spawn(fanoutTask(rt, k).boxed()));
    for (TaskId id : ids)
        co_await JoinHandle(rt, id);
    co_return Value();
}

} // namespace pw::workload
