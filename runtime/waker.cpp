#include "waker.h"

#include "runtime.h"

namespace pw {

Waker::Waker(Runtime* rt, TaskId task) : m_rt(rt), m_task(task)
{
    if (m_rt)
        ++m_rt->m_tasks[m_task].liveWakers;
}

Waker::Waker(const Waker& o) : Waker(o.m_rt, o.m_task) {}

Waker::Waker(Waker&& o) noexcept : m_rt(o.m_rt), m_task(o.m_task)
{
    o.m_rt = nullptr;
    o.m_task = kNoTask;
}

Waker& Waker::operator=(const Waker& o)
{
    if (this != &o) {
        Waker copy(o);
        *this = std::move(copy);
    }
    return *this;
}

Waker& Waker::operator=(Waker&& o) noexcept
{
    if (this != &o) {
        reset();
        m_rt = o.m_rt;
        m_task = o.m_task;
        o.m_rt = nullptr;
        o.m_task = kNoTask;
    }
    return *this;
}

Waker::~Waker()
{
    reset();
}

void Waker::reset()
{
    if (m_rt && !m_rt->m_tearingDown)
        --m_rt->m_tasks[m_task].liveWakers;
    m_rt = nullptr;
    m_task = kNoTask;
}

void Waker::wake()
{
    if (!m_rt)
        return;
    Runtime* rt = m_rt;
    const TaskId t = m_task;
    reset(); // the waker is consumed before the task is scheduled, as in Rust
    rt->wake(t, WakeKind::Wake);
}

void Waker::wakeByRef() const
{
    if (m_rt)
        m_rt->wake(m_task, WakeKind::WakeByRef);
}

Waker Context::waker() const
{
    return m_rt.wakerFor(m_task);
}

} // namespace pw
