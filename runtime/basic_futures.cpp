#include "basic_futures.h"

namespace pw {

Sleep::Sleep(Runtime& rt, SimDuration d) : m_rt(rt), m_deadline(rt.now().ns + rt.jittered(d).ns) {}

Sleep::~Sleep()
{
    // A fired timer is gone from the queue already: only a pending one is cancelled.
    if (m_timer != kNoTimer && !m_rt.timerElapsed(m_deadline))
        m_rt.cancelTimer(m_deadline, m_timer);
}

Poll Sleep::poll(Context& cx)
{
    if (m_done)
        return Poll::ready();
    if (!m_registered) {
        m_registered = true;
        bool firedNow = false;
        m_timer = m_rt.registerTimer(m_deadline, cx.waker(), firedNow);
        if (!firedNow)
            return Poll::pending();
    } else if (!m_rt.timerElapsed(m_deadline)) {
        m_rt.updateTimerWaker(m_deadline, m_timer, cx.task()); // polled by another task now? wake that one
        return Poll::pending();
    }
    // tokio's Sleep consumes a unit of coop budget when it completes.
    if (!m_rt.coopPoll()) {
        cx.waker().wakeByRef();
        return Poll::pending();
    }
    m_done = true;
    return Poll::ready();
}

std::string Sleep::describe() const
{
    return "a timer that fires at " + formatSeconds(m_deadline);
}

Poll ThreadSleep::poll(Context& cx)
{
    if (m_started)
        return Poll::ready();
    m_started = true;
    return cx.runtime().blockFor(cx.runtime().jittered(m_duration), m_reason);
}

Poll YieldNow::poll(Context& cx)
{
    if (m_yielded)
        return Poll::ready();
    m_yielded = true;
    cx.runtime().deferWake(cx.waker());
    return Poll::pending();
}

} // namespace pw
