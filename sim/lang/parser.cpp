// The parser of scenario scripts: tokens to the syntax tree of ast.h.
//
// A hand-written recursive-descent parser with a Pratt loop for binary operators, following
// rustc's rules where they matter for book code: block-like expressions (`if`, `match`,
// loops, blocks, `select! { }`) end a statement without `;` and end a match arm without `,`;
// struct literals are not allowed where a block must follow (`if x == Foo { .. }`); `>>` is
// split when it closes two generic lists. Types are rendered as normalized text (lifetimes
// other than 'static are dropped).
//
// Errors: the first error in an item throws a ParseError that the item loop catches; parsing
// resumes at the next item keyword at bracket depth 0 (at most 20 errors). Brackets are checked
// for balance before parsing, so recovery can trust the bracket depth. Every loop consumes a
// token or leaves, and a depth guard caps recursion, so any input terminates.
#include "parser.h"

#include "lexer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <exception>

namespace pw::lang {

namespace {

constexpr int kMaxDepth = 200;
constexpr std::size_t kMaxErrors = 20;

constexpr std::array<std::string_view, 8> kFormatMacros = {"println", "print", "eprintln", "eprint",
                                                           "format",  "panic", "write",    "writeln"};
constexpr std::array<std::string_view, 15> kListMacros = {"vec",
                                                          "join",
                                                          "try_join",
                                                          "assert",
                                                          "assert_eq",
                                                          "assert_ne",
                                                          "debug_assert",
                                                          "debug_assert_eq",
                                                          "debug_assert_ne",
                                                          "pin",
                                                          "pin_mut",
                                                          "matches",
                                                          "todo",
                                                          "unreachable",
                                                          "unimplemented"};
constexpr std::string_view kSupportedMacros =
    "println!, print!, eprintln!, eprint!, format!, panic!, write!, writeln!, vec!, join!, "
    "try_join!, select!, assert!, assert_eq!, assert_ne!, pin!, pin_mut!, matches!, todo!, "
    "unreachable!, unimplemented!";

struct ParseError {
    Diagnostic diag;
};

template <std::size_t N> bool contains(const std::array<std::string_view, N>& list, std::string_view word)
{
    return std::find(list.begin(), list.end(), word) != list.end();
}

std::string join(const std::vector<std::string>& parts, std::string_view sep)
{
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0)
            out += sep;
        out += parts[i];
    }
    return out;
}

std::string locText(SourceLoc loc)
{
    return std::to_string(loc.line) + ":" + std::to_string(loc.col);
}

ExprPtr makeExpr(ExprKind kind, SourceLoc loc)
{
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->loc = loc;
    return e;
}

bool isBlockLikeKind(ExprKind k)
{
    switch (k) {
    case ExprKind::Block:
    case ExprKind::Unsafe:
    case ExprKind::If:
    case ExprKind::IfLet:
    case ExprKind::While:
    case ExprKind::WhileLet:
    case ExprKind::Loop:
    case ExprKind::For:
    case ExprKind::Match:
    case ExprKind::MacroFormat:
    case ExprKind::MacroList:
    case ExprKind::MacroSelect:
        return true;
    default:
        return false;
    }
}

/// Binding power of a binary operator token, 0 when it is not one.
int binaryPower(const Token& t)
{
    if (t.kind != TokenKind::Punct)
        return 0;
    const std::string& s = t.text;
    if (s == "||")
        return 3;
    if (s == "&&")
        return 4;
    if (s == "==" || s == "!=" || s == "<" || s == ">" || s == "<=" || s == ">=")
        return 5;
    if (s == "|")
        return 6;
    if (s == "^")
        return 7;
    if (s == "&")
        return 8;
    if (s == "<<" || s == ">>")
        return 9;
    if (s == "+" || s == "-")
        return 10;
    if (s == "*" || s == "/" || s == "%")
        return 11;
    return 0;
}

constexpr int kAssignPower = 1;
constexpr int kRangePower = 2;
constexpr int kComparePower = 5;
constexpr int kCastPower = 12;

bool isAssignOp(const Token& t)
{
    static constexpr std::array<std::string_view, 11> ops = {
        "=", "+=", "-=", "*=", "/=", "%=", "^=", "&=", "|=", "<<=", ">>="};
    return t.kind == TokenKind::Punct && contains(ops, t.text);
}

// --- bracket balance ---------------------------------------------------------------------

/// Checks ( [ { nesting over the whole file and records each token's bracket depth.
std::vector<Diagnostic> checkDelimiters(const std::string& file, const std::vector<Token>& toks,
                                        std::vector<int>& bracketDepth)
{
    std::vector<Diagnostic> errors;
    std::vector<std::size_t> open;
    int depth = 0;
    bracketDepth.assign(toks.size(), 0);
    auto fail = [&](const Token& at, std::string message) {
        Diagnostic d;
        d.file = file;
        d.loc = at.loc;
        d.message = std::move(message);
        d.length = at.length;
        errors.push_back(std::move(d));
    };
    for (std::size_t i = 0; i < toks.size(); ++i) {
        const Token& t = toks[i];
        bracketDepth[i] = depth;
        if (t.kind == TokenKind::Eof) {
            if (!open.empty()) {
                const Token& o = toks[open.back()];
                const char closer = o.text == "(" ? ')' : (o.text == "[" ? ']' : '}');
                fail(o, "unclosed `" + o.text + "`: expected a matching `" + std::string(1, closer) +
                            "`, found end of file");
            }
            break;
        }
        if (t.kind != TokenKind::Punct)
            continue;
        if (t.text == "(" || t.text == "[" || t.text == "{") {
            open.push_back(i);
            ++depth;
        } else if (t.text == ")" || t.text == "]" || t.text == "}") {
            const std::string opener = t.text == ")" ? "(" : (t.text == "]" ? "[" : "{");
            if (open.empty()) {
                fail(t, "unexpected closing `" + t.text + "`: there is no open `" + opener + "` to close");
                break;
            }
            const Token& o = toks[open.back()];
            if (o.text != opener) {
                const std::string expected = o.text == "(" ? ")" : (o.text == "[" ? "]" : "}");
                fail(t, "mismatched closing delimiter: found `" + t.text + "`, expected `" + expected +
                            "` to close the `" + o.text + "` at " + locText(o.loc));
                break;
            }
            open.pop_back();
            --depth;
            bracketDepth[i] = depth;
        }
    }
    return errors;
}

// --- the parser ----------------------------------------------------------------------------

class Parser {
public:
    Parser(const std::string& file, std::vector<Token> tokens, std::vector<int> bracketDepth)
        : file_(file), toks_(std::move(tokens)), bracketDepth_(std::move(bracketDepth))
    {
    }

    void parseFile(Program& program);
    std::vector<Diagnostic> errors;

private:
    struct ItemHeader {
        SourceLoc loc;
        std::string doc;
        std::vector<Attribute> attrs;
    };

    class DepthGuard {
    public:
        explicit DepthGuard(Parser& p) : p_(p)
        {
            if (++p_.depth_ > kMaxDepth)
                p_.fail(p_.peek(), "nesting is too deep (more than " + std::to_string(kMaxDepth) +
                                       " levels of brackets, blocks or operators); split it into smaller parts");
        }
        ~DepthGuard() { --p_.depth_; }
        DepthGuard(const DepthGuard&) = delete;
        DepthGuard& operator=(const DepthGuard&) = delete;

    private:
        Parser& p_;
    };

    const std::string& file_;
    std::vector<Token> toks_;
    std::vector<int> bracketDepth_;
    std::size_t pos_ = 0;
    int depth_ = 0;

    // --- token helpers ---
    const Token& peek(std::size_t ahead = 0) const { return toks_[std::min(pos_ + ahead, toks_.size() - 1)]; }
    const Token& prev() const { return toks_[pos_ > 0 ? pos_ - 1 : 0]; }
    bool at(std::string_view p) const { return peek().is(p); }
    bool atEof() const { return peek().kind == TokenKind::Eof; }
    bool atWord(std::string_view w) const { return peek().kind == TokenKind::Ident && peek().text == w; }
    const Token& next()
    {
        const Token& t = toks_[std::min(pos_, toks_.size() - 1)];
        if (pos_ < toks_.size() - 1)
            ++pos_;
        return t;
    }
    bool eat(std::string_view p)
    {
        if (!at(p))
            return false;
        next();
        return true;
    }
    /// Consumes the first character of a two-character token (`&&`, `>>`, `>=`, `>>=`).
    void splitFirst()
    {
        Token& t = toks_[pos_];
        t.text.erase(0, 1);
        t.loc.col += 1;
        t.loc.offset += 1;
        t.length = std::max(1, t.length - 1);
    }

