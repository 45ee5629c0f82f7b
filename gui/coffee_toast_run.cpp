#include "coffee_toast_run.h"

#include "runtime/runtime.h"
#include "sim/book_programs.h"

#include <map>

namespace pw::gui {

QString flavorName(RunFlavor flavor)
{
    return flavor == RunFlavor::CurrentThread ? QStringLiteral("current_thread") : QStringLiteral("multi_thread");
}

std::optional<RunFlavor> flavorFromName(const QString& name)
{
    if (name == QLatin1String("multi_thread"))
        return RunFlavor::MultiThread;
    if (name == QLatin1String("current_thread"))
        return RunFlavor::CurrentThread;
    return std::nullopt;
}

QString formatSeconds(qint64 ns)
{
    return QString::fromStdString(pw::formatSeconds(ns));
}

RunResult runCoffeeToast(const RunOptions& options)
{
    RuntimeConfig config;
    config.flavor = options.flavor == RunFlavor::CurrentThread ? Flavor::CurrentThread : Flavor::MultiThread;
    config.workers = options.workers;
    Runtime rt(config);
    rt.setMain(book::coffeeToastMain(rt, {.yieldFirst = options.yieldFirst}).boxed());
    const Trace& trace = rt.run();

    auto name = [](const auto& table, std::size_t i) {
        return i < table.size() ? QString::fromStdString(table[i].name) : QStringLiteral("-");
    };

    RunResult result;
    std::map<ThreadId, int> rows; // ordered by thread id
    for (const PrintedLine& l : trace.lines)
        rows.emplace(l.thread, 0);
    for (auto& [thread, row] : rows) {
        row = static_cast<int>(result.threads.size());
        result.threads << name(trace.threads, thread);
    }
    for (const PrintedLine& l : trace.lines) {
        ConsoleLine line;
        line.ns = l.t;
        line.time = formatSeconds(l.t);
        line.threadRow = rows[l.thread];
        line.thread = name(trace.threads, l.thread);
        line.task = name(trace.tasks, l.task);
        line.text = QString::fromStdString(l.text);
        result.lines << line;
    }
    std::map<ThreadId, std::int64_t> blockStart;
    for (const TraceEvent& e : trace.events) {
        const auto row = rows.find(e.thread);
        if (row == rows.end())
            continue;
        if (e.kind == EventKind::BlockStart)
            blockStart[e.thread] = e.t;
        else if (const auto open = blockStart.find(e.thread); e.kind == EventKind::BlockEnd && open != blockStart.end()) {
            result.blocked << BlockedSpan{row->second, open->second, e.t};
            blockStart.erase(open);
        }
    }
    result.status = QString::fromLatin1(toString(trace.status.kind));
    result.message = QString::fromStdString(trace.status.message);
    result.endNs = trace.status.endNs;
    result.endTime = formatSeconds(trace.status.endNs);
    return result;
}

} // namespace pw::gui
