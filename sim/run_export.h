// Exporters of a finished run: the `pinwheel.run/1` JSON summary and Chrome trace-event JSON
// (opens in Perfetto and chrome://tracing).
#pragma once

#include "runtime/config.h"
#include "runtime/trace.h"

#include <string>

namespace pw {

struct RunDescription {
    std::string scenario; ///< id or file
    RuntimeConfig config;
};

/// `{"schema":"pinwheel.run/1", ...}`: byte-identical for identical runs.
std::string runSummaryJson(const Trace& trace, const RunDescription& run);

/// Chrome trace events: a track per thread (polls and blocking calls as X slices, printed
/// lines as instants) and per task (its polls), flow arrows from each wake to the poll it
/// caused. Times in microseconds.
std::string chromeTraceJson(const Trace& trace, const RunDescription& run);

} // namespace pw
