// println! / format! / assert_eq! / pin! and formatting values.
#include "memory_interpreter_impl.h"

namespace pw::memory::detail {

std::string Interpreter::displayOf(const MValue& v)
{
    const MValue d = derefAll(v, SourceLoc{});
    return displayValue(d);
}

std::string Interpreter::debugOf(const MValue& v)
{
    if (v.isPtr() && (v.ptr == "*const" || v.ptr == "*mut"))
        return debugValue(v);
    return debugValue(derefAll(v, SourceLoc{}));
}

std::string Interpreter::format(const lang::FormatArgs& f, const Expr& at)
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
            v = peek(*f.args[next++]);
        } else {
            const Expr* named = nullptr;
            for (std::size_t k = 0; k < f.args.size(); ++k)
                if (f.argNames[k] == argName)
                    named = f.args[k].get();
            if (named) {
                v = peek(*named);
            } else {
                Expr p;
                p.kind = ExprKind::Path;
                p.loc = f.formatLoc;
                p.path = {argName};
                v = peek(p);
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

RV Interpreter::evalFormatMacro(const Expr& e)
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

RV Interpreter::evalListMacro(const Expr& e)
{
    const std::string& m = e.text;
    if (m == "assert_eq" || m == "assert_ne") {
        if (e.args.size() < 2)
            failAt(e.loc, "`" + m + "!` takes two values");
        const MValue a = derefAll(peek(*e.args[0]), e.loc);
        const MValue b = derefAll(peek(*e.args[1]), e.loc);
        const bool eq = debugValue(a) == debugValue(b);
        if (eq != (m == "assert_eq")) {
            const std::string op = m == "assert_eq" ? "==" : "!=";
            panic(e.loc,
                  "assertion `left " + op + " right` failed\n  left: " + debugValue(a) + "\n right: " + debugValue(b));
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
RV Interpreter::pinMacro(const Expr& e)
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

} // namespace pw::memory::detail