    [[noreturn]] void fail(const Token& at, std::string message) const
    {
        Diagnostic d;
        d.file = file_;
        d.loc = at.loc;
        d.message = std::move(message);
        d.length = at.kind == TokenKind::Eof ? 1 : at.length;
        throw ParseError{std::move(d)};
    }
    [[noreturn]] void unexpected(const std::string& expected) const
    {
        fail(peek(), "expected " + expected + ", found " + describeToken(peek()));
    }
    const Token& expect(std::string_view p, const std::string& context = {})
    {
        if (!at(p))
            unexpected("`" + std::string(p) + "`" + (context.empty() ? "" : " " + context));
        return next();
    }
    /// `;` ending something that started on `line`; the error names that line, since the
    /// offending token is often on the next one.
    void expectSemicolon(const std::string& what, int line)
    {
        if (!eat(";"))
            fail(peek(), "expected `;` after " + what + " on line " + std::to_string(line) + ", found " +
                             describeToken(peek()));
    }
    std::string expectIdent(const std::string& what)
    {
        if (peek().kind != TokenKind::Ident)
            unexpected(what);
        return next().text;
    }
    bool eatGt();
    void expectGt();

    // --- items ---
    void recover(std::size_t itemStart);
    bool isItemStartToken(std::size_t index) const;
    ItemHeader parseItemHeader();
    void parseAttributes(std::vector<Attribute>* out, std::string* doc);
    Attribute parseAttribute();
    std::string attributeValue();
    std::string rawTokensUntilClose();
    void skipVisibility();
    bool atItemStart() const;
    std::shared_ptr<Item> parseItem(ItemHeader header);
    void parseUseTree(std::vector<std::string> prefix, Item& item);
    void parseConstOrStatic(Item& item);
    std::shared_ptr<FnDecl> parseFn(ItemHeader header);
    bool atSelfParam() const;
    std::string parseSelfParam();
    void parseStruct(Item& item);
    void parseEnum(Item& item);
    void parseImpl(Item& item);
    void skipGenerics();
    void skipWhere();

    // --- types ---
    std::string parseType(bool allowPlus = true);
    std::string parseTypePath();
    std::string parseGenericArgs();
    std::string parseBound();
    std::string parseBounds(const std::string& keyword, bool allowPlus);
    std::string parseFnPointer();

    // --- patterns ---
    Pattern parsePattern();
    std::vector<Pattern> parseOrPatterns();
    Pattern parseSinglePattern(const std::string& where);
    void parsePatternList(std::string_view close, std::vector<Pattern>& out);
    void parseStructPattern(Pattern& p);
    ExprPtr parseLiteral();

    // --- statements and blocks ---
    std::unique_ptr<Block> parseBlock();
    void parseStatement(Block& block);
    void parseLet(Block& block);
    bool atBlockLikeStart() const;
    bool atBraceMacroStart() const;
    ExprPtr parseBlockLike();
    ExprPtr parseStatementLikeExpr();

    // --- expressions ---
    ExprPtr parseExpr(bool noStruct = false) { return parseExprBP(0, noStruct); }
    ExprPtr parseExprBP(int minPower, bool noStruct);
    ExprPtr parseInfix(ExprPtr lhs, int minPower, bool noStruct);
    ExprPtr parseUnary(bool noStruct);
    ExprPtr parsePostfix(ExprPtr e);
    ExprPtr parsePrimary(bool noStruct);
    bool canStartExpr(const Token& t, bool noStruct) const;
    ExprPtr parsePathExpr(bool noStruct);
    void parseCallArgs(Expr& call);
    ExprPtr parseStructLit(ExprPtr path);
    ExprPtr parseParenOrTuple();
    ExprPtr parseArray();
    ExprPtr parseClosure(SourceLoc loc, bool isMove, bool isAsync, bool noStruct);
    ExprPtr parseAsync(bool noStruct);
    ExprPtr parseIf();
    ExprPtr parseScrutinee(const std::string& construct);
    ExprPtr parseMatch();
    ExprPtr parseLoopLike(std::string label);
    ExprPtr parseLabeled();
    ExprPtr parseJump(bool noStruct);

    // --- macros ---
    ExprPtr parseMacro(ExprPtr path);
    void parseFormatMacro(Expr& e, std::string_view close);
    void parseListMacro(Expr& e, std::string_view close);
    void parseSelectMacro(Expr& e, std::string_view close);
    void expectClose(std::string_view close, const Expr& macro);
};

// --- items -----------------------------------------------------------------------------------

void Parser::parseFile(Program& program)
{
    while (!atEof() && errors.size() < kMaxErrors) {
        const std::size_t start = pos_;
        try {
            if (at("#") && peek(1).is("!")) {
                parseAttributes(nullptr, nullptr);
                continue;
            }
            ItemHeader header = parseItemHeader();
            program.items.push_back(parseItem(std::move(header)));
        } catch (const ParseError& e) {
            // The same error twice means recovery restarted on the failing token: step past it.
            const bool repeated = !errors.empty() && errors.back().loc.offset == e.diag.loc.offset &&
                                  errors.back().message == e.diag.message;
            if (repeated)
                next();
            else
                errors.push_back(e.diag);
            depth_ = 0;
            recover(start);
        }
    }
}

bool Parser::isItemStartToken(std::size_t i) const
{
    const Token& t = toks_[i];
    const Token& after = toks_[std::min(i + 1, toks_.size() - 1)];
    if (t.kind == TokenKind::Punct)
        return t.text == "#" && (after.is("[") || after.is("!"));
    if (t.kind != TokenKind::Keyword)
        return false;
    if (t.text == "async" || t.text == "unsafe")
        return after.is("fn") || after.is("impl") || after.is("unsafe");
    if (t.text == "const" || t.text == "type")
        return after.kind == TokenKind::Ident || after.is("fn");
    static constexpr std::array<std::string_view, 10> starts = {"fn",     "struct", "enum",  "impl", "use",
                                                                "static", "pub",    "trait", "mod",  "extern"};
    return contains(starts, t.text);
}

/// Skips to the next item keyword at bracket depth 0 after the failed item's first token.
void Parser::recover(std::size_t itemStart)
{
    std::size_t i = std::max(pos_, itemStart + 1);
    while (i < toks_.size() - 1 && !(bracketDepth_[i] == 0 && isItemStartToken(i)))
        ++i;
    pos_ = std::min(i, toks_.size() - 1);
}

Parser::ItemHeader Parser::parseItemHeader()
{
    ItemHeader h;
    h.doc = peek().doc;
    parseAttributes(&h.attrs, &h.doc);
    h.loc = peek().loc;
    return h;
}

/// Parses `#[..]` and `#![..]` attributes; inner ones and those with out == nullptr are dropped.
void Parser::parseAttributes(std::vector<Attribute>* out, std::string* doc)
{
    while (at("#")) {
        const bool inner = peek(1).is("!");
        next();
        if (inner)
            next();
        Attribute a = parseAttribute();
        if (out && !inner)
            out->push_back(std::move(a));
        if (doc && !peek().doc.empty())
            *doc += (doc->empty() ? "" : "\n") + peek().doc;
    }
}

Attribute Parser::parseAttribute()
{
    Attribute a;
    a.loc = prev().loc;
    expect("[", "to start an attribute `#[...]`");
    do {
        if (peek().kind != TokenKind::Ident && peek().kind != TokenKind::Keyword)
            unexpected("an attribute name such as `tokio::main` or `derive`");
        a.path.push_back(next().text);
    } while (eat("::"));
    if (eat("=")) {
        a.args.emplace_back("", attributeValue());
    } else if (eat("(")) {
        while (!at(")")) {
            if (peek().kind != TokenKind::Ident && peek().kind != TokenKind::Keyword) {
                a.args.emplace_back(attributeValue(), "");
            } else {
                std::string key = next().text;
                while (eat("::"))
                    key += "::" + expectIdent("a name after `::`");
                if (eat("="))
                    a.args.emplace_back(key, attributeValue());
                else if (eat("("))
                    a.args.emplace_back(key + "(" + rawTokensUntilClose() + ")", "");
                else
                    a.args.emplace_back(key, "");
            }
            if (!eat(","))
                break;
        }
        expect(")", "to close the attribute arguments");
    }
    expect("]", "to close the attribute");
    return a;
}

std::string Parser::attributeValue()
{
    const Token& t = peek();
    switch (t.kind) {
    case TokenKind::Str:
        return next().value;
    case TokenKind::Int:
    case TokenKind::Float:
    case TokenKind::Ident:
    case TokenKind::Keyword:
        return next().text;
    case TokenKind::Punct:
        if (t.text == "-" && (peek(1).kind == TokenKind::Int || peek(1).kind == TokenKind::Float)) {
            next();
            return "-" + next().text;
        }
        break;
    default:
        break;
    }
    unexpected("an attribute value (a string, number or name)");
}

/// After an opening `(`: the tokens up to the matching `)` (consumed), joined with spaces.
std::string Parser::rawTokensUntilClose()
{
    std::vector<std::string> parts;
    int depth = 1;
    while (!atEof()) {
        if (at("("))
            ++depth;
        if (at(")") && --depth == 0) {
            next();
            return join(parts, " ");
        }
        parts.push_back(next().text);
    }
    unexpected("`)`");
}

void Parser::skipVisibility()
{
    if (!eat("pub"))
        return;
    if (at("(") && (peek(1).is("crate") || peek(1).is("super") || peek(1).is("self") || peek(1).is("in"))) {
        next();
        while (!at(")") && !atEof())
            next();
        expect(")");
    }
}

