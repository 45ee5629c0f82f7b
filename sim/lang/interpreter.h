// The scenario interpreter: runs a parsed program as futures on the simulated runtime.
//
// Policy: evaluation is a tree walk written as C++ coroutines (`Async`), so any expression can
// suspend where Rust would: at `.await` (Pending) and inside blocking calls such as
// `thread::sleep` (Blocked, the thread stays occupied). Futures are lazy values: calling an
// `async fn` or writing `async {}` builds a future and runs nothing until it is awaited,
// joined, selected or spawned. `impl Future for T` types are polled by running their `poll`
// method. Errors are ScriptError exceptions carrying a Diagnostic (file:line:col); they stop
// the run and are reported by the scenario layer.
#pragma once

#include "ast.h"
#include "diagnostic.h"
#include "values.h"

#include "runtime/async_fn.h"
#include "runtime/runtime.h"
#include "sim/source_marks.h"

#include <exception>
#include <map>
#include <memory>
#include <string>

namespace pw::lang {

class ScriptError : public std::exception {
public:
    explicit ScriptError(Diagnostic d) : m_diag(std::move(d)) {}
    const Diagnostic& diagnostic() const { return m_diag; }
    const char* what() const noexcept override { return m_diag.message.c_str(); }

private:
    Diagnostic m_diag;
};

/// Control flow of one function body: break / continue / return unwind through blocks.
struct Frame {
    enum class Flow { Normal, Break, Continue, Return };
    Flow flow = Flow::Normal;
    std::string label;
    Value value;
    std::uint32_t activation = SourceMarks::kNoActivation; ///< its id in the source marks
};
using EnvPtr = std::shared_ptr<Env>;
using FramePtr = std::shared_ptr<Frame>;

class Interpreter {
public:
    /// `params` overrides the values of `const` parameters by name.
    Interpreter(const Program& program, Runtime& rt, std::map<std::string, std::int64_t> params = {});
    /// Empties every scope still alive: a future stored in a variable of the scope it captures
    /// is a reference cycle (Rust's borrow checker would have ended it), so break them all.
    ~Interpreter();
    Interpreter(const Interpreter&) = delete;
    Interpreter& operator=(const Interpreter&) = delete;

    /// The future of `main`'s body (async or not).
    FuturePtr mainFuture();

    // Evaluation (all may suspend).
    Async eval(const Expr& e, EnvPtr env, FramePtr frame);
    Async execBlock(const Block& b, EnvPtr env, FramePtr frame);
    Async runFunction(std::shared_ptr<FnDecl> decl, std::vector<Value> args, Value self);
    Async runClosure(std::shared_ptr<FnValue> fn, std::vector<Value> args);
    Async awaitValue(Value v, const Expr& at);

    /// Turns a future-like value (async fn call, async block, JoinHandle, `impl Future`
    /// struct) into an engine future. Throws at `at` if it is not one.
    FuturePtr toFuture(Value v, const Expr& at);

    [[noreturn]] void fail(const SourceLoc& loc, const std::string& message, int length = 1) const;
    Runtime& runtime() { return m_rt; }
    void setCosts(SimDuration printCost, SimDuration ioCost)
    {
        m_printCost = printCost;
        m_ioCost = ioCost;
    }
    void setLoopBudget(std::uint64_t iterations) { m_maxIterations = iterations; }
    /// Where each task was in the source, over time (moved out: call once, when the run is over).
    SourceMarks takeSourceMarks() { return std::move(m_marks->marks); }
    /// The simulated files written so far, by path.
    std::map<std::string, std::string> files() const;
    const Program& program() const { return m_program; }

private:
    friend class UserFuture;
    Async evalCall(const Expr& e, EnvPtr env, FramePtr frame);
    Async evalMethodCall(const Expr& e, EnvPtr env, FramePtr frame);
    Async callValue(Value callee, std::vector<Value> args, const Expr& at);
    Async callBuiltin(const std::string& name, std::vector<Value> args, const Expr& at);
    Async callMethod(Value receiver, const std::string& method, std::vector<Value> args, const Expr& at, Value* place);
    Async evalMacro(const Expr& e, EnvPtr env, FramePtr frame);
    Async evalSelect(const Expr& e, EnvPtr env, FramePtr frame);
    Async evalFormat(const FormatArgs& f, const Expr& at, EnvPtr env, FramePtr frame, std::string& out);
    Async evalLoop(const Expr& e, EnvPtr env, FramePtr frame);
    Async evalMatch(const Expr& e, EnvPtr env, FramePtr frame);

