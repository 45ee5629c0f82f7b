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
// A child is either boxed (a FuturePtr or another Async) or a leaf future given by value
// (`co_await Sleep(rt, d)`), which stays where the compiler put the operand, inside the
// coroutine frame: no allocation, and the child shares the frame's cache lines.
#pragma once

#include "future.h"

#include <concepts>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <new>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace pw {

namespace detail {
/// The Context of the Async coroutine running on this thread: set by Async::pollFrame around
/// each resume (nested polls of child Asyncs save and restore it) and read by the awaiters.
inline constinit thread_local Context* t_asyncContext = nullptr;
/// An exception thrown by a body, from its unhandled_exception to the pollFrame that resumed
/// it, which rethrows it right after the resume returns.
inline thread_local std::exception_ptr t_asyncError;
} // namespace detail

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
            Poll r = child->poll(*detail::t_asyncContext);
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

    /// A leaf future awaited in place: `co_await Sleep(rt, d)`. The future is the co_await operand,
    /// a temporary that lives in the frame until the await completes, and the awaiter only points
    /// at it. It is polled in await_suspend, which gets the promise from the handle; a future whose
    /// output is always unit (`F::kUnitOutput`) hands nothing back, so no `Value` lives in the frame.
    template <class F> struct LeafAwaiter {
        F* child;
        promise_type* promise = nullptr; ///< set by await_suspend, for await_resume

        bool await_ready() noexcept { return false; }
        bool await_suspend(Handle h)
        {
            promise_type& p = h.promise();
            promise = &p;
            Poll r = child->poll(*detail::t_asyncContext);
            if (r.isReady()) {
                p.slot = std::move(r.value);
                return false;
            }
            p.suspendOn(*child, r.outcome);
            return true;
        }
        Value await_resume() { return std::move(promise->slot); }
    };
    template <class F>
    requires(F::kUnitOutput) struct LeafAwaiter<F> {
        F* child;

        bool await_ready() noexcept { return false; }
        bool await_suspend(Handle h)
        {
            promise_type& p = h.promise();
            Poll r = child->poll(*detail::t_asyncContext);
            if (r.isReady())
                return false;
            p.suspendOn(*child, r.outcome);
            return true;
        }
        void await_resume() noexcept {}
    };

    // Every byte of the promise is in every suspended frame (a million of them in the benchmark),
    // so what is only needed while the coroutine runs (its Context, an exception on its way out)
    // is handed over in thread-locals by pollFrame, which resumes it (see detail:: above).
    struct promise_type {
        Future* awaiting = nullptr; ///< the child the coroutine is suspended on
        /// The awaited child's output until `await_resume` takes it; at the end, the body's result.
        Value slot;
        PollOutcome lastOutcome = PollOutcome::Pending;
        bool failed = false; ///< the body threw; pollFrame rethrows detail::t_asyncError

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
        void return_value(Unit) { slot = Value(); }
        /// An exception thrown by the body (the scenario interpreter's runtime errors) is kept
        /// and rethrown from poll(), so it reaches whoever runs the engine.
        void unhandled_exception()
        {
            detail::t_asyncError = std::current_exception();
            failed = true;
        }

        ChildAwaiter await_transform(FuturePtr f) { return ChildAwaiter{std::move(f), this}; }
        ChildAwaiter await_transform(Async&& f);
        /// A leaf future given by value (a prvalue of a final Future class other than Async).
        template <class F>
        requires(std::derived_from<F, Future>&& std::is_final_v<F> &&
                 !std::is_same_v<F, Async>) LeafAwaiter<F> await_transform(F&& f)
        {
            return LeafAwaiter<F>{&f};
        }
    };

    Async(Async&& o) noexcept : m_handle(std::exchange(o.m_handle, {})) {}
    Async& operator=(Async&&) = delete;
    ~Async() override
    {
        if (m_handle)
            m_handle.destroy();
    }

    Poll poll(Context& cx) override { return pollFrame(m_handle, cx); }
    std::string describe() const override { return describeFrame(m_handle); }

    /// Boxes this future for APIs that take a FuturePtr. The box is built in the header in front
    /// of the coroutine frame: no second allocation, and the box shares the frame's cache lines.
    FuturePtr boxed() &&;

    /// An Async is a value: boxing builds a `detail::AsyncBox` in the frame's header instead.
    static void* operator new(std::size_t) = delete;

    /// Resumes the coroutine of `h` (after polling the child it is suspended on, if any).
    static Poll pollFrame(Handle h, Context& cx)
    {
        promise_type& p = h.promise();
        if (p.awaiting) {
            Poll r = p.awaiting->poll(cx);
            if (!r.isReady())
                return Poll{r.outcome, {}};
            p.slot = std::move(r.value);
            p.awaiting = nullptr;
        }
        // resume() does not throw (the body's exceptions end in unhandled_exception), so the
        // outer coroutine's context is restored on every path.
        Context* const outer = std::exchange(detail::t_asyncContext, &cx);
        h.resume();
        detail::t_asyncContext = outer;
        if (p.failed)
            std::rethrow_exception(std::exchange(detail::t_asyncError, nullptr));
        if (h.done())
            return Poll::ready(std::move(p.slot));
        return Poll{p.lastOutcome, {}};
    }
    static std::string describeFrame(Handle h)
    {
        const promise_type& p = h.promise();
        if (p.awaiting)
            return p.awaiting->describe();
        return "an async block";
    }

