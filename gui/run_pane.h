// The right pane: why a run did not finish (deadlock, stalled), what it printed (console), the
// scenario's problems, the runtime's warnings, and the timeline strip, all from one RunView.
#pragma once

#include "run_view.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace pw::gui {

class RunStrip;

class RunPane : public QWidget {
    Q_OBJECT
public:
    explicit RunPane(QWidget* parent = nullptr);

    void setRun(const RunView& run);

signals:
    /// A problem was activated: show this 1-based line and column of the source.
    void problemActivated(int line, int col);

private:
    void showBanner(const RunView& run);
    void showConsole(const RunView& run);
    void showProblems(const RunView& run);
    void showWarnings(const RunView& run);

    QLabel* m_banner = nullptr;
    QTreeWidget* m_console = nullptr;
    QWidget* m_problemsBox = nullptr;
    QLabel* m_problemsTitle = nullptr;
    QTreeWidget* m_problems = nullptr;
    QWidget* m_warningsBox = nullptr;
    QLabel* m_warningsTitle = nullptr;
    QTreeWidget* m_warnings = nullptr;
    QLabel* m_timelineNote = nullptr;
    RunStrip* m_strip = nullptr;
};

} // namespace pw::gui