    Value lookupPath(const Expr& e, EnvPtr env);
    Value* place(const Expr& e, EnvPtr env);
    bool bindPattern(const Pattern& p, const Value& v, Env& env, bool declare);
    bool matchPattern(const Pattern& p, const Value& v) const;
    std::string canonical(const std::vector<std::string>& path) const;
    Value binary(const std::string& op, const Value& a, const Value& b, const Expr& at) const;
    bool truthy(const Value& v, const Expr& at) const;
    std::int64_t asInt(const Value& v, const Expr& at) const;
    std::int64_t durationNs(const Value& v, const Expr& at) const;
    std::shared_ptr<FnDecl> findMethod(const std::string& type, const std::string& name) const;
    EnvPtr captureForMove(const EnvPtr& env);
    void countIteration(const Expr& at);
    std::string taskNameFor(const Value& v) const;

    const Program& m_program;
    Runtime& m_rt;
    EnvPtr m_globals;
    std::map<std::string, std::shared_ptr<FnDecl>> m_functions;
    std::map<std::string, const Item*> m_structs;
    std::map<std::string, const Item*> m_enums;
    std::map<std::string, std::map<std::string, std::shared_ptr<FnDecl>>> m_methods; ///< type -> name -> fn
    std::map<std::string, std::shared_ptr<FnDecl>> m_futureImpls;                    ///< type -> poll
    std::map<const FnDecl*, std::string> m_implOf;                                   ///< method -> its Self type
    std::map<std::string, std::vector<std::string>> m_uses;                          ///< local -> full path
    std::map<std::string, const Item*> m_consts;
    std::map<std::string, std::int64_t> m_params;
    std::uint64_t m_iterations = 0;
    std::uint64_t m_maxIterations = 10'000'000;
    /// The marks, shared with the activations' end guards: a coroutine frame can be destroyed
    /// after the interpreter (by the runtime that owns the task), when `open` is false.
    struct MarkSink {
        SourceMarks marks;
        Runtime* rt = nullptr;
        bool open = true;
    };
    /// Records the end of an activation when the coroutine frame holding it goes away.
    class ActivationEnd {
    public:
        ActivationEnd(std::shared_ptr<MarkSink> sink, std::uint32_t activation)
            : m_sink(std::move(sink)), m_activation(activation)
        {
        }
        ActivationEnd(ActivationEnd&& o) noexcept : m_sink(std::move(o.m_sink)), m_activation(o.m_activation) {}
        ActivationEnd(const ActivationEnd&) = delete;
        ActivationEnd& operator=(const ActivationEnd&) = delete;
        ActivationEnd& operator=(ActivationEnd&&) = delete;
        ~ActivationEnd()
        {
            if (m_sink && m_sink->open && m_sink->rt)
                m_sink->marks.end(m_sink->rt->now().ns, m_activation);
        }

    private:
        std::shared_ptr<MarkSink> m_sink;
        std::uint32_t m_activation = 0;
    };
    /// A new frame for a function, closure or async block activation, and its end guard.
    std::pair<FramePtr, ActivationEnd> newFrame();
    void mark(const Frame& frame, const SourceLoc& loc)
    {
        m_marks->marks.record(m_rt.now().ns, m_rt.currentTask(), frame.activation, loc.line);
    }
    std::shared_ptr<MarkSink> m_marks = std::make_shared<MarkSink>();
    EnvPtr newEnv();
    std::vector<std::weak_ptr<Env>> m_envs; ///< every scope created, to break cycles at the end
    std::uintptr_t m_stackBase = 0;         ///< the machine stack where the interpreter was created
    void checkStack(const SourceLoc& loc, const std::string& what) const;
    std::string m_spawnName; ///< the `let` binding a spawn is assigned to, for naming tasks
    SimDuration m_printCost;
    SimDuration m_ioCost;
    std::map<std::string, std::shared_ptr<std::string>> m_files;
};

} // namespace pw::lang
