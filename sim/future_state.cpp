#include "future_state.h"

#include "explain.h"
#include "sim/memory/async_desugar.h"

#include <algorithm>

namespace pw {

namespace {

/// The innermost async body whose braces contain `line` (the smallest span wins).
const memory::AsyncBody* bodyAt(const std::vector<memory::AsyncBody>& bodies, int line)
{
    const memory::AsyncBody* best = nullptr;
    int bestSpan = 0;
    for (const memory::AsyncBody& b : bodies) {
        const int from = b.body->loc.line;
        const int to = b.body->endLoc.line;
        if (line < from || line > to)
            continue;
        if (!best || to - from < bestSpan) {
            best = &b;
            bestSpan = to - from;
        }
    }
    return best;
}

/// The statement of `body` (stmts.size() for the tail) that `line` falls in.
std::size_t statementAt(const lang::Block& body, int line)
{
    std::size_t at = body.stmts.size();
    for (std::size_t i = 0; i < body.stmts.size(); ++i) {
        if (body.stmts[i].loc.line > line)
            break;
        at = i;
    }
    if (body.tail && body.tail->loc.line <= line &&
        (body.stmts.empty() || body.stmts.back().loc.line < body.tail->loc.line))
        at = body.stmts.size();
    return at;
}

bool isGuard(const memory::HeldLocal& h, const lang::Block& body)
{
    if (h.type.find("MutexGuard") != std::string::npos)
        return true;
    // `let g = m.lock().await;` / `let g = m.lock().unwrap();`: a guard whatever its type says.
    for (const lang::Stmt& s : body.stmts)
        if (s.kind == lang::Stmt::Kind::Let && s.pattern.name == h.name && s.init) {
            const lang::Expr* e = s.init.get();
            while (e && (e->kind == lang::ExprKind::Await || e->kind == lang::ExprKind::Try ||
                         (e->kind == lang::ExprKind::MethodCall && e->text == "unwrap")))
                e = e->args.empty() ? nullptr : e->args[0].get();
            if (e && e->kind == lang::ExprKind::MethodCall && e->text == "lock")
                return true;
        }
    return false;
}

std::string homeOf(const Trace& trace, TaskId task)
{
    const TaskInfo& info = trace.tasks[task];
    switch (info.kind) {
    case TaskKind::Main:
        return "main's future is pinned by block_on on the main thread's stack (#[tokio::main] calls "
               "Runtime::block_on), so it never moves while it runs";
    case TaskKind::Async:
        return "tokio::spawn moved this future into a heap box at " + formatSeconds(info.spawnedNs) +
               " and pinned it there (Pin<Box<dyn Future>>): the runtime polls it in place, whichever worker "
               "runs it, so references between its fields stay valid";
    case TaskKind::Blocking:
        return "a spawn_blocking closure, not a future: it runs to completion on a blocking-pool thread";
    case TaskKind::OsThread:
        return "a thread::spawn closure, not a future: it runs on its own OS thread";
    }
    return {};
}

} // namespace

FutureState futureStateAt(const lang::Program& program, const Trace& trace, const std::vector<TaskLine>& lines,
                          TaskId task, std::int64_t t)
{
    FutureState out;
    out.task = task;
    if (task >= trace.tasks.size()) {
        out.note = "no such task";
        return out;
    }
    out.home = homeOf(trace, task);
    const Explanation e = explainTask(trace, task, t);
    const bool pollNow = e.state == Explanation::State::Running || e.state == Explanation::State::Blocked;
    if (e.state == Explanation::State::NotSpawned || e.state == Explanation::State::Done ||
        e.state == Explanation::State::Cancelled) {
        out.note =
            "at " + formatSeconds(t) + " the task is " + e.text + ": its future " +
            (e.state == Explanation::State::NotSpawned ? "does not exist yet" : "is gone (Returned, then dropped)");
        return out;
    }
    const std::vector<memory::AsyncBody> bodies = memory::asyncBodies(program);
    for (const TaskLine& l : lines) {
        if (l.task != task)
            continue;
        const memory::AsyncBody* body = bodyAt(bodies, l.line);
        if (!body)
            continue;
        FutureFrame f;
        f.name = body->name;
        f.line = l.line;
        f.activation = l.activation;
        f.desugar = memory::desugarAsyncBody(body->name, *body->body, body->fn, program);
        const std::size_t stmt = statementAt(*body->body, l.line);
        const std::vector<memory::AwaitPoint> points = memory::awaitPointsOf(*body->body);
        const auto point =
            std::find_if(points.begin(), points.end(), [&](const memory::AwaitPoint& p) { return p.stmt == stmt; });
        if (point != points.end() && !(pollNow && l.line != point->line)) {
            f.suspend = static_cast<int>(point - points.begin());
            f.state = "Suspend" + std::to_string(f.suspend) + ": at the .await on line " + std::to_string(point->line);
            if (pollNow)
                f.state += " (being polled right now)";
            for (const memory::HeldLocal& h : memory::heldAt(*body->body, body->fn, stmt, program))
                f.held.push_back({h.name, h.type.empty() ? "_" : h.type, isGuard(h, *body->body)});
        } else {
            f.state = "being polled: running line " + std::to_string(l.line) + " (no .await here)";
        }
        out.frames.push_back(std::move(f));
    }
    // Outermost first: an activation is created before the ones it calls or joins.
    std::stable_sort(out.frames.begin(), out.frames.end(),
                     [](const FutureFrame& a, const FutureFrame& b) { return a.activation < b.activation; });
    if (out.frames.empty())
        out.note = "the task is " + e.text + ", at no line of an async fn or block of this program";
    return out;
}

} // namespace pw
