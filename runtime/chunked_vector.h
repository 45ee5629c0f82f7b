// A growable array stored in fixed-size chunks.
//
// Policy: elements never move once added (references stay valid while the container grows),
// growth never copies (no doubling peak), and indexing is a shift, a mask and two loads whose
// first one (the small chunk table) stays in cache. Used for the task table, which reaches
// millions of rows; its chunks come from the engine's huge-page arenas (frame_pool.h).
#pragma once

#include "frame_pool.h"

#include <cstddef>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace pw {

template <class T, unsigned ChunkBits = 12> class ChunkedVector {
    static_assert(alignof(T) <= 64, "chunks are aligned to 64 bytes");

public:
    static constexpr std::size_t kChunkSize = std::size_t(1) << ChunkBits;

    ChunkedVector() = default;
    ChunkedVector(const ChunkedVector&) = delete;
    ChunkedVector& operator=(const ChunkedVector&) = delete;
    ~ChunkedVector() { clear(); }

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    T& operator[](std::size_t i) { return m_chunks[i >> ChunkBits][i & (kChunkSize - 1)]; }
    const T& operator[](std::size_t i) const { return m_chunks[i >> ChunkBits][i & (kChunkSize - 1)]; }

    template <class... Args> T& emplace_back(Args&&... args)
    {
        if ((m_size & (kChunkSize - 1)) == 0)
            m_chunks.push_back(static_cast<T*>(allocateTableChunk(kChunkBytes)));
        T* slot = m_chunks.back() + (m_size & (kChunkSize - 1));
        ::new (static_cast<void*>(slot)) T(std::forward<Args>(args)...);
        ++m_size;
        return *slot;
    }
    void push_back(T&& v) { emplace_back(std::move(v)); }

    /// Calls f(element) for every element, in index order.
    template <class F> void forEach(F&& f)
    {
        for (std::size_t i = 0; i < m_size; ++i)
            f((*this)[i]);
    }

    /// Destroys every element (in index order) and frees the chunks.
    void clear()
    {
        for (std::size_t i = 0; i < m_size; ++i)
            std::destroy_at(&(*this)[i]);
        for (T* chunk : m_chunks)
            freeTableChunk(chunk, kChunkBytes);
        m_chunks.clear();
        m_size = 0;
    }

private:
    static constexpr std::size_t kChunkBytes = kChunkSize * sizeof(T);
    std::vector<T*> m_chunks;
    std::size_t m_size = 0;
};

} // namespace pw
