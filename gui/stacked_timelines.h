// Two timelines, one above the other, on ONE time axis: the pinned run on top, the current run
// below. Both are drawn by TimelineRenderer with label columns of the same width, so a time is at
// the same x in both (a line printed 3 s later sits 3 s further right). Zoom, pan and the cursor
// move both together.
//   wheel            zoom around the pointer (over the lane labels: scroll that run's lanes)
//   shift+wheel      pan in time; a horizontal wheel pans too
//   drag             pan;  click: move the cursor there
//   + / - / 0        zoom in, zoom out, fit both runs;  double-click: fit
#pragma once

#include "time_axis.h"
#include "timeline_renderer.h"

#include <QWidget>

#include <array>
#include <memory>

namespace pw {
struct TimelineModel; // sim/timeline_model.h: kept out of moc's sight (C++20 <compare>)
}

namespace pw::gui {

class StackedTimelines : public QWidget {
    Q_OBJECT
public:
    enum Which { Pinned = 0, Current = 1 };

    explicit StackedTimelines(QWidget* parent = nullptr);
    ~StackedTimelines() override;

    /// Shows the two runs (either may be null) fitted to the longer one.
    void setModels(std::shared_ptr<const TimelineModel> pinned, std::shared_ptr<const TimelineModel> current);
    /// The caption drawn over each run (its title and subtitle lines).
    void setCaption(Which which, const QString& title, const QString& subtitle);
    const TimelineModel* model(Which which) const { return m_models[which].get(); }

    /// -1 hides the cursor. Does not emit cursorMoved.
    void setCursorTime(qint64 ns);
    qint64 cursorTime() const { return m_options[Pinned].cursorNs; }
    void setDarkPalette(bool dark);
    bool darkPalette() const { return m_options[Pinned].dark; }
    /// Shows [fromNs, toNs] of both runs.
    void setVisibleRange(qint64 fromNs, qint64 toNs);

    /// The axis both runs are drawn with (x0 and width: the plots' common x range).
    const TimeAxis& axis() const { return m_axis; }
    /// The renderer of one run, its last paint included (lastAxis(), lastLayout()).
    const TimelineRenderer& renderer(Which which) const { return m_renderers[which]; }
    /// Where each run is drawn.
    QRect sectionRect(Which which) const;

    QSize sizeHint() const override { return {900, 360}; }
    QSize minimumSizeHint() const override { return {300, 120}; }

public slots:
    void zoomIn();
    void zoomOut();
    void zoomToFit();

signals:
    /// The user clicked a time (the cursor moved there).
    void cursorMoved(qint64 ns);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;

private:
    /// Splits the height between the runs and gives both the wider label column.
    void relayout();
    void applyOptions();
    qint64 longestEnd() const;

    std::array<std::shared_ptr<const TimelineModel>, 2> m_models;
    std::array<TimelineRenderer, 2> m_renderers;
    std::array<TimelineRenderOptions, 2> m_options;
    std::array<QRect, 2> m_sections;
    TimeAxis m_axis;
    QPoint m_pressPos;
    QPoint m_lastPos;
    bool m_dragging = false;
    bool m_moved = false;
};

} // namespace pw::gui
