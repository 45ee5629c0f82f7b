// The memory interpreter: runs a pinning program's `fn main` statement by statement on a
// deterministic address space and records a MemoryStep after each statement.
//
// Model (docs/pinning.md): every `let` gets a fresh slot in its frame (slots are never reused
// while the frame lives); a move copies the bytes to the destination and greys the source,
// whose stale bytes stay readable through old pointers; frames are popped on return; Box
// allocations live on the heap. Pin rules are checked where rustc checks them (Pin::new and
// get_mut on !Unpin types, DerefMut through Pin on !Unpin types, moving out of a Pin, moving or
// assigning a value a Pin still borrows) and refused with rustc's error text.
#include "memory_interpreter.h"

#include "async_desugar.h"
#include "memory_interpreter_impl.h"
#include "sim/lang/parser.h"

#include <algorithm>

namespace pw::memory::detail {

void Interpreter::failAt(const SourceLoc& loc, const std::string& message, int length)
{
    lang::Diagnostic d{file_, loc, message, length};
    MemoryError e;
    e.kind = MemoryError::Kind::Parse;
    e.message = message;
    e.rendered = d.format(source_);
    e.line = loc.line;
    e.col = loc.col;
    trace_.error = e;
    throw Stop{};
}

void Interpreter::refuse(const RustcMessage& m)
{
    MemoryError e;
    e.kind = MemoryError::Kind::Refused;
    e.code = m.code;
    e.message = m.message;
    e.rendered = renderRustc(m, file_, source_);
    for (const auto& l : m.labels)
        if (l.primary) {
            e.line = l.line;
            e.col = l.col;
            break;
        }
    trace_.error = e;
    throw Stop{};
}

void Interpreter::panic(const SourceLoc& loc, const std::string& message)
{
    MemoryError e;
    e.kind = MemoryError::Kind::Panic;
    e.message = message.substr(0, message.find('\n'));
    e.rendered = "thread 'main' panicked at " + file_ + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col) +
                 ":\n" + message + "\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n";
    e.line = loc.line;
    e.col = loc.col;
    trace_.error = e;
    throw Stop{};
}

void Interpreter::collectItems()
{
    for (const auto& item : program_.items) {
        if (item->kind == Item::Kind::Struct) {
            if (item->tupleStruct)
                failAt(item->loc, "tuple structs are not supported in a pinning program; name the fields");
            auto fields = item->fields;
            for (auto& f : fields)
                f.second = resolveSelf(f.second, item->name);
            types_.structs[item->name] = fields;
        } else if (item->kind == Item::Kind::Fn) {
            fns_[item->fn->name] = item->fn.get();
        } else if (item->kind == Item::Kind::Impl) {
            if (!item->traitName.empty())
                failAt(item->loc,
                       "trait impls (`impl " + item->traitName + " for ..`) are not supported in a pinning program");
            for (const auto& m : item->methods)
                methods_[item->selfType][m->name] = m.get();
        } else if (item->kind != Item::Kind::Use) {
            failAt(item->loc, "this item is not supported in a pinning program; supported: struct, impl, fn, use");
        }
    }
    // The size of each async fn's future: its arguments and the locals it holds across
    // `.await`s (a future may hold another one, hence the second pass).
    for (int pass = 0; pass < 2; ++pass)
        for (const auto& [name, fn] : fns_) {
            if (!fn->isAsync)
                continue;
            std::vector<std::string> fieldTypes;
            for (const auto& p : fn->params)
                fieldTypes.push_back(p.type);
            for (const auto& h : heldAcrossAwait(*fn->body, program_))
                fieldTypes.push_back(h.type);
            const auto offs = types_.fieldOffsets(fieldTypes);
            std::uint64_t end = 0;
            for (std::size_t i = 0; i < fieldTypes.size(); ++i)
                end = std::max(end, offs[i] + types_.sizeOf(fieldTypes[i]));
            types_.extraSizes["{async fn body of " + name + "()}"] = (end + 7) / 8 * 8;
        }
}

