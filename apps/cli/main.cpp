// pinwheel-cli: runs Pinwheel headless.
//   pinwheel-cli list                  the built-in programs
//   pinwheel-cli run <id> [--workers N] [--flavor multi_thread|current_thread]
//   pinwheel-cli bench [--tasks N] [--workers W] [--json] [--no-trace]
// Exit codes: 0 finished; 1 usage; 3 deadlock or stalled; 4 a budget ran out.
#include "bench_command.h"
#include "sim/book_programs.h"
#include "sim/text_log.h"

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace {

struct BuiltIn {
    const char* id;
    const char* title;
    pw::RuntimeConfig config;
    std::function<pw::FuturePtr(pw::Runtime&)> main;
};

std::vector<BuiltIn> builtIns()
{
    using namespace pw;
    RuntimeConfig oneWorker;
    oneWorker.workers = 1;
    return {
        {"coffee-toast", "Coffee and toast with tokio::join! (24 s)", {},
         [](Runtime& rt) { return book::coffeeToastMain(rt).boxed(); }},
        {"coffee-toast-yield", "Coffee and toast, a 100 ms sleep first (18 s)", {},
         [](Runtime& rt) { return book::coffeeToastMain(rt, {.yieldFirst = true}).boxed(); }},
        {"persons-sequential", "Two persons spawned and awaited in turn, one worker (36 s)", oneWorker,
         [](Runtime& rt) { return book::personsMain(rt, 2, false, {.yieldFirst = true}).boxed(); }},
        {"persons-joined", "Two persons spawned, then join!, one worker (28 s)", oneWorker,
         [](Runtime& rt) { return book::personsMain(rt, 2, true, {.yieldFirst = true}).boxed(); }},
    };
}

int usage()
{
    std::fprintf(stderr, "usage: pinwheel-cli list\n"
                         "       pinwheel-cli run <id> [--workers N] [--flavor multi_thread|current_thread]\n"
                         "       pinwheel-cli bench [--tasks N] [--workers W] [--json] [--no-trace]\n");
    return 1;
}

int runBuiltIn(const std::vector<std::string>& args)
{
    if (args.empty())
        return usage();
    for (const BuiltIn& b : builtIns()) {
        if (args[0] != b.id)
            continue;
        pw::RuntimeConfig cfg = b.config;
        for (std::size_t i = 1; i < args.size(); ++i) {
            if (args[i] == "--workers" && i + 1 < args.size()) {
                try {
                    cfg.workers = std::stoi(args[++i]);
                } catch (...) {
                    std::fprintf(stderr, "pinwheel-cli: --workers needs a number\n");
                    return 1;
                }
                if (cfg.workers < 1 || cfg.workers > 256) {
                    std::fprintf(stderr, "pinwheel-cli: --workers must be 1..256\n");
                    return 1;
                }
            } else if (args[i] == "--flavor" && i + 1 < args.size()) {
                const std::string f = args[++i];
                if (f == "multi_thread")
                    cfg.flavor = pw::Flavor::MultiThread;
                else if (f == "current_thread")
                    cfg.flavor = pw::Flavor::CurrentThread;
                else {
                    std::fprintf(stderr, "pinwheel-cli: unknown flavor '%s' (multi_thread or current_thread)\n",
                                 f.c_str());
                    return 1;
                }
            } else {
                std::fprintf(stderr, "pinwheel-cli: unknown argument '%s'\n", args[i].c_str());
                return usage();
            }
        }
        pw::Runtime rt(cfg);
        rt.setMain(b.main(rt));
        const pw::Trace& t = rt.run();
        std::fputs(pw::formatTextLog(t).c_str(), stdout);
        for (const auto& w : t.warnings)
            std::printf("warning: [%s] %s %s\n", w.kind.c_str(), pw::formatSeconds(w.t).c_str(), w.message.c_str());
        switch (t.status.kind) {
        case pw::RunStatusKind::Finished: return 0;
        case pw::RunStatusKind::Deadlock:
        case pw::RunStatusKind::Stalled: return 3;
        case pw::RunStatusKind::Budget: return 4;
        case pw::RunStatusKind::Error: return 2;
        }
        return 0;
    }
    std::fprintf(stderr, "pinwheel-cli: no built-in program '%s' (see pinwheel-cli list)\n", args[0].c_str());
    return 1;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty())
        return usage();
    const std::string cmd = args[0];
    args.erase(args.begin());
    if (cmd == "list") {
        for (const BuiltIn& b : builtIns())
            std::printf("%-20s %s\n", b.id, b.title);
        return 0;
    }
    if (cmd == "run")
        return runBuiltIn(args);
    if (cmd == "bench")
        return pw::cli::runBench(args);
    return usage();
}
