#include "memory_value.h"

#include <algorithm>
#include <cstdio>

namespace pw::memory {

MValue MValue::integer(std::int64_t n, std::string type)
{
    MValue v;
    v.kind = Kind::Int;
    v.num = n;
    v.type = std::move(type);
    return v;
}

MValue MValue::boolean(bool b)
{
    MValue v;
    v.kind = Kind::Bool;
    v.num = b ? 1 : 0;
    v.type = "bool";
    return v;
}

MValue MValue::string(std::string s, std::string type)
{
    MValue v;
    v.kind = Kind::Str;
    v.text = std::move(s);
    v.type = std::move(type);
    return v;
}

MValue MValue::pointer(Address a, std::string pointee, std::string flavour, bool pinned)
{
    MValue v;
    v.kind = Kind::Ptr;
    v.addr = a;
    v.pointee = std::move(pointee);
    v.ptr = std::move(flavour);
    v.pin = pinned;
    std::string inner;
    if (v.ptr == "Box")
        inner = "Box<" + v.pointee + ">";
    else if (v.ptr == "&" || v.ptr == "&mut")
        inner = v.ptr + (v.ptr == "&mut" ? " " : "") + v.pointee;
    else
        inner = v.ptr + " " + v.pointee;
    v.type = pinned ? "Pin<" + inner + ">" : inner;
    return v;
}

MValue MValue::none(std::string type)
{
    MValue v;
    v.kind = Kind::Option;
    v.type = std::move(type);
    return v;
}

MValue MValue::some(MValue inner, std::string type)
{
    MValue v;
    v.kind = Kind::Option;
    v.type = std::move(type);
    v.fields.emplace_back("0", std::move(inner));
    return v;
}

MValue MValue::uninit(std::string type)
{
    MValue v;
    v.type = std::move(type);
    return v;
}

bool MValue::isCopy() const
{
    switch (kind) {
    case Kind::Unit:
    case Kind::Int:
    case Kind::Bool:
    case Kind::Marker:
        return true;
    case Kind::Str:
        return type != "String";
    case Kind::Ptr:
        return !pin && (ptr == "*const" || ptr == "*mut" || ptr == "&");
    case Kind::Option:
    case Kind::Array:
        return std::all_of(fields.begin(), fields.end(), [](const auto& f) { return f.second.isCopy(); });
    case Kind::Struct:
    case Kind::Future:
        return false;
    }
    return false;
}

std::string stripType(std::string t)
{
    while (!t.empty() && t.front() == ' ')
        t.erase(t.begin());
    while (!t.empty() && t.back() == ' ')
        t.pop_back();
    return t;
}

std::string genericArg(const std::string& type, const std::string& outer)
{
    const std::string prefix = outer + "<";
    if (type.rfind(prefix, 0) != 0 || type.back() != '>')
        return {};
    return stripType(type.substr(prefix.size(), type.size() - prefix.size() - 1));
}

bool arrayType(const std::string& type, std::string& elem, std::uint64_t& count)
{
    if (type.size() < 5 || type.front() != '[' || type.back() != ']')
        return false;
    const auto semi = type.rfind(';');
    if (semi == std::string::npos)
        return false;
    elem = stripType(type.substr(1, semi - 1));
    const std::string n = stripType(type.substr(semi + 1, type.size() - semi - 2));
    if (n.empty() || !std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    count = std::stoull(n);
    return true;
}

std::string pointeeOf(const std::string& t)
{
    for (const char* p : {"*const ", "*mut ", "&mut ", "&"})
        if (t.rfind(p, 0) == 0)
            return stripType(t.substr(std::string(p).size()));
    for (const char* outer : {"Pin", "Box"}) {
        const std::string inner = genericArg(t, outer);
        if (!inner.empty())
            return outer == std::string("Pin") ? pointeeOf(inner) : inner;
    }
    return {};
}

namespace {

std::uint64_t primitiveSize(const std::string& t)
{
    if (t == "u8" || t == "i8" || t == "bool")
        return 1;
    if (t == "u16" || t == "i16")
        return 2;
    if (t == "u32" || t == "i32" || t == "char" || t == "f32")
        return 4;
    if (t == "u64" || t == "i64" || t == "usize" || t == "isize" || t == "f64")
        return 8;
    return 0;
}

bool isFatPointee(const std::string& pointee)
{
    return pointee == "str" || (!pointee.empty() && pointee.front() == '[' && pointee.find(';') == std::string::npos) ||
           pointee.rfind("dyn ", 0) == 0;
}

} // namespace

std::uint64_t TypeTable::sizeOf(const std::string& type) const
{
    const std::string t = stripType(type);
    if (const std::uint64_t p = primitiveSize(t))
        return p;
    if (t == "String")
        return 24;
    if (t == "PhantomPinned" || t == "std::marker::PhantomPinned" || t == "()" || t.empty())
        return 0;
    if (t.front() == '*' || t.front() == '&')
        return isFatPointee(pointeeOf(t)) ? 16 : 8;
    if (const std::string b = genericArg(t, "Box"); !b.empty())
        return isFatPointee(b) ? 16 : 8;
    if (const std::string p = genericArg(t, "Pin"); !p.empty())
        return sizeOf(p);
    if (const std::string o = genericArg(t, "Option"); !o.empty()) {
        // References and boxes use the null niche; raw pointers and integers need a tag.
        if (o.front() == '&' || o.rfind("Box<", 0) == 0 || o.rfind("Pin<", 0) == 0)
            return sizeOf(o);
        const std::uint64_t a = std::max<std::uint64_t>(alignOf(o), 1);
        return sizeOf(o) + a;
    }
    std::string elem;
    std::uint64_t count = 0;
    if (arrayType(t, elem, count))
        return count * sizeOf(elem);
    if (auto it = structs.find(t); it != structs.end()) {
        std::vector<std::string> types;
        for (const auto& f : it->second)
            types.push_back(f.second);
        const auto offsets = fieldOffsets(types);
        std::uint64_t end = 0;
        for (std::size_t i = 0; i < types.size(); ++i)
            end = std::max(end, offsets[i] + sizeOf(types[i]));
        const std::uint64_t a = alignOf(t);
        return (end + a - 1) / a * a;
    }
    if (auto it = extraSizes.find(t); it != extraSizes.end())
        return it->second;
    return 8;
}

std::uint64_t TypeTable::alignOf(const std::string& type) const
{
    const std::string t = stripType(type);
    if (const std::uint64_t p = primitiveSize(t))
        return p;
    std::string elem;
    std::uint64_t count = 0;
    if (arrayType(t, elem, count))
        return alignOf(elem);
    if (t == "PhantomPinned" || t == "std::marker::PhantomPinned" || t == "()")
        return 1;
    if (auto it = structs.find(t); it != structs.end()) {
        std::uint64_t a = 1;
        for (const auto& f : it->second)
            a = std::max(a, alignOf(f.second));
        return a;
    }
    return 8;
}

std::vector<std::uint64_t> TypeTable::fieldOffsets(const std::vector<std::string>& fieldTypes) const
{
    std::vector<std::uint64_t> out;
    std::uint64_t at = 0;
    for (const auto& t : fieldTypes) {
        const std::uint64_t a = std::max<std::uint64_t>(alignOf(t), 1);
        at = (at + a - 1) / a * a;
        out.push_back(at);
        at += sizeOf(t);
    }
    return out;
}

bool TypeTable::isNotUnpin(const std::string& type) const
{
    const std::string t = stripType(type);
    if (t == "PhantomPinned" || t == "std::marker::PhantomPinned")
        return true;
    if (t.rfind("{async", 0) == 0)
        return true;
    if (auto it = structs.find(t); it != structs.end())
        return std::any_of(it->second.begin(), it->second.end(), [&](const auto& f) { return isNotUnpin(f.second); });
    std::string elem;
    std::uint64_t count = 0;
    if (arrayType(t, elem, count))
        return isNotUnpin(elem);
    return false;
}

namespace {

std::string quoted(const std::string& s)
{
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + "\"";
}

std::string rawAddress(Address a)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(a));
    return buf;
}

} // namespace

