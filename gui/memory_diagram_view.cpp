#include "memory_diagram_view.h"

#include "app_style.h"
#include "rust_highlighter.h"

#include "sim/memory/memory_state.h"

#include <QHBoxLayout>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPainterPathStroker>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStyle>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <QVariantAnimation>

#include <algorithm>
#include <cmath>

namespace pw::gui {

namespace {

constexpr double kMaxZoom = 1.0; // the diagram's sizes are chosen for reading at 1
constexpr double kMinZoom = 0.45;

} // namespace

/// The drawing surface: asks the view to paint it.
class MemoryDiagramCanvas : public QWidget {
public:
    explicit MemoryDiagramCanvas(MemoryDiagramView* view) : QWidget(view), m_view(view)
    {
        setAttribute(Qt::WA_OpaquePaintEvent);
        setMinimumSize(320, 160);
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter p(this);
        m_view->paintCanvas(p, rect());
    }

    bool event(QEvent* event) override
    {
        if (event->type() == QEvent::ToolTip) {
            const auto* help = static_cast<QHelpEvent*>(event);
            const QString text = m_view->tooltipAt(help->pos());
            if (text.isEmpty())
                QToolTip::hideText();
            else
                QToolTip::showText(help->globalPos(), text, this);
            return true;
        }
        return QWidget::event(event);
    }

private:
    MemoryDiagramView* m_view;
};

MemoryDiagramView::MemoryDiagramView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("memoryDiagram"));
    setFocusPolicy(Qt::StrongFocus);

    auto button = [this](QStyle::StandardPixmap icon, const QString& tip, const char* name) {
        auto* b = new QToolButton(this);
        b->setIcon(style()->standardIcon(icon));
        b->setToolTip(tip);
        b->setObjectName(QLatin1String(name));
        b->setAutoRaise(true);
        b->setFocusPolicy(Qt::NoFocus); // the keys go to the view
        return b;
    };
    m_first = button(QStyle::SP_MediaSkipBackward, tr("First step (Home)"), "memoryFirst");
    m_back = button(QStyle::SP_MediaSeekBackward, tr("Step back (Left)"), "memoryBack");
    m_forward = button(QStyle::SP_MediaSeekForward, tr("Step forward (Right)"), "memoryForward");
    m_last = button(QStyle::SP_MediaSkipForward, tr("Last step (End)"), "memoryLast");
    m_position = new QLabel(this);
    m_position->setObjectName(QStringLiteral("memoryPosition"));
    connect(m_first, &QToolButton::clicked, this, &MemoryDiagramView::firstStep);
    connect(m_back, &QToolButton::clicked, this, &MemoryDiagramView::stepBack);
    connect(m_forward, &QToolButton::clicked, this, &MemoryDiagramView::stepForward);
    connect(m_last, &QToolButton::clicked, this, &MemoryDiagramView::lastStep);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 0);
    bar->addWidget(m_first);
    bar->addWidget(m_back);
    bar->addWidget(m_forward);
    bar->addWidget(m_last);
    bar->addSpacing(8);
    bar->addWidget(m_position, 1);
    m_canvas = new MemoryDiagramCanvas(this);
    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("memoryScroll"));
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setWidgetResizable(false);
    m_scroll->setFocusPolicy(Qt::NoFocus);
    m_scroll->setWidget(m_canvas);
    m_scroll->viewport()->installEventFilter(this);
    m_desugar = new QPlainTextEdit(this);
    m_desugar->setObjectName(QStringLiteral("memoryDesugar"));
    m_desugar->setReadOnly(true);
    m_desugar->setFont(monospaceFont());
    m_desugar->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_desugar->setToolTip(tr("The state machine enum rustc generates for each async fn and async block"));
    new RustHighlighter(m_desugar->document());
    m_desugar->hide();
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->setChildrenCollapsible(false);
    split->addWidget(m_scroll);
    split->addWidget(m_desugar);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    m_animation = new QVariantAnimation(this);
    m_animation->setStartValue(0.0);
    m_animation->setEndValue(1.0);
    m_animation->setDuration(kMoveAnimationMs);
    m_animation->setEasingCurve(QEasingCurve::InOutCubic);
    connect(m_animation, &QVariantAnimation::valueChanged, this, [this](const QVariant& v) {
        m_progress = v.toDouble();
        m_canvas->update();
    });
    connect(m_animation, &QVariantAnimation::finished, this, [this] {
        m_progress = 1.0;
        m_canvas->update();
    });
    updateControls();
}

