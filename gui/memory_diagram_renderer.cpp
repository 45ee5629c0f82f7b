#include "memory_diagram_renderer.h"

#include "paint_helpers.h"

#include "sim/memory/memory_state.h"

#include <QFont>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QTransform>

#include <algorithm>
#include <cmath>

namespace pw::gui {

using memory::MemoryError;
using memory::MemoryField;
using memory::MemoryObject;
using memory::MemoryStep;
using memory::PointerKind;

namespace {

// Sizes at scale 1, in logical pixels: a 1280 px wide slide, or a tab in the app.
constexpr double kPad = 24;
constexpr double kTitlePx = 20;
constexpr double kTitleH = 32;
constexpr double kStepPx = 13;
constexpr double kSourcePx = 14;
constexpr double kSourceH = 28;
constexpr double kTextPx = 13;
constexpr double kTextH = 21;
constexpr int kMaxPrinted = 3;
constexpr double kCaptionGap = 16;
constexpr double kColumnCaptionH = 24;
constexpr double kColumnCaptionPx = 11;
constexpr double kFramePad = 14;
constexpr double kFrameTitleH = 28;
constexpr double kFrameGap = 18;
constexpr double kValueGap = 24; // room for a pin badge straddling the box's top edge
constexpr double kHeaderH = 30;
constexpr double kRowH = 26;
constexpr double kAddrW = 140;
constexpr double kNameW = 196;
constexpr double kValueW = 220;
constexpr double kBoxW = kAddrW + kNameW + kValueW;
constexpr double kIndent = 14; // per nesting level of a field
constexpr double kLoopRoom = 100;
constexpr double kNoLoopRoom = 28;
constexpr double kLaneGap = 18;
constexpr double kLabelPx = 12;
constexpr double kLabelGap = 8;
constexpr double kColumnGap = 40; // between a column's gutter and the next column
constexpr double kBadgeH = 20;
constexpr double kArrowPen = 2;
constexpr double kHeadLen = 10;
constexpr double kCross = 6;
constexpr double kErrorPx = 13;
constexpr double kErrorMonoPx = 12;
constexpr double kErrorLineH = 17;
constexpr int kMaxErrorLines = 16;

QColor mix(const QColor& a, const QColor& b, double t)
{
    t = std::clamp(t, 0.0, 1.0);
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * t),
                            static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * t),
                            static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * t),
                            static_cast<float>(a.alphaF() + (b.alphaF() - a.alphaF()) * t));
}

QRectF lerp(const QRectF& a, const QRectF& b, double t)
{
    return QRectF(a.x() + (b.x() - a.x()) * t, a.y() + (b.y() - a.y()) * t, a.width() + (b.width() - a.width()) * t,
                  a.height() + (b.height() - a.height()) * t);
}

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

/// "test1.a", or "test1" when the pointer points at the whole value.
QString targetName(const memory::PointerTarget& t)
{
    QString name = qs(t.targetObjectName);
    if (name.isEmpty())
        name = qs(memory::formatAddress(t.target));
    if (!t.targetField.empty())
        name += QLatin1Char('.') + qs(t.targetField);
    return name;
}

QString errorHeadline(const MemoryError& e);

/// The error's full text under its headline (without repeating the headline).
QStringList errorLines(const MemoryError& e)
{
    QStringList lines = qs(e.rendered).split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.first().trimmed() == errorHeadline(e))
        lines.removeFirst();
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    if (lines.size() > kMaxErrorLines)
        lines = lines.mid(0, kMaxErrorLines);
    return lines;
}

QString errorHeadline(const MemoryError& e)
{
    switch (e.kind) {
    case MemoryError::Kind::Refused:
        return e.code.empty() ? QStringLiteral("error: %1").arg(qs(e.message))
                              : QStringLiteral("error[%1]: %2").arg(qs(e.code), qs(e.message));
    case MemoryError::Kind::Panic:
        return QStringLiteral("panicked: %1").arg(qs(e.message));
    case MemoryError::Kind::Parse:
        break;
    }
    return QStringLiteral("cannot run: %1").arg(qs(e.message));
}

/// The caption's sentence: what the step did, or why the program stopped there.
QString describe(const MemoryStep& step, const MemoryError* error)
{
    if (!error)
        return qs(step.description);
    return error->kind == MemoryError::Kind::Refused
               ? QStringLiteral("The compiler refuses this line: %1").arg(qs(error->message))
               : errorHeadline(*error);
}

} // namespace

/// A value's box and where its column is.
struct MemoryDiagramRenderer::Placed {
    const MemoryObject* object = nullptr;
    QRectF rect;
    int column = 0; ///< 0 stack, 1 heap

    double rowY(int field) const
    {
        return field < 0 ? rect.top() + kHeaderH / 2 : rect.top() + kHeaderH + (field + 0.5) * kRowH;
    }
};

/// How one pointer's arrow goes.
struct MemoryDiagramRenderer::Route {
    enum class Shape { Loop, Elbow, Straight, Stub };
    int source = -1; ///< index into Layout::placed
    int field = -1;  ///< the pointer field, index into the object's fields
    int target = -1; ///< index into Layout::placed; -1: not drawn
    int targetField = -1;
    PointerKind kind = PointerKind::Null;
    Shape shape = Shape::Stub;
    int lane = 0;
    double laneX = 0;
    double labelY = 0; ///< Elbow and Stub: the label's centre line, beyond the lanes
    double labelX = 0;
    QString label;
};

