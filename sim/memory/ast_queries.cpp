#include "ast_queries.h"

namespace pw::memory {

using lang::Block;
using lang::Expr;
using lang::ExprKind;
using lang::Stmt;

std::string trim(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

std::string joinPath(const std::vector<std::string>& p)
{
    std::string out;
    for (const auto& s : p)
        out += (out.empty() ? "" : "::") + s;
    return out;
}

std::string exprText(const Expr& e)
{
    switch (e.kind) {
    case ExprKind::Path:
        return joinPath(e.path);
    case ExprKind::Unary:
        return e.text + (e.text.size() > 1 ? " " : "") + exprText(*e.args[0]);
    case ExprKind::Field:
        return exprText(*e.args[0]) + "." + e.text;
    default:
        return "x";
    }
}

const Expr* findUseInBlock(const Block& b, const std::string& name, std::size_t from)
{
    for (std::size_t i = from; i < b.stmts.size(); ++i) {
        const Stmt& s = b.stmts[i];
        if (s.init)
            if (const Expr* u = findUse(*s.init, name))
                return u;
        if (s.expr)
            if (const Expr* u = findUse(*s.expr, name))
                return u;
        if (s.kind == Stmt::Kind::Let && s.pattern.name == name)
            return nullptr; // shadowed from here on
    }
    if (b.tail)
        return findUse(*b.tail, name);
    return nullptr;
}

const Expr* findUse(const Expr& e, const std::string& name)
{
    if (e.kind == ExprKind::Path && e.path.size() == 1 && e.path[0] == name)
        return &e;
    for (const auto& a : e.args)
        if (a)
            if (const Expr* u = findUse(*a, name))
                return u;
    if (e.block)
        if (const Expr* u = findUseInBlock(*e.block, name))
            return u;
    if (e.elseExpr)
        if (const Expr* u = findUse(*e.elseExpr, name))
            return u;
    for (const auto& f : e.fields)
        if (f.value)
            if (const Expr* u = findUse(*f.value, name))
                return u;
    if (e.format)
        for (const auto& a : e.format->args)
            if (const Expr* u = findUse(*a, name))
                return u;
    for (const auto& arm : e.arms)
        if (arm.body)
            if (const Expr* u = findUse(*arm.body, name))
                return u;
    return nullptr;
}

} // namespace pw::memory
