#include "source_view.h"

#include "app_style.h"
#include "rust_highlighter.h"

#include <QPaintEvent>
#include <QPainter>
#include <QTextBlock>
#include <QTextLayout>
#include <QTimer>

#include <QMap>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>

namespace pw::gui {

namespace {
const QColor kGutter(0xf6, 0xf8, 0xfa);
const QColor kGutterEdge(0xea, 0xee, 0xf2);
const QColor kDarkGutter(0x22, 0x26, 0x2b); // the dark theme (gui/theme.h)
const QColor kDarkGutterEdge(0x33, 0x38, 0x3f);
const QColor kNumber(0x8c, 0x95, 0x9f);
const QColor kProblem(0xcf, 0x22, 0x2e);
const QColor kProblemLine(0xff, 0xeb, 0xe9);
const QColor kChanged(0x9a, 0x67, 0x00);
const QColor kChangedLine(0xff, 0xf5, 0xd1);
// The line a stepped program (the memory diagram) is at.
const QColor kExecutingLine(0xdd, 0xeb, 0xf7);
constexpr int kGutterPadding = 10;
constexpr int kMarkerBar = 4;
constexpr int kChipGap = 6;
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
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(monospaceFont(10));
    setTabStopDistance(4 * fontMetrics().horizontalAdvance(QLatin1Char(' ')));
    document()->setDocumentMargin(8);
    new RustHighlighter(document());

    m_editPause = new QTimer(this);
    m_editPause->setSingleShot(true);
    m_editPause->setInterval(kEditPauseMs);
    connect(m_editPause, &QTimer::timeout, this, &SourceView::edited);
    connect(document(), &QTextDocument::contentsChanged, this, [this] {
        if (m_settingSource)
            return;
        m_editPause->start();
        emit changed();
    });

