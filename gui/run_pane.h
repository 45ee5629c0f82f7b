// The right pane: why a run did not finish (deadlock, stalled), what it printed (console), the
// scenario's problems and the runtime's warnings, all from one RunView. The console follows the
// playback cursor: lines printed later are greyed, the last one printed is highlighted, and the
// selected task's lines are bold.
#pragma once

#include "run_view.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace pw::gui {

class RunPane : public QWidget {
    Q_OBJECT
public:
    explicit RunPane(QWidget* parent = nullptr);

    void setRun(const RunView& run);
    void setCursorTime(qint64 ns);
    /// Shows these problems (an edit that does not load) and leaves the console as it is.
    void setProblems(const QList<Problem>& problems);
    /// The task whose lines are bold (its name), empty for none.
    void setSelectedTask(const QString& task);

    /// How many lines were printed by the cursor time; the last of them.
    int printedLines() const;
    QString currentLine() const;

signals:
    /// A problem was activated: show this 1-based line and column of the source.
    void problemActivated(int line, int col);
    /// The user clicked a console line: the time it was printed.
    void lineActivated(qint64 ns);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showBanner(const RunView& run);
    void showConsole(const RunView& run);
    void showWarnings(const RunView& run);
    void styleLine(int index, bool printed);
    void styleCurrent(int index, bool current);

    QLabel* m_banner = nullptr;
    QTreeWidget* m_console = nullptr;
    QWidget* m_problemsBox = nullptr;
    QLabel* m_problemsTitle = nullptr;
    QTreeWidget* m_problems = nullptr;
    QWidget* m_warningsBox = nullptr;
    QLabel* m_warningsTitle = nullptr;
    QTreeWidget* m_warnings = nullptr;
    QList<qint64> m_lineTimes;
    qint64 m_cursor = 0;
    int m_shownLines = 0;
    int m_current = -1;
    QString m_selectedTask;
};

} // namespace pw::gui
