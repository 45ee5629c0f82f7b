#include "memory_text.h"

namespace pw::memory {

const char* toString(PointerKind kind)
{
    switch (kind) {
    case PointerKind::SelfPointer:
        return "self";
    case PointerKind::Foreign:
        return "foreign";
    case PointerKind::Dangling:
        return "dangling";
    case PointerKind::Null:
        return "null";
    }
    return "?";
}

namespace {

std::string pointerText(const PointerTarget& p)
{
    std::string out = std::string(" -> [") + toString(p.kind) + "]";
    if (p.kind == PointerKind::Null)
        return out;
    out += " " + formatAddress(p.target);
    if (!p.targetObjectName.empty())
        out += " (" + p.targetObjectName + (p.targetField.empty() ? "" : "." + p.targetField) + ")";
    return out;
}

std::string objectText(const MemoryObject& o)
{
    std::string out =
        "    " + formatAddress(o.address) + "  " + o.name + ": " + o.type + "  (" + std::to_string(o.size) + " bytes)";
    if (!o.live)
        out += o.region == Region::Heap ? " [freed]" : " [moved out]";
    if (o.pinned)
        out += " [pinned]";
    if (o.notUnpin)
        out += " [!Unpin]";
    if (!o.variant.empty())
        out += " state " + o.variant;
    out += "\n";
    for (const auto& f : o.fields) {
        out += "      " + std::string(static_cast<std::size_t>(f.depth) * 2, ' ');
        if (!f.name.empty())
            out += formatAddress(f.address) + " ." + f.name + ": " + f.type + " = ";
        else
            out += "= ";
        out += f.value;
        if (f.pointer)
            out += pointerText(*f.pointer);
        out += "\n";
    }
    return out;
}

} // namespace

std::string formatStep(const MemoryStep& s, std::size_t index)
{
    std::string out = "step " + std::to_string(index) + "  line " + std::to_string(s.line) + ":" +
                      std::to_string(s.col) + "  " + s.function + ": " + s.description + "\n";
    for (const auto& p : s.printed)
        out += "  prints: " + p + "\n";
    for (const auto& m : s.moves)
        out += "  move: " + m.what + " " + formatAddress(m.from) + " -> " + formatAddress(m.to) + " (" +
               std::to_string(m.size) + " bytes)\n";
    for (const auto& f : s.frames) {
        out += "  frame " + f.function + " @ " + formatAddress(f.base) + "\n";
        for (const auto& o : f.objects)
            out += objectText(o);
    }
    if (!s.heap.empty()) {
        out += "  heap\n";
        for (const auto& o : s.heap)
            out += objectText(o);
    }
    return out;
}

std::string formatMemoryTrace(const MemoryTrace& t)
{
    std::string out;
    for (std::size_t i = 0; i < t.steps.size(); ++i)
        out += formatStep(t.steps[i], i + 1);
    for (const auto& sm : t.stateMachines)
        out += sm;
    if (t.error)
        out += t.error->rendered;
    return out;
}

} // namespace pw::memory
