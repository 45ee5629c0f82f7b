// The run, analysed: the interactive timeline, the run queues at the cursor, and charts, in
// tabs under the source and console. One cursor time is shared by all three. For a pinning
// program (sim/memory) a Memory tab steps through its memory diagram.
#pragma once

#include <QTabWidget>

#include <memory>

namespace pw {
struct Trace;
}

namespace pw::gui {

class ChartsPanel;
class FutureView;
class CompareView;
class MemoryDiagramView;
class QueueView;
class TimelineView;
struct RunView;
struct LoadedScenario;

class AnalysisTabs : public QTabWidget {
    Q_OBJECT
public:
    explicit AnalysisTabs(QWidget* parent = nullptr);

    void setRun(const RunView& run);
    /// For a pinning program (#[pinwheel(memory)]) the Memory tab shows its diagram from the
    /// first step and comes to the front; for any other scenario the tab is hidden.
    void setProgram(const LoadedScenario& program);
    bool hasMemoryDiagram() const;
    void setCursorTime(qint64 ns);
    qint64 cursorTime() const { return m_cursorNs; }
    TimelineView* timeline() const { return m_timeline; }
    QueueView* queues() const { return m_queues; }
    ChartsPanel* charts() const { return m_charts; }
    MemoryDiagramView* memory() const { return m_memory; }
    FutureView* future() const { return m_future; }

    // Compare: a pinned run next to the current one (the Compare tab, and dashed in the charts).
    void setPinned(const RunView& run, const QString& label);
    void clearPinned();
    CompareView* compare() const { return m_compare; }

signals:
    void cursorMoved(qint64 ns);
    void taskSelected(quint32 task);

private:
    TimelineView* m_timeline = nullptr;
    QueueView* m_queues = nullptr;
    ChartsPanel* m_charts = nullptr;
    CompareView* m_compare = nullptr;
    MemoryDiagramView* m_memory = nullptr;
    FutureView* m_future = nullptr;
    qint64 m_cursorNs = 0;
};

} // namespace pw::gui
