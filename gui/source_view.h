// The scenario's source: read-only, highlighted as Rust, with line numbers in a gutter, the
// lines that have problems marked red and the lines the settings change marked yellow.
#pragma once

#include <QList>
#include <QPlainTextEdit>

namespace pw::gui {

class SourceView : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit SourceView(QWidget* parent = nullptr);

    /// Replaces the text; the problem marks are cleared.
    void setSource(const QString& text);
    /// Marks these 1-based lines as having problems.
    void setProblemLines(const QList<int>& lines);
    /// Marks these 1-based lines as changed by the run's settings (a parameter's value).
    void setChangedLines(const QList<int>& lines);
    /// Highlights the 1-based line a stepped program is executing (the memory diagram's step)
    /// and scrolls it into view; 0 clears. Problem and settings marks stay on top.
    void setExecutingLine(int line);
    int executingLine() const { return m_executingLine; }
    /// Puts the cursor at a 1-based line and column and scrolls it into view.
    void goTo(int line, int col);

    int lineNumberAreaWidth() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    friend class LineNumberArea;
    void paintLineNumbers(QPaintEvent* event);
    void updateMargins();
    void updateLineNumberArea(const QRect& rect, int dy);
    void updateMarks();

    QWidget* m_lineNumbers = nullptr;
    QList<int> m_problemLines;
    QList<int> m_changedLines;
    int m_executingLine = 0;
};

} // namespace pw::gui
