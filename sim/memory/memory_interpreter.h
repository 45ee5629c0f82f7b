// Runs a pinning program (docs/pinning.md) step by step on a deterministic address space.
#pragma once

#include "memory_state.h"

#include <string>

namespace pw::memory {

/// Parses `source` (named `fileName` in messages) and runs its `fn main` statement by
/// statement, recording one MemoryStep per executed statement. Never throws: parse errors,
/// refused moves and panics end up in MemoryTrace::error, the steps before them being valid.
MemoryTrace runMemoryProgram(const std::string& source, const std::string& fileName);

} // namespace pw::memory
