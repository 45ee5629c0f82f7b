// Reading ahead.
//
// Policy: a million-task run visits task records and coroutine frames in wake order, which is
// random in memory; each first touch is a cache miss, and the engine's misses come in
// dependent chains (record -> future -> vtable -> frame). Where the engine knows what it will
// touch next (the next entries of a run queue, the next timers of a driver pass) it reads
// those lines early, so that their misses overlap with the work in between. `touch` is a real
// one-byte load and only ever aimed at live objects; `prefetch` is a hint for lines that may
// lie past an object's end. On this project's VM the hints alone had no measurable effect and
// the real loads took a third off the 1M-task run (docs/performance.md). Neither changes
// behaviour: a read-ahead writes nothing.
#pragma once

#include <cstddef>

namespace pw {

inline void prefetch(const void* p)
{
#if defined(__GNUC__)
    __builtin_prefetch(p);
#else
    (void)p;
#endif
}

/// Loads one byte at `p` and discards it: a real read, which the CPU overlaps with the work
/// that follows, and which (unlike a prefetch hint on this project's VM, see
/// docs/performance.md) brings the line in. `p` must point into a live object.
inline void touch(const void* p)
{
    const unsigned char v = *static_cast<const volatile unsigned char*>(p);
    (void)v;
}

/// Prefetches `bytes` starting at `p`, one hint per 64-byte line.
inline void prefetchRange(const void* p, std::size_t bytes)
{
    const auto* c = static_cast<const unsigned char*>(p);
    for (std::size_t off = 0; off < bytes; off += 64)
        prefetch(c + off);
}

} // namespace pw
