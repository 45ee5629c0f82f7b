// tokio::sync::Mutex and std::sync::Mutex (see sync.h for the policy).
#include "runtime.h"
#include "sync.h"

#include <algorithm>

namespace pw {

namespace {

class TokioGuardObject final : public GuardObject {
public:
    explicit TokioGuardObject(std::shared_ptr<TokioMutex> m) : m_mutex(std::move(m)) {}
    ~TokioGuardObject() override;
    Value& value() override { return m_mutex->data(); }
    bool isStd() const override { return false; }
    std::uint32_t mutexId() const override { return m_mutex->id(); }
    std::string debugString() const override { return "MutexGuard(" + m_mutex->data().debug() + ")"; }
    std::shared_ptr<TokioMutex> m_mutex;
};

class StdGuardObject final : public GuardObject {
public:
    explicit StdGuardObject(std::shared_ptr<StdMutex> m) : m_mutex(std::move(m)) {}
    ~StdGuardObject() override;
    Value& value() override { return m_mutex->data(); }
    bool isStd() const override { return true; }
    std::uint32_t mutexId() const override { return m_mutex->id(); }
    std::string debugString() const override { return "MutexGuard(" + m_mutex->data().debug() + ")"; }
    std::shared_ptr<StdMutex> m_mutex;
};

} // namespace

// The guards' destructors need the mutexes' private release(); they go through these friends.
class TokioGuard {
public:
    static void release(TokioMutex& m) { m.release(); }
};
class StdGuard {
public:
    static void release(StdMutex& m) { m.release(); }
};

TokioGuardObject::~TokioGuardObject()
{
    TokioGuard::release(*m_mutex);
}
StdGuardObject::~StdGuardObject()
{
    StdGuard::release(*m_mutex);
}

// ---- tokio::sync::Mutex ---------------------------------------------------------------------

TokioMutex::TokioMutex(Runtime& rt, std::string name, Value initial)
    : m_rt(rt), m_id(rt.registerObject(name)), m_name(std::move(name)), m_data(std::move(initial))
{
}

Value TokioMutex::makeGuard(TaskId holder)
{
    m_holder = holder;
    m_rt.setObjectHolder(m_id, holder);
    m_rt.record(EventKind::LockAcquire, holder, m_id, static_cast<std::uint8_t>(MutexKind::Tokio));
    return Value(std::shared_ptr<Object>(std::make_shared<TokioGuardObject>(shared_from_this())));
}

void TokioMutex::release()
{
    m_rt.record(EventKind::LockRelease, m_rt.currentTask(), m_id, static_cast<std::uint8_t>(MutexKind::Tokio));
    m_holder = kNoTask;
    if (m_waiters.empty()) {
        m_rt.setObjectHolder(m_id, kNoTask);
        return;
    }
    Waiter w = std::move(m_waiters.front());
    m_waiters.pop_front();
    m_handedOff = true;
    m_handedTicket = w.ticket;
    m_rt.setObjectHolder(m_id, w.task);
    w.waker.wake();
}

Value TokioMutex::tryLock()
{
    if (locked() || !m_waiters.empty()) {
        m_rt.record(EventKind::TryLockFail, m_rt.currentTask(), m_id, static_cast<std::uint8_t>(MutexKind::Tokio));
        return Value::err(Value("WouldBlock"));
    }
    return Value::ok(makeGuard(m_rt.currentTask()));
}

class TokioLockFuture final : public Future {
public:
    explicit TokioLockFuture(std::shared_ptr<TokioMutex> m) : m_mutex(std::move(m)) {}
    ~TokioLockFuture() override
    {
        if (m_ticket == 0 || m_acquired)
            return;
        TokioMutex& m = *m_mutex;
        m.m_rt.setTaskWaitingOn(m_task, -1);
        if (m.m_handedOff && m.m_handedTicket == m_ticket) {
            m.m_handedOff = false; // pass the lock on
            m.release();
            return;
        }
        auto it = std::find_if(m.m_waiters.begin(), m.m_waiters.end(),
                               [&](const TokioMutex::Waiter& w) { return w.ticket == m_ticket; });
        if (it != m.m_waiters.end())
            m.m_waiters.erase(it);
    }
    Poll poll(Context& cx) override
    {
        TokioMutex& m = *m_mutex;
        if (m_ticket == 0) {
            if (!m.locked() && m.m_waiters.empty()) {
                m_acquired = true;
                return Poll::ready(m.makeGuard(cx.task()));
            }
            m_ticket = m.m_nextTicket++;
            m_task = cx.task();
            m.m_waiters.push_back(TokioMutex::Waiter{m_ticket, cx.waker(), cx.task()});
            m.m_rt.record(EventKind::LockContend, cx.task(), m.m_id, static_cast<std::uint8_t>(MutexKind::Tokio));
            m.m_rt.setTaskWaitingOn(cx.task(), m.m_id);
            return Poll::pending();
        }
        if (m.m_handedOff && m.m_handedTicket == m_ticket) {
            m.m_handedOff = false;
            m_acquired = true;
            m.m_rt.setTaskWaitingOn(cx.task(), -1);
            return Poll::ready(m.makeGuard(cx.task()));
        }
        for (auto& w : m.m_waiters)
            if (w.ticket == m_ticket)
                w.waker = cx.waker();
        return Poll::pending();
    }
    std::string describe() const override { return "the tokio Mutex '" + m_mutex->name() + "'"; }

private:
    std::shared_ptr<TokioMutex> m_mutex;
    std::uint64_t m_ticket = 0;
    TaskId m_task = kNoTask;
    bool m_acquired = false;
};

FuturePtr TokioMutex::lock()
{
    return std::make_unique<TokioLockFuture>(shared_from_this());
}

// ---- std::sync::Mutex -------------------------------------------------------------------------

StdMutex::StdMutex(Runtime& rt, std::string name, Value initial)
    : m_rt(rt), m_id(rt.registerObject(name)), m_name(std::move(name)), m_data(std::move(initial))
{
}

Value StdMutex::makeGuard(TaskId holder)
{
    m_holder = holder;
    m_rt.setObjectHolder(m_id, holder);
    m_rt.noteStdGuard(holder, +1);
    m_rt.record(EventKind::LockAcquire, holder, m_id, static_cast<std::uint8_t>(MutexKind::Std));
    return Value(std::shared_ptr<Object>(std::make_shared<StdGuardObject>(shared_from_this())));
}

void StdMutex::release()
{
    m_rt.record(EventKind::LockRelease, m_holder, m_id, static_cast<std::uint8_t>(MutexKind::Std));
    m_rt.noteStdGuard(m_holder, -1);
    m_holder = kNoTask;
    m_rt.setObjectHolder(m_id, kNoTask);
    if (m_waiters.empty())
        return;
    Waiter w = m_waiters.front();
    m_waiters.pop_front();
    m_granted.push_back(w.thread);
    m_holder = w.task; // handed over; the guard is built when its poll continues
    m_rt.setObjectHolder(m_id, w.task);
    m_rt.unblock(w.thread);
}

Value StdMutex::tryLock()
{
    if (locked()) {
        m_rt.record(EventKind::TryLockFail, m_rt.currentTask(), m_id, static_cast<std::uint8_t>(MutexKind::Std));
        return Value::err(Value("WouldBlock"));
    }
    return Value::ok(makeGuard(m_rt.currentTask()));
}

class StdLockFuture final : public Future {
public:
    explicit StdLockFuture(std::shared_ptr<StdMutex> m) : m_mutex(std::move(m)) {}
    Poll poll(Context& cx) override
    {
        StdMutex& m = *m_mutex;
        if (m_waiting) {
            // Our thread was unblocked: the lock was handed to us.
            m_waiting = false;
            auto it = std::find(m.m_granted.begin(), m.m_granted.end(), cx.thread());
            if (it != m.m_granted.end())
                m.m_granted.erase(it);
            return Poll::ready(m.makeGuard(cx.task()));
        }
        if (!m.locked())
            return Poll::ready(m.makeGuard(cx.task()));
        m_waiting = true;
        m.m_waiters.push_back(StdMutex::Waiter{cx.thread(), cx.task()});
        m.m_rt.record(EventKind::LockContend, cx.task(), m.m_id, static_cast<std::uint8_t>(MutexKind::Std));
        return m.m_rt.blockUntilUnblocked(BlockReason::StdMutexLock, m.m_id);
    }
    std::string describe() const override { return "std Mutex '" + m_mutex->name() + "'"; }

private:
    std::shared_ptr<StdMutex> m_mutex;
    bool m_waiting = false;
};

FuturePtr StdMutex::lock()
{
    return std::make_unique<StdLockFuture>(shared_from_this());
}

} // namespace pw
