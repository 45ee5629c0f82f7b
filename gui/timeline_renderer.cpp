#include "timeline_renderer.h"

#include "paint_helpers.h"

#include "sim/task_labels.h"
#include "sim/timeline_model.h"

#include <QFontMetricsF>
#include <QHash>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace pw::gui {

namespace {

// Sizes at scale 1, in logical pixels. Chosen for a 1600 px wide slide and a laptop window.
constexpr double kPad = 12;
constexpr double kRightRoom = 10;
constexpr double kPlotInset = 5; // beyond kPad: the last ruler label is centred on the edge
constexpr double kTitlePx = 20;
constexpr double kSubtitlePx = 13;
constexpr double kRulerH = 26;
constexpr double kRulerFontPx = 11.5;
constexpr double kLanePadV = 4;
constexpr double kLabelFontPx = 13;
constexpr double kCaptionH = 22;
constexpr double kCaptionFontPx = 10.5;
constexpr double kLegendFontPx = 12;
constexpr double kPrintBand = 15;
constexpr double kPrintFontPx = 10.5;
constexpr int kMaxPrintLabels = 300;
constexpr std::size_t kScanRun = 16; // narrow spans walked one by one before jumping

int px(double v, double s)
{
    return static_cast<int>(std::lround(v * s));
}

std::uint8_t raw(SpanState s)
{
    return static_cast<std::uint8_t>(s);
}

/// The state a tick standing for several instants shows: what the learner most needs to see.
std::uint8_t mostTelling(unsigned mask)
{
    for (SpanState s : {SpanState::Polling, SpanState::Blocked, SpanState::Stalled, SpanState::Queued,
                        SpanState::Pending, SpanState::Parked})
        if (mask & (1u << raw(s)))
            return raw(s);
    return raw(SpanState::Polling);
}

enum class Swatch { Polling, Blocked, Queued, Pending, Stalled, Parked, Fold, Wake, Print, Done, Lock, Channel };

struct LegendEntry {
    Swatch swatch;
    const char* text;
};

constexpr LegendEntry kLegend[] = {
    {Swatch::Polling, "polling"},
    {Swatch::Blocked, "blocked inside a poll"},
    {Swatch::Queued, "queued, waiting for a thread"},
    {Swatch::Pending, "pending, waiting for a wake"},
    {Swatch::Stalled, "stalled: no waker"},
    {Swatch::Parked, "parked"},
    {Swatch::Fold, "many short spans"},
    {Swatch::Wake, "wake \u2192 poll"},
    {Swatch::Print, "println!"},
    {Swatch::Done, "task done"},
    {Swatch::Lock, "mutex: locked, waits, unlocked"},
    {Swatch::Channel, "channel: sent, received"},
};

bool hasSyncKind(const pw::TimelineModel& m, bool locks)
{
    return std::any_of(m.syncMarks.begin(), m.syncMarks.end(), [locks](const SyncMark& s) {
        const bool lock = s.kind != SyncMark::Kind::Send && s.kind != SyncMark::Kind::Recv;
        return lock == locks;
    });
}

} // namespace

TimelineRenderer::TimelineRenderer() : m_palette(TimelinePalette::light()) {}

void TimelineRenderer::setModel(const TimelineModel* model)
{
    m_model = model;
    m_threadLanes = 0;
    m_laneOfThread.clear();
    m_laneOfTask.clear();
    m_labels.clear();
    m_maxWakeLatency = 0;
    m_labelWidthCache = -1;
    m_statesPresent = 0;
    m_anyDone = false;
    m_items.clear();
    if (!model)
        return;
    QHash<QString, int> taskNames;
    for (const Lane& lane : model->lanes)
        if (lane.kind == Lane::Kind::Task)
            ++taskNames[QString::fromStdString(lane.name)];
    for (std::size_t i = 0; i < model->lanes.size(); ++i) {
        const Lane& lane = model->lanes[i];
        auto& index = lane.kind == Lane::Kind::Thread ? m_laneOfThread : m_laneOfTask;
        if (index.size() <= lane.id)
            index.resize(lane.id + 1, -1);
        index[lane.id] = static_cast<int>(i);
        if (lane.kind == Lane::Kind::Thread && m_threadLanes == static_cast<int>(i))
            ++m_threadLanes;
        const QString name = QString::fromStdString(lane.name);
        m_labels << (lane.kind == Lane::Kind::Task
                         ? QString::fromStdString(taskLabel(lane.name, lane.id, taskNames.value(name) > 1))
                         : name);
        // Instants of other states hide under the polling tick drawn at the same pixel.
        for (const Span& sp : lane.spans)
            if (sp.end > sp.start || sp.state == SpanState::Polling)
                m_statesPresent |= 1u << raw(sp.state);
        m_anyDone = m_anyDone || lane.doneNs >= 0;
    }
    for (const WakeArrow& w : model->wakes)
        m_maxWakeLatency = std::max<qint64>(m_maxWakeLatency, w.pollT - w.t);
}

void TimelineRenderer::setOptions(const TimelineRenderOptions& options)
{
    if (options.scale != m_options.scale)
        m_labelWidthCache = -1;
    m_options = options;
    m_palette = options.dark ? TimelinePalette::dark() : TimelinePalette::light();
}

QFont TimelineRenderer::font(double pixelSize, bool bold) const
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    f.setPixelSize(std::max(1, px(pixelSize, m_options.scale)));
    f.setBold(bold);
    return f;
}

QString TimelineRenderer::laneLabel(int lane) const
{
    return lane >= 0 && lane < m_labels.size() ? m_labels[lane] : QString();
}

int TimelineRenderer::threadLane(std::uint32_t thread) const
{
    return thread < m_laneOfThread.size() ? m_laneOfThread[thread] : -1;
}

int TimelineRenderer::taskLane(std::uint32_t task) const
{
    return task < m_laneOfTask.size() ? m_laneOfTask[task] : -1;
}

int TimelineRenderer::labelColumnWidth(int totalWidth) const
{
    const double s = m_options.scale;
    if (m_labelWidthCache < 0) {
        const QFontMetricsF fm(font(kLabelFontPx, true));
        double w = fm.horizontalAdvance(QStringLiteral("THREADS"));
        // Thousands of task lanes: measuring the first few hundred is enough for the column.
        const int n = std::min<int>(static_cast<int>(m_labels.size()), 500);
        for (int i = 0; i < n; ++i)
            w = std::max(w, fm.horizontalAdvance(m_labels[i]));
        m_labelWidthCache = static_cast<int>(std::ceil(w));
    }
    const int wanted = std::max(m_labelWidthCache + px(20, s), px(m_options.minLabelWidth, s));
    return std::clamp(wanted, px(70, s), std::max(px(70, s), totalWidth * 3 / 10));
}

