#include "timeline_view.h"

#include "sim/timeline_model.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace pw::gui {

namespace {

constexpr double kWheelZoomPerNotch = 1.25; // one 120-unit notch
constexpr double kKeyZoom = 1.5;
constexpr int kClickSlopPx = 4;
constexpr int kHScrollSteps = 1'000'000'000; // keeps the horizontal bar's int range safe

QString range(qint64 a, qint64 b)
{
    return QStringLiteral("%1 \u2192 %2 (%3)")
        .arg(TimeAxis::formatDuration(a), TimeAxis::formatDuration(b), TimeAxis::formatDuration(b - a));
}

} // namespace

TimelineView::TimelineView(QWidget* parent) : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("timelineView"));
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    viewport()->setMouseTracking(true);
    // Everything is painted, background included: skip Qt's erase.
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    m_options.showLegend = true;
    applyOptions();
}

TimelineView::~TimelineView() = default;

void TimelineView::setModel(std::shared_ptr<const TimelineModel> model)
{
    m_model = std::move(model);
    m_renderer.setModel(m_model.get());
    if (!m_model) {
        m_options.cursorNs = -1;
        m_options.selectedTask = kNoTask;
    } else if (m_options.cursorNs > m_model->endNs) {
        m_options.cursorNs = m_model->endNs;
    }
    m_options.laneScrollPx = 0;
    applyOptions();
    m_axis.fit(m_model ? m_model->endNs : 0);
    syncGeometry();
    axisChanged();
}

void TimelineView::setCursorTime(qint64 ns)
{
    if (ns == m_options.cursorNs)
        return;
    m_options.cursorNs = ns;
    applyOptions();
}

void TimelineView::setSelectedTask(quint32 task)
{
    if (task == m_options.selectedTask)
        return;
    m_options.selectedTask = task;
    applyOptions();
}

void TimelineView::setDarkPalette(bool dark)
{
    m_options.dark = dark;
    applyOptions();
}

void TimelineView::setShowLegend(bool show)
{
    m_options.showLegend = show;
    applyOptions();
    syncGeometry();
}

void TimelineView::setShowWakes(bool show)
{
    m_options.showWakes = show;
    applyOptions();
}

void TimelineView::setVisibleRange(qint64 fromNs, qint64 toNs)
{
    m_axis.setRange(fromNs, toNs);
    axisChanged();
}

QSize TimelineView::sizeHint() const
{
    return QSize(900, 320);
}

QSize TimelineView::minimumSizeHint() const
{
    return QSize(240, 140);
}

void TimelineView::zoomIn()
{
    // Zoom in on the cursor when it is in view: that is what the user is looking at.
    const qint64 c = m_options.cursorNs;
    const bool cursorInView = c >= 0 && c >= m_axis.startNs && c <= m_axis.endNs;
    m_axis.zoomAround(cursorInView ? m_axis.mapTimeToX(c) : m_axis.x0 + m_axis.width / 2, kKeyZoom);
    axisChanged();
}

void TimelineView::zoomOut()
{
    m_axis.zoomAround(m_axis.x0 + m_axis.width / 2, 1 / kKeyZoom);
    axisChanged();
}

void TimelineView::zoomToFit()
{
    m_axis.fit(m_model ? m_model->endNs : 0);
    axisChanged();
}

void TimelineView::applyOptions()
{
    m_renderer.setOptions(m_options);
    viewport()->update();
}

void TimelineView::syncGeometry()
{
    const TimelineRenderer::Layout l = m_renderer.layout(viewport()->rect());
    m_axis.x0 = l.plot.left();
    m_axis.width = std::max(1, l.plot.width());
    m_syncing = true;
    QScrollBar* v = verticalScrollBar();
    v->setRange(0, std::max(0, l.contentHeight - l.lanes.height()));
    v->setPageStep(std::max(1, l.lanes.height()));
    v->setSingleStep(std::max(1, l.laneHeight));
    v->setValue(m_options.laneScrollPx);
    // The horizontal bar moves the visible range over [0, maxEnd].
    const qint64 maxEnd = m_model ? m_axis.maxEndNs() : 0;
    m_hUnitNs = std::max({1.0, m_axis.nsPerPx(), static_cast<double>(maxEnd) / kHScrollSteps});
    QScrollBar* h = horizontalScrollBar();
    h->setRange(0, static_cast<int>(static_cast<double>(std::max<qint64>(0, maxEnd - m_axis.spanNs())) / m_hUnitNs));
    h->setPageStep(std::max(1, static_cast<int>(static_cast<double>(m_axis.spanNs()) / m_hUnitNs)));
    h->setSingleStep(std::max(1, static_cast<int>(40 * m_axis.nsPerPx() / m_hUnitNs)));
    h->setValue(static_cast<int>(static_cast<double>(m_axis.startNs) / m_hUnitNs));
    m_syncing = false;
}

