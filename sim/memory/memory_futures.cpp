// Async state machines: creating a future, polling it to completion, `.await`.
#include "async_desugar.h"
#include "memory_interpreter_impl.h"

namespace pw::memory::detail {

RV Interpreter::makeFuture(const FnDecl& fn, const std::string& implType, std::vector<Arg> args)
{
    MValue f;
    f.kind = MValue::Kind::Future;
    f.type = "{async fn body of " + fn.name + "()}";
    f.variant = "Unresumed";
    f.fn = &fn;
    f.body = fn.body.get();
    for (auto& a : args)
        f.fields.emplace_back(a.name, coerce(a.rv.v, resolveSelf(a.type, implType)));
    for (const auto& h : heldAcrossAwait(*fn.body, program_))
        f.fields.emplace_back(h.name, MValue::uninit(h.type));
    desugared(f.type, *fn.body, &fn);
    RV r;
    r.v = std::move(f);
    return r;
}

RV Interpreter::makeAsyncBlock(const Expr& e)
{
    MValue f;
    f.kind = MValue::Kind::Future;
    f.type = "{async block@" + file_ + ":" + std::to_string(e.loc.line) + ":" + std::to_string(e.loc.col) + "}";
    f.variant = "Unresumed";
    f.body = e.block.get();
    for (const auto& h : heldAcrossAwait(*e.block, program_))
        f.fields.emplace_back(h.name, MValue::uninit(h.type));
    desugared(f.type, *e.block, nullptr);
    RV r;
    r.v = std::move(f);
    return r;
}

void Interpreter::desugared(const std::string& type, const Block& body, const FnDecl* fn)
{
    for (const auto& s : trace_.stateMachines)
        if (s.rfind("// " + type, 0) == 0)
            return;
    trace_.stateMachines.push_back(desugarAsyncBody(type, body, fn, program_));
}

/// Polls the future at `place` to completion: its body runs in a poll frame whose held
/// locals live inside the future itself.
RV Interpreter::pollToCompletion(const Place& place, const SourceLoc& loc)
{
    Located l = locate(place.addr, place.type);
    if (!l.value || l.value->kind != MValue::Kind::Future)
        failAt(loc, "`.await` / block_on needs a future here, found `" + place.type + "`");
    if (l.value->variant == "Returned")
        panic(loc, "`async fn` resumed after completion");
    const MValue snapshot = *l.value;
    const std::string name = snapshot.fn ? snapshot.fn->name + "::{async fn body}" : "{async block}";
    pushFrame(name, loc.line, "");
    Frame& f = frames_.back();
    f.futureAddr = place.addr;
    f.futureAlloc = l.alloc->id;
    f.futureType = snapshot.type;
    const auto offs = fieldOffsets(snapshot);
    for (std::size_t i = 0; i < snapshot.fields.size(); ++i) {
        f.heldLocals.insert(snapshot.fields[i].first);
        bind(snapshot.fields[i].first, l.alloc->id, place.addr + offs[i], snapshot.fields[i].second.type, true);
    }
    RV result;
    try {
        result = execBlockValue(*snapshot.body, true);
    } catch (ReturnSignal& r) {
        result = std::move(r.value);
    }
    if (Located now = locate(place.addr, place.type); now.value) {
        now.value->variant = "Returned";
        for (auto& fld : now.value->fields)
            fld.second = MValue::uninit(fld.second.type);
    }
    effects_.push_back("the future at " + formatAddress(place.addr) + " is Returned (Ready(" + displayOf(result.v) +
                       "))");
    record(snapshot.body->endLoc, "end of " + name);
    popFrame();
    return result;
}

void Interpreter::setVariant(const Place& place, const std::string& variant)
{
    if (Located l = locate(place.addr, place.type); l.value)
        l.value->variant = variant;
}

RV Interpreter::awaitExpr(const Expr& e)
{
    const Frame& f = frames_.back();
    if (f.futureAlloc < 0)
        failAt(e.loc, "`.await` is only allowed inside an `async fn` or `async` block", 6);
    const Expr& inner = *e.args[0];
    Place p;
    if (inner.kind == ExprKind::Path) {
        p = place(inner, false);
    } else {
        RV rv = eval(inner);
        const int id = allocateSlot("__awaitee", rv.v);
        p.addr = alloc(id).base;
        p.type = alloc(id).value.type;
        p.allocId = id;
    }
    Place futurePlace;
    futurePlace.addr = frames_.back().futureAddr;
    futurePlace.type = frames_.back().futureType;
    const int index = frames_.back().awaits++;
    setVariant(futurePlace, "Suspend" + std::to_string(index));
    std::string held; // in the future's field order (declaration order)
    if (Located fut = locate(futurePlace.addr, futurePlace.type); fut.value)
        for (const auto& field : fut.value->fields)
            held += (held.empty() ? "" : ", ") + field.first;
    record(e.loc, statementText(e.loc) + " (at this .await the future is in state Suspend" + std::to_string(index) +
                      ", holding " + held +
                      "; if the awaited future is not ready, poll returns Pending here and resumes here)");
    RV r = pollToCompletion(p, e.loc);
    return r;
}

} // namespace pw::memory::detail