RV Interpreter::execBlockValue(const Block& b, bool functionBody)
{
    Frame& f = frames_.back();
    if (!functionBody)
        f.scopes.emplace_back();
    f.cursors.push_back({&b, 0});
    for (std::size_t i = 0; i < b.stmts.size(); ++i) {
        frames_.back().cursors.back().index = i;
        execStmt(b.stmts[i]);
    }
    frames_.back().cursors.back().index = b.stmts.size();
    RV result;
    if (b.tail)
        result = eval(*b.tail);
    frames_.back().cursors.pop_back();
    if (!functionBody)
        frames_.back().scopes.pop_back();
    return result;
}

void Interpreter::execStmt(const Stmt& s)
{
    switch (s.kind) {
    case Stmt::Kind::Empty:
        return;
    case Stmt::Kind::Item:
        failAt(s.loc, "items inside a fn body are not supported in a pinning program; declare them at the top");
    case Stmt::Kind::Expr:
        eval(*s.expr);
        if (s.expr->kind == ExprKind::Await)
            return; // the await recorded its own steps
        record(s.loc, statementText(s.loc));
        return;
    case Stmt::Kind::Let:
        execLet(s);
        record(s.loc, statementText(s.loc));
        return;
    }
}

void Interpreter::execLet(const Stmt& s)
{
    if (s.pattern.kind != lang::Pattern::Kind::Ident && s.pattern.kind != lang::Pattern::Kind::Wildcard)
        failAt(s.pattern.loc, "only `let name = ..` and `let _ = ..` are supported in a pinning program");
    if (!s.init)
        failAt(s.loc, "`let` without a value is not supported in a pinning program");
    RV rv = eval(*s.init);
    if (s.pattern.kind == lang::Pattern::Kind::Wildcard)
        return;
    std::string type = s.type;
    if (type.empty())
        type = inferLetType(s, currentBlock(), program_);
    MValue v = coerce(std::move(rv.v), type);
    Frame& f = frames_.back();
    if (f.heldLocals.count(s.pattern.name)) {
        const Binding* b = lookup(s.pattern.name);
        Located l = locate(b->addr, b->type);
        if (l.value) {
            const std::string t = l.value->type;
            *l.value = coerce(v, t);
            effects_.push_back("`" + s.pattern.name + "` lives inside the future, at " + formatAddress(b->addr));
        }
        return;
    }
    const int id = allocateSlot(s.pattern.name, std::move(v));
    bind(s.pattern.name, id, alloc(id).base, alloc(id).value.type);
    if (rv.movedFrom >= 0)
        noteMove(rv.movedFrom, alloc(id).base, id, "moves");
    else
        effects_.push_back("`" + s.pattern.name + "` (" + alloc(id).value.type + ", " + std::to_string(alloc(id).size) +
                           " bytes) at " + formatAddress(alloc(id).base));
}

const Block* Interpreter::currentBlock()
{
    const Frame& f = frames_.back();
    return f.cursors.empty() ? nullptr : f.cursors.back().block;
}

const Binding* Interpreter::lookup(const std::string& name)
{
    Frame& f = frames_.back();
    for (auto it = f.scopes.rbegin(); it != f.scopes.rend(); ++it) {
        auto b = it->find(name);
        if (b != it->end())
            return &b->second;
    }
    return nullptr;
}

void Interpreter::bind(const std::string& name, int allocId, Address addr, const std::string& type, bool inFuture)
{
    frames_.back().scopes.back()[name] = Binding{allocId, addr, type, inFuture};
}

