#include "join_handle.h"

#include "runtime.h"

namespace pw {

Poll JoinHandle::poll(Context& cx)
{
    if (m_task == kNoTask)
        return Poll::ready(Value::err(Value("task was never spawned (task budget)")));
    if (!m_rt.taskFinished(m_task)) {
        m_rt.setJoinWaker(m_task, cx.waker());
        return Poll::pending();
    }
    if (!m_rt.coopPoll()) {
        cx.waker().wakeByRef();
        return Poll::pending();
    }
    return Poll::ready(m_rt.takeOutput(m_task));
}

std::string JoinHandle::describe() const
{
    return m_task == kNoTask ? std::string("nothing") : "the JoinHandle of '" + m_rt.taskName(m_task) + "'";
}

} // namespace pw
