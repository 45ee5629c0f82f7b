// Core evaluation: expressions, blocks, statements, patterns, places, control flow.
// Builtin functions, methods and macros are in interpreter_builtins.cpp.
#include "interpreter.h"

#include "runtime/basic_futures.h"
#include "runtime/join_handle.h"

#include <algorithm>

namespace pw::lang {

namespace {
// Every nested call resumes one more chain of coroutines on the machine stack. Deep recursion
// is stopped with an error well before the thread's stack (8 MiB) runs out.
constexpr std::uintptr_t kMaxStackBytes = 3u << 20;

[[gnu::noinline]] std::uintptr_t currentStackAddress()
{
    return reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
}

std::string joinPath(const std::vector<std::string>& p)
{
    std::string s;
    for (std::size_t i = 0; i < p.size(); ++i)
        s += (i ? "::" : "") + p[i];
    return s;
}
} // namespace

/// An `impl Future for T` value being polled: each poll runs the script's `poll` method.
class UserFuture final : public Future {
public:
    UserFuture(Interpreter& in, Value self, std::shared_ptr<FnDecl> poll)
        : m_in(in), m_self(std::move(self)), m_poll(std::move(poll))
    {
    }
    Poll poll(Context& cx) override
    {
        if (!m_current) {
            auto ctx = std::make_shared<ContextValue>();
            ctx->waker = Waker(&cx.runtime(), cx.task());
            m_current.emplace(m_in.runFunction(m_poll, {makeObject(std::move(ctx))}, m_self));
        }
        Poll r = m_current->poll(cx);
        if (r.isBlocked())
            return r;
        m_current.reset(); // drops the Context (and its waker) before the engine looks
        auto* e = as<EnumValue>(r.value);
        if (!e || e->enumName != "Poll")
            m_in.fail(m_poll->loc,
                      "`poll` must return Poll::Ready(..) or Poll::Pending, it returned " + debugValue(r.value));
        if (e->variant == "Pending")
            return Poll::pending();
        return Poll::ready(e->payload.empty() ? Value() : e->payload[0]);
    }
    std::string describe() const override
    {
        auto* s = as<StructValue>(m_self);
        return s ? "the future " + s->typeName : std::string("a future");
    }

private:
    Interpreter& m_in;
    Value m_self;
    std::shared_ptr<FnDecl> m_poll;
    std::optional<Async> m_current;
};

Interpreter::Interpreter(const Program& program, Runtime& rt, std::map<std::string, std::int64_t> params)
    : m_program(program), m_rt(rt), m_globals(std::make_shared<Env>()), m_params(std::move(params)),
      m_stackBase(currentStackAddress())
{
    m_marks->rt = &m_rt;
    for (const auto& item : program.items) {
        switch (item->kind) {
        case Item::Kind::Fn:
            m_functions[item->fn->name] = item->fn;
            break;
        case Item::Kind::Struct:
            m_structs[item->name] = item.get();
            break;
        case Item::Kind::Enum:
            m_enums[item->name] = item.get();
            break;
        case Item::Kind::Const:
        case Item::Kind::Static:
            m_consts[item->name] = item.get();
            break;
        case Item::Kind::Use:
            for (const auto& [path, local] : item->uses) {
                if (local != "*")
                    m_uses[local] = path;
            }
            break;
        case Item::Kind::Impl:
            for (const auto& m : item->methods) {
                m_methods[item->selfType][m->name] = m;
                m_implOf[m.get()] = item->selfType;
                if (item->traitName == "Future" && m->name == "poll")
                    m_futureImpls[item->selfType] = m;
            }
            break;
        default:
            break;
        }
    }
}

void Interpreter::fail(const SourceLoc& loc, const std::string& message, int length) const
{
    throw ScriptError(Diagnostic{m_program.fileName, loc, message, length});
}

FuturePtr Interpreter::mainFuture()
{
    auto it = m_functions.find("main");
    if (it == m_functions.end())
        fail(SourceLoc{1, 1, 0}, "the scenario has no `fn main`; add `#[tokio::main] async fn main() { .. }`");
    auto decl = it->second;
    return runFunction(decl, {}, Value()).boxed();
}

EnvPtr Interpreter::newEnv()
{
    auto env = std::make_shared<Env>();
    if (m_envs.size() >= 1024 && m_envs.size() == m_envs.capacity())
        std::erase_if(m_envs, [](const std::weak_ptr<Env>& w) { return w.expired(); });
    m_envs.push_back(env);
    return env;
}

Interpreter::~Interpreter()
{
    // Frames destroyed from here on (by this destructor, or later by the runtime that owns the
    // tasks) are not part of the run, and the runtime may be gone by then.
    m_marks->open = false;
    m_marks->rt = nullptr;
    for (auto& w : m_envs) {
        if (auto env = w.lock()) {
            auto vars = std::move(env->vars); // destroyed outside the scope object
            env->vars.clear();
            env->parent.reset();
        }
    }
}

void Interpreter::checkStack(const SourceLoc& loc, const std::string& what) const
{
    const std::uintptr_t here = currentStackAddress();
    if (m_stackBase > here && m_stackBase - here > kMaxStackBytes)
        fail(loc, "the recursion in " + what + " is too deep for the simulator: does it ever stop?");
}

void Interpreter::countIteration(const Expr& at)
{
    if (++m_iterations > m_maxIterations)
        fail(at.loc,
             "the loop budget of " + std::to_string(m_maxIterations) + " iterations ran out: does this loop ever end?");
}

std::int64_t Interpreter::asInt(const Value& v, const Expr& at) const
{
    if (v.isInt())
        return v.asInt();
    if (auto* g = as<GuardObject>(v))
        return asInt(g->value(), at);
    if (auto* a = as<ArcValue>(v))
        return asInt(a->inner, at);
    fail(at.loc, "expected an integer, found " + debugValue(v));
}

bool Interpreter::truthy(const Value& v, const Expr& at) const
{
    if (std::holds_alternative<bool>(v.v))
        return v.asBool();
    if (auto* g = as<GuardObject>(v))
        return truthy(g->value(), at);
    fail(at.loc, "expected a bool, found " + debugValue(v));
}

std::int64_t Interpreter::durationNs(const Value& v, const Expr& at) const
{
    if (auto* d = as<DurationValue>(v))
        return d->ns;
    fail(at.loc, "expected a Duration (Duration::from_secs(..), from_millis(..)), found " + debugValue(v));
}

std::shared_ptr<FnDecl> Interpreter::findMethod(const std::string& type, const std::string& name) const
{
    auto t = m_methods.find(type);
    if (t == m_methods.end())
        return nullptr;
    auto m = t->second.find(name);
    return m == t->second.end() ? nullptr : m->second;
}

EnvPtr Interpreter::captureForMove(const EnvPtr& env)
{
    // `move`: the block owns copies of every variable it can see (moves share the object,
    // exactly what a move does; the original is not used again).
    auto out = newEnv();
    out->parent = m_globals;
    std::vector<const Env*> chain;
    for (const Env* e = env.get(); e && e != m_globals.get(); e = e->parent.get())
        chain.push_back(e);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it)
        for (const auto& [name, cell] : (*it)->vars)
            out->define(name, *cell);
    return out;
}