void Interpreter::noteMove(int fromId, Address to, int toId, const std::string& how)
{
    const Allocation& from = alloc(fromId);
    MemoryMove m;
    m.from = from.base;
    m.to = to;
    m.size = from.size;
    m.fromObjectId = fromId;
    m.toObjectId = toId;
    m.what = from.name + " (" + from.value.type + ")";
    moves_.push_back(m);
    effects_.push_back(how + " `" + from.name + "` (" + from.value.type + ", " + std::to_string(from.size) +
                       " bytes) from " + formatAddress(from.base) + " to " + formatAddress(to));
}

bool Interpreter::holdsPinTo(const MValue& v, Address lo, Address hi)
{
    if (v.kind == MValue::Kind::Ptr && v.pin && v.ptr != "Box" && v.addr >= lo && v.addr < hi)
        return true;
    return std::any_of(v.fields.begin(), v.fields.end(), [&](const auto& f) { return holdsPinTo(f.second, lo, hi); });
}

/// Refuses `action` on allocation `id` if a Pin that borrows it is used later (rustc's
/// borrow checker: E0505 move, E0506 assign, E0499 second &mut).
void Interpreter::checkNotPinBorrowed(int id, const std::string& action, const Expr& at)
{
    const Allocation& target = alloc(id);
    for (const auto& holder : allocs_) {
        if (holder.id == id || !holder.live || holder.popped || holder.region != Region::Stack)
            continue;
        if (!holdsPinTo(holder.value, target.base, target.base + std::max<std::uint64_t>(target.size, 1)))
            continue;
        const Expr* later = usedLater(holder.name);
        if (!later)
            continue;
        RustcMessage m;
        const std::string what = exprText(at);
        if (action == "move") {
            m.code = "E0505";
            m.message = "cannot move out of `" + target.name + "` because it is borrowed";
        } else if (action == "assign") {
            m.code = "E0506";
            m.message = "cannot assign to `" + what + "` because it is borrowed";
        } else {
            m.code = "E0499";
            m.message = "cannot borrow `" + target.name + "` as mutable more than once at a time";
        }
        if (target.pinned)
            m.labels.push_back({target.pinLoc.line, target.pinLoc.col, target.pinLength,
                                (action == "borrow" ? "first mutable borrow occurs here"
                                                    : "borrow of `" + target.name + "` occurs here"),
                                false});
        const std::string label = action == "move" ? "move out of `" + target.name + "` occurs here"
                                  : action == "assign"
                                      ? "`" + what + "` is assigned to here but it was already borrowed"
                                      : "second mutable borrow occurs here";
        m.labels.push_back({at.loc.line, at.loc.col, static_cast<int>(what.size()), label, true});
        m.labels.push_back({later->loc.line, later->loc.col, static_cast<int>(holder.name.size()),
                            (action == "borrow" ? "first borrow later used here" : "borrow later used here"), false});
        m.notes.push_back("note: `" + holder.name + "` (a `" + holder.value.type + "`) still points at `" +
                          target.name + "` and is used on line " + std::to_string(later->loc.line) +
                          "; the pinned value must stay where it is while it is borrowed");
        refuse(m);
    }
}

const Expr* Interpreter::usedLater(const std::string& name)
{
    const Frame& f = frames_.back();
    for (auto it = f.cursors.rbegin(); it != f.cursors.rend(); ++it)
        if (const Expr* u = findUseInBlock(*it->block, name, it->index + 1))
            return u;
    return nullptr;
}

} // namespace pw::memory::detail

namespace pw::memory {

MemoryTrace runMemoryProgram(const std::string& source, const std::string& fileName)
{
    lang::ParseResult parsed = lang::parseProgram(fileName, source);
    if (!parsed.program) {
        MemoryTrace t;
        t.fileName = fileName;
        MemoryError e;
        e.kind = MemoryError::Kind::Parse;
        const lang::Diagnostic& d = parsed.errors.front();
        e.message = d.message;
        e.rendered = d.format(source);
        e.line = d.loc.line;
        e.col = d.loc.col;
        t.error = e;
        return t;
    }
    detail::Interpreter interp(*parsed.program, fileName, source);
    return interp.run();
}

} // namespace pw::memory
