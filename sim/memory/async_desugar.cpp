#include "async_desugar.h"

#include <cctype>
#include <functional>

namespace pw::memory {

namespace {

using lang::Block;
using lang::Expr;
using lang::ExprKind;
using lang::FnDecl;
using lang::Stmt;

void forEachExpr(const Expr& e, const std::function<void(const Expr&)>& visit);

void forEachInBlock(const Block& b, const std::function<void(const Expr&)>& visit)
{
    for (const auto& s : b.stmts) {
        if (s.init)
            forEachExpr(*s.init, visit);
        if (s.expr)
            forEachExpr(*s.expr, visit);
    }
    if (b.tail)
        forEachExpr(*b.tail, visit);
}

void forEachExpr(const Expr& e, const std::function<void(const Expr&)>& visit)
{
    visit(e);
    for (const auto& a : e.args)
        if (a)
            forEachExpr(*a, visit);
    if (e.block && e.kind != ExprKind::AsyncBlock && e.kind != ExprKind::Closure)
        forEachInBlock(*e.block, visit);
    if (e.elseExpr)
        forEachExpr(*e.elseExpr, visit);
    for (const auto& f : e.fields)
        if (f.value)
            forEachExpr(*f.value, visit);
    if (e.format)
        for (const auto& a : e.format->args)
            forEachExpr(*a, visit);
    for (const auto& arm : e.arms)
        if (arm.body)
            forEachExpr(*arm.body, visit);
}

/// An `.await`, or a macro that awaits inside (join!, try_join!, select! expand to a future
/// that the enclosing async body awaits on the spot).
bool isAwaitPoint(const Expr& x)
{
    return x.kind == ExprKind::Await || x.kind == ExprKind::MacroSelect ||
           (x.kind == ExprKind::MacroList && (x.text == "join" || x.text == "try_join"));
}

bool containsAwait(const Expr& e)
{
    bool found = false;
    forEachExpr(e, [&](const Expr& x) { found |= isAwaitPoint(x); });
    return found;
}

bool containsAwait(const Stmt& s)
{
    bool found = false;
    auto visit = [&](const Expr& e) { found |= isAwaitPoint(e); };
    if (s.init)
        forEachExpr(*s.init, visit);
    if (s.expr)
        forEachExpr(*s.expr, visit);
    return found;
}

bool usesName(const Stmt& s, const std::string& name)
{
    bool found = false;
    auto visit = [&](const Expr& e) {
        found |= e.kind == ExprKind::Path && e.path.size() == 1 && e.path[0] == name;
        if (e.format)
            for (char c : {'}', ':'})
                found |= e.format->format.find("{" + name + c) != std::string::npos;
    };
    if (s.init)
        forEachExpr(*s.init, visit);
    if (s.expr)
        forEachExpr(*s.expr, visit);
    return found;
}

bool usesNameInTail(const Block& b, const std::string& name)
{
    if (!b.tail)
        return false;
    Stmt s;
    bool found = false;
    forEachExpr(*b.tail,
                [&](const Expr& e) { found |= e.kind == ExprKind::Path && e.path.size() == 1 && e.path[0] == name; });
    return found;
}

/// Where the body awaits: statement indexes, and stmts.size() for the tail expression.
std::vector<std::size_t> awaitPoints(const Block& b)
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < b.stmts.size(); ++i)
        if (containsAwait(b.stmts[i]))
            out.push_back(i);
    if (b.tail && containsAwait(*b.tail))
        out.push_back(b.stmts.size());
    return out;
}

int lineOfPoint(const Block& b, std::size_t j)
{
    return j < b.stmts.size() ? b.stmts[j].loc.line : b.tail->loc.line;
}

/// Used in statement `from` or later, before a `let` shadows it.
bool usedFrom(const Block& b, const std::string& name, std::size_t from)
{
    for (std::size_t i = from; i < b.stmts.size(); ++i) {
        if (usesName(b.stmts[i], name))
            return true;
        if (b.stmts[i].kind == Stmt::Kind::Let && b.stmts[i].pattern.name == name)
            return false;
    }
    return usesNameInTail(b, name);
}

const FnDecl* findFn(const lang::Program& program, const std::string& name)
{
    for (const auto& item : program.items) {
        if (item->kind == lang::Item::Kind::Fn && item->fn->name == name)
            return item->fn.get();
        if (item->kind == lang::Item::Kind::Impl)
            for (const auto& m : item->methods)
                if (m->name == name)
                    return m.get();
    }
    return nullptr;
}