struct MemoryDiagramRenderer::Layout {
    double width = 0;
    double height = 0;
    double x0 = 0; ///< left edge of the content (centred in the width)
    QRectF title;
    QRectF caption;
    QRectF stackCaption;
    QRectF heapCaption;
    std::vector<QRectF> frames;
    std::vector<Placed> placed;
    std::vector<Route> routes;
    QRectF banner;
    double contentWidth = 0;
    int descriptionLines = 1; ///< the step's description wraps onto a second line when long
};

MemoryDiagramRenderer::MemoryDiagramRenderer() : m_palette(MemoryDiagramPalette::light()) {}

void MemoryDiagramRenderer::setOptions(const MemoryDiagramOptions& options)
{
    m_options = options;
    m_palette = options.dark ? MemoryDiagramPalette::dark() : MemoryDiagramPalette::light();
}

QFont MemoryDiagramRenderer::font(double pixelSize, bool bold, bool mono) const
{
    QFont f(mono ? QStringLiteral("DejaVu Sans Mono") : QStringLiteral("DejaVu Sans"));
    f.setStyleHint(mono ? QFont::Monospace : QFont::SansSerif);
    f.setPixelSize(std::max(1, static_cast<int>(std::lround(pixelSize))));
    f.setBold(bold);
    return f;
}

