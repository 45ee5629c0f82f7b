// `Async`: write an async fn body in C++ with co_await, for tests, benchmarks and built-ins.
//
// Policy: an Async is a lazy future (nothing runs until the first poll, like a Rust async fn
// call). Its poll resumes the coroutine; `co_await child` polls the child future in place:
// Ready continues at once with the value, Pending or Blocked suspends the coroutine and the
// poll returns that outcome. The next poll polls the same child again first (a Blocked child
// continues its interrupted poll, a Pending child is re-polled), and only resumes the body
// when the child is Ready. Dropping an Async destroys its frame, and with it the child it was
// suspended on: that is cancellation, exactly as dropping a Rust future.
//
// A child is either boxed (a FuturePtr or another Async) or built in place inside the
// coroutine frame from a descriptor with a `make()` that returns the future by value
// (`co_await SleepFor{rt, d}`): no allocation, and the child shares the frame's cache lines.
#pragma once

#include "future.h"

#include <coroutine>
#include <exception>
#include <type_traits>
#include <utility>

namespace pw {

class Async final : public Future {
public:
    struct promise_type;
    using Handle = std::coroutine_handle<promise_type>;

    struct ChildAwaiter {
        FuturePtr child;
        promise_type* promise = nullptr;
        Value value;

        bool await_ready()
        {
            Poll r = child->poll(*promise->cx);
            if (r.isReady()) {
                value = std::move(r.value);
                child.reset(); // a finished future is dropped at once
                return true;
            }
            promise->suspendOn(*child, value, r.outcome);
            return false;
        }
        void await_suspend(std::coroutine_handle<>) noexcept {}
        Value await_resume() { return std::move(value); }
    };

    template <class F> struct InlineAwaiter {
        F child; ///< lives in the coroutine frame while the coroutine is suspended on it
        promise_type* promise;
        Value value;

        template <class Descriptor> InlineAwaiter(promise_type* p, const Descriptor& d) : child(d.make()), promise(p) {}
        bool await_ready()
        {
            Poll r = child.poll(*promise->cx);
            if (r.isReady()) {
                value = std::move(r.value);
                return true;
            }
            promise->suspendOn(child, value, r.outcome);
            return false;
        }
        void await_suspend(std::coroutine_handle<>) noexcept {}
        Value await_resume() { return std::move(value); }
    };

    struct promise_type {
        Context* cx = nullptr;
        Future* awaiting = nullptr;    ///< the child the coroutine is suspended on
        Value* awaitedValue = nullptr; ///< where that child's output goes
        PollOutcome lastOutcome = PollOutcome::Pending;
        Value result;

        void suspendOn(Future& child, Value& slot, PollOutcome outcome)
        {
            awaiting = &child;
            awaitedValue = &slot;
            lastOutcome = outcome;
        }

        Async get_return_object() { return Async(Handle::from_promise(*this)); }
        std::suspend_always initial_suspend() noexcept { return {}; }
        std::suspend_always final_suspend() noexcept { return {}; }
        void return_value(Value v) { result = std::move(v); }
        /// An exception thrown by the body (the scenario interpreter's runtime errors) is kept
        /// and rethrown from poll(), so it reaches whoever runs the engine.
        void unhandled_exception() { error = std::current_exception(); }
        std::exception_ptr error;

        ChildAwaiter await_transform(FuturePtr f) { return ChildAwaiter{std::move(f), this, {}}; }
        ChildAwaiter await_transform(Async&& f);
        template <class Descriptor>
        requires requires(const Descriptor& d) { d.make(); }
        InlineAwaiter<decltype(std::declval<const Descriptor&>().make())> await_transform(const Descriptor& d)
        {
            return InlineAwaiter<decltype(d.make())>(this, d);
        }
    };

    Async(Async&& o) noexcept : m_handle(std::exchange(o.m_handle, {})) {}
    Async& operator=(Async&&) = delete;
    ~Async() override
    {
        if (m_handle)
            m_handle.destroy();
    }

    Poll poll(Context& cx) override
    {
        promise_type& p = m_handle.promise();
        p.cx = &cx;
        if (p.awaiting) {
            Poll r = p.awaiting->poll(cx);
            if (!r.isReady())
                return Poll{r.outcome, {}};
            *p.awaitedValue = std::move(r.value);
            p.awaiting = nullptr;
        }
        m_handle.resume();
        if (p.error)
            std::rethrow_exception(p.error);
        if (m_handle.done())
            return Poll::ready(std::move(p.result));
        return Poll{p.lastOutcome, {}};
    }

    std::string describe() const override
    {
        const promise_type& p = m_handle.promise();
        if (p.awaiting)
            return p.awaiting->describe();
        return "an async block";
    }

    /// Boxes this future for APIs that take a FuturePtr.
    FuturePtr boxed() && { return std::make_unique<Async>(std::move(*this)); }

private:
    explicit Async(Handle h) : m_handle(h) {}
    Handle m_handle;
};

inline Async::ChildAwaiter Async::promise_type::await_transform(Async&& f)
{
    return ChildAwaiter{std::make_unique<Async>(std::move(f)), this, {}};
}

template <class F> FuturePtr box(F&& f)
{
    return std::make_unique<std::decay_t<F>>(std::move(f));
}

} // namespace pw
