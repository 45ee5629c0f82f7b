#include "time_axis.h"

#include <qnamespace.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace pw::gui {

namespace {

constexpr qint64 kUnits[] = {1'000'000'000, 1'000'000, 1'000, 1};
constexpr const char* kUnitNames[] = {"s", "ms", "us", "ns"};

int unitIndexFor(qint64 magnitude)
{
    for (int i = 0; i < 3; ++i)
        if (magnitude >= kUnits[i])
            return i;
    return 3;
}

} // namespace

double TimeAxis::nsPerPx() const
{
    return static_cast<double>(spanNs()) / std::max(width, 1e-9);
}

double TimeAxis::mapTimeToX(qint64 ns) const
{
    return x0 + static_cast<double>(ns - startNs) / nsPerPx();
}

qint64 TimeAxis::mapXToTime(double x) const
{
    return startNs + std::llround((x - x0) * nsPerPx());
}

qint64 TimeAxis::maxEndNs() const
{
    if (totalNs <= 0)
        return std::numeric_limits<qint64>::max() / 4;
    return totalNs + std::max(totalNs / 20, kMinSpanNs);
}

void TimeAxis::clamp()
{
    const qint64 maxEnd = maxEndNs();
    qint64 span = std::clamp(endNs - startNs, kMinSpanNs, maxEnd);
    if (endNs - startNs < kMinSpanNs)
        startNs += (endNs - startNs - span) / 2; // grow around the centre
    // Shift, never shrink, to get back inside [0, maxEnd]: a pan that hits an edge stops there.
    startNs = std::clamp(startNs, qint64(0), maxEnd - span);
    endNs = startNs + span;
}

void TimeAxis::zoomAround(double x, double factor)
{
    if (!(factor > 0))
        return;
    const double frac = std::clamp((x - x0) / std::max(width, 1e-9), 0.0, 1.0);
    const double tUnder = static_cast<double>(startNs) + frac * static_cast<double>(spanNs());
    const double wanted = static_cast<double>(spanNs()) / factor;
    const qint64 newSpan = std::clamp(static_cast<qint64>(std::llround(wanted)), kMinSpanNs, maxEndNs());
    startNs = std::llround(tUnder - frac * static_cast<double>(newSpan));
    endNs = startNs + newSpan;
    clamp();
}

void TimeAxis::pan(double dx)
{
    const qint64 shift = std::llround(dx * nsPerPx());
    startNs -= shift;
    endNs -= shift;
    clamp();
}

bool TimeAxis::panForKey(AxisKey key)
{
    switch (key) {
    case AxisKey::PanEarlier:
        pan(width / 8);
        return true;
    case AxisKey::PanLater:
        pan(-width / 8);
        return true;
    case AxisKey::Start:
        pan(mapTimeToX(maxEndNs()) - x0); // pan clamps at 0
        return true;
    case AxisKey::End:
        pan(-(mapTimeToX(maxEndNs()) - x0));
        return true;
    default:
        return false;
    }
}

AxisKey axisKeyOf(int key)
{
    switch (key) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        return AxisKey::ZoomIn;
    case Qt::Key_Minus:
    case Qt::Key_Underscore:
        return AxisKey::ZoomOut;
    case Qt::Key_0:
        return AxisKey::Fit;
    case Qt::Key_Left:
        return AxisKey::PanEarlier;
    case Qt::Key_Right:
        return AxisKey::PanLater;
    case Qt::Key_Home:
        return AxisKey::Start;
    case Qt::Key_End:
        return AxisKey::End;
    default:
        return AxisKey::None;
    }
}

void TimeAxis::fit(qint64 total)
{
    totalNs = std::max<qint64>(total, 0);
    startNs = 0;
    endNs = std::max(totalNs, kMinSpanNs);
    clamp();
}

void TimeAxis::setRange(qint64 from, qint64 to)
{
    startNs = std::min(from, to);
    endNs = std::max(from, to);
    clamp();
}

qint64 TimeAxis::niceStep(double rawNs)
{
    if (!(rawNs > 1))
        return 1;
    qint64 pow10 = 1;
    while (pow10 <= std::numeric_limits<qint64>::max() / 10 && static_cast<double>(pow10) * 10 <= rawNs)
        pow10 *= 10;
    for (qint64 m : {1, 2, 5, 10})
        if (static_cast<double>(m * pow10) >= rawNs)
            return m * pow10;
    return 10 * pow10;
}

std::vector<TimeTick> TimeAxis::ticks(double minMajorSpacingPx) const
{
    std::vector<TimeTick> out;
    if (spanNs() <= 0 || width <= 0)
        return out;
    const qint64 step = niceStep(minMajorSpacingPx * nsPerPx());
    // Minor ticks split a 1 or 5 step in five, a 2 step in two (0.2 / 1 / 1 x the next power).
    qint64 mantissa = step;
    while (mantissa >= 10 && mantissa % 10 == 0)
        mantissa /= 10;
    const qint64 minor = mantissa == 2 ? step / 2 : step / 5;
    const bool withMinor = minor >= 1 && static_cast<double>(minor) / nsPerPx() >= 6;
    const qint64 tick = withMinor ? minor : step;
    qint64 t = startNs / tick * tick;
    if (t < startNs)
        t += tick;
    for (; t <= endNs; t += tick) {
        TimeTick tk;
        tk.ns = t;
        tk.x = mapTimeToX(t);
        tk.major = t % step == 0;
        if (tk.major)
            tk.label = formatTime(t);
        out.push_back(std::move(tk));
    }
    return out;
}

QString TimeAxis::formatTime(qint64 ns)
{
    if (ns == 0)
        return QStringLiteral("0s");
    const bool negative = ns < 0;
    const qint64 v = negative ? -ns : ns;
    const int u = unitIndexFor(v);
    const qint64 unit = kUnits[u];
    // The fewest decimals that represent v exactly in this unit.
    int decimals = 0;
    qint64 res = unit;
    while (res > 1 && v % res != 0) {
        res /= 10;
        ++decimals;
    }
    QString s = QString::number(v / unit);
    if (decimals > 0)
        s += QLatin1Char('.') + QString::number((v % unit) / res).rightJustified(decimals, QLatin1Char('0'));
    return (negative ? QStringLiteral("-") : QString()) + s + QLatin1String(kUnitNames[u]);
}

QString TimeAxis::formatDuration(qint64 ns)
{
    if (ns == 0)
        return QStringLiteral("0s");
    const qint64 v = ns < 0 ? -ns : ns;
    const int u = unitIndexFor(v);
    QString s = QString::number(static_cast<double>(v) / static_cast<double>(kUnits[u]), 'f', 3);
    while (s.endsWith(QLatin1Char('0')))
        s.chop(1);
    if (s.endsWith(QLatin1Char('.')))
        s.chop(1);
    return (ns < 0 ? QStringLiteral("-") : QString()) + s + QLatin1String(kUnitNames[u]);
}

} // namespace pw::gui