std::vector<int> TimelineRenderer::legendEntries(bool withFolds) const
{
    // A legend for what is in the picture: a slide about two tasks needs no "stalled" entry.
    std::vector<int> out;
    const bool model = m_model != nullptr;
    for (int i = 0; i < static_cast<int>(std::size(kLegend)); ++i) {
        bool show = true;
        switch (kLegend[i].swatch) {
        case Swatch::Polling:
            show = !model || (m_statesPresent & (1u << raw(SpanState::Polling)));
            break;
        case Swatch::Blocked:
            show = !model || (m_statesPresent & (1u << raw(SpanState::Blocked)));
            break;
        case Swatch::Queued:
            show = !model || (m_statesPresent & (1u << raw(SpanState::Queued)));
            break;
        case Swatch::Pending:
            show = !model || (m_statesPresent & (1u << raw(SpanState::Pending)));
            break;
        case Swatch::Stalled:
            show = !model || (m_statesPresent & (1u << raw(SpanState::Stalled)));
            break;
        case Swatch::Parked:
            show = !model || (m_statesPresent & (1u << raw(SpanState::Parked)));
            break;
        case Swatch::Fold:
            show = withFolds;
            break;
        case Swatch::Wake:
            show = !model || (m_options.showWakes && !m_model->wakes.empty());
            break;
        case Swatch::Print:
            show = !model || !m_model->prints.empty();
            break;
        case Swatch::Done:
            show = !model || m_anyDone;
            break;
        case Swatch::Lock:
            show = model && hasSyncKind(*m_model, true);
            break;
        case Swatch::Channel:
            show = model && hasSyncKind(*m_model, false);
            break;
        }
        if (show)
            out.push_back(i);
    }
    return out;
}

int TimelineRenderer::legendHeight(int width) const
{
    const double s = m_options.scale;
    const QFontMetricsF fm(font(kLegendFontPx));
    const double rowH = fm.height() + px(6, s);
    double x = 0;
    int rows = 1;
    // Room for the folds' entry is kept whether or not this paint folds anything.
    for (int index : legendEntries(true)) {
        const LegendEntry& e = kLegend[index];
        const double w = px(24, s) + px(6, s) + fm.horizontalAdvance(QString::fromUtf8(e.text)) + px(18, s);
        if (x > 0 && x + w > width) {
            ++rows;
            x = 0;
        }
        x += w;
    }
    return static_cast<int>(std::ceil(rows * rowH));
}

TimelineRenderer::Layout TimelineRenderer::layout(const QRect& rect) const
{
    const double s = m_options.scale;
    Layout l;
    l.bounds = rect;
    const int pad = px(kPad, s);
    const int left = rect.left() + pad;
    const int right = rect.right() + 1 - pad;
    int y = rect.top() + pad;
    if (!m_options.title.isEmpty() || !m_options.subtitle.isEmpty()) {
        double h = 0;
        if (!m_options.title.isEmpty())
            h += QFontMetricsF(font(kTitlePx, true)).height();
        if (!m_options.subtitle.isEmpty())
            h += (h > 0 ? px(3, s) : 0) + QFontMetricsF(font(kSubtitlePx)).height();
        l.header = QRect(left, y, right - left, static_cast<int>(std::ceil(h)));
        y += l.header.height() + px(8, s);
    }
    l.labelWidth = labelColumnWidth(right - left);
    // A few pixels between the labels' edge and time 0, so that a tick at 0 is not hidden by it.
    const int plotLeft = left + l.labelWidth + px(kPlotInset, s);
    const int plotRight = std::max(plotLeft + 1, right - px(kRightRoom, s));
    l.ruler = QRect(plotLeft, y, plotRight - plotLeft, px(kRulerH, s));
    y += l.ruler.height();
    const int legendH = m_options.showLegend ? legendHeight(right - left) : 0;
    const int gap = legendH ? px(10, s) : 0;
    const int bottom = std::max(y, rect.bottom() + 1 - pad - legendH - gap);
    l.lanes = QRect(left, y, right - left, bottom - y);
    l.plot = QRect(plotLeft, y, plotRight - plotLeft, bottom - y);
    if (legendH)
        l.legend = QRect(left, bottom + gap, right - left, legendH);
    l.laneHeight = std::max(8, px(m_options.laneHeight, s));
    l.labelBand = m_options.printLabels ? px(kPrintBand, s) : 0;
    l.threadLaneHeight = l.laneHeight + l.labelBand;
    l.groupHeight = px(kCaptionH, s);
    const int nLanes = m_model ? static_cast<int>(m_model->lanes.size()) : 0;
    l.contentHeight = nLanes ? laneTop(l, nLanes - 1) + laneHeight(l, nLanes - 1) + px(4, s) : 0;
    l.scrollPx = std::clamp(m_options.laneScrollPx, 0, std::max(0, l.contentHeight - l.lanes.height()));
    return l;
}

int TimelineRenderer::preferredHeight(int width) const
{
    const Layout l = layout(QRect(0, 0, width, 1));
    const int legend = m_options.showLegend ? legendHeight(l.lanes.width()) + px(10, m_options.scale) : 0;
    return l.lanes.top() + l.contentHeight + legend + px(kPad, m_options.scale);
}

int TimelineRenderer::laneTop(const Layout& l, int lane) const
{
    const int nThreads = m_threadLanes;
    if (lane < nThreads)
        return l.groupHeight + lane * l.threadLaneHeight;
    const int threadsBlock = nThreads ? l.groupHeight + nThreads * l.threadLaneHeight : 0;
    return threadsBlock + l.groupHeight + (lane - nThreads) * l.laneHeight;
}

int TimelineRenderer::laneHeight(const Layout& l, int lane) const
{
    return lane < m_threadLanes ? l.threadLaneHeight : l.laneHeight;
}

int TimelineRenderer::laneAt(int y) const
{
    const Layout& l = m_layout;
    if (!m_model || y < l.lanes.top() || y > l.lanes.bottom())
        return -1;
    int c = y - l.lanes.top() + l.scrollPx;
    const int nThreads = m_threadLanes;
    const int nLanes = static_cast<int>(m_model->lanes.size());
    const int threadsBlock = nThreads ? l.groupHeight + nThreads * l.threadLaneHeight : 0;
    if (c < threadsBlock) {
        c -= l.groupHeight;
        return c < 0 ? -1 : c / l.threadLaneHeight;
    }
    c -= threadsBlock + l.groupHeight;
    if (c < 0 || l.laneHeight <= 0)
        return -1;
    const int lane = nThreads + c / l.laneHeight;
    return lane < nLanes ? lane : -1;
}

int TimelineRenderer::firstVisibleLane(const Layout& l) const
{
    int lane = laneAt(l.lanes.top());
    if (lane < 0) // the top of the lane area is a caption: the lane after it
        lane = laneAt(l.lanes.top() + l.groupHeight);
    return std::max(0, lane);
}

