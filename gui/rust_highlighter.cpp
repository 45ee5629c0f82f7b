#include "rust_highlighter.h"

#include <QColor>

namespace pw::gui {

namespace {
QTextCharFormat colored(const char* color, bool bold = false, bool italic = false)
{
    QTextCharFormat f;
    f.setForeground(QColor(QLatin1String(color)));
    if (bold)
        f.setFontWeight(QFont::DemiBold);
    f.setFontItalic(italic);
    return f;
}

/// The colours of one palette, in rule order.
struct Colors {
    const char* keyword;
    const char* type;
    const char* function;
    const char* macro;
    const char* number;
    const char* attribute;
    const char* string;
    const char* comment;
};

const Colors kLight{"#cf222e", "#953800", "#8250df", "#0550ae", "#0550ae", "#6e7781", "#0a3069", "#6e7781"};
const Colors kDark{"#ff7b72", "#ffa657", "#d2a8ff", "#79c0ff", "#79c0ff", "#8b949e", "#a5d6ff", "#8b949e"};
} // namespace

RustHighlighter::RustHighlighter(QTextDocument* document) : QSyntaxHighlighter(document)
{
    buildRules();
}

void RustHighlighter::setDarkPalette(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    buildRules();
    rehighlight();
}

void RustHighlighter::buildRules()
{
    const Colors& c = m_dark ? kDark : kLight;
    m_rules.clear();
    // Later rules win where they overlap: strings and comments come last.
    const auto keywords = QStringLiteral(
        R"(\b(as|async|await|break|const|continue|crate|else|enum|fn|for|if|impl|in|let|loop|match|mod|move|mut|pub|ref|return|self|Self|static|struct|super|trait|type|unsafe|use|where|while)\b)");
    m_rules << Rule{QRegularExpression(keywords), colored(c.keyword, true)};
    m_rules << Rule{QRegularExpression(QStringLiteral(R"(\b[A-Z][A-Za-z0-9_]*\b)")), colored(c.type)};
    m_rules << Rule{QRegularExpression(QStringLiteral(R"(\bfn\s+([a-z_][a-z0-9_]*))")), colored(c.function, true), 1};
    m_rules << Rule{QRegularExpression(QStringLiteral(R"(\b[a-z_][a-z0-9_]*!)")), colored(c.macro, true)};
    m_rules << Rule{QRegularExpression(QStringLiteral(R"(\b\d+\b)")), colored(c.number)};
    m_rules << Rule{QRegularExpression(QStringLiteral(R"(^\s*#!?\[.*\]\s*$)")), colored(c.attribute)};
    m_rules << Rule{QRegularExpression(QStringLiteral(R"("(?:[^"\\]|\\.)*")")), colored(c.string)};
    m_rules << Rule{QRegularExpression(QStringLiteral(R"(//.*$)")), colored(c.comment, false, true)};
}

void RustHighlighter::highlightBlock(const QString& text)
{
    for (const Rule& rule : std::as_const(m_rules)) {
        auto it = rule.pattern.globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            setFormat(static_cast<int>(m.capturedStart(rule.group)), static_cast<int>(m.capturedLength(rule.group)),
                      rule.format);
        }
    }
}

} // namespace pw::gui