std::string Interpreter::taskNameFor(const Value& v) const
{
    if (!m_spawnName.empty())
        return m_spawnName;
    if (auto* f = as<FutureValue>(v))
        return f->name;
    if (auto* s = as<StructValue>(v))
        return s->typeName;
    return {};
}

FuturePtr Interpreter::toFuture(Value v, const Expr& at)
{
    if (auto* f = as<FutureValue>(v)) {
        if (!f->future)
            fail(at.loc, "this future was already awaited or moved (`" + f->name + "`)");
        return std::move(f->future);
    }
    if (auto* h = as<JoinHandleValue>(v))
        return joinHandle(m_rt, h->task);
    if (auto* s = as<StructValue>(v)) {
        auto it = m_futureImpls.find(s->typeName);
        if (it != m_futureImpls.end())
            return std::make_unique<UserFuture>(*this, v, it->second);
        fail(at.loc, "`" + s->typeName + "` is not a future: add `impl Future for " + s->typeName + "`");
    }
    if (auto* r = as<ReceiverValue>(v); r && r->oneshot)
        return r->oneshot->recv();
    if (auto* a = as<ArcValue>(v))
        return toFuture(a->inner, at);
    fail(at.loc, "expected a future (an async fn call, an async block, a JoinHandle), found " + debugValue(v));
}

Async Interpreter::awaitValue(Value v, const Expr& at)
{
    FuturePtr f = toFuture(std::move(v), at);
    Value out = co_await std::move(f);
    co_return out;
}

std::pair<FramePtr, Interpreter::ActivationEnd> Interpreter::newFrame()
{
    auto frame = std::make_shared<Frame>();
    frame->activation = m_marks->marks.newActivation();
    return {frame, ActivationEnd(m_marks, frame->activation)};
}

