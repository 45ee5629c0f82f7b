// The built-in scenario library: resources/scenarios/*.rs compiled into the program as Qt
// resources (`:/scenarios/<id>.rs`), plus loading a scenario from a file on disk.
#pragma once

#include "scenario.h"

#include <string>
#include <vector>

namespace pw {

/// Ids of the built-in scenarios, sorted.
std::vector<std::string> builtInScenarioIds();
/// The built-ins that run on the runtime (have a timeline), i.e. all but the pinning programs
/// (`#[pinwheel(memory)]`, Scenario::memoryProgram), sorted.
std::vector<std::string> builtInRuntimeScenarioIds();
/// The source text of a built-in, or empty if there is no such id.
std::string builtInScenarioSource(const std::string& id);
/// Loads `idOrPath`: a built-in id, or a path to a `.rs` file. File errors are diagnostics too.
LoadResult loadScenarioByName(const std::string& idOrPath);

} // namespace pw
