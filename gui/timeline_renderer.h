// Draws a TimelineModel with a QPainter: the view, the PNG/SVG export and the CLI's `render`
// all go through here, so a picture on a slide looks like the app.
//
// Layout, top to bottom: title and subtitle (when set), the time ruler, one lane per thread,
// a separator, one lane per task, the legend. Lane labels sit in a column on the left.
//
// Each paint first builds a flat draw list (as Tracy does), then draws it: for every lane on
// screen, a binary search on span end times finds the first visible span; spans narrower than
// kFoldPx are folded with their narrow neighbours into one counted block, and a run of narrow
// spans is skipped with further binary searches rather than walked, so a lane of a million
// spans costs about as much as the pixels it covers.
#pragma once

#include "time_axis.h"
#include "timeline_palette.h"

#include <QFont>
#include <QRect>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <cstdint>
#include <vector>

class QPainter;

namespace pw {
struct TimelineModel; // sim/timeline_model.h: not included here, moc cannot parse its <compare>
struct SyncMark;
} // namespace pw

namespace pw::gui {

struct TimelineRenderOptions {
    static constexpr quint32 kNoTask = 0xffffffffu;

    QString title;
    QString subtitle; ///< the run's parameters, under the title
    bool showLegend = true;
    bool showWakes = true;
    bool printLabels = false;       ///< short text next to println! markers where there is room (export)
    quint32 selectedTask = kNoTask; ///< a TaskId: its lane is highlighted, its polls outlined
    qint64 cursorNs = -1;           ///< -1: no cursor line
    bool dark = false;
    double scale = 1.0;     ///< multiplies every size: fonts, lane heights, margins
    double laneHeight = 26; ///< one lane, in logical pixels at scale 1 (slides: taller)
    int laneScrollPx = 0;   ///< vertical scroll of the lanes (the view's scroll bar)
    /// The label column is at least this wide (logical pixels at scale 1): two timelines stacked
    /// on one time axis give both the wider one's column, so that their plots line up.
    int minLabelWidth = 0;
};

/// What is under a point: a span, a fold of many short spans, or println! markers.
struct TimelineHit {
    enum class Kind : std::uint8_t { None, Span, Fold, Print, Sync };
    Kind kind = Kind::None;
    int lane = -1;           ///< index into TimelineModel::lanes
    int span = -1;           ///< Span: index into the lane's spans
    std::vector<int> prints; ///< Print: indexes into TimelineModel::prints; Sync: into syncMarks
    quint32 foldCount = 0;   ///< Fold: how many spans it stands for
    qint64 foldStartNs = 0;
    qint64 foldEndNs = 0;
};

class TimelineRenderer {
public:
    /// Spans narrower than this (in logical pixels) fold with their narrow neighbours.
    static constexpr double kFoldPx = 3.0;
    /// With more wake arrows than this on screen, only the selected task's are drawn (all of
    /// them would only be a smear).
    static constexpr int kMaxWakeArrows = 400;

    struct Layout {
        QRect bounds;
        QRect header; ///< title + subtitle; empty when both are empty
        QRect ruler;  ///< ruler strip, over the plot's x range
        QRect lanes;  ///< the scrolled lane area, labels included
        QRect plot;   ///< the lanes' time area: x range of the axis
        QRect legend; ///< empty when the legend is off
        int labelWidth = 0;
        int laneHeight = 0;       ///< a task lane
        int threadLaneHeight = 0; ///< a thread lane (taller with print labels)
        int labelBand = 0;        ///< top part of a thread lane kept for print labels
        int groupHeight = 0;      ///< "THREADS" / "TASKS" caption rows
        int contentHeight = 0;    ///< all lanes and captions, unscrolled
        int scrollPx = 0;         ///< laneScrollPx, clamped
    };

    TimelineRenderer();

    /// Not owned: keep the model alive while it is set, and set it again after changing it.
    void setModel(const TimelineModel* model);
    const TimelineModel* model() const { return m_model; }
    void setOptions(const TimelineRenderOptions& options);
    const TimelineRenderOptions& options() const { return m_options; }
    const TimelinePalette& palette() const { return m_palette; }

    /// Where everything goes inside `rect`. The axis to paint with spans plot().
    Layout layout(const QRect& rect) const;
    /// The height that shows every lane without scrolling, for exports.
    int preferredHeight(int width) const;

