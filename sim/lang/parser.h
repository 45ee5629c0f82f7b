// Lexer and parser for scenario scripts (the Rust subset of docs/scenario-language.md).
#pragma once

#include "ast.h"
#include "diagnostic.h"

#include <memory>
#include <string>
#include <vector>

namespace pw::lang {

struct ParseResult {
    std::unique_ptr<Program> program; ///< null when errors is non-empty
    std::vector<Diagnostic> errors;   ///< at least one when parsing failed
};

/// Parses a whole scenario file. Never throws, never loops forever: every error is a
/// Diagnostic with the exact line:col of the offending token.
ParseResult parseProgram(const std::string& fileName, const std::string& source);

} // namespace pw::lang
