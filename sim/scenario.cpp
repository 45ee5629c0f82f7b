#include "scenario.h"

#include "memory/memory_interpreter.h"

#include "lang/interpreter.h"
#include "lang/parser.h"
#include "runtime/runtime.h"

#include <cctype>
#include <regex>

namespace pw {

namespace {

std::string trim(const std::string& s)
{
    std::size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a])))
        ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1])))
        --b;
    return s.substr(a, b - a);
}

lang::Diagnostic diag(const std::string& file, const lang::SourceLoc& loc, std::string message)
{
    return lang::Diagnostic{file, loc, std::move(message), 1};
}

bool parseInt(const std::string& s, std::int64_t& out)
{
    std::string t;
    for (char c : s)
        if (c != '_')
            t += c;
    if (t.empty())
        return false;
    std::size_t i = (t[0] == '-') ? 1 : 0;
    if (i == t.size())
        return false;
    for (std::size_t k = i; k < t.size(); ++k)
        if (!std::isdigit(static_cast<unsigned char>(t[k])))
            return false;
    try {
        out = std::stoll(t);
    } catch (...) {
        return false;
    }
    return true;
}

void readAttributes(Scenario& s, const lang::FnDecl& main, std::vector<lang::Diagnostic>& errors)
{
    bool tokioMain = false;
    bool pinwheelExecutor = false;
    for (const auto& a : main.attrs) {
        const std::string path = a.path.empty() ? "" : a.path.front();
        const bool isTokio = a.path.size() == 2 && a.path[0] == "tokio" && a.path[1] == "main";
        const bool isPinwheel = a.path.size() == 1 && a.path[0] == "pinwheel";
        if (!isTokio && !isPinwheel) {
            std::string name;
            for (const auto& p : a.path)
                name += (name.empty() ? "" : "::") + p;
            if (name != "allow" && name != "rustfmt::skip")
                errors.push_back(diag(s.fileName, a.loc,
                                      "unsupported attribute #[" + name +
                                          "] on main; use #[tokio::main(..)] or #[pinwheel(executor = ..)]"));
            continue;
        }
        tokioMain |= isTokio;
        for (const auto& [key, value] : a.args) {
            std::int64_t n = 0;
            if (isTokio && key == "flavor") {
                if (value == "multi_thread")
                    s.config.flavor = Flavor::MultiThread;
                else if (value == "current_thread")
                    s.config.flavor = Flavor::CurrentThread;
                else
                    errors.push_back(
                        diag(s.fileName, a.loc,
                             "unknown flavor \"" + value + "\"; use \"multi_thread\" or \"current_thread\""));
            } else if (isTokio && key == "worker_threads" && parseInt(value, n) && n >= 1 && n <= 64) {
                s.config.workers = static_cast<int>(n);
            } else if (isPinwheel && key == "executor") {
                pinwheelExecutor = true;
                if (value == "loop")
                    s.config.flavor = Flavor::LoopExecutor;
                else if (value == "block_on" || value == "channel")
                    s.config.flavor = Flavor::BlockOn;
                else
                    errors.push_back(
                        diag(s.fileName, a.loc,
                             "unknown executor \"" + value + "\"; use \"loop\", \"block_on\" or \"channel\""));
            } else if (isPinwheel && key == "seed" && parseInt(value, n) && n >= 0) {
                s.config.seed = static_cast<std::uint64_t>(n);
            } else if (isPinwheel && key == "jitter" && parseInt(value, n) && n >= 0 && n <= 100) {
                s.config.jitterPercent = static_cast<int>(n);
            } else if (isPinwheel && key == "poll_cost_us" && parseInt(value, n) && n >= 1) {
                s.config.loopPollCost = SimDuration::micros(n);
                s.config.pollCost = SimDuration::micros(n);
            } else if (isPinwheel && key == "print_cost_us" && parseInt(value, n) && n >= 0) {
                s.printCost = SimDuration::micros(n);
            } else if (isPinwheel && key == "io_cost_us" && parseInt(value, n) && n >= 0) {
                s.ioCost = SimDuration::micros(n);
            } else if (isPinwheel && key == "memory" && value.empty()) {
                s.memoryProgram = true;
            } else if (isPinwheel && key == "max_time_s" && parseInt(value, n) && n >= 1) {
                s.config.maxTime = SimDuration::seconds(n);
            } else {
                errors.push_back(diag(s.fileName, a.loc,
                                      "unsupported setting `" + key + " = " + value + "` in #[" + path +
                                          "(..)]; supported: tokio::main(flavor, worker_threads), "
                                          "pinwheel(executor, seed, jitter, poll_cost_us, print_cost_us, io_cost_us, "
                                          "max_time_s, memory)"));
            }
        }
    }
    if (s.memoryProgram && (tokioMain || pinwheelExecutor || main.isAsync))
        errors.push_back(diag(s.fileName, main.loc,
                              "#[pinwheel(memory)] runs a plain `fn main` on the memory model; it cannot be "
                              "combined with a runtime (#[tokio::main], executor = .., async fn main)"));
    if (!tokioMain && !pinwheelExecutor) {
        if (main.isAsync)
            errors.push_back(
                diag(s.fileName, main.loc, "`async fn main` needs a runtime: add #[tokio::main] above it"));
        else
            s.config.flavor = Flavor::BlockOn; // a plain fn main: runs on the main thread
    }
}

