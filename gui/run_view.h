// One run of a scenario, copied from its trace into Qt types for the widgets: the printed
// lines, the threads that did something, when they were blocked, the status and warnings.
//
// Free of runtime/ and sim/ includes, like scenario_runner.h, so that QObject headers can use it.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace pw {
struct RunResult;
struct SourceMarks;
class TaskLineIndex;
struct RuntimeConfig;
struct Trace;
namespace lang {
struct Diagnostic;
}
} // namespace pw

namespace pw::gui {

/// No task (selected, hovered): the value of pw::kNoTask, which moc-facing headers cannot include.
inline constexpr quint32 kNoTaskId = 0xffffffffu;

/// An error in a scenario, with where it is. `line` and `col` are 1-based, 0 when unknown.
struct Problem {
    QString file;
    int line = 0;
    int col = 0;
    QString message;
    QString formatted; ///< `file:line:col: error: message`, the source line and a caret

    /// `file:line:col: message` on one line.
    QString location() const;
};

struct ConsoleLine {
    qint64 ns = 0;
    QString time;      ///< pw::formatSeconds, "3.000s"
    int threadRow = 0; ///< index into RunView::threads
    QString thread;
    QString task;
    QString text;
};

/// A stretch of time a thread spent blocked: in a poll (thread::sleep, a std Mutex, CPU work)
/// or, for `parked`, an executor waiting to be woken.
struct BlockedSpan {
    int threadRow = 0;
    qint64 startNs = 0;
    qint64 endNs = 0;
    QString reason; ///< "thread::sleep", "std::sync::Mutex::lock", ...
    bool parked = false;
};

struct ThreadRow {
    QString name;
    qint64 busyNs = 0;
    qint64 blockedNs = 0;
    qint64 idleNs = 0;
};

struct WarningLine {
    qint64 ns = 0;
    QString time;
    QString kind; ///< blocking-in-async, lost-waker, guard-across-await, deadlock
    QString task;
    QString message;
};

struct RunView {
    /// Shown at most: a runaway loop can print millions of lines.
    static constexpr int kMaxLines = 5000;

    QList<ConsoleLine> lines; ///< the first kMaxLines printed lines
    qsizetype omittedLines = 0;
    QList<BlockedSpan> blocked;
    QList<ThreadRow> threads; ///< the threads that polled, blocked or printed, in engine order
    int idleThreads = 0;      ///< threads that did nothing at all (not in `threads`)
    QList<WarningLine> warnings;
    quint64 suppressedWarnings = 0;
    QList<Problem> problems; ///< the scenario's errors; a run with problems has status "error"
    QString status;          ///< "finished", "deadlock", "stalled", "budget", "error"
    QString message;         ///< the engine's sentence for a learner
    QStringList details;     ///< for a deadlock: who waits for what
    qint64 endNs = 0;
    QString endTime;
    QString runtime;                                    ///< "multi_thread, 4 workers", "block_on executor"
    std::shared_ptr<const pw::Trace> trace;             ///< the whole run, for the timeline, queues and charts
    std::shared_ptr<const pw::SourceMarks> marks;       ///< where each task was in the source, over time
    std::shared_ptr<const pw::TaskLineIndex> codeLines; ///< the code markers at any time (over marks and trace)
    QStringList taskLabels;   ///< by task id: the name, or "name #id" when names repeat (sim/task_labels.h)
    QList<qint64> eventTimes; ///< the instants at which something happened, sorted, unique (playback steps)
    std::shared_ptr<const pw::RuntimeConfig> config; ///< what actually ran (for the trace JSON)
    // What ran, for comparisons and exports (set by runScenario; see run_description.h).
    QString scenario;      ///< the built-in id, or the file's path
    QString scenarioTitle; ///< "Coffee and toast: one pair of hands"
    QString settingsText;  ///< "multi_thread, 4 workers  ·  KETTLE = 10 s  ·  seed 0"

    bool finished() const { return status == QLatin1String("finished"); }
};

/// Copies what the widgets show out of a finished run of a scenario with this source.
RunView makeRunView(const pw::RunResult& result, const QString& source);

Problem makeProblem(const pw::lang::Diagnostic& diagnostic, const QString& source);

/// pw::formatSeconds for Qt callers.
QString formatSeconds(qint64 ns);

} // namespace pw::gui
