#include "values.h"

#include <cstdio>

namespace pw::lang {

Value* StructValue::field(const std::string& name)
{
    for (auto& [n, v] : fields)
        if (n == name)
            return &v;
    return nullptr;
}

std::string StructValue::debugString() const
{
    std::string s = typeName + " { ";
    for (std::size_t i = 0; i < fields.size(); ++i)
        s += (i ? ", " : "") + fields[i].first + ": " + debugValue(fields[i].second);
    return s + " }";
}

std::string EnumValue::debugString() const
{
    std::string s = variant;
    if (!payload.empty()) {
        s += "(";
        for (std::size_t i = 0; i < payload.size(); ++i)
            s += (i ? ", " : "") + debugValue(payload[i]);
        s += ")";
    }
    return s;
}

std::string VecValue::debugString() const
{
    std::string s = "[";
    for (std::size_t i = 0; i < items.size(); ++i)
        s += (i ? ", " : "") + debugValue(items[i]);
    return s + "]";
}

std::string DurationValue::debugString() const
{
    // Rust's Debug for Duration: 1s, 1.5s, 100ms, 10µs, 5ns
    char buf[64];
    if (ns % 1'000'000'000 == 0)
        std::snprintf(buf, sizeof buf, "%llds", static_cast<long long>(ns / 1'000'000'000));
    else if (ns >= 1'000'000'000)
        std::snprintf(buf, sizeof buf, "%gs", static_cast<double>(ns) / 1e9);
    else if (ns % 1'000'000 == 0)
        std::snprintf(buf, sizeof buf, "%lldms", static_cast<long long>(ns / 1'000'000));
    else if (ns >= 1'000'000)
        std::snprintf(buf, sizeof buf, "%gms", static_cast<double>(ns) / 1e6);
    else if (ns % 1000 == 0)
        std::snprintf(buf, sizeof buf, "%lldµs", static_cast<long long>(ns / 1000));
    else
        std::snprintf(buf, sizeof buf, "%lldns", static_cast<long long>(ns));
    return buf;
}

std::string MutexValue::debugString() const
{
    const Value& d = tokio ? tokio->data() : std->data();
    return "Mutex { data: " + debugValue(d) + " }";
}

SenderValue::~SenderValue()
{
    if (mpsc)
        mpsc->dropSender();
    if (oneshot)
        oneshot->dropSender();
}

ReceiverValue::~ReceiverValue()
{
    if (mpsc)
        mpsc->dropReceiver();
    if (oneshot)
        oneshot->dropReceiver();
}

Cell Env::lookup(const std::string& name)
{
    for (Env* e = this; e; e = e->parent.get())
        for (auto it = e->vars.rbegin(); it != e->vars.rend(); ++it)
            if (it->first == name)
                return it->second;
    return nullptr;
}

void Env::define(const std::string& name, Value v)
{
    vars.emplace_back(name, std::make_shared<Value>(std::move(v)));
}

Value makeObject(std::shared_ptr<Object> o)
{
    return Value(std::move(o));
}

Value makeEnum(std::string enumName, std::string variant, std::vector<Value> payload)
{
    auto e = std::make_shared<EnumValue>();
    e->enumName = std::move(enumName);
    e->variant = std::move(variant);
    e->payload = std::move(payload);
    return makeObject(std::move(e));
}

Value makeSome(Value v)
{
    return makeEnum("Option", "Some", {std::move(v)});
}
Value makeNone()
{
    return makeEnum("Option", "None");
}
Value makeDuration(std::int64_t ns)
{
    return makeObject(std::make_shared<DurationValue>(ns));
}

Value cloneValue(const Value& v)
{
    if (auto* s = as<StructValue>(v)) {
        auto c = std::make_shared<StructValue>();
        c->typeName = s->typeName;
        for (const auto& [n, f] : s->fields)
            c->fields.emplace_back(n, cloneValue(f));
        return makeObject(std::move(c));
    }
    if (auto* e = as<EnumValue>(v)) {
        std::vector<Value> p;
        for (const auto& x : e->payload)
            p.push_back(cloneValue(x));
        return makeEnum(e->enumName, e->variant, std::move(p));
    }
    if (auto* vec = as<VecValue>(v)) {
        auto c = std::make_shared<VecValue>();
        for (const auto& x : vec->items)
            c->items.push_back(cloneValue(x));
        return makeObject(std::move(c));
    }
    if (auto* d = as<DurationValue>(v))
        return makeDuration(d->ns);
    if (auto* w = as<WakerValue>(v)) {
        auto c = std::make_shared<WakerValue>();
        c->waker = w->waker;
        return makeObject(std::move(c));
    }
    if (auto* s = as<SenderValue>(v)) {
        auto c = std::make_shared<SenderValue>();
        c->mpsc = s->mpsc;
        if (c->mpsc)
            c->mpsc->addSender();
        return makeObject(std::move(c));
    }
    return v; // ints, strings, tuples (immutable), Arc and everything shared
}

std::string displayValue(const Value& v)
{
    if (v.isString())
        return v.asString();
    if (std::holds_alternative<std::shared_ptr<Object>>(v.v)) {
        if (auto* a = as<ArcValue>(v))
            return displayValue(a->inner);
        if (auto* g = as<GuardObject>(v))
            return displayValue(g->value());
        if (auto* e = as<ErrorValue>(v))
            return e->display;
    }
    return debugValue(v);
}

std::string debugValue(const Value& v)
{
    if (v.isString())
        return "\"" + v.asString() + "\"";
    if (std::holds_alternative<std::shared_ptr<const Tuple>>(v.v)) {
        const Tuple& t = v.asTuple();
        std::string s = "(";
        for (std::size_t i = 0; i < t.size(); ++i)
            s += (i ? ", " : "") + debugValue(t[i]);
        return s + (t.size() == 1 ? ",)" : ")");
    }
    if (v.isResult())
        return std::string(v.asResult().ok ? "Ok(" : "Err(") + debugValue(v.asResult().inner) + ")";
    if (std::holds_alternative<std::shared_ptr<Object>>(v.v)) {
        auto o = v.asObject();
        if (auto* g = dynamic_cast<GuardObject*>(o.get()))
            return debugValue(g->value());
        return o ? o->debugString() : "<moved>";
    }
    return v.debug();
}

bool valuesEqual(const Value& a, const Value& b)
{
    if (a.v.index() != b.v.index())
        return false;
    if (a.isInt())
        return a.asInt() == b.asInt();
    if (std::holds_alternative<bool>(a.v))
        return a.asBool() == b.asBool();
    if (a.isString())
        return a.asString() == b.asString();
    if (a.isUnit())
        return true;
    return debugValue(a) == debugValue(b);
}

} // namespace pw::lang
