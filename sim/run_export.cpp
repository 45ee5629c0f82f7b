#include "run_export.h"

#include "json_writer.h"
#include "run_analysis.h"

#include <cstdio>
#include <map>

namespace pw {

namespace {
std::string micros(std::int64_t ns)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%lld.%03lld", static_cast<long long>(ns / 1000), static_cast<long long>(ns % 1000));
    return buf;
}
} // namespace

std::string runSummaryJson(const Trace& trace, const RunDescription& run)
{
    const RunFigures fig = analyseRun(trace);
    JsonWriter w;
    w.beginObject();
    w.field("schema", "pinwheel.run/1");
    w.field("scenario", run.scenario);
    w.field("status", toString(trace.status.kind));
    w.field("message", trace.status.message);
    w.field("total_ns", trace.status.endNs);
    w.field("flavor", toString(run.config.flavor));
    w.field("workers", run.config.flavor == Flavor::MultiThread ? run.config.workers : 1);
    w.field("seed", run.config.seed);
    w.key("lines");
    w.beginArray();
    for (const auto& l : trace.lines) {
        w.beginObject();
        w.field("t_ns", l.t);
        w.field("thread", l.thread < trace.threads.size() ? trace.threads[l.thread].name : std::string());
        w.field("task", l.task < trace.tasks.size() ? trace.taskName(l.task) : std::string());
        w.field("text", l.text);
        w.endObject();
    }
    w.endArray();
    w.key("tasks");
    w.beginArray();
    for (const auto& t : fig.tasks) {
        w.beginObject();
        w.field("id", static_cast<std::int64_t>(t.id));
        w.field("name", t.name);
        w.field("polls", static_cast<std::int64_t>(t.polls));
        w.field("wakes", static_cast<std::int64_t>(t.wakes));
        w.field("spawned_ns", t.spawnedNs);
        w.key("done_ns");
        if (t.doneNs >= 0)
            w.value(t.doneNs);
        else
            w.null();
        w.field("busy_ns", t.busyNs);
        w.field("blocked_ns", t.blockedNs);
        w.field("scheduled_ns", t.scheduledNs);
        w.endObject();
    }
    w.endArray();
    w.key("threads");
    w.beginArray();
    for (const auto& t : fig.threads) {
        w.beginObject();
        w.field("name", t.name);
        w.field("busy_ns", t.busyNs);
        w.field("blocked_ns", t.blockedNs);
        w.field("idle_ns", t.idleNs);
        w.endObject();
    }
    w.endArray();
    w.key("warnings");
    w.beginArray();
    for (const auto& x : trace.warnings) {
        w.beginObject();
        w.field("kind", x.kind);
        w.field("t_ns", x.t);
        w.field("task", x.task < trace.tasks.size() ? trace.taskName(x.task) : std::string());
        w.field("message", x.message);
        w.endObject();
    }
    w.endArray();
    w.endObject();
    return w.str() + "\n";
}