void checkUses(const Scenario& s, std::vector<lang::Diagnostic>& errors)
{
    for (const auto& item : s.program->items) {
        if (item->kind != lang::Item::Kind::Use)
            continue;
        for (const auto& [path, local] : item->uses) {
            const std::string root = path.empty() ? std::string() : path.front();
            if (root == "std" || root == "core" || root == "tokio" || root == "futures" || root == "futures_util" ||
                root == "crate" || root == "self" || root == "super")
                continue;
            errors.push_back(
                diag(s.fileName, item->loc, "unknown crate `" + root + "`: scenarios can use std, tokio and futures"));
        }
    }
}

void readParams(Scenario& s, std::vector<lang::Diagnostic>& errors)
{
    static const std::regex re(
        R"(pinwheel:\s*param\(\s*([A-Za-z_ ]*?)\s*,\s*(-?[0-9_]+)\s*\.\.(=?)\s*(-?[0-9_]+)\s*\))");
    for (const auto& item : s.program->items) {
        if (item->kind != lang::Item::Kind::Const)
            continue;
        std::smatch m;
        if (!std::regex_search(item->doc, m, re)) {
            if (item->doc.find("pinwheel: param") != std::string::npos)
                errors.push_back(
                    diag(s.fileName, item->loc, "malformed parameter: write `pinwheel: param(unit, lo..=hi)`"));
            continue;
        }
        ScenarioParam p;
        p.name = item->name;
        p.unit = trim(m[1].str());
        parseInt(m[2].str(), p.min);
        parseInt(m[4].str(), p.max);
        if (m[3].str().empty())
            p.max -= 1;
        p.doc = trim(item->doc.substr(0, static_cast<std::size_t>(m.position(0))));
        if (!item->value || item->value->kind != lang::ExprKind::IntLit) {
            errors.push_back(diag(s.fileName, item->loc, "a parameter must be an integer literal"));
            continue;
        }
        p.defaultValue = item->value->intValue;
        if (p.defaultValue < p.min || p.defaultValue > p.max)
            errors.push_back(diag(s.fileName, item->value->loc, "the default value is outside the parameter's range"));
        s.params.push_back(std::move(p));
    }
}

} // namespace

LoadResult loadScenario(const std::string& fileName, const std::string& source)
{
    LoadResult out;
    lang::ParseResult parsed = lang::parseProgram(fileName, source);
    if (!parsed.errors.empty()) {
        out.errors = std::move(parsed.errors);
        return out;
    }
    auto s = std::make_shared<Scenario>();
    s->fileName = fileName;
    s->source = source;
    s->program = std::shared_ptr<lang::Program>(std::move(parsed.program));
    std::string base =
        fileName.substr(fileName.find_last_of('/') == std::string::npos ? 0 : fileName.find_last_of('/') + 1);
    if (base.size() > 3 && base.substr(base.size() - 3) == ".rs")
        base.resize(base.size() - 3);
    s->id = base;
    // Title and description from the `//!` block.
    const std::string& doc = s->program->innerDoc;
    std::size_t nl = doc.find('\n');
    std::string first = doc.substr(0, nl);
    while (!first.empty() && (first[0] == '#' || first[0] == ' '))
        first.erase(first.begin());
    s->title = first.empty() ? s->id : first;
    s->description = nl == std::string::npos ? std::string() : trim(doc.substr(nl + 1));
    s->group = "Other";
    if (auto g = s->description.find("Group:"); g != std::string::npos) {
        std::size_t end = s->description.find('\n', g);
        s->group = trim(s->description.substr(g + 6, end == std::string::npos ? std::string::npos : end - g - 6));
    }
    const lang::FnDecl* main = nullptr;
    for (const auto& item : s->program->items)
        if (item->kind == lang::Item::Kind::Fn && item->fn->name == "main")
            main = item->fn.get();
    if (!main) {
        out.errors.push_back(diag(fileName, lang::SourceLoc{1, 1, 0},
                                  "the scenario has no `fn main`; add `#[tokio::main] async fn main() { .. }`"));
        return out;
    }
    checkUses(*s, out.errors);
    readAttributes(*s, *main, out.errors);
    readParams(*s, out.errors);
    if (out.errors.empty())
        out.scenario = std::move(s);
    return out;
}