std::string camel(const std::string& snake)
{
    std::string out;
    bool up = true;
    for (char c : snake) {
        if (c == '_') {
            up = true;
            continue;
        }
        out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        up = false;
    }
    return out;
}

std::string futureName(const FnDecl* fn)
{
    return fn ? camel(fn->name) + "Future" : "AsyncFuture";
}

/// The names a `let`'s initializer borrows (`&mut x`, `&x`).
std::vector<std::string> borrowedNames(const Stmt& s)
{
    std::vector<std::string> out;
    if (!s.init)
        return out;
    forEachExpr(*s.init, [&](const Expr& e) {
        if (e.kind == ExprKind::Unary && (e.text == "&" || e.text == "&mut") && e.args[0]->kind == ExprKind::Path &&
            e.args[0]->path.size() == 1)
            out.push_back(e.args[0]->path[0]);
    });
    return out;
}

std::string prettyType(const std::string& type, const lang::Program& program)
{
    const std::string prefix = "{async fn body of ";
    if (type.rfind(prefix, 0) == 0) {
        const std::string name = type.substr(prefix.size(), type.find("()") - prefix.size());
        return futureName(findFn(program, name)) + "<'_>";
    }
    return type;
}

} // namespace

std::string inferLetType(const Stmt& let, const Block* block, const lang::Program& program)
{
    if (!let.type.empty())
        return let.type;
    if (!let.init)
        return {};
    const Expr& init = *let.init;
    if (init.kind == ExprKind::ArrayRepeat && init.args[1]->kind == ExprKind::IntLit) {
        std::string elem = "i32";
        if (init.args[0]->kind == ExprKind::IntLit && block) {
            const std::string& name = let.pattern.name;
            forEachInBlock(*block, [&](const Expr& e) {
                if (e.kind != ExprKind::Call || e.args[0]->kind != ExprKind::Path || e.args[0]->path.size() != 1)
                    return;
                const FnDecl* fn = findFn(program, e.args[0]->path[0]);
                if (!fn)
                    return;
                for (std::size_t k = 1; k < e.args.size() && k - 1 < fn->params.size(); ++k) {
                    const Expr& a = *e.args[k];
                    if (a.kind == ExprKind::Unary && (a.text == "&mut" || a.text == "&") &&
                        a.args[0]->kind == ExprKind::Path && a.args[0]->path.size() == 1 &&
                        a.args[0]->path[0] == name) {
                        const std::string& t = fn->params[k - 1].type;
                        const auto open = t.find('[');
                        const auto close = t.rfind(']');
                        if (open != std::string::npos && close != std::string::npos && t.find(';') == std::string::npos)
                            elem = t.substr(open + 1, close - open - 1);
                    }
                }
            });
        }
        return "[" + elem + "; " + std::to_string(init.args[1]->intValue) + "]";
    }
    if (init.kind == ExprKind::Call && init.args[0]->kind == ExprKind::Path && init.args[0]->path.size() == 1)
        if (const FnDecl* fn = findFn(program, init.args[0]->path[0]); fn && fn->isAsync)
            return "{async fn body of " + fn->name + "()}";
    return {};
}

std::vector<HeldLocal> heldAcrossAwait(const Block& body, const lang::Program& program)
{
    std::vector<HeldLocal> out;
    for (std::size_t i = 0; i < body.stmts.size(); ++i) {
        const Stmt& s = body.stmts[i];
        if (s.kind != Stmt::Kind::Let || s.pattern.kind != lang::Pattern::Kind::Ident)
            continue;
        bool held = false;
        for (std::size_t j : awaitPoints(body)) {
            if (j <= i)
                continue;
            held = held || usedFrom(body, s.pattern.name, j);
        }
        if (held)
            out.push_back({s.pattern.name, inferLetType(s, &body, program)});
    }
    return out;
}

std::vector<AwaitPoint> awaitPointsOf(const Block& body)
{
    std::vector<AwaitPoint> out;
    for (std::size_t j : awaitPoints(body))
        out.push_back({j, lineOfPoint(body, j)});
    return out;
}

