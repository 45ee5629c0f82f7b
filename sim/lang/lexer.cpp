// The lexer of scenario scripts: source text to tokens.
//
// One pass over the bytes with a line:col cursor (columns count UTF-8 characters, not bytes).
// Every loop consumes at least one byte per iteration, so any input terminates. A `.` right
// before a number makes the number an integer only, so `pair.0.1` is `pair . 0 . 1` and not
// `pair . 0.1`. Numbers are converted with std::from_chars, which ignores the C locale
// (Qt apps set LC_NUMERIC from the environment).
#include "lexer.h"

#include <array>
#include <charconv>
#include <limits>

namespace pw::lang {

namespace {

constexpr std::array<std::string_view, 4> kPunct3 = {"<<=", ">>=", "...", "..="};
constexpr std::array<std::string_view, 20> kPunct2 = {"::", "->", "=>", "..", "!=", "==", "<=", ">=", "&&", "||",
                                                      "+=", "-=", "*=", "/=", "%=", "^=", "&=", "|=", "<<", ">>"};
constexpr std::string_view kPunct1 = "+-*/%^!&|=<>@.,;:#$?~{}[]()";

constexpr std::array<std::string_view, 38> kKeywords = {
    "as",     "async", "await", "break", "const",  "continue", "crate", "dyn",  "else",   "enum",
    "extern", "false", "fn",    "for",   "if",     "impl",     "in",    "let",  "loop",   "match",
    "mod",    "move",  "mut",   "pub",   "ref",    "return",   "self",  "Self", "static", "struct",
    "super",  "trait", "true",  "type",  "unsafe", "use",      "where", "while"};

constexpr std::array<std::string_view, 12> kIntSuffixes = {"u8", "u16", "u32", "u64", "u128", "usize",
                                                           "i8", "i16", "i32", "i64", "i128", "isize"};

bool isIdentStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isIdentContinue(char c)
{
    return isIdentStart(c) || (c >= '0' && c <= '9');
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::size_t utf8Length(unsigned char lead)
{
    if (lead < 0x80)
        return 1;
    if (lead >= 0xC0 && lead < 0xE0)
        return 2;
    if (lead >= 0xE0 && lead < 0xF0)
        return 3;
    if (lead >= 0xF0 && lead < 0xF8)
        return 4;
    return 1;
}

void appendUtf8(std::string& out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

int countChars(std::string_view s)
{
    int n = 0;
    for (char c : s) {
        if (c == '\n')
            break;
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++n;
    }
    return n > 0 ? n : 1;
}

class Lexer {
public:
    Lexer(const std::string& file, const std::string& src) : file_(file), src_(src) {}

    LexResult run()
    {
        while (!fatal_) {
            skipTrivia();
            if (fatal_ || atEnd())
                break;
            lexToken();
        }
        Token eof;
        eof.kind = TokenKind::Eof;
        eof.loc = here();
        eof.doc = std::move(pendingDoc_);
        out_.tokens.push_back(std::move(eof));
        return std::move(out_);
    }

private:
    const std::string& file_;
    const std::string& src_;
    std::size_t pos_ = 0;
    int line_ = 1;
    int col_ = 1;
    bool fatal_ = false;
    std::string pendingDoc_;
    LexResult out_;

    bool atEnd(std::size_t ahead = 0) const { return pos_ + ahead >= src_.size(); }
    char peek(std::size_t ahead = 0) const { return atEnd(ahead) ? '\0' : src_[pos_ + ahead]; }
    SourceLoc here() const { return SourceLoc{line_, col_, static_cast<int>(pos_)}; }

    void advance()
    {
        if (atEnd())
            return;
        const char c = src_[pos_++];
        if (c == '\n') {
            ++line_;
            col_ = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++col_;
        }
    }

    void advanceChar() // one whole UTF-8 character
    {
        const std::size_t n = utf8Length(static_cast<unsigned char>(peek()));
        for (std::size_t i = 0; i < n && !atEnd(); ++i)
            advance();
    }

    void error(SourceLoc loc, std::string message, int length = 1)
    {
        Diagnostic d;
        d.file = file_;
        d.loc = loc;
        d.message = std::move(message);
        d.length = length;
        out_.errors.push_back(std::move(d));
    }

    void fatal(SourceLoc loc, std::string message)
    {
        error(loc, std::move(message));
        fatal_ = true;
        out_.truncated = true;
    }

    // --- whitespace and comments ---------------------------------------------------------

    void skipTrivia()
    {
        while (!atEnd() && !fatal_) {
            const char c = peek();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
                advance();
            } else if (c == '/' && peek(1) == '/') {
                lineComment();
            } else if (c == '/' && peek(1) == '*') {
                blockComment();
            } else {
                return;
            }
        }
    }

    std::string restOfLine()
    {
        std::string text;
        while (!atEnd() && peek() != '\n') {
            text += peek();
            advance();
        }
        if (!text.empty() && text.back() == '\r')
            text.pop_back();
        return text;
    }

    static void appendDocLine(std::string& doc, std::string_view text)
    {
        if (!text.empty() && text.front() == ' ')
            text.remove_prefix(1);
        if (!doc.empty())
            doc += '\n';
        doc.append(text);
    }

    void lineComment()
    {
        const bool inner = peek(2) == '!';
        const bool outer = peek(2) == '/' && peek(3) != '/';
        advance();
        advance();
        if (inner || outer)
            advance();
        const std::string text = restOfLine();
        if (inner)
            appendDocLine(out_.innerDoc, text);
        else if (outer)
            appendDocLine(pendingDoc_, text);
    }

    void blockComment()
    {
        const SourceLoc start = here();
        advance();
        advance();
        int depth = 1;
        while (depth > 0) {
            if (atEnd()) {
                fatal(start, "unterminated block comment: expected `*/` to close the `/*` here");
                return;
            }
            if (peek() == '/' && peek(1) == '*') {
                advance();
                advance();
                ++depth;
            } else if (peek() == '*' && peek(1) == '/') {
                advance();
                advance();
                --depth;
            } else {
                advance();
            }
        }
    }

    // --- tokens --------------------------------------------------------------------------

    void lexToken()
    {
        const SourceLoc start = here();
        Token t;
        const char c = peek();
        bool ok = true;
        if (c == 'r' && (peek(1) == '"' || (peek(1) == '#' && (peek(2) == '"' || peek(2) == '#')))) {
            ok = rawString(t, start);
        } else if (c == 'b' && peek(1) == 'r' && (peek(2) == '"' || peek(2) == '#')) {
            advance();
            t.isByte = true;
            ok = rawString(t, start);
        } else if (c == 'b' && peek(1) == '"') {
            advance();
            t.isByte = true;
            ok = string(t, start);
        } else if (c == 'b' && peek(1) == '\'') {
            advance();
            t.isByte = true;
            ok = charOrLifetime(t, start);
        } else if (isIdentStart(c)) {
            identifier(t);
        } else if (isDigit(c)) {
            number(t, start);
        } else if (c == '"') {
            ok = string(t, start);
        } else if (c == '\'') {
            ok = charOrLifetime(t, start);
        } else {
            ok = punct(t, start);
        }
        if (!ok)
            return;
        t.loc = start;
        t.text = src_.substr(static_cast<std::size_t>(start.offset), pos_ - static_cast<std::size_t>(start.offset));
        t.length = countChars(t.text);
        t.doc = std::move(pendingDoc_);
        pendingDoc_.clear();
        out_.tokens.push_back(std::move(t));
    }

    void identifier(Token& t)
    {
        const std::size_t b = pos_;
        while (!atEnd() && isIdentContinue(peek()))
            advance();
        t.kind = isKeyword(std::string_view(src_).substr(b, pos_ - b)) ? TokenKind::Keyword : TokenKind::Ident;
    }

    bool punct(Token& t, SourceLoc start)
    {
        const std::string_view rest = std::string_view(src_).substr(pos_);
        t.kind = TokenKind::Punct;
        for (std::string_view p : kPunct3) {
            if (rest.substr(0, 3) == p) {
                advance(), advance(), advance();
                return true;
            }
        }
        for (std::string_view p : kPunct2) {
            if (rest.substr(0, 2) == p) {
                advance(), advance();
                return true;
            }
        }
        if (kPunct1.find(rest.front()) != std::string_view::npos) {
            advance();
            return true;
        }
        const std::size_t n = std::min(utf8Length(static_cast<unsigned char>(rest.front())), rest.size());
        std::string shown(rest.substr(0, n));
        if (static_cast<unsigned char>(rest.front()) < 0x20)
            shown = "\\x" + std::string(1, "0123456789abcdef"[(rest.front() >> 4) & 0xF]) +
                    std::string(1, "0123456789abcdef"[rest.front() & 0xF]);
        advanceChar();
        const std::string quoted = shown == "`" ? "'`'" : "`" + shown + "`";
        error(start,
              "unexpected character " + quoted + "; identifiers, literals and Rust punctuation are expected here");
        return false;
    }

    // --- numbers ---------------------------------------------------------------------------

    void digits(int radix)
    {
        while (!atEnd()) {
            const char c = peek();
            const int v = hexValue(c);
            if (c == '_' || (v >= 0 && v < radix))
                advance();
            else
                break;
        }
    }

    void number(Token& t, SourceLoc start)
    {
        const bool afterDot = !out_.tokens.empty() && out_.tokens.back().is(".");
        int radix = 10;
        if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'o' || peek(1) == 'b')) {
            radix = peek(1) == 'x' ? 16 : (peek(1) == 'o' ? 8 : 2);
            advance();
            advance();
        }
        const std::size_t digitsStart = pos_;
        digits(radix);
        bool isFloat = false;
        if (radix == 10 && !afterDot) {
            if (peek() == '.' && isDigit(peek(1))) {
                advance();
                digits(10);
                isFloat = true;
            } else if (peek() == '.' && peek(1) != '.' && !isIdentStart(peek(1))) {
                advance();
                isFloat = true;
            }
            if ((peek() == 'e' || peek() == 'E') &&
                (isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && isDigit(peek(2))))) {
                advance();
                advance();
                digits(10);
                isFloat = true;
            }
        }
        const std::size_t digitsEnd = pos_;
        const SourceLoc suffixLoc = here();
        while (!atEnd() && isIdentContinue(peek()))
            advance();
        t.suffix = src_.substr(digitsEnd, pos_ - digitsEnd);
        std::string clean;
        for (std::size_t i = digitsStart; i < digitsEnd; ++i) {
            if (src_[i] != '_')
                clean += src_[i];
        }
        numberValue(t, clean, radix, isFloat, start, suffixLoc);
    }

