// Synchronisation primitives: tokio::sync::Mutex, std::sync::Mutex, mpsc, oneshot, Notify.
//
// Policy:
// - tokio::sync::Mutex (sync/mutex.rs over batch_semaphore.rs): fair. `lock().await` takes
//   the lock at once if it is free and nobody queues, else joins a FIFO queue and is Pending;
//   on release the lock is handed to the first waiter, which is woken. `try_lock` fails at
//   once when the lock is held. Dropping a queued lock future leaves the queue (and passes on
//   a lock already handed to it).
// - std::sync::Mutex: `lock()` on a held mutex blocks the *thread* (the poll cannot return)
//   until the holder releases it; waiters are served in FIFO order. A guard held across an
//   `.await` is legal and flagged (guard-across-await); it deadlocks the way the books show.
// - mpsc (bounded or unbounded): senders are counted; `recv().await` yields Some(v), or
//   None once every sender is gone and the queue is empty; a bounded `send().await` waits in
//   FIFO order for capacity. oneshot: `send` never waits; the receiver gets Ok(v) or Err when
//   the sender was dropped. Notify: `notified().await` waits for `notify_one` (which stores a
//   permit when nobody waits) or `notify_waiters`.
// Guards are Value objects: dropping the last reference releases the lock.
#pragma once

#include "future.h"
#include "waker.h"

#include <deque>
#include <memory>
#include <optional>
#include <string>

namespace pw {

class Runtime;

// ---- tokio::sync::Mutex -------------------------------------------------------------------

class TokioMutex : public std::enable_shared_from_this<TokioMutex> {
public:
    TokioMutex(Runtime& rt, std::string name, Value initial);
    Runtime& runtime() const { return m_rt; }
    std::uint32_t id() const { return m_id; }
    const std::string& name() const { return m_name; }
    Value& data() { return m_data; }
    bool locked() const { return m_holder != kNoTask || m_handedOff; }

    /// `lock().await`: output is a guard object.
    FuturePtr lock();
    /// `try_lock()`: Ok(guard) or Err("WouldBlock").
    Value tryLock();

private:
    friend class TokioLockFuture;
    friend class TokioGuard;
    struct Waiter {
        std::uint64_t ticket;
        Waker waker;
        TaskId task;
    };
    void release();
    Value makeGuard(TaskId holder);

    Runtime& m_rt;
    std::uint32_t m_id;
    std::string m_name;
    Value m_data;
    TaskId m_holder = kNoTask;
    bool m_handedOff = false; ///< the lock was handed to the queue head, not yet taken
    std::uint64_t m_handedTicket = 0;
    std::deque<Waiter> m_waiters;
    std::uint64_t m_nextTicket = 1;
};

// ---- std::sync::Mutex -----------------------------------------------------------------------

class StdMutex : public std::enable_shared_from_this<StdMutex> {
public:
    StdMutex(Runtime& rt, std::string name, Value initial);
    Runtime& runtime() const { return m_rt; }
    std::uint32_t id() const { return m_id; }
    const std::string& name() const { return m_name; }
    Value& data() { return m_data; }
    bool locked() const { return m_holder != kNoTask; }
    TaskId holder() const { return m_holder; }

    /// `lock()` called inside a poll: a future that is Ready(guard) at once when the mutex is
    /// free, else blocks the thread until the lock is handed over.
    FuturePtr lock();
    /// `try_lock()`: Ok(guard) or Err("WouldBlock").
    Value tryLock();

private:
    friend class StdLockFuture;
    friend class StdGuard;
    struct Waiter {
        ThreadId thread;
        TaskId task;
    };
    void release();
    Value makeGuard(TaskId holder);

    Runtime& m_rt;
    std::uint32_t m_id;
    std::string m_name;
    Value m_data;
    TaskId m_holder = kNoTask;
    std::deque<Waiter> m_waiters;
    std::deque<ThreadId> m_granted; ///< threads handed the lock, about to continue their poll
};

/// A lock guard (either kind): `*guard` reads and writes the protected value.
class GuardObject : public Object {
public:
    virtual Value& value() = 0;
    virtual bool isStd() const = 0;
    virtual std::uint32_t mutexId() const = 0;
};

// ---- channels ---------------------------------------------------------------------------------

class MpscChannel : public std::enable_shared_from_this<MpscChannel> {
public:
    /// capacity 0: unbounded.
    MpscChannel(Runtime& rt, std::string name, std::size_t capacity);
    std::uint32_t id() const { return m_id; }
    void addSender() { ++m_senders; }
    void dropSender();
    void dropReceiver();
    /// `tx.send(v).await`: Ok(()) or Err(v) when the receiver is gone.
    FuturePtr send(Value v);
    /// unbounded `tx.send(v)` (no await).
    Value sendNow(Value v);
    /// `rx.recv().await`: Some(v) as Ok(v), None as Err(()).
    FuturePtr recv();
    std::size_t queued() const { return m_queue.size(); }

private:
    friend class MpscSend;
    friend class MpscRecv;
    void deliver(Value v);
    Runtime& m_rt;
    std::uint32_t m_id;
    std::string m_name;
    std::size_t m_capacity;
    std::deque<Value> m_queue;
    std::size_t m_senders = 1;
    bool m_receiverAlive = true;
    Waker m_recvWaker;
    std::deque<std::pair<std::uint64_t, Waker>> m_sendWaiters;
    std::uint64_t m_nextTicket = 1;
};

class Oneshot : public std::enable_shared_from_this<Oneshot> {
public:
    Oneshot(Runtime& rt, std::string name);
    std::uint32_t id() const { return m_id; }
    /// `tx.send(v)`: Ok(()) or Err(v) when the receiver is gone.
    Value send(Value v);
    void dropSender();
    void dropReceiver() { m_receiverAlive = false; }
    /// `rx.await`: Ok(v), or Err("channel closed") when the sender was dropped.
    FuturePtr recv();

private:
    friend class OneshotRecv;
    Runtime& m_rt;
    std::uint32_t m_id;
    std::optional<Value> m_value;
    bool m_senderAlive = true;
    bool m_receiverAlive = true;
    Waker m_waker;
};

class Notify : public std::enable_shared_from_this<Notify> {
public:
    Notify(Runtime& rt, std::string name);
    void notifyOne();
    void notifyWaiters();
    FuturePtr notified();

private:
    friend class Notified;
    Runtime& m_rt;
    std::uint32_t m_id;
    bool m_permit = false;
    std::deque<std::pair<std::uint64_t, Waker>> m_waiters;
    std::deque<std::uint64_t> m_notifiedTickets;
    std::uint64_t m_nextTicket = 1;
};

} // namespace pw