Async Interpreter::runFunction(std::shared_ptr<FnDecl> decl, std::vector<Value> args, Value self)
{
    checkStack(decl->loc, "`" + decl->name + "`");
    auto env = newEnv();
    env->parent = m_globals;
    if (auto impl = m_implOf.find(decl.get()); impl != m_implOf.end())
        env->define("#Self", Value(impl->second)); // what `Self` names inside this method
    if (!decl->selfParam.empty())
        env->define("self", self);
    if (args.size() != decl->params.size())
        fail(decl->loc, "`" + decl->name + "` takes " + std::to_string(decl->params.size()) + " arguments but " +
                            std::to_string(args.size()) + " were given");
    for (std::size_t i = 0; i < args.size(); ++i)
        if (!bindPattern(decl->params[i].pattern, args[i], *env, true))
            fail(decl->params[i].pattern.loc, "argument does not match its pattern");
    auto [frame, end] = newFrame();
    Value v = co_await execBlock(*decl->body, env, frame);
    if (frame->flow == Frame::Flow::Return)
        v = std::move(frame->value);
    co_return v;
}

Async Interpreter::runClosure(std::shared_ptr<FnValue> fn, std::vector<Value> args)
{
    const Expr& c = *fn->closure;
    checkStack(c.loc, "this closure");
    auto env = newEnv();
    env->parent = fn->captured;
    if (args.size() != c.params.size())
        fail(c.loc, "this closure takes " + std::to_string(c.params.size()) + " arguments but " +
                        std::to_string(args.size()) + " were given");
    for (std::size_t i = 0; i < args.size(); ++i)
        bindPattern(c.params[i].pattern, args[i], *env, true);
    auto [frame, end] = newFrame();
    Value v = co_await eval(*c.args[0], env, frame);
    if (frame->flow == Frame::Flow::Return)
        v = std::move(frame->value);
    co_return v;
}

Async Interpreter::execBlock(const Block& b, EnvPtr parent, FramePtr frame)
{
    auto env = newEnv();
    env->parent = parent;
    for (const Stmt& s : b.stmts) {
        if (s.kind != Stmt::Kind::Empty && s.kind != Stmt::Kind::Item)
            mark(*frame, s.loc);
        switch (s.kind) {
        case Stmt::Kind::Empty:
        case Stmt::Kind::Item:
            break;
        case Stmt::Kind::Let: {
            Value v;
            if (s.init) {
                m_spawnName = s.pattern.kind == Pattern::Kind::Ident ? s.pattern.name : std::string();
                v = co_await eval(*s.init, env, frame);
                m_spawnName.clear();
                if (frame->flow != Frame::Flow::Normal)
                    co_return Value();
            }
            if (!bindPattern(s.pattern, v, *env, true)) {
                if (s.elseBlock) {
                    co_await execBlock(*s.elseBlock, env, frame);
                    if (frame->flow == Frame::Flow::Normal)
                        fail(s.loc, "the `else` of a let-else must diverge (return, break or continue)");
                    co_return Value();
                }
                fail(s.pattern.loc, "the value " + debugValue(v) + " does not match this pattern");
            }
            break;
        }
        case Stmt::Kind::Expr: {
            Value v = co_await eval(*s.expr, env, frame);
            (void)v; // a statement's value is dropped here (temporaries such as guards too)
            if (frame->flow != Frame::Flow::Normal)
                co_return Value();
            break;
        }
        }
    }
    if (b.tail) {
        mark(*frame, b.tail->loc);
        Value v = co_await eval(*b.tail, env, frame);
        co_return v;
    }
    co_return Value();
}

