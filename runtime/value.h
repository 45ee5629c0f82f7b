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

struct Value;
using Tuple = std::vector<Value>;

struct ResultValue;

struct Value {
    // Strings are shared and immutable (like Arc<str>): a Value stays 24 bytes, which matters
    // because every suspended future keeps a few of them in its frame.
    using Storage =
        std::variant<std::monostate, std::int64_t, bool, std::shared_ptr<const std::string>,
                     std::shared_ptr<const Tuple>, std::shared_ptr<const ResultValue>, std::shared_ptr<Object>>;
    Storage v;

    Value() = default;
    Value(std::int64_t i) : v(i) {}
    Value(int i) : v(static_cast<std::int64_t>(i)) {}
    Value(bool b) : v(b) {}
    Value(std::string s) : v(std::make_shared<const std::string>(std::move(s))) {}
    Value(const char* s) : v(std::make_shared<const std::string>(s)) {}
    Value(Tuple t) : v(std::make_shared<const Tuple>(std::move(t))) {}
    Value(std::shared_ptr<Object> o) : v(std::move(o)) {}

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
};

static_assert(sizeof(Value) == 24, "a Value is a tag and one pointer-sized payload");

struct ResultValue {
    bool ok = true;
    Value inner;
};

} // namespace pw