MemoryDiagramView::~MemoryDiagramView() = default;

void MemoryDiagramView::setTrace(std::shared_ptr<const memory::MemoryTrace> trace, const QString& title,
                                 const QString& source)
{
    m_animation->stop();
    m_progress = 1.0;
    m_trace = std::move(trace);
    m_options.title = title;
    m_options.source = source.split(QLatin1Char('\n'));
    m_naturalSize = {};
    if (m_trace) {
        MemoryDiagramRenderer natural;
        MemoryDiagramOptions o = m_options;
        o.scale = 1.0;
        natural.setOptions(o);
        const memory::MemoryStep empty;
        for (const memory::MemoryStep& s : m_trace->steps)
            m_naturalSize = m_naturalSize.expandedTo(natural.preferredSize(s));
        if (m_trace->error)
            m_naturalSize = m_naturalSize.expandedTo(
                natural.preferredSize(m_trace->steps.empty() ? empty : m_trace->steps.back(), &*m_trace->error));
    }
    QStringList machines;
    if (m_trace)
        for (const std::string& text : m_trace->stateMachines)
            machines << QString::fromStdString(text);
    m_desugar->setPlainText(machines.join(QStringLiteral("\n\n")));
    m_desugar->setVisible(!machines.isEmpty());
    m_step = -1;
    updateCanvasSize();
    showStep(0, false);
}

void MemoryDiagramView::updateCanvasSize()
{
    const QSize room = m_scroll->viewport()->size();
    m_zoom = 1.0;
    if (m_naturalSize.width() > 0)
        m_zoom = std::clamp(room.width() / m_naturalSize.width(), kMinZoom, kMaxZoom);
    const int height = std::max(room.height(), static_cast<int>(std::ceil(m_naturalSize.height() * m_zoom)));
    const int width = std::max(room.width(), static_cast<int>(std::ceil(m_naturalSize.width() * kMinZoom)));
    m_canvas->resize(width, height);
    m_scroll->setHorizontalScrollBarPolicy(width > room.width() ? Qt::ScrollBarAsNeeded : Qt::ScrollBarAlwaysOff);
}

bool MemoryDiagramView::eventFilter(QObject* watched, QEvent* event)
{
    // The viewport changes size with the window, the splitter and the desugared panel.
    if (watched == m_scroll->viewport() && event->type() == QEvent::Resize)
        updateCanvasSize();
    return QWidget::eventFilter(watched, event);
}

int MemoryDiagramView::stepCount() const
{
    if (!m_trace)
        return 0;
    return static_cast<int>(m_trace->steps.size()) + (m_trace->error ? 1 : 0);
}

int MemoryDiagramView::currentLine() const
{
    if (!m_trace || m_step < 0 || m_step >= stepCount())
        return 0;
    if (m_step >= static_cast<int>(m_trace->steps.size()))
        return m_trace->error->line;
    return m_trace->steps[static_cast<std::size_t>(m_step)].line;
}

bool MemoryDiagramView::animating() const
{
    return m_animation->state() == QAbstractAnimation::Running;
}

void MemoryDiagramView::setAnimationDuration(int ms)
{
    m_animation->setDuration(std::max(0, ms));
}

void MemoryDiagramView::setStep(int index)
{
    showStep(index, false);
}

void MemoryDiagramView::stepForward()
{
    showStep(m_step + 1, true);
}

void MemoryDiagramView::stepBack()
{
    showStep(m_step - 1, false);
}

void MemoryDiagramView::firstStep()
{
    showStep(0, false);
}

void MemoryDiagramView::lastStep()
{
    showStep(stepCount() - 1, false);
}

void MemoryDiagramView::showStep(int index, bool animate)
{
    const int count = stepCount();
    index = count == 0 ? 0 : std::clamp(index, 0, count - 1);
    const bool changed = index != m_step;
    m_step = index;
    m_animation->stop();
    m_progress = 1.0;
    if (changed && animate && m_trace && index < static_cast<int>(m_trace->steps.size()) &&
        !m_trace->steps[static_cast<std::size_t>(index)].moves.empty() && m_animation->duration() > 0) {
        m_progress = 0.0;
        m_animation->start();
    }
    updateControls();
    m_canvas->update();
    if (changed) {
        emit stepChanged(m_step);
        emit currentLineChanged(currentLine());
    }
}

