// Private to sim/memory/: the memory interpreter's state and its methods, defined across
// memory_interpreter.cpp (statements, scopes, borrows), memory_addresses.cpp (the address space
// and snapshots), memory_calls.cpp (calls and std's Pin/Box/swap), memory_eval.cpp (places and
// expressions), memory_futures.cpp (async state machines) and memory_macros.cpp (println!,
// assert_eq!, pin!). See docs/pinning.md for the model.
#pragma once

#include "ast_queries.h"
#include "memory_state.h"
#include "memory_value.h"
#include "rustc_message.h"
#include "sim/lang/ast.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pw::memory::detail {

using lang::Block;
using lang::Expr;
using lang::ExprKind;
using lang::FnDecl;
using lang::Item;
using lang::SourceLoc;
using lang::Stmt;

constexpr Address kStackBase = 0x7ffc0010;
constexpr Address kFrameStride = 0x1000;
constexpr Address kHeapBase = 0x555500001000ULL;
constexpr Address kHeapStride = 0x100;
constexpr std::size_t kMaxSteps = 5000;
constexpr int kMaxDepth = 64;

struct Stop {}; // the run ended: trace.error is set

/// A stack slot or heap block, for the whole run (popped and moved-out ones stay, for stale reads).
struct Allocation {
    int id = 0;
    std::string name;
    Address base = 0;
    std::uint64_t size = 0;
    Region region = Region::Stack;
    MValue value;
    bool live = true;    ///< false once moved out or freed
    bool popped = false; ///< its frame returned
    bool pinned = false;
    SourceLoc pinLoc;
    int pinLength = 1;
};

/// What a name refers to: a slot, or a field inside a future (a local held across `.await`).
struct Binding {
    int allocId = -1;
    Address addr = 0;
    std::string type;
    bool inFuture = false; ///< a local or argument stored inside an async state machine
};

/// The statement a block is executing (to find later uses of a name: the "used later" check).
struct BlockCursor {
    const Block* block = nullptr;
    std::size_t index = 0;
};

/// A call in progress: its slots, scopes, and for a future's poll, where the future lives.
struct Frame {
    std::string function;
    Address base = 0;
    Address next = 0;
    int callLine = 0;
    std::string implType;
    std::vector<int> slots;
    std::vector<std::map<std::string, Binding>> scopes;
    std::vector<BlockCursor> cursors;
    std::set<std::string> heldLocals; ///< in a future's poll: locals that live in the future
    Address futureAddr = 0;
    int futureAlloc = -1;
    std::string futureType;
    int awaits = 0; ///< `.await`s passed in this poll, numbering the Suspend states
};

/// A value produced by an expression, and the slot it was moved out of (to record the move).
struct RV {
    MValue v;
    int movedFrom = -1; ///< the allocation the value was moved out of
};

/// Where a value lives: an address and type, or a temporary.
struct Place {
    Address addr = 0;
    std::string type;
    int allocId = -1;
    bool temp = false;
    MValue tempValue;
    std::string root;       ///< the variable the place starts from ("" through a pointer)
    std::string throughPin; ///< set when reached through a Pin: its type, e.g. "Pin<&mut Test>"
};

/// `return` unwinding to the call.
struct ReturnSignal {
    RV value;
};

class Interpreter {
public:
    Interpreter(const lang::Program& p, const std::string& fileName, const std::string& source)
        : program_(p), file_(fileName), source_(source)
    {
        trace_.fileName = fileName;
    }

    MemoryTrace run()
    {
        try {
            collectItems();
            auto it = fns_.find("main");
            if (it == fns_.end())
                failAt(SourceLoc{1, 1, 0}, "a pinning program needs a `fn main`");
            callFunction(*it->second, "", {}, SourceLoc{}, "main");
        } catch (const Stop&) {
        } catch (const ReturnSignal&) {
        }
        return std::move(trace_);
    }

private:
    // ---- errors ---------------------------------------------------------------------------

    [[noreturn]] void failAt(const SourceLoc& loc, const std::string& message, int length = 1);

    [[noreturn]] void refuse(const RustcMessage& m);

    [[noreturn]] void panic(const SourceLoc& loc, const std::string& message);

    void collectItems();

    // ---- the address space ----------------------------------------------------------------

    Allocation& alloc(int id) { return allocs_[static_cast<std::size_t>(id)]; }

    int allocateSlot(const std::string& name, MValue value);

    int allocateHeap(MValue value);

    std::uint64_t sizeOfValue(const MValue& v) const;

    std::uint64_t alignOfValue(const MValue& v) const;

    std::vector<std::uint64_t> fieldOffsets(const MValue& v) const;

    static bool typeMatches(const std::string& have, const std::string& want);

    /// The value at `off` inside `v` of type `want`: the deepest exact match, else the outermost.
    MValue* descend(MValue& v, std::uint64_t off, const std::string& want, std::string& path, bool& exact);

    struct Located {
        Allocation* alloc = nullptr;
        MValue* value = nullptr;
        std::string path;
    };

    /// What is at address `a`: live objects first, else the latest dead one (stale bytes).
    Located locate(Address a, const std::string& want);

    // ---- snapshots ------------------------------------------------------------------------

    PointerTarget classify(Address target, const std::string& pointee, const Allocation& owner);

    void flatten(const MValue& v, Address at, const std::string& prefix, int depth, const Allocation& owner,
                 std::vector<MemoryField>& out);

    std::optional<PointerTarget> pointerOf(const MValue& v, const Allocation& owner);

