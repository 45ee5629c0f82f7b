#include "stacked_timelines.h"

#include "timeline_view.h"

#include "sim/timeline_model.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace pw::gui {

namespace {

constexpr double kWheelZoomPerNotch = 1.25; // one 120-unit notch, as in TimelineView
constexpr double kKeyZoom = 1.5;
constexpr int kClickSlopPx = 4;
constexpr int kWheelLanes = 3; // lanes scrolled per notch over the labels

} // namespace

StackedTimelines::StackedTimelines(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("stackedTimelines"));
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    for (TimelineRenderOptions& o : m_options) {
        o.showWakes = true;
        o.laneHeight = 22;
    }
    // One legend for both, under the current run.
    m_options[Pinned].showLegend = false;
    m_options[Current].showLegend = true;
    applyOptions();
}

StackedTimelines::~StackedTimelines() = default;

void StackedTimelines::setModels(std::shared_ptr<const TimelineModel> pinned,
                                 std::shared_ptr<const TimelineModel> current)
{
    m_models = {std::move(pinned), std::move(current)};
    for (int i : {Pinned, Current}) {
        m_renderers[i].setModel(m_models[i].get());
        m_options[i].laneScrollPx = 0;
        if (m_options[i].cursorNs > longestEnd())
            m_options[i].cursorNs = longestEnd();
    }
    applyOptions();
    m_axis.fit(longestEnd());
    relayout();
    update();
}

void StackedTimelines::setCaption(Which which, const QString& title, const QString& subtitle)
{
    m_options[which].title = title;
    m_options[which].subtitle = subtitle;
    applyOptions();
    relayout();
}

void StackedTimelines::setCursorTime(qint64 ns)
{
    for (TimelineRenderOptions& o : m_options)
        o.cursorNs = ns;
    applyOptions();
}

void StackedTimelines::setDarkPalette(bool dark)
{
    for (TimelineRenderOptions& o : m_options)
        o.dark = dark;
    applyOptions();
}

void StackedTimelines::setVisibleRange(qint64 fromNs, qint64 toNs)
{
    m_axis.setRange(fromNs, toNs);
    update();
}

QRect StackedTimelines::sectionRect(Which which) const
{
    return m_sections[which];
}

void StackedTimelines::zoomIn()
{
    const qint64 c = cursorTime();
    const bool cursorInView = c >= m_axis.startNs && c <= m_axis.endNs && c >= 0;
    m_axis.zoomAround(cursorInView ? m_axis.mapTimeToX(c) : m_axis.x0 + m_axis.width / 2, kKeyZoom);
    update();
}

void StackedTimelines::zoomOut()
{
    m_axis.zoomAround(m_axis.x0 + m_axis.width / 2, 1 / kKeyZoom);
    update();
}

void StackedTimelines::zoomToFit()
{
    m_axis.fit(longestEnd());
    update();
}

qint64 StackedTimelines::longestEnd() const
{
    qint64 end = 0;
    for (const auto& m : m_models)
        if (m)
            end = std::max<qint64>(end, m->endNs);
    return end;
}

void StackedTimelines::applyOptions()
{
    for (int i : {Pinned, Current})
        m_renderers[i].setOptions(m_options[i]);
    update();
}

void StackedTimelines::relayout()
{
    const int w = std::max(1, width());
    const int h = std::max(2, height());
    // The wider label column for both, so that their plots start at the same x.
    int labels = 0;
    for (int i : {Pinned, Current}) {
        m_options[i].minLabelWidth = 0;
        m_renderers[i].setOptions(m_options[i]);
        labels = std::max(labels, m_renderers[i].layout(QRect(0, 0, w, h)).labelWidth);
    }
    for (int i : {Pinned, Current})
        m_options[i].minLabelWidth = labels;
    applyOptions();

    // Each run gets the height it needs when both fit, else a share in proportion (a quarter at
    // least: a run of three lanes stays readable next to one of three hundred).
    const int want0 = m_renderers[Pinned].preferredHeight(w);
    const int want1 = m_renderers[Current].preferredHeight(w);
    int h0 = 0;
    if (want0 + want1 <= h)
        h0 = want0 + (h - want0 - want1) / 2;
    else
        h0 = static_cast<int>(std::lround(static_cast<double>(h) * want0 / std::max(1, want0 + want1)));
    h0 = std::clamp(h0, h / 4, h - h / 4);
    m_sections[Pinned] = QRect(0, 0, w, h0);
    m_sections[Current] = QRect(0, h0, w, h - h0);

    const TimelineRenderer::Layout l = m_renderers[Pinned].layout(m_sections[Pinned]);
    m_axis.x0 = l.plot.left();
    m_axis.width = std::max(1, l.plot.width());
}

