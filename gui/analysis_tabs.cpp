#include "analysis_tabs.h"

#include "charts_panel.h"
#include "compare_view.h"
#include "future_view.h"
#include "memory_diagram_view.h"
#include "queue_view.h"
#include "run_view.h"
#include "scenario_runner.h"
#include "timeline_view.h"

#include "sim/memory/memory_interpreter.h"
#include "sim/scenario.h"
#include "sim/timeline_model.h"

namespace pw::gui {

AnalysisTabs::AnalysisTabs(QWidget* parent) : QTabWidget(parent)
{
    setObjectName(QStringLiteral("analysisTabs"));
    setDocumentMode(true);
    m_timeline = new TimelineView;
    m_queues = new QueueView;
    m_charts = new ChartsPanel;
    m_memory = new MemoryDiagramView;
    m_future = new FutureView;
    addTab(m_timeline, tr("Timeline"));
    addTab(m_queues, tr("Queues at the cursor"));
    addTab(m_charts, tr("Charts"));
    m_compare = new CompareView;
    addTab(m_compare, tr("Compare"));
    connect(m_compare, &CompareView::cursorMoved, this, &AnalysisTabs::setCursorTime);
    addTab(m_future, tr("Future"));
    addTab(m_memory, tr("Memory"));
    setTabVisible(indexOf(m_memory), false);
    connect(m_timeline, &TimelineView::cursorMoved, this, &AnalysisTabs::setCursorTime);
    connect(m_timeline, &TimelineView::taskSelected, this, &AnalysisTabs::taskSelected);
    connect(m_charts, &ChartsPanel::timeClicked, this, &AnalysisTabs::setCursorTime);
    connect(m_queues, &QueueView::taskSelected, this, [this](quint32 task) {
        m_timeline->setSelectedTask(task);
        emit taskSelected(task);
    });
}

void AnalysisTabs::setRun(const RunView& run)
{
    m_future->setRun(run);
    auto model = run.trace ? std::make_shared<const TimelineModel>(buildTimeline(*run.trace)) : nullptr;
    m_compare->setCurrent(run, model);
    if (!run.trace) {
        m_timeline->setModel(nullptr);
        m_queues->setTrace(nullptr);
        m_charts->clear();
        return;
    }
    m_timeline->setModel(std::move(model));
    m_queues->setTrace(run.trace);
    m_charts->setTrace(*run.trace);
    if (const RunView* pinned = m_compare->pinned(); pinned && pinned->trace && !m_charts->hasComparison())
        m_charts->setComparison(*pinned->trace, tr("pinned")); // clear() dropped it after a failed run
    // Keep the cursor where the learner left it, within the new run.
    setCursorTime(std::min<qint64>(m_cursorNs, run.endNs));
}

void AnalysisTabs::setPinned(const RunView& run, const QString& label)
{
    m_compare->setPinned(run, label);
    if (run.trace)
        m_charts->setComparison(*run.trace, tr("pinned"));
    else
        m_charts->clearComparison();
}

void AnalysisTabs::clearPinned()
{
    m_compare->clearPinned();
    m_charts->clearComparison();
}

void AnalysisTabs::setProgram(const LoadedScenario& program)
{
    const bool pinning = program.ok() && program.scenario->memoryProgram;
    std::shared_ptr<const memory::MemoryTrace> trace;
    if (pinning) // deterministic and independent of the run settings: run once per load
        trace = std::make_shared<const memory::MemoryTrace>(
            memory::runMemoryProgram(program.scenario->source, program.scenario->fileName));
    m_memory->setTrace(trace, program.info.title, program.info.source);
    setTabVisible(indexOf(m_memory), pinning);
    m_future->setProgram(program.scenario); // a runtime program: its tasks' futures
    setTabVisible(indexOf(m_future), !pinning);
    if (pinning)
        setCurrentWidget(m_memory);
    else if (currentWidget() == m_memory)
        setCurrentWidget(m_timeline);
}

bool AnalysisTabs::hasMemoryDiagram() const
{
    return m_memory->trace() != nullptr;
}

void AnalysisTabs::setCursorTime(qint64 ns)
{
    m_cursorNs = std::max<qint64>(0, ns);
    m_timeline->setCursorTime(m_cursorNs);
    m_queues->setTime(m_cursorNs);
    m_charts->setCursorTime(m_cursorNs);
    m_compare->setCursorTime(m_cursorNs);
    m_future->setCursorTime(m_cursorNs);
    emit cursorMoved(m_cursorNs);
}

} // namespace pw::gui