std::shared_ptr<Item> Parser::parseItem(ItemHeader header)
{
    auto item = std::make_shared<Item>();
    item->loc = header.loc;
    item->attrs = header.attrs;
    item->doc = header.doc;
    skipVisibility();
    const Token& t = peek();
    if (t.is("use")) {
        item->kind = Item::Kind::Use;
        next();
        parseUseTree({}, *item);
        expectSemicolon("the `use` declaration", item->loc.line);
    } else if (t.is("static") ||
               (t.is("const") && !peek(1).is("fn") && !peek(1).is("unsafe") && !peek(1).is("async"))) {
        parseConstOrStatic(*item);
    } else if (t.is("fn") || t.is("async") || t.is("const") || t.is("extern") ||
               (t.is("unsafe") && !peek(1).is("impl"))) {
        item->kind = Item::Kind::Fn;
        item->fn = parseFn(std::move(header));
        item->name = item->fn->name;
    } else if (t.is("struct")) {
        parseStruct(*item);
    } else if (t.is("enum")) {
        parseEnum(*item);
    } else if (t.is("impl") || t.is("unsafe")) {
        parseImpl(*item);
    } else if (t.is("type")) {
        item->kind = Item::Kind::TypeAlias;
        next();
        item->name = expectIdent("a type name after `type`");
        if (at("<"))
            skipGenerics();
        skipWhere();
        expect("=", "in the type alias");
        item->type = parseType();
        expectSemicolon("the type alias", item->loc.line);
    } else if (t.is("trait")) {
        fail(t, "`trait` definitions are not supported; a scenario can implement the built-in traits "
                "(`impl Future for T`, `impl Wake for T`) but not declare new ones");
    } else if (t.is("mod")) {
        fail(t, "`mod` is not supported; a scenario is one file, so put the items at the top level");
    } else if (t.kind == TokenKind::Ident && peek(1).is("!")) {
        fail(t, "macro `" + t.text +
                    "!` is not supported as an item; items are fn, struct, enum, impl, use, const, static and type");
    } else {
        const bool looksLikeStatement = t.is("let") || t.kind == TokenKind::Ident;
        fail(t, "expected an item (`fn`, `async fn`, `struct`, `enum`, `impl`, `use`, `const`, `static` or `type`), "
                "found " +
                    describeToken(t) +
                    (looksLikeStatement ? "; statements belong inside a fn body such as `fn main() { ... }`" : ""));
    }
    return item;
}

void Parser::parseUseTree(std::vector<std::string> prefix, Item& item)
{
    DepthGuard guard(*this);
    eat("::");
    if (eat("{")) {
        while (!at("}")) {
            parseUseTree(prefix, item);
            if (!eat(","))
                break;
        }
        expect("}", "to close the `use` group");
        return;
    }
    while (true) {
        if (eat("*")) {
            item.uses.emplace_back(prefix, "*");
            return;
        }
        const Token& t = peek();
        if (t.kind != TokenKind::Ident && !t.is("self") && !t.is("super") && !t.is("crate") && !t.is("Self"))
            unexpected("a path segment in `use`");
        next();
        if (t.text == "self" && !prefix.empty() && !at("::")) {
            std::string local = prefix.back();
            if (eat("as"))
                local = expectIdent("a name after `as`");
            item.uses.emplace_back(prefix, local);
            return;
        }
        prefix.push_back(t.text);
        if (eat("::")) {
            if (at("{")) {
                parseUseTree(prefix, item);
                return;
            }
            continue;
        }
        std::string local = prefix.back();
        if (eat("as"))
            local = expectIdent("a name after `as`");
        item.uses.emplace_back(prefix, local);
        return;
    }
}

void Parser::parseConstOrStatic(Item& item)
{
    const bool isStatic = next().is("static");
    item.kind = isStatic ? Item::Kind::Static : Item::Kind::Const;
    if (isStatic && eat("mut"))
        item.isMut = true;
    item.name = expectIdent(std::string("a name after `") + (isStatic ? "static" : "const") + "`");
    expect(":", "and a type after the name (`const NAME: u64 = 10;`)");
    item.type = parseType();
    expect("=", "and a value");
    item.value = parseExpr();
    expectSemicolon(std::string("the `") + (isStatic ? "static" : "const") + "` item", item.loc.line);
}

std::shared_ptr<FnDecl> Parser::parseFn(ItemHeader header)
{
    auto fn = std::make_shared<FnDecl>();
    fn->loc = header.loc;
    fn->attrs = std::move(header.attrs);
    fn->doc = std::move(header.doc);
    while (!at("fn")) {
        if (eat("async")) {
            fn->isAsync = true;
        } else if (eat("unsafe")) {
            fn->isUnsafe = true;
        } else if (eat("const")) {
        } else if (eat("extern")) {
            if (peek().kind == TokenKind::Str)
                next();
        } else {
            unexpected("`fn`");
        }
    }
    next();
    fn->nameLoc = peek().loc;
    fn->name = expectIdent("a function name after `fn`");
    if (at("<"))
        skipGenerics();
    expect("(", "to start the parameter list");
    if (atSelfParam()) {
        fn->selfParam = parseSelfParam();
        if (!at(")"))
            expect(",", "after the `self` parameter");
    }
    while (!at(")")) {
        parseAttributes(nullptr, nullptr);
        if (at(")"))
            break;
        Param param;
        param.pattern = parsePattern();
        expect(":", "and a type after the parameter name");
        param.type = parseType();
        fn->params.push_back(std::move(param));
        if (!eat(","))
            break;
    }
    expect(")", "to close the parameter list");
    if (eat("->"))
        fn->returnType = parseType();
    skipWhere();
    if (at(";"))
        fail(peek(), "expected a function body `{ ... }`, found `;`; body-less declarations belong to traits, which "
                     "are not supported");
    if (!at("{"))
        unexpected("`{` to start the body of `" + fn->name + "`");
    fn->body = parseBlock();
    return fn;
}

bool Parser::atSelfParam() const
{
    if (at("self"))
        return true;
    if (at("mut"))
        return peek(1).is("self");
    if (!at("&"))
        return false;
    std::size_t i = 1;
    if (peek(i).kind == TokenKind::Lifetime)
        ++i;
    if (peek(i).is("mut"))
        ++i;
    return peek(i).is("self");
}

std::string Parser::parseSelfParam()
{
    std::string text;
    if (eat("&")) {
        text = "&";
        if (peek().kind == TokenKind::Lifetime)
            next();
        if (eat("mut"))
            text += "mut ";
        next(); // self
        return text + "self";
    }
    if (eat("mut"))
        text = "mut ";
    next(); // self
    text += "self";
    if (eat(":"))
        text += ": " + parseType();
    return text;
}

void Parser::skipGenerics()
{
    int depth = 0;
    do {
        const Token& t = peek();
        if (t.kind == TokenKind::Eof)
            unexpected("`>` to close the generic parameters");
        if (t.is("<"))
            ++depth;
        else if (t.is("<<"))
            depth += 2;
        else if (t.is(">"))
            --depth;
        else if (t.is(">>"))
            depth -= 2;
        else if (t.is("{") || t.is(";"))
            unexpected("`>` to close the generic parameters");
        next();
    } while (depth > 0);
}

void Parser::skipWhere()
{
    if (!eat("where"))
        return;
    int parens = 0;
    int angles = 0;
    while (!atEof()) {
        if (parens == 0 && angles <= 0 && (at("{") || at(";") || at("=")))
            return;
        if (at("(") || at("["))
            ++parens;
        else if (at(")") || at("]"))
            --parens;
        else if (at("<"))
            ++angles;
        else if (at(">"))
            --angles;
        else if (at(">>"))
            angles -= 2;
        next();
    }
    unexpected("`{` after the `where` clause");
}

void Parser::parseStruct(Item& item)
{
    item.kind = Item::Kind::Struct;
    next();
    item.name = expectIdent("a struct name after `struct`");
    if (at("<"))
        skipGenerics();
    skipWhere();
    if (eat(";"))
        return;
    if (eat("(")) {
        item.tupleStruct = true;
        while (!at(")")) {
            parseAttributes(nullptr, nullptr);
            skipVisibility();
            item.fields.emplace_back(std::to_string(item.fields.size()), parseType());
            if (!eat(","))
                break;
        }
        expect(")", "to close the tuple struct fields");
        skipWhere();
        expectSemicolon("the tuple struct", item.loc.line);
        return;
    }
    expect("{", "or `(` or `;` after the struct name");
    while (!at("}")) {
        parseAttributes(nullptr, nullptr);
        skipVisibility();
        std::string name = expectIdent("a field name");
        expect(":", "and a type after the field name");
        item.fields.emplace_back(std::move(name), parseType());
        if (!eat(","))
            break;
    }
    expect("}", "to close the struct fields");
}

