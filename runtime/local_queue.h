// A worker's bounded local run queue (tokio multi_thread/queue.rs).
//
// Policy: FIFO of fixed capacity (256 by default). The owner pushes at the back and pops at
// the front; a thief takes the older half from the front. When a push finds the queue full,
// the owner moves half of the queue plus the new task to the global inject queue
// (`push_overflow`), so the queue never grows beyond its capacity.
#pragma once

#include "trace.h"

#include <cstdint>
#include <deque>
#include <vector>

namespace pw {

class LocalQueue {
public:
    explicit LocalQueue(std::uint32_t capacity) : m_capacity(capacity) {}

    bool empty() const { return m_items.empty(); }
    std::size_t size() const { return m_items.size(); }
    std::uint32_t capacity() const { return m_capacity; }

    /// Pushes `task`; returns the tasks that overflowed to the inject queue (usually none).
    std::vector<TaskId> pushBack(TaskId task)
    {
        if (m_items.size() < m_capacity) {
            m_items.push_back(task);
            return {};
        }
        std::vector<TaskId> overflow;
        const std::size_t half = m_capacity / 2;
        overflow.reserve(half + 1);
        for (std::size_t i = 0; i < half; ++i) {
            overflow.push_back(m_items.front());
            m_items.pop_front();
        }
        overflow.push_back(task);
        return overflow;
    }

    bool pop(TaskId& out)
    {
        if (m_items.empty())
            return false;
        out = m_items.front();
        m_items.pop_front();
        return true;
    }

    /// Steals ceil(n/2) tasks from the front, as tokio's steal_into does.
    std::vector<TaskId> stealHalf()
    {
        const std::size_t n = m_items.size();
        const std::size_t take = n - n / 2;
        std::vector<TaskId> out(m_items.begin(), m_items.begin() + static_cast<std::ptrdiff_t>(take));
        m_items.erase(m_items.begin(), m_items.begin() + static_cast<std::ptrdiff_t>(take));
        return out;
    }

    const std::deque<TaskId>& items() const { return m_items; }
    /// The task `i` places from the front (the `i`-th to be popped); i < size().
    TaskId peek(std::size_t i) const { return m_items[i]; }

private:
    std::uint32_t m_capacity;
    std::deque<TaskId> m_items;
};

} // namespace pw