    MemoryObject objectOf(const Allocation& a);

    void record(const SourceLoc& loc, const std::string& what);

    /// The statement's source line without a trailing `//` comment.
    std::string statementText(const SourceLoc& loc);

    // ---- moves and borrows ----------------------------------------------------------------

    void noteMove(int fromId, Address to, int toId, const std::string& how);

    static bool holdsPinTo(const MValue& v, Address lo, Address hi);

    /// Refuses `action` on allocation `id` if a Pin that borrows it is used later (rustc's
    /// borrow checker: E0505 move, E0506 assign, E0499 second &mut).
    void checkNotPinBorrowed(int id, const std::string& action, const Expr& at);

    const Expr* usedLater(const std::string& name);

    // ---- scopes ---------------------------------------------------------------------------

    const Binding* lookup(const std::string& name);

    void bind(const std::string& name, int allocId, Address addr, const std::string& type, bool inFuture = false);

    // ---- calls ----------------------------------------------------------------------------

    struct Arg {
        RV rv;
        std::string name;
        std::string type;
    };

    void pushFrame(const std::string& function, int callLine, const std::string& implType);

    void popFrame();

    /// Drops what a value owns: a live Box frees its heap block.
    void dropValue(const MValue& v);

    /// Stores an argument into a new slot of the current (callee) frame.
    void bindArg(const Arg& a);

    RV callFunction(const FnDecl& fn, const std::string& implType, std::vector<Arg> args, const SourceLoc& callLoc,
                    const std::string& name);

    static std::string resolveSelf(const std::string& t, const std::string& implType);

    std::string describe(const MValue& v);

    /// Converts a value to the declared type of where it goes: integer types, & -> *const,
    /// struct field types, arrays of u8.
    MValue coerce(MValue v, const std::string& rawType);

    // ---- futures (async fn / async blocks) ------------------------------------------------

    RV makeFuture(const FnDecl& fn, const std::string& implType, std::vector<Arg> args);

    RV makeAsyncBlock(const Expr& e);

    void desugared(const std::string& type, const Block& body, const FnDecl* fn);

    /// Polls the future at `place` to completion: its body runs in a poll frame whose held
    /// locals live inside the future itself.
    RV pollToCompletion(const Place& place, const SourceLoc& loc);

    void setVariant(const Place& place, const std::string& variant);

    RV awaitExpr(const Expr& e);

    // ---- statements -----------------------------------------------------------------------

    RV execBlockValue(const Block& b, bool functionBody);

    void execStmt(const Stmt& s);

    void execLet(const Stmt& s);

    const Block* currentBlock();

    // ---- places ---------------------------------------------------------------------------

    /// Follows references, boxes and pins from `p` until a non-pointer value.
    Place autoDeref(Place p, const SourceLoc& loc);

    Place place(const Expr& e, bool forWrite);

    Place tempPlace(MValue v);

    MValue readPlace(const Place& p, const SourceLoc& loc);

    /// The value of `e` without moving it: what `println!`, `assert_eq!` and `==` see (they
    /// take their operands by reference).
    MValue peek(const Expr& e);

    void writePlace(const Place& p, MValue v, const Expr& at);

    [[noreturn]] void useAfterMove(const Expr& e, const Allocation& a);

    // ---- expressions ----------------------------------------------------------------------

    std::int64_t asInt(const MValue& v, const Expr& e);

    RV eval(const Expr& e);

    [[noreturn]] void moveOutOfBorrow(const Expr& e, const MValue& v);

    RV evalPath(const Expr& e);

    void checkWrite(const Place& p, const Expr& target);

    RV evalUnary(const Expr& e);

    MValue derefAll(MValue v, const SourceLoc& loc);

    RV evalBinary(const Expr& e);

    RV evalStructLit(const Expr& e);

    // ---- calls ----------------------------------------------------------------------------

    std::vector<Arg> argsFor(const FnDecl& fn, const Expr& call, std::size_t firstArg, const std::string& implType);

    RV evalCall(const Expr& e);

    const FnDecl* findMethod(const std::string& type, const std::string& name);

    std::string selfType(const FnDecl& fn, const std::string& type);

    RV boxValue(const Expr& e, bool pinned);

    RV pinNew(const Expr& e, bool unchecked);

    void markPinned(Address addr, const std::string& pointee, const Expr& at);

    RV memSwap(const Expr& e);

    RV blockOn(const Expr& e);

    RV evalMethod(const Expr& e);

    MValue derefOption(MValue v, const SourceLoc& loc);

    RV pinMethod(const Expr& e, const MValue& pin);

    // ---- macros ---------------------------------------------------------------------------

    std::string displayOf(const MValue& v);

    std::string debugOf(const MValue& v);

    std::string format(const lang::FormatArgs& f, const Expr& at);

    RV evalFormatMacro(const Expr& e);

    RV evalListMacro(const Expr& e);

    /// `pin!(value)`: moves the value into an anonymous slot of this frame and pins it there.
    RV pinMacro(const Expr& e);

    const lang::Program& program_;
    std::string file_;
    std::string source_;
    MemoryTrace trace_;
    TypeTable types_;
    std::map<std::string, const FnDecl*> fns_;
    std::map<std::string, std::map<std::string, const FnDecl*>> methods_;
    std::vector<Allocation> allocs_;
    std::vector<Frame> frames_;
    std::vector<int> heap_;
    std::vector<std::string> effects_;
    std::vector<std::string> printed_;
    std::vector<MemoryMove> moves_;
};

} // namespace pw::memory::detail