void Parser::parseEnum(Item& item)
{
    item.kind = Item::Kind::Enum;
    next();
    item.name = expectIdent("an enum name after `enum`");
    if (at("<"))
        skipGenerics();
    skipWhere();
    expect("{", "to start the enum variants");
    while (!at("}")) {
        parseAttributes(nullptr, nullptr);
        std::string name = expectIdent("a variant name");
        std::vector<std::string> types;
        if (eat("(")) {
            while (!at(")")) {
                types.push_back(parseType());
                if (!eat(","))
                    break;
            }
            expect(")", "to close the variant fields");
        } else if (at("{")) {
            fail(peek(), "struct-like enum variants (`" + name +
                             " { .. }`) are not supported; "
                             "use a tuple variant `" +
                             name + "(T, U)` or a unit variant");
        }
        if (eat("="))
            parseExpr();
        item.variants.emplace_back(std::move(name), std::move(types));
        if (!eat(","))
            break;
    }
    expect("}", "to close the enum variants");
}

void Parser::parseImpl(Item& item)
{
    item.kind = Item::Kind::Impl;
    eat("unsafe");
    expect("impl");
    if (at("<"))
        skipGenerics();
    if (at("!"))
        fail(peek(), "negative impls (`impl !Trait for T`) are not supported");
    std::string first = parseType(false);
    if (eat("for")) {
        item.traitName = std::move(first);
        item.selfType = parseType(false);
    } else {
        item.selfType = std::move(first);
    }
    item.name = item.selfType;
    skipWhere();
    expect("{", "to start the impl block");
    while (!at("}")) {
        if (atEof())
            unexpected("`}` to close the impl block");
        ItemHeader header = parseItemHeader();
        skipVisibility();
        if (eat("type")) {
            std::string name = expectIdent("an associated type name");
            expect("=", "in the associated type (`type Output = u32;`)");
            std::string type = parseType();
            expectSemicolon("the associated type", header.loc.line);
            item.assocTypes.emplace_back(std::move(name), std::move(type));
        } else if (at("const") && !peek(1).is("fn") && !peek(1).is("unsafe") && !peek(1).is("async")) {
            fail(peek(), "associated constants in impl blocks are not supported; use a top-level `const`");
        } else if (at("fn") || at("async") || at("unsafe") || at("const") || at("extern")) {
            item.methods.push_back(parseFn(std::move(header)));
        } else {
            unexpected("`fn` or `type` in the impl block");
        }
    }
    expect("}", "to close the impl block");
}

// --- types -----------------------------------------------------------------------------------

bool Parser::eatGt()
{
    if (at(">")) {
        next();
        return true;
    }
    if (at(">>") || at(">=") || at(">>=")) {
        splitFirst();
        return true;
    }
    return false;
}

void Parser::expectGt()
{
    if (!eatGt())
        unexpected("`>` to close the generic arguments");
}

std::string Parser::parseType(bool allowPlus)
{
    DepthGuard guard(*this);
    const Token& t = peek();
    if (t.is("(")) {
        next();
        std::vector<std::string> elems;
        bool trailingComma = false;
        while (!at(")")) {
            elems.push_back(parseType());
            trailingComma = eat(",");
            if (!trailingComma)
                break;
        }
        expect(")", "to close the tuple type");
        if (elems.size() == 1 && trailingComma)
            return "(" + elems[0] + ",)";
        return "(" + join(elems, ", ") + ")";
    }
    if (t.is("!")) {
        next();
        return "!";
    }
    if (t.is("&") || t.is("&&")) {
        if (t.is("&&"))
            splitFirst();
        else
            next();
        std::string text = "&";
        if (peek().kind == TokenKind::Lifetime) {
            if (peek().text == "'static")
                text += "'static ";
            next();
        }
        if (eat("mut"))
            text += "mut ";
        return text + parseType(allowPlus);
    }
    if (t.is("*")) {
        next();
        if (!at("const") && !at("mut"))
            unexpected("`const` or `mut` after `*` in a raw pointer type");
        std::string text = "*" + next().text + " ";
        return text + parseType(allowPlus);
    }
    if (t.is("[")) {
        next();
        std::string elem = parseType();
        if (eat(";")) {
            const std::size_t start = pos_;
            parseExpr();
            std::vector<std::string> parts;
            for (std::size_t i = start; i < pos_; ++i)
                parts.push_back(toks_[i].text);
            expect("]", "to close the array type");
            return "[" + elem + "; " + join(parts, " ") + "]";
        }
        expect("]", "to close the slice type");
        return "[" + elem + "]";
    }
    if (t.is("fn") || t.is("unsafe") || t.is("extern"))
        return parseFnPointer();
    if (t.is("impl") || t.is("dyn")) {
        const std::string keyword = next().text;
        return parseBounds(keyword, allowPlus);
    }
    if (t.is("<")) {
        next();
        std::string self = parseType();
        std::string text = "<" + self;
        if (eat("as"))
            text += " as " + parseType(false);
        expectGt();
        text += ">";
        while (eat("::"))
            text += "::" + expectIdent("an associated type name");
        return text;
    }
    if (t.kind == TokenKind::Ident && t.text == "_") {
        next();
        return "_";
    }
    if (t.kind == TokenKind::Ident || t.is("Self") || t.is("self") || t.is("super") || t.is("crate") || t.is("::"))
        return parseTypePath();
    unexpected("a type");
}

std::string Parser::parseFnPointer()
{
    std::string text;
    if (eat("unsafe"))
        text += "unsafe ";
    if (eat("extern")) {
        if (peek().kind == TokenKind::Str)
            next();
    }
    expect("fn", "in the function pointer type");
    expect("(", "after `fn` in the function pointer type");
    std::vector<std::string> params;
    while (!at(")")) {
        if (peek().kind == TokenKind::Ident && peek(1).is(":") && !peek(1).is("::")) {
            next();
            next();
        }
        params.push_back(parseType());
        if (!eat(","))
            break;
    }
    expect(")", "to close the function pointer parameters");
    text += "fn(" + join(params, ", ") + ")";
    if (eat("->"))
        text += " -> " + parseType(false);
    return text;
}

std::string Parser::parseBounds(const std::string& keyword, bool allowPlus)
{
    std::vector<std::string> bounds;
    std::string b = parseBound();
    if (!b.empty())
        bounds.push_back(std::move(b));
    while (allowPlus && eat("+")) {
        b = parseBound();
        if (!b.empty())
            bounds.push_back(std::move(b));
    }
    return keyword + " " + join(bounds, " + ");
}

std::string Parser::parseBound()
{
    if (peek().kind == TokenKind::Lifetime) {
        const std::string lt = next().text;
        return lt == "'static" ? lt : std::string();
    }
    if (eat("?"))
        return "?" + parseTypePath();
    if (eat("(")) {
        std::string inner = parseBound();
        expect(")", "to close the parenthesized bound");
        return inner;
    }
    if (at("for")) {
        next();
        if (at("<"))
            skipGenerics();
    }
    if (peek().kind != TokenKind::Ident && !at("::") && !at("Self") && !at("crate") && !at("super") && !at("self"))
        unexpected("a trait bound such as `Future<Output = ()>` or `Send`");
    return parseTypePath();
}

std::string Parser::parseTypePath()
{
    std::string text;
    if (eat("::"))
        text = "::";
    while (true) {
        const Token& seg = peek();
        if (seg.kind != TokenKind::Ident && !seg.is("Self") && !seg.is("self") && !seg.is("super") && !seg.is("crate"))
            unexpected("a type name");
        const std::string name = next().text;
        text += name;
        if (at("::") && peek(1).is("<"))
            next();
        if (at("<")) {
            text += parseGenericArgs();
        } else if ((name == "Fn" || name == "FnMut" || name == "FnOnce") && at("(")) {
            next();
            std::vector<std::string> params;
            while (!at(")")) {
                params.push_back(parseType());
                if (!eat(","))
                    break;
            }
            expect(")", "to close the closure parameter types");
            text += "(" + join(params, ", ") + ")";
            if (eat("->"))
                text += " -> " + parseType(false);
        }
        if (at("::") && (peek(1).kind == TokenKind::Ident || peek(1).is("Self"))) {
            next();
            text += "::";
            continue;
        }
        return text;
    }
}

/// At `<`: parses generic arguments and renders them, "" when only dropped lifetimes remain.
std::string Parser::parseGenericArgs()
{
    DepthGuard guard(*this);
    expect("<");
    std::vector<std::string> args;
    while (!eatGt()) {
        const Token& t = peek();
        if (t.kind == TokenKind::Lifetime) {
            if (t.text == "'static")
                args.push_back(t.text);
            next();
        } else if (t.kind == TokenKind::Ident && peek(1).is("=")) {
            std::string name = next().text;
            next();
            args.push_back(name + " = " + parseType());
        } else if (t.kind == TokenKind::Int || t.kind == TokenKind::Str || t.kind == TokenKind::Char || t.is("true") ||
                   t.is("false")) {
            args.push_back(next().text);
        } else if (t.is("{")) {
            const std::size_t start = pos_;
            parseBlock();
            std::vector<std::string> parts;
            for (std::size_t i = start; i < pos_; ++i)
                parts.push_back(toks_[i].text);
            args.push_back(join(parts, " "));
        } else {
            args.push_back(parseType());
        }
        if (!eat(",")) {
            expectGt();
            break;
        }
    }
    return args.empty() ? std::string() : "<" + join(args, ", ") + ">";
}