MemoryDiagramRenderer::Layout MemoryDiagramRenderer::layout(const MemoryStep& step, const MemoryError* error,
                                                            double width) const
{
    Layout l;
    const int printed = std::min<int>(kMaxPrinted, static_cast<int>(step.printed.size()));
    double y = kPad;
    l.title = QRectF(0, y, 0, kTitleH);
    y += kTitleH;
    const double captionH = kSourceH + kTextH + printed * kTextH;
    l.caption = QRectF(0, y, 0, captionH);
    y += captionH + kCaptionGap;

    // The stack column: frames top to bottom, slots in address order inside each.
    const double stackX = 0;
    l.stackCaption = QRectF(stackX, y, kBoxW + 2 * kFramePad, kColumnCaptionH);
    double sy = y + kColumnCaptionH;
    for (const memory::StackFrame& f : step.frames) {
        const double top = sy;
        sy += kFrameTitleH;
        for (const MemoryObject& o : f.objects) {
            sy += kValueGap / 2;
            const double h = kHeaderH + static_cast<double>(std::max<std::size_t>(1, o.fields.size())) * kRowH;
            l.placed.push_back({&o, QRectF(stackX + kFramePad, sy, kBoxW, h), 0});
            sy += h + kValueGap / 2;
        }
        sy += kFramePad;
        l.frames.push_back(QRectF(stackX, top, kBoxW + 2 * kFramePad, sy - top));
        sy += kFrameGap;
    }
    const std::size_t stackCount = l.placed.size();
    double hy = y + kColumnCaptionH;
    for (const MemoryObject& o : step.heap) {
        hy += kValueGap / 2;
        const double h = kHeaderH + static_cast<double>(std::max<std::size_t>(1, o.fields.size())) * kRowH;
        l.placed.push_back({&o, QRectF(0, hy, kBoxW, h), 1}); // x set once the stack's gutter is known
        hy += h + kValueGap / 2;
    }

    // Pointers: find each target's box and row, and pick the arrow's shape.
    auto findTarget = [&](const memory::PointerTarget& t, int& field) {
        field = -1;
        int found = -1;
        if (t.targetObjectId >= 0)
            for (std::size_t i = 0; i < l.placed.size(); ++i)
                if (l.placed[i].object->id == t.targetObjectId)
                    found = static_cast<int>(i);
        if (found < 0) // no id: the box whose bytes hold the address
            for (std::size_t i = 0; i < l.placed.size(); ++i) {
                const MemoryObject& o = *l.placed[i].object;
                if (t.target >= o.address && t.target < o.address + std::max<std::uint64_t>(1, o.size))
                    found = static_cast<int>(i);
            }
        if (found < 0)
            return -1;
        const MemoryObject& o = *l.placed[static_cast<std::size_t>(found)].object;
        for (std::size_t k = 0; k < o.fields.size(); ++k) {
            const MemoryField& f = o.fields[k];
            if ((!t.targetField.empty() && f.name == t.targetField) ||
                (t.targetField.empty() && t.target == f.address && o.fields.size() == 1)) {
                field = static_cast<int>(k);
                break;
            }
        }
        if (field < 0 && t.target != o.address) // by address: the last field starting at or before it
            for (std::size_t k = 0; k < o.fields.size(); ++k)
                if (o.fields[k].address <= t.target && o.fields[k].size > 0 &&
                    t.target < o.fields[k].address + o.fields[k].size)
                    field = static_cast<int>(k);
        return found;
    };
    for (std::size_t i = 0; i < l.placed.size(); ++i) {
        const MemoryObject& o = *l.placed[i].object;
        if (!o.live) // stale bytes: the value shows the old address, no arrow claims it means anything
            continue;
        for (std::size_t k = 0; k < o.fields.size(); ++k) {
            const MemoryField& f = o.fields[k];
            if (!f.pointer || f.pointer->kind == PointerKind::Null)
                continue;
            Route r;
            r.source = static_cast<int>(i);
            r.field = static_cast<int>(k);
            r.kind = f.pointer->kind;
            r.target = findTarget(*f.pointer, r.targetField);
            if (r.target < 0)
                r.shape = Route::Shape::Stub;
            else if (r.target == r.source)
                r.shape = Route::Shape::Loop;
            else if (l.placed[static_cast<std::size_t>(r.target)].column == l.placed[i].column)
                r.shape = Route::Shape::Elbow;
            else
                r.shape = Route::Shape::Straight;
            switch (r.kind) {
            case PointerKind::SelfPointer:
                r.label = QStringLiteral("self");
                break;
            case PointerKind::Foreign:
                r.label = QStringLiteral("into %1").arg(targetName(*f.pointer));
                break;
            case PointerKind::Dangling: {
                QString where;
                if (r.target >= 0) {
                    const MemoryObject& t = *l.placed[static_cast<std::size_t>(r.target)].object;
                    where = t.live ? QString()
                                   : (t.region == memory::Region::Heap ? QStringLiteral(" (freed)")
                                                                       : QStringLiteral(" (moved out)"));
                    r.label = QStringLiteral("dangling \u2192 %1%2").arg(targetName(*f.pointer), where);
                } else {
                    r.label =
                        QStringLiteral("dangling \u2192 %1 (gone)").arg(qs(memory::formatAddress(f.pointer->target)));
                }
                break;
            }
            case PointerKind::Null:
                break;
            }
            l.routes.push_back(r);
        }
    }

    // Each column's gutter, on its right: self loops first, then one lane per elbow or stub,
    // then the labels of those.
    const QFontMetricsF labelFm(font(kLabelPx, true));
    auto gutter = [&](int column, double boxRight) {
        bool loops = false;
        std::vector<Route*> laned;
        double labelW = 0;
        for (Route& r : l.routes) {
            const Placed& s = l.placed[static_cast<std::size_t>(r.source)];
            if (s.column != column)
                continue;
            if (r.shape == Route::Shape::Loop) {
                loops = true;
            } else if (r.shape == Route::Shape::Elbow || r.shape == Route::Shape::Stub) {
                laned.push_back(&r);
                labelW = std::max(labelW, labelFm.horizontalAdvance(r.label));
            }
        }
        // Short spans on the inner lanes, so that lanes nest instead of crossing.
        auto span = [&](const Route* r) {
            const Placed& s = l.placed[static_cast<std::size_t>(r->source)];
            if (r->target < 0)
                return 0.0;
            const Placed& t = l.placed[static_cast<std::size_t>(r->target)];
            return std::abs(t.rowY(r->targetField) - s.rowY(r->field));
        };
        std::stable_sort(laned.begin(), laned.end(), [&](const Route* a, const Route* b) { return span(a) < span(b); });
        const double firstLane = boxRight + (loops ? kLoopRoom : kNoLoopRoom);
        const double labelX = firstLane + static_cast<double>(laned.size()) * kLaneGap + kLabelGap;
        for (std::size_t i = 0; i < laned.size(); ++i) {
            Route& r = *laned[i];
            r.lane = static_cast<int>(i);
            r.laneX = firstLane + static_cast<double>(i) * kLaneGap;
            r.labelX = labelX;
            const Placed& s = l.placed[static_cast<std::size_t>(r.source)];
            const double sy0 = s.rowY(r.field);
            r.labelY =
                r.target < 0 ? sy0 : (sy0 + l.placed[static_cast<std::size_t>(r.target)].rowY(r.targetField)) / 2;
        }
        // Labels one under the other, never overlapping.
        std::vector<Route*> byY = laned;
        std::stable_sort(byY.begin(), byY.end(), [](const Route* a, const Route* b) { return a->labelY < b->labelY; });
        for (std::size_t i = 1; i < byY.size(); ++i)
            byY[i]->labelY = std::max(byY[i]->labelY, byY[i - 1]->labelY + kTextH);
        double right = boxRight + (loops ? kLoopRoom : kNoLoopRoom);
        if (!laned.empty())
            right = labelX + labelW;
        return right;
    };
    const double stackRight = gutter(0, stackX + kFramePad + kBoxW);
    double contentRight = std::max(stackRight, stackX + kBoxW + 2 * kFramePad);
    if (!step.heap.empty()) {
        // Arrows between the columns carry their label over the gap: make it wide enough.
        double gap = kColumnGap;
        for (const Route& r : l.routes)
            if (r.shape == Route::Shape::Straight)
                gap = std::max(gap, labelFm.horizontalAdvance(r.label) + 2 * kLabelGap);
        const double heapX = contentRight + gap;
        l.heapCaption = QRectF(heapX, y, kBoxW, kColumnCaptionH);
        for (std::size_t i = stackCount; i < l.placed.size(); ++i)
            l.placed[i].rect.moveLeft(heapX);
        contentRight = std::max(gutter(1, heapX + kBoxW), heapX + kBoxW);
    }
    double bottom = std::max({sy, hy, y + kColumnCaptionH});
    for (const Route& r : l.routes)
        if (r.shape == Route::Shape::Elbow || r.shape == Route::Shape::Stub)
            bottom = std::max(bottom, r.labelY + kTextH);

    if (error) {
        const double h = 16 + kTextH + static_cast<double>(errorLines(*error).size()) * kErrorLineH + 10;
        l.banner = QRectF(0, bottom + 4, 0, h);
        bottom = l.banner.bottom() + 8;
    }
    // The header needs room for the title and "step k of n" too.
    double header = QFontMetricsF(font(kTitlePx, true)).horizontalAdvance(m_options.title) + 24 +
                    QFontMetricsF(font(kStepPx)).horizontalAdvance(QStringLiteral("step 00 of 00 (panicked)"));
    if (width > 0)
        header = std::min(header, width - 2 * kPad);
    l.contentWidth = std::max({contentRight, 560.0, header, m_options.minWidth - 2 * kPad});
    l.height = bottom + kPad;
    l.width = std::max(width, l.contentWidth + 2 * kPad);
    // Centre the content; the header and the banner span it.
    l.x0 = std::max(kPad, (l.width - l.contentWidth) / 2);
    const double full = l.contentWidth;
    l.title.setWidth(full);
    l.caption.setWidth(full);
    // A long description takes two lines: everything under the caption moves down one.
    const QFontMetricsF textFm(font(kTextPx));
    if (textFm.horizontalAdvance(describe(step, error)) > full) {
        l.descriptionLines = 2;
        const double dy = kTextH;
        l.caption.setHeight(l.caption.height() + dy);
        l.stackCaption.translate(0, dy);
        l.heapCaption.translate(0, dy);
        for (QRectF& f : l.frames)
            f.translate(0, dy);
        for (Placed& pl : l.placed)
            pl.rect.translate(0, dy);
        for (Route& r : l.routes)
            r.labelY += dy;
        l.banner.translate(0, dy);
        l.height += dy;
    }
    l.banner.setWidth(error ? full : 0);
    return l;
}

