// The values a scenario computes with, beyond the engine's plain Value (unit, int, bool,
// string, tuple, Result): structs, enums (Option, Poll, the script's own), Vec, Duration,
// Instant, Arc, mutexes and guards, channels, functions and closures, lazy futures,
// JoinHandles, wakers.
//
// Policy: Rust's ownership is modelled loosely but observably right for the books' programs:
// assignment moves (shares the object; the source is not used again), `.clone()` copies
// structs, strings and vectors but shares what Rust shares (Arc, channel handles, wakers),
// and `&mut self` methods alias the receiver.
#pragma once

#include "ast.h"
#include "runtime/future.h"
#include "runtime/sync.h"
#include "runtime/value.h"
#include "runtime/waker.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace pw::lang {

struct Env;

struct StructValue final : Object {
    std::string typeName;
    std::vector<std::pair<std::string, Value>> fields;
    Value* field(const std::string& name);
    std::string debugString() const override;
};

struct EnumValue final : Object {
    std::string enumName; ///< "Option", "Poll", or the script's enum
    std::string variant;  ///< "Some", "None", "Ready", "Pending", ...
    std::vector<Value> payload;
    std::string debugString() const override;
};

struct VecValue final : Object {
    std::vector<Value> items;
    std::string debugString() const override;
};

struct DurationValue final : Object {
    std::int64_t ns = 0;
    explicit DurationValue(std::int64_t n) : ns(n) {}
    std::string debugString() const override;
};

struct InstantValue final : Object {
    std::int64_t ns = 0;
    explicit InstantValue(std::int64_t n) : ns(n) {}
    std::string debugString() const override { return "Instant"; }
};

struct ArcValue final : Object {
    Value inner;
    std::string debugString() const override { return inner.debug(); }
};

struct MutexValue final : Object {
    std::shared_ptr<TokioMutex> tokio;
    std::shared_ptr<StdMutex> std;
    std::string debugString() const override;
};

struct SenderValue final : Object {
    std::shared_ptr<MpscChannel> mpsc;
    std::shared_ptr<Oneshot> oneshot;
    ~SenderValue() override;
    std::string debugString() const override { return "Sender"; }
};

struct ReceiverValue final : Object {
    std::shared_ptr<MpscChannel> mpsc;
    std::shared_ptr<Oneshot> oneshot;
    ~ReceiverValue() override;
    std::string debugString() const override { return "Receiver"; }
};

struct FutureValue final : Object {
    FuturePtr future;        ///< moved out when awaited, spawned or joined
    std::string name;        ///< the async fn, or "async block"
    bool terminated = false; ///< completed while borrowed by select! (a fused future)
    std::string debugString() const override { return "Future(" + name + ")"; }
};

/// The async book's channel executor: `spawner.spawn(f)` queues futures, `executor.run()`
/// drives them all on the calling thread until every one is done.
struct ChannelExecutorValue final : Object {
    std::shared_ptr<std::vector<FuturePtr>> queue = std::make_shared<std::vector<FuturePtr>>();
    bool spawner = false;
    std::string debugString() const override { return spawner ? "Spawner" : "Executor"; }
};

/// A simulated file (std::fs::File): writes append to an in-memory text, no real I/O.
struct FileValue final : Object {
    std::string path;
    std::shared_ptr<std::string> content;
    std::string debugString() const override { return "File { path: \"" + path + "\" }"; }
};

/// An error value with Rust's Display and Debug texts (TryLockError, JoinError, ...).
struct ErrorValue final : Object {
    std::string display;
    std::string debug;
    ErrorValue(std::string d, std::string g) : display(std::move(d)), debug(std::move(g)) {}
    std::string debugString() const override { return debug; }
};

struct JoinHandleValue final : Object {
    TaskId task = kNoTask;
    std::string debugString() const override { return "JoinHandle"; }
};

struct WakerValue final : Object {
    Waker waker;
    std::string debugString() const override { return "Waker"; }
};

struct ContextValue final : Object {
    Waker waker; ///< cx.waker()
    std::string debugString() const override { return "Context"; }
};

/// A function, a method, or a closure with its captured environment.
struct FnValue final : Object {
    std::shared_ptr<FnDecl> decl;  ///< fn items and methods
    const Expr* closure = nullptr; ///< closures
    std::shared_ptr<Env> captured; ///< closures: the scope they were created in (or a copy for move)
    std::string builtin;           ///< a builtin function used as a value, e.g. "drop"
    std::string debugString() const override { return "fn"; }
};

/// A variable's storage: closures that capture by reference share the cell.
using Cell = std::shared_ptr<Value>;

struct Env {
    std::shared_ptr<Env> parent;
    std::vector<std::pair<std::string, Cell>> vars;
    Cell lookup(const std::string& name);
    void define(const std::string& name, Value v);
};

// Helpers to build and inspect values.
Value makeObject(std::shared_ptr<Object> o);
template <class T> T* as(const Value& v)
{
    if (!std::holds_alternative<std::shared_ptr<Object>>(v.v))
        return nullptr;
    return dynamic_cast<T*>(std::get<std::shared_ptr<Object>>(v.v).get());
}
Value makeEnum(std::string enumName, std::string variant, std::vector<Value> payload = {});
Value makeSome(Value v);
Value makeNone();
Value makeDuration(std::int64_t ns);
/// Deep copy for `.clone()`: structs, vectors, enums copied; Arc, channels, wakers shared.
Value cloneValue(const Value& v);
/// Rust's `{}` / `{:?}` for script values.
std::string displayValue(const Value& v);
std::string debugValue(const Value& v);
bool valuesEqual(const Value& a, const Value& b);

} // namespace pw::lang
