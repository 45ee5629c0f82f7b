// The time <-> pixel mapping of a timeline: the visible range [startNs, endNs] of simulated time
// drawn over the pixels [x0, x0 + width). Plain data plus the arithmetic the view needs to zoom,
// pan and draw a ruler; no widget, no model, so the tests can drive it row by row.
#pragma once

#include <QString>
#include <QtGlobal>

#include <vector>

namespace pw::gui {

struct TimeTick {
    qint64 ns = 0;
    double x = 0;
    bool major = false; ///< major ticks carry a label
    QString label;
};

/// What a key does to a timeline's time range; one table for the Timeline tab and the Compare
/// tab's stacked pair, so the same key does the same in both.
enum class AxisKey { None, ZoomIn, ZoomOut, Fit, PanEarlier, PanLater, Start, End };
/// `+`/`=` zoom in, `-`/`_` out, `0` fits, Left/Right pan by an eighth of the width, Home/End
/// go to the start/end of the run; None for any other key (a Qt::Key value).
AxisKey axisKeyOf(int key);

struct TimeAxis {
    /// Never zoom in further than this: below 1 us nothing a scenario does is distinguishable.
    static constexpr qint64 kMinSpanNs = 1'000;

    qint64 startNs = 0;
    qint64 endNs = 1'000'000'000;
    double x0 = 0;
    double width = 1;
    /// The run's length, the upper bound of the range (plus a margin); 0 leaves it unbounded.
    qint64 totalNs = 0;

    qint64 spanNs() const { return endNs - startNs; }
    double nsPerPx() const;
    /// Double, not int: a 24 h run zoomed to microseconds overflows int pixels.
    double mapTimeToX(qint64 ns) const;
    qint64 mapXToTime(double x) const;

    /// factor > 1 zooms in, < 1 zooms out; the time under `x` stays under `x` unless the
    /// clamping at 0 or at the end has to move the range.
    void zoomAround(double x, double factor);
    /// Moves the content by dx pixels, as a drag does: dx > 0 shows earlier times.
    void pan(double dx);
    /// Pans for PanEarlier, PanLater, Start and End; false (and no change) for the others.
    bool panForKey(AxisKey key);
    /// Shows [0, totalNs] and makes totalNs the bound.
    void fit(qint64 total);
    /// Shows [from, to], clamped.
    void setRange(qint64 from, qint64 to);
    /// Enforces 0 <= start, kMinSpanNs <= span <= maxEndNs(), end <= maxEndNs().
    void clamp();
    /// The latest time the range may reach: the run's end plus 5 % of slack, so that the last
    /// span does not stick to the right edge when zoomed out fully.
    qint64 maxEndNs() const;

    /// Ruler ticks over the visible range: majors every niceStep() with labels, at least
    /// `minMajorSpacingPx` apart, and minor ticks between them.
    std::vector<TimeTick> ticks(double minMajorSpacingPx = 60) const;

    /// The smallest 1, 2 or 5 x 10^k ns that is >= rawNs (at least 1).
    static qint64 niceStep(double rawNs);
    /// "0s", "2s", "1.5s", "250ms", "12.001s", "10us", "300ns": the unit of the value's
    /// magnitude with as many decimals as the value needs (tick times are multiples of the
    /// step, so the labels stay short).
    static QString formatTime(qint64 ns);
    /// A duration for tooltips: "3s", "1.25ms", with at most 3 decimals.
    static QString formatDuration(qint64 ns);
};

} // namespace pw::gui
