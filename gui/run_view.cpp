#include "run_view.h"

#include "sim/run_analysis.h"
#include "sim/scenario.h"
#include "sim/task_labels.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace pw::gui {

static_assert(kNoTaskId == pw::kNoTask);

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

QString runtimeName(const RuntimeConfig& config)
{
    switch (config.flavor) {
    case Flavor::MultiThread:
        return config.workers == 1 ? QStringLiteral("multi_thread, 1 worker")
                                   : QStringLiteral("multi_thread, %1 workers").arg(config.workers);
    case Flavor::CurrentThread:
        return QStringLiteral("current_thread");
    case Flavor::BlockOn:
        return QStringLiteral("block_on executor");
    case Flavor::LoopExecutor:
        return QStringLiteral("loop executor");
    }
    return {};
}

/// Past this many spans, neighbours closer than a pixel's worth of time are drawn as one
/// (a runaway loop can park a million times).
constexpr qsizetype kMaxSpans = 2000;

void coalesce(QList<BlockedSpan>& spans, qint64 endNs)
{
    if (spans.size() <= kMaxSpans)
        return;
    std::sort(spans.begin(), spans.end(), [](const BlockedSpan& a, const BlockedSpan& b) {
        return std::tie(a.threadRow, a.parked, a.startNs) < std::tie(b.threadRow, b.parked, b.startNs);
    });
    const qint64 gap = std::max<qint64>(1, endNs / 2000);
    QList<BlockedSpan> merged;
    for (const BlockedSpan& s : std::as_const(spans)) {
        BlockedSpan* last = merged.isEmpty() ? nullptr : &merged.last();
        if (last && last->threadRow == s.threadRow && last->parked == s.parked && s.startNs - last->endNs <= gap) {
            last->endNs = std::max(last->endNs, s.endNs);
            if (last->reason != s.reason)
                last->reason = QStringLiteral("several calls");
        } else {
            merged << s;
        }
    }
    spans = merged;
}

bool showsActivity(EventKind kind)
{
    return kind == EventKind::PollStart || kind == EventKind::BlockStart || kind == EventKind::Print;
}

} // namespace

QString Problem::location() const
{
    if (line <= 0)
        return QStringLiteral("%1: %2").arg(file, message);
    return QStringLiteral("%1:%2:%3: %4").arg(file).arg(line).arg(col).arg(message);
}

Problem makeProblem(const lang::Diagnostic& d, const QString& source)
{
    Problem p;
    p.file = qs(d.file);
    p.line = d.loc.line;
    p.col = d.loc.col;
    p.message = qs(d.message);
    p.formatted = qs(d.format(source.toStdString()));
    return p;
}

QString formatSeconds(qint64 ns)
{
    return qs(pw::formatSeconds(ns));
}

