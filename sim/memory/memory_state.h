// What a pinning program's memory looks like, step by step: the data a memory diagram draws.
//
// Entry point (sim/memory/memory_interpreter.h):
//     pw::memory::MemoryTrace pw::memory::runMemoryProgram(const std::string& source,
//                                                         const std::string& fileName);
// It parses a pinning program (docs/pinning.md), runs it statement by statement on a
// deterministic address space and returns one MemoryStep per executed statement.
//
// Addresses: stack frame k (main is 0) starts at 0x7ffc_0010 + k * 0x1000 and its slots are
// bump-allocated upwards (8-byte aligned, never reused while the frame lives, so a moved-out
// slot keeps its address and its stale bytes); heap blocks start at 0x5555_0000_1000 and are
// 0x100 apart. Plain C++ (std::string), no Qt types: usable from runtime-free code and the GUI.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pw::memory {

using Address = std::uint64_t;

/// "0x7ffc_0010": hex, groups of four digits separated by '_' (how the diagram and texts show
/// addresses). 0 is shown as "0x0".
inline std::string formatAddress(Address a)
{
    if (a == 0)
        return "0x0";
    static const char* digits = "0123456789abcdef";
    std::string hex;
    for (Address v = a; v != 0; v >>= 4)
        hex.insert(hex.begin(), digits[v & 0xf]);
    std::string out;
    for (std::size_t i = 0; i < hex.size(); ++i) {
        if (i != 0 && (hex.size() - i) % 4 == 0)
            out += '_';
        out += hex[i];
    }
    return "0x" + out;
}

enum class Region {
    Stack, ///< a slot in a stack frame (MemoryStep::frames)
    Heap,  ///< a Box allocation (MemoryStep::heap)
};

/// Where a pointer field points, judged at this step.
enum class PointerKind {
    SelfPointer, ///< into the object that holds the pointer (a valid self-reference)
    Foreign,     ///< into another live object (e.g. test2.b -> test1.a after mem::swap)
    Dangling,    ///< into a moved-out stack slot, a popped frame or a freed heap block
    Null,        ///< std::ptr::null(), or None
};

struct PointerTarget {
    Address target = 0; ///< 0 for Null
    PointerKind kind = PointerKind::Null;
    int targetObjectId = -1;      ///< MemoryObject::id of the pointee's object, -1 if none is found
    std::string targetObjectName; ///< its MemoryObject::name, e.g. "test1" (may be a moved-out slot)
    std::string targetField;      ///< MemoryField::name inside it ("a"), empty when it points at the object
};

struct MemoryField {
    std::string name;    ///< "a", "b", "_marker"; nested fields are dotted: "read_into_buf_fut.buf"
    int depth = 0;       ///< 0 for a direct field, 1 for a field of a field, ...
    std::string type;    ///< as declared: "String", "*const String", "Option<*const usize>"
    Address address = 0; ///< absolute address of the field
    std::uint64_t size = 0;
    std::string value; ///< displayed value: "\"test1\"", "3", "0x7ffc_0010", "Some(0x7ffc_0010)", "[0; 128]"
    std::optional<PointerTarget> pointer; ///< set for raw pointers, references, Box, Pin (also when null)
};

struct MemoryObject {
    int id = 0;       ///< stable identity of this slot / block across steps
    std::string name; ///< variable name ("test1"; a shadowed binding keeps its name), or "Box #1" on the heap
    std::string type; ///< "Test", "Pin<&mut Test>", "Pin<Box<Test>>", "usize"
    Address address = 0;
    std::uint64_t size = 0;
    Region region = Region::Stack;
    bool live = true;      ///< false: moved out (stack) or freed (heap); draw greyed, bytes are stale
    bool pinned = false;   ///< a Pin points at it (Pin::new, Pin::new_unchecked, pin!, Box::pin): pin badge
    bool notUnpin = false; ///< its type is !Unpin (has a PhantomPinned field, or is an async state machine)
    std::string variant;   ///< for an enum / async state machine: the current state, e.g. "Suspend0"; else empty
    /// The object's contents. A struct has one entry per (nested) field; a scalar or pointer
    /// variable has one entry whose name is empty.
    std::vector<MemoryField> fields;
};

struct StackFrame {
    std::string function; ///< "main", "Test::new", "ExampleOfSelfReference::set_reference"
    Address base = 0;     ///< address of the frame's first slot
    int callLine = 0;     ///< line of the call that created the frame (0 for main)
    /// The frame's slots in address order, moved-out ones included. (Not named `slots`: that is a
    /// Qt macro.)
    std::vector<MemoryObject> objects;
};

/// A bitwise move performed by the step (let b = a; passing by value; returning; Box::pin(t);
/// mem::swap gives two moves). The GUI animates `objectId`'s contents from `from` to `to`.
struct MemoryMove {
    Address from = 0;
    Address to = 0;
    std::uint64_t size = 0;
    int fromObjectId = -1; ///< the source slot (live == false afterwards, except for swap)
    int toObjectId = -1;   ///< the destination slot / heap block
    std::string what;      ///< "test1 (Test)"
};

struct MemoryStep {
    int line = 0;                     ///< 1-based line of the statement executed at this step
    int col = 0;                      ///< 1-based column
    std::string function;             ///< the function executing it
    std::string description;          ///< "let b = a; moves `a` (Test, 32 bytes) from 0x7ffc_0010 to 0x7ffc_0030"
    std::vector<std::string> printed; ///< lines println! printed at this step (usually 0 or 1)
    std::vector<StackFrame> frames;   ///< bottom (main) first
    std::vector<MemoryObject> heap;   ///< heap blocks in address order, freed ones included
    std::vector<MemoryMove> moves;    ///< moves performed by this step
};

/// Why the program stopped early.
struct MemoryError {
    enum class Kind {
        Parse,   ///< the file is not in the supported subset (message is a file:line:col diagnostic)
        Refused, ///< a move / &mut that the compiler refuses (Pin on !Unpin, use after move, ...)
        Panic,   ///< a runtime panic: a failing assert_eq!, an expect on None, ...
    };
    Kind kind = Kind::Parse;
    std::string code;     ///< rustc's error code, "E0277", "E0505", "E0382"; empty for panics and parse errors
    std::string message;  ///< the headline: "`PhantomPinned` cannot be unpinned"
    std::string rendered; ///< the full text as rustc / the Rust runtime prints it, with file:line:col
    int line = 0;
    int col = 0;
};

struct MemoryTrace {
    std::string fileName;
    std::vector<MemoryStep> steps;    ///< valid steps, in execution order; the error (if any) follows the last one
    std::vector<std::string> output;  ///< every printed line, in order
    std::optional<MemoryError> error; ///< set when the program was refused, panicked or did not parse
    /// For each async fn / async block the program created a future of: the state machine
    /// rustc generates for it, as Rust-like text (first line: "// " + the future's type name).
    std::vector<std::string> stateMachines;
};

} // namespace pw::memory