// --- patterns --------------------------------------------------------------------------------

ExprPtr Parser::parseLiteral()
{
    const Token& t = next();
    ExprPtr e = makeExpr(ExprKind::IntLit, t.loc);
    e->text = t.text;
    switch (t.kind) {
    case TokenKind::Int:
        e->intValue = t.intValue;
        break;
    case TokenKind::Float:
        e->kind = ExprKind::FloatLit;
        e->floatValue = t.floatValue;
        break;
    case TokenKind::Str:
        e->kind = ExprKind::StrLit;
        e->text = t.value;
        break;
    case TokenKind::Char:
        if (t.isByte) {
            e->intValue = t.value.empty() ? 0 : static_cast<unsigned char>(t.value[0]);
        } else {
            e->kind = ExprKind::CharLit;
            e->text = t.value;
        }
        break;
    default: // true / false
        e->kind = ExprKind::BoolLit;
        e->boolValue = t.text == "true";
        break;
    }
    return e;
}

std::vector<Pattern> Parser::parseOrPatterns()
{
    std::vector<Pattern> out;
    eat("|");
    out.push_back(parsePattern());
    while (eat("|"))
        out.push_back(parsePattern());
    return out;
}

Pattern Parser::parseSinglePattern(const std::string& where)
{
    eat("|");
    Pattern p = parsePattern();
    if (at("|"))
        fail(peek(), "or-patterns (`A | B`) are only supported in match arms, not in " + where + "; use `match`");
    return p;
}

void Parser::parsePatternList(std::string_view close, std::vector<Pattern>& out)
{
    while (!at(close)) {
        out.push_back(parsePattern());
        if (!eat(","))
            break;
    }
    expect(close, "to close the pattern");
}

Pattern Parser::parsePattern()
{
    DepthGuard guard(*this);
    Pattern p;
    const Token& t = peek();
    p.loc = t.loc;
    if (t.is("&") || t.is("&&")) {
        if (t.is("&&"))
            splitFirst();
        else
            next();
        eat("mut");
        return parsePattern(); // reference patterns bind like their inner pattern
    }
    if (t.is("(")) {
        next();
        bool trailingComma = false;
        while (!at(")")) {
            p.elems.push_back(parsePattern());
            trailingComma = eat(",");
            if (!trailingComma)
                break;
        }
        expect(")", "to close the tuple pattern");
        if (p.elems.size() == 1 && !trailingComma)
            return std::move(p.elems[0]);
        p.kind = Pattern::Kind::Tuple;
        return p;
    }
    if (t.is("["))
        fail(t, "slice patterns (`[a, b]`) are not supported; index the array instead");
    if (t.is("..")) {
        next();
        p.kind = Pattern::Kind::Rest;
        return p;
    }
    const bool negative = t.is("-");
    if (negative || t.kind == TokenKind::Int || t.kind == TokenKind::Float || t.kind == TokenKind::Str ||
        t.kind == TokenKind::Char || t.is("true") || t.is("false")) {
        if (negative) {
            next();
            if (peek().kind != TokenKind::Int && peek().kind != TokenKind::Float)
                unexpected("a number after `-` in the pattern");
        }
        p.kind = Pattern::Kind::Literal;
        p.literal = parseLiteral();
        if (negative) {
            p.literal->loc = p.loc;
            p.literal->intValue = -p.literal->intValue;
            p.literal->floatValue = -p.literal->floatValue;
            p.literal->text = "-" + p.literal->text;
        }
        if (at("..") || at("..=") || at("..."))
            fail(peek(), "range patterns (`1..=5`) are not supported; use a guard such as `x if (1..=5).contains(&x)`");
        return p;
    }
    if (t.is("ref") || t.is("mut")) {
        if (eat("ref"))
            p.isRef = true;
        if (eat("mut"))
            p.isMut = true;
        p.kind = Pattern::Kind::Ident;
        p.name = expectIdent("a binding name in the pattern");
        if (at("@"))
            fail(peek(), "`@` bindings are not supported in patterns");
        return p;
    }
    if (t.kind == TokenKind::Ident && t.text == "_") {
        next();
        return p;
    }
    if (t.kind != TokenKind::Ident && !t.is("Self") && !t.is("self") && !t.is("crate") && !t.is("super") && !t.is("::"))
        unexpected("a pattern");
    eat("::");
    while (true) {
        const Token& seg = peek();
        if (seg.kind != TokenKind::Ident && !seg.is("Self") && !seg.is("self") && !seg.is("crate") && !seg.is("super"))
            unexpected("a name in the pattern path");
        p.path.push_back(next().text);
        if (at("::") && peek(1).is("<")) {
            next();
            parseGenericArgs();
        }
        if (!eat("::"))
            break;
    }
    if (at("@"))
        fail(peek(), "`@` bindings are not supported in patterns");
    if (eat("(")) {
        p.kind = Pattern::Kind::TupleStruct;
        parsePatternList(")", p.elems);
    } else if (at("{")) {
        p.kind = Pattern::Kind::Struct;
        parseStructPattern(p);
    } else if (p.path.size() == 1 && (std::islower(static_cast<unsigned char>(p.path[0][0])) || p.path[0][0] == '_') &&
               p.path[0] != "self") {
        p.kind = Pattern::Kind::Ident;
        p.name = p.path[0];
        p.path.clear();
    } else {
        p.kind = Pattern::Kind::Path;
    }
    return p;
}

void Parser::parseStructPattern(Pattern& p)
{
    expect("{");
    while (!at("}")) {
        Pattern field;
        field.loc = peek().loc;
        if (eat("..")) {
            field.kind = Pattern::Kind::Rest;
            p.fieldNames.push_back("..");
            p.elems.push_back(std::move(field));
            break;
        }
        const bool isRef = eat("ref");
        const bool isMut = eat("mut");
        if (peek().kind != TokenKind::Ident && peek().kind != TokenKind::Int)
            unexpected("a field name in the struct pattern");
        const std::string name = next().text;
        if (!isRef && !isMut && eat(":")) {
            field = parsePattern();
        } else {
            field.kind = Pattern::Kind::Ident;
            field.name = name;
            field.isRef = isRef;
            field.isMut = isMut;
        }
        p.fieldNames.push_back(name);
        p.elems.push_back(std::move(field));
        if (!eat(","))
            break;
    }
    expect("}", "to close the struct pattern");
}

// --- statements and blocks -------------------------------------------------------------------

std::unique_ptr<Block> Parser::parseBlock()
{
    DepthGuard guard(*this);
    auto block = std::make_unique<Block>();
    block->loc = peek().loc;
    expect("{", "to start a block");
    while (!at("}")) {
        if (atEof())
            unexpected("`}` to close the block");
        parseStatement(*block);
    }
    block->endLoc = peek().loc;
    next();
    if (!block->stmts.empty()) {
        Stmt& last = block->stmts.back();
        if (last.kind == Stmt::Kind::Expr && !last.hasSemicolon) {
            block->tail = std::move(last.expr);
            block->stmts.pop_back();
        }
    }
    return block;
}

bool Parser::atItemStart() const
{
    const Token& t = peek();
    if (t.is("fn") || t.is("struct") || t.is("enum") || t.is("impl") || t.is("use") || t.is("static") ||
        t.is("trait") || t.is("mod") || t.is("pub") || t.is("extern"))
        return true;
    if (t.is("const"))
        return peek(1).kind == TokenKind::Ident || peek(1).is("fn") || peek(1).is("unsafe") || peek(1).is("async");
    if (t.is("type"))
        return peek(1).kind == TokenKind::Ident;
    if (t.is("async"))
        return peek(1).is("fn") || (peek(1).is("unsafe") && peek(2).is("fn"));
    if (t.is("unsafe"))
        return peek(1).is("fn") || peek(1).is("impl");
    return false;
}

void Parser::parseStatement(Block& block)
{
    Stmt stmt;
    stmt.loc = peek().loc;
    if (eat(";")) {
        stmt.kind = Stmt::Kind::Empty;
        block.stmts.push_back(std::move(stmt));
        return;
    }
    ItemHeader header;
    header.doc = peek().doc;
    if (at("#")) {
        header = parseItemHeader();
        stmt.loc = header.loc;
    }
    if (at("let")) {
        parseLet(block);
        return;
    }
    if (atItemStart()) {
        header.loc = peek().loc;
        stmt.kind = Stmt::Kind::Item;
        stmt.item = parseItem(std::move(header));
        block.stmts.push_back(std::move(stmt));
        return;
    }
    stmt.kind = Stmt::Kind::Expr;
    if (atBlockLikeStart()) {
        stmt.expr = parseBlockLike();
        if (!at(".") && !at("?")) {
            stmt.hasSemicolon = eat(";");
            block.stmts.push_back(std::move(stmt));
            return;
        }
        stmt.expr = parseInfix(parsePostfix(std::move(stmt.expr)), 0, false);
    } else {
        stmt.expr = parseExpr();
    }
    if (eat(";")) {
        stmt.hasSemicolon = true;
    } else if (!at("}")) {
        expectSemicolon("the statement", prev().loc.line);
    }
    block.stmts.push_back(std::move(stmt));
}

