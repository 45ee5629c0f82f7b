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
#include <cstddef>
#include <cstdint>
#include <exception>
#include <new>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace pw {

class Async final : public Future {
public:
    struct promise_type;
    using Handle = std::coroutine_handle<promise_type>;

    // Awaiters keep no output slot of their own: a coroutine awaits one child at a time, so the
    // child's output goes to the single slot in the promise (a smaller frame per await point).
    struct ChildAwaiter {
        FuturePtr child;
        promise_type* promise = nullptr;

        bool await_ready()
        {
            Poll r = child->poll(*promise->cx);
            if (r.isReady()) {
                promise->slot = std::move(r.value);
                child.reset(); // a finished future is dropped at once
                return true;
            }
            promise->suspendOn(*child, r.outcome);
            return false;
        }
        void await_suspend(std::coroutine_handle<>) noexcept {}
        Value await_resume() { return std::move(promise->slot); }
    };

    template <class F> struct InlineAwaiter {
        F child; ///< lives in the coroutine frame while the coroutine is suspended on it
        promise_type* promise;

        template <class Descriptor> InlineAwaiter(promise_type* p, const Descriptor& d) : child(d.make()), promise(p) {}
        bool await_ready()
        {
            Poll r = child.poll(*promise->cx);
            if (r.isReady()) {
                promise->slot = std::move(r.value);
                return true;
            }
            promise->suspendOn(child, r.outcome);
            return false;
        }
        void await_suspend(std::coroutine_handle<>) noexcept {}
        Value await_resume() { return std::move(promise->slot); }
    };

    struct promise_type {
        Context* cx = nullptr;
        Future* awaiting = nullptr; ///< the child the coroutine is suspended on
        /// The awaited child's output until `await_resume` takes it; at the end, the body's result.
        Value slot;
        PollOutcome lastOutcome = PollOutcome::Pending;

        void suspendOn(Future& child, PollOutcome outcome)
        {
            awaiting = &child;
            lastOutcome = outcome;
        }

        /// Frames carry a header for their boxed Async (see FrameHeader below).
        static void* operator new(std::size_t frameSize);
        static void operator delete(void* frame) noexcept;

        Async get_return_object() { return Async(Handle::from_promise(*this)); }
        std::suspend_always initial_suspend() noexcept { return {}; }
        std::suspend_always final_suspend() noexcept { return {}; }
        void return_value(Value v) { slot = std::move(v); }
        /// An exception thrown by the body (the scenario interpreter's runtime errors) is kept
        /// and rethrown from poll(), so it reaches whoever runs the engine.
        void unhandled_exception() { error = std::current_exception(); }
        std::exception_ptr error;

        ChildAwaiter await_transform(FuturePtr f) { return ChildAwaiter{std::move(f), this}; }
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
            p.slot = std::move(r.value);
            p.awaiting = nullptr;
        }
        m_handle.resume();
        if (p.error)
            std::rethrow_exception(p.error);
        if (m_handle.done())
            return Poll::ready(std::move(p.slot));
        return Poll{p.lastOutcome, {}};
    }

    std::string describe() const override
    {
        const promise_type& p = m_handle.promise();
        if (p.awaiting)
            return p.awaiting->describe();
        return "an async block";
    }

    /// Boxes this future for APIs that take a FuturePtr. The box is built in the header in front
    /// of the coroutine frame: no second allocation, and the box shares the frame's cache lines.
    FuturePtr boxed() &&;

    /// A heap Async only ever lives in its frame's header (boxed()); the block is freed once both
    /// the box and the frame are gone, whichever goes last.
    static void* operator new(std::size_t) = delete;
    static void operator delete(void* box) noexcept;

private:
    explicit Async(Handle h) : m_handle(h) {}
    Handle m_handle;
};

namespace detail {
/// In front of every Async coroutine frame: room for the frame's boxed Async, and which of
/// the two (box, frame) still lives. Its size keeps the frame at the default new alignment.
struct alignas(__STDCPP_DEFAULT_NEW_ALIGNMENT__) AsyncFrameHeader {
    alignas(Async) unsigned char box[sizeof(Async)];
    bool boxAlive = false;
    bool frameAlive = true;
    std::uint8_t sizeClass = 0; ///< where the block came from (runtime/frame_pool.h)

    static AsyncFrameHeader* ofFrame(void* frame)
    {
        return reinterpret_cast<AsyncFrameHeader*>(static_cast<unsigned char*>(frame) - sizeof(AsyncFrameHeader));
    }
};
} // namespace detail

inline FuturePtr Async::boxed() &&
{
    if (!m_handle)
        throw std::logic_error("Async::boxed: the future was moved from");
    detail::AsyncFrameHeader* header = detail::AsyncFrameHeader::ofFrame(m_handle.address());
    if (header->boxAlive)
        throw std::logic_error("Async::boxed: this frame is boxed already");
    Async* box = ::new (static_cast<void*>(header->box)) Async(std::move(*this));
    header->boxAlive = true;
    return FuturePtr(box);
}

inline Async::ChildAwaiter Async::promise_type::await_transform(Async&& f)
{
    return ChildAwaiter{std::move(f).boxed(), this};
}

inline FuturePtr box(Async&& f)
{
    return std::move(f).boxed();
}

template <class F> FuturePtr box(F&& f)
{
    return std::make_unique<std::decay_t<F>>(std::move(f));
}

} // namespace pw
