// The syntax tree of a scenario script: the Rust subset of docs/scenario-language.md.
//
// Policy: the parser keeps what running and explaining the program needs: every node has the
// line:col where it starts; types are kept as text (they change behaviour only in a few
// places: `tokio::sync::Mutex` vs `std::sync::Mutex` comes from `use`, not from types);
// macros are parsed into dedicated nodes (format macros keep their format string and
// arguments, `select!` keeps its branches). Nothing here knows about the runtime.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace pw::lang {

struct SourceLoc {
    int line = 0;   ///< 1-based
    int col = 0;    ///< 1-based, in characters
    int offset = 0; ///< byte offset into the source
};

struct Expr;
struct Block;
using ExprPtr = std::unique_ptr<Expr>;

struct Pattern {
    enum class Kind {
        Wildcard,    ///< _
        Ident,       ///< x, mut x, ref x
        Tuple,       ///< (a, b)
        TupleStruct, ///< Some(x), Ok(v), Poll::Ready(v), Variant(a, b)
        Path,        ///< None, Poll::Pending, Color::Red (a unit variant or constant)
        Literal,     ///< 1, "x", true, -3
        Struct,      ///< Point { x, y: py, .. }
        Rest,        ///< .. inside a tuple / struct pattern
    };
    Kind kind = Kind::Wildcard;
    SourceLoc loc;
    std::string name;                    ///< Ident: the binding
    bool isMut = false;                  ///< Ident: `mut x`
    bool isRef = false;                  ///< Ident: `ref x`
    std::vector<std::string> path;       ///< TupleStruct / Path / Struct: segments, e.g. {"Poll","Ready"}
    std::vector<Pattern> elems;          ///< Tuple / TupleStruct elements; Struct: field patterns
    std::vector<std::string> fieldNames; ///< Struct: the field each elems[i] matches
    ExprPtr literal;                     ///< Literal
};

struct Param {
    Pattern pattern;  ///< usually Ident
    std::string type; ///< as written, may be empty for closure params
};

struct MatchArm {
    SourceLoc loc;
    std::vector<Pattern> patterns; ///< `A | B => ..` gives two
    ExprPtr guard;                 ///< `if cond`, may be null
    ExprPtr body;
};

struct FieldInit {
    std::string name;
    ExprPtr value; ///< shorthand `Point { x }` is stored as a Path expr `x`
    SourceLoc loc;
};

struct SelectBranch {
    SourceLoc loc;
    Pattern pattern;
    ExprPtr future;
    ExprPtr guard; ///< `, if cond` precondition, may be null
    ExprPtr body;
};

struct FormatArgs {
    std::string format; ///< the string literal, escapes already processed
    SourceLoc formatLoc;
    std::vector<ExprPtr> args;         ///< positional arguments
    std::vector<std::string> argNames; ///< parallel to args: "name" for `name = expr`, else ""
};

enum class ExprKind {
    IntLit,         ///< intValue (suffixes like 10u64 accepted, text keeps the suffix)
    FloatLit,       ///< floatValue
    BoolLit,        ///< boolValue
    StrLit,         ///< text (escapes processed)
    CharLit,        ///< text (one character)
    Path,           ///< path: {"thread","sleep"}, {"x"}, {"Duration","from_secs"}; generic args dropped
    Unary,          ///< op: "-", "!", "*" (deref), "&", "&mut", "&raw const", "&raw mut"; args[0]
    Binary,         ///< op: + - * / % == != < <= > >= && || & | ^ << >>; args[0], args[1]
    Assign,         ///< args[0] = args[1]
    CompoundAssign, ///< op: "+=" etc; args[0], args[1]
    Cast,           ///< args[0] as `text`
    Call,           ///< args[0] is the callee; args[1..] the arguments
    MethodCall,     ///< args[0] receiver; text = method name; args[1..] arguments
    Field,          ///< args[0].text
    TupleIndex,     ///< args[0].intValue
    Index,          ///< args[0][args[1]]
    Await,          ///< args[0].await
    Try,            ///< args[0]?
    Tuple,          ///< (a, b); () is a Tuple with no args
    Array,          ///< [a, b, c]
    ArrayRepeat,    ///< [args[0]; args[1]]
    Range,          ///< args[0]..args[1] (either may be null); boolValue = inclusive (..=)
    Block,          ///< block
    Unsafe,         ///< unsafe { block }
    AsyncBlock,     ///< async [move] { block }; isMove
    If,             ///< if args[0] block else elseExpr (elseExpr may be an If or Block expr, or null)
    IfLet,          ///< if let pattern = args[0] block else elseExpr
    While,          ///< while args[0] block; label
    WhileLet,       ///< while let pattern = args[0] block; label
    Loop,           ///< loop block; label
    For,            ///< for pattern in args[0] block; label
    Break,          ///< break ['label] [args[0]]
    Continue,       ///< continue ['label]
    Return,         ///< return [args[0]]
    Closure,        ///< [move] |params| body (args[0]); isMove; isAsync for `async move |x|`
    StructLit,      ///< path { fields, ..args[0]? }
    Match,          ///< match args[0] { arms }
    MacroFormat,    ///< println!/print!/eprintln!/eprint!/format!/panic!/write!/writeln!: text = name; format
    MacroList,   ///< vec!/join!/try_join!/assert!/assert_eq!/assert_ne!/pin!/matches!/todo!/unreachable!: text = name;
                 ///< args
    MacroSelect, ///< select! / tokio::select! / futures::select!: selectBranches, elseBody, biased
    Let,         ///< only as the condition of `if let` chains is not supported; unused by the parser
};

