// The Compare tab: a pinned run and the current one. Pin a run, change a parameter (or open
// another scenario) and see both timelines stacked on one time axis, both totals and the
// difference ("24.000s → 21.000s, −3.000s (−12.5%)"), and which printed lines moved in time and
// when each task finished, from sim/run_comparison.h.
#pragma once

#include "run_view.h"
#include "sim/run_comparison.h"

#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QStackedWidget;
class QTreeWidget;

namespace pw {
struct TimelineModel; // sim/timeline_model.h: kept out of moc's sight (C++20 <compare>)
}

namespace pw::gui {

class StackedTimelines;

class CompareView : public QWidget {
    Q_OBJECT
public:
    /// Columns of the lines-and-tasks table.
    enum Column { TextColumn, TaskColumn, PinnedColumn, CurrentColumn, ChangeColumn };

    explicit CompareView(QWidget* parent = nullptr);
    ~CompareView() override;

    /// Keeps `run` (labelled e.g. "coffee-toast · KETTLE = 10 s") to compare the current run with.
    void setPinned(const RunView& run, const QString& label);
    void clearPinned();
    bool hasPinned() const { return m_pinned.has_value(); }
    const RunView* pinned() const { return m_pinned ? &*m_pinned : nullptr; }
    QString pinnedLabel() const { return m_pinnedLabel; }
    /// The run to compare with the pinned one (the app's latest run), labelled with runLabel()
    /// unless `label` is given.
    void setCurrent(const RunView& run, const QString& label = {});
    /// The same with the run's timeline already built (the Timeline tab's): not built twice.
    void setCurrent(const RunView& run, std::shared_ptr<const pw::TimelineModel> model, const QString& label = {});

    void setCursorTime(qint64 ns);
    void setDarkPalette(bool dark);

    /// The comparison shown; null while nothing is pinned or either run has no trace.
    const pw::RunComparison* comparison() const { return m_comparison ? &*m_comparison : nullptr; }
    /// "24.000s → 21.000s, −3.000s (−12.5%)", empty without a comparison.
    QString totalsText() const;
    StackedTimelines* timelines() const { return m_timelines; }
    QTreeWidget* table() const { return m_table; }

signals:
    void cursorMoved(qint64 ns);

private:
    void refresh();
    void fillTable();

    std::optional<RunView> m_pinned;
    QString m_pinnedLabel;
    std::optional<RunView> m_current;
    QString m_currentLabel;
    std::shared_ptr<const pw::TimelineModel> m_pinnedModel;
    std::shared_ptr<const pw::TimelineModel> m_currentModel; ///< built while something is pinned
    std::optional<pw::RunComparison> m_comparison;

    QStackedWidget* m_stack = nullptr;
    QLabel* m_empty = nullptr;
    QLabel* m_totals = nullptr;
    QLabel* m_labels = nullptr;
    StackedTimelines* m_timelines = nullptr;
    QTreeWidget* m_table = nullptr;
};

} // namespace pw::gui