void Parser::parseLet(Block& block)
{
    Stmt stmt;
    stmt.kind = Stmt::Kind::Let;
    stmt.loc = next().loc;
    stmt.pattern = parseSinglePattern("`let`");
    if (eat(":"))
        stmt.type = parseType();
    if (eat("="))
        stmt.init = parseExpr();
    if (stmt.init && eat("else")) {
        if (!at("{"))
            unexpected("`{` after `else` in the let-else statement");
        stmt.elseBlock = parseBlock();
    }
    expectSemicolon("the `let` statement", stmt.loc.line);
    block.stmts.push_back(std::move(stmt));
}

bool Parser::atBraceMacroStart() const
{
    std::size_t i = 0;
    if (peek(i).is("::"))
        ++i;
    while (i < 16 && peek(i).kind == TokenKind::Ident) {
        if (peek(i + 1).is("!"))
            return peek(i + 2).is("{");
        if (!peek(i + 1).is("::"))
            return false;
        i += 2;
    }
    return false;
}

bool Parser::atBlockLikeStart() const
{
    const Token& t = peek();
    if (t.is("{") || t.is("if") || t.is("match") || t.is("loop") || t.is("while") || t.is("for"))
        return true;
    if (t.is("unsafe"))
        return peek(1).is("{");
    if (t.kind == TokenKind::Lifetime)
        return peek(1).is(":");
    return atBraceMacroStart();
}

/// Parses the block-like expression at the cursor (atBlockLikeStart() is true).
ExprPtr Parser::parseBlockLike()
{
    const Token& t = peek();
    if (t.is("{")) {
        ExprPtr e = makeExpr(ExprKind::Block, t.loc);
        e->block = parseBlock();
        return e;
    }
    if (t.is("if"))
        return parseIf();
    if (t.is("match"))
        return parseMatch();
    if (t.is("loop") || t.is("while") || t.is("for"))
        return parseLoopLike({});
    if (t.is("unsafe")) {
        ExprPtr e = makeExpr(ExprKind::Unsafe, next().loc);
        e->block = parseBlock();
        return e;
    }
    if (t.kind == TokenKind::Lifetime)
        return parseLabeled();
    return parsePathExpr(false);
}

/// A match arm or select! branch body: a block-like body ends the arm, unless `.` or `?` follows.
ExprPtr Parser::parseStatementLikeExpr()
{
    if (!atBlockLikeStart())
        return parseExpr();
    ExprPtr e = parseBlockLike();
    if (at(".") || at("?"))
        e = parseInfix(parsePostfix(std::move(e)), 0, false);
    return e;
}

// --- expressions -----------------------------------------------------------------------------

ExprPtr Parser::parseExprBP(int minPower, bool noStruct)
{
    DepthGuard guard(*this);
    ExprPtr lhs = parseUnary(noStruct);
    return parseInfix(std::move(lhs), minPower, noStruct);
}

ExprPtr Parser::parseInfix(ExprPtr lhs, int minPower, bool noStruct)
{
    while (true) {
        const Token& t = peek();
        const SourceLoc loc = lhs->loc;
        if (isAssignOp(t)) {
            if (kAssignPower < minPower)
                break;
            const std::string op = next().text;
            ExprPtr e = makeExpr(op == "=" ? ExprKind::Assign : ExprKind::CompoundAssign, loc);
            if (op != "=")
                e->text = op;
            e->args.push_back(std::move(lhs));
            e->args.push_back(parseExprBP(kAssignPower, noStruct));
            lhs = std::move(e);
            continue;
        }
        if (t.is("..") || t.is("..=")) {
            if (kRangePower < minPower)
                break;
            const Token& op = next();
            ExprPtr e = makeExpr(ExprKind::Range, loc);
            e->boolValue = op.text == "..=";
            e->args.push_back(std::move(lhs));
            if (canStartExpr(peek(), noStruct))
                e->args.push_back(parseExprBP(kRangePower + 1, noStruct));
            else if (e->boolValue)
                unexpected("the end of the inclusive range `..=`");
            else
                e->args.push_back(nullptr);
            lhs = std::move(e);
            continue;
        }
        if (t.is("as")) {
            if (kCastPower < minPower)
                break;
            next();
            ExprPtr e = makeExpr(ExprKind::Cast, loc);
            e->text = parseType(false);
            e->args.push_back(std::move(lhs));
            lhs = std::move(e);
            continue;
        }
        const int power = binaryPower(t);
        if (power == 0 || power < minPower)
            break;
        ExprPtr e = makeExpr(ExprKind::Binary, loc);
        e->text = next().text;
        e->args.push_back(std::move(lhs));
        e->args.push_back(parseExprBP(power + 1, noStruct));
        if (power == kComparePower && binaryPower(peek()) == kComparePower)
            fail(peek(), "comparison operators cannot be chained; write `a < b && b < c` instead");
        lhs = std::move(e);
    }
    return lhs;
}

ExprPtr Parser::parseUnary(bool noStruct)
{
    DepthGuard guard(*this);
    const Token& t = peek();
    const SourceLoc loc = t.loc;
    if (t.is("-") || t.is("!") || t.is("*")) {
        ExprPtr e = makeExpr(ExprKind::Unary, loc);
        e->text = next().text;
        e->args.push_back(parseUnary(noStruct));
        return e;
    }
    if (t.is("&") || t.is("&&")) {
        if (t.is("&&"))
            splitFirst();
        else
            next();
        ExprPtr e = makeExpr(ExprKind::Unary, loc);
        if (atWord("raw") && (peek(1).is("const") || peek(1).is("mut"))) {
            next(); // raw
            e->text = next().text == "mut" ? "&raw mut" : "&raw const";
        } else {
            e->text = eat("mut") ? "&mut" : "&";
        }
        e->args.push_back(parseUnary(noStruct));
        return e;
    }
    return parsePostfix(parsePrimary(noStruct));
}

ExprPtr Parser::parsePostfix(ExprPtr e)
{
    while (true) {
        const SourceLoc loc = e->loc;
        if (eat("?")) {
            ExprPtr t = makeExpr(ExprKind::Try, loc);
            t->args.push_back(std::move(e));
            e = std::move(t);
        } else if (eat(".")) {
            const Token& name = peek();
            if (name.is("await")) {
                next();
                ExprPtr a = makeExpr(ExprKind::Await, loc);
                a->args.push_back(std::move(e));
                e = std::move(a);
            } else if (name.kind == TokenKind::Int) {
                if (!name.suffix.empty())
                    fail(name, "a tuple index cannot have a suffix: found `" + name.text + "`");
                ExprPtr ti = makeExpr(ExprKind::TupleIndex, loc);
                ti->intValue = next().intValue;
                ti->args.push_back(std::move(e));
                e = std::move(ti);
            } else if (name.kind == TokenKind::Ident) {
                const SourceLoc nameLoc = name.loc;
                std::string method = next().text;
                if (eat("::")) {
                    if (!at("<"))
                        unexpected("`<` after `::` in the method's generic arguments");
                    parseGenericArgs();
                    if (!at("("))
                        unexpected("`(` after the method's generic arguments");
                }
                ExprPtr m = makeExpr(at("(") ? ExprKind::MethodCall : ExprKind::Field, loc);
                m->text = std::move(method);
                m->nameLoc = nameLoc;
                m->args.push_back(std::move(e));
                if (m->kind == ExprKind::MethodCall)
                    parseCallArgs(*m);
                e = std::move(m);
            } else {
                unexpected("a field, a method, a tuple index or `await` after `.`");
            }
        } else if (at("(")) {
            ExprPtr c = makeExpr(ExprKind::Call, loc);
            c->args.push_back(std::move(e));
            parseCallArgs(*c);
            e = std::move(c);
        } else if (eat("[")) {
            ExprPtr i = makeExpr(ExprKind::Index, loc);
            i->args.push_back(std::move(e));
            i->args.push_back(parseExpr());
            expect("]", "to close the index");
            e = std::move(i);
        } else {
            return e;
        }
    }
}

void Parser::parseCallArgs(Expr& call)
{
    expect("(");
    while (!at(")")) {
        call.args.push_back(parseExpr());
        if (!eat(","))
            break;
    }
    expect(")", "to close the argument list");
}

bool Parser::canStartExpr(const Token& t, bool noStruct) const
{
    switch (t.kind) {
    case TokenKind::Int:
    case TokenKind::Float:
    case TokenKind::Str:
    case TokenKind::Char:
    case TokenKind::Ident:
    case TokenKind::Lifetime:
        return true;
    case TokenKind::Keyword: {
        static constexpr std::array<std::string_view, 17> words = {
            "true",  "false", "self",   "Self",  "super", "crate",  "if",    "match",   "loop",
            "while", "for",   "unsafe", "async", "move",  "return", "break", "continue"};
        return contains(words, t.text);
    }
    case TokenKind::Punct: {
        static constexpr std::array<std::string_view, 13> puncts = {"(", "[",  "-",  "!",   "*", "&", "&&",
                                                                    "|", "||", "..", "..=", "<", "::"};
        return contains(puncts, t.text) || (t.text == "{" && !noStruct);
    }
    case TokenKind::Eof:
        return false;
    }
    return false;
}

