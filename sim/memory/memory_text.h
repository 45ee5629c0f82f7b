// A MemoryTrace as plain text: what `pinwheel-cli run <id> --memory` prints and what the golden
// files of pinning scenarios hold (one block per step: frames, slots, fields, pointers, moves).
#pragma once

#include "memory_state.h"

#include <string>

namespace pw::memory {

const char* toString(PointerKind kind);

/// One step: "step 3  line 12:5  main: <description>", then frames and heap blocks, one
/// object per line and one field per indented line, pointers with their classification.
std::string formatStep(const MemoryStep& step, std::size_t index);

/// Every step, then the error (rendered) if any.
std::string formatMemoryTrace(const MemoryTrace& trace);

} // namespace pw::memory
