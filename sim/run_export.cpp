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
    std::snprintf(buf, sizeof buf, "%lld.%03lld", static_cast<long long>(ns / 1000),
                  static_cast<long long>(ns % 1000));
    return buf;
}
} // namespace

std::string runSummaryJson(const Trace& trace, const RunDescription& run)
{
    const RunFigures fig = analyseRun(trace);
    JsonWriter w;
    w.beginObject();
    w.key("schema");
    w.value("pinwheel.run/1");
    w.key("scenario");
    w.value(run.scenario);
    w.key("status");
    w.value(toString(trace.status.kind));
    w.key("message");
    w.value(trace.status.message);
    w.key("total_ns");
    w.value(trace.status.endNs);
    w.key("flavor");
    w.value(toString(run.config.flavor));
    w.key("workers");
    w.value(run.config.flavor == Flavor::MultiThread ? run.config.workers : 1);
    w.key("seed");
    w.value(run.config.seed);
    w.key("lines");
    w.beginArray();
    for (const auto& l : trace.lines) {
        w.beginObject();
        w.key("t_ns");
        w.value(l.t);
        w.key("thread");
        w.value(l.thread < trace.threads.size() ? trace.threads[l.thread].name : std::string());
        w.key("task");
        w.value(l.task < trace.tasks.size() ? trace.tasks[l.task].name : std::string());
        w.key("text");
        w.value(l.text);
        w.endObject();
    }
    w.endArray();
    w.key("tasks");
    w.beginArray();
    for (const auto& t : fig.tasks) {
        w.beginObject();
        w.key("id");
        w.value(static_cast<std::int64_t>(t.id));
        w.key("name");
        w.value(t.name);
        w.key("polls");
        w.value(static_cast<std::int64_t>(t.polls));
        w.key("wakes");
        w.value(static_cast<std::int64_t>(t.wakes));
        w.key("spawned_ns");
        w.value(t.spawnedNs);
        w.key("done_ns");
        if (t.doneNs >= 0)
            w.value(t.doneNs);
        else
            w.null();
        w.key("busy_ns");
        w.value(t.busyNs);
        w.key("blocked_ns");
        w.value(t.blockedNs);
        w.key("scheduled_ns");
        w.value(t.scheduledNs);
        w.endObject();
    }
    w.endArray();
    w.key("threads");
    w.beginArray();
    for (const auto& t : fig.threads) {
        w.beginObject();
        w.key("name");
        w.value(t.name);
        w.key("busy_ns");
        w.value(t.busyNs);
        w.key("blocked_ns");
        w.value(t.blockedNs);
        w.key("idle_ns");
        w.value(t.idleNs);
        w.endObject();
    }
    w.endArray();
    w.key("warnings");
    w.beginArray();
    for (const auto& x : trace.warnings) {
        w.beginObject();
        w.key("kind");
        w.value(x.kind);
        w.key("t_ns");
        w.value(x.t);
        w.key("task");
        w.value(x.task < trace.tasks.size() ? trace.tasks[x.task].name : std::string());
        w.key("message");
        w.value(x.message);
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
    w.key("displayTimeUnit");
    w.value("ms");
    w.key("otherData");
    w.beginObject();
    w.key("scenario");
    w.value(run.scenario);
    w.key("status");
    w.value(toString(trace.status.kind));
    w.endObject();
    w.key("traceEvents");
    w.beginArray();
    auto meta = [&](int pid, int tid, const char* what, const std::string& name) {
        w.beginObject();
        w.key("name");
        w.value(what);
        w.key("ph");
        w.value("M");
        w.key("pid");
        w.value(pid);
        w.key("tid");
        w.value(tid);
        w.key("args");
        w.beginObject();
        w.key("name");
        w.value(name);
        w.endObject();
        w.endObject();
    };
    meta(kThreadsPid, 0, "process_name", "threads");
    meta(kTasksPid, 0, "process_name", "tasks");
    for (std::size_t i = 0; i < trace.threads.size(); ++i)
        meta(kThreadsPid, static_cast<int>(i), "thread_name", trace.threads[i].name);
    for (std::size_t i = 0; i < trace.tasks.size(); ++i)
        meta(kTasksPid, static_cast<int>(i), "thread_name", trace.tasks[i].name);

    auto slice = [&](int pid, int tid, const std::string& name, const char* cat, std::int64_t start,
                     std::int64_t end) {
        w.beginObject();
        w.key("name");
        w.value(name);
        w.key("cat");
        w.value(cat);
        w.key("ph");
        w.value("X");
        w.key("pid");
        w.value(pid);
        w.key("tid");
        w.value(tid);
        w.key("ts");
        w.raw(micros(start));
        w.key("dur");
        w.raw(micros(end - start));
        w.endObject();
    };
    std::vector<std::int64_t> pollStart(trace.threads.size(), -1), blockStart(trace.threads.size(), -1);
    std::vector<std::uint8_t> blockReason(trace.threads.size(), 0);
    std::map<TaskId, std::vector<std::pair<std::int64_t, ThreadId>>> pendingWakes; // wakee -> (t, waker thread)
    std::int64_t flowId = 0;
    for (const TraceEvent& e : trace.events) {
        const int tid = e.thread == kNoThread ? 0 : e.thread;
        const std::string taskName = e.task < trace.tasks.size() ? trace.tasks[e.task].name : std::string("-");
        switch (e.kind) {
        case EventKind::PollStart:
            if (e.thread < pollStart.size())
                pollStart[e.thread] = e.t;
            for (const auto& [t, th] : pendingWakes[e.task]) {
                ++flowId;
                w.beginObject();
                w.key("name");
                w.value("wake");
                w.key("cat");
                w.value("wake");
                w.key("ph");
                w.value("s");
                w.key("id");
                w.value(flowId);
                w.key("pid");
                w.value(kThreadsPid);
                w.key("tid");
                w.value(static_cast<int>(th == kNoThread ? 0 : th));
                w.key("ts");
                w.raw(micros(t));
                w.endObject();
                w.beginObject();
                w.key("name");
                w.value("wake");
                w.key("cat");
                w.value("wake");
                w.key("ph");
                w.value("f");
                w.key("bp");
                w.value("e");
                w.key("id");
                w.value(flowId);
                w.key("pid");
                w.value(kThreadsPid);
                w.key("tid");
                w.value(tid);
                w.key("ts");
                w.raw(micros(e.t));
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
            if (e.detail != static_cast<std::uint8_t>(WakeKind::Coalesced))
                pendingWakes[e.task].push_back({e.t, e.thread});
            break;
        case EventKind::Print: {
            const auto idx = static_cast<std::size_t>(e.arg);
            w.beginObject();
            w.key("name");
            w.value(idx < trace.lines.size() ? trace.lines[idx].text : std::string());
            w.key("cat");
            w.value("print");
            w.key("ph");
            w.value("i");
            w.key("s");
            w.value("t");
            w.key("pid");
            w.value(kThreadsPid);
            w.key("tid");
            w.value(tid);
            w.key("ts");
            w.raw(micros(e.t));
            w.endObject();
            break;
        }
        default: break;
        }
    }
    w.endArray();
    w.endObject();
    return w.str() + "\n";
}

} // namespace pw