    void numberValue(Token& t, const std::string& clean, int radix, bool isFloat, SourceLoc start, SourceLoc suffixLoc)
    {
        const bool floatSuffix = t.suffix == "f32" || t.suffix == "f64";
        bool intSuffix = false;
        for (std::string_view s : kIntSuffixes)
            intSuffix = intSuffix || t.suffix == s;
        if (!t.suffix.empty() && !floatSuffix && !intSuffix) {
            error(suffixLoc,
                  "invalid suffix `" + t.suffix +
                      "` for a number literal; expected one of "
                      "u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize, f32, f64",
                  countChars(t.suffix));
        }
        if (isFloat && intSuffix)
            error(suffixLoc, "integer suffix `" + t.suffix + "` on a float literal; use f32 or f64",
                  countChars(t.suffix));
        if (clean.empty()) {
            t.kind = TokenKind::Int;
            error(start, "number literal without digits after its `0x`/`0o`/`0b` prefix");
            return;
        }
        if (isFloat || (floatSuffix && radix == 10)) {
            t.kind = TokenKind::Float;
            const auto r = std::from_chars(clean.data(), clean.data() + clean.size(), t.floatValue);
            if (r.ec != std::errc())
                error(start, "float literal `" + clean + "` is out of range");
            return;
        }
        t.kind = TokenKind::Int;
        std::uint64_t v = 0;
        const auto r = std::from_chars(clean.data(), clean.data() + clean.size(), v, radix);
        if (r.ec != std::errc() || v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            error(start,
                  "integer literal `" + clean + "` is too large; the largest supported value is 9223372036854775807",
                  countChars(clean));
            return;
        }
        t.intValue = static_cast<std::int64_t>(v);
    }