std::vector<std::string> validateOptions(const Scenario& s, const RunOptions& o)
{
    std::vector<std::string> errors;
    for (const auto& [name, value] : o.params) {
        const ScenarioParam* p = nullptr;
        for (const auto& q : s.params)
            if (q.name == name)
                p = &q;
        if (!p) {
            std::string known;
            for (const auto& q : s.params)
                known += (known.empty() ? "" : ", ") + q.name;
            errors.push_back("unknown parameter `" + name + "`" +
                             (known.empty() ? "; this scenario has none" : "; parameters: " + known));
        } else if (value < p->min || value > p->max) {
            errors.push_back("parameter `" + name + "` must be in " + std::to_string(p->min) +
                             "..=" + std::to_string(p->max) + ", got " + std::to_string(value));
        }
    }
    if (o.workers && (*o.workers < 1 || *o.workers > 64))
        errors.push_back("workers must be 1..=64");
    if (o.jitterPercent && (*o.jitterPercent < 0 || *o.jitterPercent > 100))
        errors.push_back("jitter must be 0..=100 percent");
    return errors;
}

namespace {

/// A pinning program: the memory interpreter's printed lines become the trace's lines.
RunResult runMemoryScenario(const Scenario& s)
{
    RunResult out;
    out.config = s.config;
    auto mem = std::make_shared<memory::MemoryTrace>(memory::runMemoryProgram(s.source, s.fileName));
    out.trace.threads.push_back(ThreadInfo{"main", ThreadKind::BlockOn});
    out.trace.addTask("main", TaskKind::Main, kNoTask, 0);
    for (const auto& line : mem->output)
        out.trace.lines.push_back(PrintedLine{0, 0, 0, line});
    if (mem->error) {
        const memory::MemoryError& e = *mem->error;
        std::string headline = e.message;
        if (e.kind == memory::MemoryError::Kind::Refused)
            headline = "error[" + e.code + "]: " + e.message;
        else if (e.kind == memory::MemoryError::Kind::Panic)
            headline = "panicked: " + e.message;
        out.errors.push_back(lang::Diagnostic{s.fileName, lang::SourceLoc{e.line, e.col, 0}, headline, 1});
        out.trace.status.kind = RunStatusKind::Error;
        out.trace.status.message = headline;
    }
    out.memory = std::move(mem);
    return out;
}

} // namespace

RunResult runScenario(const Scenario& s, const RunOptions& o)
{
    if (s.memoryProgram)
        return runMemoryScenario(s);
    RunResult out;
    RuntimeConfig cfg = s.config;
    if (o.workers)
        cfg.workers = *o.workers;
    if (o.flavor)
        cfg.flavor = *o.flavor;
    if (o.seed)
        cfg.seed = *o.seed;
    if (o.jitterPercent)
        cfg.jitterPercent = *o.jitterPercent;
    cfg.recordTrace = o.recordTrace;
    if (o.maxTime)
        cfg.maxTime = *o.maxTime;
    if (o.maxEvents)
        cfg.maxEvents = *o.maxEvents;
    out.config = cfg;
    // The runtime outlives the interpreter: the tasks' coroutine frames, destroyed with the
    // runtime, find the interpreter's mark sink closed (see Interpreter::ActivationEnd).
    Runtime rt(cfg);
    lang::Interpreter interp(*s.program, rt, o.params);
    interp.setCosts(s.printCost, s.ioCost);
    if (o.maxLoopIterations)
        interp.setLoopBudget(*o.maxLoopIterations);
    try {
        rt.setMain(interp.mainFuture());
        rt.run();
    } catch (const lang::ScriptError& e) {
        out.errors.push_back(e.diagnostic());
    }
    out.files = interp.files();
    out.marks = interp.takeSourceMarks();
    out.trace = rt.takeTrace();
    if (!out.errors.empty()) {
        out.trace.status.kind = RunStatusKind::Error;
        out.trace.status.message = out.errors.front().message;
        out.trace.status.endNs = rt.now().ns;
    }
    return out;
}

} // namespace pw
