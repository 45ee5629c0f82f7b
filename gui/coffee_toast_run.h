// One run of the books' coffee-and-toast program, copied into Qt types for the widgets.
//
// This header stays free of runtime/ and sim/ includes so that QObject headers can use it
// (moc 6.4 cannot parse the C++20 <concepts> the engine's <coroutine> pulls in).
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace pw::gui {

enum class RunFlavor { MultiThread, CurrentThread };

/// "multi_thread" / "current_thread", as tokio's `flavor = "..."` spells them.
QString flavorName(RunFlavor flavor);
std::optional<RunFlavor> flavorFromName(const QString& name);

struct RunOptions {
    int workers = 4;
    RunFlavor flavor = RunFlavor::MultiThread;
    /// 002's second version: `sleep(Duration::from_millis(100)).await` first in prep_coffee_mug.
    bool yieldFirst = false;
};

struct ConsoleLine {
    qint64 ns = 0;
    QString time;    ///< pw::formatSeconds, "3.000s"
    int threadRow = 0; ///< index into RunResult::threads
    QString thread;
    QString task;
    QString text;
};

/// A stretch of time a thread spent blocked in a poll (thread::sleep: the books' busy hands).
struct BlockedSpan {
    int threadRow = 0;
    qint64 startNs = 0;
    qint64 endNs = 0;
};

struct RunResult {
    QList<ConsoleLine> lines;
    QList<BlockedSpan> blocked; ///< of the threads that printed
    QStringList threads; ///< the threads that printed, in the engine's thread order
    QString status;      ///< "finished", "deadlock", ...
    QString message;     ///< the engine's sentence for a learner
    qint64 endNs = 0;
    QString endTime;
};

RunResult runCoffeeToast(const RunOptions& options);

/// pw::formatSeconds for Qt callers.
QString formatSeconds(qint64 ns);

} // namespace pw::gui
