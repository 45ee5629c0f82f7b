// An append-only array of trivially copyable records, stored in large blocks.
//
// Policy: the trace of a million-task run holds a hundred million events. A `std::deque`
// spends ~50 instructions per append and a 512-byte allocation per 21 events, and each of its
// pages is faulted in one at a time; a `std::vector` copies everything on each doubling. Here
// the first block grows like a vector (small runs, the common case, stay small), and once it
// is full every further block is allocated at its full size in one piece, with its pages
// committed up front (`allocateLogBlock`), so an append is a compare and a store. Records
// never move once appended; indexing is a shift, a mask and two loads.
//
// It offers what the trace's readers use of a deque: size, operator[], front/back, random
// access iterators (for std::upper_bound and friends), push_back and assign.
#pragma once

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <type_traits>
#include <vector>

namespace pw {

/// Block storage with committed pages (mmap with MAP_POPULATE where available).
void* allocateLogBlock(std::size_t bytes);
void freeLogBlock(void* block, std::size_t bytes) noexcept;

template <class T, unsigned BlockBits = 16> class BlockLog {
    static_assert(std::is_trivially_copyable_v<T>, "records are copied as bytes");

public:
    static constexpr std::size_t kBlockSize = std::size_t(1) << BlockBits;

    template <bool Const> class Iter {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = std::conditional_t<Const, const T*, T*>;
        using reference = std::conditional_t<Const, const T&, T&>;
        using Log = std::conditional_t<Const, const BlockLog, BlockLog>;

        Iter() = default;
        Iter(Log* log, std::size_t i) : m_log(log), m_i(i) {}
        operator Iter<true>() const { return {m_log, m_i}; }

        reference operator*() const { return (*m_log)[m_i]; }
        pointer operator->() const { return &(*m_log)[m_i]; }
        reference operator[](difference_type n) const { return (*m_log)[m_i + n]; }
        Iter& operator++()
        {
            ++m_i;
            return *this;
        }
        Iter operator++(int)
        {
            Iter old = *this;
            ++m_i;
            return old;
        }
        Iter& operator--()
        {
            --m_i;
            return *this;
        }
        Iter operator--(int)
        {
            Iter old = *this;
            --m_i;
            return old;
        }
        Iter& operator+=(difference_type n)
        {
            m_i += n;
            return *this;
        }
        Iter& operator-=(difference_type n)
        {
            m_i -= n;
            return *this;
        }
        friend Iter operator+(Iter it, difference_type n) { return it += n; }
        friend Iter operator+(difference_type n, Iter it) { return it += n; }
        friend Iter operator-(Iter it, difference_type n) { return it -= n; }
        friend difference_type operator-(const Iter& a, const Iter& b)
        {
            return static_cast<difference_type>(a.m_i) - static_cast<difference_type>(b.m_i);
        }
        friend bool operator==(const Iter& a, const Iter& b) { return a.m_i == b.m_i; }
        friend auto operator<=>(const Iter& a, const Iter& b) { return a.m_i <=> b.m_i; }

    private:
        Log* m_log = nullptr;
        std::size_t m_i = 0;
    };
    using iterator = Iter<false>;
    using const_iterator = Iter<true>;
    using value_type = T;
    using size_type = std::size_t;

    BlockLog() = default;
    BlockLog(std::initializer_list<T> records) { append(records.begin(), records.end()); }
    BlockLog& operator=(std::initializer_list<T> records)
    {
        assign(records.begin(), records.end());
        return *this;
    }
    BlockLog(const BlockLog& o) { append(o.begin(), o.end()); }
    BlockLog(BlockLog&& o) noexcept { swap(o); }
    BlockLog& operator=(const BlockLog& o)
    {
        if (this != &o) {
            BlockLog copy(o);
            swap(copy);
        }
        return *this;
    }
    BlockLog& operator=(BlockLog&& o) noexcept
    {
        if (this != &o) {
            BlockLog moved(std::move(o));
            swap(moved);
        }
        return *this;
    }
    ~BlockLog() { clear(); }

    void swap(BlockLog& o) noexcept
    {
        m_first.swap(o.m_first);
        m_blocks.swap(o.m_blocks);
        std::swap(m_size, o.m_size);
        std::swap(m_tail, o.m_tail);
        std::swap(m_tailEnd, o.m_tailEnd);
    }

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    /// Memory held for records: the first block's capacity and every full-size block.
    std::size_t bytes() const { return (m_first.capacity() + m_blocks.size() * kBlockSize) * sizeof(T); }

    T& operator[](std::size_t i) { return i < kBlockSize ? m_first[i] : m_blocks[(i >> BlockBits) - 1][i & kMask]; }
    const T& operator[](std::size_t i) const
    {
        return i < kBlockSize ? m_first[i] : m_blocks[(i >> BlockBits) - 1][i & kMask];
    }
    T& front() { return (*this)[0]; }
    const T& front() const { return (*this)[0]; }
    T& back() { return (*this)[m_size - 1]; }
    const T& back() const { return (*this)[m_size - 1]; }

    iterator begin() { return {this, 0}; }
    iterator end() { return {this, m_size}; }
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, m_size}; }
    const_iterator cbegin() const { return begin(); }
    const_iterator cend() const { return end(); }

    void push_back(const T& v)
    {
        if (m_tail != m_tailEnd) { // the fast path: room in the current full-size block
            *m_tail++ = v;
            ++m_size;
            return;
        }
        pushSlow(v);
    }

    template <class It> void assign(It first, It last)
    {
        clear();
        append(first, last);
    }

    void clear()
    {
        for (T* b : m_blocks)
            freeLogBlock(b, kBlockSize * sizeof(T));
        m_blocks.clear();
        m_first.clear();
        m_first.shrink_to_fit();
        m_size = 0;
        m_tail = m_tailEnd = nullptr;
    }

private:
    static constexpr std::size_t kMask = kBlockSize - 1;

    template <class It> void append(It first, It last)
    {
        for (; first != last; ++first)
            push_back(*first);
    }

#if defined(__GNUC__)
    [[gnu::noinline]]
#endif
    void
    pushSlow(const T& v) // out of line: the fast path keeps no registers to save
    {
        if (m_size < kBlockSize) { // the first block grows like a vector, up to kBlockSize
            if (m_first.size() == m_first.capacity())
                m_first.reserve(std::min(kBlockSize, std::max<std::size_t>(256, 2 * m_first.capacity())));
            m_first.push_back(v);
            ++m_size;
            return;
        }
        T* block = static_cast<T*>(allocateLogBlock(kBlockSize * sizeof(T)));
        m_blocks.push_back(block);
        m_tail = block;
        m_tailEnd = block + kBlockSize;
        *m_tail++ = v;
        ++m_size;
    }

    std::vector<T> m_first;   ///< records [0, kBlockSize)
    std::vector<T*> m_blocks; ///< block k holds records [(k+1) * kBlockSize, (k+2) * kBlockSize)
    std::size_t m_size = 0;
    T* m_tail = nullptr; ///< next free record of the last full-size block
    T* m_tailEnd = nullptr;
};

} // namespace pw
