// A small syntax highlighter for the Rust listings: keywords, macros, strings, numbers,
// attributes and comments, in GitHub-like light and dark palettes.
#pragma once

#include <QList>
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace pw::gui {

class RustHighlighter : public QSyntaxHighlighter {
public:
    explicit RustHighlighter(QTextDocument* document);

    /// Colours for a dark background (the dark theme); re-highlights the document.
    void setDarkPalette(bool dark);
    bool darkPalette() const { return m_dark; }

protected:
    void highlightBlock(const QString& text) override;

private:
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat format;
        int group = 0; ///< the capture group to colour
    };
    void buildRules();

    QList<Rule> m_rules;
    bool m_dark = false;
};

} // namespace pw::gui