QRect TimelineRenderer::laneRect(int lane) const
{
    const Layout& l = m_layout;
    if (!m_model || lane < 0 || lane >= static_cast<int>(m_model->lanes.size()))
        return {};
    const QRect r(l.lanes.left(), l.lanes.top() - l.scrollPx + laneTop(l, lane), l.lanes.width(), laneHeight(l, lane));
    return r.intersected(l.lanes);
}

QRectF TimelineRenderer::bodyRect(const Layout& l, int lane, double x1, double x2) const
{
    const int pad = std::max(px(kLanePadV, m_options.scale), l.laneHeight / 6);
    const int top = l.lanes.top() - l.scrollPx + laneTop(l, lane) + (lane < m_threadLanes ? l.labelBand : 0) + pad;
    return QRectF(x1, top, x2 - x1, l.laneHeight - 2 * pad);
}

// ---- draw list ----------------------------------------------------------------------------

void TimelineRenderer::buildDrawList(const Layout& l)
{
    m_items.clear();
    m_foldItems = 0;
    m_lanesDrawn = 0;
    if (!m_model || l.plot.width() <= 0)
        return;
    const double nsPerPx = m_axis.nsPerPx();
    // A couple of pixels beyond both edges, so that ticks on the edges are drawn.
    const qint64 tLo = m_axis.startNs - static_cast<qint64>(std::ceil(2 * nsPerPx));
    const qint64 tHi = m_axis.endNs + static_cast<qint64>(std::ceil(2 * nsPerPx));
    const int first = firstVisibleLane(l);
    for (int lane = first; lane < static_cast<int>(m_model->lanes.size()); ++lane) {
        const int top = l.lanes.top() - l.scrollPx + laneTop(l, lane);
        if (top > l.lanes.bottom())
            break;
        if (top + laneHeight(l, lane) <= l.lanes.top())
            continue;
        ++m_lanesDrawn;
        buildLaneItems(lane, tLo, tHi);
    }
}

void TimelineRenderer::buildLaneItems(int laneIndex, qint64 tLo, qint64 tHi)
{
    const Lane& lane = m_model->lanes[static_cast<std::size_t>(laneIndex)];
    const std::vector<Span>& spans = lane.spans;
    const std::size_t n = spans.size();
    const double nsPerPx = m_axis.nsPerPx();
    const qint64 foldNs = static_cast<qint64>(std::ceil(kFoldPx * nsPerPx));
    const bool threadLane = lane.kind == Lane::Kind::Thread;
    const quint32 selected = m_options.selectedTask;
    auto narrow = [&](const Span& s) { return static_cast<double>(s.end - s.start) < kFoldPx * nsPerPx; };
    auto isSelected = [&](const Span& s) {
        return threadLane && selected != TimelineRenderOptions::kNoTask && s.task == selected;
    };
    auto endingAfter = [&](std::size_t from, qint64 t) {
        return static_cast<std::size_t>(std::lower_bound(spans.begin() + static_cast<std::ptrdiff_t>(from), spans.end(),
                                                         t, [](const Span& s, qint64 v) { return s.end <= v; }) -
                                        spans.begin());
    };

    std::size_t i = endingAfter(0, tLo - 1); // end >= tLo: instants on the left edge count
    while (i < n && spans[i].start <= tHi) {
        const Span& s = spans[i];
        DrawItem item;
        item.lane = laneIndex;
        item.state = raw(s.state);
        item.selected = isSelected(s);
        item.first = static_cast<std::uint32_t>(i);
        item.last = item.first + 1;
        if (!narrow(s)) {
            item.x1 = m_axis.mapTimeToX(s.start);
            item.x2 = m_axis.mapTimeToX(s.end);
            m_items.push_back(item);
            ++i;
            continue;
        }
        if (s.state == SpanState::Parked) { // a short idle gap: nothing to see
            ++i;
            continue;
        }
        // Fold s with the narrow spans that follow it closely.
        qint64 startNs = s.start;
        qint64 endNs = s.end;
        unsigned mask = 1u << raw(s.state);
        bool unknown = false;
        ++i;
        while (i < n && endNs <= tHi) {
            const qint64 limit = endNs + foldNs;
            const std::size_t j = endingAfter(i, limit);
            if (j > i) { // spans[i, j) all end within kFoldPx of the fold: narrow and close
                if (j - i <= kScanRun) {
                    for (std::size_t k = i; k < j; ++k) {
                        if (spans[k].state == SpanState::Parked)
                            continue;
                        ++item.count;
                        mask |= 1u << raw(spans[k].state);
                        item.selected = item.selected || isSelected(spans[k]);
                    }
                } else {
                    item.count += static_cast<quint32>(j - i); // jumped over: states unknown
                    unknown = true;
                }
                endNs = std::max<qint64>(endNs, spans[j - 1].end);
                i = j;
                continue;
            }
            const Span& next = spans[i];
            if (next.state == SpanState::Parked || !narrow(next) || next.start > limit)
                break;
            ++item.count;
            mask |= 1u << raw(next.state);
            item.selected = item.selected || isSelected(next);
            endNs = std::max<qint64>(endNs, next.end);
            ++i;
        }
        item.last = static_cast<std::uint32_t>(i);
        item.x1 = m_axis.mapTimeToX(startNs);
        item.x2 = m_axis.mapTimeToX(endNs);
        item.folded = item.count > 1;
        item.mixed = unknown || (mask & (mask - 1)) != 0;
        item.state = mostTelling(mask);
        // One short span, or a cluster of instants: a tick, coloured by what matters most.
        item.instant = !item.folded || item.x2 - item.x1 < kFoldPx;
        if (item.folded && !item.instant)
            ++m_foldItems;
        m_items.push_back(item);
    }
}

// ---- painting -----------------------------------------------------------------------------

void TimelineRenderer::paint(QPainter& p, const QRect& rect, const TimeAxis& axis)
{
    const Layout l = layout(rect);
    m_layout = l;
    m_axis = axis;
    m_axis.x0 = l.plot.left();
    m_axis.width = std::max(1, l.plot.width());
    m_wakesDrawn = 0;
    buildDrawList(l);

    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    drawBackground(p, l);
    drawHeader(p, l);
    if (m_model) {
        p.save();
        // Spans stop at the plot's edges; markers and arrows may reach a little past them.
        const int slack = px(2, m_options.scale); // half a tick at time 0
        p.setClipRect(QRect(l.plot.left() - slack, l.lanes.top(),
                            l.plot.width() + slack + px(kRightRoom, m_options.scale), l.lanes.height()));
        drawItems(p, l);
        drawDoneMarks(p, l);
        drawPrints(p, l);
        drawSyncMarks(p, l);
        if (m_options.showWakes)
            drawWakes(p, l);
        p.restore();
        drawLabels(p, l);
    }
    drawRuler(p, l);
    drawCursor(p, l);
    if (m_options.showLegend)
        drawLegend(p, l);
    p.restore();
}

