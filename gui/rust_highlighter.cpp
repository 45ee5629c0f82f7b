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
} // namespace

RustHighlighter::RustHighlighter(QTextDocument* document) : QSyntaxHighlighter(document)
{
    // Later rules win where they overlap: strings and comments come last.
    const auto keywords = QStringLiteral(
        R"(\b(as|async|await|break|const|continue|crate|else|enum|fn|for|if|impl|in|let|loop|match|mod|move|mut|pub|ref|return|self|Self|static|struct|super|trait|type|unsafe|use|where|while)\b)");
    m_rules << Rule{QRegularExpression(keywords), colored("#cf222e", true)};
    m_rules << Rule{QRegularExpression(QStringLiteral(R"(\b[A-Z][A-Za-z0-9_]*\b)")), colored("#953800")};
    m_rules << Rule{QRegularExpression(QStringLiteral(R"(\bfn\s+([a-z_][a-z0-9_]*))")), colored("#8250df", true), 1};
    m_rules << Rule{QRegularExpression(QStringLiteral(R"(\b[a-z_][a-z0-9_]*!)")), colored("#0550ae", true)};
    m_rules << Rule{QRegularExpression(QStringLiteral(R"(\b\d+\b)")), colored("#0550ae")};
    m_rules << Rule{QRegularExpression(QStringLiteral(R"(^\s*#!?\[.*\]\s*$)")), colored("#6e7781")};
    m_rules << Rule{QRegularExpression(QStringLiteral(R"("(?:[^"\\]|\\.)*")")), colored("#0a3069")};
    m_rules << Rule{QRegularExpression(QStringLiteral(R"(//.*$)")), colored("#6e7781", false, true)};
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