RunView makeRunView(const RunResult& result, const QString& source)
{
    const Trace& trace = result.trace;
    RunView view;
    for (const std::string& label : taskLabels(trace))
        view.taskLabels << qs(label);
    auto taskName = [&](TaskId id) { return id < view.taskLabels.size() ? view.taskLabels[id] : QStringLiteral("-"); };

    view.trace = std::make_shared<const Trace>(trace);
    view.marks = std::make_shared<const SourceMarks>(result.marks);
    view.codeLines = std::make_shared<const TaskLineIndex>(*view.marks, *view.trace);
    for (const TraceEvent& e : trace.events)
        if (view.eventTimes.isEmpty() || view.eventTimes.last() != e.t)
            view.eventTimes << e.t;
    if (view.eventTimes.isEmpty() || view.eventTimes.last() < trace.status.endNs)
        view.eventTimes << trace.status.endNs;
    view.config = std::make_shared<const RuntimeConfig>(result.config);
    std::map<ThreadId, int> rows; // ordered by thread id
    for (const TraceEvent& e : trace.events)
        if (e.thread < trace.threads.size() && showsActivity(e.kind))
            rows.emplace(e.thread, 0);
    for (const PrintedLine& l : trace.lines)
        if (l.thread < trace.threads.size())
            rows.emplace(l.thread, 0);

    const RunFigures figures = analyseRun(trace);
    for (auto& [thread, row] : rows) {
        row = static_cast<int>(view.threads.size());
        ThreadRow t;
        t.name = qs(trace.threads[thread].name);
        if (thread < figures.threads.size()) {
            t.busyNs = figures.threads[thread].busyNs;
            t.blockedNs = figures.threads[thread].blockedNs;
            t.idleNs = figures.threads[thread].idleNs;
        }
        view.threads << t;
    }
    view.idleThreads = static_cast<int>(trace.threads.size() - rows.size());

    for (const PrintedLine& l : trace.lines) {
        if (view.lines.size() == RunView::kMaxLines) {
            view.omittedLines = static_cast<qsizetype>(trace.lines.size()) - view.lines.size();
            break;
        }
        const auto row = rows.find(l.thread);
        ConsoleLine line;
        line.ns = l.t;
        line.time = formatSeconds(l.t);
        line.threadRow = row == rows.end() ? 0 : row->second;
        line.thread = row == rows.end() ? QStringLiteral("-") : qs(trace.threads[l.thread].name);
        line.task = taskName(l.task);
        line.text = qs(l.text);
        view.lines << line;
    }

    // A block that never ended (a deadlock) lasts until the end of the run.
    std::map<ThreadId, TraceEvent> open;
    for (const TraceEvent& e : trace.events) {
        if (e.kind == EventKind::BlockStart) {
            open[e.thread] = e;
        } else if (e.kind == EventKind::BlockEnd) {
            const auto start = open.find(e.thread);
            const auto row = rows.find(e.thread);
            if (start == open.end() || row == rows.end())
                continue;
            const auto reason = static_cast<BlockReason>(start->second.detail);
            view.blocked << BlockedSpan{row->second, start->second.t, e.t, QString::fromLatin1(toString(reason)),
                                        reason == BlockReason::BlockOnPark};
            open.erase(start);
        }
    }
    for (const auto& [thread, e] : open) {
        const auto reason = static_cast<BlockReason>(e.detail);
        if (const auto row = rows.find(thread); row != rows.end() && trace.status.endNs > e.t)
            view.blocked << BlockedSpan{row->second, e.t, trace.status.endNs, QString::fromLatin1(toString(reason)),
                                        reason == BlockReason::BlockOnPark};
    }

    // Parked: the thread had nothing to poll and slept until woken (the free hands of an .await).
    std::map<ThreadId, std::int64_t> parked;
    auto unpark = [&](ThreadId thread, std::int64_t t) {
        const auto start = parked.find(thread);
        if (start == parked.end())
            return;
        if (const auto row = rows.find(thread); row != rows.end() && t > start->second)
            view.blocked << BlockedSpan{row->second, start->second, t, QStringLiteral("park"), true};
        parked.erase(start);
    };
    for (const TraceEvent& e : trace.events) {
        if (e.kind == EventKind::Park)
            parked.emplace(e.thread, e.t);
        else if (e.kind == EventKind::Unpark || e.kind == EventKind::PollStart || e.kind == EventKind::BlockStart)
            unpark(e.thread, e.t);
    }
    while (!parked.empty())
        unpark(parked.begin()->first, std::max(trace.status.endNs, parked.begin()->second));
    coalesce(view.blocked, trace.status.endNs);

    for (const Warning& w : trace.warnings)
        view.warnings << WarningLine{w.t, formatSeconds(w.t), qs(w.kind),
                                     w.task == kNoTask ? QString() : taskName(w.task), qs(w.message)};
    view.suppressedWarnings = trace.suppressedWarnings;
    for (const lang::Diagnostic& d : result.errors)
        view.problems << makeProblem(d, source);

    view.status = QString::fromLatin1(toString(trace.status.kind));
    view.message = qs(trace.status.message);
    for (const std::string& d : trace.status.details)
        view.details << qs(d);
    view.endNs = trace.status.endNs;
    view.endTime = formatSeconds(trace.status.endNs);
    view.runtime = runtimeName(result.config);
    return view;
}

} // namespace pw::gui