std::string chromeTraceJson(const Trace& trace, const RunDescription& run)
{
    constexpr int kThreadsPid = 1;
    constexpr int kTasksPid = 2;
    JsonWriter w;
    w.beginObject();
    w.field("displayTimeUnit", "ms");
    w.key("otherData");
    w.beginObject();
    w.field("scenario", run.scenario);
    w.field("status", toString(trace.status.kind));
    w.endObject();
    w.key("traceEvents");
    w.beginArray();
    auto meta = [&](int pid, int tid, const char* what, const std::string& name) {
        w.beginObject();
        w.field("name", what);
        w.field("ph", "M");
        w.field("pid", pid);
        w.field("tid", tid);
        w.key("args");
        w.beginObject();
        w.field("name", name);
        w.endObject();
        w.endObject();
    };
    meta(kThreadsPid, 0, "process_name", "threads");
    meta(kTasksPid, 0, "process_name", "tasks");
    for (std::size_t i = 0; i < trace.threads.size(); ++i)
        meta(kThreadsPid, static_cast<int>(i), "thread_name", trace.threads[i].name);
    for (std::size_t i = 0; i < trace.tasks.size(); ++i)
        meta(kTasksPid, static_cast<int>(i), "thread_name", trace.taskName(i));

    auto slice = [&](int pid, int tid, const std::string& name, const char* cat, std::int64_t start, std::int64_t end) {
        w.beginObject();
        w.field("name", name);
        w.field("cat", cat);
        w.field("ph", "X");
        w.field("pid", pid);
        w.field("tid", tid);
        w.rawField("ts", micros(start));
        w.rawField("dur", micros(end - start));
        w.endObject();
    };
    std::vector<std::int64_t> pollStart(trace.threads.size(), -1), blockStart(trace.threads.size(), -1);
    std::vector<std::uint8_t> blockReason(trace.threads.size(), 0);
    std::map<TaskId, std::vector<std::pair<std::int64_t, ThreadId>>> pendingWakes; // wakee -> (t, waker thread)
    std::int64_t flowId = 0;
    for (const TraceEvent& e : trace.events) {
        const int tid = e.thread == kNoThread ? 0 : e.thread;
        const std::string taskName = e.task < trace.tasks.size() ? trace.taskName(e.task) : std::string("-");
        switch (e.kind) {
        case EventKind::PollStart:
            if (e.thread < pollStart.size())
                pollStart[e.thread] = e.t;
            for (const auto& [t, th] : pendingWakes[e.task]) {
                ++flowId;
                w.beginObject();
                w.field("name", "wake");
                w.field("cat", "wake");
                w.field("ph", "s");
                w.field("id", flowId);
                w.field("pid", kThreadsPid);
                w.field("tid", static_cast<int>(th == kNoThread ? 0 : th));
                w.rawField("ts", micros(t));
                w.endObject();
                w.beginObject();
                w.field("name", "wake");
                w.field("cat", "wake");
                w.field("ph", "f");
                w.field("bp", "e");
                w.field("id", flowId);
                w.field("pid", kThreadsPid);
                w.field("tid", tid);
                w.rawField("ts", micros(e.t));
                w.endObject();
            }
            pendingWakes.erase(e.task);
            break;
        case EventKind::PollEnd:
            if (e.thread < pollStart.size() && pollStart[e.thread] >= 0) {
                slice(kThreadsPid, tid, "poll " + taskName, "poll", pollStart[e.thread], e.t);
                slice(kTasksPid, static_cast<int>(e.task), "poll", "poll", pollStart[e.thread], e.t);
                pollStart[e.thread] = -1;
            }
            break;
        case EventKind::BlockStart:
            if (e.thread < blockStart.size()) {
                blockStart[e.thread] = e.t;
                blockReason[e.thread] = e.detail;
            }
            break;
        case EventKind::BlockEnd:
            if (e.thread < blockStart.size() && blockStart[e.thread] >= 0) {
                slice(kThreadsPid, tid, toString(static_cast<BlockReason>(blockReason[e.thread])), "blocked",
                      blockStart[e.thread], e.t);
                blockStart[e.thread] = -1;
            }
            break;
        case EventKind::Wake:
        case EventKind::TimerFire:
            if (isEffectiveWake(e))
                pendingWakes[e.task].push_back({e.t, e.thread});
            break;
        case EventKind::Print: {
            const auto idx = static_cast<std::size_t>(e.arg);
            w.beginObject();
            w.field("name", idx < trace.lines.size() ? trace.lines[idx].text : std::string());
            w.field("cat", "print");
            w.field("ph", "i");
            w.field("s", "t");
            w.field("pid", kThreadsPid);
            w.field("tid", tid);
            w.rawField("ts", micros(e.t));
            w.endObject();
            break;
        }
        default:
            break;
        }
    }
    w.endArray();
    w.endObject();
    return w.str() + "\n";
}

} // namespace pw
