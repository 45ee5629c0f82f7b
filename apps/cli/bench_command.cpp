#include "bench_command.h"

#include "sim/fanout_workload.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

namespace pw::cli {

namespace {
long peakRssBytes()
{
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss * 1024L; // Linux reports KiB
}

/// Resident memory right now (Linux: /proc/self/statm); the peak where that is unknown.
long currentRssBytes()
{
    if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
        long pages = 0;
        long resident = 0;
        const int n = std::fscanf(f, "%ld %ld", &pages, &resident);
        std::fclose(f);
        if (n == 2)
            return resident * sysconf(_SC_PAGESIZE);
    }
    return peakRssBytes();
}

/// Memory per idle task: the fanout run stopped at 0.5 ms of simulated time, when main has
/// spawned every task and each has been polled once and waits for its first timer (the first
/// fires at 1 ms). Resident memory grown over the baseline, per task, with the tasks alive.
double idleBytesPerTask(const RuntimeConfig& base, std::uint32_t tasks)
{
    RuntimeConfig cfg = base;
    cfg.maxTime = SimDuration::micros(500);
    const long before = currentRssBytes();
    Runtime rt(cfg);
    rt.setMain(workload::fanoutMain(rt, tasks).boxed());
    rt.run();
    const long after = currentRssBytes();
    return static_cast<double>(std::max(0L, after - before)) / static_cast<double>(tasks);
}

/// CPU seconds spent in user space and in the kernel so far (the kernel's share is mostly
/// committing fresh pages, which on a VM can cost as much as the engine itself).
void cpuSeconds(double& user, double& sys)
{
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    user = static_cast<double>(ru.ru_utime.tv_sec) + static_cast<double>(ru.ru_utime.tv_usec) / 1e6;
    sys = static_cast<double>(ru.ru_stime.tv_sec) + static_cast<double>(ru.ru_stime.tv_usec) / 1e6;
}

bool parseUint(const std::string& s, unsigned long& out)
{
    if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos)
        return false;
    out = std::strtoul(s.c_str(), nullptr, 10);
    return true;
}
} // namespace

int runBench(const std::vector<std::string>& args)
{
    unsigned long tasks = 1000;
    unsigned long workers = 4;
    bool json = false;
    bool trace = true;
    bool measureIdle = true; ///< --no-idle: only the run itself (for instruction counts)
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if ((a == "--tasks" || a == "--workers") && i + 1 < args.size()) {
            unsigned long v = 0;
            if (!parseUint(args[i + 1], v) || v == 0) {
                std::fprintf(stderr, "pinwheel-cli bench: %s needs a positive integer, got '%s'\n", a.c_str(),
                             args[i + 1].c_str());
                return 1;
            }
            (a == "--tasks" ? tasks : workers) = v;
            ++i;
        } else if (a == "--json") {
            json = true;
        } else if (a == "--no-trace") {
            trace = false;
        } else if (a == "--no-idle") {
            measureIdle = false;
        } else {
            std::fprintf(stderr,
                         "pinwheel-cli bench: unknown argument '%s'\n"
                         "usage: pinwheel-cli bench [--tasks N] [--workers W] [--json] [--no-trace] [--no-idle]\n",
                         a.c_str());
            return 1;
        }
    }
    const long rssBefore = peakRssBytes();
    RuntimeConfig cfg;
    cfg.workers = static_cast<int>(workers);
    cfg.recordTrace = trace;
    cfg.maxTasks = static_cast<std::uint32_t>(tasks + 1);
    const double idlePerTask = measureIdle ? idleBytesPerTask(cfg, static_cast<std::uint32_t>(tasks)) : -1.0;
    double user0 = 0;
    double sys0 = 0;
    cpuSeconds(user0, sys0);
    const auto t0 = std::chrono::steady_clock::now();
    Runtime rt(cfg);
    rt.setMain(workload::fanoutMain(rt, static_cast<std::uint32_t>(tasks)).boxed());
    const Trace& tr = rt.run();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double user1 = 0;
    double sys1 = 0;
    cpuSeconds(user1, sys1);
    const double user = user1 - user0;
    const double sys = sys1 - sys0;
    const long rss = peakRssBytes();
    const double eps = wall > 0 ? static_cast<double>(tr.engineEvents) / wall : 0.0;
    // Memory per task: the growth of the peak RSS over the baseline, per task; and the same
    // without the trace's events, which grow with events, not tasks (an estimate: the peak
    // is the end of the run, when every event block is held).
    const auto traceBytes = static_cast<double>(tr.events.bytes());
    const double perTask = static_cast<double>(rss - rssBefore) / static_cast<double>(tasks);
    const double perTaskWithoutTrace =
        std::max(0.0, static_cast<double>(rss - rssBefore) - traceBytes) / static_cast<double>(tasks);
    if (json) {
        std::printf("{\"tasks\": %lu, \"workers\": %lu, \"trace\": %s, \"events\": %llu, \"trace_events\": %zu, "
                    "\"sim_end_ns\": %lld, \"wall_s\": %.6f, \"user_s\": %.6f, \"sys_s\": %.6f, "
                    "\"events_per_second\": %.0f, \"peak_rss_bytes\": %ld, \"trace_bytes\": %.0f, "
                    "\"bytes_per_task\": %.0f, \"bytes_per_task_without_trace\": %.0f, \"idle_bytes_per_task\": %s, "
                    "\"status\": \"%s\"}\n",
                    tasks, workers, trace ? "true" : "false", static_cast<unsigned long long>(tr.engineEvents),
                    tr.events.size(), static_cast<long long>(tr.status.endNs), wall, user, sys, eps, rss, traceBytes,
                    perTask, perTaskWithoutTrace,
                    measureIdle ? std::to_string(static_cast<long>(idlePerTask + 0.5)).c_str() : "null",
                    toString(tr.status.kind));
    } else {
        std::printf("workload        fanout (%lu tasks x 10 sleeps + 10 us blocking, %lu workers)%s\n", tasks, workers,
                    trace ? "" : " [no trace]");
        std::printf("tasks           %lu\n", tasks);
        std::printf("engine events   %llu\n", static_cast<unsigned long long>(tr.engineEvents));
        std::printf("trace events    %zu (%.1f MiB)\n", tr.events.size(), traceBytes / 1048576.0);
        std::printf("simulated end   %s\n", formatSeconds(tr.status.endNs).c_str());
        std::printf("status          %s\n", toString(tr.status.kind));
        std::printf("wall time       %.3f s (cpu: %.3f s user, %.3f s kernel)\n", wall, user, sys);
        std::printf("events/second   %.0f\n", eps);
        std::printf("peak RSS        %.1f MiB (%.0f bytes per task above the %.1f MiB baseline",
                    static_cast<double>(rss) / 1048576.0, perTask, static_cast<double>(rssBefore) / 1048576.0);
        if (trace)
            std::printf("; %.0f without the trace's events", perTaskWithoutTrace);
        std::printf(")\n");
        if (measureIdle)
            std::printf("idle tasks      %.0f bytes per task (all spawned, polled once, waiting on a timer)\n",
                        idlePerTask);
    }
    return tr.status.kind == RunStatusKind::Finished ? 0 : 4;
}

} // namespace pw::cli