std::string displayValue(const MValue& v)
{
    switch (v.kind) {
    case MValue::Kind::Int:
        return std::to_string(v.num);
    case MValue::Kind::Bool:
        return v.num ? "true" : "false";
    case MValue::Kind::Str:
        return v.text;
    case MValue::Kind::Ptr:
        return rawAddress(v.addr);
    default:
        return debugValue(v);
    }
}

std::string debugValue(const MValue& v)
{
    switch (v.kind) {
    case MValue::Kind::Unit:
        return "()";
    case MValue::Kind::Int:
    case MValue::Kind::Bool:
        return displayValue(v);
    case MValue::Kind::Str:
        return quoted(v.text);
    case MValue::Kind::Ptr:
        return rawAddress(v.addr);
    case MValue::Kind::Option:
        return v.fields.empty() ? "None" : "Some(" + debugValue(v.fields[0].second) + ")";
    case MValue::Kind::Marker:
        return "PhantomPinned";
    case MValue::Kind::Array: {
        std::string out = "[";
        for (std::size_t i = 0; i < v.fields.size(); ++i)
            out += (i ? ", " : "") + debugValue(v.fields[i].second);
        return out + "]";
    }
    case MValue::Kind::Struct: {
        std::string out = v.type + " { ";
        for (std::size_t i = 0; i < v.fields.size(); ++i)
            out += (i ? ", " : "") + v.fields[i].first + ": " + debugValue(v.fields[i].second);
        return out + " }";
    }
    case MValue::Kind::Future:
        return v.type;
    }
    return {};
}

std::string diagramValue(const MValue& v)
{
    switch (v.kind) {
    case MValue::Kind::Unit:
        return v.type.empty() || v.type == "()" ? "()" : "(uninit)";
    case MValue::Kind::Ptr:
        return formatAddress(v.addr);
    case MValue::Kind::Option:
        return v.fields.empty() ? "None" : "Some(" + diagramValue(v.fields[0].second) + ")";
    case MValue::Kind::Array: {
        const bool allSame = std::all_of(v.fields.begin(), v.fields.end(), [&](const auto& f) {
            return debugValue(f.second) == debugValue(v.fields.front().second);
        });
        if (!v.fields.empty() && allSame && v.fields.size() > 1)
            return "[" + diagramValue(v.fields.front().second) + "; " + std::to_string(v.fields.size()) + "]";
        std::string out = "[";
        const std::size_t shown = std::min<std::size_t>(v.fields.size(), 4);
        for (std::size_t i = 0; i < shown; ++i)
            out += (i ? ", " : "") + diagramValue(v.fields[i].second);
        if (shown < v.fields.size())
            out += ", … (" + std::to_string(v.fields.size()) + ")";
        return out + "]";
    }
    case MValue::Kind::Struct:
        return v.type + " { .. }";
    case MValue::Kind::Future:
        return v.variant;
    default:
        return debugValue(v);
    }
}

} // namespace pw::memory