void TimelineView::axisChanged()
{
    syncGeometry();
    viewport()->update();
    emit visibleRangeChanged(m_axis.startNs, m_axis.endNs);
}

void TimelineView::scrollContentsBy(int, int)
{
    if (m_syncing)
        return;
    m_options.laneScrollPx = verticalScrollBar()->value();
    const qint64 span = m_axis.spanNs();
    const qint64 start = std::llround(horizontalScrollBar()->value() * m_hUnitNs);
    if (start != m_axis.startNs) {
        m_axis.setRange(start, start + span);
        emit visibleRangeChanged(m_axis.startNs, m_axis.endNs);
    }
    applyOptions();
}

void TimelineView::paintEvent(QPaintEvent*)
{
    QPainter p(viewport());
    m_renderer.paint(p, viewport()->rect(), m_axis);
}

void TimelineView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    syncGeometry();
}

void TimelineView::wheelEvent(QWheelEvent* event)
{
    const QPoint delta = event->angleDelta();
    const QPointF pos = event->position();
    const auto& l = m_renderer.layout(viewport()->rect());
    if (pos.x() < l.plot.left() && delta.y() != 0) { // over the labels: scroll the lanes
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y() * l.laneHeight / 120);
    } else if (delta.x() != 0 || (event->modifiers() & Qt::ShiftModifier)) {
        const int d = delta.x() != 0 ? delta.x() : delta.y();
        m_axis.pan(d / 120.0 * m_axis.width / 10);
        axisChanged();
    } else if (delta.y() != 0) {
        m_axis.zoomAround(pos.x(), std::pow(kWheelZoomPerNotch, delta.y() / 120.0));
        axisChanged();
    }
    event->accept();
}

bool TimelineView::nearCursor(const QPoint& pos) const
{
    const qint64 t = m_options.cursorNs;
    if (t < m_axis.startNs || t > m_axis.endNs || t < 0)
        return false;
    return std::abs(m_axis.mapTimeToX(t) - pos.x()) <= 4;
}

void TimelineView::moveCursorTo(int x)
{
    const qint64 maxT = m_model ? m_model->endNs : 0;
    const qint64 t = std::clamp(m_axis.mapXToTime(x), qint64(0), maxT);
    if (t == m_options.cursorNs)
        return;
    m_options.cursorNs = t;
    applyOptions();
    emit cursorMoved(t);
}

void TimelineView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !m_model) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    const auto& l = m_renderer.lastLayout();
    m_pressPos = m_lastPos = pos;
    m_moved = false;
    const bool onRuler = pos.y() >= l.ruler.top() && pos.y() <= l.ruler.bottom() && pos.x() >= l.plot.left();
    if (onRuler || (nearCursor(pos) && pos.y() >= l.lanes.top())) {
        m_drag = Drag::Cursor;
        moveCursorTo(pos.x());
    } else {
        m_drag = Drag::Pan;
    }
}

