// Calls: frames, arguments, returns, methods with their receivers, and the std functions of
// the pinning listings (Box::new / Box::pin, Pin::new / new_unchecked, get_mut, mem::swap,
// block_on), with the refusals rustc makes for them.
#include "memory_interpreter_impl.h"

#include <algorithm>
#include <cctype>

namespace pw::memory::detail {

void Interpreter::pushFrame(const std::string& function, int callLine, const std::string& implType)
{
    if (static_cast<int>(frames_.size()) >= kMaxDepth)
        failAt(SourceLoc{callLine, 1, 0}, "calls nest more than " + std::to_string(kMaxDepth) + " deep");
    Frame f;
    f.function = function;
    f.base = kStackBase + kFrameStride * frames_.size();
    f.next = f.base;
    f.callLine = callLine;
    f.implType = implType;
    f.scopes.emplace_back();
    frames_.push_back(std::move(f));
}

void Interpreter::popFrame()
{
    for (int id : frames_.back().slots) {
        Allocation& a = alloc(id);
        if (a.live)
            dropValue(a.value);
        a.popped = true;
    }
    frames_.pop_back();
}

/// Drops what a value owns: a live Box frees its heap block.
void Interpreter::dropValue(const MValue& v)
{
    if (v.kind == MValue::Kind::Ptr && v.ptr == "Box") {
        for (int id : heap_) {
            Allocation& h = alloc(id);
            if (h.base == v.addr && h.live) {
                h.live = false;
                effects_.push_back("frees " + h.name + " at " + formatAddress(h.base));
            }
        }
    }
    for (const auto& f : v.fields)
        dropValue(f.second);
}

/// Stores an argument into a new slot of the current (callee) frame.
void Interpreter::bindArg(const Arg& a)
{
    MValue v = coerce(a.rv.v, a.type);
    const int id = allocateSlot(a.name, v);
    bind(a.name, id, alloc(id).base, alloc(id).value.type);
    if (a.rv.movedFrom >= 0)
        noteMove(a.rv.movedFrom, alloc(id).base, id, "moves");
}

RV Interpreter::callFunction(const FnDecl& fn, const std::string& implType, std::vector<Arg> args,
                             const SourceLoc& callLoc, const std::string& name)
{
    if (fn.isAsync)
        return makeFuture(fn, implType, std::move(args));
    pushFrame(name, callLoc.line, implType);
    for (const auto& a : args)
        bindArg(a);
    RV result;
    const std::string returnType = resolveSelf(fn.returnType, implType);
    try {
        result = execBlockValue(*fn.body, true);
    } catch (ReturnSignal& r) {
        result = std::move(r.value);
    }
    result.v = coerce(result.v, returnType);
    if (fn.body->tail)
        record(fn.body->tail->loc, "`" + name + "` returns " + describe(result.v));
    popFrame();
    return result;
}

std::string Interpreter::resolveSelf(const std::string& t, const std::string& implType)
{
    if (implType.empty())
        return t;
    auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    std::string out;
    for (std::size_t i = 0; i < t.size();) {
        if (t.compare(i, 4, "Self") == 0 && (i == 0 || !ident(t[i - 1])) && (i + 4 >= t.size() || !ident(t[i + 4]))) {
            out += implType;
            i += 4;
        } else {
            out += t[i++];
        }
    }
    return out;
}

std::string Interpreter::describe(const MValue& v)
{
    if (v.kind == MValue::Kind::Ptr)
        return v.type + " to " + formatAddress(v.addr);
    if (v.kind == MValue::Kind::Unit)
        return "()";
    if (v.kind == MValue::Kind::Struct)
        return debugValue(v);
    return diagramValue(v) + " (" + v.type + ")";
}

/// Converts a value to the declared type of where it goes: integer types, & -> *const,
/// struct field types, arrays of u8.
MValue Interpreter::coerce(MValue v, const std::string& rawType)
{
    const std::string type = stripType(rawType);
    if (type.empty() || type == "_" || type.rfind("impl ", 0) == 0)
        return v;
    switch (v.kind) {
    case MValue::Kind::Int:
        v.type = type;
        return v;
    case MValue::Kind::Str:
        v.type = type == "String" ? "String" : "&str";
        return v;
    case MValue::Kind::Ptr: {
        if (type.rfind("*const", 0) == 0 || type.rfind("*mut", 0) == 0) {
            const std::string flavour = type.rfind("*const", 0) == 0 ? "*const" : "*mut";
            std::string pointee = pointeeOf(type);
            if (pointee == "_" || pointee.empty())
                pointee = v.pointee;
            return MValue::pointer(v.addr, pointee, flavour, false);
        }
        if ((v.ptr == "&" || v.ptr == "&mut") && !v.pin && type.front() == '&')
            v.type = type; // `&mut [u8]` pointing at a `[u8; 128]`, `&str` at a `String`: the pointee stays
        return v;
    }
    case MValue::Kind::Option: {
        const std::string inner = genericArg(type, "Option");
        if (!inner.empty()) {
            v.type = type;
            if (!v.fields.empty())
                v.fields[0].second = coerce(v.fields[0].second, inner);
        }
        return v;
    }
    case MValue::Kind::Array: {
        std::string elem;
        std::uint64_t n = 0;
        if (arrayType(type, elem, n)) {
            v.type = type;
            for (auto& f : v.fields)
                f.second = coerce(f.second, elem);
        }
        return v;
    }
    default:
        return v;
    }
}

std::vector<Interpreter::Arg> Interpreter::argsFor(const FnDecl& fn, const Expr& call, std::size_t firstArg,
                                                   const std::string& implType)
{
    std::vector<Arg> args;
    const std::size_t given = call.args.size() - firstArg;
    if (given != fn.params.size())
        failAt(call.loc, "this function takes " + std::to_string(fn.params.size()) + " argument" +
                             (fn.params.size() == 1 ? "" : "s") + " but " + std::to_string(given) +
                             (given == 1 ? " was" : " were") + " supplied");
    for (std::size_t i = 0; i < fn.params.size(); ++i) {
        Arg a;
        a.rv = eval(*call.args[firstArg + i]);
        a.name = fn.params[i].pattern.name;
        a.type = resolveSelf(fn.params[i].type, implType);
        args.push_back(std::move(a));
    }
    return args;
}

RV Interpreter::evalCall(const Expr& e)
{
    const Expr& callee = *e.args[0];
    if (callee.kind != ExprKind::Path)
        failAt(callee.loc, "only calls of named functions are supported in a pinning program");
    const std::vector<std::string>& path = callee.path;
    const std::string full = joinPath(path);
    const std::string last = path.back();
    const std::string owner = path.size() >= 2 ? path[path.size() - 2] : "";
    auto argc = [&](std::size_t n) {
        if (e.args.size() - 1 != n)
            failAt(e.loc, "`" + full + "` takes " + std::to_string(n) + " argument" + (n == 1 ? "" : "s"));
    };
    if (full == "Some") {
        argc(1);
        RV inner = eval(*e.args[1]);
        return {MValue::some(inner.v, "Option<" + inner.v.type + ">"), inner.movedFrom};
    }
    if (owner == "String" && last == "from") {
        argc(1);
        MValue s = derefAll(eval(*e.args[1]).v, e.loc);
        return {MValue::string(s.text, "String"), -1};
    }
    if (owner == "ptr" && (last == "null" || last == "null_mut")) {
        argc(0);
        return {MValue::pointer(0, "_", last == "null" ? "*const" : "*mut"), -1};
    }
    if (owner == "Box" && (last == "new" || last == "pin")) {
        argc(1);
        return boxValue(e, last == "pin");
    }
    if (owner == "Pin" && (last == "new" || last == "new_unchecked")) {
        argc(1);
        return pinNew(e, last == "new_unchecked");
    }
    if ((owner == "mem" || full == "swap") && (last == "swap" || last == "replace")) {
        argc(2);
        if (last == "swap")
            return memSwap(e);
    }
    if (full == "drop" || full == "std::mem::drop" || full == "mem::drop") {
        argc(1);
        RV v = eval(*e.args[1]);
        dropValue(v.v);
        effects_.push_back("drops " + describe(v.v));
        return {};
    }
    if (last == "block_on") {
        argc(1);
        return blockOn(e);
    }
    if (path.size() == 1) {
        auto it = fns_.find(last);
        if (it == fns_.end())
            failAt(callee.loc, "cannot find function `" + last + "` in this scope", static_cast<int>(last.size()));
        return callFunction(*it->second, "", argsFor(*it->second, e, 1, ""), e.loc, last);
    }
    std::string type = owner == "Self" ? frames_.back().implType : owner;
    const FnDecl* fn = findMethod(type, last);
    if (!fn)
        failAt(callee.loc, "no function or associated item named `" + last + "` found for `" + type + "`",
               static_cast<int>(full.size()));
    std::vector<Arg> args;
    std::size_t first = 1;
    if (!fn->selfParam.empty()) {
        if (e.args.size() < 2)
            failAt(e.loc, "`" + full + "` takes `self` as its first argument");
        Arg self;
        self.rv = eval(*e.args[1]);
        self.name = "self";
        self.type = selfType(*fn, type);
        args.push_back(std::move(self));
        first = 2;
    }
    for (auto& a : argsFor(*fn, e, first, type))
        args.push_back(std::move(a));
    return callFunction(*fn, type, std::move(args), e.loc, type + "::" + last);
}

const FnDecl* Interpreter::findMethod(const std::string& type, const std::string& name)
{
    auto t = methods_.find(type);
    if (t == methods_.end())
        return nullptr;
    auto m = t->second.find(name);
    return m == t->second.end() ? nullptr : m->second;
}

std::string Interpreter::selfType(const FnDecl& fn, const std::string& type)
{
    const std::string& s = fn.selfParam;
    if (s == "&self")
        return "&" + type;
    if (s == "&mut self")
        return "&mut " + type;
    if (s == "self" || s == "mut self")
        return type;
    const auto colon = s.find(':');
    return colon == std::string::npos ? type : resolveSelf(stripType(s.substr(colon + 1)), type);
}

RV Interpreter::boxValue(const Expr& e, bool pinned)
{
    RV inner = eval(*e.args[1]);
    const std::string type = inner.v.type;
    const int id = allocateHeap(inner.v);
    if (inner.movedFrom >= 0)
        noteMove(inner.movedFrom, alloc(id).base, id, pinned ? "Box::pin moves" : "Box::new moves");
    else
        effects_.push_back("allocates " + alloc(id).name + " (" + type + ", " + std::to_string(alloc(id).size) +
                           " bytes) at " + formatAddress(alloc(id).base));
    if (pinned) {
        alloc(id).pinned = true;
        alloc(id).pinLoc = e.loc;
        effects_.push_back("pins " + alloc(id).name + " on the heap: it never moves again");
    }
    return {MValue::pointer(alloc(id).base, type, "Box", pinned), -1};
}

RV Interpreter::pinNew(const Expr& e, bool unchecked)
{
    const Expr& argExpr = *e.args[1];
    RV arg = eval(argExpr);
    if (!arg.v.isPtr() || (arg.v.ptr != "&" && arg.v.ptr != "&mut" && arg.v.ptr != "Box"))
        failAt(argExpr.loc, "`Pin::new` takes a pointer (`&mut x`, `&x` or a `Box`), found `" + arg.v.type + "`");
    const std::string pointee = arg.v.pointee;
    if (!unchecked && types_.isNotUnpin(pointee)) {
        RustcMessage m;
        m.code = "E0277";
        m.message = "`PhantomPinned` cannot be unpinned";
        const std::string what = exprText(argExpr);
        m.labels.push_back({e.args[0]->loc.line, e.args[0]->loc.col, static_cast<int>(joinPath(e.args[0]->path).size()),
                            "required by a bound introduced by this call", false});
        m.labels.push_back({argExpr.loc.line, argExpr.loc.col, static_cast<int>(what.size()),
                            "within `" + pointee + "`, the trait `Unpin` is not implemented for `PhantomPinned`",
                            true});
        m.notes.push_back("note: consider using the `pin!` macro");
        m.notes.push_back("note: consider using `Box::pin` if you need to access the pinned value outside of "
                          "the current scope");
        m.notes.push_back("note: required because it appears within the type `" + pointee + "`");
        m.notes.push_back("note: required by a bound in `Pin::<Ptr>::new`");
        refuse(m);
    }
    markPinned(arg.v.addr, pointee, argExpr);
    MValue p = arg.v;
    p = MValue::pointer(arg.v.addr, pointee, arg.v.ptr, true);
    return {p, arg.movedFrom};
}

void Interpreter::markPinned(Address addr, const std::string& pointee, const Expr& at)
{
    Located l = locate(addr, pointee);
    if (!l.alloc)
        return;
    if (!l.alloc->pinned) {
        l.alloc->pinned = true;
        l.alloc->pinLoc = at.loc;
        l.alloc->pinLength = static_cast<int>(exprText(at).size());
    }
    effects_.push_back("pins `" + l.alloc->name + "` at " + formatAddress(addr) +
                       (types_.isNotUnpin(pointee) ? " (!Unpin: it must not move again)"
                                                   : " (Unpin: the pin does not stop it moving later)"));
}

RV Interpreter::memSwap(const Expr& e)
{
    RV a = eval(*e.args[1]);
    RV b = eval(*e.args[2]);
    if (!a.v.isPtr() || !b.v.isPtr() || a.v.ptr != "&mut" || b.v.ptr != "&mut")
        failAt(e.loc, "`mem::swap` takes two `&mut` references");
    Located la = locate(a.v.addr, a.v.pointee);
    Located lb = locate(b.v.addr, b.v.pointee);
    if (!la.value || !lb.value)
        panic(e.loc, "swap through a dangling reference");
    std::swap(*la.value, *lb.value);
    for (auto [from, to] : {std::pair{la, lb}, std::pair{lb, la}}) {
        MemoryMove m;
        m.from = from.alloc->base;
        m.to = to.alloc->base;
        m.size = sizeOfValue(*to.value);
        m.fromObjectId = from.alloc->id;
        m.toObjectId = to.alloc->id;
        m.what = from.alloc->name + " (" + to.value->type + ")";
        moves_.push_back(m);
    }
    effects_.push_back("swaps the " + std::to_string(sizeOfValue(*la.value)) + " bytes of `" + la.alloc->name + "` (" +
                       formatAddress(la.alloc->base) + ") and `" + lb.alloc->name + "` (" +
                       formatAddress(lb.alloc->base) + "); pointers into them still hold the old addresses");
    return {};
}

RV Interpreter::blockOn(const Expr& e)
{
    RV fut = eval(*e.args[1]);
    if (fut.v.kind != MValue::Kind::Future)
        failAt(e.args[1]->loc, "`block_on` takes a future, found `" + fut.v.type + "`");
    pushFrame("block_on", e.loc.line, "");
    Arg a;
    a.rv = fut;
    a.name = "future";
    bindArg(a);
    Allocation& slot = alloc(frames_.back().slots.back());
    slot.pinned = true;
    slot.pinLoc = e.loc;
    effects_.push_back("block_on pins the future in its own frame (`pin!`) and polls it");
    record(e.loc, statementText(e.loc));
    Place p;
    p.addr = slot.base;
    p.type = slot.value.type;
    p.allocId = slot.id;
    RV r = pollToCompletion(p, e.loc);
    record(e.loc, statementText(e.loc) + " (block_on returns " + displayOf(r.v) + ")");
    popFrame();
    return r;
}

RV Interpreter::evalMethod(const Expr& e)
{
    const std::string& name = e.text;
    const Expr& recvExpr = *e.args[0];
    // Built-in methods of Pin, Option, String.
    if (name == "as_mut" || name == "as_ref" || name == "get_mut" || name == "get_ref" || name == "get_unchecked_mut") {
        Place rp = place(recvExpr, false);
        MValue recv = readPlace(rp, e.loc);
        if (recv.isPtr() && recv.pin)
            return pinMethod(e, recv);
        if (recv.isPtr() && (name == "as_mut" || name == "as_ref"))
            return {recv, -1};
    }
    if (name == "expect" || name == "unwrap") {
        MValue v = derefOption(eval(recvExpr).v, e.loc);
        if (v.kind != MValue::Kind::Option)
            failAt(e.nameLoc, "no method named `" + name + "` found for `" + v.type + "`");
        if (v.fields.empty()) {
            std::string msg = "called `Option::unwrap()` on a `None` value";
            if (name == "expect" && e.args.size() == 2)
                msg = derefAll(eval(*e.args[1]).v, e.loc).text;
            panic(e.nameLoc, msg);
        }
        return {v.fields[0].second, -1};
    }
    if (name == "to_string" || name == "to_owned" || name == "clone") {
        MValue v = derefAll(eval(recvExpr).v, e.loc);
        if (v.kind == MValue::Kind::Str)
            return {MValue::string(v.text, "String"), -1};
        if (name == "clone")
            return {v, -1};
    }
    if (name == "len") {
        MValue v = derefAll(eval(recvExpr).v, e.loc);
        if (v.kind == MValue::Kind::Str)
            return {MValue::integer(static_cast<std::int64_t>(v.text.size()), "usize"), -1};
        if (v.kind == MValue::Kind::Array)
            return {MValue::integer(static_cast<std::int64_t>(v.fields.size()), "usize"), -1};
    }
    // User methods: auto-ref / auto-deref the receiver.
    Place rp = place(recvExpr, false);
    MValue recv = readPlace(rp, e.loc);
    std::string type = recv.type;
    if (recv.isPtr())
        type = recv.pointee;
    const FnDecl* fn = findMethod(recv.type, name);
    if (!fn)
        fn = findMethod(type, name);
    if (!fn)
        failAt(e.nameLoc, "no method named `" + name + "` found for `" + recv.type + "` in this program",
               static_cast<int>(name.size()));
    if (findMethod(recv.type, name))
        type = recv.type;
    Arg self;
    self.name = "self";
    self.type = selfType(*fn, type);
    const std::string& sp = fn->selfParam;
    if (sp.find("Pin<") != std::string::npos) {
        if (!recv.isPtr() || !recv.pin)
            failAt(recvExpr.loc, "`" + name + "` takes `" + sp + "`: call it on a pinned pointer (e.g. `x.as_mut()`)");
        self.rv.v = recv;
    } else if (sp == "&self" || sp == "&mut self") {
        Place target = recv.isPtr() && !findMethod(recv.type, name) ? autoDeref(rp, e.loc) : rp;
        if (target.temp) {
            const int id = allocateSlot("(temporary)", target.tempValue);
            target.addr = alloc(id).base;
            target.allocId = id;
        }
        if (sp == "&mut self") {
            checkWrite(target, recvExpr);
            if (!target.root.empty() && target.allocId >= 0)
                checkNotPinBorrowed(target.allocId, "borrow", recvExpr);
        }
        self.rv.v = MValue::pointer(target.addr, type, sp == "&self" ? "&" : "&mut");
    } else {
        self.rv = eval(recvExpr);
    }
    std::vector<Arg> args;
    args.push_back(std::move(self));
    for (auto& a : argsFor(*fn, e, 1, type))
        args.push_back(std::move(a));
    return callFunction(*fn, type, std::move(args), e.loc, type + "::" + name);
}

MValue Interpreter::derefOption(MValue v, const SourceLoc& loc)
{
    if (v.isPtr() && v.ptr != "*const" && v.ptr != "*mut")
        return derefAll(v, loc);
    return v;
}

RV Interpreter::pinMethod(const Expr& e, const MValue& pin)
{
    const std::string& name = e.text;
    const std::string pointee = pin.pointee;
    if (name == "as_mut")
        return {MValue::pointer(pin.addr, pointee, "&mut", true), -1};
    if (name == "as_ref")
        return {MValue::pointer(pin.addr, pointee, "&", true), -1};
    if (name == "get_ref")
        return {MValue::pointer(pin.addr, pointee, "&"), -1};
    if (name == "get_unchecked_mut") {
        effects_.push_back("unsafe: takes `&mut " + pointee + "` out of the pin (the caller promises not to move it)");
        return {MValue::pointer(pin.addr, pointee, "&mut"), -1};
    }
    // get_mut: only for Unpin targets
    if (types_.isNotUnpin(pointee)) {
        RustcMessage m;
        m.code = "E0277";
        m.message = "`PhantomPinned` cannot be unpinned";
        m.labels.push_back({e.nameLoc.line, e.nameLoc.col, static_cast<int>(name.size()),
                            "within `" + pointee + "`, the trait `Unpin` is not implemented for `PhantomPinned`",
                            true});
        m.notes.push_back("note: consider using the `pin!` macro");
        m.notes.push_back("note: consider using `Box::pin` if you need to access the pinned value outside of "
                          "the current scope");
        m.notes.push_back("note: required because it appears within the type `" + pointee + "`");
        m.notes.push_back("note: required by a bound in `Pin::<&'a mut T>::get_mut`");
        refuse(m);
    }
    return {MValue::pointer(pin.addr, pointee, "&mut"), -1};
}

} // namespace pw::memory::detail