struct Expr {
    ExprKind kind = ExprKind::Tuple;
    SourceLoc loc;
    std::int64_t intValue = 0;
    double floatValue = 0;
    bool boolValue = false;
    std::string text;
    std::vector<std::string> path;
    std::vector<ExprPtr> args;
    std::unique_ptr<Block> block;
    ExprPtr elseExpr;
    Pattern pattern;
    std::vector<Param> params; ///< Closure
    std::string returnType;    ///< Closure `-> T`
    bool isMove = false;
    bool isAsync = false;
    std::string label; ///< loops, break, continue: "'outer" or empty
    std::vector<MatchArm> arms;
    std::vector<FieldInit> fields;
    std::unique_ptr<FormatArgs> format;
    std::vector<SelectBranch> selectBranches;
    ExprPtr elseBody; ///< select!'s `else => ..`
    bool biased = false;
    std::string macroPath; ///< the macro as written, e.g. "tokio::join" or "futures::join"
    SourceLoc nameLoc;     ///< MethodCall / Field: where the name after the `.` starts
};

struct Stmt {
    enum class Kind { Let, Expr, Item, Empty };
    Kind kind = Kind::Empty;
    SourceLoc loc;
    // Let
    Pattern pattern;
    std::string type;                 ///< as written, may be empty
    ExprPtr init;                     ///< may be null (`let x;`)
    std::unique_ptr<Block> elseBlock; ///< let-else
    // Expr
    ExprPtr expr;
    bool hasSemicolon = false;
    // Item: a nested fn/struct/use inside a block
    std::shared_ptr<struct Item> item;
};

struct Block {
    SourceLoc loc;
    SourceLoc endLoc; ///< the closing brace
    std::vector<Stmt> stmts;
    ExprPtr tail; ///< the final expression without a semicolon, may be null
};

struct Attribute {
    SourceLoc loc;
    std::vector<std::string> path; ///< {"tokio","main"}, {"pinwheel"}, {"derive"}
    /// `key = value` pairs; a bare word is stored with an empty value; values keep their
    /// text without quotes, e.g. {"flavor","current_thread"}, {"worker_threads","1"}.
    std::vector<std::pair<std::string, std::string>> args;
};

struct FnDecl {
    std::string name;
    SourceLoc loc;
    SourceLoc nameLoc;
    bool isAsync = false;
    bool isUnsafe = false;
    /// "self", "&self", "&mut self", "mut self", "self: Pin<&mut Self>" ... or empty (no receiver)
    std::string selfParam;
    std::vector<Param> params;
    std::string returnType;
    std::unique_ptr<Block> body;
    std::vector<Attribute> attrs;
    std::string doc; ///< `///` lines joined with '\n'
};

struct Item {
    enum class Kind { Use, Const, Static, Fn, Struct, Enum, Impl, TypeAlias, Trait, Mod };
    Kind kind = Kind::Fn;
    SourceLoc loc;
    std::string name;
    std::vector<Attribute> attrs;
    std::string doc;
    // Use: each imported path, e.g. {"tokio","time","sleep"}, and the local name it binds
    // (`use a::b as c;` binds c; `use std::sync::{Arc, Mutex};` gives two entries; globs are
    // stored with local name "*").
    std::vector<std::pair<std::vector<std::string>, std::string>> uses;
    // Const / Static
    std::string type;
    ExprPtr value;
    bool isMut = false;
    // Fn
    std::shared_ptr<FnDecl> fn;
    // Struct: named fields (name, type) or tuple fields (name "0", "1"...)
    std::vector<std::pair<std::string, std::string>> fields;
    bool tupleStruct = false;
    // Enum: variants, each with tuple field types (empty for unit variants)
    std::vector<std::pair<std::string, std::vector<std::string>>> variants;
    // Impl: `impl Trait for Type` (traitName may be empty) with its fns and `type X = ..;`
    std::string traitName;
    std::string selfType;
    std::vector<std::shared_ptr<FnDecl>> methods;
    std::vector<std::pair<std::string, std::string>> assocTypes;
};

struct Program {
    std::string fileName;
    std::string source;
    std::string innerDoc; ///< `//!` lines, joined with '\n' (the title is the first line)
    std::vector<std::shared_ptr<Item>> items;
};

} // namespace pw::lang