Async Interpreter::eval(const Expr& e, EnvPtr env, FramePtr frame)
{
    switch (e.kind) {
    case ExprKind::IntLit:
        co_return Value(e.intValue);
    case ExprKind::BoolLit:
        co_return Value(e.boolValue);
    case ExprKind::StrLit:
    case ExprKind::CharLit:
        co_return Value(e.text);
    case ExprKind::FloatLit:
        fail(e.loc, "floating-point numbers are not supported in scenarios; use integers (e.g. milliseconds)",
             static_cast<int>(e.text.size()));
    case ExprKind::Path:
        co_return lookupPath(e, env);
    case ExprKind::Unary: {
        if (e.text == "&" || e.text == "&mut") {
            Value v = co_await eval(*e.args[0], env, frame);
            co_return v; // references are transparent
        }
        if (e.text == "*") {
            Value v = co_await eval(*e.args[0], env, frame);
            if (auto* g = as<GuardObject>(v))
                co_return g->value();
            if (auto* a = as<ArcValue>(v))
                co_return a->inner;
            co_return v;
        }
        Value v = co_await eval(*e.args[0], env, frame);
        if (e.text == "-")
            co_return Value(-asInt(v, e));
        if (e.text == "!")
            co_return Value(!truthy(v, e));
        fail(e.loc, "unsupported operator `" + e.text + "`");
    }
    case ExprKind::Binary: {
        Value a = co_await eval(*e.args[0], env, frame);
        if (e.text == "&&" || e.text == "||") {
            const bool av = truthy(a, e);
            if ((e.text == "&&" && !av) || (e.text == "||" && av))
                co_return Value(av);
            Value b = co_await eval(*e.args[1], env, frame);
            co_return Value(truthy(b, e));
        }
        Value b = co_await eval(*e.args[1], env, frame);
        co_return binary(e.text, a, b, e);
    }
    case ExprKind::Assign:
    case ExprKind::CompoundAssign: {
        Value rhs = co_await eval(*e.args[1], env, frame);
        Value* target = nullptr;
        Value holder; // keeps a guard returned by an expression alive while we write through it
        const Expr& lhs = *e.args[0];
        if (lhs.kind == ExprKind::Unary && lhs.text == "*" &&
            (lhs.args[0]->kind == ExprKind::MethodCall || lhs.args[0]->kind == ExprKind::Call)) {
            holder = co_await eval(*lhs.args[0], env, frame);
            if (auto* g = as<GuardObject>(holder))
                target = &g->value();
            else if (auto* a = as<ArcValue>(holder))
                target = &a->inner;
            else
                fail(lhs.loc, "cannot assign through `*` here: the value is not a lock guard");
        } else {
            target = place(lhs, env);
        }
        if (e.kind == ExprKind::Assign) {
            *target = std::move(rhs);
        } else {
            const std::string op = e.text.substr(0, e.text.size() - 1);
            *target = binary(op, *target, rhs, e);
        }
        co_return Value();
    }
    case ExprKind::Cast: {
        Value v = co_await eval(*e.args[0], env, frame);
        co_return v;
    }
    case ExprKind::Call: {
        Value v = co_await evalCall(e, env, frame);
        co_return v;
    }
    case ExprKind::MethodCall: {
        Value v = co_await evalMethodCall(e, env, frame);
        co_return v;
    }
    case ExprKind::Field: {
        Value base = co_await eval(*e.args[0], env, frame);
        for (int guard = 0; guard < 4; ++guard) {
            if (auto* g = as<GuardObject>(base))
                base = g->value();
            else if (auto* a = as<ArcValue>(base))
                base = a->inner;
            else
                break;
        }
        if (auto* s = as<StructValue>(base)) {
            if (Value* f = s->field(e.text))
                co_return *f;
            fail(e.loc, "`" + s->typeName + "` has no field `" + e.text + "`");
        }
        fail(e.loc, "field `" + e.text + "` of a value that is not a struct: " + debugValue(base));
    }
    case ExprKind::TupleIndex: {
        Value base = co_await eval(*e.args[0], env, frame);
        if (std::holds_alternative<std::shared_ptr<const Tuple>>(base.v)) {
            const Tuple& t = base.asTuple();
            if (e.intValue >= 0 && static_cast<std::size_t>(e.intValue) < t.size())
                co_return t[static_cast<std::size_t>(e.intValue)];
        }
        if (auto* s = as<StructValue>(base))
            if (Value* f = s->field(std::to_string(e.intValue)))
                co_return *f;
        fail(e.loc, "no field ." + std::to_string(e.intValue) + " on " + debugValue(base));
    }
    case ExprKind::Index: {
        Value base = co_await eval(*e.args[0], env, frame);
        Value idx = co_await eval(*e.args[1], env, frame);
        if (auto* g = as<GuardObject>(base))
            base = g->value();
        if (auto* v = as<VecValue>(base)) {
            const std::int64_t i = asInt(idx, e);
            if (i < 0 || static_cast<std::size_t>(i) >= v->items.size())
                fail(e.loc, "index out of bounds: the len is " + std::to_string(v->items.size()) +
                                " but the index is " + std::to_string(i));
            co_return v->items[static_cast<std::size_t>(i)];
        }
        fail(e.loc, "cannot index into " + debugValue(base));
    }
    case ExprKind::Await: {
        Value v = co_await eval(*e.args[0], env, frame);
        mark(*frame, e.loc);
        Value out = co_await awaitValue(std::move(v), e);
        co_return out;
    }
    case ExprKind::Try: {
        Value v = co_await eval(*e.args[0], env, frame);
        if (v.isResult()) {
            if (v.asResult().ok)
                co_return v.asResult().inner;
            frame->flow = Frame::Flow::Return;
            frame->value = v;
            co_return Value();
        }
        if (auto* o = as<EnumValue>(v); o && o->enumName == "Option") {
            if (o->variant == "Some")
                co_return o->payload[0];
            frame->flow = Frame::Flow::Return;
            frame->value = v;
            co_return Value();
        }
        fail(e.loc, "`?` needs a Result or an Option, found " + debugValue(v));
    }
    case ExprKind::Tuple: {
        if (e.args.empty())
            co_return Value();
        Tuple t;
        for (const auto& a : e.args) {
            Value v = co_await eval(*a, env, frame);
            t.push_back(std::move(v));
        }
        co_return Value(std::move(t));
    }
    case ExprKind::Array: {
        auto vec = std::make_shared<VecValue>();
        for (const auto& a : e.args) {
            Value v = co_await eval(*a, env, frame);
            vec->items.push_back(std::move(v));
        }
        co_return makeObject(std::move(vec));
    }
    case ExprKind::ArrayRepeat: {
        Value v = co_await eval(*e.args[0], env, frame);
        Value n = co_await eval(*e.args[1], env, frame);
        auto vec = std::make_shared<VecValue>();
        const std::int64_t count = asInt(n, e);
        if (count < 0 || count > 1'000'000)
            fail(e.loc, "array length must be between 0 and 1000000");
        for (std::int64_t i = 0; i < count; ++i)
            vec->items.push_back(cloneValue(v));
        co_return makeObject(std::move(vec));
    }
    case ExprKind::Range:
        fail(e.loc, "ranges are supported in `for` loops only");
    case ExprKind::Block:
    case ExprKind::Unsafe: {
        Value v = co_await execBlock(*e.block, env, frame);
        co_return v;
    }
    case ExprKind::AsyncBlock: {
        auto fut = std::make_shared<FutureValue>();
        EnvPtr captured = e.isMove ? captureForMove(env) : env;
        const Expr* self = &e;
        auto body = [](Interpreter& in, const Expr* ex, EnvPtr env) -> Async {
            auto [fr, end] = in.newFrame();
            Value v = co_await in.execBlock(*ex->block, env, fr);
            if (fr->flow == Frame::Flow::Return)
                v = std::move(fr->value);
            co_return v;
        };
        fut->future = body(*this, self, captured).boxed();
        fut->name = "async block (line " + std::to_string(e.loc.line) + ")";
        co_return makeObject(std::move(fut));
    }
    case ExprKind::If: {
        Value c = co_await eval(*e.args[0], env, frame);
        if (truthy(c, *e.args[0])) {
            Value v = co_await execBlock(*e.block, env, frame);
            co_return v;
        }
        if (e.elseExpr) {
            Value v = co_await eval(*e.elseExpr, env, frame);
            co_return v;
        }
        co_return Value();
    }
    case ExprKind::IfLet: {
        Value s = co_await eval(*e.args[0], env, frame);
        auto scope = newEnv();
        scope->parent = env;
        if (bindPattern(e.pattern, s, *scope, true)) {
            Value v = co_await execBlock(*e.block, scope, frame);
            co_return v;
        }
        if (e.elseExpr) {
            Value v = co_await eval(*e.elseExpr, env, frame);
            co_return v;
        }
        co_return Value();
    }
    case ExprKind::While:
    case ExprKind::WhileLet:
    case ExprKind::Loop:
    case ExprKind::For: {
        Value v = co_await evalLoop(e, env, frame);
        co_return v;
    }
    case ExprKind::Break: {
        Value v;
        if (!e.args.empty() && e.args[0])
            v = co_await eval(*e.args[0], env, frame);
        frame->flow = Frame::Flow::Break;
        frame->label = e.label;
        frame->value = std::move(v);
        co_return Value();
    }
    case ExprKind::Continue:
        frame->flow = Frame::Flow::Continue;
        frame->label = e.label;
        co_return Value();
    case ExprKind::Return: {
        Value v;
        if (!e.args.empty() && e.args[0])
            v = co_await eval(*e.args[0], env, frame);
        frame->flow = Frame::Flow::Return;
        frame->value = std::move(v);
        co_return Value();
    }
    case ExprKind::Closure: {
        auto fn = std::make_shared<FnValue>();
        fn->closure = &e;
        fn->captured = e.isMove ? captureForMove(env) : env;
        co_return makeObject(std::move(fn));
    }
    case ExprKind::StructLit: {
        const std::string type = e.path.empty() ? std::string() : e.path.back();
        auto s = std::make_shared<StructValue>();
        s->typeName = type;
        if (type == "Self") {
            Cell self = env->lookup("#Self");
            if (!self)
                fail(e.loc, "`Self` is only meaningful inside an impl block");
            s->typeName = self->asString();
        }
        for (const auto& f : e.fields) {
            Value v = co_await eval(*f.value, env, frame);
            s->fields.emplace_back(f.name, std::move(v));
        }
        if (!e.args.empty() && e.args[0]) {
            Value base = co_await eval(*e.args[0], env, frame);
            if (auto* b = as<StructValue>(base))
                for (const auto& [n, v] : b->fields)
                    if (!s->field(n))
                        s->fields.emplace_back(n, cloneValue(v));
        }
        co_return makeObject(std::move(s));
    }
    case ExprKind::Match: {
        Value v = co_await evalMatch(e, env, frame);
        co_return v;
    }
    case ExprKind::MacroFormat:
    case ExprKind::MacroList: {
        Value v = co_await evalMacro(e, env, frame);
        co_return v;
    }
    case ExprKind::MacroSelect: {
        Value v = co_await evalSelect(e, env, frame);
        co_return v;
    }
    case ExprKind::Let:
        break;
    }
    fail(e.loc, "this expression is not supported in scenarios");
}

