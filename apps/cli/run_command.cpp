#include "run_command.h"

#include "sim/explain.h"
#include "sim/memory/memory_text.h"
#include "sim/run_analysis.h"
#include "sim/run_export.h"
#include "sim/scenario_library.h"
#include "sim/text_log.h"

#include <cstdio>
#include <fstream>
#include <map>

namespace pw::cli {

namespace {

constexpr int kExitUsage = 1;
constexpr int kExitScenarioError = 2;

int usageError(const std::string& message)
{
    std::fprintf(stderr,
                 "pinwheel-cli run: %s\n"
                 "usage: pinwheel-cli run <id | file.rs> [--workers N] [--flavor multi_thread|current_thread]\n"
                 "                        [--set NAME=VALUE]... [--seed N] [--jitter PERCENT] [--json] [--trace FILE]\n"
                 "                        [--memory]  a pinning program's memory, step by step\n"
                 "                        [--explain TASK@SECONDS]  why the task (a name or an id) is not running\n"
                 "                                                  then, e.g. --explain person_one@6.1\n",
                 message.c_str());
    return kExitUsage;
}

bool parseInt(const std::string& s, std::int64_t& out)
{
    if (s.empty())
        return false;
    std::size_t i = s[0] == '-' ? 1 : 0;
    if (i == s.size())
        return false;
    for (std::size_t k = i; k < s.size(); ++k)
        if (s[k] < '0' || s[k] > '9')
            return false;
    try {
        out = std::stoll(s);
    } catch (...) {
        return false;
    }
    return true;
}

/// "6.1", "6", "0.25", "6.1s": non-negative seconds with up to 9 decimals, to nanoseconds.
bool parseSeconds(std::string s, std::int64_t& outNs)
{
    if (!s.empty() && s.back() == 's')
        s.pop_back();
    const auto dot = s.find('.');
    const std::string whole = s.substr(0, dot);
    const std::string frac = dot == std::string::npos ? std::string() : s.substr(dot + 1);
    if ((whole.empty() && frac.empty()) || frac.size() > 9 || whole.size() > 9)
        return false;
    for (char c : whole + frac)
        if (c < '0' || c > '9')
            return false;
    std::int64_t ns = whole.empty() ? 0 : std::stoll(whole) * 1'000'000'000;
    std::int64_t scale = 100'000'000;
    for (char c : frac) {
        ns += (c - '0') * scale;
        scale /= 10;
    }
    outNs = ns;
    return true;
}

void printSummary(const Trace& t, const std::map<std::string, std::string>& files)
{
    const RunFigures fig = analyseRun(t);
    std::printf("\nstatus: %s\ntotal: %s\n", toString(t.status.kind), formatSeconds(t.status.endNs).c_str());
    if (!t.status.message.empty())
        std::printf("%s\n", t.status.message.c_str());
    for (const auto& d : t.status.details)
        std::printf("  - %s\n", d.c_str());
    std::printf("\ntasks:\n");
    for (const auto& task : fig.tasks)
        std::printf("  %-24s polls %4u  busy %9s  blocked %9s  queued %9s  %s\n", task.name.c_str(), task.polls,
                    formatSeconds(task.busyNs).c_str(), formatSeconds(task.blockedNs).c_str(),
                    formatSeconds(task.scheduledNs).c_str(),
                    task.doneNs < 0
                        ? "not finished"
                        : ((task.cancelled ? "cancelled at " : "done at ") + formatSeconds(task.doneNs)).c_str());
    std::printf("threads:\n");
    for (const auto& th : fig.threads)
        std::printf("  %-12s busy %9s  blocked %9s  idle %9s\n", th.name.c_str(), formatSeconds(th.busyNs).c_str(),
                    formatSeconds(th.blockedNs).c_str(), formatSeconds(th.idleNs).c_str());
    for (const auto& [path, content] : files) {
        std::printf("file %s:\n", path.c_str());
        std::size_t start = 0;
        while (start < content.size()) {
            std::size_t end = content.find('\n', start);
            if (end == std::string::npos)
                end = content.size();
            std::printf("  | %s\n", content.substr(start, end - start).c_str());
            start = end + 1;
        }
    }
    if (!t.warnings.empty()) {
        std::printf("warnings:\n");
        for (const auto& w : t.warnings)
            std::printf("  [%s] %s %s\n", w.kind.c_str(), formatSeconds(w.t).c_str(), w.message.c_str());
        if (t.suppressedWarnings)
            std::printf("  (%llu more warnings not shown)\n", static_cast<unsigned long long>(t.suppressedWarnings));
    }
}

/// A pinning program (#[pinwheel(memory)]): its printed lines, optionally every memory step,
/// then the refused move (rustc's text) or the panic on stderr with exit status 2.
int runMemoryScenario(const RunResult& r, bool showMemory)
{
    for (const auto& l : r.trace.lines)
        std::printf("%s\n", formatLine(r.trace, l).c_str());
    const memory::MemoryTrace& m = *r.memory;
    if (showMemory)
        std::printf(
            "\n%s",
            formatMemoryTrace(memory::MemoryTrace{m.fileName, m.steps, {}, std::nullopt, m.stateMachines}).c_str());
    std::printf("\nsteps: %zu%s\n", m.steps.size(), showMemory ? "" : " (--memory prints them)");
    std::fflush(stdout);
    if (!m.error)
        return 0;
    std::fprintf(stderr, "%s", m.error->rendered.c_str());
    if (m.error->kind == memory::MemoryError::Kind::Refused)
        std::fprintf(stderr,
                     "note: rustc rejects the whole program; Pinwheel ran the %zu step%s before line %d to "
                     "show the memory up to the refused code\n",
                     m.steps.size(), m.steps.size() == 1 ? "" : "s", m.error->line);
    return kExitScenarioError;
}

} // namespace

int runList()
{
    for (const std::string& id : builtInScenarioIds()) {
        LoadResult r = loadScenarioByName(id);
        std::printf("%-28s %s\n", id.c_str(), r.scenario ? r.scenario->title.c_str() : "(does not load)");
    }
    return 0;
}

int runScenarioCommand(const std::vector<std::string>& args)
{
    std::string target;
    RunOptions opts;
    bool json = false;
    bool showMemory = false;
    std::string traceFile;
    std::string explainTaskName;
    std::int64_t explainNs = -1;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto next = [&](std::string& out) {
            if (i + 1 >= args.size())
                return false;
            out = args[++i];
            return true;
        };
        std::string v;
        std::int64_t n = 0;
        if (a == "--json") {
            json = true;
        } else if (a == "--memory") {
            showMemory = true;
        } else if (a == "--workers") {
            if (!next(v) || !parseInt(v, n))
                return usageError("--workers needs a number");
            opts.workers = static_cast<int>(n);
        } else if (a == "--flavor") {
            if (!next(v))
                return usageError("--flavor needs multi_thread or current_thread");
            if (v == "multi_thread")
                opts.flavor = Flavor::MultiThread;
            else if (v == "current_thread")
                opts.flavor = Flavor::CurrentThread;
            else
                return usageError("unknown flavor '" + v + "' (multi_thread or current_thread)");
        } else if (a == "--seed") {
            if (!next(v) || !parseInt(v, n) || n < 0)
                return usageError("--seed needs a non-negative number");
            opts.seed = static_cast<std::uint64_t>(n);
        } else if (a == "--jitter") {
            if (!next(v) || !parseInt(v, n))
                return usageError("--jitter needs a percentage");
            opts.jitterPercent = static_cast<int>(n);
        } else if (a == "--set") {
            if (!next(v))
                return usageError("--set needs NAME=VALUE");
            const auto eq = v.find('=');
            if (eq == std::string::npos || eq == 0 || !parseInt(v.substr(eq + 1), n))
                return usageError("--set needs NAME=VALUE with an integer value, got '" + v + "'");
            opts.params[v.substr(0, eq)] = n;
        } else if (a == "--trace") {
            if (!next(traceFile))
                return usageError("--trace needs a file name");
        } else if (a == "--explain") {
            const auto at = next(v) ? v.rfind('@') : std::string::npos;
            if (at == std::string::npos || at == 0 || !parseSeconds(v.substr(at + 1), explainNs))
                return usageError("--explain needs TASK@SECONDS, e.g. person_one@6.1");
            explainTaskName = v.substr(0, at);
        } else if (!a.empty() && a[0] == '-') {
            return usageError("unknown option '" + a + "'");
        } else if (target.empty()) {
            target = a;
        } else {
            return usageError("one scenario at a time ('" + target + "' and '" + a + "')");
        }
    }
    if (target.empty())
        return usageError("which scenario? (an id from `pinwheel-cli list`, or a .rs file)");

