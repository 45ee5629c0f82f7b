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
#include "memory_value.h"
#include "rustc_message.h"
#include "sim/lang/parser.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace pw::memory {

namespace {

using lang::Block;
using lang::Expr;
using lang::ExprKind;
using lang::FnDecl;
using lang::Item;
using lang::SourceLoc;
using lang::Stmt;

constexpr Address kStackBase = 0x7ffc0010;
constexpr Address kFrameStride = 0x1000;
constexpr Address kHeapBase = 0x555500001000ULL;
constexpr Address kHeapStride = 0x100;
constexpr std::size_t kMaxSteps = 5000;
constexpr int kMaxDepth = 64;

struct Stop {}; // the run ended: trace.error is set

struct Allocation {
    int id = 0;
    std::string name;
    Address base = 0;
    std::uint64_t size = 0;
    Region region = Region::Stack;
    MValue value;
    bool live = true;    ///< false once moved out or freed
    bool popped = false; ///< its frame returned
    bool pinned = false;
    SourceLoc pinLoc;
    int pinLength = 1;
};

struct Binding {
    int allocId = -1;
    Address addr = 0;
    std::string type;
    bool inFuture = false; ///< a local or argument stored inside an async state machine
};

struct BlockCursor {
    const Block* block = nullptr;
    std::size_t index = 0;
};

struct Frame {
    std::string function;
    Address base = 0;
    Address next = 0;
    int callLine = 0;
    std::string implType;
    std::vector<int> slots;
    std::vector<std::map<std::string, Binding>> scopes;
    std::vector<BlockCursor> cursors;
    std::set<std::string> heldLocals; ///< in a future's poll: locals that live in the future
    Address futureAddr = 0;
    int futureAlloc = -1;
    std::string futureType;
    int awaits = 0; ///< `.await`s passed in this poll, numbering the Suspend states
};

struct RV {
    MValue v;
    int movedFrom = -1; ///< the allocation the value was moved out of
};

struct Place {
    Address addr = 0;
    std::string type;
    int allocId = -1;
    bool temp = false;
    MValue tempValue;
    std::string root;       ///< the variable the place starts from ("" through a pointer)
    std::string throughPin; ///< set when reached through a Pin: its type, e.g. "Pin<&mut Test>"
};

struct ReturnSignal {
    RV value;
};

std::string trim(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

std::string joinPath(const std::vector<std::string>& p)
{
    std::string out;
    for (const auto& s : p)
        out += (out.empty() ? "" : "::") + s;
    return out;
}

/// The text of simple expressions for underlining: `&mut example`, `test1`, `self.b`.
std::string exprText(const Expr& e)
{
    switch (e.kind) {
    case ExprKind::Path:
        return joinPath(e.path);
    case ExprKind::Unary:
        return e.text + (e.text.size() > 1 ? " " : "") + exprText(*e.args[0]);
    case ExprKind::Field:
        return exprText(*e.args[0]) + "." + e.text;
    default:
        return "x";
    }
}

const Expr* findUse(const Expr& e, const std::string& name);

const Expr* findUseInBlock(const Block& b, const std::string& name, std::size_t from = 0)
{
    for (std::size_t i = from; i < b.stmts.size(); ++i) {
        const Stmt& s = b.stmts[i];
        if (s.init)
            if (const Expr* u = findUse(*s.init, name))
                return u;
        if (s.expr)
            if (const Expr* u = findUse(*s.expr, name))
                return u;
        if (s.kind == Stmt::Kind::Let && s.pattern.name == name)
            return nullptr; // shadowed from here on
    }
    if (b.tail)
        return findUse(*b.tail, name);
    return nullptr;
}

const Expr* findUse(const Expr& e, const std::string& name)
{
    if (e.kind == ExprKind::Path && e.path.size() == 1 && e.path[0] == name)
        return &e;
    for (const auto& a : e.args)
        if (a)
            if (const Expr* u = findUse(*a, name))
                return u;
    if (e.block)
        if (const Expr* u = findUseInBlock(*e.block, name))
            return u;
    if (e.elseExpr)
        if (const Expr* u = findUse(*e.elseExpr, name))
            return u;
    for (const auto& f : e.fields)
        if (f.value)
            if (const Expr* u = findUse(*f.value, name))
                return u;
    if (e.format)
        for (const auto& a : e.format->args)
            if (const Expr* u = findUse(*a, name))
                return u;
    for (const auto& arm : e.arms)
        if (arm.body)
            if (const Expr* u = findUse(*arm.body, name))
                return u;
    return nullptr;
}

class Interpreter {
public:
    Interpreter(const lang::Program& p, const std::string& fileName, const std::string& source)
        : program_(p), file_(fileName), source_(source)
    {
        trace_.fileName = fileName;
    }

    MemoryTrace run()
    {
        try {
            collectItems();
            auto it = fns_.find("main");
            if (it == fns_.end())
                failAt(SourceLoc{1, 1, 0}, "a pinning program needs a `fn main`");
            callFunction(*it->second, "", {}, SourceLoc{}, "main");
        } catch (const Stop&) {
        } catch (const ReturnSignal&) {
        }
        return std::move(trace_);
    }

private:
    // ---- errors ---------------------------------------------------------------------------

    [[noreturn]] void failAt(const SourceLoc& loc, const std::string& message, int length = 1)
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

    [[noreturn]] void refuse(const RustcMessage& m)
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

    [[noreturn]] void panic(const SourceLoc& loc, const std::string& message)
    {
        MemoryError e;
        e.kind = MemoryError::Kind::Panic;
        e.message = message.substr(0, message.find('\n'));
        e.rendered = "thread 'main' panicked at " + file_ + ":" + std::to_string(loc.line) + ":" +
                     std::to_string(loc.col) + ":\n" + message +
                     "\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n";
        e.line = loc.line;
        e.col = loc.col;
        trace_.error = e;
        throw Stop{};
    }

    void collectItems()
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
                    failAt(item->loc, "trait impls (`impl " + item->traitName +
                                          " for ..`) are not supported in a pinning program");
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

    // ---- the address space ----------------------------------------------------------------

    Allocation& alloc(int id) { return allocs_[static_cast<std::size_t>(id)]; }

    int allocateSlot(const std::string& name, MValue value)
    {
        Frame& f = frames_.back();
        Allocation a;
        a.id = static_cast<int>(allocs_.size());
        a.name = name;
        a.size = sizeOfValue(value);
        const std::uint64_t align = std::max<std::uint64_t>(1, std::min<std::uint64_t>(8, alignOfValue(value)));
        f.next = (f.next + align - 1) / align * align;
        a.base = f.next;
        f.next += std::max<std::uint64_t>(a.size, 1);
        a.value = std::move(value);
        allocs_.push_back(a);
        f.slots.push_back(a.id);
        return a.id;
    }

    int allocateHeap(MValue value)
    {
        Allocation a;
        a.id = static_cast<int>(allocs_.size());
        a.name = "Box #" + std::to_string(heap_.size() + 1);
        a.region = Region::Heap;
        a.size = sizeOfValue(value);
        a.base = kHeapBase + kHeapStride * heap_.size();
        a.value = std::move(value);
        allocs_.push_back(a);
        heap_.push_back(a.id);
        return a.id;
    }

    std::uint64_t sizeOfValue(const MValue& v) const
    {
        if (v.kind == MValue::Kind::Future) {
            std::uint64_t end = 0;
            const auto offs = fieldOffsets(v);
            for (std::size_t i = 0; i < v.fields.size(); ++i)
                end = std::max(end, offs[i] + sizeOfValue(v.fields[i].second));
            return (end + 7) / 8 * 8;
        }
        if (v.kind == MValue::Kind::Array && !v.fields.empty())
            return v.fields.size() * sizeOfValue(v.fields.front().second);
        return types_.sizeOf(v.type);
    }

    std::uint64_t alignOfValue(const MValue& v) const
    {
        if (v.kind == MValue::Kind::Future)
            return 8;
        if (v.kind == MValue::Kind::Array && !v.fields.empty())
            return alignOfValue(v.fields.front().second);
        return types_.alignOf(v.type);
    }

    std::vector<std::uint64_t> fieldOffsets(const MValue& v) const
    {
        std::vector<std::uint64_t> out;
        std::uint64_t at = 0;
        for (const auto& f : v.fields) {
            const std::uint64_t a = std::max<std::uint64_t>(1, alignOfValue(f.second));
            at = (at + a - 1) / a * a;
            out.push_back(at);
            at += sizeOfValue(f.second);
        }
        return out;
    }

    static bool typeMatches(const std::string& have, const std::string& want)
    {
        if (want.empty() || have == want)
            return true;
        std::string elem, wantElem;
        std::uint64_t n = 0;
        // a slice pointer `&mut [u8]` points at an array `[u8; 128]`
        if (want.size() > 2 && want.front() == '[' && want.back() == ']' && arrayType(have, elem, n))
            return want == "[" + elem + "]";
        return false;
    }

    /// The value at `off` inside `v` of type `want`: the deepest exact match, else the outermost.
    MValue* descend(MValue& v, std::uint64_t off, const std::string& want, std::string& path, bool& exact)
    {
        if (off == 0 && typeMatches(v.type, want)) {
            exact = true;
            return &v;
        }
        if (v.kind == MValue::Kind::Struct || v.kind == MValue::Kind::Future) {
            const auto offs = fieldOffsets(v);
            for (std::size_t i = 0; i < v.fields.size(); ++i) {
                const std::uint64_t size = sizeOfValue(v.fields[i].second);
                if (off >= offs[i] && (off < offs[i] + size || (size == 0 && off == offs[i]))) {
                    std::string sub = path.empty() ? v.fields[i].first : path + "." + v.fields[i].first;
                    bool subExact = false;
                    MValue* r = descend(v.fields[i].second, off - offs[i], want, sub, subExact);
                    if (r && subExact) {
                        path = sub;
                        exact = true;
                        return r;
                    }
                }
            }
        } else if (v.kind == MValue::Kind::Array && !v.fields.empty()) {
            const std::uint64_t es = std::max<std::uint64_t>(1, sizeOfValue(v.fields.front().second));
            const std::size_t i = static_cast<std::size_t>(off / es);
            if (i < v.fields.size()) {
                std::string sub = path + "[" + std::to_string(i) + "]";
                bool subExact = false;
                MValue* r = descend(v.fields[i].second, off - i * es, want, sub, subExact);
                if (r && subExact) {
                    path = sub;
                    exact = true;
                    return r;
                }
            }
        }
        return off == 0 ? &v : nullptr;
    }

    struct Located {
        Allocation* alloc = nullptr;
        MValue* value = nullptr;
        std::string path;
    };

    /// What is at address `a`: live objects first, else the latest dead one (stale bytes).
    Located locate(Address a, const std::string& want)
    {
        Allocation* best = nullptr;
        for (auto& al : allocs_) {
            if (a < al.base || a >= al.base + std::max<std::uint64_t>(al.size, 1))
                continue;
            const bool alive = al.live && !al.popped;
            const bool bestAlive = best && best->live && !best->popped;
            if (!best || (alive && !bestAlive) || (alive == bestAlive && al.id > best->id))
                best = &al;
        }
        Located l;
        if (!best)
            return l;
        l.alloc = best;
        bool exact = false;
        l.value = descend(best->value, a - best->base, want, l.path, exact);
        return l;
    }

    // ---- snapshots ------------------------------------------------------------------------

    PointerTarget classify(Address target, const std::string& pointee, const Allocation& owner)
    {
        PointerTarget p;
        p.target = target;
        if (target == 0) {
            p.kind = PointerKind::Null;
            return p;
        }
        Located l = locate(target, pointee);
        if (!l.alloc) {
            p.kind = PointerKind::Dangling;
            return p;
        }
        p.targetObjectId = l.alloc->id;
        p.targetObjectName = l.alloc->name;
        p.targetField = l.path;
        if (!l.alloc->live || l.alloc->popped)
            p.kind = PointerKind::Dangling;
        else if (l.alloc->id == owner.id)
            p.kind = PointerKind::SelfPointer;
        else
            p.kind = PointerKind::Foreign;
        return p;
    }

    void flatten(const MValue& v, Address at, const std::string& prefix, int depth, const Allocation& owner,
                 std::vector<MemoryField>& out)
    {
        const auto offs = fieldOffsets(v);
        for (std::size_t i = 0; i < v.fields.size(); ++i) {
            const MValue& fv = v.fields[i].second;
            MemoryField f;
            f.name = prefix.empty() ? v.fields[i].first : prefix + "." + v.fields[i].first;
            f.depth = depth;
            f.type = fv.type;
            f.address = at + offs[i];
            f.size = sizeOfValue(fv);
            f.value = diagramValue(fv);
            f.pointer = pointerOf(fv, owner);
            out.push_back(f);
            if (fv.kind == MValue::Kind::Struct || fv.kind == MValue::Kind::Future)
                flatten(fv, f.address, f.name, depth + 1, owner, out);
        }
    }

    std::optional<PointerTarget> pointerOf(const MValue& v, const Allocation& owner)
    {
        if (v.kind == MValue::Kind::Ptr)
            return classify(v.addr, v.pointee, owner);
        if (v.kind == MValue::Kind::Option && pointeeOf(genericArg(v.type, "Option")) != "") {
            if (v.fields.empty())
                return classify(0, "", owner);
            return classify(v.fields[0].second.addr, v.fields[0].second.pointee, owner);
        }
        return std::nullopt;
    }

    MemoryObject objectOf(const Allocation& a)
    {
        MemoryObject o;
        o.id = a.id;
        o.name = a.name;
        o.type = a.value.type;
        o.address = a.base;
        o.size = a.size;
        o.region = a.region;
        o.live = a.live && !a.popped;
        o.pinned = a.pinned;
        o.notUnpin = types_.isNotUnpin(a.value.type);
        o.variant = a.value.variant;
        if (a.value.kind == MValue::Kind::Struct || a.value.kind == MValue::Kind::Future) {
            flatten(a.value, a.base, "", 0, a, o.fields);
        } else {
            MemoryField f;
            f.type = a.value.type;
            f.address = a.base;
            f.size = a.size;
            f.value = diagramValue(a.value);
            f.pointer = pointerOf(a.value, a);
            o.fields.push_back(f);
        }
        return o;
    }

    void record(const SourceLoc& loc, const std::string& what)
    {
        if (trace_.steps.size() >= kMaxSteps)
            failAt(loc, "the program ran more than " + std::to_string(kMaxSteps) +
                            " steps (the step budget of a pinning program); is there an endless loop?");
        MemoryStep s;
        s.line = loc.line;
        s.col = loc.col;
        s.function = frames_.empty() ? "main" : frames_.back().function;
        s.description = what;
        for (const auto& e : effects_) {
            if (!s.description.empty())
                s.description += s.description.back() == ';' ? " " : "; ";
            s.description += e;
        }
        effects_.clear();
        s.printed = std::move(printed_);
        printed_.clear();
        s.moves = std::move(moves_);
        moves_.clear();
        for (const auto& f : frames_) {
            StackFrame sf;
            sf.function = f.function;
            sf.base = f.base;
            sf.callLine = f.callLine;
            for (int id : f.slots)
                sf.objects.push_back(objectOf(alloc(id)));
            s.frames.push_back(std::move(sf));
        }
        for (int id : heap_)
            s.heap.push_back(objectOf(alloc(id)));
        trace_.steps.push_back(std::move(s));
    }

    /// The statement's source line without a trailing `//` comment.
    std::string statementText(const SourceLoc& loc)
    {
        const std::string line = sourceLine(source_, loc.line);
        bool inString = false;
        for (std::size_t i = 0; i + 1 < line.size(); ++i) {
            if (line[i] == '"' && (i == 0 || line[i - 1] != '\\'))
                inString = !inString;
            if (!inString && line[i] == '/' && line[i + 1] == '/')
                return trim(line.substr(0, i));
        }
        return trim(line);
    }

    // ---- moves and borrows ----------------------------------------------------------------

    void noteMove(int fromId, Address to, int toId, const std::string& how)
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

    static bool holdsPinTo(const MValue& v, Address lo, Address hi)
    {
        if (v.kind == MValue::Kind::Ptr && v.pin && v.ptr != "Box" && v.addr >= lo && v.addr < hi)
            return true;
        return std::any_of(v.fields.begin(), v.fields.end(),
                           [&](const auto& f) { return holdsPinTo(f.second, lo, hi); });
    }

    /// Refuses `action` on allocation `id` if a Pin that borrows it is used later (rustc's
    /// borrow checker: E0505 move, E0506 assign, E0499 second &mut).
    void checkNotPinBorrowed(int id, const std::string& action, const Expr& at)
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
                                (action == "borrow" ? "first borrow later used here" : "borrow later used here"),
                                false});
            m.notes.push_back("note: `" + holder.name + "` (a `" + holder.value.type + "`) still points at `" +
                              target.name + "` and is used on line " + std::to_string(later->loc.line) +
                              "; the pinned value must stay where it is while it is borrowed");
            refuse(m);
        }
    }

    const Expr* usedLater(const std::string& name)
    {
        const Frame& f = frames_.back();
        for (auto it = f.cursors.rbegin(); it != f.cursors.rend(); ++it)
            if (const Expr* u = findUseInBlock(*it->block, name, it->index + 1))
                return u;
        return nullptr;
    }

    // ---- scopes ---------------------------------------------------------------------------

    const Binding* lookup(const std::string& name)
    {
        Frame& f = frames_.back();
        for (auto it = f.scopes.rbegin(); it != f.scopes.rend(); ++it) {
            auto b = it->find(name);
            if (b != it->end())
                return &b->second;
        }
        return nullptr;
    }

    void bind(const std::string& name, int allocId, Address addr, const std::string& type, bool inFuture = false)
    {
        frames_.back().scopes.back()[name] = Binding{allocId, addr, type, inFuture};
    }

    // ---- calls ----------------------------------------------------------------------------

    struct Arg {
        RV rv;
        std::string name;
        std::string type;
    };

    void pushFrame(const std::string& function, int callLine, const std::string& implType)
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

    void popFrame()
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
    void dropValue(const MValue& v)
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
    void bindArg(const Arg& a)
    {
        MValue v = coerce(a.rv.v, a.type);
        const int id = allocateSlot(a.name, v);
        bind(a.name, id, alloc(id).base, alloc(id).value.type);
        if (a.rv.movedFrom >= 0)
            noteMove(a.rv.movedFrom, alloc(id).base, id, "moves");
    }

    RV callFunction(const FnDecl& fn, const std::string& implType, std::vector<Arg> args, const SourceLoc& callLoc,
                    const std::string& name)
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

    static std::string resolveSelf(const std::string& t, const std::string& implType)
    {
        if (implType.empty())
            return t;
        auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
        std::string out;
        for (std::size_t i = 0; i < t.size();) {
            if (t.compare(i, 4, "Self") == 0 && (i == 0 || !ident(t[i - 1])) &&
                (i + 4 >= t.size() || !ident(t[i + 4]))) {
                out += implType;
                i += 4;
            } else {
                out += t[i++];
            }
        }
        return out;
    }

    std::string describe(const MValue& v)
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
    MValue coerce(MValue v, const std::string& rawType)
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

    // ---- futures (async fn / async blocks) ------------------------------------------------

    RV makeFuture(const FnDecl& fn, const std::string& implType, std::vector<Arg> args)
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

    RV makeAsyncBlock(const Expr& e)
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

    void desugared(const std::string& type, const Block& body, const FnDecl* fn)
    {
        for (const auto& s : trace_.stateMachines)
            if (s.rfind("// " + type, 0) == 0)
                return;
        trace_.stateMachines.push_back(desugarAsyncBody(type, body, fn, program_));
    }

    /// Polls the future at `place` to completion: its body runs in a poll frame whose held
    /// locals live inside the future itself.
    RV pollToCompletion(const Place& place, const SourceLoc& loc)
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

    void setVariant(const Place& place, const std::string& variant)
    {
        if (Located l = locate(place.addr, place.type); l.value)
            l.value->variant = variant;
    }

    RV awaitExpr(const Expr& e)
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
        std::string held;
        for (const auto& h : frames_.back().heldLocals)
            held += (held.empty() ? "" : ", ") + h;
        record(e.loc, statementText(e.loc) + " (at this .await the future is in state Suspend" + std::to_string(index) +
                          ", holding " + held +
                          "; if the awaited future is not ready, poll returns Pending here and resumes here)");
        RV r = pollToCompletion(p, e.loc);
        return r;
    }

    // ---- statements -----------------------------------------------------------------------

    RV execBlockValue(const Block& b, bool functionBody)
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

    void execStmt(const Stmt& s)
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

    void execLet(const Stmt& s)
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
            effects_.push_back("`" + s.pattern.name + "` (" + alloc(id).value.type + ", " +
                               std::to_string(alloc(id).size) + " bytes) at " + formatAddress(alloc(id).base));
    }

    const Block* currentBlock()
    {
        const Frame& f = frames_.back();
        return f.cursors.empty() ? nullptr : f.cursors.back().block;
    }

    // ---- places ---------------------------------------------------------------------------

    /// Follows references, boxes and pins from `p` until a non-pointer value.
    Place autoDeref(Place p, const SourceLoc& loc)
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

    Place place(const Expr& e, bool forWrite)
    {
        switch (e.kind) {
        case ExprKind::Path: {
            if (e.path.size() != 1)
                failAt(e.loc, "`" + joinPath(e.path) + "` is not a place");
            const Binding* b = lookup(e.path[0]);
            if (!b)
                failAt(e.loc, "cannot find value `" + e.path[0] + "` in this scope",
                       static_cast<int>(e.path[0].size()));
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
                failAt(e.nameLoc, "no field `" + e.text + "` on type `" + base.type + "`",
                       static_cast<int>(e.text.size()));
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
                panic(e.loc, "index out of bounds: the len is " + std::to_string(n) + " but the index is " +
                                 std::to_string(i));
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

    Place tempPlace(MValue v)
    {
        Place p;
        p.temp = true;
        p.type = v.type;
        p.tempValue = std::move(v);
        return p;
    }

    MValue readPlace(const Place& p, const SourceLoc& loc)
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

    void writePlace(const Place& p, MValue v, const Expr& at)
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

    [[noreturn]] void useAfterMove(const Expr& e, const Allocation& a)
    {
        RustcMessage m;
        m.code = "E0382";
        m.message = "use of moved value: `" + a.name + "`";
        m.labels.push_back(
            {e.loc.line, e.loc.col, static_cast<int>(a.name.size()), "value used here after move", true});
        m.notes.push_back("note: move occurs because `" + a.name + "` has type `" + a.value.type +
                          "`, which does not implement the `Copy` trait");
        refuse(m);
    }

    // ---- expressions ----------------------------------------------------------------------

    static std::int64_t asIntValue(const MValue& v) { return v.num; }

    std::int64_t asInt(const MValue& v, const Expr& e)
    {
        if (v.kind != MValue::Kind::Int && v.kind != MValue::Kind::Bool)
            failAt(e.loc, "expected an integer, found `" + v.type + "`");
        return v.num;
    }

    RV eval(const Expr& e)
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

    [[noreturn]] void moveOutOfBorrow(const Expr& e, const MValue& v)
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

    RV evalPath(const Expr& e)
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

    void checkWrite(const Place& p, const Expr& target)
    {
        if (!p.throughPin.empty() && p.throughPin.find("Box<") == std::string::npos) {
            const std::string pointee = pointeeOf(p.throughPin);
            if (types_.isNotUnpin(pointee)) {
                RustcMessage m;
                m.code = "E0594";
                const std::string what = exprText(target);
                m.message = "cannot assign to data in dereference of `" + p.throughPin + "`";
                m.labels.push_back(
                    {target.loc.line, target.loc.col, static_cast<int>(what.size()), "cannot assign", true});
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

    RV evalUnary(const Expr& e)
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
                checkNotPinBorrowed(p.allocId, "borrow", target);
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

    MValue derefAll(MValue v, const SourceLoc& loc)
    {
        for (int guard = 0; guard < 8 && v.isPtr() && v.ptr != "*const" && v.ptr != "*mut"; ++guard) {
            Place p;
            p.addr = v.addr;
            p.type = v.pointee;
            v = readPlace(p, loc);
        }
        return v;
    }

    RV evalBinary(const Expr& e)
    {
        const MValue a = derefAll(eval(*e.args[0]).v, e.loc);
        const MValue b = derefAll(eval(*e.args[1]).v, e.loc);
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

    RV evalStructLit(const Expr& e)
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

    // ---- calls ----------------------------------------------------------------------------

    std::vector<Arg> argsFor(const FnDecl& fn, const Expr& call, std::size_t firstArg, const std::string& implType)
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

    RV evalCall(const Expr& e)
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

    const FnDecl* findMethod(const std::string& type, const std::string& name)
    {
        auto t = methods_.find(type);
        if (t == methods_.end())
            return nullptr;
        auto m = t->second.find(name);
        return m == t->second.end() ? nullptr : m->second;
    }

    std::string selfType(const FnDecl& fn, const std::string& type)
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

    RV boxValue(const Expr& e, bool pinned)
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

    RV pinNew(const Expr& e, bool unchecked)
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
            m.labels.push_back({e.args[0]->loc.line, e.args[0]->loc.col,
                                static_cast<int>(joinPath(e.args[0]->path).size()),
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

    void markPinned(Address addr, const std::string& pointee, const Expr& at)
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

    RV memSwap(const Expr& e)
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
        effects_.push_back("swaps the " + std::to_string(sizeOfValue(*la.value)) + " bytes of `" + la.alloc->name +
                           "` (" + formatAddress(la.alloc->base) + ") and `" + lb.alloc->name + "` (" +
                           formatAddress(lb.alloc->base) + "); pointers into them still hold the old addresses");
        return {};
    }

    RV blockOn(const Expr& e)
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

    RV evalMethod(const Expr& e)
    {
        const std::string& name = e.text;
        const Expr& recvExpr = *e.args[0];
        // Built-in methods of Pin, Option, String.
        if (name == "as_mut" || name == "as_ref" || name == "get_mut" || name == "get_ref" ||
            name == "get_unchecked_mut") {
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
                failAt(recvExpr.loc,
                       "`" + name + "` takes `" + sp + "`: call it on a pinned pointer (e.g. `x.as_mut()`)");
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

    MValue derefOption(MValue v, const SourceLoc& loc)
    {
        if (v.isPtr() && v.ptr != "*const" && v.ptr != "*mut")
            return derefAll(v, loc);
        return v;
    }

    RV pinMethod(const Expr& e, const MValue& pin)
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
            effects_.push_back("unsafe: takes `&mut " + pointee +
                               "` out of the pin (the caller promises not to move it)");
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

    // ---- macros ---------------------------------------------------------------------------

    std::string displayOf(const MValue& v)
    {
        const MValue d = derefAll(v, SourceLoc{});
        return displayValue(d);
    }

    std::string debugOf(const MValue& v)
    {
        if (v.isPtr() && (v.ptr == "*const" || v.ptr == "*mut"))
            return debugValue(v);
        return debugValue(derefAll(v, SourceLoc{}));
    }

    std::string format(const lang::FormatArgs& f, const Expr& at)
    {
        std::string out;
        std::size_t next = 0;
        const std::string& s = f.format;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '{' && i + 1 < s.size() && s[i + 1] == '{') {
                out += '{';
                ++i;
                continue;
            }
            if (s[i] == '}' && i + 1 < s.size() && s[i + 1] == '}') {
                out += '}';
                ++i;
                continue;
            }
            if (s[i] != '{') {
                out += s[i];
                continue;
            }
            const auto close = s.find('}', i);
            if (close == std::string::npos)
                failAt(f.formatLoc, "invalid format string: expected `}`");
            const std::string spec = s.substr(i + 1, close - i - 1);
            i = close;
            const auto colon = spec.find(':');
            const std::string argName = spec.substr(0, colon);
            const std::string fmt = colon == std::string::npos ? "" : spec.substr(colon + 1);
            MValue v;
            if (argName.empty()) {
                if (next >= f.args.size())
                    failAt(f.formatLoc, "format string has more `{}` than arguments");
                v = eval(*f.args[next++]).v;
            } else {
                const Expr* named = nullptr;
                for (std::size_t k = 0; k < f.args.size(); ++k)
                    if (f.argNames[k] == argName)
                        named = f.args[k].get();
                if (named) {
                    v = eval(*named).v;
                } else {
                    Expr p;
                    p.kind = ExprKind::Path;
                    p.loc = f.formatLoc;
                    p.path = {argName};
                    v = eval(p).v;
                }
            }
            if (fmt == "?" || fmt == "#?")
                out += debugOf(v);
            else if (fmt == "p")
                out += debugValue(v);
            else if (fmt.empty())
                out += displayOf(v);
            else
                failAt(at.loc, "unsupported format spec `{:" + fmt + "}`; supported: {}, {:?}, {:p}");
        }
        return out;
    }

    RV evalFormatMacro(const Expr& e)
    {
        const std::string& m = e.text;
        const std::string text = format(*e.format, e);
        if (m == "println" || m == "print" || m == "eprintln" || m == "eprint") {
            printed_.push_back(text);
            trace_.output.push_back(text);
            effects_.push_back("prints `" + text + "`");
            return {};
        }
        if (m == "format")
            return {MValue::string(text, "String"), -1};
        if (m == "panic")
            panic(e.loc, text.empty() ? "explicit panic" : text);
        failAt(e.loc, "`" + m + "!` is not supported in a pinning program");
    }

    RV evalListMacro(const Expr& e)
    {
        const std::string& m = e.text;
        if (m == "assert_eq" || m == "assert_ne") {
            if (e.args.size() < 2)
                failAt(e.loc, "`" + m + "!` takes two values");
            const MValue a = derefAll(eval(*e.args[0]).v, e.loc);
            const MValue b = derefAll(eval(*e.args[1]).v, e.loc);
            const bool eq = debugValue(a) == debugValue(b);
            if (eq != (m == "assert_eq")) {
                const std::string op = m == "assert_eq" ? "==" : "!=";
                panic(e.loc, "assertion `left " + op + " right` failed\n  left: " + debugValue(a) +
                                 "\n right: " + debugValue(b));
            }
            effects_.push_back("checks " + debugValue(a) + (m == "assert_eq" ? " == " : " != ") + debugValue(b));
            return {};
        }
        if (m == "assert") {
            if (e.args.empty())
                failAt(e.loc, "`assert!` takes a condition");
            if (asInt(eval(*e.args[0]).v, *e.args[0]) == 0)
                panic(e.loc, "assertion failed: " + trim(exprText(*e.args[0])));
            return {};
        }
        if (m == "pin" || m == "pin_mut") {
            if (e.args.size() != 1)
                failAt(e.loc, "`" + m + "!` takes one value");
            if (m == "pin")
                return pinMacro(e);
            // `pin_mut!(x);` pins x where it is and rebinds `x` to the `Pin<&mut T>`
            const Expr& arg = *e.args[0];
            if (arg.kind != ExprKind::Path || arg.path.size() != 1)
                failAt(arg.loc, "`pin_mut!` takes a variable name");
            RV pin = pinMacro(e);
            const int id = allocateSlot(arg.path[0], pin.v);
            bind(arg.path[0], id, alloc(id).base, alloc(id).value.type);
            return {};
        }
        failAt(e.loc, "`" + m + "!` is not supported in a pinning program");
    }

    /// `pin!(value)`: moves the value into an anonymous slot of this frame and pins it there.
    RV pinMacro(const Expr& e)
    {
        RV v = eval(*e.args[0]);
        const std::string type = v.v.type;
        const int id = allocateSlot("(pinned)", v.v);
        if (v.movedFrom >= 0)
            noteMove(v.movedFrom, alloc(id).base, id, "pin! moves");
        alloc(id).pinned = true;
        alloc(id).pinLoc = e.loc;
        effects_.push_back("pins it at " + formatAddress(alloc(id).base));
        return {MValue::pointer(alloc(id).base, type, "&mut", true), -1};
    }

    const lang::Program& program_;
    std::string file_;
    std::string source_;
    MemoryTrace trace_;
    TypeTable types_;
    std::map<std::string, const FnDecl*> fns_;
    std::map<std::string, std::map<std::string, const FnDecl*>> methods_;
    std::vector<Allocation> allocs_;
    std::vector<Frame> frames_;
    std::vector<int> heap_;
    std::vector<std::string> effects_;
    std::vector<std::string> printed_;
    std::vector<MemoryMove> moves_;
};

} // namespace

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
    Interpreter interp(*parsed.program, fileName, source);
    return interp.run();
}

} // namespace pw::memory
