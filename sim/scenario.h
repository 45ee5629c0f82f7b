// A scenario: a parsed script plus what it declares about how to run it.
//
// Policy: the model settings come from the code, as a learner reads it:
// `#[tokio::main]` (multi_thread, 4 workers), `#[tokio::main(flavor = "current_thread")]`,
// `worker_threads = N`; what the code cannot say comes from `#[pinwheel(executor = "loop" |
// "block_on", seed = N, jitter = PERCENT, poll_cost_us = N, max_time_s = N)]`. A `const`
// whose doc comment says `pinwheel: param(unit, lo..=hi)` is a parameter. Run options (the
// CLI's flags, the app's controls) override all of these.
#pragma once

#include "lang/ast.h"
#include "lang/diagnostic.h"
#include "memory/memory_state.h"
#include "runtime/config.h"
#include "runtime/trace.h"
#include "source_marks.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pw {

struct ScenarioParam {
    std::string name;
    std::string unit;
    std::int64_t min = 0;
    std::int64_t max = 0;
    std::int64_t defaultValue = 0;
    std::string doc;
};

struct Scenario {
    std::string id;          ///< file name without .rs
    std::string title;       ///< first `//!` line without '#'
    std::string description; ///< the rest of the `//!` block
    std::string group;       ///< `Group:` line of the description, or "Other"
    std::string fileName;
    std::string source;
    std::shared_ptr<lang::Program> program;
    std::vector<ScenarioParam> params;
    RuntimeConfig config;  ///< from the attributes on main
    SimDuration printCost; ///< println! blocks the thread this long (stdout write)
    SimDuration ioCost;    ///< a simulated file write blocks the thread this long
    /// `#[pinwheel(memory)]` on main: a pinning program, run by the memory interpreter
    /// (sim/memory/, docs/pinning.md) instead of on the runtime.
    bool memoryProgram = false;
};

struct LoadResult {
    std::shared_ptr<Scenario> scenario; ///< null on errors
    std::vector<lang::Diagnostic> errors;
};

/// Parses `source` and reads its settings and parameters. Errors carry file:line:col.
LoadResult loadScenario(const std::string& fileName, const std::string& source);

struct RunOptions {
    std::optional<int> workers;
    std::optional<Flavor> flavor;
    std::optional<std::uint64_t> seed;
    std::optional<int> jitterPercent;
    std::map<std::string, std::int64_t> params;
    bool recordTrace = true;
    // Budgets (tests and tools tighten them; the defaults stop any runaway program).
    std::optional<SimDuration> maxTime;
    std::optional<std::uint64_t> maxEvents;
    std::optional<std::uint64_t> maxLoopIterations;
};

struct RunResult {
    Trace trace;
    RuntimeConfig config;                     ///< what actually ran
    std::vector<lang::Diagnostic> errors;     ///< a scenario error (parse, unknown name, panic) stops the run
    std::map<std::string, std::string> files; ///< simulated files the scenario wrote, by path
    SourceMarks marks;                        ///< where each task was in the source, over time
    /// A pinning program's step-by-step memory states (null for runtime scenarios). Its
    /// printed lines are also in trace.lines (at t = 0 on `main`); a refused move or a panic is
    /// in errors (the headline) and in memory->error (the full rustc-style text).
    std::shared_ptr<const memory::MemoryTrace> memory;
};

/// Checks `options` against the scenario (known parameters, ranges). Empty when valid.
std::vector<std::string> validateOptions(const Scenario& s, const RunOptions& options);

/// Runs the scenario on a fresh runtime. Deterministic: same scenario and options, same trace.
RunResult runScenario(const Scenario& s, const RunOptions& options = {});

} // namespace pw
