// A growable array stored in fixed-size chunks.
//
// Policy: elements never move once added (references stay valid while the container grows),
// growth never copies (no doubling peak), and indexing is a shift, a mask and two loads whose
// first one (the small chunk table) stays in cache. Used for tables with one row per task or
// per timer, which reach millions of rows.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace pw {

template <class T, unsigned ChunkBits = 12> class ChunkedVector {
public:
    static constexpr std::size_t kChunkSize = std::size_t(1) << ChunkBits;

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    T& operator[](std::size_t i) { return m_chunks[i >> ChunkBits][i & (kChunkSize - 1)]; }
    const T& operator[](std::size_t i) const { return m_chunks[i >> ChunkBits][i & (kChunkSize - 1)]; }

    template <class... Args> T& emplace_back(Args&&... args)
    {
        if ((m_size & (kChunkSize - 1)) == 0) {
            m_chunks.emplace_back();
            m_chunks.back().reserve(kChunkSize); // never reallocated: elements stay put
        }
        ++m_size;
        return m_chunks.back().emplace_back(std::forward<Args>(args)...);
    }
    void push_back(T&& v) { emplace_back(std::move(v)); }

    /// Calls f(element) for every element, in index order.
    template <class F> void forEach(F&& f)
    {
        for (auto& chunk : m_chunks)
            for (T& e : chunk)
                f(e);
    }

private:
    std::vector<std::vector<T>> m_chunks;
    std::size_t m_size = 0;
};

} // namespace pw