void StackedTimelines::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    for (int i : {Pinned, Current}) {
        p.save();
        p.setClipRect(m_sections[i]);
        m_renderers[i].paint(p, m_sections[i], m_axis);
        p.restore();
    }
    // The seam between the two runs.
    const TimelinePalette& pal = m_renderers[Current].palette();
    p.setPen(QPen(pal.separator, 2));
    const int y = m_sections[Current].top();
    p.drawLine(0, y, width(), y);
}

void StackedTimelines::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void StackedTimelines::wheelEvent(QWheelEvent* event)
{
    const QPointF pos = event->position();
    const QPoint d = event->angleDelta();
    const Which which = m_sections[Current].contains(pos.toPoint()) ? Current : Pinned;
    if (d.x() != 0 || (event->modifiers() & Qt::ShiftModifier)) {
        const int delta = d.x() != 0 ? d.x() : d.y();
        m_axis.pan(delta / 120.0 * m_axis.width / 10);
    } else if (pos.x() < m_axis.x0) {
        const TimelineRenderer::Layout l = m_renderers[which].layout(m_sections[which]);
        const int step = kWheelLanes * std::max(1, l.laneHeight);
        m_options[which].laneScrollPx =
            std::clamp(l.scrollPx - d.y() * step / 120, 0, std::max(0, l.contentHeight - l.lanes.height()));
        applyOptions();
    } else if (d.y() != 0) {
        m_axis.zoomAround(pos.x(), std::pow(kWheelZoomPerNotch, d.y() / 120.0));
    }
    update();
    event->accept();
}

void StackedTimelines::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    m_dragging = true;
    m_moved = false;
    m_pressPos = m_lastPos = event->position().toPoint();
    setFocus(Qt::MouseFocusReason);
}

void StackedTimelines::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_dragging)
        return;
    const QPoint pos = event->position().toPoint();
    if (!m_moved && (pos - m_pressPos).manhattanLength() < kClickSlopPx)
        return;
    if (!m_moved)
        setCursor(Qt::ClosedHandCursor);
    m_moved = true;
    m_axis.pan(pos.x() - m_lastPos.x());
    m_lastPos = pos;
    update();
}

void StackedTimelines::mouseReleaseEvent(QMouseEvent* event)
{
    if (!m_dragging || event->button() != Qt::LeftButton)
        return QWidget::mouseReleaseEvent(event);
    m_dragging = false;
    unsetCursor();
    if (m_moved)
        return;
    const double x = event->position().x();
    if (x < m_axis.x0 || x > m_axis.x0 + m_axis.width || longestEnd() <= 0)
        return;
    const qint64 ns = std::clamp<qint64>(m_axis.mapXToTime(x), 0, longestEnd());
    setCursorTime(ns);
    emit cursorMoved(ns);
}

void StackedTimelines::mouseDoubleClickEvent(QMouseEvent*)
{
    zoomToFit();
}

bool StackedTimelines::event(QEvent* event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    const auto* help = static_cast<QHelpEvent*>(event);
    QString text;
    for (int i : {Pinned, Current})
        if (m_sections[i].contains(help->pos()) && m_models[i])
            text = timelineTooltip(*m_models[i], m_renderers[i], help->pos());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(help->globalPos(), text, this);
    return true;
}

void StackedTimelines::keyPressEvent(QKeyEvent* event)
{
    switch (const AxisKey key = axisKeyOf(event->key())) {
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
        QWidget::keyPressEvent(event);
        return;
    default:
        m_axis.panForKey(key);
        update();
        break;
    }
    event->accept();
}

} // namespace pw::gui