Async Interpreter::evalLoop(const Expr& e, EnvPtr env, FramePtr frame)
{
    // Returns true when the loop must stop because of break/return; handles labels.
    auto handled = [&](bool& stop) {
        stop = false;
        if (frame->flow == Frame::Flow::Return)
            return stop = true;
        if (frame->flow == Frame::Flow::Break || frame->flow == Frame::Flow::Continue) {
            if (!frame->label.empty() && frame->label != e.label)
                return stop = true; // for an outer loop
            const bool isBreak = frame->flow == Frame::Flow::Break;
            frame->flow = Frame::Flow::Normal;
            frame->label.clear();
            stop = isBreak;
        }
        return stop;
    };
    bool stop = false;
    if (e.kind == ExprKind::Loop) {
        for (;;) {
            countIteration(e);
            co_await execBlock(*e.block, env, frame);
            if (handled(stop)) {
                Value v = frame->flow == Frame::Flow::Normal ? std::move(frame->value) : Value();
                co_return v;
            }
        }
    }
    if (e.kind == ExprKind::While || e.kind == ExprKind::WhileLet) {
        for (;;) {
            countIteration(e);
            Value c = co_await eval(*e.args[0], env, frame);
            auto scope = newEnv();
            scope->parent = env;
            if (e.kind == ExprKind::While ? !truthy(c, *e.args[0]) : !bindPattern(e.pattern, c, *scope, true))
                co_return Value();
            co_await execBlock(*e.block, scope, frame);
            if (handled(stop))
                co_return Value();
        }
    }
    // for pattern in iterable
    const Expr& it = *e.args[0];
    std::vector<Value> items;
    if (it.kind == ExprKind::Range) {
        std::int64_t lo = 0, hi = 0;
        if (it.args.size() > 0 && it.args[0]) {
            Value v = co_await eval(*it.args[0], env, frame);
            lo = asInt(v, it);
        }
        if (it.args.size() < 2 || !it.args[1])
            fail(it.loc, "an open range `a..` would loop forever; give an end");
        Value hv = co_await eval(*it.args[1], env, frame);
        hi = asInt(hv, it) + (it.boolValue ? 1 : 0);
        for (std::int64_t i = lo; i < hi; ++i) {
            countIteration(e);
            auto scope = newEnv();
            scope->parent = env;
            bindPattern(e.pattern, Value(i), *scope, true);
            co_await execBlock(*e.block, scope, frame);
            if (handled(stop))
                co_return Value();
        }
        co_return Value();
    }
    Value coll = co_await eval(it, env, frame);
    if (auto* g = as<GuardObject>(coll))
        coll = g->value();
    if (auto* v = as<VecValue>(coll))
        items = v->items;
    else if (std::holds_alternative<std::shared_ptr<const Tuple>>(coll.v))
        items = coll.asTuple();
    else
        fail(it.loc, "`for` can iterate over a range, a Vec or an array, not " + debugValue(coll));
    for (auto& item : items) {
        countIteration(e);
        auto scope = newEnv();
        scope->parent = env;
        bindPattern(e.pattern, item, *scope, true);
        co_await execBlock(*e.block, scope, frame);
        if (handled(stop))
            co_return Value();
    }
    co_return Value();
}