void TimelineView::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    if (m_drag == Drag::Cursor) {
        moveCursorTo(pos.x());
    } else if (m_drag == Drag::Pan) {
        if ((pos - m_pressPos).manhattanLength() > kClickSlopPx)
            m_moved = true;
        if (m_moved) {
            viewport()->setCursor(Qt::ClosedHandCursor);
            m_axis.pan(pos.x() - m_lastPos.x());
            verticalScrollBar()->setValue(verticalScrollBar()->value() - (pos.y() - m_lastPos.y()));
            axisChanged();
        }
    } else {
        const auto& l = m_renderer.lastLayout();
        const bool onRuler = pos.y() >= l.ruler.top() && pos.y() <= l.ruler.bottom() && pos.x() >= l.plot.left();
        viewport()->setCursor(onRuler || nearCursor(pos) ? Qt::SizeHorCursor : Qt::ArrowCursor);
    }
    m_lastPos = pos;
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event)
{
    const Drag drag = m_drag;
    m_drag = Drag::None;
    viewport()->setCursor(Qt::ArrowCursor);
    if (event->button() != Qt::LeftButton || drag != Drag::Pan || m_moved || !m_model)
        return;
    // A click: select the task under the pointer, or clear the selection.
    const TimelineHit hit = m_renderer.spanAt(event->position().toPoint());
    quint32 task = kNoTask;
    if (hit.lane >= 0) {
        const Lane& lane = m_model->lanes[static_cast<std::size_t>(hit.lane)];
        if (lane.kind == Lane::Kind::Task)
            task = lane.id;
        else if (hit.kind == TimelineHit::Kind::Span)
            task = lane.spans[static_cast<std::size_t>(hit.span)].task;
        else if (hit.kind == TimelineHit::Kind::Print)
            task = m_model->prints[static_cast<std::size_t>(hit.prints.front())].task;
        else if (hit.kind == TimelineHit::Kind::Sync)
            task = m_model->syncMarks[static_cast<std::size_t>(hit.prints.front())].task;
    }
    if (task == m_options.selectedTask)
        return;
    setSelectedTask(task);
    emit taskSelected(task);
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (!m_model)
        return;
    const TimelineHit hit = m_renderer.spanAt(event->position().toPoint());
    qint64 a = 0, b = 0;
    if (hit.kind == TimelineHit::Kind::Span) {
        const Span& s = m_model->lanes[static_cast<std::size_t>(hit.lane)].spans[static_cast<std::size_t>(hit.span)];
        a = s.start;
        b = s.end;
    } else if (hit.kind == TimelineHit::Kind::Fold) {
        a = hit.foldStartNs;
        b = hit.foldEndNs;
    } else {
        return;
    }
    const qint64 margin = std::max<qint64>((b - a) / 10, TimeAxis::kMinSpanNs);
    setVisibleRange(a - margin, b + margin);
}

void TimelineView::keyPressEvent(QKeyEvent* event)
{
    const AxisKey key = axisKeyOf(event->key());
    switch (key) {
    case AxisKey::ZoomIn:
        zoomIn();
        break;
    case AxisKey::ZoomOut:
        zoomOut();
        break;
    case AxisKey::Fit:
        zoomToFit();
        break;
    case AxisKey::None:
        // Up and Down scroll the lanes (the stacked pair scrolls each run with the wheel).
        if (event->key() == Qt::Key_Up)
            verticalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepSub);
        else if (event->key() == Qt::Key_Down)
            verticalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepAdd);
        else {
            QAbstractScrollArea::keyPressEvent(event);
            return;
        }
        break;
    default:
        m_axis.panForKey(key);
        axisChanged();
        break;
    }
    event->accept();
}

bool TimelineView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = tooltipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

QString TimelineView::tooltipAt(const QPoint& pos) const
{
    if (!m_model)
        return {};
    QString tip = timelineTooltip(*m_model, m_renderer, pos);
    // Over a task's span, the Why of that task at the pointer's time.
    const TimelineHit hit = m_renderer.spanAt(pos);
    if (!m_explainer || hit.kind != TimelineHit::Kind::Span || hit.lane < 0)
        return tip;
    const Lane& lane = m_model->lanes[static_cast<std::size_t>(hit.lane)];
    if (lane.kind != Lane::Kind::Task)
        return tip;
    const Span& span = lane.spans[static_cast<std::size_t>(hit.span)];
    const qint64 at = std::clamp<qint64>(m_axis.mapXToTime(pos.x()), span.start, span.end);
    const QString why = m_explainer(lane.id, at);
    if (!why.isEmpty())
        tip += QStringLiteral("<br><i>at %1: %2</i>").arg(TimeAxis::formatDuration(at), why.toHtmlEscaped());
    return tip;
}