private:
    explicit Async(Handle h) : m_handle(h) {}
    Handle m_handle;
};

namespace detail {
/// In front of every Async coroutine frame: room for the frame's boxed future (an AsyncBox, which
/// is only a vtable pointer: its frame is right behind it), and which of the two (box, frame)
/// still lives. 16 bytes, so the frame stays at the default new alignment.
struct alignas(__STDCPP_DEFAULT_NEW_ALIGNMENT__) AsyncFrameHeader {
    alignas(void*) unsigned char box[sizeof(void*)];
    bool boxAlive = false;
    bool frameAlive = true;
    std::uint8_t sizeClass = 0; ///< where the block came from (runtime/frame_pool.h)

    static AsyncFrameHeader* ofFrame(void* frame)
    {
        return reinterpret_cast<AsyncFrameHeader*>(static_cast<unsigned char*>(frame) - sizeof(AsyncFrameHeader));
    }
    void* frame() { return reinterpret_cast<unsigned char*>(this) + sizeof(AsyncFrameHeader); }
};
static_assert(sizeof(AsyncFrameHeader) == 16, "the frame header is a box pointer and three bytes");

/// A boxed Async: lives in its frame's header, so it needs no handle of its own. Deleting it
/// destroys the frame; the block is freed once both the box and the frame are gone.
class AsyncBox final : public Future {
public:
    ~AsyncBox() override { handle().destroy(); }
    Poll poll(Context& cx) override { return Async::pollFrame(handle(), cx); }
    std::string describe() const override { return Async::describeFrame(handle()); }

    static void* operator new(std::size_t) = delete;
    static void operator delete(void* box) noexcept;

private:
    Async::Handle handle() const
    {
        auto* header = reinterpret_cast<AsyncFrameHeader*>(const_cast<AsyncBox*>(this));
        return Async::Handle::from_address(header->frame());
    }
};
static_assert(sizeof(AsyncBox) == sizeof(void*), "a boxed Async is only its vtable pointer");
} // namespace detail

inline FuturePtr Async::boxed() &&
{
    if (!m_handle)
        throw std::logic_error("Async::boxed: the future was moved from");
    detail::AsyncFrameHeader* header = detail::AsyncFrameHeader::ofFrame(m_handle.address());
    if (header->boxAlive)
        throw std::logic_error("Async::boxed: this frame is boxed already");
    m_handle = {}; // the box owns the frame now
    auto* box = ::new (static_cast<void*>(header->box)) detail::AsyncBox;
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
