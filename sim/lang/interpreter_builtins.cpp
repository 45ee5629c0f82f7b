// Names the scenario language knows: paths (`use` resolution), builtin functions
// (thread::sleep, tokio::spawn, Duration::from_secs, Arc::new, channels ...), methods on
// builtin values (Result::unwrap, Mutex::lock, Instant::elapsed ...) and macros.
#include "interpreter.h"

#include "runtime/basic_futures.h"
#include "runtime/join.h"
#include "runtime/join_handle.h"
#include "runtime/select.h"

namespace pw::lang {

namespace {
std::string joinPath(const std::vector<std::string>& p)
{
    std::string s;
    for (std::size_t i = 0; i < p.size(); ++i)
        s += (i ? "::" : "") + p[i];
    return s;
}

// Builtin functions by canonical path; aliases map to one name.
const std::map<std::string, std::string>& builtinAliases()
{
    static const std::map<std::string, std::string> m = {
        {"std::thread::sleep", "thread_sleep"},
        {"tokio::time::sleep", "sleep"},
        {"tokio::time::timeout", "timeout"},
        {"std::time::Duration::from_secs", "from_secs"},
        {"std::time::Duration::from_millis", "from_millis"},
        {"std::time::Duration::from_micros", "from_micros"},
        {"std::time::Duration::from_nanos", "from_nanos"},
        {"tokio::time::Duration::from_secs", "from_secs"},
        {"tokio::time::Duration::from_millis", "from_millis"},
        {"std::time::Instant::now", "instant_now"},
        {"tokio::time::Instant::now", "instant_now"},
        {"tokio::spawn", "spawn"},
        {"tokio::task::spawn", "spawn"},
        {"tokio::task::spawn_blocking", "spawn_blocking"},
        {"tokio::task::yield_now", "yield_now"},
        {"std::thread::spawn", "thread_spawn"},
        {"std::sync::Arc::new", "arc_new"},
        {"std::rc::Rc::new", "arc_new"},
        {"std::sync::Arc::clone", "arc_clone"},
        {"std::sync::Mutex::new", "std_mutex_new"},
        {"tokio::sync::Mutex::new", "tokio_mutex_new"},
        {"tokio::sync::mpsc::channel", "mpsc_channel"},
        {"tokio::sync::mpsc::unbounded_channel", "mpsc_unbounded"},
        {"tokio::sync::oneshot::channel", "oneshot_channel"},
        {"tokio::sync::Notify::new", "notify_new"},
        {"futures::future::join_all", "join_all"},
        {"futures_util::future::join_all", "join_all"},
        {"std::mem::drop", "drop"},
        {"drop", "drop"},
        {"Box::pin", "identity"},
        {"Box::new", "identity"},
        {"std::pin::Pin::new", "identity"},
        {"String::from", "string_from"},
        {"String::new", "string_new"},
        {"Vec::new", "vec_new"},
        {"Vec::with_capacity", "vec_new"},
        {"Some", "some"},
        {"Ok", "ok"},
        {"Err", "err"},
        {"std::task::Poll::Ready", "poll_ready"},
        {"loop_executor", "loop_executor"},
        {"block_thread_on", "block_on"},
        {"futures::executor::block_on", "block_on"},
        {"pinwheel::polls", "pinwheel_polls"},
        {"std::task::Waker::noop", "waker_noop"},
        {"futures::future::ready", "future_ready"},
        {"std::future::ready", "future_ready"},
        {"String::from_utf8", "string_from_utf8"},
        {"new_executor_and_spawner", "new_executor_and_spawner"},
        {"std::fs::OpenOptions::new", "open_options"},
        {"std::fs::File::create", "file_create"},
        {"std::fs::File::open", "file_create"},
    };
    return m;
}

// Paths a `use` may name: anything under these roots is accepted.
bool knownRoot(const std::string& root)
{
    return root == "std" || root == "tokio" || root == "futures" || root == "futures_util" || root == "core";
}
} // namespace

std::map<std::string, std::string> Interpreter::files() const
{
    std::map<std::string, std::string> out;
    for (const auto& [path, content] : m_files)
        out[path] = *content;
    return out;
}

std::string Interpreter::canonical(const std::vector<std::string>& path) const
{
    if (path.empty())
        return {};
    std::vector<std::string> full;
    auto it = m_uses.find(path[0]);
    if (it != m_uses.end()) {
        full = it->second;
        full.insert(full.end(), path.begin() + 1, path.end());
    } else {
        full = path;
        // Lenient prelude for the types every listing uses.
        static const std::map<std::string, std::vector<std::string>> prelude = {
            {"Duration", {"std", "time", "Duration"}},
            {"Instant", {"std", "time", "Instant"}},
            {"Arc", {"std", "sync", "Arc"}},
            {"Poll", {"std", "task", "Poll"}},
            {"thread", {"std", "thread"}},
            {"mem", {"std", "mem"}},
            {"Pin", {"std", "pin", "Pin"}},
        };
        auto p = prelude.find(path[0]);
        if (p != prelude.end() && path.size() > 1) {
            full = p->second;
            full.insert(full.end(), path.begin() + 1, path.end());
        }
    }
    if (full.size() > 1 && full[0] == "core")
        full[0] = "std";
    return joinPath(full);
}

Value Interpreter::lookupPath(const Expr& e, EnvPtr env)
{
    if (e.path.size() == 1) {
        const std::string& name = e.path[0];
        if (Cell c = env->lookup(name))
            return *c;
        if (name == "None")
            return makeNone();
        auto p = m_params.find(name);
        if (p != m_params.end() && m_consts.count(name))
            return Value(p->second);
        auto c = m_consts.find(name);
        if (c != m_consts.end()) {
            const Expr& v = *c->second->value;
            if (v.kind == ExprKind::IntLit)
                return Value(v.intValue);
            if (v.kind == ExprKind::StrLit || v.kind == ExprKind::BoolLit)
                return v.kind == ExprKind::StrLit ? Value(v.text) : Value(v.boolValue);
            if (v.kind == ExprKind::Unary && v.text == "-" && v.args[0]->kind == ExprKind::IntLit)
                return Value(-v.args[0]->intValue);
            fail(v.loc, "a `const` must be a literal in scenarios");
        }
        auto f = m_functions.find(name);
        if (f != m_functions.end()) {
            auto fn = std::make_shared<FnValue>();
            fn->decl = f->second;
            return makeObject(std::move(fn));
        }
    }
    const std::string full = canonical(e.path);
    if (full == "std::task::Poll::Pending")
        return makeEnum("Poll", "Pending");
    // Unit variants of the script's enums: Enum::Variant.
    if (e.path.size() == 2 && m_enums.count(e.path[0]))
        return makeEnum(e.path[0], e.path[1]);
    auto b = builtinAliases().find(full);
    if (b != builtinAliases().end()) {
        auto fn = std::make_shared<FnValue>();
        fn->builtin = b->second;
        return makeObject(std::move(fn));
    }
    // Associated functions of the script's types: Type::new.
    if (e.path.size() == 2) {
        std::string type = e.path[0];
        if (type == "Self")
            if (Cell self = env->lookup("#Self"))
                type = self->asString();
        if (auto m = findMethod(type, e.path[1])) {
            auto fn = std::make_shared<FnValue>();
            fn->decl = m;
            return makeObject(std::move(fn));
        }
    }
    fail(e.loc,
         "unknown name `" + joinPath(e.path) + "`" +
             (e.path.size() > 1 && !knownRoot(e.path[0]) && !m_uses.count(e.path[0])
                  ? " (scenarios can use std, tokio and futures, and what the file defines)"
                  : ""),
         static_cast<int>(joinPath(e.path).size()));
}

Async Interpreter::evalCall(const Expr& e, EnvPtr env, FramePtr frame)
{
    const Expr& callee = *e.args[0];
    // Tuple-struct / enum-variant constructors of the script: Variant(x), Type(x).
    if (callee.kind == ExprKind::Path) {
        const std::string last = callee.path.back();
        if (callee.path.size() == 2 && m_enums.count(callee.path[0])) {
            std::vector<Value> payload;
            for (std::size_t i = 1; i < e.args.size(); ++i) {
                Value v = co_await eval(*e.args[i], env, frame);
                payload.push_back(std::move(v));
            }
            co_return makeEnum(callee.path[0], last, std::move(payload));
        }
        // `Self::method(..)` inside an impl: resolve through self's type.
        if (callee.path.size() == 2 && callee.path[0] == "Self") {
            if (Cell self = env->lookup("self"))
                if (auto* s = as<StructValue>(*self))
                    if (auto m = findMethod(s->typeName, last)) {
                        std::vector<Value> args;
                        for (std::size_t i = 1; i < e.args.size(); ++i) {
                            Value v = co_await eval(*e.args[i], env, frame);
                            args.push_back(std::move(v));
                        }
                        if (m->isAsync) {
                            auto fut = std::make_shared<FutureValue>();
                            fut->future = runFunction(m, std::move(args), *self).boxed();
                            fut->name = m->name;
                            co_return makeObject(std::move(fut));
                        }
                        Value r = co_await runFunction(m, std::move(args), *self);
                        co_return r;
                    }
        }
    }
    Value fn = co_await eval(callee, env, frame);
    std::vector<Value> args;
    for (std::size_t i = 1; i < e.args.size(); ++i) {
        Value v = co_await eval(*e.args[i], env, frame);
        args.push_back(std::move(v));
    }
    // drop(x): release the variable now (guards unlock, senders close).
    if (auto* f = as<FnValue>(fn); f && f->builtin == "drop" && e.args.size() == 2 &&
                                   e.args[1]->kind == ExprKind::Path && e.args[1]->path.size() == 1) {
        if (Cell c = env->lookup(e.args[1]->path[0]))
            *c = Value();
        args.clear();
        co_return Value();
    }
    Value r = co_await callValue(std::move(fn), std::move(args), e);
    co_return r;
}

Async Interpreter::callValue(Value callee, std::vector<Value> args, const Expr& at)
{
    auto* f = as<FnValue>(callee);
    if (!f)
        fail(at.loc, "this is not a function: " + debugValue(callee));
    if (!f->builtin.empty()) {
        Value r = co_await callBuiltin(f->builtin, std::move(args), at);
        co_return r;
    }
    if (f->closure) {
        auto self = std::static_pointer_cast<FnValue>(callee.asObject());
        if (f->closure->isAsync) {
            auto fut = std::make_shared<FutureValue>();
            fut->future = runClosure(self, std::move(args)).boxed();
            fut->name = "async closure";
            co_return makeObject(std::move(fut));
        }
        Value r = co_await runClosure(self, std::move(args));
        co_return r;
    }
    auto decl = f->decl;
    Value self;
    if (!decl->selfParam.empty()) {
        if (args.empty())
            fail(at.loc, "`" + decl->name + "` is a method: call it as value." + decl->name + "(..)");
        self = args.front();
        args.erase(args.begin());
    }
    if (decl->isAsync) {
        auto fut = std::make_shared<FutureValue>();
        fut->future = runFunction(decl, std::move(args), self).boxed(); // lazy: runs when polled
        fut->name = decl->name;
        co_return makeObject(std::move(fut));
    }
    Value r = co_await runFunction(decl, std::move(args), self);
    co_return r;
}

Async Interpreter::callBuiltin(const std::string& name, std::vector<Value> args, const Expr& at)
{
    auto need = [&](std::size_t n) {
        if (args.size() != n)
            fail(at.loc, "`" + name + "` takes " + std::to_string(n) + " argument(s), " + std::to_string(args.size()) +
                             " given");
    };
    if (name == "from_secs" || name == "from_millis" || name == "from_micros" || name == "from_nanos") {
        need(1);
        const std::int64_t k = name == "from_secs"     ? 1'000'000'000
                               : name == "from_millis" ? 1'000'000
                               : name == "from_micros" ? 1'000
                                                       : 1;
        co_return makeDuration(asInt(args[0], at) * k);
    }
    if (name == "thread_sleep") {
        need(1);
        co_await threadSleep(SimDuration{durationNs(args[0], at)});
        co_return Value();
    }
    if (name == "sleep") {
        need(1);
        auto f = std::make_shared<FutureValue>();
        f->future = pw::sleep(m_rt, SimDuration{durationNs(args[0], at)});
        f->name = "sleep";
        co_return makeObject(std::move(f));
    }
    if (name == "timeout") {
        need(2);
        auto f = std::make_shared<FutureValue>();
        f->future = pw::timeout(m_rt, SimDuration{durationNs(args[0], at)}, toFuture(args[1], at));
        f->name = "timeout";
        co_return makeObject(std::move(f));
    }
    if (name == "yield_now") {
        auto f = std::make_shared<FutureValue>();
        f->future = yieldNow();
        f->name = "yield_now";
        co_return makeObject(std::move(f));
    }
    if (name == "instant_now")
        co_return makeObject(std::make_shared<InstantValue>(m_rt.now().ns));
    if (name == "spawn") {
        need(1);
        if (m_rt.config().flavor != Flavor::MultiThread && m_rt.config().flavor != Flavor::CurrentThread)
            fail(at.loc, "tokio::spawn needs a Tokio runtime: use #[tokio::main]");
        std::string taskName = taskNameFor(args[0]);
        auto h = std::make_shared<JoinHandleValue>();
        h->task = m_rt.spawn(toFuture(std::move(args[0]), at), taskName);
        co_return makeObject(std::move(h));
    }
    if (name == "spawn_blocking" || name == "thread_spawn") {
        need(1);
        auto* fn = as<FnValue>(args[0]);
        if (!fn || !fn->closure)
            fail(at.loc, "`" + std::string(name == "spawn_blocking" ? "spawn_blocking" : "thread::spawn") +
                             "` takes a closure: || { .. }");
        auto self = std::static_pointer_cast<FnValue>(args[0].asObject());
        const std::string taskName = m_spawnName;
        auto h = std::make_shared<JoinHandleValue>();
        h->task = name == "spawn_blocking" ? m_rt.spawnBlocking(runClosure(self, {}).boxed(), taskName)
                                           : m_rt.spawnThread(runClosure(self, {}).boxed(), taskName);
        co_return makeObject(std::move(h));
    }
    if (name == "arc_new") {
        need(1);
        auto a = std::make_shared<ArcValue>();
        a->inner = std::move(args[0]);
        co_return makeObject(std::move(a));
    }
    if (name == "arc_clone") {
        need(1);
        co_return args[0];
    }
    if (name == "std_mutex_new" || name == "tokio_mutex_new") {
        need(1);
        auto m = std::make_shared<MutexValue>();
        const std::string label = m_spawnName.empty() ? "mutex" : m_spawnName;
        if (name == "std_mutex_new")
            m->std = std::make_shared<StdMutex>(m_rt, label, std::move(args[0]));
        else
            m->tokio = std::make_shared<TokioMutex>(m_rt, label, std::move(args[0]));
        co_return makeObject(std::move(m));
    }
    if (name == "mpsc_channel" || name == "mpsc_unbounded" || name == "oneshot_channel") {
        auto tx = std::make_shared<SenderValue>();
        auto rx = std::make_shared<ReceiverValue>();
        if (name == "oneshot_channel") {
            auto ch = std::make_shared<Oneshot>(m_rt, "oneshot");
            tx->oneshot = rx->oneshot = ch;
        } else {
            std::size_t cap = 0;
            if (name == "mpsc_channel") {
                need(1);
                cap = static_cast<std::size_t>(std::max<std::int64_t>(1, asInt(args[0], at)));
            }
            auto ch = std::make_shared<MpscChannel>(m_rt, "channel", cap);
            tx->mpsc = rx->mpsc = ch;
        }
        co_return Value(Tuple{makeObject(std::move(tx)), makeObject(std::move(rx))});
    }
    if (name == "join_all") {
        need(1);
        auto* v = as<VecValue>(args[0]);
        if (!v)
            fail(at.loc, "join_all takes a Vec of futures");
        std::vector<FuturePtr> fs;
        for (auto& x : v->items)
            fs.push_back(toFuture(x, at));
        auto f = std::make_shared<FutureValue>();
        f->future = joinAll(std::move(fs));
        f->name = "join_all";
        co_return makeObject(std::move(f));
    }
    if (name == "identity" || name == "drop") {
        co_return args.empty() ? Value() : args[0];
    }
    if (name == "string_from") {
        need(1);
        co_return Value(displayValue(args[0]));
    }
    if (name == "string_new")
        co_return Value(std::string());
    if (name == "vec_new")
        co_return makeObject(std::make_shared<VecValue>());
    if (name == "some") {
        need(1);
        co_return makeSome(std::move(args[0]));
    }
    if (name == "ok" || name == "err") {
        Value inner = args.empty() ? Value() : std::move(args[0]);
        co_return name == "ok" ? Value::ok(std::move(inner)) : Value::err(std::move(inner));
    }
    if (name == "poll_ready")
        co_return makeEnum("Poll", "Ready", {args.empty() ? Value() : std::move(args[0])});
    if (name == "loop_executor" || name == "block_on") {
        need(1);
        // The books' executors drive the whole program: the run's flavor (set from
        // #[pinwheel(executor = ..)]) decides how main is polled; here we await the future.
        Value out = co_await awaitValue(std::move(args[0]), at);
        co_return out;
    }
    if (name == "waker_noop")
        co_return makeObject(std::make_shared<WakerValue>()); // wakes nobody
    if (name == "future_ready") {
        auto f = std::make_shared<FutureValue>();
        f->future = ready(args.empty() ? Value() : std::move(args[0]));
        f->name = "ready";
        co_return makeObject(std::move(f));
    }
    if (name == "string_from_utf8") {
        need(1);
        co_return Value::ok(Value(displayValue(args[0])));
    }
    if (name == "new_executor_and_spawner") {
        auto ex = std::make_shared<ChannelExecutorValue>();
        auto sp = std::make_shared<ChannelExecutorValue>();
        sp->queue = ex->queue;
        sp->spawner = true;
        co_return Value(Tuple{makeObject(std::move(ex)), makeObject(std::move(sp))});
    }
    if (name == "open_options")
        co_return makeObject(std::make_shared<StructValue>()); // builder: .append(..).open(path)
    if (name == "file_create") {
        need(1);
        const std::string path = displayValue(args[0]);
        auto f = std::make_shared<FileValue>();
        f->path = path;
        auto& content = m_files[path];
        if (!content)
            content = std::make_shared<std::string>();
        f->content = content;
        co_return Value::ok(makeObject(std::move(f)));
    }
    if (name == "pinwheel_polls")
        co_return Value(static_cast<std::int64_t>(m_rt.task(0).polls));
    fail(at.loc, "unsupported function `" + name + "`");
}

Async Interpreter::evalMethodCall(const Expr& e, EnvPtr env, FramePtr frame)
{
    const std::string& m = e.text;
    // Methods that change the receiver in place need its storage.
    Value* target = nullptr;
    if (m == "push_str" || m == "take" || m == "push" || m == "insert" || m == "replace")
        if (e.args[0]->kind == ExprKind::Path || e.args[0]->kind == ExprKind::Field ||
            e.args[0]->kind == ExprKind::Unary)
            target = place(*e.args[0], env);
    // (No co_await inside a conditional expression: GCC 12 mis-handles its temporaries.)
    Value recv;
    if (target)
        recv = *target;
    else
        recv = co_await eval(*e.args[0], env, frame);
    std::vector<Value> args;
    for (std::size_t i = 1; i < e.args.size(); ++i) {
        Value v = co_await eval(*e.args[i], env, frame);
        args.push_back(std::move(v));
    }
    Value r = co_await callMethod(std::move(recv), m, std::move(args), e, target);
    co_return r;
}

Async Interpreter::callMethod(Value recv, const std::string& m, std::vector<Value> args, const Expr& at, Value* place)
{
    // The script's own methods first.
    if (auto* s = as<StructValue>(recv)) {
        if (auto decl = findMethod(s->typeName, m)) {
            if (decl->isAsync) {
                auto fut = std::make_shared<FutureValue>();
                fut->future = runFunction(decl, std::move(args), recv).boxed();
                fut->name = s->typeName + "::" + m;
                co_return makeObject(std::move(fut));
            }
            Value r = co_await runFunction(decl, std::move(args), recv);
            co_return r;
        }
    }
    if (m == "clone" || m == "to_owned") {
        if (as<ArcValue>(recv))
            co_return recv;
        co_return cloneValue(recv);
    }
    if (auto* st = as<StructValue>(recv); st && st->typeName.empty()) { // OpenOptions builder
        if (m == "append" || m == "write" || m == "create" || m == "read" || m == "truncate")
            co_return recv;
        if (m == "open") {
            Value r = co_await callBuiltin("file_create", std::move(args), at);
            co_return r;
        }
    }
    if (auto* file = as<FileValue>(recv); file && (m == "write_all" || m == "write")) {
        if (m_ioCost.ns > 0)
            co_await cpuWork(m_ioCost); // the write system call blocks the thread
        *file->content += displayValue(args.at(0));
        co_return Value::ok(Value());
    }
    if (m == "as_bytes" || m == "into_bytes")
        co_return recv;
    if (m == "fuse" || m == "boxed" || m == "as_mut" || m == "get_mut" || m == "to_vec" || m == "as_ref")
        co_return recv; // FutureExt::fuse and friends: no observable change in the model
    if (auto* ce = as<ChannelExecutorValue>(recv)) {
        if (ce->spawner && m == "spawn") {
            ce->queue->push_back(toFuture(args.at(0), at));
            co_return Value();
        }
        if (!ce->spawner && m == "run") {
            // Every queued task runs to completion on this thread; a wake re-polls (resends) it.
            std::vector<FuturePtr> tasks = std::move(*ce->queue);
            ce->queue->clear();
            co_await joinAll(std::move(tasks));
            co_return Value();
        }
    }
    if (m == "to_string" || m == "as_str" || m == "into")
        co_return recv.isString() ? recv : Value(displayValue(recv));
    if (auto* a = as<ArcValue>(recv)) {
        Value r = co_await callMethod(a->inner, m, std::move(args), at, nullptr);
        co_return r;
    }
    if (auto* mu = as<MutexValue>(recv)) {
        if (m == "lock") {
            if (mu->tokio) {
                auto f = std::make_shared<FutureValue>();
                f->future = mu->tokio->lock();
                f->name = "Mutex::lock";
                co_return makeObject(std::move(f));
            }
            Value guard = co_await mu->std->lock(); // blocks the thread while held elsewhere
            co_return Value::ok(std::move(guard));
        }
        if (m == "try_lock") {
            Value r = mu->tokio ? mu->tokio->tryLock() : mu->std->tryLock();
            if (r.isOk())
                co_return r;
            // Rust's error texts: std::sync::TryLockError / tokio::sync::TryLockError.
            co_return Value::err(makeObject(
                mu->tokio
                    ? std::make_shared<ErrorValue>("operation would block", "TryLockError(())")
                    : std::make_shared<ErrorValue>("try_lock failed because the operation would block", "WouldBlock")));
        }
    }
    if (auto* g = as<GuardObject>(recv)) {
        Value r = co_await callMethod(g->value(), m, std::move(args), at, &g->value());
        co_return r;
    }
    if (recv.isResult()) {
        const ResultValue& r = recv.asResult();
        if (m == "unwrap" || m == "expect") {
            if (!r.ok)
                fail(at.loc, "called `" + m + "()` on an `Err` value: " + debugValue(r.inner) +
                                 (m == "expect" && !args.empty() ? " (" + displayValue(args[0]) + ")" : ""));
            co_return r.inner;
        }
        if (m == "is_ok")
            co_return Value(r.ok);
        if (m == "is_err")
            co_return Value(!r.ok);
        if (m == "unwrap_or")
            co_return r.ok ? r.inner : args.at(0);
        if (m == "ok")
            co_return r.ok ? makeSome(r.inner) : makeNone();
        if (m == "unwrap_err") {
            if (r.ok)
                fail(at.loc, "called `unwrap_err()` on an `Ok` value");
            co_return r.inner;
        }
    }
    if (auto* o = as<EnumValue>(recv); o && o->enumName == "Option") {
        const bool some = o->variant == "Some";
        if (m == "unwrap" || m == "expect") {
            if (!some)
                fail(at.loc, "called `" + m + "()` on a `None` value");
            co_return o->payload[0];
        }
        if (m == "is_some")
            co_return Value(some);
        if (m == "is_none")
            co_return Value(!some);
        if (m == "unwrap_or")
            co_return some ? o->payload[0] : args.at(0);
        if (m == "take") {
            if (place)
                *place = makeNone();
            co_return recv;
        }
    }
    if (auto* d = as<DurationValue>(recv)) {
        if (m == "as_secs")
            co_return Value(d->ns / 1'000'000'000);
        if (m == "as_millis")
            co_return Value(d->ns / 1'000'000);
        if (m == "as_micros")
            co_return Value(d->ns / 1'000);
        if (m == "as_nanos")
            co_return Value(d->ns);
        if (m == "subsec_millis")
            co_return Value((d->ns / 1'000'000) % 1000);
    }
    if (auto* i = as<InstantValue>(recv)) {
        if (m == "elapsed")
            co_return makeDuration(m_rt.now().ns - i->ns);
        if (m == "duration_since")
            if (auto* o = as<InstantValue>(args.at(0)))
                co_return makeDuration(i->ns - o->ns);
    }
    if (auto* h = as<JoinHandleValue>(recv)) {
        if (m == "abort") {
            m_rt.abort(h->task);
            co_return Value();
        }
        if (m == "is_finished")
            co_return Value(m_rt.taskFinished(h->task));
        if (m == "join") { // std::thread::JoinHandle::join: wait for the thread (not modelled as blocking)
            Value out = co_await joinHandle(m_rt, h->task);
            co_return out;
        }
    }
    if (auto* w = as<WakerValue>(recv)) {
        if (m == "wake") {
            w->waker.wake();
            co_return Value();
        }
        if (m == "wake_by_ref") {
            w->waker.wakeByRef();
            co_return Value();
        }
        if (m == "will_wake")
            if (auto* o = as<WakerValue>(args.at(0)))
                co_return Value(w->waker.willWake(o->waker));
    }
    if (auto* c = as<ContextValue>(recv); c && m == "waker") {
        auto w = std::make_shared<WakerValue>();
        w->waker = c->waker;
        co_return makeObject(std::move(w));
    }
    if (auto* tx = as<SenderValue>(recv); tx && m == "send") {
        if (args.size() != 1)
            fail(at.loc, "send takes one value");
        if (tx->oneshot)
            co_return tx->oneshot->send(std::move(args[0]));
        auto f = std::make_shared<FutureValue>();
        f->future = tx->mpsc->send(std::move(args[0]));
        f->name = "Sender::send";
        co_return makeObject(std::move(f));
    }
    if (auto* rx = as<ReceiverValue>(recv); rx && rx->mpsc && m == "recv") {
        // recv() -> Option<T>: the channel future gives Ok(v) / Err(()) for Some / None.
        struct RecvAsOption final : Future {
            FuturePtr inner;
            Poll poll(Context& cx) override
            {
                Poll r = inner->poll(cx);
                if (!r.isReady())
                    return r;
                return Poll::ready(r.value.isOk() ? makeSome(r.value.asResult().inner) : makeNone());
            }
            std::string describe() const override { return inner->describe(); }
        };
        auto f = std::make_shared<FutureValue>();
        auto ro = std::make_unique<RecvAsOption>();
        ro->inner = rx->mpsc->recv();
        f->future = std::move(ro);
        f->name = "Receiver::recv";
        co_return makeObject(std::move(f));
    }
    if (auto* v = as<VecValue>(recv)) {
        if (m == "push") {
            v->items.push_back(args.at(0));
            co_return Value();
        }
        if (m == "len")
            co_return Value(static_cast<std::int64_t>(v->items.size()));
        if (m == "is_empty")
            co_return Value(v->items.empty());
        if (m == "iter" || m == "into_iter" || m == "iter_mut")
            co_return recv;
        if (m == "pop") {
            if (v->items.empty())
                co_return makeNone();
            Value last = v->items.back();
            v->items.pop_back();
            co_return makeSome(std::move(last));
        }
        if (m == "clear") {
            v->items.clear();
            co_return Value();
        }
        if (m == "contains") {
            for (const auto& x : v->items)
                if (valuesEqual(x, args.at(0)))
                    co_return Value(true);
            co_return Value(false);
        }
    }
    if (recv.isString()) {
        if (m == "len")
            co_return Value(static_cast<std::int64_t>(recv.asString().size()));
        if (m == "push_str" && place) {
            *place = Value(recv.asString() + displayValue(args.at(0)));
            co_return Value();
        }
        if (m == "is_empty")
            co_return Value(recv.asString().empty());
        if (m == "contains")
            co_return Value(recv.asString().find(displayValue(args.at(0))) != std::string::npos);
    }
    if (recv.isInt()) {
        const std::int64_t x = recv.asInt();
        if (m == "abs")
            co_return Value(x < 0 ? -x : x);
        if (m == "min")
            co_return Value(std::min(x, asInt(args.at(0), at)));
        if (m == "max")
            co_return Value(std::max(x, asInt(args.at(0), at)));
        if (m == "pow") {
            std::int64_t r = 1;
            for (std::int64_t i = 0; i < asInt(args.at(0), at); ++i)
                r *= x;
            co_return Value(r);
        }
    }
    fail(at.loc, "unsupported method `." + m + "()` on " + debugValue(recv), static_cast<int>(m.size()));
}

Async Interpreter::evalFormat(const FormatArgs& f, const Expr& at, EnvPtr env, FramePtr frame, std::string& out)
{
    std::vector<Value> values;
    for (const auto& a : f.args) {
        Value v = co_await eval(*a, env, frame);
        values.push_back(std::move(v));
    }
    std::size_t next = 0;
    const std::string& s = f.format;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '{' && i + 1 < s.size() && s[i + 1] == '{') {
            out += '{';
            ++i;
            continue;
        }
        if (c == '}' && i + 1 < s.size() && s[i + 1] == '}') {
            out += '}';
            ++i;
            continue;
        }
        if (c != '{') {
            out += c;
            continue;
        }
        const std::size_t close = s.find('}', i);
        if (close == std::string::npos)
            fail(f.formatLoc, "invalid format string: unmatched `{`");
        std::string spec = s.substr(i + 1, close - i - 1);
        i = close;
        std::string arg = spec, fmt;
        if (auto colon = spec.find(':'); colon != std::string::npos) {
            arg = spec.substr(0, colon);
            fmt = spec.substr(colon + 1);
        }
        Value v;
        if (arg.empty()) {
            if (next >= values.size())
                fail(f.formatLoc, "format string wants more arguments than were given");
            v = values[next++];
        } else if (std::isdigit(static_cast<unsigned char>(arg[0]))) {
            const std::size_t k = static_cast<std::size_t>(std::stoul(arg));
            if (k >= values.size())
                fail(f.formatLoc, "format argument {" + arg + "} does not exist");
            v = values[k];
        } else {
            bool found = false;
            for (std::size_t k = 0; k < f.argNames.size(); ++k)
                if (f.argNames[k] == arg) {
                    v = values[k];
                    found = true;
                }
            if (!found) {
                Cell cell = env->lookup(arg);
                if (!cell)
                    fail(f.formatLoc, "there is no variable `" + arg + "` for `{" + arg + "}`");
                v = *cell;
            }
        }
        const bool debug = fmt.find('?') != std::string::npos;
        std::string text = debug ? debugValue(v) : displayValue(v);
        // Width and alignment: {:>8}, {:<8}, {:8}, {:03}
        std::string width;
        char align = v.isInt() ? '>' : '<';
        char fill = ' ';
        for (char ch : fmt) {
            if (ch == '<' || ch == '>' || ch == '^')
                align = ch;
            else if (std::isdigit(static_cast<unsigned char>(ch)))
                width += ch;
        }
        if (!width.empty() && width[0] == '0' && width.size() > 1) {
            fill = '0';
            align = '>';
        }
        const std::size_t w = width.empty() ? 0 : static_cast<std::size_t>(std::stoul(width));
        if (text.size() < w)
            text = align == '<' ? text + std::string(w - text.size(), fill) : std::string(w - text.size(), fill) + text;
        out += text;
    }
    (void)at;
    co_return Value();
}

Async Interpreter::evalMacro(const Expr& e, EnvPtr env, FramePtr frame)
{
    const std::string& name = e.text;
    if (e.kind == ExprKind::MacroFormat) {
        std::string text;
        if (e.format)
            co_await evalFormat(*e.format, e, env, frame, text);
        if (name == "println" || name == "eprintln" || name == "print" || name == "eprint") {
            m_rt.println(text);
            if (m_printCost.ns > 0)
                co_await cpuWork(m_printCost); // writing to stdout takes the thread's time
            co_return Value();
        }
        if (name == "format")
            co_return Value(text);
        if (name == "panic")
            fail(e.loc, "panicked: " + text);
        fail(e.loc, "unsupported macro `" + name + "!`");
    }
    if (name == "join" || name == "try_join") {
        // Which join!: tokio's rotates its start, futures' does not.
        std::string path = e.macroPath;
        if (path == name) {
            auto u = m_uses.find(name);
            path = u != m_uses.end() ? canonical({name}) : "tokio::" + name;
        }
        std::vector<FuturePtr> fs;
        for (const auto& a : e.args) {
            Value v = co_await eval(*a, env, frame);
            fs.push_back(toFuture(std::move(v), *a));
        }
        FuturePtr j = name == "try_join"              ? tryJoin(std::move(fs))
                      : path.rfind("futures", 0) == 0 ? futuresJoin(std::move(fs))
                                                      : tokioJoin(std::move(fs));
        Value out = co_await std::move(j);
        co_return out;
    }
    if (name == "vec") {
        auto v = std::make_shared<VecValue>();
        if (e.boolValue && e.args.size() == 2) {
            Value x = co_await eval(*e.args[0], env, frame);
            Value n = co_await eval(*e.args[1], env, frame);
            for (std::int64_t i = 0; i < asInt(n, e); ++i)
                v->items.push_back(cloneValue(x));
        } else {
            for (const auto& a : e.args) {
                Value x = co_await eval(*a, env, frame);
                v->items.push_back(std::move(x));
            }
        }
        co_return makeObject(std::move(v));
    }
    if (name == "assert" || name == "assert_eq" || name == "assert_ne") {
        std::vector<Value> vs;
        for (const auto& a : e.args) {
            Value x = co_await eval(*a, env, frame);
            vs.push_back(std::move(x));
        }
        if (name == "assert" && (vs.empty() || !truthy(vs[0], e)))
            fail(e.loc, "assertion failed");
        if (name != "assert") {
            if (vs.size() < 2)
                fail(e.loc, name + "! needs two values");
            const bool eq = valuesEqual(vs[0], vs[1]);
            if (eq != (name == "assert_eq"))
                fail(e.loc, "assertion `left " + std::string(name == "assert_eq" ? "==" : "!=") +
                                " right` failed\n  left: " + debugValue(vs[0]) + "\n right: " + debugValue(vs[1]));
        }
        co_return Value();
    }
    if (name == "pin_mut")
        co_return Value(); // pins in place: nothing to do in the model
    if (name == "pin") {
        Value v = co_await eval(*e.args.at(0), env, frame);
        co_return v;
    }
    if (name == "matches") {
        Value v = co_await eval(*e.args.at(0), env, frame);
        co_return Value(matchPattern(e.pattern, v));
    }
    if (name == "todo" || name == "unreachable")
        fail(e.loc, name + "!() reached");
    fail(e.loc, "unsupported macro `" + name +
                    "!`; supported: println!, print!, format!, panic!, vec!, join!, "
                    "try_join!, select!, assert!, assert_eq!, assert_ne!, pin!, matches!");
}

Async Interpreter::evalSelect(const Expr& e, EnvPtr env, FramePtr frame)
{
    // A future named by a variable (`fut` or `&mut fut`) is borrowed: polled in place and left in
    // the variable when another branch wins; once complete it is terminated (fused) and its
    // branch is skipped from then on. Anything else is moved into the select and dropped.
    struct Borrowed final : Future {
        std::shared_ptr<Object> keep;
        FutureValue* fv = nullptr;
        Poll poll(Context& cx) override
        {
            Poll r = fv->future->poll(cx);
            if (r.isReady()) {
                fv->future.reset();
                fv->terminated = true;
            }
            return r;
        }
        std::string describe() const override { return fv->future ? fv->future->describe() : "a finished future"; }
    };
    // `default =>`: runs when no branch is ready at the first poll.
    struct DefaultIfPending final : Future {
        FuturePtr inner;
        bool first = true;
        Poll poll(Context& cx) override
        {
            Poll r = inner->poll(cx);
            if (r.isPending() && first)
                return Poll::ready(Value(Tuple{Value(std::int64_t{-2}), Value()}));
            first = false;
            return r;
        }
        std::string describe() const override { return inner->describe(); }
    };
    std::vector<pw::SelectBranch> branches;
    std::vector<std::size_t> index; // engine branch -> script branch
    const SelectBranch* defaultBranch = nullptr;
    for (std::size_t i = 0; i < e.selectBranches.size(); ++i) {
        const auto& b = e.selectBranches[i];
        if (!b.future) {
            defaultBranch = &b;
            continue;
        }
        if (b.guard) {
            Value g = co_await eval(*b.guard, env, frame);
            if (!truthy(g, *b.guard))
                continue;
        }
        const Expr* fe = b.future.get();
        if (fe->kind == ExprKind::Unary && (fe->text == "&mut" || fe->text == "&"))
            fe = fe->args[0].get();
        Value f = co_await eval(*fe, env, frame);
        FuturePtr fut;
        if (auto* fv = as<FutureValue>(f); fv && fe->kind == ExprKind::Path) {
            if (fv->terminated)
                continue;
            auto bf = std::make_unique<Borrowed>();
            bf->keep = f.asObject();
            bf->fv = fv;
            fut = std::move(bf);
        } else {
            fut = toFuture(std::move(f), *b.future);
        }
        const Pattern* pat = &b.pattern;
        branches.push_back({std::move(fut), [this, pat](const Value& v) { return matchPattern(*pat, v); }});
        index.push_back(i);
    }
    std::int64_t k = -1;
    Value won;
    if (!branches.empty()) {
        FuturePtr sel = select(std::move(branches), e.biased || e.macroPath.rfind("futures", 0) == 0,
                               static_cast<bool>(e.elseBody));
        if (defaultBranch) {
            auto d = std::make_unique<DefaultIfPending>();
            d->inner = std::move(sel);
            sel = std::move(d);
        }
        Value r = co_await std::move(sel);
        k = r.asTuple()[0].asInt();
        won = r.asTuple()[1];
    }
    if (k == -2) {
        Value v = co_await eval(*defaultBranch->body, env, frame);
        co_return v;
    }
    if (k < 0) {
        if (!e.elseBody)
            fail(e.loc,
                 "every branch of this select! is complete or disabled and there is no `else` / `complete` branch");
        Value v = co_await eval(*e.elseBody, env, frame);
        co_return v;
    }
    const auto& b = e.selectBranches[index[static_cast<std::size_t>(k)]];
    auto scope = newEnv();
    scope->parent = env;
    bindPattern(b.pattern, won, *scope, true);
    Value v = co_await eval(*b.body, scope, frame);
    co_return v;
}

} // namespace pw::lang
