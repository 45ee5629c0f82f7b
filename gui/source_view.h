// The scenario's source, editable, highlighted as Rust, with line numbers in a gutter: the
// lines that have problems marked red with their message at the end of the line, the lines
// the settings change marked yellow, and at the playback cursor a chip on the line each task
// is at, in the task's colour.
//
// Edits emit `edited` once typing pauses for `kEditPauseMs`; the text is never replaced behind
// the user's back (setSource is only called when another scenario is opened).
#pragma once

#include <QColor>
#include <QList>
#include <QPlainTextEdit>

class QPainter;
class QTimer;

namespace pw::gui {

/// A task's position in the source at the cursor.
struct TaskMarker {
    int line = 0; ///< 1-based
    QColor color;
    QString label; ///< the task's name
    bool selected = false;
};

/// A problem shown inline, at the end of its line.
struct InlineProblem {
    int line = 0; ///< 1-based
    QString message;
};

class SourceView : public QPlainTextEdit {
    Q_OBJECT
public:
    static constexpr int kEditPauseMs = 400;

    explicit SourceView(QWidget* parent = nullptr);

    /// Replaces the text (another scenario); marks are cleared. Does not emit `edited`.
    void setSource(const QString& text);
    /// Marks these lines as having problems, with their messages at the line ends.
    void setProblems(const QList<InlineProblem>& problems);
    /// Marks these 1-based lines as changed by the run's settings (a parameter's value).
    void setChangedLines(const QList<int>& lines);
    /// Shows where each task is; an empty list clears the markers.
    void setTaskMarkers(const QList<TaskMarker>& markers);
    const QList<TaskMarker>& taskMarkers() const { return m_markers; }
    /// Scrolls so that this 1-based line is visible, without moving the text cursor (once the
    /// view is shown, if it is not yet).
    void ensureLineVisible(int line);
    /// Forgets the typing pause in progress (the caller runs the text now).
    void cancelPendingEdit();
    /// Scrolls so that this 1-based line is the first one shown.
    void scrollLineToTop(int line);
    /// Highlights the 1-based line a stepped program is executing (the memory diagram's step)
    /// and scrolls it into view; 0 clears. Problem and settings marks stay on top.
    void setExecutingLine(int line);
    int executingLine() const { return m_executingLine; }
    /// Puts the cursor at a 1-based line and column and scrolls it into view.
    void goTo(int line, int col);

    int lineNumberAreaWidth() const;

signals:
    /// The user changed the text (at every keystroke).
    void changed();
    /// The user changed the text and paused typing.
    void edited();

protected:
    void resizeEvent(QResizeEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    friend class LineNumberArea;
    void paintLineNumbers(QPaintEvent* event);
    void updateMargins();
    void updateLineNumberArea(const QRect& rect, int dy);
    void updateMarks();

    void paintLineEnds(QPainter& p, const QRect& area);
    QRectF lineRect(int line) const;
    void applyPendingScroll();

    QWidget* m_lineNumbers = nullptr;
    QTimer* m_editPause = nullptr;
    bool m_settingSource = false;
    int m_pendingVisibleLine = 0; ///< ensureLineVisible before the view had a size
    int m_pendingTopLine = 0;
    QList<TaskMarker> m_markers;
    QList<InlineProblem> m_problems;
    QList<int> m_problemLines;
    QList<int> m_changedLines;
    int m_executingLine = 0;
};

} // namespace pw::gui