void TimelineRenderer::drawBackground(QPainter& p, const Layout& l) const
{
    p.fillRect(l.bounds, m_palette.background);
    if (!m_model)
        return;
    const double s = m_options.scale;
    p.save();
    p.setClipRect(l.lanes);
    const int nLanes = static_cast<int>(m_model->lanes.size());
    for (int lane = firstVisibleLane(l); lane < nLanes; ++lane) {
        const int top = l.lanes.top() - l.scrollPx + laneTop(l, lane);
        if (top > l.lanes.bottom())
            break;
        const QRect r(l.lanes.left(), top, l.lanes.width(), laneHeight(l, lane));
        const Lane& ln = m_model->lanes[static_cast<std::size_t>(lane)];
        const bool selected = ln.kind == Lane::Kind::Task && ln.id == m_options.selectedTask;
        const int inGroup = lane < m_threadLanes ? lane : lane - m_threadLanes;
        if (selected)
            p.fillRect(r, m_palette.selectedLane);
        else if (inGroup % 2 == 1)
            p.fillRect(r, m_palette.laneStripe);
    }
    // Grid: the ruler's major ticks carried down through the lanes.
    p.setPen(QPen(m_palette.grid, 1));
    for (const TimeTick& t : m_axis.ticks(px(60, s)))
        if (t.major)
            p.drawLine(QPointF(std::round(t.x) + 0.5, l.lanes.top()), QPointF(std::round(t.x) + 0.5, l.lanes.bottom()));
    // Group captions, and a separator above the tasks.
    const QFont caption = font(kCaptionFontPx, true);
    p.setFont(caption);
    const int nTasks = nLanes - m_threadLanes;
    auto captionAt = [&](int contentY, const QString& text, bool separator) {
        const int y = l.lanes.top() - l.scrollPx + contentY;
        const QRect r(l.lanes.left(), y, l.lanes.width(), l.groupHeight);
        p.fillRect(r, m_palette.background);
        if (separator) {
            p.setPen(QPen(m_palette.separator, std::max(1, px(1, s))));
            p.drawLine(r.left(), y + px(2, s), r.right(), y + px(2, s));
        }
        p.setPen(m_palette.mutedText);
        p.drawText(r.adjusted(px(6, s), separator ? px(4, s) : 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, text);
    };
    if (m_threadLanes)
        captionAt(0, QStringLiteral("THREADS (%1)").arg(m_threadLanes), false);
    if (nTasks)
        captionAt(laneTop(l, m_threadLanes) - l.groupHeight, QStringLiteral("TASKS (%1)").arg(nTasks),
                  m_threadLanes > 0);
    p.restore();
}

void TimelineRenderer::drawHeader(QPainter& p, const Layout& l) const
{
    if (l.header.isEmpty())
        return;
    int y = l.header.top();
    if (!m_options.title.isEmpty()) {
        const QFont f = font(kTitlePx, true);
        const QFontMetricsF fm(f);
        p.setFont(f);
        p.setPen(m_palette.text);
        p.drawText(QRectF(l.header.left(), y, l.header.width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(m_options.title, Qt::ElideRight, l.header.width()));
        y += static_cast<int>(std::ceil(fm.height())) + px(3, m_options.scale);
    }
    if (!m_options.subtitle.isEmpty()) {
        const QFont f = font(kSubtitlePx);
        const QFontMetricsF fm(f);
        p.setFont(f);
        p.setPen(m_palette.mutedText);
        p.drawText(QRectF(l.header.left(), y, l.header.width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(m_options.subtitle, Qt::ElideRight, l.header.width()));
    }
}

void TimelineRenderer::drawRuler(QPainter& p, const Layout& l) const
{
    const double s = m_options.scale;
    const QRect& r = l.ruler;
    const int base = r.bottom();
    p.save();
    p.setPen(QPen(m_palette.separator, 1));
    p.drawLine(r.left(), base, r.right(), base);
    const QFont f = font(kRulerFontPx);
    const QFontMetricsF fm(f);
    p.setFont(f);
    const double maxRight = r.right() + px(kRightRoom + kPad, s) - 1;
    for (const TimeTick& t : m_axis.ticks(px(60, s))) {
        const double x = std::round(t.x) + 0.5;
        p.setPen(QPen(t.major ? m_palette.mutedText : m_palette.separator, 1));
        p.drawLine(QPointF(x, base - (t.major ? px(7, s) : px(3, s))), QPointF(x, base));
        if (!t.major)
            continue;
        const double w = fm.horizontalAdvance(t.label);
        const double lx = std::clamp(t.x - w / 2, static_cast<double>(r.left()) - px(kPad, s), maxRight - w);
        p.setPen(m_palette.text);
        p.drawText(QRectF(lx, r.top(), w + 1, base - px(8, s) - r.top()), Qt::AlignLeft | Qt::AlignBottom, t.label);
    }
    p.restore();
}

void TimelineRenderer::drawItems(QPainter& p, const Layout& l) const
{
    const double s = m_options.scale;
    const TimelinePalette& pal = m_palette;
    const QFont countFont = font(10);
    const QFontMetricsF countFm(countFont);
    p.setFont(countFont);
    // Zoomed in, a span can reach millions of pixels past the edges: cut it to the plot (plus a
    // margin that hides its ends), or its stripes alone would be millions of lines.
    const double lo = l.plot.left() - 8.0;
    const double hi = l.plot.right() + 8.0 + px(kRightRoom, s);
    auto snapped = [&](const DrawItem& it) {
        double a = std::floor(std::clamp(it.x1, lo, hi) + 0.5);
        double b = std::floor(std::clamp(it.x2, lo, hi) + 0.5);
        if (b - a >= 4)
            b -= 1; // a 1 px gap shows where one poll ends and the next starts
        return bodyRect(l, it.lane, a, std::max(b, a + 1));
    };
    // Plain spans first, folds over them, instant ticks on top of everything.
    for (const DrawItem& it : m_items) {
        if (it.folded || it.instant)
            continue;
        QRectF r = snapped(it);
        const auto state = static_cast<SpanState>(it.state);
        const QColor fill = pal.stateColor(state);
        switch (state) {
        case SpanState::Parked:
            p.fillRect(QRectF(r.left(), r.center().y() - std::max(1.0, s), r.width(), std::max(2, px(2, s))), fill);
            break;
        case SpanState::Pending: {
            const double h = std::max(4.0, r.height() * 0.36);
            r = QRectF(r.left(), r.center().y() - h / 2, r.width(), h);
            p.setPen(QPen(pal.pendingEdge, 1));
            p.setBrush(pal.pendingFill);
            p.drawRect(r.adjusted(0, 0, -1, -1));
            break;
        }
        default:
            p.setPen(r.width() >= 4 ? QPen(pal.edgeFor(fill), 1) : Qt::NoPen);
            p.setBrush(fill);
            p.drawRect(r.adjusted(0, 0, -1, -1));
            if (state == SpanState::Stalled) {
                p.setPen(QPen(pal.background, std::max(1.0, 1.5 * s)));
                p.drawLines(stripes(r.adjusted(1, 1, -1, -1), px(7, s)));
            }
        }
        if (it.selected) {
            p.setPen(QPen(pal.text, std::max(2, px(2, s))));
            p.setBrush(Qt::NoBrush);
            p.drawRect(r.adjusted(0, 0, -1, -1));
        }
    }
    for (const DrawItem& it : m_items) {
        if (!it.folded || it.instant)
            continue;
        const QRectF r = snapped(it);
        const QColor base = it.mixed ? pal.fold : pal.stateColor(static_cast<SpanState>(it.state));
        p.setPen(QPen(pal.edgeFor(base), 1));
        p.setBrush(base);
        p.drawRect(r.adjusted(0, 0, -1, -1));
        p.setPen(QPen(it.mixed ? pal.foldStripe : pal.edgeFor(base), std::max(1.0, s)));
        p.drawLines(stripes(r.adjusted(1, 1, -1, -1), px(5, s)));
        const QString count = QString::number(it.count);
        const double tw = countFm.horizontalAdvance(count) + px(8, s);
        if (r.width() >= tw + px(6, s) && r.height() >= countFm.height()) {
            const QRectF chip(r.center().x() - tw / 2, r.center().y() - countFm.height() / 2, tw, countFm.height());
            p.fillRect(chip, pal.background);
            p.setPen(pal.text);
            p.drawText(chip, Qt::AlignCenter, count);
        }
    }
    const double tickW = std::max(2, px(2, s));
    for (const DrawItem& it : m_items) {
        if (!it.instant)
            continue;
        const double x = std::floor((it.x1 + it.x2) / 2 - tickW / 2 + 0.5);
        QRectF r = bodyRect(l, it.lane, x, x + tickW);
        QColor c = it.mixed && it.folded && it.state == raw(SpanState::Parked)
                       ? pal.fold
                       : pal.stateColor(static_cast<SpanState>(it.state));
        // Pale states as a hairline would vanish: draw their ticks in the edge colour.
        if (it.state == raw(SpanState::Queued) || it.state == raw(SpanState::Pending))
            c = it.state == raw(SpanState::Pending) ? pal.pendingEdge : pal.edgeFor(c);
        if (it.selected)
            r.adjust(-1, -1, 1, 1);
        p.fillRect(r, it.selected ? pal.text : c);
    }
}

void TimelineRenderer::drawDoneMarks(QPainter& p, const Layout& l) const
{
    const double s = m_options.scale;
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    const int nLanes = static_cast<int>(m_model->lanes.size());
    for (int lane = std::max(m_threadLanes, firstVisibleLane(l)); lane < nLanes; ++lane) {
        const Lane& ln = m_model->lanes[static_cast<std::size_t>(lane)];
        const QRectF body = bodyRect(l, lane, 0, 0);
        if (body.top() > l.lanes.bottom())
            break;
        if (ln.doneNs < m_axis.startNs || ln.doneNs > m_axis.endNs)
            continue;
        const QPointF c(m_axis.mapTimeToX(ln.doneNs), body.center().y());
        const double r = 3.5 * s;
        if (ln.cancelled) {
            p.setPen(QPen(m_palette.doneMark, std::max(1.5, 2 * s)));
            p.drawLine(c + QPointF(-r, -r), c + QPointF(r, r));
            p.drawLine(c + QPointF(-r, r), c + QPointF(r, -r));
        } else {
            p.setPen(QPen(m_palette.background, std::max(1.0, 1.5 * s)));
            p.setBrush(m_palette.doneMark);
            p.drawEllipse(c, r, r);
        }
    }
    p.restore();
}

int TimelineRenderer::syncLane(const SyncMark& m) const
{
    return m.task != kNoTask ? taskLane(m.task) : threadLane(m.thread);
}

/// A lock or channel mark's glyph around `c`, `r` its half size: locked a filled square, waiting
/// a hollow square, unlocked an open bracket, a failed try_lock a cross, sent a filled
/// triangle pointing right, received a hollow one pointing left. Shapes, not colours, tell
/// them apart.
static void drawSyncGlyph(QPainter& p, SyncMark::Kind kind, QPointF c, double r, const QColor& ink,
                          const QColor& background)
{
    const QRectF box(c.x() - r, c.y() - r, 2 * r, 2 * r);
    const double w = std::max(1.0, r / 2.5);
    switch (kind) {
    case SyncMark::Kind::LockAcquire:
        p.setPen(QPen(background, 1));
        p.setBrush(ink);
        p.drawRect(box);
        break;
    case SyncMark::Kind::LockWait:
        p.setPen(QPen(ink, w));
        p.setBrush(background);
        p.drawRect(box.adjusted(w / 2, w / 2, -w / 2, -w / 2));
        break;
    case SyncMark::Kind::LockRelease: {
        p.setPen(QPen(ink, w));
        p.setBrush(Qt::NoBrush);
        QPainterPath open; // a square missing its top: the shackle lifted
        open.moveTo(box.left(), box.top());
        open.lineTo(box.left(), box.bottom());
        open.lineTo(box.right(), box.bottom());
        open.lineTo(box.right(), box.top() + r);
        p.drawPath(open);
        break;
    }
    case SyncMark::Kind::TryLockFail:
        p.setPen(QPen(ink, w));
        p.drawLine(box.topLeft(), box.bottomRight());
        p.drawLine(box.bottomLeft(), box.topRight());
        break;
    case SyncMark::Kind::Send:
    case SyncMark::Kind::Recv: {
        const bool send = kind == SyncMark::Kind::Send;
        QPainterPath tri;
        tri.moveTo(send ? box.left() : box.right(), box.top());
        tri.lineTo(send ? box.right() : box.left(), c.y());
        tri.lineTo(send ? box.left() : box.right(), box.bottom());
        tri.closeSubpath();
        p.setPen(QPen(send ? background : ink, send ? 1 : w));
        p.setBrush(send ? ink : background);
        p.drawPath(tri);
        break;
    }
    }
}

void TimelineRenderer::drawSyncMarks(QPainter& p, const Layout& l) const
{
    const auto& marks = m_model->syncMarks;
    if (marks.empty())
        return;
    const double s = m_options.scale;
    const qint64 slack = static_cast<qint64>(std::ceil(6 * s * m_axis.nsPerPx()));
    auto it = std::lower_bound(marks.begin(), marks.end(), m_axis.startNs - slack,
                               [](const SyncMark& m, qint64 t) { return m.t < t; });
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    const double r = 3.6 * s;
    double lastX = -1e9;
    int lastLane = -1;
    for (; it != marks.end() && it->t <= m_axis.endNs + slack; ++it) {
        const int lane = syncLane(*it);
        if (lane < 0)
            continue;
        const double x = std::round(m_axis.mapTimeToX(it->t));
        if (lane == lastLane && std::abs(x - lastX) < r) // one glyph per lane and few pixels
            continue;
        const QRectF body = bodyRect(l, lane, x, x);
        if (body.bottom() < l.lanes.top() || body.top() > l.lanes.bottom())
            continue;
        drawSyncGlyph(p, it->kind, QPointF(x, body.bottom()), r, m_palette.sync, m_palette.background);
        lastX = x;
        lastLane = lane;
    }
    p.restore();
}

void TimelineRenderer::drawPrints(QPainter& p, const Layout& l) const
{
    const auto& prints = m_model->prints;
    if (prints.empty())
        return;
    const double s = m_options.scale;
    const qint64 slack = static_cast<qint64>(std::ceil(6 * s * m_axis.nsPerPx()));
    auto from = std::lower_bound(prints.begin(), prints.end(), m_axis.startNs - slack,
                                 [](const PrintMark& m, qint64 t) { return m.t < t; });
    // Group the marks by lane and pixel: one triangle per group, the texts joined for a label.
    struct Group {
        int lane;
        double x;
        QStringList texts;
    };
    std::vector<Group> groups;
    std::vector<int> lastGroupOfLane(static_cast<std::size_t>(m_threadLanes), -1);
    for (auto it = from; it != prints.end() && it->t <= m_axis.endNs + slack; ++it) {
        const int lane = threadLane(it->thread);
        if (lane < 0 || lane >= m_threadLanes)
            continue;
        const double x = std::round(m_axis.mapTimeToX(it->t));
        int& last = lastGroupOfLane[static_cast<std::size_t>(lane)];
        if (last >= 0 && std::abs(groups[static_cast<std::size_t>(last)].x - x) < 2) {
            if (groups[static_cast<std::size_t>(last)].texts.size() < 4)
                groups[static_cast<std::size_t>(last)].texts << QString::fromStdString(it->text);
            continue;
        }
        last = static_cast<int>(groups.size());
        groups.push_back({lane, x, {QString::fromStdString(it->text)}});
    }
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    const double w = 4.5 * s;
    const double h = 6 * s;
    const bool labels = m_options.printLabels && l.labelBand > 0 && static_cast<int>(groups.size()) <= kMaxPrintLabels;
    const QFont f = font(kPrintFontPx);
    const QFontMetricsF fm(f);
    p.setFont(f);
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const Group& gr = groups[g];
        const QRectF body = bodyRect(l, gr.lane, gr.x, gr.x);
        if (body.bottom() < l.lanes.top() || body.top() > l.lanes.bottom())
            continue;
        const double tipY = body.top() + 1 * s;
        QPainterPath tri;
        tri.moveTo(gr.x - w, tipY - h);
        tri.lineTo(gr.x + w, tipY - h);
        tri.lineTo(gr.x, tipY);
        tri.closeSubpath();
        p.setPen(QPen(m_palette.background, std::max(1.0, s)));
        p.setBrush(m_palette.print);
        p.drawPath(tri);
        if (!labels)
            continue;
        // The label runs right from the marker to the next marker on the lane.
        double room = l.plot.right() + px(kRightRoom, s) - gr.x;
        for (std::size_t k = g + 1; k < groups.size(); ++k)
            if (groups[k].lane == gr.lane) {
                room = groups[k].x - gr.x;
                break;
            }
        room -= w + 6 * s;
        if (room < 24 * s)
            continue;
        const QString text = fm.elidedText(gr.texts.join(QStringLiteral(" \u00b7 ")), Qt::ElideRight, room);
        const QRectF tr(gr.x + w + 1 * s, tipY - h - fm.height() * 0.72, room, fm.height());
        p.setPen(m_palette.text);
        p.drawText(tr, Qt::AlignLeft | Qt::AlignVCenter, text);
    }
    p.restore();
}

void TimelineRenderer::drawWakes(QPainter& p, const Layout& l)
{
    const auto& wakes = m_model->wakes;
    if (wakes.empty())
        return;
    const double s = m_options.scale;
    auto from = std::lower_bound(wakes.begin(), wakes.end(), m_axis.startNs - m_maxWakeLatency,
                                 [](const WakeArrow& w, qint64 t) { return w.t < t; });
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    // Opaque and cosmetic: a translucent or wide antialiased stroke costs ~50x more in the raster
    // engine, and thousands of arrows can be on screen. One logical pixel at any pixel ratio.
    const QColor c = m_palette.wake;
    QPen pen(c, std::max(1.0, std::round(s * p.device()->devicePixelRatioF())), Qt::SolidLine, Qt::RoundCap);
    pen.setCosmetic(true);
    const double head = 5 * s;
    auto visible = [&](const WakeArrow& w) {
        return (w.pollT >= 0 ? w.pollT : w.t) >= m_axis.startNs && taskLane(w.toTask) >= 0;
    };
    // Past kMaxWakeArrows the arrows are a smear: then only the selected task's are drawn.
    int inView = 0;
    for (auto it = from; it != wakes.end() && it->t <= m_axis.endNs && inView <= kMaxWakeArrows; ++it)
        inView += visible(*it) ? 1 : 0;
    const bool crowded = inView > kMaxWakeArrows;
    const double farLeft = l.plot.left() - 2.0 * l.plot.width();
    const double farRight = l.plot.right() + 2.0 * l.plot.width();
    const quint32 selected = m_options.selectedTask;
    if (crowded && selected == TimelineRenderOptions::kNoTask) {
        p.restore();
        return;
    }
    for (auto it = from; it != wakes.end() && it->t <= m_axis.endNs; ++it) {
        if (!visible(*it) || (crowded && it->toTask != selected && it->fromTask != selected))
            continue;
        const qint64 pollT = it->pollT >= 0 ? it->pollT : it->t;
        const int to = taskLane(it->toTask);
        if (m_wakesDrawn >= kMaxWakeArrows)
            break;
        int fromLane = it->fromTask != kNoTask ? taskLane(it->fromTask) : -1;
        if (fromLane < 0)
            fromLane = threadLane(it->fromThread);
        // Far off-screen ends are pulled in: the raster engine dislikes huge coordinates.
        const double x1 = std::clamp(m_axis.mapTimeToX(it->t), farLeft, farRight);
        const double x2 = std::clamp(m_axis.mapTimeToX(pollT), farLeft, farRight);
        const QRectF target = bodyRect(l, to, x2, x2);
        QPainterPath path;
        QPointF end;
        QPointF dir;          // the way the arrowhead points
        if (fromLane == to) { // a task waking itself (yield_now): a small hop over the lane
            const QPointF a(x1, target.top());
            end = QPointF(x2, target.top());
            path.moveTo(a);
            path.cubicTo(a + QPointF(-6 * s, -10 * s), end + QPointF(6 * s, -10 * s), end);
            dir = QPointF(0, 1);
        } else {
            QPointF start;
            bool down = true;
            if (fromLane < 0) { // woken from outside any lane (the timer driver): a stub from above
                start = QPointF(x1, target.top() - 12 * s);
            } else {
                // From the waker's edge that faces the wakee: the curve runs along the gap
                // between lanes rather than striking through the waker's spans.
                const QRectF from = bodyRect(l, fromLane, x1, x1);
                down = from.top() < target.top();
                start = QPointF(x1, down ? from.bottom() : from.top());
            }
            end = QPointF(x2, down ? target.top() : target.bottom());
            // Leave the waker sideways, arrive vertically: readable even when x1 == x2.
            const QPointF c1(x1 + (x2 - x1) * 0.5, start.y());
            const QPointF c2(x2, start.y() + (end.y() - start.y()) * 0.5);
            path.moveTo(start);
            path.cubicTo(c1, c2, end);
            dir = QPointF(0, down ? 1 : -1);
            if (fromLane < 0) {
                p.setPen(QPen(c, std::max(1.0, s)));
                p.setBrush(m_palette.background);
                p.drawEllipse(start, 2.5 * s, 2.5 * s);
            }
        }
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        QPainterPath arrow;
        const QPointF side(-dir.y(), dir.x());
        arrow.moveTo(end);
        arrow.lineTo(end - dir * head + side * head * 0.55);
        arrow.lineTo(end - dir * head - side * head * 0.55);
        arrow.closeSubpath();
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        p.drawPath(arrow);
        ++m_wakesDrawn;
    }
    p.restore();
}

void TimelineRenderer::drawLabels(QPainter& p, const Layout& l) const
{
    const double s = m_options.scale;
    p.save();
    p.setClipRect(l.lanes);
    const QFont normal = font(kLabelFontPx);
    const QFont bold = font(kLabelFontPx, true);
    const QFontMetricsF fm(normal);
    const int nLanes = static_cast<int>(m_model->lanes.size());
    for (int lane = firstVisibleLane(l); lane < nLanes; ++lane) {
        const QRectF body = bodyRect(l, lane, l.lanes.left(), l.plot.left());
        if (body.top() > l.lanes.bottom())
            break;
        const Lane& ln = m_model->lanes[static_cast<std::size_t>(lane)];
        const bool selected = ln.kind == Lane::Kind::Task && ln.id == m_options.selectedTask;
        p.setFont(selected ? bold : normal);
        p.setPen(m_palette.text);
        const QRectF r(l.lanes.left() + px(8, s), body.top(), l.labelWidth - px(16, s), body.height());
        p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(m_labels[lane], Qt::ElideRight, r.width()));
    }
    p.setPen(QPen(m_palette.separator, 1));
    const int edge = l.plot.left() - px(kPlotInset, s);
    p.drawLine(edge, l.lanes.top(), edge, l.lanes.bottom());
    p.restore();
}

void TimelineRenderer::drawCursor(QPainter& p, const Layout& l) const
{
    const qint64 t = m_options.cursorNs;
    if (t < 0 || t < m_axis.startNs || t > m_axis.endNs)
        return;
    const double s = m_options.scale;
    const double x = std::round(m_axis.mapTimeToX(t)) + 0.5;
    p.save();
    p.setPen(QPen(m_palette.cursor, std::max(1.0, 1.5 * s)));
    p.drawLine(QPointF(x, l.ruler.top() + px(2, s)), QPointF(x, l.lanes.bottom()));
    const QFont f = font(kRulerFontPx, true);
    const QFontMetricsF fm(f);
    const QString label = TimeAxis::formatDuration(t);
    const double w = fm.horizontalAdvance(label) + px(10, s);
    const double left = std::clamp(x - w / 2, static_cast<double>(l.ruler.left()) - px(kPad, s),
                                   l.ruler.right() + px(kRightRoom, s) - w);
    const QRectF tag(left, l.ruler.top(), w, fm.height() + px(2, s));
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(Qt::NoPen);
    p.setBrush(m_palette.cursor);
    p.drawRoundedRect(tag, 3 * s, 3 * s);
    p.setFont(f);
    p.setPen(m_palette.background);
    p.drawText(tag, Qt::AlignCenter, label);
    p.restore();
}

void TimelineRenderer::drawLegend(QPainter& p, const Layout& l) const
{
    const double s = m_options.scale;
    const TimelinePalette& pal = m_palette;
    const QFont f = font(kLegendFontPx);
    const QFontMetricsF fm(f);
    const double rowH = fm.height() + px(6, s);
    const double sw = px(24, s);
    const double sh = px(12, s);
    p.save();
    p.setFont(f);
    double x = l.legend.left();
    double y = l.legend.top();
    for (int index : legendEntries(m_foldItems > 0)) {
        const LegendEntry& e = kLegend[index];
        const QString text = QString::fromUtf8(e.text);
        const double w = sw + px(6, s) + fm.horizontalAdvance(text) + px(18, s);
        if (x > l.legend.left() && x + w > l.legend.right()) {
            x = l.legend.left();
            y += rowH;
        }
        const QRectF box(x, y + (rowH - sh) / 2, sw, sh);
        p.setRenderHint(QPainter::Antialiasing, false);
        switch (e.swatch) {
        case Swatch::Polling:
        case Swatch::Blocked:
        case Swatch::Queued:
        case Swatch::Stalled: {
            const SpanState st = e.swatch == Swatch::Polling   ? SpanState::Polling
                                 : e.swatch == Swatch::Blocked ? SpanState::Blocked
                                 : e.swatch == Swatch::Queued  ? SpanState::Queued
                                                               : SpanState::Stalled;
            p.setPen(QPen(pal.edgeFor(pal.stateColor(st)), 1));
            p.setBrush(pal.stateColor(st));
            p.drawRect(box.adjusted(0, 0, -1, -1));
            if (st == SpanState::Stalled) {
                p.setPen(QPen(pal.background, std::max(1.0, 1.5 * s)));
                p.drawLines(stripes(box.adjusted(1, 1, -1, -1), px(7, s)));
            }
            break;
        }
        case Swatch::Pending: {
            const QRectF r(box.left(), box.center().y() - sh * 0.2, sw, sh * 0.4);
            p.setPen(QPen(pal.pendingEdge, 1));
            p.setBrush(pal.pendingFill);
            p.drawRect(r.adjusted(0, 0, -1, -1));
            break;
        }
        case Swatch::Parked:
            p.fillRect(QRectF(box.left(), box.center().y() - s, sw, std::max(2, px(2, s))), pal.parked);
            break;
        case Swatch::Fold:
            p.setPen(QPen(pal.edgeFor(pal.fold), 1));
            p.setBrush(pal.fold);
            p.drawRect(box.adjusted(0, 0, -1, -1));
            p.setPen(QPen(pal.foldStripe, std::max(1.0, s)));
            p.drawLines(stripes(box.adjusted(1, 1, -1, -1), px(5, s)));
            break;
        case Swatch::Wake: {
            p.setRenderHint(QPainter::Antialiasing, true);
            const QColor c = pal.wake;
            p.setPen(QPen(c, std::max(1.0, s)));
            const double ym = box.center().y();
            p.drawLine(QPointF(box.left(), ym), QPointF(box.right() - 4 * s, ym));
            QPainterPath a;
            a.moveTo(box.right(), ym);
            a.lineTo(box.right() - 5 * s, ym - 2.75 * s);
            a.lineTo(box.right() - 5 * s, ym + 2.75 * s);
            a.closeSubpath();
            p.setPen(Qt::NoPen);
            p.setBrush(c);
            p.drawPath(a);
            break;
        }
        case Swatch::Print: {
            p.setRenderHint(QPainter::Antialiasing, true);
            QPainterPath tri;
            const double cx = box.center().x();
            tri.moveTo(cx - 4.5 * s, box.top());
            tri.lineTo(cx + 4.5 * s, box.top());
            tri.lineTo(cx, box.top() + 6 * s);
            tri.closeSubpath();
            p.setPen(Qt::NoPen);
            p.setBrush(pal.print);
            p.drawPath(tri);
            break;
        }
        case Swatch::Done:
            p.setRenderHint(QPainter::Antialiasing, true);
            p.setPen(Qt::NoPen);
            p.setBrush(pal.doneMark);
            p.drawEllipse(box.center(), 3.5 * s, 3.5 * s);
            break;
        case Swatch::Lock:
        case Swatch::Channel: {
            p.setRenderHint(QPainter::Antialiasing, true);
            const std::vector<SyncMark::Kind> kinds =
                e.swatch == Swatch::Lock
                    ? std::vector{SyncMark::Kind::LockAcquire, SyncMark::Kind::LockWait, SyncMark::Kind::LockRelease}
                    : std::vector{SyncMark::Kind::Send, SyncMark::Kind::Recv};
            const double step = box.width() / static_cast<double>(kinds.size());
            for (std::size_t k = 0; k < kinds.size(); ++k)
                drawSyncGlyph(p, kinds[k],
                              QPointF(box.left() + step * (static_cast<double>(k) + 0.5), box.center().y()), 2.8 * s,
                              pal.sync, pal.background);
            break;
        }
        }
        p.setPen(pal.text);
        p.drawText(QRectF(x + sw + px(6, s), y, w, rowH), Qt::AlignLeft | Qt::AlignVCenter, text);
        x += w;
    }
    p.restore();
}

// ---- hit-testing --------------------------------------------------------------------------

TimelineHit TimelineRenderer::spanAt(const QPoint& pos) const
{
    TimelineHit hit;
    const Layout& l = m_layout;
    const int lane = laneAt(pos.y());
    if (lane < 0)
        return hit;
    hit.lane = lane;
    if (pos.x() < l.plot.left() || pos.x() > l.plot.right() + px(kRightRoom, m_options.scale))
        return hit;
    const double s = m_options.scale;
    const double x = pos.x();
    const QRectF body = bodyRect(l, lane, 0, 0);

    // Lock and channel marks sit on the bottom edge of the lane's body.
    if (!m_model->syncMarks.empty() && std::abs(pos.y() - body.bottom()) <= 4 * s) {
        const auto& marks = m_model->syncMarks;
        const qint64 a = m_axis.mapXToTime(x - 4 * s);
        const qint64 b = m_axis.mapXToTime(x + 4 * s);
        auto it = std::lower_bound(marks.begin(), marks.end(), a, [](const SyncMark& m, qint64 t) { return m.t < t; });
        for (; it != marks.end() && it->t <= b; ++it)
            if (syncLane(*it) == lane)
                hit.prints.push_back(static_cast<int>(it - marks.begin()));
        if (!hit.prints.empty()) {
            hit.kind = TimelineHit::Kind::Sync;
            return hit;
        }
    }
    // println! markers sit on the top edge of the lane's body.
    if (lane < m_threadLanes && pos.y() <= body.top() + 3 * s) {
        const auto& prints = m_model->prints;
        const qint64 a = m_axis.mapXToTime(x - 5 * s);
        const qint64 b = m_axis.mapXToTime(x + 5 * s);
        auto it =
            std::lower_bound(prints.begin(), prints.end(), a, [](const PrintMark& m, qint64 t) { return m.t < t; });
        for (; it != prints.end() && it->t <= b; ++it)
            if (threadLane(it->thread) == lane)
                hit.prints.push_back(static_cast<int>(it - prints.begin()));
        if (!hit.prints.empty()) {
            hit.kind = TimelineHit::Kind::Print;
            return hit;
        }
    }
    // Folds and ticks are what was drawn on top, so they win.
    const double tickSlack = 2 * s;
    for (const DrawItem& it : m_items) {
        if (it.lane != lane || !(it.folded || it.instant))
            continue;
        const bool inside = it.instant ? std::abs((it.x1 + it.x2) / 2 - x) <= tickSlack : x >= it.x1 && x <= it.x2;
        if (!inside)
            continue;
        // A tick for a few instants (a wake, its queueing and its poll at one pixel): the span
        // whose colour the tick shows.
        if (it.instant && it.last - it.first <= 64) {
            const auto& spans = m_model->lanes[static_cast<std::size_t>(lane)].spans;
            for (std::uint32_t k = it.first; k < it.last; ++k)
                if (raw(spans[k].state) == it.state) {
                    hit.kind = TimelineHit::Kind::Span;
                    hit.span = static_cast<int>(k);
                    return hit;
                }
        }
        if (it.folded) {
            hit.kind = TimelineHit::Kind::Fold;
            hit.foldCount = it.count;
            hit.foldStartNs = m_axis.mapXToTime(it.x1);
            hit.foldEndNs = m_axis.mapXToTime(it.x2);
            return hit;
        }
    }
    const auto& spans = m_model->lanes[static_cast<std::size_t>(lane)].spans;
    const qint64 t = m_axis.mapXToTime(x);
    const qint64 slack = static_cast<qint64>(std::ceil(tickSlack * m_axis.nsPerPx()));
    std::size_t i = firstSpanEndingAfter(spans, t - slack - 1);
    int best = -1;
    qint64 bestDistance = 0;
    for (int guard = 0; i < spans.size() && spans[i].start <= t + slack && guard < 64; ++i, ++guard) {
        const Span& sp = spans[i];
        qint64 d = sp.start <= t && t < sp.end ? 0 : std::min(std::abs(sp.start - t), std::abs(sp.end - t));
        if (sp.end - sp.start < slack)
            d = std::max<qint64>(0, d - 1); // ticks are drawn over longer spans: prefer them
        if (sp.state == SpanState::Parked)
            d += slack + 1; // an idle gap loses to anything real
        if (best < 0 || d < bestDistance) {
            best = static_cast<int>(i);
            bestDistance = d;
        }
    }
    if (best >= 0) {
        hit.kind = TimelineHit::Kind::Span;
        hit.span = best;
    }
    return hit;
}

} // namespace pw::gui
