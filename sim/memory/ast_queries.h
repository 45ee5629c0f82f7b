// Questions about the syntax tree that the memory interpreter and the desugarer ask.
#pragma once

#include "sim/lang/ast.h"

#include <string>
#include <vector>

namespace pw::memory {

std::string trim(const std::string& s);
std::string joinPath(const std::vector<std::string>& p);
/// The text of simple expressions for underlining: `&mut example`, `test1`, `self.b`.
std::string exprText(const lang::Expr& e);
/// The first use of variable `name` in `e` / in `b` from statement `from` on (stopping where a
/// `let` shadows it), or null.
const lang::Expr* findUse(const lang::Expr& e, const std::string& name);
const lang::Expr* findUseInBlock(const lang::Block& b, const std::string& name, std::size_t from = 0);

} // namespace pw::memory
