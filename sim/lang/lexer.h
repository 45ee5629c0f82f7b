// Tokens of a scenario script.
//
// The lexer turns the source text into a flat token list for the parser. It knows Rust's
// lexical rules for the subset: identifiers and keywords, number literals with `_` and type
// suffixes, strings (escaped, raw and byte), char literals versus lifetimes, all punctuation
// (longest match first) and comments. Comments never become tokens: `///` doc lines are
// attached to the next token (Token::doc) and `//!` lines are collected as the file's inner
// doc. Errors are collected, never thrown; an unterminated string or comment ends the token
// list there.
#pragma once

#include "ast.h"
#include "diagnostic.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pw::lang {

enum class TokenKind {
    Ident,    ///< foo, _x, union, default (contextual words stay identifiers)
    Keyword,  ///< fn, let, self, Self, as, ... (see isKeyword)
    Int,      ///< 10, 1_000usize, 0xff: intValue, suffix
    Float,    ///< 1.5, 2.0f64, 1e3: floatValue, suffix
    Str,      ///< "..", r#".."#, b"..": value holds the processed text
    Char,     ///< 'a', b'a': value holds the character (UTF-8)
    Lifetime, ///< 'a, '_, 'static: text includes the quote
    Punct,    ///< :: -> => .. ..= ... and single characters
    Eof,
};

struct Token {
    TokenKind kind = TokenKind::Eof;
    std::string text;   ///< the source text of the token as written
    std::string value;  ///< Str / Char: escapes processed
    std::string suffix; ///< Int / Float: the type suffix, e.g. "u64"
    std::int64_t intValue = 0;
    double floatValue = 0;
    bool isByte = false; ///< b"..", b'.'
    SourceLoc loc;
    int length = 1;  ///< in characters, for underlining
    std::string doc; ///< `///` lines right before this token, joined with '\n'
    bool is(std::string_view punctOrKeyword) const
    {
        return (kind == TokenKind::Punct || kind == TokenKind::Keyword) && text == punctOrKeyword;
    }
};

struct LexResult {
    std::vector<Token> tokens; ///< always ends with one Eof token
    std::string innerDoc;      ///< `//!` lines, leading single space stripped, joined with '\n'
    std::vector<Diagnostic> errors;
    bool truncated = false; ///< an unterminated string or comment ended the token list early
};

/// Splits `source` into tokens. Never throws; errors carry the exact line:col.
LexResult lex(const std::string& fileName, const std::string& source);

/// Rust's strict keywords that the subset reserves (self, Self, super, crate included).
bool isKeyword(std::string_view word);

/// How a token is named in messages: "`let`", "identifier `foo`", "end of file", ...
std::string describeToken(const Token& token);

} // namespace pw::lang