QSizeF MemoryDiagramRenderer::preferredSize(const MemoryStep& step, const MemoryError* error) const
{
    const Layout l = layout(step, error, 0);
    return QSizeF(l.width * m_options.scale, l.height * m_options.scale);
}

QRectF MemoryDiagramRenderer::boxRect(int objectId) const
{
    for (const DiagramBox& b : m_boxes)
        if (b.objectId == objectId)
            return b.rect;
    return {};
}

namespace {

void drawHead(QPainter& p, const QPointF& tip, const QPointF& from, const QColor& c)
{
    const QLineF dir(tip, from);
    if (dir.length() < 0.01)
        return;
    const QPointF u = (from - tip) / dir.length();
    const QPointF n(-u.y(), u.x());
    QPolygonF head;
    head << tip << tip + u * kHeadLen + n * (kHeadLen * 0.45) << tip + u * kHeadLen - n * (kHeadLen * 0.45);
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawPolygon(head);
}

void drawCross(QPainter& p, const QPointF& at, const QColor& c)
{
    p.setPen(QPen(c, kArrowPen + 0.5, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(at + QPointF(-kCross, -kCross), at + QPointF(kCross, kCross));
    p.drawLine(at + QPointF(-kCross, kCross), at + QPointF(kCross, -kCross));
}

/// A pushpin: round head, collar and needle, about 14 x 16 with its head centred at `c`.
void drawPin(QPainter& p, const QPointF& c, const QColor& head, const QColor& edge)
{
    p.setPen(QPen(edge, 1.4, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(c + QPointF(0, 3), c + QPointF(0, 10)); // needle
    p.setBrush(head);
    p.drawEllipse(c, 4.5, 4.5);
    p.drawLine(c + QPointF(-4, 4), c + QPointF(4, 4)); // collar
}

} // namespace

void MemoryDiagramRenderer::paint(QPainter& painter, const QRectF& rect, const MemoryStep& step,
                                  const MemoryError* error, double moveProgress)
{
    m_arrows.clear();
    m_boxes.clear();
    m_badges.clear();
    m_errorBanner = {};
    m_caption = {};
    const double s = m_options.scale > 0 ? m_options.scale : 1.0;
    const double t = std::clamp(moveProgress, 0.0, 1.0);
    const bool animating = t < 1.0 && !step.moves.empty();
    Layout l = layout(step, error, rect.width() / s);
    const MemoryDiagramPalette& pal = m_palette;

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    painter.fillRect(rect, pal.background);
    painter.translate(rect.topLeft());
    painter.scale(s, s);
    painter.translate(l.x0, 0);
    QTransform report;
    report.translate(rect.left(), rect.top());
    report.scale(s, s);
    report.translate(l.x0, 0);
    QPainter& p = painter;

    // Title and "step k of n".
    p.setPen(pal.text);
    p.setFont(font(kTitlePx, true));
    QString stepText;
    if (m_options.stepIndex >= 0)
        stepText = QStringLiteral("step %1 of %2").arg(m_options.stepIndex + 1).arg(m_options.stepCount);
    if (!stepText.isEmpty() && error)
        stepText += error->kind == MemoryError::Kind::Refused ? QStringLiteral(" (refused)")
                    : error->kind == MemoryError::Kind::Panic ? QStringLiteral(" (panicked)")
                                                              : QStringLiteral(" (error)");
    const QFontMetricsF stepFm(font(kStepPx));
    const double stepW = stepText.isEmpty() ? 0 : stepFm.horizontalAdvance(stepText) + 12;
    const QFontMetricsF titleFm(p.font());
    p.drawText(QRectF(l.title.left(), l.title.top(), l.title.width() - stepW, l.title.height()),
               Qt::AlignLeft | Qt::AlignVCenter,
               titleFm.elidedText(m_options.title, Qt::ElideRight, l.title.width() - stepW));
    if (!stepText.isEmpty()) {
        p.setPen(pal.mutedText);
        p.setFont(font(kStepPx));
        p.drawText(l.title, Qt::AlignRight | Qt::AlignVCenter, stepText);
    }

    // Caption: the line executed (or refused), what the step did, what it printed.
    const int line = error ? error->line : step.line;
    double cy = l.caption.top();
    double cx = l.caption.left();
    if (line > 0) {
        const QString chip = QStringLiteral("line %1").arg(line);
        p.setFont(font(kTextPx, true));
        const double w = QFontMetricsF(p.font()).horizontalAdvance(chip) + 14;
        const QRectF chipRect(cx, cy + 3, w, kSourceH - 6);
        p.setPen(Qt::NoPen);
        p.setBrush(error ? pal.errorFill : pal.chipFill);
        p.drawRoundedRect(chipRect, 4, 4);
        p.setPen(error ? pal.errorText : pal.text);
        p.drawText(chipRect, Qt::AlignCenter, chip);
        cx += w + 10;
        const QString code = line <= m_options.source.size() ? m_options.source[line - 1].trimmed() : QString();
        p.setPen(pal.text);
        p.setFont(font(kSourcePx, false, true));
        p.drawText(QRectF(cx, cy, l.caption.right() - cx, kSourceH), Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetricsF(p.font()).elidedText(code, Qt::ElideRight, l.caption.right() - cx));
    }
    cy += kSourceH;
    p.setPen(pal.mutedText);
    p.setFont(font(kTextPx));
    const QString description = describe(step, error);
    const QFontMetricsF descFm(p.font());
    if (l.descriptionLines == 1) {
        p.drawText(QRectF(l.caption.left(), cy, l.caption.width(), kTextH), Qt::AlignLeft | Qt::AlignVCenter,
                   description);
    } else {
        // Break at the last space that fits; the rest goes on the second line, elided.
        int cut = static_cast<int>(description.size());
        while (cut > 0 && descFm.horizontalAdvance(description.left(cut)) > l.caption.width())
            cut = static_cast<int>(description.lastIndexOf(QLatin1Char(' '), cut - 1));
        if (cut <= 0) // one long word: cut it where it stops fitting
            for (cut = static_cast<int>(description.size());
                 cut > 1 && descFm.horizontalAdvance(description.left(cut)) > l.caption.width(); --cut) {
            }
        p.drawText(QRectF(l.caption.left(), cy, l.caption.width(), kTextH), Qt::AlignLeft | Qt::AlignVCenter,
                   description.left(cut));
        p.drawText(QRectF(l.caption.left(), cy + kTextH, l.caption.width(), kTextH), Qt::AlignLeft | Qt::AlignVCenter,
                   descFm.elidedText(description.mid(cut).trimmed(), Qt::ElideRight, l.caption.width()));
    }
    cy += kTextH * l.descriptionLines;
    const int printed = std::min<int>(kMaxPrinted, static_cast<int>(step.printed.size()));
    for (int i = 0; i < printed; ++i) {
        p.setPen(pal.mutedText);
        p.setFont(font(kTextPx));
        const QString label = QStringLiteral("prints");
        const double w = QFontMetricsF(p.font()).horizontalAdvance(label) + 10;
        p.drawText(QRectF(l.caption.left(), cy, w, kTextH), Qt::AlignLeft | Qt::AlignVCenter, label);
        p.setPen(pal.text);
        p.setFont(font(kTextPx, false, true));
        p.drawText(QRectF(l.caption.left() + w, cy, l.caption.width() - w, kTextH), Qt::AlignLeft | Qt::AlignVCenter,
                   qs(step.printed[static_cast<std::size_t>(i)]));
        cy += kTextH;
    }
    m_caption = report.mapRect(l.caption);

    // Column captions and frames.
    p.setFont(font(kColumnCaptionPx, true));
    p.setPen(pal.mutedText);
    p.drawText(l.stackCaption, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("STACK"));
    if (!l.heapCaption.isEmpty())
        p.drawText(l.heapCaption, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("HEAP"));
    for (std::size_t i = 0; i < l.frames.size(); ++i) {
        const memory::StackFrame& f = step.frames[i];
        const QRectF& r = l.frames[i];
        p.setPen(QPen(pal.frameEdge, 1));
        p.setBrush(pal.frameFill);
        p.drawRoundedRect(r, 6, 6);
        p.setPen(pal.text);
        p.setFont(font(kTextPx, true));
        const QString fn = qs(f.function) + QStringLiteral("()");
        const QRectF titleRect(r.left() + kFramePad, r.top(), r.width() - 2 * kFramePad, kFrameTitleH);
        p.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, fn);
        const double fnW = QFontMetricsF(p.font()).horizontalAdvance(fn);
        p.setPen(pal.mutedText);
        p.setFont(font(kLabelPx));
        p.drawText(titleRect.adjusted(fnW + 10, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                   f.objects.empty()
                       ? QStringLiteral("frame at %1  \u00b7  no locals").arg(qs(memory::formatAddress(f.base)))
                       : QStringLiteral("frame at %1").arg(qs(memory::formatAddress(f.base))));
    }

    // Which boxes a move in progress touches.
    std::vector<double> grey(l.placed.size(), 1.0); // how far a moved-out box has greyed
    std::vector<bool> placeholder(l.placed.size(), false);
    struct Sliding {
        int box = -1;
        QRectF from;
    };
    std::vector<Sliding> sliding;
    auto indexOf = [&](int id, memory::Address address) {
        for (std::size_t i = 0; i < l.placed.size(); ++i)
            if (l.placed[i].object->id == id)
                return static_cast<int>(i);
        for (std::size_t i = 0; i < l.placed.size(); ++i)
            if (l.placed[i].object->address == address)
                return static_cast<int>(i);
        return -1;
    };
    if (animating) {
        for (const memory::MemoryMove& m : step.moves) {
            const int from = indexOf(m.fromObjectId, m.from);
            const int to = indexOf(m.toObjectId, m.to);
            if (from < 0 || to < 0 || from == to)
                continue;
            grey[static_cast<std::size_t>(from)] = t;
            placeholder[static_cast<std::size_t>(to)] = true;
            sliding.push_back({to, l.placed[static_cast<std::size_t>(from)].rect});
        }
    }
    std::vector<QRectF> drawnRect(l.placed.size());
    for (std::size_t i = 0; i < l.placed.size(); ++i)
        drawnRect[i] = l.placed[i].rect;
    // Values slide on a slight arc, alternately right and left, so that two values trading places
    // (mem::swap) pass each other instead of overlapping halfway.
    for (std::size_t k = 0; k < sliding.size(); ++k) {
        const Sliding& sl = sliding[k];
        const double arc = std::sin(t * 3.14159265358979) * 28 * (k % 2 == 0 ? 1 : -1);
        drawnRect[static_cast<std::size_t>(sl.box)] =
            lerp(sl.from, l.placed[static_cast<std::size_t>(sl.box)].rect, t).translated(arc, 0);
    }

    auto drawValue = [&](const Placed& pl, const QRectF& r, double greyness, bool shadow) {
        const MemoryObject& o = *pl.object;
        const bool dead = !o.live;
        const double g = dead ? greyness : 0.0;
        const QColor fill = mix(pl.column == 1 ? pal.heapFill : pal.valueFill, pal.movedFill, g);
        const QColor text = mix(pal.text, pal.movedText, g);
        const QColor muted = mix(pal.mutedText, pal.movedText, g);
        if (shadow) {
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(0, 0, 0, 40));
            p.drawRoundedRect(r.translated(3, 4), 4, 4);
        }
        p.setPen(QPen(mix(pal.valueEdge, pal.movedText, g), 1.2));
        p.setBrush(fill);
        p.drawRoundedRect(r, 4, 4);
        const QRectF header(r.left(), r.top(), r.width(), kHeaderH);
        p.setPen(Qt::NoPen);
        p.setBrush(mix(pal.headerFill, pal.movedFill, g));
        p.drawRoundedRect(header.adjusted(0.6, 0.6, -0.6, 0), 4, 4);
        p.drawRect(header.adjusted(0.6, kHeaderH / 2, -0.6, 0));
        if (g > 0) {
            QColor hatch = pal.movedHatch;
            hatch.setAlphaF(static_cast<float>(g));
            p.setPen(QPen(hatch, 1));
            p.drawLines(stripes(r.adjusted(1, kHeaderH, -1, -1), 9));
        }
        // Header: name and type on the left, address on the right, tags in between; the type
        // gives way (elided) when they do not all fit.
        struct Tag {
            QString text;
            QColor edge;
            QColor color;
        };
        QList<Tag> tags;
        if (dead && g > 0) {
            QColor c = pal.mutedText;
            c.setAlphaF(static_cast<float>(std::max(0.35, g)));
            tags.append({o.region == memory::Region::Heap ? QStringLiteral("freed") : QStringLiteral("moved"), c, c});
        }
        if (o.notUnpin)
            tags.append({QStringLiteral("!Unpin"), muted, muted});
        if (!o.variant.empty())
            tags.append({qs(o.variant), muted, text});
        const QFont tagFont = font(kLabelPx - 1, true);
        const QFontMetricsF tagFm(tagFont);
        double tagsW = 0;
        for (const Tag& t : tags)
            tagsW += tagFm.horizontalAdvance(t.text) + 16;
        const QString address = qs(memory::formatAddress(o.address));
        const QFont addrFont = font(kLabelPx, false, true);
        const double addrW = QFontMetricsF(addrFont).horizontalAdvance(address) + 10;
        double hx = r.left() + 10;
        p.setPen(text);
        p.setFont(font(kTextPx, true));
        const QString name = QFontMetricsF(p.font()).elidedText(qs(o.name), Qt::ElideRight, kNameW);
        p.drawText(QRectF(hx, r.top(), kNameW, kHeaderH), Qt::AlignLeft | Qt::AlignVCenter, name);
        hx += QFontMetricsF(p.font()).horizontalAdvance(name);
        p.setPen(muted);
        p.setFont(font(kTextPx));
        const double typeRoom = std::max(20.0, r.right() - addrW - tagsW - hx - 12);
        const QString type =
            QFontMetricsF(p.font()).elidedText(QStringLiteral(": ") + qs(o.type), Qt::ElideRight, typeRoom);
        p.drawText(QRectF(hx, r.top(), typeRoom, kHeaderH), Qt::AlignLeft | Qt::AlignVCenter, type);
        hx += QFontMetricsF(p.font()).horizontalAdvance(type) + 8;
        p.setFont(tagFont);
        for (const Tag& t : tags) {
            const double w = tagFm.horizontalAdvance(t.text) + 10;
            const QRectF tr(hx, r.top() + 7, w, kHeaderH - 14);
            p.setPen(QPen(t.edge, 1));
            p.setBrush(Qt::NoBrush);
            p.drawRoundedRect(tr, 3, 3);
            p.setPen(t.color);
            p.drawText(tr, Qt::AlignCenter, t.text);
            hx += w + 6;
        }
        p.setPen(muted);
        p.setFont(addrFont);
        p.drawText(header.adjusted(0, 0, -10, 0), Qt::AlignRight | Qt::AlignVCenter, address);
        // Fields: address, name (indented by depth) and type, value.
        const QFontMetricsF nameFm(font(kTextPx));
        const QFontMetricsF monoFm(font(kTextPx, false, true));
        for (std::size_t k = 0; k < std::max<std::size_t>(1, o.fields.size()); ++k) {
            const double ry = r.top() + kHeaderH + static_cast<double>(k) * kRowH;
            if (k > 0) {
                p.setPen(QPen(mix(pal.frameEdge, pal.movedText, g), 0.8));
                p.drawLine(QPointF(r.left() + 1, ry), QPointF(r.right() - 1, ry));
            }
            if (k >= o.fields.size())
                break;
            const MemoryField& f = o.fields[k];
            p.setPen(muted);
            p.setFont(font(kLabelPx, false, true));
            p.drawText(QRectF(r.left() + 10, ry, kAddrW - 10, kRowH), Qt::AlignLeft | Qt::AlignVCenter,
                       qs(memory::formatAddress(f.address)));
            const double nx = r.left() + kAddrW + f.depth * kIndent;
            const double nw = kNameW - f.depth * kIndent - 8;
            if (!f.name.empty()) {
                const QString fname =
                    qs(f.name.substr(f.name.rfind('.') == std::string::npos ? 0 : f.name.rfind('.') + 1));
                p.setPen(text);
                p.setFont(font(kTextPx));
                const QString shown = nameFm.elidedText(fname, Qt::ElideRight, nw);
                p.drawText(QRectF(nx, ry, nw, kRowH), Qt::AlignLeft | Qt::AlignVCenter, shown);
                const double used = nameFm.horizontalAdvance(shown);
                if (used + 20 < nw) {
                    p.setPen(muted);
                    p.drawText(QRectF(nx + used, ry, nw - used, kRowH), Qt::AlignLeft | Qt::AlignVCenter,
                               nameFm.elidedText(QStringLiteral(": ") + qs(f.type), Qt::ElideRight, nw - used));
                }
            } else {
                p.setPen(muted);
                p.setFont(font(kTextPx));
                p.drawText(QRectF(nx, ry, nw, kRowH), Qt::AlignLeft | Qt::AlignVCenter,
                           nameFm.elidedText(qs(f.type), Qt::ElideRight, nw));
            }
            p.setPen(text);
            p.setFont(font(kTextPx, false, true));
            const double vx = r.left() + kAddrW + kNameW;
            p.drawText(QRectF(vx, ry, kValueW - 10, kRowH), Qt::AlignLeft | Qt::AlignVCenter,
                       monoFm.elidedText(qs(f.value), Qt::ElideRight, kValueW - 10));
        }
        // The pin badge straddles the top edge, on the right.
        if (o.pinned && o.live) {
            p.setFont(font(kLabelPx, true));
            const QString word = QStringLiteral("pinned");
            const double w = QFontMetricsF(p.font()).horizontalAdvance(word) + 36;
            const QRectF b(r.right() - w - 12, r.top() - kBadgeH + 3, w, kBadgeH);
            p.setPen(QPen(pal.badgeEdge, 1));
            p.setBrush(pal.badgeFill);
            p.drawRoundedRect(b, kBadgeH / 2, kBadgeH / 2);
            drawPin(p, QPointF(b.left() + 14, b.top() + 6), pal.pinHead, QColor(0x1F, 0x23, 0x28));
            p.setPen(QColor(0x1F, 0x23, 0x28));
            p.drawText(b.adjusted(24, 0, -6, 0), Qt::AlignLeft | Qt::AlignVCenter, word);
            m_badges.append({o.id, report.mapRect(b)});
        }
    };
    auto drawPlaceholder = [&](const QRectF& r) {
        p.setPen(QPen(pal.frameEdge, 1.2, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(r, 4, 4);
    };

    for (std::size_t i = 0; i < l.placed.size(); ++i) {
        const Placed& pl = l.placed[i];
        if (placeholder[i])
            drawPlaceholder(pl.rect);
        else
            drawValue(pl, pl.rect, grey[i], false);
    }
    for (const Sliding& sl : sliding) {
        const std::size_t i = static_cast<std::size_t>(sl.box);
        drawValue(l.placed[i], drawnRect[i], 0.0, true);
    }
    for (std::size_t i = 0; i < l.placed.size(); ++i) {
        const MemoryObject& o = *l.placed[i].object;
        bool moving = false;
        for (const Sliding& sl : sliding)
            moving = moving || sl.box == static_cast<int>(i);
        m_boxes.append(
            {o.id, qs(o.name), o.address, report.mapRect(drawnRect[i]), l.placed[i].column == 1, o.live, moving});
    }

    // Arrows, over the boxes.
    for (const Route& r : l.routes) {
        const std::size_t si = static_cast<std::size_t>(r.source);
        const Placed& src = l.placed[si];
        const QRectF sr = drawnRect[si];
        const double sy0 = sr.top() + (src.rowY(r.field) - src.rect.top());
        const QColor c = pal.arrowColor(r.kind);
        const bool dashed = r.kind == PointerKind::Dangling;
        QPen pen(c, kArrowPen, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        if (dashed)
            pen.setDashPattern({3.0, 2.5});
        QPainterPath path;
        QPointF start(sr.right(), sy0);
        QPointF end;
        QPointF headFrom;
        QRectF labelRect;
        const QFontMetricsF fm(font(kLabelPx, true));
        const double lw = fm.horizontalAdvance(r.label) + 2;
        QRectF tr;
        double ty = 0;
        if (r.target >= 0) {
            const std::size_t ti = static_cast<std::size_t>(r.target);
            // A pointer holds an address: its arrow ends at the slot, not on a value sliding away.
            tr = l.placed[ti].rect;
            ty = l.placed[ti].rowY(r.targetField);
        }
        switch (r.shape) {
        case Route::Shape::Loop: {
            end = QPointF(tr.right(), ty);
            const double k = std::min(72.0, 40 + std::abs(ty - sy0) * 0.35);
            path.moveTo(start);
            path.cubicTo(start + QPointF(k, 0), end + QPointF(k, 0), end + QPointF(kHeadLen * 0.6, 0));
            headFrom = end + QPointF(k, 0);
            labelRect = QRectF(start.x() + 0.75 * k + 6, (sy0 + ty) / 2 - kTextH / 2, lw, kTextH);
            break;
        }
        case Route::Shape::Elbow:
        case Route::Shape::Stub: {
            const double lx = std::max(r.laneX, start.x() + 12); // a value sliding on its arc pushes the lane out
            path.moveTo(start);
            path.lineTo(lx, sy0);
            if (r.shape == Route::Shape::Elbow) {
                end = QPointF(tr.right(), ty);
                path.lineTo(lx, ty);
                path.lineTo(end + QPointF(dashed ? 0 : kHeadLen * 0.6, 0));
                headFrom = QPointF(lx, ty);
            } else {
                end = QPointF(lx, sy0);
            }
            labelRect = QRectF(r.labelX, r.labelY - kTextH / 2, lw, kTextH);
            break;
        }
        case Route::Shape::Straight: {
            const bool rightward = tr.center().x() > sr.center().x();
            start = QPointF(rightward ? sr.right() : sr.left(), sy0);
            end = QPointF(rightward ? tr.left() : tr.right(), ty);
            headFrom = start;
            const QPointF back = QLineF(end, start).unitVector().p2() - end;
            path.moveTo(start);
            path.lineTo(dashed ? end : end + back * (kHeadLen * 0.6));
            const QPointF mid = (start + end) / 2;
            labelRect = QRectF(mid.x() - lw / 2, std::min(start.y(), end.y()) - kTextH - 2, lw, kTextH);
            break;
        }
        }
        p.setBrush(Qt::NoBrush);
        p.setPen(pen);
        p.drawPath(path);
        if (dashed)
            drawCross(p, end, c);
        else if (r.shape != Route::Shape::Stub)
            drawHead(p, end, headFrom, c);
        p.setPen(c);
        p.setFont(font(kLabelPx, true));
        if (r.shape == Route::Shape::Elbow || r.shape == Route::Shape::Stub) {
            // A dotted leader from the lane to its label, which sits beyond all the lanes.
            const double ly = labelRect.center().y();
            const double ay =
                r.shape == Route::Shape::Elbow ? std::clamp(ly, std::min(sy0, ty), std::max(sy0, ty)) : sy0;
            if (std::abs(ly - ay) > 0.5 || r.labelX - r.laneX > 1) {
                p.setPen(QPen(c, 1, Qt::DotLine));
                p.drawPolyline(QPolygonF({QPointF(r.laneX, ay), QPointF(r.laneX + 4, ly), QPointF(r.labelX - 3, ly)}));
                p.setPen(c);
            }
        }
        p.drawText(labelRect, Qt::AlignLeft | Qt::AlignVCenter, r.label);
        const memory::MemoryField& f = src.object->fields[static_cast<std::size_t>(r.field)];
        m_arrows.append({r.kind, src.object->id, qs(f.name), f.pointer->target, r.target >= 0, report.map(path),
                         report.map(start), report.map(end), r.label, report.mapRect(labelRect)});
    }

    // The refused move (or the panic) as a red banner.
    if (error) {
        const QRectF b = l.banner;
        p.setPen(Qt::NoPen);
        p.setBrush(pal.errorFill);
        p.drawRoundedRect(b, 6, 6);
        p.setPen(pal.errorText);
        p.setFont(font(kErrorPx, true));
        p.drawText(QRectF(b.left() + 14, b.top() + 8, b.width() - 28, kTextH), Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetricsF(p.font()).elidedText(errorHeadline(*error), Qt::ElideRight, b.width() - 28));
        p.setFont(font(kErrorMonoPx, false, true));
        double ey = b.top() + 8 + kTextH + 4;
        for (const QString& line : errorLines(*error)) {
            // Elided a little short of the width: hinted glyphs at a scale can be wider than the metrics.
            p.drawText(QRectF(b.left() + 14, ey, b.width() - 28, kErrorLineH), Qt::AlignLeft | Qt::AlignVCenter,
                       QFontMetricsF(p.font()).elidedText(line, Qt::ElideRight, (b.width() - 28) * 0.95));
            ey += kErrorLineH;
        }
        m_errorBanner = report.mapRect(b);
    }
    painter.restore();
}

} // namespace pw::gui
