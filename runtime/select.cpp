#include "select.h"

namespace pw {

Select::Select(std::vector<SelectBranch> branches, bool biased, bool hasElse)
    : m_branches(std::move(branches)), m_disabled(m_branches.size(), false), m_biased(biased), m_hasElse(hasElse)
{
}

Poll Select::poll(Context& cx)
{
    const auto n = static_cast<std::uint32_t>(m_branches.size());
    if (!m_inRound) {
        m_inRound = true;
        m_offset = 0;
        m_anyPending = false;
        m_start = (m_biased || n == 0) ? 0 : cx.runtime().rng().below(n);
    }
    for (; m_offset < n; ++m_offset) {
        const std::uint32_t i = (m_start + m_offset) % n;
        if (m_disabled[i])
            continue;
        Poll r = m_branches[i].future->poll(cx);
        if (r.isBlocked())
            return r;
        if (r.isPending()) {
            m_anyPending = true;
            continue;
        }
        m_branches[i].future.reset();
        if (m_branches[i].accepts && !m_branches[i].accepts(r.value)) {
            m_disabled[i] = true;
            continue;
        }
        m_inRound = false;
        for (std::uint32_t j = 0; j < n; ++j) {
            if (j != i && m_branches[j].future) {
                cx.runtime().recordCancel(cx.task(), CancelReason::SelectLost);
                m_branches[j].future.reset();
            }
        }
        return Poll::ready(Value(Tuple{Value(static_cast<std::int64_t>(i)), std::move(r.value)}));
    }
    m_inRound = false;
    if (m_anyPending)
        return Poll::pending();
    // Every branch disabled: tokio runs `else`, or panics without one.
    return Poll::ready(Value(Tuple{Value(std::int64_t{-1}), Value()}));
}

std::string Select::describe() const
{
    std::string s = "select! over: ";
    int k = 0;
    for (const auto& b : m_branches)
        if (b.future)
            s += (k++ ? "; " : "") + b.future->describe();
    return s;
}

Timeout::Timeout(Runtime& rt, SimDuration d, FuturePtr inner) : m_inner(std::move(inner)), m_delay(rt, d) {}

Poll Timeout::poll(Context& cx)
{
    if (m_inner) {
        Poll r = m_inner->poll(cx);
        if (r.isBlocked())
            return r;
        if (r.isReady()) {
            m_inner.reset();
            return Poll::ready(Value::ok(std::move(r.value)));
        }
    }
    Poll d = m_delay.poll(cx);
    if (d.isReady()) {
        cx.runtime().recordCancel(cx.task(), CancelReason::TimeoutElapsed);
        m_inner.reset();
        return Poll::ready(Value::err(Value("deadline has elapsed")));
    }
    return Poll::pending();
}

std::string Timeout::describe() const
{
    return (m_inner ? m_inner->describe() : std::string("a finished future")) + ", or " + m_delay.describe();
}

FuturePtr select(std::vector<SelectBranch> b, bool biased, bool hasElse)
{
    return std::make_unique<Select>(std::move(b), biased, hasElse);
}
FuturePtr timeout(Runtime& rt, SimDuration d, FuturePtr inner)
{
    return std::make_unique<Timeout>(rt, d, std::move(inner));
}

} // namespace pw