ExprPtr Parser::parsePrimary(bool noStruct)
{
    const Token& t = peek();
    const SourceLoc loc = t.loc;
    switch (t.kind) {
    case TokenKind::Int:
    case TokenKind::Float:
    case TokenKind::Str:
    case TokenKind::Char:
        return parseLiteral();
    case TokenKind::Lifetime:
        if (peek(1).is(":"))
            return parseLabeled();
        unexpected("an expression (a label like `" + t.text + ":` must be followed by a loop or block)");
    case TokenKind::Ident:
        return parsePathExpr(noStruct);
    case TokenKind::Eof:
        unexpected("an expression");
    case TokenKind::Keyword:
        if (t.is("true") || t.is("false"))
            return parseLiteral();
        if (t.is("self") || t.is("Self") || t.is("super") || t.is("crate"))
            return parsePathExpr(noStruct);
        if (t.is("if") || t.is("match") || t.is("loop") || t.is("while") || t.is("for") ||
            (t.is("unsafe") && peek(1).is("{")))
            return parseBlockLike();
        if (t.is("async"))
            return parseAsync(noStruct);
        if (t.is("move")) {
            next();
            if (!at("|") && !at("||"))
                unexpected("a closure `|..|` after `move`");
            return parseClosure(loc, true, false, noStruct);
        }
        if (t.is("return") || t.is("break") || t.is("continue"))
            return parseJump(noStruct);
        if (t.is("let"))
            fail(t,
                 "`let` is only allowed as a statement or in `if let` / `while let`; `let` chains are not supported");
        unexpected("an expression");
    case TokenKind::Punct:
        break;
    }
    if (t.is("("))
        return parseParenOrTuple();
    if (t.is("["))
        return parseArray();
    if (t.is("{")) {
        ExprPtr e = makeExpr(ExprKind::Block, loc);
        e->block = parseBlock();
        return e;
    }
    if (t.is("|") || t.is("||"))
        return parseClosure(loc, false, false, noStruct);
    if (t.is("..") || t.is("..=")) {
        const bool inclusive = next().text == "..=";
        ExprPtr e = makeExpr(ExprKind::Range, loc);
        e->boolValue = inclusive;
        e->args.push_back(nullptr);
        if (canStartExpr(peek(), noStruct))
            e->args.push_back(parseExprBP(kRangePower + 1, noStruct));
        else if (inclusive)
            unexpected("the end of the inclusive range `..=`");
        else
            e->args.push_back(nullptr);
        return e;
    }
    if (t.is("::"))
        return parsePathExpr(noStruct);
    if (t.is("<"))
        fail(t, "qualified paths (`<T as Trait>::item`) are not supported; call the method on a value instead");
    unexpected("an expression");
}

ExprPtr Parser::parsePathExpr(bool noStruct)
{
    ExprPtr e = makeExpr(ExprKind::Path, peek().loc);
    eat("::");
    while (true) {
        const Token& seg = peek();
        if (seg.kind != TokenKind::Ident && !seg.is("self") && !seg.is("Self") && !seg.is("super") && !seg.is("crate"))
            unexpected("a name in the path");
        e->path.push_back(next().text);
        if (at("::") && peek(1).is("<")) {
            next();
            parseGenericArgs();
        }
        if (at("::") &&
            (peek(1).kind == TokenKind::Ident || peek(1).is("Self") || peek(1).is("self") || peek(1).is("super"))) {
            next();
            continue;
        }
        if (at("::"))
            unexpected("a name after `::`");
        break;
    }
    if (at("!") && (peek(1).is("(") || peek(1).is("[") || peek(1).is("{")))
        return parseMacro(std::move(e));
    if (at("{") && !noStruct)
        return parseStructLit(std::move(e));
    return e;
}

ExprPtr Parser::parseStructLit(ExprPtr path)
{
    ExprPtr e = makeExpr(ExprKind::StructLit, path->loc);
    e->path = std::move(path->path);
    next(); // {
    while (!at("}")) {
        if (eat("..")) {
            e->args.push_back(parseExpr());
            break;
        }
        FieldInit field;
        field.loc = peek().loc;
        const Token& name = peek();
        if (name.kind != TokenKind::Ident && name.kind != TokenKind::Int)
            unexpected("a field name in the struct literal");
        next();
        field.name = name.text;
        if (eat(":")) {
            field.value = parseExpr();
        } else {
            if (name.kind == TokenKind::Int)
                unexpected("`:` after the tuple field index");
            field.value = makeExpr(ExprKind::Path, name.loc);
            field.value->path.push_back(name.text);
        }
        e->fields.push_back(std::move(field));
        if (!eat(","))
            break;
    }
    expect("}", "to close the struct literal");
    return e;
}

ExprPtr Parser::parseParenOrTuple()
{
    const SourceLoc loc = next().loc;
    ExprPtr tuple = makeExpr(ExprKind::Tuple, loc);
    if (eat(")"))
        return tuple;
    ExprPtr first = parseExpr();
    if (eat(")"))
        return first;
    expect(",", "or `)` in the parenthesized expression");
    tuple->args.push_back(std::move(first));
    while (!at(")")) {
        tuple->args.push_back(parseExpr());
        if (!eat(","))
            break;
    }
    expect(")", "to close the tuple");
    return tuple;
}

ExprPtr Parser::parseArray()
{
    const SourceLoc loc = next().loc;
    ExprPtr e = makeExpr(ExprKind::Array, loc);
    if (eat("]"))
        return e;
    e->args.push_back(parseExpr());
    if (eat(";")) {
        e->kind = ExprKind::ArrayRepeat;
        e->args.push_back(parseExpr());
        expect("]", "to close the array");
        return e;
    }
    while (eat(",")) {
        if (at("]"))
            break;
        e->args.push_back(parseExpr());
    }
    expect("]", "to close the array");
    return e;
}

ExprPtr Parser::parseClosure(SourceLoc loc, bool isMove, bool isAsync, bool noStruct)
{
    ExprPtr e = makeExpr(ExprKind::Closure, loc);
    e->isMove = isMove;
    e->isAsync = isAsync;
    if (!eat("||")) {
        expect("|", "to start the closure parameters");
        while (!at("|")) {
            Param param;
            param.pattern = parsePattern();
            if (eat(":"))
                param.type = parseType(false);
            e->params.push_back(std::move(param));
            if (!eat(","))
                break;
        }
        expect("|", "to close the closure parameters");
    }
    if (eat("->")) {
        e->returnType = parseType(false);
        if (!at("{"))
            unexpected("`{` (a closure with a return type needs a block body)");
        ExprPtr body = makeExpr(ExprKind::Block, peek().loc);
        body->block = parseBlock();
        e->args.push_back(std::move(body));
        return e;
    }
    e->args.push_back(parseExprBP(0, noStruct));
    return e;
}

ExprPtr Parser::parseAsync(bool noStruct)
{
    const SourceLoc loc = next().loc;
    const bool isMove = eat("move");
    if (at("|") || at("||"))
        return parseClosure(loc, isMove, true, noStruct);
    if (!at("{"))
        unexpected(std::string("`{` or a closure `|..|` after `async") + (isMove ? " move`" : "`"));
    ExprPtr e = makeExpr(ExprKind::AsyncBlock, loc);
    e->isMove = isMove;
    e->block = parseBlock();
    return e;
}

ExprPtr Parser::parseIf()
{
    DepthGuard guard(*this);
    ExprPtr e = makeExpr(ExprKind::If, next().loc);
    if (eat("let")) {
        e->kind = ExprKind::IfLet;
        e->pattern = parseSinglePattern("`if let`");
        expect("=", "after the `if let` pattern");
    }
    e->args.push_back(e->kind == ExprKind::IfLet ? parseScrutinee("if let") : parseExpr(true));
    if (!at("{"))
        unexpected("`{` after the `if` condition");
    e->block = parseBlock();
    if (eat("else")) {
        if (at("if")) {
            e->elseExpr = parseIf();
        } else {
            if (!at("{"))
                unexpected("`{` or `if` after `else`");
            e->elseExpr = makeExpr(ExprKind::Block, peek().loc);
            e->elseExpr->block = parseBlock();
        }
    }
    return e;
}

/// The value of `if let` / `while let`: any expression but a lazy `&&` / `||` (a let chain).
ExprPtr Parser::parseScrutinee(const std::string& construct)
{
    ExprPtr e = parseExprBP(kComparePower, true);
    if (at("&&") || at("||"))
        fail(peek(), "`" + construct + " ... " + peek().text +
                         " ...` chains are not supported; nest an `if` inside the `" + construct + "`");
    return parseInfix(std::move(e), 0, true);
}

ExprPtr Parser::parseMatch()
{
    ExprPtr e = makeExpr(ExprKind::Match, next().loc);
    e->args.push_back(parseExpr(true));
    expect("{", "after the `match` scrutinee");
    while (!at("}")) {
        parseAttributes(nullptr, nullptr);
        MatchArm arm;
        arm.loc = peek().loc;
        arm.patterns = parseOrPatterns();
        if (eat("if"))
            arm.guard = parseExpr();
        expect("=>", "after the match arm pattern");
        arm.body = parseStatementLikeExpr();
        const bool blockLike = isBlockLikeKind(arm.body->kind) && prev().is("}");
        e->arms.push_back(std::move(arm));
        if (eat(",") || at("}") || blockLike)
            continue;
        unexpected("`,` or `}` after the match arm");
    }
    next();
    return e;
}