Async Interpreter::evalMatch(const Expr& e, EnvPtr env, FramePtr frame)
{
    Value s = co_await eval(*e.args[0], env, frame);
    if (auto* g = as<GuardObject>(s))
        s = g->value();
    for (const MatchArm& arm : e.arms) {
        for (const Pattern& p : arm.patterns) {
            auto scope = newEnv();
            scope->parent = env;
            if (!bindPattern(p, s, *scope, true))
                continue;
            if (arm.guard) {
                Value g = co_await eval(*arm.guard, scope, frame);
                if (!truthy(g, *arm.guard))
                    continue;
            }
            Value v = co_await eval(*arm.body, scope, frame);
            co_return v;
        }
    }
    fail(e.loc, "no match arm matches " + debugValue(s));
}

bool Interpreter::matchPattern(const Pattern& p, const Value& v) const
{
    Env scratch;
    return const_cast<Interpreter*>(this)->bindPattern(p, v, scratch, true);
}

bool Interpreter::bindPattern(const Pattern& p, const Value& v, Env& env, bool declare)
{
    switch (p.kind) {
    case Pattern::Kind::Wildcard:
    case Pattern::Kind::Rest:
        return true;
    case Pattern::Kind::Ident: {
        // A bare identifier may name a unit variant or constant (`None`).
        if (p.name == "None") {
            auto* o = as<EnumValue>(v);
            return o && o->variant == "None";
        }
        if (declare)
            env.define(p.name, v);
        return true;
    }
    case Pattern::Kind::Literal: {
        const Expr& lit = *p.literal;
        if (lit.kind == ExprKind::IntLit)
            return v.isInt() && v.asInt() == lit.intValue;
        if (lit.kind == ExprKind::BoolLit)
            return std::holds_alternative<bool>(v.v) && v.asBool() == lit.boolValue;
        if (lit.kind == ExprKind::StrLit || lit.kind == ExprKind::CharLit)
            return v.isString() && v.asString() == lit.text;
        if (lit.kind == ExprKind::Unary && lit.text == "-" && lit.args[0]->kind == ExprKind::IntLit)
            return v.isInt() && v.asInt() == -lit.args[0]->intValue;
        return false;
    }
    case Pattern::Kind::Tuple: {
        if (!std::holds_alternative<std::shared_ptr<const Tuple>>(v.v))
            return p.elems.empty() && v.isUnit();
        const Tuple& t = v.asTuple();
        std::size_t ti = 0;
        for (std::size_t i = 0; i < p.elems.size(); ++i) {
            if (p.elems[i].kind == Pattern::Kind::Rest) {
                ti = t.size() - (p.elems.size() - i - 1);
                continue;
            }
            if (ti >= t.size() || !bindPattern(p.elems[i], t[ti++], env, declare))
                return false;
        }
        return true;
    }
    case Pattern::Kind::Path:
    case Pattern::Kind::TupleStruct: {
        const std::string variant = p.path.empty() ? std::string() : p.path.back();
        if (v.isResult()) {
            const bool ok = v.asResult().ok;
            if ((variant == "Ok") != ok || (variant != "Ok" && variant != "Err"))
                return false;
            return p.elems.empty() || bindPattern(p.elems[0], v.asResult().inner, env, declare);
        }
        if (auto* o = as<EnumValue>(v)) {
            if (o->variant != variant)
                return false;
            for (std::size_t i = 0; i < p.elems.size() && i < o->payload.size(); ++i)
                if (!bindPattern(p.elems[i], o->payload[i], env, declare))
                    return false;
            return true;
        }
        return false;
    }
    case Pattern::Kind::Struct: {
        auto* s = as<StructValue>(v);
        if (!s)
            return false;
        for (std::size_t i = 0; i < p.elems.size(); ++i) {
            Value* f = s->field(p.fieldNames[i]);
            if (!f || !bindPattern(p.elems[i], *f, env, declare))
                return false;
        }
        return true;
    }
    }
    return false;
}

