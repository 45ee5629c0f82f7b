#include "run_analysis.h"

namespace pw {

RunFigures analyseRun(const Trace& trace)
{
    RunFigures out;
    const std::int64_t end = trace.status.endNs;
    out.tasks.resize(trace.tasks.size());
    for (std::size_t i = 0; i < trace.tasks.size(); ++i) {
        out.tasks[i].id = static_cast<TaskId>(i);
        out.tasks[i].name = trace.taskName(i);
        out.tasks[i].spawnedNs = trace.tasks[i].spawnedNs;
    }
    out.threads.resize(trace.threads.size());
    for (std::size_t i = 0; i < trace.threads.size(); ++i)
        out.threads[i].name = trace.threads[i].name;

    std::vector<std::int64_t> pollStart(trace.threads.size(), -1), blockStart(trace.threads.size(), -1);
    std::vector<std::int64_t> blockedInPoll(trace.threads.size(), 0);
    std::vector<std::int64_t> queuedSince(trace.tasks.size(), -1);
    for (const TraceEvent& e : trace.events) {
        const bool hasTask = e.task != kNoTask && e.task < out.tasks.size();
        const bool hasThread = e.thread != kNoThread && e.thread < out.threads.size();
        switch (e.kind) {
        case EventKind::Spawn:
        case EventKind::Schedule:
            if (hasTask && queuedSince[e.task] < 0)
                queuedSince[e.task] = e.t;
            break;
        case EventKind::Wake:
        case EventKind::TimerFire:
            if (hasTask && isEffectiveWake(e))
                ++out.tasks[e.task].wakes;
            break;
        case EventKind::PollStart:
            if (hasTask) {
                ++out.tasks[e.task].polls;
                if (queuedSince[e.task] >= 0)
                    out.tasks[e.task].scheduledNs += e.t - queuedSince[e.task];
                queuedSince[e.task] = -1;
            }
            if (hasThread) {
                pollStart[e.thread] = e.t;
                blockedInPoll[e.thread] = 0;
            }
            break;
        case EventKind::PollEnd:
            if (hasThread && pollStart[e.thread] >= 0) {
                const std::int64_t busy = e.t - pollStart[e.thread] - blockedInPoll[e.thread];
                out.threads[e.thread].busyNs += busy;
                if (hasTask)
                    out.tasks[e.task].busyNs += busy;
                pollStart[e.thread] = -1;
            }
            break;
        case EventKind::BlockStart:
            if (hasThread)
                blockStart[e.thread] = e.t;
            break;
        case EventKind::BlockEnd:
            if (hasThread && blockStart[e.thread] >= 0) {
                const std::int64_t d = e.t - blockStart[e.thread];
                out.threads[e.thread].blockedNs += d;
                blockedInPoll[e.thread] += d;
                if (hasTask)
                    out.tasks[e.task].blockedNs += d;
                blockStart[e.thread] = -1;
            }
            break;
        case EventKind::Done:
        case EventKind::Cancel:
            if (hasTask && out.tasks[e.task].doneNs < 0) {
                out.tasks[e.task].doneNs = e.t;
                out.tasks[e.task].cancelled = e.kind == EventKind::Cancel;
            }
            break;
        default:
            break;
        }
    }
    // Threads still blocked or polling when the run ended (a deadlock) count up to the end.
    for (std::size_t th = 0; th < out.threads.size(); ++th) {
        if (blockStart[th] >= 0)
            out.threads[th].blockedNs += end - blockStart[th];
        out.threads[th].idleNs = std::max<std::int64_t>(0, end - out.threads[th].busyNs - out.threads[th].blockedNs);
    }
    return out;
}

} // namespace pw