ExprPtr Parser::parseLabeled()
{
    const std::string label = next().text;
    next(); // :
    if (at("{")) {
        ExprPtr e = makeExpr(ExprKind::Block, peek().loc);
        e->label = label;
        e->block = parseBlock();
        return e;
    }
    if (!at("loop") && !at("while") && !at("for"))
        unexpected("`loop`, `while`, `for` or a block after the label `" + label + ":`");
    return parseLoopLike(label);
}

ExprPtr Parser::parseLoopLike(std::string label)
{
    const Token& kw = next();
    ExprPtr e = makeExpr(ExprKind::Loop, kw.loc);
    e->label = std::move(label);
    if (kw.is("while")) {
        e->kind = ExprKind::While;
        if (eat("let")) {
            e->kind = ExprKind::WhileLet;
            e->pattern = parseSinglePattern("`while let`");
            expect("=", "after the `while let` pattern");
            e->args.push_back(parseScrutinee("while let"));
        } else {
            e->args.push_back(parseExpr(true));
        }
    } else if (kw.is("for")) {
        e->kind = ExprKind::For;
        e->pattern = parseSinglePattern("`for`");
        expect("in", "after the `for` pattern");
        e->args.push_back(parseExpr(true));
    }
    if (!at("{"))
        unexpected("`{` to start the loop body");
    e->block = parseBlock();
    return e;
}

ExprPtr Parser::parseJump(bool noStruct)
{
    const Token& kw = next();
    ExprPtr e =
        makeExpr(kw.is("return") ? ExprKind::Return : (kw.is("break") ? ExprKind::Break : ExprKind::Continue), kw.loc);
    if (e->kind != ExprKind::Return && peek().kind == TokenKind::Lifetime)
        e->label = next().text;
    if (e->kind != ExprKind::Continue && canStartExpr(peek(), noStruct))
        e->args.push_back(parseExpr(noStruct));
    return e;
}

// --- macros ----------------------------------------------------------------------------------

ExprPtr Parser::parseMacro(ExprPtr path)
{
    next(); // !
    const Token& open = next();
    const std::string_view close = open.is("(") ? ")" : (open.is("[") ? "]" : "}");
    ExprPtr e = makeExpr(ExprKind::MacroList, path->loc);
    e->text = path->path.back();
    e->macroPath = join(path->path, "::");
    if (contains(kFormatMacros, e->text)) {
        parseFormatMacro(*e, close);
    } else if (contains(kListMacros, e->text)) {
        parseListMacro(*e, close);
    } else if (e->text == "select") {
        parseSelectMacro(*e, close);
    } else {
        Diagnostic d;
        d.file = file_;
        d.loc = path->loc;
        d.message = "unsupported macro `" + e->macroPath + "!`; supported: " + std::string(kSupportedMacros);
        d.length = static_cast<int>(e->macroPath.size()) + 1;
        throw ParseError{std::move(d)};
    }
    return e;
}

void Parser::expectClose(std::string_view close, const Expr& macro)
{
    if (!at(close))
        unexpected("`,` or `" + std::string(close) + "` in `" + macro.macroPath + "!`");
    next();
}

void Parser::parseFormatMacro(Expr& e, std::string_view close)
{
    e.kind = ExprKind::MacroFormat;
    e.format = std::make_unique<FormatArgs>();
    FormatArgs& f = *e.format;
    f.formatLoc = e.loc;
    if (e.text == "write" || e.text == "writeln") {
        if (at(close))
            unexpected("the destination of `" + e.text + "!` (e.g. `" + e.text + "!(f, \"..\")`)");
        e.args.push_back(parseExpr());
        if (!eat(",")) {
            expectClose(close, e);
            return;
        }
    }
    if (eat(close))
        return;
    if (peek().kind != TokenKind::Str)
        unexpected("a format string literal as the first argument of `" + e.macroPath + "!`");
    f.formatLoc = peek().loc;
    f.format = next().value;
    while (eat(",")) {
        if (at(close))
            break;
        std::string name;
        if (peek().kind == TokenKind::Ident && peek(1).is("=")) {
            name = next().text;
            next();
        }
        f.args.push_back(parseExpr());
        f.argNames.push_back(std::move(name));
    }
    expectClose(close, e);
}

void Parser::parseListMacro(Expr& e, std::string_view close)
{
    e.kind = ExprKind::MacroList;
    if (e.text == "matches") {
        e.args.push_back(parseExpr());
        expect(",", "between the value and the pattern of `matches!`");
        e.pattern = parseSinglePattern("`matches!`");
        if (eat("if"))
            e.args.push_back(parseExpr());
        eat(",");
        expectClose(close, e);
        return;
    }
    if (eat(close))
        return;
    e.args.push_back(parseExpr());
    if (e.text == "vec" && eat(";")) {
        e.boolValue = true;
        e.args.push_back(parseExpr());
        expectClose(close, e);
        return;
    }
    while (eat(",")) {
        if (at(close))
            break;
        e.args.push_back(parseExpr());
    }
    expectClose(close, e);
}

void Parser::parseSelectMacro(Expr& e, std::string_view close)
{
    e.kind = ExprKind::MacroSelect;
    if (atWord("biased") && peek(1).is(";")) {
        next();
        next();
        e.biased = true;
    }
    while (!at(close)) {
        const Token& t = peek();
        const bool isElse = t.is("else") && peek(1).is("=>");
        const bool isComplete = t.kind == TokenKind::Ident && t.text == "complete" && peek(1).is("=>");
        const bool isDefault = t.kind == TokenKind::Ident && t.text == "default" && peek(1).is("=>");
        if (isElse || isComplete) {
            if (e.elseBody)
                fail(t, "`select!` has more than one `else` / `complete` branch");
            next();
            next();
            if (isComplete)
                e.text = "complete";
            e.elseBody = parseStatementLikeExpr();
        } else {
            SelectBranch branch;
            branch.loc = t.loc;
            if (isDefault) {
                branch.pattern.kind = Pattern::Kind::Path;
                branch.pattern.loc = t.loc;
                branch.pattern.path = {"default"};
                next();
            } else {
                branch.pattern = parseSinglePattern("`select!` branches");
                expect("=", "after the `select!` branch pattern (`pattern = future => body`)");
                branch.future = parseExpr();
                if (at(",") && peek(1).is("if")) {
                    next();
                    next();
                    branch.guard = parseExpr();
                }
            }
            expect("=>", "in the `select!` branch");
            branch.body = parseStatementLikeExpr();
            e.selectBranches.push_back(std::move(branch));
        }
        const Expr& body = (isElse || isComplete) ? *e.elseBody : *e.selectBranches.back().body;
        const bool blockLike = isBlockLikeKind(body.kind) && prev().is("}");
        if (eat(",") || at(close) || blockLike)
            continue;
        unexpected("`,` or `" + std::string(close) + "` after the `select!` branch");
    }
    next();
}

} // namespace

ParseResult parseProgram(const std::string& fileName, const std::string& source)
{
    ParseResult result;
    try {
        LexResult lexed = lex(fileName, source);
        result.errors = std::move(lexed.errors);
        if (lexed.truncated) {
            return result;
        }
        std::vector<int> bracketDepth;
        std::vector<Diagnostic> delimiterErrors = checkDelimiters(fileName, lexed.tokens, bracketDepth);
        if (!delimiterErrors.empty()) {
            result.errors.insert(result.errors.end(), delimiterErrors.begin(), delimiterErrors.end());
            return result;
        }
        auto program = std::make_unique<Program>();
        program->fileName = fileName;
        program->source = source;
        program->innerDoc = std::move(lexed.innerDoc);
        Parser parser(fileName, std::move(lexed.tokens), std::move(bracketDepth));
        parser.parseFile(*program);
        // A character the lexer dropped usually makes the parser trip right after it: only
        // parser errors before the first lexer error are worth showing.
        const int firstLexError = result.errors.empty() ? -1 : result.errors.front().loc.offset;
        for (Diagnostic& d : parser.errors) {
            if (firstLexError < 0 || d.loc.offset < firstLexError)
                result.errors.push_back(std::move(d));
        }
        std::stable_sort(result.errors.begin(), result.errors.end(),
                         [](const Diagnostic& a, const Diagnostic& b) { return a.loc.offset < b.loc.offset; });
        if (result.errors.size() > kMaxErrors)
            result.errors.resize(kMaxErrors);
        if (result.errors.empty())
            result.program = std::move(program);
    } catch (const std::exception& ex) {
        Diagnostic d;
        d.file = fileName;
        d.loc = SourceLoc{1, 1, 0};
        d.message = std::string("internal parser error: ") + ex.what();
        result.errors.push_back(std::move(d));
        result.program.reset();
    }
    return result;
}

} // namespace pw::lang