std::vector<HeldLocal> heldAt(const Block& body, const FnDecl* fn, std::size_t stmt, const lang::Program& program)
{
    std::vector<HeldLocal> out;
    if (fn)
        for (const auto& p : fn->params)
            if (usedFrom(body, p.pattern.name, stmt))
                out.push_back({p.pattern.name, p.type});
    for (std::size_t i = 0; i < stmt && i < body.stmts.size(); ++i) {
        const Stmt& s = body.stmts[i];
        if (s.kind == Stmt::Kind::Let && s.pattern.kind == lang::Pattern::Kind::Ident &&
            usedFrom(body, s.pattern.name, stmt))
            out.push_back({s.pattern.name, prettyType(inferLetType(s, &body, program), program)});
    }
    return out;
}

std::vector<AsyncBody> asyncBodies(const lang::Program& program)
{
    std::vector<AsyncBody> out;
    auto blocksIn = [&](const Block& b) {
        forEachInBlock(b, [&](const Expr& e) {
            if (e.kind == ExprKind::AsyncBlock && e.block)
                out.push_back({"async block (line " + std::to_string(e.loc.line) + ")", e.block.get(), nullptr});
        });
    };
    auto fnBody = [&](const FnDecl& fn) {
        if (!fn.body)
            return;
        if (fn.isAsync)
            out.push_back({"async fn " + fn.name, fn.body.get(), &fn});
        blocksIn(*fn.body);
    };
    for (const auto& item : program.items) {
        if (item->kind == lang::Item::Kind::Fn && item->fn)
            fnBody(*item->fn);
        if (item->kind == lang::Item::Kind::Impl)
            for (const auto& m : item->methods)
                fnBody(*m);
    }
    return out;
}

std::string desugarAsyncBody(const std::string& name, const Block& body, const FnDecl* fn, const lang::Program& program)
{
    std::string out = "// " + name + "\n// The state machine rustc generates for " +
                      (fn ? "`async fn " + fn->name + "`" : std::string("the `async` block")) + " (simplified):\n";
    out += "enum " + futureName(fn) + " {\n";
    out += "    /// created, not yet polled: holds the arguments (or captured variables)\n";
    out += "    Unresumed";
    if (fn && !fn->params.empty()) {
        out += " {";
        for (std::size_t i = 0; i < fn->params.size(); ++i)
            out += (i ? ", " : " ") + fn->params[i].pattern.name + ": " + fn->params[i].type;
        out += " }";
    }
    out += ",\n";
    int suspend = 0;
    for (std::size_t j : awaitPoints(body)) {
        out += "    /// suspended at the `.await` on line " + std::to_string(lineOfPoint(body, j)) + "\n";
        out += "    Suspend" + std::to_string(suspend++) + " {\n";
        std::vector<std::string> heldNames;
        if (fn)
            for (const auto& p : fn->params)
                if (usedFrom(body, p.pattern.name, j)) {
                    out += "        " + p.pattern.name + ": " + p.type + ",\n";
                    heldNames.push_back(p.pattern.name);
                }
        for (std::size_t i = 0; i < j; ++i) {
            const Stmt& s = body.stmts[i];
            if (s.kind != Stmt::Kind::Let || s.pattern.kind != lang::Pattern::Kind::Ident ||
                !usedFrom(body, s.pattern.name, j))
                continue;
            std::string type = prettyType(inferLetType(s, &body, program), program);
            out += "        " + s.pattern.name + ": " + (type.empty() ? "_" : type) + ",";
            for (const auto& b : borrowedNames(s))
                for (const auto& h : heldNames)
                    if (h == b)
                        out += " // holds a reference to `" + b +
                               "`, a field of this same enum: if the future "
                               "moves, that pointer dangles, so it must be pinned";
            out += "\n";
            heldNames.push_back(s.pattern.name);
        }
        out += "    },\n";
    }
    out += "    /// poll returned Ready\n    Returned,\n";
    out += "    /// a poll panicked\n    Panicked,\n}\n";
    return out;
}

std::string desugarAsyncFn(const lang::Program& program, const std::string& fnName)
{
    const FnDecl* fn = findFn(program, fnName);
    if (!fn)
        return "no fn named `" + fnName + "` in this program";
    if (!fn->isAsync || !fn->body)
        return "`" + fnName + "` is not an `async fn`: it has no state machine";
    return desugarAsyncBody("{async fn body of " + fn->name + "()}", *fn->body, fn, program);
}

} // namespace pw::memory
