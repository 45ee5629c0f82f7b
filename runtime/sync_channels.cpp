// mpsc and oneshot channels, and Notify (see sync.h for the policy).
#include "runtime.h"
#include "sync.h"

#include <algorithm>

namespace pw {

// ---- mpsc -----------------------------------------------------------------------------------

MpscChannel::MpscChannel(Runtime& rt, std::string name, std::size_t capacity)
    : m_rt(rt), m_id(rt.registerObject(name)), m_name(std::move(name)), m_capacity(capacity)
{
}

void MpscChannel::deliver(Value v)
{
    m_queue.push_back(std::move(v));
    m_rt.record(EventKind::ChannelSend, m_rt.currentTask(), m_id);
    if (m_recvWaker.valid()) {
        Waker w = std::move(m_recvWaker);
        w.wake();
    }
}

void MpscChannel::dropSender()
{
    if (m_senders > 0 && --m_senders == 0 && m_recvWaker.valid()) {
        Waker w = std::move(m_recvWaker);
        w.wake();
    }
}

void MpscChannel::dropReceiver()
{
    m_receiverAlive = false;
    auto waiters = std::move(m_sendWaiters);
    m_sendWaiters.clear();
    for (auto& [ticket, w] : waiters)
        w.wake();
}

Value MpscChannel::sendNow(Value v)
{
    if (!m_receiverAlive)
        return Value::err(std::move(v));
    deliver(std::move(v));
    return Value::ok(Value());
}

class MpscSend final : public Future {
public:
    MpscSend(std::shared_ptr<MpscChannel> ch, Value v) : m_ch(std::move(ch)), m_value(std::move(v)) {}
    ~MpscSend() override
    {
        auto& ws = m_ch->m_sendWaiters;
        ws.erase(std::remove_if(ws.begin(), ws.end(), [&](const auto& p) { return p.first == m_ticket; }), ws.end());
    }
    Poll poll(Context& cx) override
    {
        MpscChannel& ch = *m_ch;
        if (!ch.m_receiverAlive)
            return Poll::ready(Value::err(std::move(m_value)));
        const bool atHead = ch.m_sendWaiters.empty() || ch.m_sendWaiters.front().first == m_ticket;
        if (ch.m_capacity == 0 || (ch.m_queue.size() < ch.m_capacity && atHead)) {
            if (m_ticket && !ch.m_sendWaiters.empty() && ch.m_sendWaiters.front().first == m_ticket)
                ch.m_sendWaiters.pop_front();
            m_ticket = 0;
            ch.deliver(std::move(m_value));
            return Poll::ready(Value::ok(Value()));
        }
        if (m_ticket == 0) {
            m_ticket = ch.m_nextTicket++;
            ch.m_sendWaiters.emplace_back(m_ticket, cx.waker());
        } else {
            for (auto& [t, w] : ch.m_sendWaiters)
                if (t == m_ticket)
                    w = cx.waker();
        }
        return Poll::pending();
    }
    std::string describe() const override { return "space in the channel '" + m_ch->m_name + "'"; }

private:
    std::shared_ptr<MpscChannel> m_ch;
    Value m_value;
    std::uint64_t m_ticket = 0;
};

class MpscRecv final : public Future {
public:
    explicit MpscRecv(std::shared_ptr<MpscChannel> ch) : m_ch(std::move(ch)) {}
    Poll poll(Context& cx) override
    {
        MpscChannel& ch = *m_ch;
        if (!ch.m_queue.empty()) {
            if (!ch.m_rt.coopPoll()) {
                cx.waker().wakeByRef();
                return Poll::pending();
            }
            Value v = std::move(ch.m_queue.front());
            ch.m_queue.pop_front();
            ch.m_rt.record(EventKind::ChannelRecv, cx.task(), ch.m_id);
            if (!ch.m_sendWaiters.empty())
                ch.m_sendWaiters.front().second.wakeByRef();
            return Poll::ready(Value::ok(std::move(v)));
        }
        if (ch.m_senders == 0)
            return Poll::ready(Value::err(Value()));
        ch.m_recvWaker = cx.waker();
        return Poll::pending();
    }
    std::string describe() const override { return "a message on the channel '" + m_ch->m_name + "'"; }

private:
    std::shared_ptr<MpscChannel> m_ch;
};

FuturePtr MpscChannel::send(Value v)
{
    return std::make_unique<MpscSend>(shared_from_this(), std::move(v));
}
FuturePtr MpscChannel::recv()
{
    return std::make_unique<MpscRecv>(shared_from_this());
}

// ---- oneshot --------------------------------------------------------------------------------

Oneshot::Oneshot(Runtime& rt, std::string name) : m_rt(rt), m_id(rt.registerObject(std::move(name))) {}

Value Oneshot::send(Value v)
{
    if (!m_receiverAlive)
        return Value::err(std::move(v));
    m_value = std::move(v);
    m_senderAlive = false;
    m_rt.record(EventKind::ChannelSend, m_rt.currentTask(), m_id);
    if (m_waker.valid()) {
        Waker w = std::move(m_waker);
        w.wake();
    }
    return Value::ok(Value());
}

void Oneshot::dropSender()
{
    if (!m_senderAlive)
        return;
    m_senderAlive = false;
    if (m_waker.valid()) {
        Waker w = std::move(m_waker);
        w.wake();
    }
}

class OneshotRecv final : public Future {
public:
    explicit OneshotRecv(std::shared_ptr<Oneshot> ch) : m_ch(std::move(ch)) {}
    Poll poll(Context& cx) override
    {
        Oneshot& ch = *m_ch;
        if (ch.m_value) {
            Value v = std::move(*ch.m_value);
            ch.m_value.reset();
            ch.m_rt.record(EventKind::ChannelRecv, cx.task(), ch.m_id);
            return Poll::ready(Value::ok(std::move(v)));
        }
        if (!ch.m_senderAlive)
            return Poll::ready(Value::err(Value("channel closed")));
        ch.m_waker = cx.waker();
        return Poll::pending();
    }
    std::string describe() const override { return "a oneshot value"; }

private:
    std::shared_ptr<Oneshot> m_ch;
};

FuturePtr Oneshot::recv()
{
    return std::make_unique<OneshotRecv>(shared_from_this());
}

// ---- Notify ---------------------------------------------------------------------------------

Notify::Notify(Runtime& rt, std::string name) : m_rt(rt), m_id(rt.registerObject(std::move(name))) {}

void Notify::notifyOne()
{
    if (m_waiters.empty()) {
        m_permit = true;
        return;
    }
    auto [ticket, w] = std::move(m_waiters.front());
    m_waiters.pop_front();
    m_notifiedTickets.push_back(ticket);
    w.wake();
}

void Notify::notifyWaiters()
{
    auto waiters = std::move(m_waiters);
    m_waiters.clear();
    for (auto& [ticket, w] : waiters) {
        m_notifiedTickets.push_back(ticket);
        w.wake();
    }
}

class Notified final : public Future {
public:
    explicit Notified(std::shared_ptr<Notify> n) : m_n(std::move(n)) {}
    ~Notified() override
    {
        auto& ws = m_n->m_waiters;
        ws.erase(std::remove_if(ws.begin(), ws.end(), [&](const auto& p) { return p.first == m_ticket; }), ws.end());
    }
    Poll poll(Context& cx) override
    {
        Notify& n = *m_n;
        if (m_ticket == 0) {
            if (n.m_permit) {
                n.m_permit = false;
                return Poll::ready();
            }
            m_ticket = n.m_nextTicket++;
            n.m_waiters.emplace_back(m_ticket, cx.waker());
            return Poll::pending();
        }
        auto it = std::find(n.m_notifiedTickets.begin(), n.m_notifiedTickets.end(), m_ticket);
        if (it != n.m_notifiedTickets.end()) {
            n.m_notifiedTickets.erase(it);
            m_ticket = 0;
            return Poll::ready();
        }
        for (auto& [t, w] : n.m_waiters)
            if (t == m_ticket)
                w = cx.waker();
        return Poll::pending();
    }
    std::string describe() const override { return "a Notify"; }

private:
    std::shared_ptr<Notify> m_n;
    std::uint64_t m_ticket = 0;
};

FuturePtr Notify::notified()
{
    return std::make_unique<Notified>(shared_from_this());
}

} // namespace pw