QString timelineTooltip(const TimelineModel& model, const TimelineRenderer& renderer, const QPoint& pos)
{
    const TimelineHit hit = renderer.spanAt(pos);
    if (hit.lane < 0)
        return {};
    const Lane& lane = model.lanes[static_cast<std::size_t>(hit.lane)];
    const QString laneName = renderer.laneLabel(hit.lane).toHtmlEscaped();
    auto taskName = [&](TaskId t) {
        for (std::size_t i = 0; i < model.lanes.size(); ++i)
            if (model.lanes[i].kind == Lane::Kind::Task && model.lanes[i].id == t)
                return renderer.laneLabel(static_cast<int>(i)).toHtmlEscaped();
        return QStringLiteral("task %1").arg(t);
    };
    auto threadName = [&](ThreadId t) {
        for (std::size_t i = 0; i < model.lanes.size(); ++i)
            if (model.lanes[i].kind == Lane::Kind::Thread && model.lanes[i].id == t)
                return renderer.laneLabel(static_cast<int>(i)).toHtmlEscaped();
        return QStringLiteral("thread %1").arg(t);
    };
    switch (hit.kind) {
    case TimelineHit::Kind::None:
        return {};
    case TimelineHit::Kind::Print: {
        QStringList rows;
        for (int i : hit.prints) {
            const PrintMark& m = model.prints[static_cast<std::size_t>(i)];
            rows << QStringLiteral("<tt>[%1]</tt> %2: %3")
                        .arg(TimeAxis::formatDuration(m.t), taskName(m.task),
                             QString::fromStdString(m.text).toHtmlEscaped());
            if (rows.size() == 12 && hit.prints.size() > 12) {
                rows << QStringLiteral("\u2026 %1 more").arg(hit.prints.size() - 12);
                break;
            }
        }
        return QStringLiteral("<b>println!</b> on %1<br>%2").arg(laneName, rows.join(QStringLiteral("<br>")));
    }
    case TimelineHit::Kind::Sync: {
        QStringList rows;
        for (int i : hit.prints) {
            const SyncMark& m = model.syncMarks[static_cast<std::size_t>(i)];
            const bool lock = m.kind != SyncMark::Kind::Send && m.kind != SyncMark::Kind::Recv;
            const QString object = m.object < model.objectNames.size()
                                       ? QString::fromStdString(model.objectNames[m.object]).toHtmlEscaped()
                                       : QString::number(m.object);
            rows << QStringLiteral("<tt>[%1]</tt> %2 %3 %4 '%5'")
                        .arg(TimeAxis::formatDuration(m.t), m.task != kNoTask ? taskName(m.task) : threadName(m.thread),
                             QString::fromLatin1(toString(m.kind)),
                             lock ? QStringLiteral("mutex") : QStringLiteral("channel"), object);
            if (rows.size() == 12 && hit.prints.size() > 12) {
                rows << QStringLiteral("\u2026 %1 more").arg(hit.prints.size() - 12);
                break;
            }
        }
        return QStringLiteral("<b>%1</b><br>%2").arg(laneName, rows.join(QStringLiteral("<br>")));
    }
    case TimelineHit::Kind::Fold:
        return QStringLiteral(
                   "<b>%1</b><br>%2 short spans folded<br>%3<br><i>zoom in (wheel, +) or double-click to see them</i>")
            .arg(laneName)
            .arg(hit.foldCount)
            .arg(range(hit.foldStartNs, hit.foldEndNs));
    case TimelineHit::Kind::Span:
        break;
    }
    const Span& s = lane.spans[static_cast<std::size_t>(hit.span)];
    QString what;
    switch (s.state) {
    case SpanState::Polling:
        what = lane.kind == Lane::Kind::Thread ? QStringLiteral("polling %1").arg(taskName(s.task))
                                               : QStringLiteral("polled on %1").arg(threadName(s.thread));
        break;
    case SpanState::Blocked: {
        const QString reason = QString::fromLatin1(toString(static_cast<BlockReason>(s.reason)));
        what = lane.kind == Lane::Kind::Thread
                   ? QStringLiteral("blocked in %1's poll: %2").arg(taskName(s.task), reason)
                   : QStringLiteral("blocked on %1: %2").arg(threadName(s.thread), reason);
        break;
    }
    case SpanState::Queued: {
        const auto q = static_cast<QueueKind>(s.reason);
        what = QStringLiteral("queued, waiting for a thread");
        if (q != QueueKind::None)
            what += QStringLiteral(" (%1%2)").arg(QString::fromLatin1(toString(q)),
                                                  s.thread != kNoThread ? QStringLiteral(" of ") + threadName(s.thread)
                                                                        : QString());
        break;
    }
    case SpanState::Pending:
        what = QStringLiteral("pending: returned Pending, waiting for a wake");
        break;
    case SpanState::Stalled:
        what = QStringLiteral("stalled: returned Pending with no waker registered");
        break;
    case SpanState::Parked:
        what = QStringLiteral("parked (idle)");
        break;
    }
    return QStringLiteral("<b>%1</b><br>%2<br>%3").arg(laneName, what, range(s.start, s.end));
}

} // namespace pw::gui
