// The "fanout" benchmark workload (issue #2): N tasks spawned at time 0 by main, which then
// awaits them all; task k loops i = 0..9 over `sleep(d).await` with
// d = 1 + ((k*7919 + i*104729) % 100) ms, then a 10 us blocking step (`thread::sleep`).
#pragma once

#include "runtime/async_fn.h"
#include "runtime/runtime.h"

namespace pw::workload {

std::int64_t fanoutDelayMs(std::int64_t k, std::int64_t i);
Async fanoutMain(Runtime& rt, std::uint32_t tasks);

} // namespace pw::workload
