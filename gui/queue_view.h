// The runtime at the playback cursor: what every thread does and what waits where.
//
//   main        ● parked
//   worker-0    ● blocked · thread::sleep until 3.100s  [person #2]
//               LIFO [ empty ]   local queue [person #1] [task-7] +3
//   inject queue     [one] [two]
//   blocking pool    empty
//   timers           [person #1 | 10.000s] [person #2 | 10.000s]
//   mutex 'data'     tokio  held by [main] since 1.000s   waiting [task-3] [task-4]
//
// One row per thread (a worker's second line shows its LIFO slot and local queue, next to run
// first), then the shared queues, the pending timers (by deadline) and every mutex the run
// locks. A task is a chip coloured by a hue derived from its id, the same in every row and every frame; chips
// that do not fit are counted ("+12"). Hover a chip for the task's state, click it to select
// the task. Built from sim/runtime_snapshot.h (a SnapshotCursor: playback forwards is cheap).
//
// Kept free of runtime/ and sim/ includes: moc 6.4 cannot parse the C++20 headers they use.
#pragma once

#include <QColor>
#include <QStringList>
#include <QWidget>

#include <memory>

class QScrollArea;

namespace pw {
struct Trace;
struct RuntimeSnapshot;
} // namespace pw

namespace pw::gui {

class QueueView : public QWidget {
    Q_OBJECT
public:
    static constexpr quint32 kNoTask = 0xffffffffu;

    explicit QueueView(QWidget* parent = nullptr);
    ~QueueView() override;

    /// Shows `trace` (shared: the view keeps it alive) at the current time; null clears. To
    /// share a RunResult's trace: std::shared_ptr<const pw::Trace>(result, &result->trace).
    void setTrace(std::shared_ptr<const pw::Trace> trace);
    const pw::Trace* trace() const;
    /// The state after every event with t <= ns. Cheap when moving forward.
    void setTime(qint64 ns);
    qint64 time() const;

    /// The snapshot drawn, or null without a trace.
    const pw::RuntimeSnapshot* snapshot() const;
    /// The titles of the rows drawn, top to bottom ("main", "worker-0", ..., "inject queue",
    /// "blocking pool", "timers", "mutex 'data'").
    QStringList rowTitles() const;

    /// Draws with TimelinePalette::dark() (the dark theme) or light().
    void setDarkPalette(bool dark);

    /// The chip colour of a task: a stable hue from its id (fill; the edge is darker).
    static QColor taskColor(quint32 task);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    /// The user clicked a task's chip.
    void taskSelected(quint32 task);

private:
    class Canvas;
    struct Impl;
    void refresh();

    QScrollArea* m_scroll = nullptr;
    Canvas* m_canvas = nullptr;
    std::unique_ptr<Impl> d;
};

} // namespace pw::gui