    // --- strings and chars ---------------------------------------------------------------

    /// After a backslash: appends the escaped character; returns false at end of input.
    bool escape(std::string& value)
    {
        const SourceLoc at = here();
        advance(); // the backslash
        if (atEnd())
            return false;
        const char e = peek();
        switch (e) {
        case 'n':
            value += '\n';
            advance();
            return true;
        case 'r':
            value += '\r';
            advance();
            return true;
        case 't':
            value += '\t';
            advance();
            return true;
        case '\\':
            value += '\\';
            advance();
            return true;
        case '0':
            value += '\0';
            advance();
            return true;
        case '\'':
            value += '\'';
            advance();
            return true;
        case '"':
            value += '"';
            advance();
            return true;
        case 'x':
            return hexEscape(value, at);
        case 'u':
            return unicodeEscape(value, at);
        case '\n':
        case '\r':
            while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
                advance();
            return true;
        default:
            error(at,
                  std::string("unknown character escape `\\") + e +
                      "`; supported: \\n \\r \\t \\\\ \\0 \\' \\\" \\x7F \\u{...}",
                  2);
            advanceChar();
            return true;
        }
    }

    bool hexEscape(std::string& value, SourceLoc at)
    {
        advance(); // x
        const int hi = hexValue(peek());
        const int lo = hexValue(peek(1));
        if (hi < 0 || lo < 0) {
            error(at, "invalid `\\x` escape: expected two hex digits, e.g. `\\x41`", 2);
            return !atEnd();
        }
        advance();
        advance();
        value += static_cast<char>(hi * 16 + lo);
        return true;
    }

