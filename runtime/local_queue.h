// A worker's bounded local run queue (tokio multi_thread/queue.rs).
//
// Policy: FIFO of fixed capacity (256 by default). The owner pushes at the back and pops at
// the front; a thief takes the older half from the front. When a push finds the queue full,
// the owner moves half of the queue plus the new task to the global inject queue
// (`push_overflow`), so the queue never grows beyond its capacity.
#pragma once

#include "trace.h"

#include <cstdint>
#include <vector>

namespace pw {

/// A ring of `capacity` slots: push and pop are an index step, no allocation.
class LocalQueue {
public:
    explicit LocalQueue(std::uint32_t capacity) : m_capacity(capacity), m_ring(capacity == 0 ? 1 : capacity) {}

    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }
    std::uint32_t capacity() const { return m_capacity; }

    /// Pushes `task`; returns the tasks that overflowed to the inject queue (usually none).
    std::vector<TaskId> pushBack(TaskId task)
    {
        if (m_size < m_capacity) {
            m_ring[wrap(m_head + m_size)] = task;
            ++m_size;
            return {};
        }
        std::vector<TaskId> overflow;
        const std::size_t half = m_capacity / 2;
        overflow.reserve(half + 1);
        for (std::size_t i = 0; i < half; ++i)
            overflow.push_back(popFront());
        overflow.push_back(task);
        return overflow;
    }

    bool pop(TaskId& out)
    {
        if (m_size == 0)
            return false;
        out = popFront();
        return true;
    }

    /// Steals ceil(n/2) tasks from the front, as tokio's steal_into does.
    std::vector<TaskId> stealHalf()
    {
        const std::size_t take = m_size - m_size / 2;
        std::vector<TaskId> out;
        out.reserve(take);
        for (std::size_t i = 0; i < take; ++i)
            out.push_back(popFront());
        return out;
    }

    /// The queued tasks, front (next to be popped) first.
    std::vector<TaskId> items() const
    {
        std::vector<TaskId> out;
        out.reserve(m_size);
        for (std::size_t i = 0; i < m_size; ++i)
            out.push_back(peek(i));
        return out;
    }
    /// The task `i` places from the front (the `i`-th to be popped); i < size().
    TaskId peek(std::size_t i) const { return m_ring[wrap(m_head + i)]; }

private:
    std::size_t wrap(std::size_t i) const { return i >= m_ring.size() ? i - m_ring.size() : i; }
    TaskId popFront()
    {
        const TaskId t = m_ring[m_head];
        m_head = wrap(m_head + 1);
        --m_size;
        return t;
    }

    std::uint32_t m_capacity;
    std::vector<TaskId> m_ring;
    std::size_t m_head = 0;
    std::size_t m_size = 0;
};

} // namespace pw