    connect(this, &QPlainTextEdit::blockCountChanged, this, &SourceView::updateMargins);
    connect(this, &QPlainTextEdit::updateRequest, this, &SourceView::updateLineNumberArea);
    updateMargins();
}

void SourceView::setSource(const QString& text)
{
    m_problemLines.clear();
    m_problems.clear();
    m_changedLines.clear();
    m_markers.clear();
    m_executingLine = 0;
    setExtraSelections({});
    m_settingSource = true;
    setPlainText(text);
    m_settingSource = false;
    m_editPause->stop();
    m_pendingVisibleLine = 0;
    m_pendingTopLine = 0;
}

void SourceView::setProblems(const QList<InlineProblem>& problems)
{
    m_problems = problems;
    m_problemLines.clear();
    for (const InlineProblem& p : problems)
        if (p.line > 0)
            m_problemLines << p.line;
    updateMarks();
}

void SourceView::setTaskMarkers(const QList<TaskMarker>& markers)
{
    m_markers = markers;
    updateMarks();
}

void SourceView::ensureLineVisible(int line)
{
    if (!isVisible() || viewport()->height() <= 0) {
        m_pendingVisibleLine = line;
        return;
    }
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    if (!block.isValid())
        return;
    const QRectF r = blockBoundingGeometry(block).translated(contentOffset());
    if (r.top() >= 0 && r.bottom() <= viewport()->height())
        return;
    // The vertical scroll bar of a QPlainTextEdit counts lines: put the line a third down.
    const int visibleLines = std::max(1, viewport()->height() / std::max(1, fontMetrics().height()));
    verticalScrollBar()->setValue(std::max(0, line - 1 - visibleLines / 3));
}

void SourceView::cancelPendingEdit()
{
    m_editPause->stop();
}

void SourceView::scrollLineToTop(int line)
{
    m_pendingTopLine = line;
    m_pendingVisibleLine = 0;
    if (isVisible())
        applyPendingScroll();
}

void SourceView::showEvent(QShowEvent* event)
{
    QPlainTextEdit::showEvent(event);
    // The scroll bar gets its range once the document is laid out in a shown view.
    QTimer::singleShot(0, this, &SourceView::applyPendingScroll);
}

void SourceView::applyPendingScroll()
{
    if (m_pendingTopLine > 0)
        verticalScrollBar()->setValue(m_pendingTopLine - 1);
    m_pendingTopLine = 0;
    if (m_pendingVisibleLine > 0) {
        const int line = m_pendingVisibleLine;
        m_pendingVisibleLine = 0;
        ensureLineVisible(line);
    }
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
    for (const TaskMarker& m : std::as_const(m_markers)) {
        QColor tint = m.color;
        tint.setAlpha(m.selected ? 70 : 34);
        mark(m.line, tint);
    }
    if (m_executingLine > 0)
        mark(m_executingLine, kExecutingLine);
    for (int line : std::as_const(m_changedLines))
        mark(line, kChangedLine);
    for (int line : std::as_const(m_problemLines))
        mark(line, kProblemLine);
    setExtraSelections(marks);
    m_lineNumbers->update();
    viewport()->update();
}

QRectF SourceView::lineRect(int line) const
{
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    if (!block.isValid() || !block.isVisible())
        return {};
    const QRectF r = blockBoundingGeometry(block).translated(contentOffset());
    const qreal textEnd =
        block.layout() && block.layout()->lineCount() > 0 ? block.layout()->lineAt(0).naturalTextWidth() : 0;
    return {r.left() + document()->documentMargin() + textEnd, r.top(), r.width(), r.height()};
}

void SourceView::paintEvent(QPaintEvent* event)
{
    QPlainTextEdit::paintEvent(event);
    QPainter p(viewport());
    p.setRenderHint(QPainter::Antialiasing);
    paintLineEnds(p, event->rect());
}

void SourceView::paintLineEnds(QPainter& p, const QRect& area)
{
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    const QFontMetrics fm(small);
    p.setFont(small);

    QMap<int, qreal> nextX; // where the next chip of a line goes
    auto startX = [&](int line, const QRectF& r) {
        if (!nextX.contains(line))
            nextX[line] = r.left() + 2 * kChipGap;
        return nextX[line];
    };
    for (const TaskMarker& m : std::as_const(m_markers)) {
        const QRectF r = lineRect(m.line);
        if (r.isNull() || r.bottom() < area.top() || r.top() > area.bottom())
            continue;
        const QString text = QStringLiteral("◀ ") + m.label;
        const qreal x = startX(m.line, r);
        const QRectF chip(x, r.top() + 1, fm.horizontalAdvance(text) + 10, r.height() - 2);
        p.setPen(m.selected ? QPen(m.color.darker(150), 1.5) : Qt::NoPen);
        p.setBrush(m.color);
        p.drawRoundedRect(chip, 4, 4);
        p.setPen(m.color.lightness() > 170 ? QColor(0x1f, 0x23, 0x28) : QColor(Qt::white));
        p.drawText(chip, Qt::AlignCenter, text);
        nextX[m.line] = chip.right() + kChipGap;
    }
    small.setItalic(true);
    p.setFont(small);
    for (const InlineProblem& problem : std::as_const(m_problems)) {
        const QRectF r = lineRect(problem.line);
        if (r.isNull() || r.bottom() < area.top() || r.top() > area.bottom())
            continue;
        const qreal x = startX(problem.line, r);
        p.setPen(kProblem);
        const QString text = QStringLiteral("● ") + problem.message;
        p.drawText(QRectF(x, r.top(), viewport()->width() - x, r.height()), Qt::AlignVCenter | Qt::AlignLeft,
                   fm.elidedText(text, Qt::ElideRight, std::max(40, viewport()->width() - int(x) - 4)));
        nextX[problem.line] = x + fm.horizontalAdvance(text) + kChipGap;
    }
}

void SourceView::setExecutingLine(int line)
{
    m_executingLine = std::max(0, line);
    updateMarks();
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    if (line <= 0 || !block.isValid())
        return;
    // Scroll it into view without taking the focus (the diagram keeps the arrow keys) or
    // moving the text cursor; once shown, when the view is being built.
    ensureLineVisible(line);
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
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    p.fillRect(event->rect(), dark ? kDarkGutter : kGutter);
    p.setPen(dark ? kDarkGutterEdge : kGutterEdge);
    p.drawLine(m_lineNumbers->width() - 1, event->rect().top(), m_lineNumbers->width() - 1, event->rect().bottom());

    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    const int width = m_lineNumbers->width() - kGutterPadding;
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        if (block.isVisible() && top + height >= event->rect().top()) {
            const int line = block.blockNumber() + 1;
            int bar = 0;
            for (const TaskMarker& m : std::as_const(m_markers))
                if (m.line == line) {
                    p.fillRect(QRect(bar, top, kMarkerBar, height), m.color);
                    bar += kMarkerBar + 1;
                }
            p.setPen(m_problemLines.contains(line) ? kProblem : m_changedLines.contains(line) ? kChanged : kNumber);
            p.drawText(0, top, width, fontMetrics().height(), Qt::AlignRight, QString::number(line));
        }
        top += height;
        block = block.next();
    }
}

} // namespace pw::gui