void MemoryDiagramView::updateControls()
{
    const int count = stepCount();
    m_first->setEnabled(count > 0 && m_step > 0);
    m_back->setEnabled(count > 0 && m_step > 0);
    m_forward->setEnabled(count > 0 && m_step + 1 < count);
    m_last->setEnabled(count > 0 && m_step + 1 < count);
    if (count == 0) {
        m_position->setText(m_trace ? tr("The program has no steps.") : tr("No pinning program loaded."));
        return;
    }
    const bool errorStep = m_step >= static_cast<int>(m_trace->steps.size());
    QString text = tr("Step %1 of %2").arg(m_step + 1).arg(count);
    if (const int line = currentLine())
        text += tr("  \u00b7  line %1").arg(line);
    if (errorStep)
        text += m_trace->error->kind == memory::MemoryError::Kind::Refused ? tr("  \u00b7  refused by the compiler")
                                                                           : tr("  \u00b7  stopped");
    m_position->setText(text);
}

void MemoryDiagramView::paintCanvas(QPainter& painter, const QRect& rect)
{
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    if (stepCount() == 0) {
        painter.fillRect(rect, palette().color(QPalette::Base));
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect.adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap,
                         m_trace ? tr("The program stopped before its first statement.")
                                 : tr("Memory diagrams are drawn for the pinning programs (pin-swap, pin-move, "
                                      "pin-stack, pin-heap): open one from the library."));
        return;
    }
    const auto steps = static_cast<int>(m_trace->steps.size());
    const bool errorStep = m_step >= steps;
    const memory::MemoryStep empty;
    const memory::MemoryStep& step =
        errorStep ? (steps > 0 ? m_trace->steps.back() : empty) : m_trace->steps[static_cast<std::size_t>(m_step)];
    MemoryDiagramOptions o = m_options;
    o.dark = dark;
    o.stepIndex = m_step;
    o.stepCount = stepCount();
    o.scale = m_zoom;
    o.minWidth = m_naturalSize.width();
    m_renderer.setOptions(o);
    m_renderer.paint(painter, QRectF(rect), step, errorStep ? &*m_trace->error : nullptr, errorStep ? 1.0 : m_progress);
}

QWidget* MemoryDiagramView::canvas() const
{
    return m_canvas;
}

QString MemoryDiagramView::tooltipAt(const QPoint& canvasPos) const
{
    const QPointF pos(canvasPos);
    auto nameOf = [this](int objectId) {
        for (const DiagramBox& b : m_renderer.lastBoxes())
            if (b.objectId == objectId)
                return b.name;
        return QString();
    };
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    for (const DiagramArrow& a : m_renderer.lastArrows()) {
        if (!stroker.createStroke(a.path).contains(pos) && !a.labelRect.contains(pos))
            continue;
        const QString from = a.field.isEmpty() ? nameOf(a.objectId) : nameOf(a.objectId) + QLatin1Char('.') + a.field;
        const QString address = QString::fromStdString(memory::formatAddress(a.target));
        switch (a.kind) {
        case memory::PointerKind::SelfPointer:
            return tr("%1 holds %2: a self-pointer, into the value that holds it. It stays valid only while "
                      "the value does not move.")
                .arg(from, address);
        case memory::PointerKind::Foreign:
            return tr("%1 holds %2: it points %3, another value.").arg(from, address, a.label);
        case memory::PointerKind::Dangling:
            return tr("%1 holds %2: %3. Reading through it gives whatever bytes are there now.")
                .arg(from, address, a.label);
        case memory::PointerKind::Null:
            break;
        }
    }
    for (const DiagramBadge& b : m_renderer.lastPinBadges())
        if (b.rect.contains(pos))
            return tr("%1 is pinned: a Pin points at it, and for a !Unpin value safe code can no longer move "
                      "it or get a &mut to it.")
                .arg(nameOf(b.objectId));
    for (const DiagramBox& b : m_renderer.lastBoxes()) {
        if (!b.rect.contains(pos))
            continue;
        QString text = tr("%1 at %2").arg(b.name, QString::fromStdString(memory::formatAddress(b.address)));
        if (!b.live)
            text += b.heap ? tr(": freed, the bytes are stale") : tr(": moved out, the bytes left here are stale");
        else
            text += b.heap ? tr(", on the heap") : tr(", on the stack");
        return text;
    }
    return {};
}

QImage MemoryDiagramView::grabDiagram()
{
    return m_canvas->grab().toImage();
}

void MemoryDiagramView::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Right:
        stepForward();
        break;
    case Qt::Key_Left:
        stepBack();
        break;
    case Qt::Key_Home:
        firstStep();
        break;
    case Qt::Key_End:
        lastStep();
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace pw::gui
