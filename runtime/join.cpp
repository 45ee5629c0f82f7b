#include "join.h"

#include "runtime.h"

namespace pw {

Join::Join(JoinKind kind, std::vector<FuturePtr> branches)
    : m_kind(kind), m_branches(std::move(branches)), m_outputs(m_branches.size())
{
}

Poll Join::poll(Context& cx)
{
    const auto n = static_cast<std::uint32_t>(m_branches.size());
    if (n == 0)
        return Poll::ready(Value(Tuple{}));
    if (!m_inRound) {
        m_inRound = true;
        m_anyPending = false;
        m_toRun = n;
        if (m_kind == JoinKind::FuturesJoin) {
            m_index = 0;
        } else {
            m_index = m_skipNextTime;
            m_skipNextTime = m_skipNextTime + 1 == n ? 0 : m_skipNextTime + 1;
        }
    }
    while (m_toRun > 0) {
        const std::uint32_t i = m_index;
        if (!m_outputs[i]) {
            Poll r = m_branches[i]->poll(cx);
            if (r.isBlocked())
                return r; // continue this branch, this round, on the next poll
            if (r.isReady()) {
                m_branches[i].reset();
                if (m_kind == JoinKind::TryJoin && r.value.isResult() && !r.value.asResult().ok) {
                    m_inRound = false;
                    for (std::uint32_t j = 0; j < n; ++j) {
                        if (m_branches[j]) {
                            cx.runtime().recordCancel(cx.task(), CancelReason::Dropped);
                            m_branches[j].reset();
                        }
                    }
                    return Poll::ready(std::move(r.value));
                }
                m_outputs[i] = std::move(r.value);
            } else {
                m_anyPending = true;
            }
        }
        --m_toRun;
        m_index = i + 1 == n ? 0 : i + 1;
    }
    m_inRound = false;
    if (m_anyPending)
        return Poll::pending();
    Tuple out;
    out.reserve(n);
    for (auto& o : m_outputs) {
        Value v = std::move(*o);
        if (m_kind == JoinKind::TryJoin && v.isResult())
            v = v.asResult().inner;
        out.push_back(std::move(v));
    }
    if (m_kind == JoinKind::TryJoin)
        return Poll::ready(Value::ok(Value(std::move(out))));
    return Poll::ready(Value(std::move(out)));
}

std::string Join::describe() const
{
    std::string s;
    int pending = 0;
    for (std::size_t i = 0; i < m_branches.size(); ++i) {
        if (!m_branches[i])
            continue;
        s += (pending++ ? "; " : "") + m_branches[i]->describe();
    }
    return (m_kind == JoinKind::FuturesJoin ? "futures::join! of: " : "join! of: ") + s;
}

FuturePtr tokioJoin(std::vector<FuturePtr> b)
{
    return std::make_unique<Join>(JoinKind::TokioJoin, std::move(b));
}
FuturePtr futuresJoin(std::vector<FuturePtr> b)
{
    return std::make_unique<Join>(JoinKind::FuturesJoin, std::move(b));
}
FuturePtr tryJoin(std::vector<FuturePtr> b)
{
    return std::make_unique<Join>(JoinKind::TryJoin, std::move(b));
}
FuturePtr joinAll(std::vector<FuturePtr> f)
{
    return std::make_unique<Join>(JoinKind::FuturesJoin, std::move(f));
}

} // namespace pw
