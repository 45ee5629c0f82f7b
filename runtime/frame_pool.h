// Memory for coroutine frames and the engine's big tables.
//
// Policy: a million-task run keeps a million coroutine frames alive and polls them in wake
// order, which is random in memory. With 4 KB pages nearly every poll missed the TLB, and in
// a VM each miss is a two-dimensional page walk that software prefetching does not hide
// (docs/performance.md). Frames therefore come from large arenas advised as transparent huge
// pages, carved into size classes of 16 bytes (the default new alignment, so a frame wastes at
// most 15 bytes) with a free list per class; a freed frame goes back to its class and is
// reused by the next frame of that size. Arenas are never returned to
// the system, so a frame may be freed on another thread than the one that allocated it.
//
// The chunks of the task table (ChunkedVector) come from the same arenas, in classes of 64 KB:
// a task's record is the other line a poll touches.
//
// Each thread allocates from its own arenas and free lists (no locks). Frames larger than the
// biggest class, and every frame in a sanitizer build (so that AddressSanitizer still sees
// each frame's lifetime), come from the global operator new instead.
#pragma once

#include <cstddef>
#include <cstdint>

namespace pw {

/// Returns a block of at least `bytes` and its size class (0: the global heap).
void* allocateFrame(std::size_t bytes, std::uint8_t& sizeClass);
/// Frees a block from allocateFrame, given the class it returned.
void freeFrame(void* block, std::uint8_t sizeClass) noexcept;

/// A table chunk of `bytes` (aligned to at least 64 bytes), and its release.
void* allocateTableChunk(std::size_t bytes);
void freeTableChunk(void* block, std::size_t bytes) noexcept;

} // namespace pw
