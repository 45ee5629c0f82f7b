// pinwheel-cli: runs Pinwheel headless.
//   pinwheel-cli list                      id and title of every built-in scenario
//   pinwheel-cli run <id | file.rs> [...]  printed lines and a summary, or --json, --trace FILE
//   pinwheel-cli bench [...]               the engine benchmark (figures only)
//   pinwheel-cli render <id | file.rs> --out FILE.png|FILE.svg [...]  the timeline as an image
//   pinwheel-cli render <pinning program> --step N --out FILE.png|FILE.svg  its memory diagram at step N
// Exit codes: 0 finished; 1 usage; 2 scenario error; 3 deadlock or stalled; 4 a budget ran out.
#include "bench_command.h"
#include "run_command.h"
#ifdef PINWHEEL_CLI_RENDER
#include "render_command.h"
#endif

#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    const std::string cmd = args.empty() ? std::string() : args[0];
    if (!args.empty())
        args.erase(args.begin());
    if (cmd == "list")
        return pw::cli::runList();
    if (cmd == "run")
        return pw::cli::runScenarioCommand(args);
    if (cmd == "bench")
        return pw::cli::runBench(args);
#ifdef PINWHEEL_CLI_RENDER
    if (cmd == "render")
        return pw::cli::runRenderCommand(args);
#endif
    std::fprintf(stderr, "usage: pinwheel-cli list\n"
                         "       pinwheel-cli run <id | file.rs> [--workers N] [--flavor multi_thread|current_thread]\n"
                         "                        [--set NAME=VALUE]... [--seed N] [--jitter PERCENT] [--json] "
                         "[--trace FILE]\n"
                         "       pinwheel-cli bench [--tasks N] [--workers W] [--json] [--no-trace] [--no-idle]\n");
#ifdef PINWHEEL_CLI_RENDER
    std::fprintf(stderr,
                 "       pinwheel-cli render <id | file.rs> --out FILE.png|FILE.svg [--width PX] [--scale N]\n"
                 "                        [--from S] [--to S] [--set NAME=VALUE]... [--workers N] [--seed N]\n"
                 "       pinwheel-cli render <pinning program> --step N --out FILE.png|FILE.svg [--width PX]\n");
#endif
    return 1;
}
