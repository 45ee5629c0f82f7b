#include "frame_pool.h"

#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#if defined(__SANITIZE_ADDRESS__)
#define PW_FRAME_POOL 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PW_FRAME_POOL 0
#endif
#endif
#ifndef PW_FRAME_POOL
#define PW_FRAME_POOL 1
#endif

namespace pw {

namespace {

constexpr std::size_t kGranule = 16;                         ///< class k holds blocks of k * 16 bytes
constexpr std::size_t kClasses = 128;                        ///< up to 2 KB; larger frames use the heap
constexpr std::size_t kTableAlignment = 64;                  ///< table chunks start on a cache line
constexpr std::size_t kChunkGranule = std::size_t(64) << 10; ///< table chunks: classes of 64 KB
constexpr std::size_t kChunkClasses = 16;                    ///< up to 1 MB
constexpr std::size_t kArenaBytes = std::size_t(32) << 20;   ///< reserved per arena, committed as touched
constexpr std::size_t kHugePage = std::size_t(2) << 20;

struct FreeBlock {
    FreeBlock* next;
};

/// A 2 MB-aligned region advised as huge pages (or plain heap memory where that is unknown).
unsigned char* reserveArena()
{
#if defined(__linux__)
    void* p = mmap(nullptr, kArenaBytes + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        throw std::bad_alloc();
    auto* raw = static_cast<unsigned char*>(p);
    const auto addr = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t aligned = (addr + kHugePage - 1) & ~(kHugePage - 1);
    auto* start = reinterpret_cast<unsigned char*>(aligned);
    // Give back the unaligned head and tail; keep exactly kArenaBytes.
    if (start > raw)
        munmap(raw, static_cast<std::size_t>(start - raw));
    const std::size_t tail = (addr + kArenaBytes + kHugePage) - (aligned + kArenaBytes);
    if (tail > 0)
        munmap(start + kArenaBytes, tail);
#if defined(MADV_HUGEPAGE)
    madvise(start, kArenaBytes, MADV_HUGEPAGE); // a hint: without THP the pages stay small
#endif
    return start;
#else
    // Table chunks are aligned to kTableAlignment inside the arena, so the arena must be too.
    return static_cast<unsigned char*>(::operator new (kArenaBytes, std::align_val_t{kTableAlignment}));
#endif
}

struct Pool {
    FreeBlock* free[kClasses + 1] = {};
    FreeBlock* freeChunks[kChunkClasses + 1] = {};
    unsigned char* next = nullptr; ///< bump pointer into the current arena
    unsigned char* end = nullptr;

    static void* pop(FreeBlock*& list)
    {
        FreeBlock* b = list;
        if (b)
            list = b->next;
        return b;
    }
    static void push(FreeBlock*& list, void* block) noexcept
    {
        auto* b = static_cast<FreeBlock*>(block);
        b->next = list;
        list = b;
    }
    /// `align` divides the arena's alignment (2 MB, or kTableAlignment off Linux).
    void* carve(std::size_t bytes, std::size_t align)
    {
        auto at = [&] {
            const auto p = reinterpret_cast<std::uintptr_t>(next);
            return reinterpret_cast<unsigned char*>((p + align - 1) & ~(std::uintptr_t(align) - 1));
        };
        if (!next || static_cast<std::size_t>(end - at()) < bytes) {
            next = reserveArena(); // the rest of the old arena is left unused
            end = next + kArenaBytes;
        }
        unsigned char* b = at();
        next = b + bytes;
        return b;
    }
    void* allocate(std::size_t sizeClass)
    {
        void* b = pop(free[sizeClass]);
        return b ? b : carve(sizeClass * kGranule, kGranule);
    }
    void* allocateChunk(std::size_t chunkClass)
    {
        void* b = pop(freeChunks[chunkClass]);
        return b ? b : carve(chunkClass * kChunkGranule, kTableAlignment);
    }
};

Pool& pool()
{
    thread_local Pool p;
    return p;
}

} // namespace

void* allocateFrame(std::size_t bytes, std::uint8_t& sizeClass)
{
    const std::size_t k = (bytes + kGranule - 1) / kGranule;
    if (!PW_FRAME_POOL || k == 0 || k > kClasses) {
        sizeClass = 0;
        return ::operator new(bytes);
    }
    sizeClass = static_cast<std::uint8_t>(k);
    return pool().allocate(k);
}

void freeFrame(void* block, std::uint8_t sizeClass) noexcept
{
    if (sizeClass == 0) {
        ::operator delete(block);
        return;
    }
    Pool::push(pool().free[sizeClass], block);
}

void* allocateTableChunk(std::size_t bytes)
{
    const std::size_t k = (bytes + kChunkGranule - 1) / kChunkGranule;
    if (!PW_FRAME_POOL || k == 0 || k > kChunkClasses)
        return ::operator new (bytes, std::align_val_t{kTableAlignment});
    return pool().allocateChunk(k);
}

void freeTableChunk(void* block, std::size_t bytes) noexcept
{
    const std::size_t k = (bytes + kChunkGranule - 1) / kChunkGranule;
    if (!PW_FRAME_POOL || k == 0 || k > kChunkClasses) {
        ::operator delete (block, std::align_val_t{kTableAlignment});
        return;
    }
    Pool::push(pool().freeChunks[k], block);
}

} // namespace pw
