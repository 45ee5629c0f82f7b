// Small helpers shared by the runtime test suites: building programs with the C++ API and
// reading results back from the trace.
#pragma once

#ifndef Q_MOC_RUN // moc 6.4 cannot parse C++20 <concepts>, which <coroutine> pulls in
#include "runtime/async_fn.h"
#include "runtime/basic_futures.h"
#include "runtime/join.h"
#include "runtime/join_handle.h"
#include "runtime/runtime.h"
#include "runtime/select.h"
#include "runtime/sync.h"
#endif

#include <QStringList>

namespace pw::test {

inline constexpr std::int64_t kMs = 1'000'000;
inline constexpr std::int64_t kSec = 1'000'000'000;
inline SimDuration ms(std::int64_t v)
{
    return SimDuration::millis(v);
}
inline SimDuration secs(std::int64_t v)
{
    return SimDuration::seconds(v);
}

inline QStringList texts(const Trace& t)
{
    QStringList out;
    for (const auto& l : t.lines)
        out << QString::fromStdString(l.text);
    return out;
}

/// "text@ms" for every printed line, to check order and times in one comparison.
inline QStringList timedTexts(const Trace& t)
{
    QStringList out;
    for (const auto& l : t.lines)
        out << QString::fromStdString(l.text) + "@" + QString::number(l.t / kMs);
    return out;
}

inline std::int64_t lineTime(const Trace& t, const std::string& text)
{
    for (const auto& l : t.lines)
        if (l.text == text)
            return l.t;
    return -1;
}

inline std::string lineThread(const Trace& t, const std::string& text)
{
    for (const auto& l : t.lines)
        if (l.text == text)
            return t.threads[l.thread].name;
    return {};
}

inline int count(const Trace& t, EventKind k)
{
    int n = 0;
    for (const auto& e : t.events)
        n += e.kind == k;
    return n;
}

/// 002's CounterFuture: counts to `limit`, one `thread::sleep(1 s)` per poll, prints
/// "polling with result: N", and (unless `registerWaker` is false) calls wake_by_ref.
class CounterFuture final : public Future {
public:
    CounterFuture(int limit, bool registerWaker) : m_limit(limit), m_registerWaker(registerWaker) {}
    Poll poll(Context& cx) override
    {
        if (!m_slept) {
            m_slept = true;
            ++m_count;
            cx.runtime().println("polling with result: " + std::to_string(m_count));
            return cx.runtime().blockFor(SimDuration::seconds(1), BlockReason::Sleep);
        }
        m_slept = false;
        if (m_count < m_limit) {
            if (m_registerWaker)
                cx.waker().wakeByRef();
            return Poll::pending();
        }
        return Poll::ready(Value(static_cast<std::int64_t>(m_count)));
    }

private:
    int m_limit;
    bool m_registerWaker;
    int m_count = 0;
    bool m_slept = false;
};

} // namespace pw::test
