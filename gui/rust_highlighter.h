// A small syntax highlighter for the Rust listings: keywords, macros, strings, numbers,
// attributes and comments, in a light GitHub-like palette.
#pragma once

#include <QList>
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace pw::gui {

class RustHighlighter : public QSyntaxHighlighter {
public:
    explicit RustHighlighter(QTextDocument* document);

protected:
    void highlightBlock(const QString& text) override;

private:
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat format;
        int group = 0; ///< the capture group to colour
    };
    QList<Rule> m_rules;
};

} // namespace pw::gui
