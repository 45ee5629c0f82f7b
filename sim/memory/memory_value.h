// Values of the memory interpreter: what a slot, a field or a temporary holds.
//
// Unlike the async interpreter's values these have a Rust type and a size, so they can be laid
// out at addresses: a struct value is its fields in declaration order (8-byte aligned where the
// field needs it), a pointer is an address plus the type it points at.
#pragma once

#include "memory_state.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace pw::lang {
struct Block;
struct FnDecl;
} // namespace pw::lang

namespace pw::memory {

struct MValue {
    enum class Kind {
        Unit,   ///< () or a not-yet-initialised field (type says what it will hold)
        Int,    ///< num; type "usize", "i32", "u8"...
        Bool,   ///< num 0 / 1
        Str,    ///< text; type "String" or "&str"
        Ptr,    ///< addr (0 = null); pointee; flavour in ptr; pin for Pin<..>
        Option, ///< fields empty (None) or one entry "0" (Some)
        Struct, ///< fields in declaration order
        Array,  ///< fields: the elements (names empty)
        Marker, ///< PhantomPinned (zero-sized)
        Future, ///< an async fn / block's state machine: variant; fields = params and locals held across .await
    };
    Kind kind = Kind::Unit;
    std::string type; ///< the Rust type, e.g. "Test", "*const String", "Pin<&mut Test>", "[u8; 128]"
    std::int64_t num = 0;
    std::string text;
    Address addr = 0;
    std::string pointee;               ///< Ptr: the type pointed at, e.g. "String"
    std::string ptr;                   ///< Ptr: "*const", "*mut", "&", "&mut", "Box"
    bool pin = false;                  ///< Ptr: wrapped in Pin<..>
    std::string variant;               ///< Future: "Unresumed", "Suspend0", "Returned"
    const lang::Block* body = nullptr; ///< Future: the code it runs
    const lang::FnDecl* fn = nullptr;  ///< Future: the async fn (null for an async block)
    std::vector<std::pair<std::string, MValue>> fields;

    static MValue integer(std::int64_t n, std::string type = "i32");
    static MValue boolean(bool b);
    static MValue string(std::string s, std::string type);
    static MValue pointer(Address a, std::string pointee, std::string flavour, bool pinned = false);
    static MValue none(std::string type);
    static MValue some(MValue inner, std::string type);
    static MValue uninit(std::string type);

    bool isPtr() const { return kind == Kind::Ptr; }
    /// Copy types: integers, bools, raw pointers, shared references, &str, PhantomPinned,
    /// Option of those, arrays of those. Everything else moves.
    bool isCopy() const;
};

/// Struct declarations the program makes: field names and types, in order.
struct TypeTable {
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> structs;
    /// Extra types with a fixed layout (async fn state machines), by type name.
    std::map<std::string, std::uint64_t> extraSizes;

    std::uint64_t sizeOf(const std::string& type) const;
    std::uint64_t alignOf(const std::string& type) const;
    /// Offsets of a struct's fields, in declaration order.
    std::vector<std::uint64_t> fieldOffsets(const std::vector<std::string>& fieldTypes) const;
    /// !Unpin: has a PhantomPinned (directly or in a field) or is an async state machine.
    bool isNotUnpin(const std::string& type) const;
};

/// Type text helpers: "Pin<&mut Test>" -> "&mut Test"; "[u8; 128]" -> ("u8", 128).
std::string stripType(std::string t);
std::string genericArg(const std::string& type, const std::string& outer);
bool arrayType(const std::string& type, std::string& elem, std::uint64_t& count);
std::string pointeeOf(const std::string& pointerType);

/// `{}` of a value (through references), `{:?}` of a value.
std::string displayValue(const MValue& v);
std::string debugValue(const MValue& v);
/// How a field is shown in a diagram: "\"test1\"", "0x7ffc_0010", "Some(0x7ffc_0010)", "[0; 128]".
std::string diagramValue(const MValue& v);

} // namespace pw::memory