Value* Interpreter::place(const Expr& e, EnvPtr env)
{
    switch (e.kind) {
    case ExprKind::Path: {
        if (e.path.size() == 1)
            if (Cell c = env->lookup(e.path[0]))
                return c.get();
        fail(e.loc, "cannot assign to `" + joinPath(e.path) + "`: it is not a local variable");
    }
    case ExprKind::Unary: {
        if (e.text != "*")
            break;
        Value* inner = place(*e.args[0], env);
        if (auto* g = as<GuardObject>(*inner))
            return &g->value();
        if (auto* a = as<ArcValue>(*inner))
            return &a->inner;
        return inner;
    }
    case ExprKind::Field: {
        Value* base = place(*e.args[0], env);
        for (int i = 0; i < 4; ++i) {
            if (auto* g = as<GuardObject>(*base))
                base = &g->value();
            else if (auto* a = as<ArcValue>(*base))
                base = &a->inner;
            else
                break;
        }
        if (auto* s = as<StructValue>(*base))
            if (Value* f = s->field(e.text))
                return f;
        fail(e.loc, "no field `" + e.text + "` to assign to");
    }
    case ExprKind::Index: {
        Value* base = place(*e.args[0], env);
        if (auto* g = as<GuardObject>(*base))
            base = &g->value();
        auto* v = as<VecValue>(*base);
        const Expr& ie = *e.args[1];
        std::int64_t i = -1;
        if (ie.kind == ExprKind::IntLit)
            i = ie.intValue;
        else if (ie.kind == ExprKind::Path && ie.path.size() == 1)
            if (Cell c = env->lookup(ie.path[0]))
                i = asInt(*c, ie);
        if (!v || i < 0 || static_cast<std::size_t>(i) >= v->items.size())
            fail(e.loc, "cannot assign to this index (use a variable or a literal index within bounds)");
        return &v->items[static_cast<std::size_t>(i)];
    }
    default:
        break;
    }
    fail(e.loc, "this expression cannot be assigned to");
}