    /// Draws the model (or an empty frame without one). The axis' x0/width are replaced by the
    /// plot's; its range is kept.
    void paint(QPainter& painter, const QRect& rect, const TimeAxis& axis);

    // Hit-testing against the last paint.
    const Layout& lastLayout() const { return m_layout; }
    const TimeAxis& lastAxis() const { return m_axis; }
    /// The model lane drawn at y, or -1 (captions, ruler, legend).
    int laneAt(int y) const;
    /// Where lane `lane` was drawn (full width, labels included); empty when off screen.
    QRect laneRect(int lane) const;
    TimelineHit spanAt(const QPoint& pos) const;
    /// The label drawn for a lane ("worker-0", "person #2": duplicate task names get their id).
    QString laneLabel(int lane) const;

    // Counters of the last paint, for the tests and the benchmark.
    int lastDrawItemCount() const { return static_cast<int>(m_items.size()); }
    int lastFoldCount() const { return m_foldItems; } ///< striped blocks (not clustered ticks)
    int lastLaneCount() const { return m_lanesDrawn; }
    int lastWakeCount() const { return m_wakesDrawn; }

private:
    struct DrawItem {
        double x1 = 0;
        double x2 = 0;
        int lane = 0;
        quint32 count = 1;       ///< spans folded into it (1: a plain span)
        std::uint32_t first = 0; ///< the lane's spans [first, last) it stands for
        std::uint32_t last = 0;
        std::uint8_t state = 0; ///< SpanState
        bool folded = false;
        bool mixed = false;   ///< folded spans of different (or unknown) states
        bool instant = false; ///< narrower than a pixel or two: drawn as a tick on top
        bool selected = false;
    };

    int laneTop(const Layout& l, int lane) const; ///< content y of a lane, before scrolling
    int laneHeight(const Layout& l, int lane) const;
    int firstVisibleLane(const Layout& l) const; ///< of the last paint's layout
    void buildDrawList(const Layout& l);
    void buildLaneItems(int lane, qint64 tLo, qint64 tHi);
    void drawBackground(QPainter& p, const Layout& l) const;
    void drawHeader(QPainter& p, const Layout& l) const;
    void drawRuler(QPainter& p, const Layout& l) const;
    void drawItems(QPainter& p, const Layout& l) const;
    void drawDoneMarks(QPainter& p, const Layout& l) const;
    void drawPrints(QPainter& p, const Layout& l) const;
    void drawSyncMarks(QPainter& p, const Layout& l) const;
    /// The lane a lock or channel mark is drawn on, or -1.
    int syncLane(const SyncMark& m) const;
    void drawWakes(QPainter& p, const Layout& l);
    void drawLabels(QPainter& p, const Layout& l) const;
    void drawCursor(QPainter& p, const Layout& l) const;
    void drawLegend(QPainter& p, const Layout& l) const;
    QRectF bodyRect(const Layout& l, int lane, double x1, double x2) const;
    int threadLane(std::uint32_t thread) const;
    int taskLane(std::uint32_t task) const;
    QFont font(double px, bool bold = false) const;
    int labelColumnWidth(int totalWidth) const;
    int legendHeight(int width) const;
    /// The legend's entries (indexes into the entry table): the states the model has.
    std::vector<int> legendEntries(bool withFolds) const;

    const TimelineModel* m_model = nullptr;
    TimelineRenderOptions m_options;
    TimelinePalette m_palette;
    int m_threadLanes = 0;           ///< lanes [0, m_threadLanes) are threads
    std::vector<int> m_laneOfThread; ///< ThreadId -> lane, -1
    std::vector<int> m_laneOfTask;   ///< TaskId -> lane, -1
    QStringList m_labels;
    qint64 m_maxWakeLatency = 0;  ///< pollT - t, for the binary search on wake times
    unsigned m_statesPresent = 0; ///< bit per SpanState found in the model
    bool m_anyDone = false;
    mutable int m_labelWidthCache = -1; ///< widest label at the current scale

    // The last paint.
    Layout m_layout;
    TimeAxis m_axis;
    std::vector<DrawItem> m_items;
    int m_foldItems = 0;
    int m_lanesDrawn = 0;
    int m_wakesDrawn = 0;
};

} // namespace pw::gui
