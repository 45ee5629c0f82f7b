// The state machine behind an `async fn` / `async` block, computed from its syntax tree: the
// enum rustc generates (Unresumed, one Suspend variant per `.await` with the locals held across
// it, Returned, Panicked) and the types of those locals.
#pragma once

#include "sim/lang/ast.h"

#include <string>
#include <vector>

namespace pw::memory {

struct HeldLocal {
    std::string name;
    std::string type; ///< declared, or inferred (`[0; 128]` passed as `&mut [u8]` is `[u8; 128]`)
};

/// Locals of `body` (top-level `let`s) that are still used at or after some later `.await`:
/// they live inside the future, not on the poll's stack frame. In declaration order.
std::vector<HeldLocal> heldAcrossAwait(const lang::Block& body, const lang::Program& program);

/// The type of a `let` without annotation when it can be read off the code: an array repeat
/// `[0; N]` whose element type comes from a `&mut [T]` parameter it is passed to, or the future
/// of an `async fn` call. Empty when the value's own type will do.
std::string inferLetType(const lang::Stmt& let, const lang::Block* block, const lang::Program& program);

/// The generated state machine of an async body as Rust-like text; its first line is "// " +
/// `name` (the future's type name). `fn` is null for a block.
std::string desugarAsyncBody(const std::string& name, const lang::Block& body, const lang::FnDecl* fn,
                             const lang::Program& program);

/// An `.await` of a body: the statement it is in (stmts.size() for the tail expression) and its
/// line. The n-th one is the state machine's variant `Suspend{n}`.
struct AwaitPoint {
    std::size_t stmt = 0;
    int line = 0;
};
std::vector<AwaitPoint> awaitPointsOf(const lang::Block& body);

/// What the future holds while suspended at the await in statement `stmt`: the parameters of
/// `fn` (null for a block) and the earlier `let`s that are used from there on.
std::vector<HeldLocal> heldAt(const lang::Block& body, const lang::FnDecl* fn, std::size_t stmt,
                              const lang::Program& program);

/// Every async body of the program, async fns (and methods) and `async` blocks.
struct AsyncBody {
    std::string name; ///< "async fn make_coffee", "async block (line 61)"
    const lang::Block* body = nullptr;
    const lang::FnDecl* fn = nullptr; ///< null for a block
};
std::vector<AsyncBody> asyncBodies(const lang::Program& program);

/// desugarAsyncBody for the `async fn` named `fnName` (a top-level fn or a method); a sentence
/// saying why not when there is no such async fn.
std::string desugarAsyncFn(const lang::Program& program, const std::string& fnName);

} // namespace pw::memory
