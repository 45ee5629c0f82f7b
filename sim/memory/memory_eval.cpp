// Places (where a value lives) and expressions (what a value is).
#include "memory_interpreter_impl.h"

#include <algorithm>

namespace pw::memory::detail {

/// Follows references, boxes and pins from `p` until a non-pointer value.
Place Interpreter::autoDeref(Place p, const SourceLoc& loc)
{
    for (int guard = 0; guard < 8; ++guard) {
        MValue v = readPlace(p, loc);
        if (v.kind != MValue::Kind::Ptr || v.ptr == "*const" || v.ptr == "*mut")
            return p;
        Place next;
        next.addr = v.addr;
        next.type = v.pointee;
        next.throughPin = v.pin ? v.type : p.throughPin;
        if (v.addr == 0)
            panic(loc, "null pointer dereference");
        Located l = locate(v.addr, v.pointee);
        if (!l.alloc)
            panic(loc, "dereference of a dangling pointer " + formatAddress(v.addr));
        next.allocId = l.alloc->id;
        if (l.value)
            next.type = l.value->type;
        p = next;
    }
    return p;
}

Place Interpreter::place(const Expr& e, bool forWrite)
{
    switch (e.kind) {
    case ExprKind::Path: {
        if (e.path.size() != 1)
            failAt(e.loc, "`" + joinPath(e.path) + "` is not a place");
        const Binding* b = lookup(e.path[0]);
        if (!b)
            failAt(e.loc, "cannot find value `" + e.path[0] + "` in this scope", static_cast<int>(e.path[0].size()));
        const Allocation& a = alloc(b->allocId);
        if (!a.live && !b->inFuture)
            useAfterMove(e, a);
        Place p;
        p.addr = b->addr;
        p.allocId = b->allocId;
        p.root = e.path[0];
        Located l = locate(b->addr, b->type);
        p.type = l.value ? l.value->type : b->type;
        return p;
    }
    case ExprKind::Field: {
        Place base = autoDeref(place(*e.args[0], forWrite), e.loc);
        Located l = locate(base.addr, base.type);
        if (!l.value || (l.value->kind != MValue::Kind::Struct && l.value->kind != MValue::Kind::Future))
            failAt(e.nameLoc, "no field `" + e.text + "` on type `" + base.type + "`", static_cast<int>(e.text.size()));
        const auto offs = fieldOffsets(*l.value);
        for (std::size_t i = 0; i < l.value->fields.size(); ++i)
            if (l.value->fields[i].first == e.text) {
                Place p = base;
                p.addr = base.addr + offs[i];
                p.type = l.value->fields[i].second.type;
                return p;
            }
        failAt(e.nameLoc, "no field `" + e.text + "` on type `" + base.type + "`", static_cast<int>(e.text.size()));
    }
    case ExprKind::Unary:
        if (e.text == "*") {
            RV rv{readPlace(place(*e.args[0], false), e.loc), -1}; // reading a pointer never moves it
            if (!rv.v.isPtr())
                failAt(e.loc, "type `" + rv.v.type + "` cannot be dereferenced");
            Place p;
            p.addr = rv.v.addr;
            p.type = rv.v.pointee;
            p.throughPin = rv.v.pin ? rv.v.type : "";
            if (rv.v.addr == 0)
                panic(e.loc, "null pointer dereference");
            if (Located l = locate(rv.v.addr, rv.v.pointee); l.alloc) {
                p.allocId = l.alloc->id;
                if (l.value)
                    p.type = l.value->type;
            }
            return p;
        }
        break;
    case ExprKind::Index: {
        Place base = autoDeref(place(*e.args[0], forWrite), e.loc);
        const std::int64_t i = asInt(eval(*e.args[1]).v, *e.args[1]);
        std::string elem;
        std::uint64_t n = 0;
        if (!arrayType(base.type, elem, n))
            failAt(e.loc, "cannot index into a value of type `" + base.type + "`");
        if (i < 0 || static_cast<std::uint64_t>(i) >= n)
            panic(e.loc,
                  "index out of bounds: the len is " + std::to_string(n) + " but the index is " + std::to_string(i));
        Place p = base;
        p.addr = base.addr + static_cast<std::uint64_t>(i) * types_.sizeOf(elem);
        p.type = elem;
        return p;
    }
    case ExprKind::Unsafe:
    case ExprKind::Block: {
        // `unsafe { boxed.as_mut().get_unchecked_mut() }.b = ..`: a place through its value
        RV rv = eval(e);
        return tempPlace(std::move(rv.v));
    }
    default:
        break;
    }
    RV rv = eval(e);
    return tempPlace(std::move(rv.v));
}

Place Interpreter::tempPlace(MValue v)
{
    Place p;
    p.temp = true;
    p.type = v.type;
    p.tempValue = std::move(v);
    return p;
}

MValue Interpreter::readPlace(const Place& p, const SourceLoc& loc)
{
    if (p.temp)
        return p.tempValue;
    Located l = locate(p.addr, p.type);
    if (!l.value)
        panic(loc, "read of unmapped memory at " + formatAddress(p.addr));
    if (l.alloc && (!l.alloc->live || l.alloc->popped))
        effects_.push_back("reads " + formatAddress(p.addr) + " inside " +
                           (l.alloc->popped ? "a popped frame" : "moved-out `" + l.alloc->name + "`") +
                           ": stale value " + diagramValue(*l.value));
    return *l.value;
}

MValue Interpreter::peek(const Expr& e)
{
    switch (e.kind) {
    case ExprKind::Path:
        if (e.path.size() == 1 && lookup(e.path[0]))
            return readPlace(place(e, false), e.loc);
        break;
    case ExprKind::Field:
    case ExprKind::Index:
        return readPlace(place(e, false), e.loc);
    default:
        break;
    }
    return eval(e).v;
}

void Interpreter::writePlace(const Place& p, MValue v, const Expr& at)
{
    if (p.temp)
        failAt(at.loc, "cannot assign to this expression: it is not a place");
    Located l = locate(p.addr, p.type);
    if (!l.value)
        panic(at.loc, "write to unmapped memory at " + formatAddress(p.addr));
    const std::string type = l.value->type;
    *l.value = coerce(std::move(v), type);
    if (l.value->kind == MValue::Kind::Int && !v.type.empty())
        l.value->type = type;
    effects_.push_back("writes " + diagramValue(*l.value) + " to " + (l.alloc ? l.alloc->name : "?") +
                       (l.path.empty() ? "" : "." + l.path) + " at " + formatAddress(p.addr));
}

void Interpreter::useAfterMove(const Expr& e, const Allocation& a)
{
    RustcMessage m;
    m.code = "E0382";
    m.message = "use of moved value: `" + a.name + "`";
    m.labels.push_back({e.loc.line, e.loc.col, static_cast<int>(a.name.size()), "value used here after move", true});
    m.notes.push_back("note: move occurs because `" + a.name + "` has type `" + a.value.type +
                      "`, which does not implement the `Copy` trait");
    refuse(m);
}

std::int64_t Interpreter::asInt(const MValue& v, const Expr& e)
{
    if (v.kind != MValue::Kind::Int && v.kind != MValue::Kind::Bool)
        failAt(e.loc, "expected an integer, found `" + v.type + "`");
    return v.num;
}

RV Interpreter::eval(const Expr& e)
{
    switch (e.kind) {
    case ExprKind::IntLit: {
        std::string type = "i32";
        const auto digitsEnd = e.text.find_first_not_of("0123456789_xabcdefABCDEF");
        if (digitsEnd != std::string::npos && digitsEnd > 0)
            type = e.text.substr(digitsEnd);
        return {MValue::integer(e.intValue, type), -1};
    }
    case ExprKind::BoolLit:
        return {MValue::boolean(e.boolValue), -1};
    case ExprKind::StrLit:
        return {MValue::string(e.text, "&str"), -1};
    case ExprKind::Tuple:
        if (e.args.empty())
            return {MValue{}, -1};
        break;
    case ExprKind::Path:
        return evalPath(e);
    case ExprKind::Unary:
        return evalUnary(e);
    case ExprKind::Binary:
        return evalBinary(e);
    case ExprKind::Assign: {
        Place p = place(*e.args[0], true);
        checkWrite(p, *e.args[0]);
        RV rv = eval(*e.args[1]);
        writePlace(p, std::move(rv.v), *e.args[0]);
        return {};
    }
    case ExprKind::CompoundAssign: {
        Place p = place(*e.args[0], true);
        checkWrite(p, *e.args[0]);
        const MValue old = readPlace(p, e.loc);
        const std::int64_t rhs = asInt(eval(*e.args[1]).v, *e.args[1]);
        std::int64_t n = asInt(old, e);
        if (e.text == "+=")
            n += rhs;
        else if (e.text == "-=")
            n -= rhs;
        else if (e.text == "*=")
            n *= rhs;
        else
            failAt(e.loc, "unsupported operator `" + e.text + "` in a pinning program");
        writePlace(p, MValue::integer(n, old.type), *e.args[0]);
        return {};
    }
    case ExprKind::Cast: {
        RV rv = eval(*e.args[0]);
        rv.v = coerce(rv.v, e.text);
        if (rv.v.isPtr() && (e.text.rfind("*const", 0) == 0 || e.text.rfind("*mut", 0) == 0))
            effects_.push_back("casts to a raw pointer " + formatAddress(rv.v.addr));
        return rv;
    }
    case ExprKind::Call:
        return evalCall(e);
    case ExprKind::MethodCall:
        return evalMethod(e);
    case ExprKind::Field:
    case ExprKind::Index: {
        Place p = place(e, false);
        MValue v = readPlace(p, e.loc);
        if (!v.isCopy())
            moveOutOfBorrow(e, v);
        return {v, -1};
    }
    case ExprKind::Block:
        return execBlockValue(*e.block, false);
    case ExprKind::Unsafe:
        return execBlockValue(*e.block, false);
    case ExprKind::AsyncBlock:
        return makeAsyncBlock(e);
    case ExprKind::Await:
        return awaitExpr(e);
    case ExprKind::StructLit:
        return evalStructLit(e);
    case ExprKind::MacroFormat:
        return evalFormatMacro(e);
    case ExprKind::MacroList:
        return evalListMacro(e);
    case ExprKind::Array: {
        MValue a;
        a.kind = MValue::Kind::Array;
        for (const auto& x : e.args)
            a.fields.emplace_back("", eval(*x).v);
        a.type = "[" + (a.fields.empty() ? std::string("i32") : a.fields[0].second.type) + "; " +
                 std::to_string(a.fields.size()) + "]";
        return {a, -1};
    }
    case ExprKind::ArrayRepeat: {
        const MValue elem = eval(*e.args[0]).v;
        const std::int64_t n = asInt(eval(*e.args[1]).v, *e.args[1]);
        if (n < 0 || n > 4096)
            failAt(e.args[1]->loc, "arrays in a pinning program hold at most 4096 elements");
        MValue a;
        a.kind = MValue::Kind::Array;
        a.type = "[" + elem.type + "; " + std::to_string(n) + "]";
        for (std::int64_t i = 0; i < n; ++i)
            a.fields.emplace_back("", elem);
        return {a, -1};
    }
    case ExprKind::Return: {
        ReturnSignal r;
        if (!e.args.empty() && e.args[0])
            r.value = eval(*e.args[0]);
        throw r;
    }
    default:
        break;
    }
    failAt(e.loc, "this expression is not supported in a pinning program (docs/pinning.md lists what is)");
}

void Interpreter::moveOutOfBorrow(const Expr& e, const MValue& v)
{
    RustcMessage m;
    m.code = "E0507";
    const std::string what = exprText(e);
    m.message = "cannot move out of `" + what + "` which is behind a reference";
    m.labels.push_back(
        {e.loc.line, e.loc.col, static_cast<int>(what.size()),
         "move occurs because `" + what + "` has type `" + v.type + "`, which does not implement the `Copy` trait",
         true});
    refuse(m);
}

RV Interpreter::evalPath(const Expr& e)
{
    if (e.path.size() == 1) {
        const std::string& n = e.path[0];
        if (n == "None")
            return {MValue::none("Option<_>"), -1};
        if (n == "PhantomPinned") {
            MValue m;
            m.kind = MValue::Kind::Marker;
            m.type = "PhantomPinned";
            return {m, -1};
        }
        if (const Binding* b = lookup(n)) {
            Allocation& a = alloc(b->allocId);
            if (b->inFuture) {
                // a local held inside a future: read it in place
                Place p = place(e, false);
                MValue v = readPlace(p, e.loc);
                return {v, -1};
            }
            if (!a.live)
                useAfterMove(e, a);
            if (a.value.isCopy())
                return {a.value, -1};
            checkNotPinBorrowed(a.id, "move", e);
            a.live = false;
            return {a.value, a.id};
        }
    }
    const std::string full = joinPath(e.path);
    if (full == "std::marker::PhantomPinned" || full == "marker::PhantomPinned") {
        MValue m;
        m.kind = MValue::Kind::Marker;
        m.type = "PhantomPinned";
        return {m, -1};
    }
    failAt(e.loc, "cannot find value `" + full + "` in this scope", static_cast<int>(full.size()));
}

void Interpreter::checkWrite(const Place& p, const Expr& target)
{
    if (!p.throughPin.empty() && p.throughPin.find("Box<") == std::string::npos) {
        const std::string pointee = pointeeOf(p.throughPin);
        if (types_.isNotUnpin(pointee)) {
            RustcMessage m;
            m.code = "E0594";
            const std::string what = exprText(target);
            m.message = "cannot assign to data in dereference of `" + p.throughPin + "`";
            m.labels.push_back({target.loc.line, target.loc.col, static_cast<int>(what.size()), "cannot assign", true});
            m.notes.push_back("help: trait `DerefMut` is required to modify through a dereference, but it is "
                              "not implemented for `" +
                              p.throughPin + "`");
            m.notes.push_back("note: `" + pointee +
                              "` is `!Unpin` (it has a `PhantomPinned`), so `Pin` hands out "
                              "no `&mut " +
                              pointee + "`: use `unsafe { .. get_unchecked_mut() }`");
            refuse(m);
        }
    }
    if (!p.root.empty() && p.allocId >= 0)
        checkNotPinBorrowed(p.allocId, "assign", target);
}

RV Interpreter::evalUnary(const Expr& e)
{
    const std::string& op = e.text;
    if (op == "&" || op == "&mut" || op == "&raw const" || op == "&raw mut") {
        const Expr& target = *e.args[0];
        Place p = place(target, op != "&" && op != "&raw const");
        if (p.temp) {
            // a reference to a temporary: give it a slot so it has an address
            const int id = allocateSlot("(temporary)", p.tempValue);
            p.addr = alloc(id).base;
            p.allocId = id;
            p.type = alloc(id).value.type;
        }
        if (op == "&mut" && !p.root.empty() && p.allocId >= 0)
            checkNotPinBorrowed(p.allocId, "borrow", e);
        const std::string flavour = op == "&raw const" ? "*const" : op == "&raw mut" ? "*mut" : op;
        return {MValue::pointer(p.addr, p.type, flavour), -1};
    }
    if (op == "*") {
        RV ptr{readPlace(place(*e.args[0], false), e.loc), -1};
        if (!ptr.v.isPtr())
            failAt(e.loc, "type `" + ptr.v.type + "` cannot be dereferenced");
        Place p = place(e, false);
        MValue v = readPlace(p, e.loc);
        if (!v.isCopy()) {
            RustcMessage m;
            m.code = "E0507";
            const std::string what = exprText(e);
            m.message = "cannot move out of dereference of `" + ptr.v.type + "`";
            m.labels.push_back(
                {e.loc.line, e.loc.col, static_cast<int>(what.size()),
                 "move occurs because value has type `" + v.type + "`, which does not implement the `Copy` trait",
                 true});
            if (ptr.v.pin)
                m.notes.push_back("note: a pinned value cannot be moved out of its `Pin`");
            refuse(m);
        }
        effects_.push_back("reads *" + formatAddress(ptr.v.addr) + " = " + diagramValue(v));
        return {v, -1};
    }
    RV v = eval(*e.args[0]);
    if (op == "-")
        return {MValue::integer(-asInt(v.v, e), v.v.type), -1};
    if (op == "!")
        return {MValue::boolean(asInt(v.v, e) == 0), -1};
    failAt(e.loc, "unsupported operator `" + op + "`");
}

MValue Interpreter::derefAll(MValue v, const SourceLoc& loc)
{
    for (int guard = 0; guard < 8 && v.isPtr() && v.ptr != "*const" && v.ptr != "*mut"; ++guard) {
        Place p;
        p.addr = v.addr;
        p.type = v.pointee;
        v = readPlace(p, loc);
    }
    return v;
}

RV Interpreter::evalBinary(const Expr& e)
{
    const MValue a = derefAll(peek(*e.args[0]), e.loc);
    const MValue b = derefAll(peek(*e.args[1]), e.loc);
    const std::string& op = e.text;
    if (op == "==" || op == "!=") {
        const bool eq = debugValue(a) == debugValue(b);
        return {MValue::boolean(op == "==" ? eq : !eq), -1};
    }
    const std::int64_t x = asInt(a, *e.args[0]);
    const std::int64_t y = asInt(b, *e.args[1]);
    if (op == "+")
        return {MValue::integer(x + y, a.type), -1};
    if (op == "-")
        return {MValue::integer(x - y, a.type), -1};
    if (op == "*")
        return {MValue::integer(x * y, a.type), -1};
    if (op == "<")
        return {MValue::boolean(x < y), -1};
    if (op == ">")
        return {MValue::boolean(x > y), -1};
    if (op == "<=")
        return {MValue::boolean(x <= y), -1};
    if (op == ">=")
        return {MValue::boolean(x >= y), -1};
    failAt(e.loc, "unsupported operator `" + op + "` in a pinning program");
}

RV Interpreter::evalStructLit(const Expr& e)
{
    std::string name = joinPath(e.path);
    if (name == "Self")
        name = frames_.back().implType;
    auto it = types_.structs.find(name);
    if (it == types_.structs.end())
        failAt(e.loc, "cannot find struct `" + name + "` in this scope", static_cast<int>(name.size()));
    MValue s;
    s.kind = MValue::Kind::Struct;
    s.type = name;
    std::vector<RV> values(it->second.size());
    std::vector<bool> given(it->second.size(), false);
    for (const auto& fi : e.fields) {
        std::size_t k = 0;
        while (k < it->second.size() && it->second[k].first != fi.name)
            ++k;
        if (k == it->second.size())
            failAt(fi.loc, "struct `" + name + "` has no field named `" + fi.name + "`",
                   static_cast<int>(fi.name.size()));
        values[k] = eval(*fi.value);
        given[k] = true;
    }
    for (std::size_t k = 0; k < it->second.size(); ++k) {
        if (!given[k])
            failAt(e.loc, "missing field `" + it->second[k].first + "` in initializer of `" + name + "`");
        s.fields.emplace_back(it->second[k].first, coerce(values[k].v, it->second[k].second));
    }
    return {s, -1};
}

} // namespace pw::memory::detail
