#include "value.h"

#include "sim_time.h"

#include <cstdio>

namespace pw {

Value Value::ok(Value inner)
{
    Value r;
    r.v = std::make_shared<const ResultValue>(ResultValue{true, std::move(inner)});
    return r;
}

Value Value::err(Value inner)
{
    Value r;
    r.v = std::make_shared<const ResultValue>(ResultValue{false, std::move(inner)});
    return r;
}

bool Value::isOk() const
{
    return isResult() && asResult().ok;
}

std::string Value::display() const
{
    if (isString())
        return asString();
    return debug();
}

std::string Value::debug() const
{
    struct Visitor {
        std::string operator()(std::monostate) const { return "()"; }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(const std::shared_ptr<const std::string>& s) const { return "\"" + *s + "\""; }
        std::string operator()(const std::shared_ptr<const Tuple>& t) const
        {
            std::string out = "(";
            for (std::size_t i = 0; i < t->size(); ++i) {
                if (i)
                    out += ", ";
                out += (*t)[i].debug();
            }
            if (t->size() == 1)
                out += ",";
            return out + ")";
        }
        std::string operator()(const std::shared_ptr<const ResultValue>& r) const
        {
            return std::string(r->ok ? "Ok(" : "Err(") + r->inner.debug() + ")";
        }
        std::string operator()(const std::shared_ptr<Object>& o) const { return o ? o->debugString() : "<dropped>"; }
    };
    return std::visit(Visitor{}, v);
}

namespace {
/// Seconds with `decimals` digits (3: milliseconds, 6: microseconds), truncated: "12.100s".
std::string formatSecondsTo(std::int64_t ns, int decimals)
{
    const bool neg = ns < 0;
    const std::uint64_t a = neg ? static_cast<std::uint64_t>(-ns) : static_cast<std::uint64_t>(ns);
    std::uint64_t unit = 1'000'000'000ULL; // ns per displayed digit step
    for (int d = 0; d < decimals; ++d)
        unit /= 10;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s%llu.%0*llus", neg ? "-" : "",
                  static_cast<unsigned long long>(a / 1'000'000'000ULL), decimals,
                  static_cast<unsigned long long>((a % 1'000'000'000ULL) / unit));
    return buf;
}
} // namespace

std::string formatSeconds(std::int64_t ns)
{
    return formatSecondsTo(ns, 3);
}

std::string formatSecondsMicros(std::int64_t ns)
{
    return formatSecondsTo(ns, 6);
}

} // namespace pw
