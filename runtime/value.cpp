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

std::string formatSeconds(std::int64_t ns)
{
    const bool neg = ns < 0;
    const std::uint64_t a = neg ? static_cast<std::uint64_t>(-ns) : static_cast<std::uint64_t>(ns);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s%llu.%03llus", neg ? "-" : "",
                  static_cast<unsigned long long>(a / 1'000'000'000ULL),
                  static_cast<unsigned long long>((a / 1'000'000ULL) % 1000ULL));
    return buf;
}

std::string formatSecondsMicros(std::int64_t ns)
{
    const bool neg = ns < 0;
    const std::uint64_t a = neg ? static_cast<std::uint64_t>(-ns) : static_cast<std::uint64_t>(ns);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s%llu.%06llus", neg ? "-" : "",
                  static_cast<unsigned long long>(a / 1'000'000'000ULL),
                  static_cast<unsigned long long>((a / 1'000ULL) % 1'000'000ULL));
    return buf;
}

} // namespace pw
