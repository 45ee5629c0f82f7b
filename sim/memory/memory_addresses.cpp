// The address space: allocating slots and heap blocks, laying values out, finding what lives
// at an address, and the snapshots (MemoryObject) a step records.
#include "memory_interpreter_impl.h"

#include <algorithm>

namespace pw::memory::detail {

int Interpreter::allocateSlot(const std::string& name, MValue value)
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

int Interpreter::allocateHeap(MValue value)
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

std::uint64_t Interpreter::sizeOfValue(const MValue& v) const
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

std::uint64_t Interpreter::alignOfValue(const MValue& v) const
{
    if (v.kind == MValue::Kind::Future)
        return 8;
    if (v.kind == MValue::Kind::Array && !v.fields.empty())
        return alignOfValue(v.fields.front().second);
    return types_.alignOf(v.type);
}

std::vector<std::uint64_t> Interpreter::fieldOffsets(const MValue& v) const
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

bool Interpreter::typeMatches(const std::string& have, const std::string& want)
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
MValue* Interpreter::descend(MValue& v, std::uint64_t off, const std::string& want, std::string& path, bool& exact)
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

/// What is at address `a`: live objects first, else the latest dead one (stale bytes).
Interpreter::Located Interpreter::locate(Address a, const std::string& want)
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

PointerTarget Interpreter::classify(Address target, const std::string& pointee, const Allocation& owner)
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

void Interpreter::flatten(const MValue& v, Address at, const std::string& prefix, int depth, const Allocation& owner,
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

std::optional<PointerTarget> Interpreter::pointerOf(const MValue& v, const Allocation& owner)
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

MemoryObject Interpreter::objectOf(const Allocation& a)
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

void Interpreter::record(const SourceLoc& loc, const std::string& what)
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
std::string Interpreter::statementText(const SourceLoc& loc)
{
    std::string line = sourceLine(source_, loc.line);
    bool inString = false;
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        if (line[i] == '"' && (i == 0 || line[i - 1] != '\\'))
            inString = !inString;
        if (!inString && line[i] == '/' && line[i + 1] == '/') {
            line.resize(i);
            break;
        }
    }
    line = trim(line);
    // a statement that goes on over the next lines: `let t = Test {` -> `let t = Test { .. }`
    if (!line.empty() && (line.back() == '{' || line.back() == '('))
        line += line.back() == '{' ? " .. }" : "..)";
    return line;
}

} // namespace pw::memory::detail