    LoadResult loaded = loadScenarioByName(target);
    if (!loaded.scenario) {
        const std::string src = builtInScenarioSource(target);
        for (const auto& d : loaded.errors) {
            std::string source = src;
            if (source.empty()) {
                std::ifstream in(target);
                source.assign(std::istreambuf_iterator<char>(in), {});
            }
            std::fprintf(stderr, "%s\n",
                         d.loc.line > 0 ? d.format(source).c_str() : (d.file + ": error: " + d.message).c_str());
        }
        return kExitScenarioError;
    }
    const Scenario& s = *loaded.scenario;
    const auto problems = validateOptions(s, opts);
    if (!problems.empty())
        return usageError(problems.front());
    RunResult r = runScenario(s, opts);
    if (r.memory && !json)
        return runMemoryScenario(r, showMemory);
    if (showMemory)
        return usageError("--memory is for pinning programs (#[pinwheel(memory)]); this one runs on the runtime");
    if (!r.errors.empty()) {
        // What ran before the error is still shown, then the error with its location.
        if (!json)
            for (const auto& l : r.trace.lines)
                std::printf("%s\n", formatLine(r.trace, l).c_str());
        std::fflush(stdout);
        for (const auto& d : r.errors)
            std::fprintf(stderr, "%s\n", d.format(s.source).c_str());
        return kExitScenarioError;
    }
    TaskId explained = kNoTask;
    if (!explainTaskName.empty()) {
        explained = findTask(r.trace, explainTaskName);
        if (explained == kNoTask) {
            std::string known;
            for (std::size_t i = 0; i < r.trace.tasks.size() && i < 12; ++i)
                known += (i ? ", " : "") + r.trace.taskName(i);
            if (r.trace.tasks.size() > 12)
                known += ", ...";
            return usageError("--explain: no task '" + explainTaskName + "' in this run (tasks: " + known + ")");
        }
    }
    const RunDescription desc{target, r.config};
    if (!traceFile.empty()) {
        std::ofstream out(traceFile, std::ios::binary);
        out << chromeTraceJson(r.trace, desc);
        if (!out) {
            std::fprintf(stderr, "pinwheel-cli run: cannot write %s\n", traceFile.c_str());
            return kExitUsage;
        }
    }
    if (json) {
        std::fputs(runSummaryJson(r.trace, desc).c_str(), stdout);
    } else {
        for (const auto& l : r.trace.lines)
            std::printf("%s\n", formatLine(r.trace, l).c_str());
        printSummary(r.trace, r.files);
    }
    if (explained != kNoTask) {
        // With --json the line goes to stderr, so that stdout stays one JSON document.
        const Explanation why = explainTask(r.trace, explained, explainNs);
        std::fprintf(json ? stderr : stdout, "%swhy %s at %s: %s\n", json ? "" : "\n",
                     r.trace.taskName(explained).c_str(), formatSeconds(explainNs).c_str(), why.text.c_str());
    }
    switch (r.trace.status.kind) {
    case RunStatusKind::Finished:
        return 0;
    case RunStatusKind::Deadlock:
    case RunStatusKind::Stalled:
        return 3;
    case RunStatusKind::Budget:
        return 4;
    case RunStatusKind::Error:
        return kExitScenarioError;
    }
    return 0;
}

} // namespace pw::cli
