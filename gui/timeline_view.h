// The interactive timeline: TimelineRenderer in a scroll area.
//   wheel            zoom around the pointer (over the lane labels: scroll the lanes)
//   shift+wheel      pan in time; a horizontal wheel pans too
//   drag             pan; drag on the ruler (or the cursor line) moves the cursor
//   + / - / 0        zoom in, zoom out, fit the whole run; arrows pan and scroll
//   click            select the task under the pointer (a task lane, or the task a thread polls)
//   double-click     zoom to the span under the pointer
// Hovering shows a tooltip: the span's task, state, times and reason; a println! marker's text.
#pragma once

#include "time_axis.h"
#include "timeline_renderer.h"

#include <QAbstractScrollArea>
#include <QtGlobal>

#include <functional>
#include <memory>

namespace pw {
struct TimelineModel; // sim/timeline_model.h: kept out of moc's sight (C++20 <compare>)
}

namespace pw::gui {

/// The tooltip for `pos` over a timeline `renderer` last painted with `model`: the span's lane,
/// state, times and reason, a fold's count, or println! texts; empty over nothing.
QString timelineTooltip(const TimelineModel& model, const TimelineRenderer& renderer, const QPoint& pos);

class TimelineView : public QAbstractScrollArea {
    Q_OBJECT
public:
    static constexpr quint32 kNoTask = TimelineRenderOptions::kNoTask;

    explicit TimelineView(QWidget* parent = nullptr);
    ~TimelineView() override;

    /// Shows `model` (shared: the view keeps it alive) fitted to the window; null clears.
    /// The cursor and the selection are kept when they still make sense.
    void setModel(std::shared_ptr<const TimelineModel> model);
    const TimelineModel* model() const { return m_model.get(); }

    /// -1 hides the cursor. Does not emit cursorMoved.
    void setCursorTime(qint64 ns);
    qint64 cursorTime() const { return m_options.cursorNs; }
    /// kNoTask clears the selection. Does not emit taskSelected.
    void setSelectedTask(quint32 task);
    quint32 selectedTask() const { return m_options.selectedTask; }

    /// What a task's tooltip adds: why it is (not) running at a time (sim/explain.h), or nothing.
    void setExplainer(std::function<QString(quint32 task, qint64 ns)> explainer) { m_explainer = std::move(explainer); }

    void setDarkPalette(bool dark);
    void setShowLegend(bool show);
    void setShowWakes(bool show);
    /// Shows [fromNs, toNs] (clamped to the run).
    void setVisibleRange(qint64 fromNs, qint64 toNs);
    const TimeAxis& axis() const { return m_axis; }
    const TimelineRenderer& renderer() const { return m_renderer; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public slots:
    void zoomIn();
    void zoomOut();
    void zoomToFit();

signals:
    /// The user clicked a task (or empty space: kNoTask).
    void taskSelected(quint32 task);
    /// The user clicked the ruler or dragged the cursor.
    void cursorMoved(qint64 ns);
    void visibleRangeChanged(qint64 fromNs, qint64 toNs);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    enum class Drag { None, Pan, Cursor };

    void applyOptions();
    /// Puts the axis on the viewport's plot area and the scroll bars on the axis and lanes.
    void syncGeometry();
    void axisChanged();
    void moveCursorTo(int x);
    bool nearCursor(const QPoint& pos) const;
    QString tooltipAt(const QPoint& pos) const;

    std::shared_ptr<const TimelineModel> m_model;
    std::function<QString(quint32, qint64)> m_explainer;
    TimelineRenderer m_renderer;
    TimelineRenderOptions m_options;
    TimeAxis m_axis;
    double m_hUnitNs = 1;   ///< nanoseconds per step of the horizontal scroll bar
    bool m_syncing = false; ///< scroll bars being set from the axis: ignore their signals
    Drag m_drag = Drag::None;
    QPoint m_pressPos;
    QPoint m_lastPos;
    bool m_moved = false;
};

} // namespace pw::gui