Value Interpreter::binary(const std::string& op, const Value& a0, const Value& b0, const Expr& at) const
{
    auto unwrap = [](Value v) {
        for (int i = 0; i < 4; ++i) {
            if (auto* g = as<GuardObject>(v))
                v = g->value();
            else if (auto* ar = as<ArcValue>(v))
                v = ar->inner;
            else
                break;
        }
        return v;
    };
    const Value a = unwrap(a0), b = unwrap(b0);
    if (a.isString() || b.isString()) {
        if (op == "+" && a.isString())
            return Value(a.asString() + displayValue(b));
        if (op == "==")
            return Value(valuesEqual(a, b));
        if (op == "!=")
            return Value(!valuesEqual(a, b));
        if (a.isString() && b.isString()) {
            if (op == "<")
                return Value(a.asString() < b.asString());
            if (op == ">")
                return Value(a.asString() > b.asString());
        }
        fail(at.loc, "operator `" + op + "` is not supported on strings");
    }
    auto* da = as<DurationValue>(a);
    auto* db = as<DurationValue>(b);
    if (da || db) {
        if (da && db) {
            if (op == "+")
                return makeDuration(da->ns + db->ns);
            if (op == "-")
                return makeDuration(da->ns - db->ns);
            if (op == "<")
                return Value(da->ns < db->ns);
            if (op == "<=")
                return Value(da->ns <= db->ns);
            if (op == ">")
                return Value(da->ns > db->ns);
            if (op == ">=")
                return Value(da->ns >= db->ns);
            if (op == "==")
                return Value(da->ns == db->ns);
        }
        if (da && b.isInt() && op == "*")
            return makeDuration(da->ns * b.asInt());
        if (da && b.isInt() && op == "/" && b.asInt() != 0)
            return makeDuration(da->ns / b.asInt());
        fail(at.loc, "operator `" + op + "` is not supported on these Durations");
    }
    if (std::holds_alternative<bool>(a.v) && std::holds_alternative<bool>(b.v)) {
        if (op == "==")
            return Value(a.asBool() == b.asBool());
        if (op == "!=")
            return Value(a.asBool() != b.asBool());
        if (op == "&")
            return Value(a.asBool() && b.asBool());
        if (op == "|")
            return Value(a.asBool() || b.asBool());
        if (op == "^")
            return Value(a.asBool() != b.asBool());
    }
    if (a.isInt() && b.isInt()) {
        const std::int64_t x = a.asInt(), y = b.asInt();
        if (op == "+")
            return Value(x + y);
        if (op == "-")
            return Value(x - y);
        if (op == "*")
            return Value(x * y);
        if (op == "/" || op == "%") {
            if (y == 0)
                fail(at.loc, "attempt to divide by zero");
            return Value(op == "/" ? x / y : x % y);
        }
        if (op == "==")
            return Value(x == y);
        if (op == "!=")
            return Value(x != y);
        if (op == "<")
            return Value(x < y);
        if (op == "<=")
            return Value(x <= y);
        if (op == ">")
            return Value(x > y);
        if (op == ">=")
            return Value(x >= y);
        if (op == "&")
            return Value(x & y);
        if (op == "|")
            return Value(x | y);
        if (op == "^")
            return Value(x ^ y);
        if (op == "<<")
            return Value(x << (y & 63));
        if (op == ">>")
            return Value(x >> (y & 63));
    }
    if (op == "==")
        return Value(valuesEqual(a, b));
    if (op == "!=")
        return Value(!valuesEqual(a, b));
    fail(at.loc, "operator `" + op + "` is not supported between " + debugValue(a) + " and " + debugValue(b));
}

} // namespace pw::lang
