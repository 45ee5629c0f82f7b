// Values that futures produce and tasks return.
//
// Policy: the engine is agnostic of what a scenario computes; it only moves results from the
// future that produced them to whoever awaits them (a JoinHandle, a join!, a channel). A value
// is unit, an integer, a bool, a string, a tuple, a `Result` (ok/err with a payload), or an
// opaque object owned by a layer above (the scenario interpreter's structs, mutex guards).
// Objects are reference counted: dropping the last reference runs the object's destructor,
// which is how a mutex guard releases its lock when the scenario drops it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace pw {

struct Object {
    virtual ~Object() = default;
    /// How the object prints with `{:?}`.
    virtual std::string debugString() const = 0;
};

/// `co_return unit;` in a C++ async body: the unit result without a `Value` temporary in the
/// coroutine frame (GCC gives every co_return operand a frame slot of its own).
struct Unit {};
inline constexpr Unit unit{};

struct Value;
using Tuple = std::vector<Value>;

struct ResultValue;

struct Value {
    // Strings are shared and immutable (like Arc<str>): a Value stays 24 bytes, which matters
    // because every suspended future keeps a few of them in its frame.
    using Storage =
        std::variant<std::monostate, std::int64_t, bool, std::shared_ptr<const std::string>,
                     std::shared_ptr<const Tuple>, std::shared_ptr<const ResultValue>, std::shared_ptr<Object>>;
    // In a union so that the special members below decide what runs: unit, integers and bools
    // (what futures return nearly always) are copied and dropped without std::variant's
    // visitation, which was a tenth of the engine's instructions per poll.
    union {
        Storage v;
    };

    Value() { ::new (&v) Storage(); }
    Value(std::int64_t i) { ::new (&v) Storage(i); }
    Value(int i) { ::new (&v) Storage(static_cast<std::int64_t>(i)); }
    Value(bool b) { ::new (&v) Storage(b); }
    Value(std::string s) { ::new (&v) Storage(std::make_shared<const std::string>(std::move(s))); }
    Value(const char* s) { ::new (&v) Storage(std::make_shared<const std::string>(s)); }
    Value(Tuple t) { ::new (&v) Storage(std::make_shared<const Tuple>(std::move(t))); }
    Value(std::shared_ptr<Object> o) { ::new (&v) Storage(std::move(o)); }

    Value(const Value& o)
    {
        if (!constructTrivial(o))
            ::new (&v) Storage(o.v);
    }
    Value(Value&& o) noexcept
    {
        if (!constructTrivial(o))
            ::new (&v) Storage(std::move(o.v));
    }
    Value& operator=(const Value& o)
    {
        if (this != &o) {
            Value copy(o);
            *this = std::move(copy);
        }
        return *this;
    }
    Value& operator=(Value&& o) noexcept
    {
        if (this != &o) {
            destroy();
            if (!constructTrivial(o))
                ::new (&v) Storage(std::move(o.v));
        }
        return *this;
    }
    ~Value() { destroy(); }

    static Value ok(Value inner);
    static Value err(Value inner);

    bool isUnit() const { return std::holds_alternative<std::monostate>(v); }
    bool isInt() const { return std::holds_alternative<std::int64_t>(v); }
    bool isString() const { return std::holds_alternative<std::shared_ptr<const std::string>>(v); }
    bool isResult() const { return std::holds_alternative<std::shared_ptr<const ResultValue>>(v); }
    std::int64_t asInt() const { return std::get<std::int64_t>(v); }
    bool asBool() const { return std::get<bool>(v); }
    const std::string& asString() const { return *std::get<std::shared_ptr<const std::string>>(v); }
    const Tuple& asTuple() const { return *std::get<std::shared_ptr<const Tuple>>(v); }
    const ResultValue& asResult() const { return *std::get<std::shared_ptr<const ResultValue>>(v); }
    std::shared_ptr<Object> asObject() const { return std::get<std::shared_ptr<Object>>(v); }
    bool isOk() const;

    /// Rust's `{}` formatting where it exists, `{:?}` otherwise.
    std::string display() const;
    std::string debug() const;

private:
    /// Alternatives 0-2 (unit, int, bool) hold no resources: nothing to run when they go.
    void destroy() noexcept
    {
        if (v.index() > 2)
            v.~Storage();
    }
    /// Constructs `v` from a unit, int or bool without visitation; false for the others.
    bool constructTrivial(const Value& o) noexcept
    {
        switch (o.v.index()) {
        case 0:
            ::new (&v) Storage();
            return true;
        case 1:
            ::new (&v) Storage(std::in_place_index<1>, *std::get_if<1>(&o.v));
            return true;
        case 2:
            ::new (&v) Storage(std::in_place_index<2>, *std::get_if<2>(&o.v));
            return true;
        default:
            return false;
        }
    }
};

static_assert(sizeof(Value) == 24, "a Value is a tag and one pointer-sized payload");

struct ResultValue {
    bool ok = true;
    Value inner;
};

} // namespace pw