    bool unicodeEscape(std::string& value, SourceLoc at)
    {
        advance(); // u
        if (peek() != '{') {
            error(at, "invalid `\\u` escape: expected `{`, e.g. `\\u{1F600}`", 2);
            return !atEnd();
        }
        advance();
        std::uint32_t cp = 0;
        int n = 0;
        while (!atEnd() && (hexValue(peek()) >= 0 || peek() == '_') && n <= 6) {
            if (peek() != '_') {
                cp = cp * 16 + static_cast<std::uint32_t>(hexValue(peek()));
                ++n;
            }
            advance();
        }
        if (peek() != '}' || n == 0 || n > 6 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            error(at, "invalid `\\u{...}` escape: expected 1 to 6 hex digits naming a Unicode scalar value, then `}`",
                  2);
            return !atEnd();
        }
        advance();
        appendUtf8(value, cp);
        return true;
    }

    bool string(Token& t, SourceLoc start)
    {
        advance(); // opening quote
        t.kind = TokenKind::Str;
        while (true) {
            if (atEnd()) {
                fatal(start, "unterminated string literal: expected a closing `\"` before the end of the file");
                return false;
            }
            const char c = peek();
            if (c == '"') {
                advance();
                return true;
            }
            if (c == '\\') {
                if (!escape(t.value)) {
                    fatal(start, "unterminated string literal: expected a closing `\"` before the end of the file");
                    return false;
                }
            } else {
                if (c != '\r')
                    t.value += c;
                advance();
            }
        }
    }

    bool rawString(Token& t, SourceLoc start)
    {
        t.kind = TokenKind::Str;
        advance(); // r
        std::size_t hashes = 0;
        while (peek() == '#') {
            ++hashes;
            advance();
        }
        if (peek() != '"') {
            error(start, "invalid raw string: expected `\"` after `r" + std::string(hashes, '#') + "`");
            return false;
        }
        advance();
        const std::string closer = "\"" + std::string(hashes, '#');
        while (true) {
            if (atEnd()) {
                fatal(start, "unterminated raw string literal: expected a closing `" + closer +
                                 "` before the end of the file");
                return false;
            }
            if (src_.compare(pos_, closer.size(), closer) == 0) {
                for (std::size_t i = 0; i < closer.size(); ++i)
                    advance();
                return true;
            }
            if (peek() != '\r')
                t.value += peek();
            advance();
        }
    }

    bool charOrLifetime(Token& t, SourceLoc start)
    {
        const char next = peek(1);
        if (next == '\\') {
            advance(); // quote
            t.kind = TokenKind::Char;
            if (!escape(t.value) || peek() != '\'') {
                error(start, "unterminated character literal: expected a closing `'`");
                return false; // the quote and the escape were consumed: progress is made
            }
            advance();
            return true;
        }
        const std::size_t n = utf8Length(static_cast<unsigned char>(next));
        if (!atEnd(1) && next != '\n' && next != '\'' && peek(1 + n) == '\'') {
            advance();
            t.kind = TokenKind::Char;
            t.value = src_.substr(pos_, n);
            advanceChar();
            advance();
            return true;
        }
        if (isIdentStart(next) && !t.isByte) {
            advance();
            while (!atEnd() && isIdentContinue(peek()))
                advance();
            t.kind = TokenKind::Lifetime;
            return true;
        }
        advance();
        error(start, "unexpected `'`: expected a character literal like 'a' or a label like 'outer");
        return false;
    }
};

} // namespace

bool isKeyword(std::string_view word)
{
    for (std::string_view k : kKeywords) {
        if (k == word)
            return true;
    }
    return false;
}

std::string describeToken(const Token& token)
{
    auto shorten = [](const std::string& s) { return s.size() > 24 ? s.substr(0, 21) + "..." : s; };
    switch (token.kind) {
    case TokenKind::Eof:
        return "end of file";
    case TokenKind::Keyword:
        return "keyword `" + token.text + "`";
    case TokenKind::Ident:
        return "identifier `" + token.text + "`";
    case TokenKind::Int:
        return "integer literal `" + token.text + "`";
    case TokenKind::Float:
        return "float literal `" + token.text + "`";
    case TokenKind::Str:
        return "string literal " + shorten(token.text);
    case TokenKind::Char:
        return "character literal " + token.text;
    case TokenKind::Lifetime:
        return "label `" + token.text + "`";
    case TokenKind::Punct:
        return "`" + token.text + "`";
    }
    return "`" + token.text + "`";
}

LexResult lex(const std::string& fileName, const std::string& source)
{
    return Lexer(fileName, source).run();
}

} // namespace pw::lang
