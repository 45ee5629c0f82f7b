#include "source_view.h"

#include "app_style.h"
#include "rust_highlighter.h"

#include <QPaintEvent>
#include <QPainter>
#include <QTextBlock>
#include <QTimer>

#include <algorithm>

namespace pw::gui {

namespace {
const QColor kGutter(0xf6, 0xf8, 0xfa);
const QColor kGutterEdge(0xea, 0xee, 0xf2);
const QColor kNumber(0x8c, 0x95, 0x9f);
const QColor kProblem(0xcf, 0x22, 0x2e);
const QColor kProblemLine(0xff, 0xeb, 0xe9);
const QColor kChanged(0x9a, 0x67, 0x00);
const QColor kChangedLine(0xff, 0xf5, 0xd1);
// The line a stepped program (the memory diagram) is at.
const QColor kExecutingLine(0xdd, 0xeb, 0xf7);
constexpr int kGutterPadding = 10;
} // namespace

class LineNumberArea : public QWidget {
public:
    explicit LineNumberArea(SourceView* editor) : QWidget(editor), m_editor(editor) {}
    QSize sizeHint() const override { return {m_editor->lineNumberAreaWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent* event) override { m_editor->paintLineNumbers(event); }

private:
    SourceView* m_editor;
};

SourceView::SourceView(QWidget* parent) : QPlainTextEdit(parent), m_lineNumbers(new LineNumberArea(this))
{
    setObjectName(QStringLiteral("source"));
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(monospaceFont(10));
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    document()->setDocumentMargin(8);
    new RustHighlighter(document());

    connect(this, &QPlainTextEdit::blockCountChanged, this, &SourceView::updateMargins);
    connect(this, &QPlainTextEdit::updateRequest, this, &SourceView::updateLineNumberArea);
    updateMargins();
}

void SourceView::setSource(const QString& text)
{
    m_problemLines.clear();
    m_changedLines.clear();
    m_executingLine = 0;
    setExtraSelections({});
    setPlainText(text);
}

void SourceView::setProblemLines(const QList<int>& lines)
{
    m_problemLines = lines;
    updateMarks();
}

void SourceView::setChangedLines(const QList<int>& lines)
{
    m_changedLines = lines;
    updateMarks();
}

void SourceView::updateMarks()
{
    QList<QTextEdit::ExtraSelection> marks;
    auto mark = [&](int line, const QColor& color) {
        const QTextBlock block = document()->findBlockByNumber(line - 1);
        if (!block.isValid())
            return;
        QTextEdit::ExtraSelection m;
        m.cursor = QTextCursor(block);
        m.format.setBackground(color);
        m.format.setProperty(QTextFormat::FullWidthSelection, true);
        marks << m;
    };
    if (m_executingLine > 0)
        mark(m_executingLine, kExecutingLine);
    for (int line : std::as_const(m_changedLines))
        mark(line, kChangedLine);
    for (int line : std::as_const(m_problemLines))
        mark(line, kProblemLine);
    setExtraSelections(marks);
    m_lineNumbers->update();
}

void SourceView::setExecutingLine(int line)
{
    m_executingLine = std::max(0, line);
    updateMarks();
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    if (line <= 0 || !block.isValid())
        return;
    // Scroll it into view without taking the focus (the diagram keeps the arrow keys); again
    // once laid out, when the view is being built.
    QTextCursor cursor(block);
    setTextCursor(cursor);
    ensureCursorVisible();
    QTimer::singleShot(0, this, [this] {
        if (m_executingLine > 0)
            ensureCursorVisible();
    });
}

void SourceView::goTo(int line, int col)
{
    const QTextBlock block = document()->findBlockByNumber(std::max(0, line - 1));
    if (!block.isValid())
        return;
    QTextCursor cursor(block);
    cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor,
                        std::clamp(col - 1, 0, std::max(0, block.length() - 1)));
    setTextCursor(cursor);
    centerCursor();
    setFocus(Qt::OtherFocusReason);
}

int SourceView::lineNumberAreaWidth() const
{
    const int digits = static_cast<int>(QString::number(std::max(99, blockCount())).size());
    return 2 * kGutterPadding + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits;
}

void SourceView::resizeEvent(QResizeEvent* event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect r = contentsRect();
    m_lineNumbers->setGeometry(QRect(r.left(), r.top(), lineNumberAreaWidth(), r.height()));
}

void SourceView::updateMargins()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void SourceView::updateLineNumberArea(const QRect& rect, int dy)
{
    if (dy)
        m_lineNumbers->scroll(0, dy);
    else
        m_lineNumbers->update(0, rect.y(), m_lineNumbers->width(), rect.height());
    if (rect.contains(viewport()->rect()))
        updateMargins();
}

void SourceView::paintLineNumbers(QPaintEvent* event)
{
    QPainter p(m_lineNumbers);
    p.fillRect(event->rect(), kGutter);
    p.setPen(kGutterEdge);
    p.drawLine(m_lineNumbers->width() - 1, event->rect().top(), m_lineNumbers->width() - 1, event->rect().bottom());

    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    const int width = m_lineNumbers->width() - kGutterPadding;
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        if (block.isVisible() && top + height >= event->rect().top()) {
            const int line = block.blockNumber() + 1;
            p.setPen(m_problemLines.contains(line) ? kProblem : m_changedLines.contains(line) ? kChanged : kNumber);
            p.drawText(0, top, width, fontMetrics().height(), Qt::AlignRight, QString::number(line));
        }
        top += height;
        block = block.next();
    }
}

} // namespace pw::gui
