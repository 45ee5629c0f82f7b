// The simulated runtime: clock, threads, schedulers, tasks, timers and the trace.
//
// Policy: a discrete-event simulation. The clock jumps from event to event; an event is a
// thread taking its next scheduling step, a blocking call returning, or a parked driver's
// timeout. A poll itself takes no simulated time; only blocking calls inside a poll do, and
// they occupy the thread (nothing else runs on it) until they return.
//
// Schedulers (see docs/runtime-model.md for the full account):
// - MultiThread: `#[tokio::main]`'s main future on its own block_on thread, N workers with a
//   LIFO slot, a bounded local queue, the shared inject queue, stealing, parking and the
//   timer driver, following tokio 1.24's multi_thread/worker.rs step by step.
// - CurrentThread: one thread runs the main future and every task (current_thread.rs).
// - BlockOn: a thread polls the main future and parks until woken (futures::block_on).
// - LoopExecutor: polls the main future in a loop with a no-op waker, each poll costing
//   `loopPollCost`; identical polls are counted in bulk instead of simulated one by one.
// - spawn_blocking jobs run on blocking-pool threads created on demand.
//
// The run is a pure function of (futures, config): one seeded Rng, integer time, and a total
// order on events. Budgets bound time, events and tasks, so a run always ends.
#pragma once

#include "chunked_vector.h"
#include "config.h"
#include "event_queue.h"
#include "future.h"
#include "local_queue.h"
#include "rng.h"
#include "task.h"
#include "timer_queue.h"
#include "trace.h"

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace pw {

enum class ThreadState : std::uint8_t {
    Idle,    ///< between steps (a step event is queued)
    Polling, ///< inside a poll
    Blocked, ///< inside a poll, in a blocking call
    Parked,  ///< parked, waiting for an unpark or the driver timeout
    Exited,
};

/// What a thread does when the poll it is running completes.
enum class AfterPoll : std::uint8_t {
    WorkerRunTask,
    BlockOnMain,
    CurrentThreadMain,
    CurrentThreadTask,
    BlockingJob,
    LoopMain
};

struct WorkerCore {
    TaskId lifo = kNoTask;
    LocalQueue runQueue;
    std::uint32_t tick = 0;
    bool isSearching = false;
    bool inDriver = false;    ///< processing the timer driver (tokio: core.park is None)
    bool holdsDriver = false; ///< parked on the driver
    bool notified = false;    ///< unparked while not parked: the next park returns at once
    int budget = 0;           ///< coop budget left in the current run_task
    explicit WorkerCore(std::uint32_t cap) : runQueue(cap) {}
};

struct SimThread {
    ThreadKind kind = ThreadKind::Worker;
    ThreadState state = ThreadState::Idle;
    std::uint32_t index = 0;      ///< worker index / blocking-pool index
    std::uint32_t generation = 0; ///< bumped to invalidate queued events
    TaskId current = kNoTask;     ///< task being polled
    AfterPoll afterPoll = AfterPoll::WorkerRunTask;
    QueueKind pollSource = QueueKind::None;
    BlockReason blockReason = BlockReason::Sleep;
    std::int64_t blockStart = 0;
    std::int64_t blockObject = -1;    ///< mutex id when blocked on a lock
    std::int64_t idleSince = 0;       ///< blocking pool: for keep-alive
    TaskId job = kNoTask;             ///< OS threads: the one job they run
    std::vector<Waker> deferred;      ///< yield_now wakes, woken before the thread parks
    std::optional<Poll> finishedPoll; ///< a poll result waiting for its CPU cost to be spent
};

class Runtime {
public:
    explicit Runtime(RuntimeConfig config = {});
    ~Runtime();
    Runtime(const Runtime&) = delete;
    Runtime& operator=(const Runtime&) = delete;

    // ---- setting up and running --------------------------------------------------------
    /// The future `main` (the body of `#[tokio::main] async fn main`) of this run.
    void setMain(FuturePtr main, std::string name = "main");
    /// Runs to completion (or deadlock, stall, budget). Call once.
    const Trace& run();
    const Trace& trace() const { return m_trace; }
    Trace takeTrace() { return std::move(m_trace); }
    const RuntimeConfig& config() const { return m_config; }

    // ---- what futures call while being polled ------------------------------------------
    SimTime now() const { return {m_now}; }
    Rng& rng() { return m_rng; }
    TaskId currentTask() const { return m_currentTask; }
    ThreadId currentThread() const { return m_currentThread; }
    std::string taskName(TaskId t) const { return m_trace.taskName(t); }
    const std::string& threadName(ThreadId t) const { return m_trace.threads[t].name; }

    /// println!: records the line with the current time, thread and task.
    void println(std::string text);
    /// tokio::spawn: a new task, scheduled at once. Returns its id (the JoinHandle's target).
    TaskId spawn(FuturePtr future, std::string name = {});
    /// spawn_blocking: the job (a future that only blocks or finishes) runs on a pool thread.
    TaskId spawnBlocking(FuturePtr job, std::string name = {});
    /// thread::spawn: a new OS thread that runs `job` (blocking only) and exits.
    TaskId spawnThread(FuturePtr job, std::string name = {});

    /// The duration, perturbed by the configured jitter (seeded).
    SimDuration jittered(SimDuration d);
    /// Blocks the current thread for `d` (thread::sleep, CPU work). Returns Poll::blocked().
    Poll blockFor(SimDuration d, BlockReason reason);
    /// Blocks the current thread until `unblock` is called for it (std Mutex::lock).
    Poll blockUntilUnblocked(BlockReason reason, std::int64_t objectId);
    /// Ends a blockUntilUnblocked: the thread continues its poll at the current time.
    void unblock(ThreadId thread);

    // Wakers and scheduling.
    Waker wakerFor(TaskId t) { return Waker(this, t); }
    void wake(TaskId t, WakeKind how);
    /// The timer driver fired `t`'s timer: one TimerFire event records both the firing and the
    /// wake it caused (detail Timer, or Coalesced when the wake changed nothing).
    void fireTimer(TaskId t, std::int64_t deadline);
    /// tokio::task::yield_now: the wake is deferred until the thread is about to park.
    void deferWake(Waker w);
    /// Coop budget: consumes one unit; false when the task's budget is used up, in which case
    /// the caller must wake the task by ref and return Pending, as tokio resources do.
    bool coopPoll();

    // Timers. A registered timer holds a waker of the task that registered it (counted as
    // live) until it fires or is cancelled.
    TimerId registerTimer(std::int64_t deadlineNs, const Waker& w, bool& firedNow);
    /// Whether a timer registered for `deadlineNs` has fired (then its id is no longer valid).
    bool timerElapsed(std::int64_t deadlineNs) const { return m_timers.elapsed(deadlineNs); }
    /// Makes a pending timer wake `task` (a re-poll with another task's context).
    void updateTimerWaker(std::int64_t deadlineNs, TimerId id, TaskId task);
    /// Cancels a timer that has not fired yet.
    void cancelTimer(std::int64_t deadlineNs, TimerId id);

    // JoinHandles.
    bool taskFinished(TaskId t) const { return m_tasks[t].finished(); }
    bool taskCancelled(TaskId t) const { return m_tasks[t].state == TaskState::Cancelled; }
    void setJoinWaker(TaskId t, const Waker& w);
    Value takeOutput(TaskId t);
    void abort(TaskId t);

    // Objects (mutexes, channels) and trace helpers.
    std::uint32_t registerObject(std::string name);
    /// Mutexes report who holds them and who waits, for the deadlock analysis.
    void setObjectHolder(std::uint32_t object, TaskId holder);
    TaskId objectHolder(std::uint32_t object) const;
    void setTaskWaitingOn(TaskId t, std::int64_t object);
    /// std::sync::Mutex guards held per task, to flag a guard held across an `.await`.
    void noteStdGuard(TaskId t, int delta);
    void record(EventKind kind, TaskId task, std::int64_t arg = 0, std::uint8_t detail = 0)
    {
        // Inline: most calls of an untraced run end here, after a couple of compares.
        if (m_tearingDown)
            return;
        // Taking and releasing a free lock inside a poll changes nothing another poll could
        // see: the loop executor may still count such polls in bulk.
        if (kind != EventKind::LockAcquire && kind != EventKind::LockRelease)
            ++m_recordCount;
        if (m_config.recordTrace)
            appendEvent(kind, task, arg, detail);
    }
    void warn(std::string kind, TaskId task, std::string message);
    /// Records that a future inside `task` was dropped unfinished (select! loser, timeout, try_join!).
    void recordCancel(TaskId task, CancelReason reason)
    {
        record(EventKind::FutureDropped, task, static_cast<std::int64_t>(reason));
    }

    // Introspection for tests and analyses.
    std::size_t threadCount() const { return m_threads.size(); }
    std::size_t taskCount() const { return m_tasks.size(); }
    const Task& task(TaskId t) const { return m_tasks[t]; }
    const SimThread& thread(ThreadId t) const { return m_threads[t]; }
    const WorkerCore& worker(std::size_t i) const { return m_cores[i]; }
    std::size_t injectSize() const { return m_inject.size(); }
    std::size_t pendingTimers() const { return m_timers.pendingCount(); }
    std::uint64_t loopPollsSkipped() const { return m_loopSkipped; }

private:
    friend class Waker;

    // Tasks, threads and events.
    TaskId addTask(FuturePtr future, TaskKind kind, std::string name);
    ThreadId addThread(ThreadKind kind, std::string name, std::uint32_t index);
    void post(ThreadId th, EngineEventKind kind, std::int64_t at);
    void dispatch(const EngineEvent& e);
    void step(ThreadId th);

    // Polling.
    void beginPoll(ThreadId th, TaskId t, QueueKind from, AfterPoll after);
    void continuePoll(ThreadId th);
    void finishPoll(ThreadId th, Poll result);
    void completeTask(TaskId t, Value out);
    void cancelTask(TaskId t, CancelReason reason);
    void afterPoll(ThreadId th);
    void wakeDeferred(ThreadId th);
    void checkBlockingInAsync(ThreadId th);

    // Scheduling a woken / spawned task.
    void schedule(TaskId t, bool isYield);
    void scheduleLocal(std::uint32_t w, TaskId t, bool isYield);
    void pushLocal(std::uint32_t w, TaskId t);
    void pushInject(TaskId t);

    // Multi-thread workers (multi_thread_scheduler.cpp).
    void workerStep(ThreadId th);
    void workerAfterRunTask(ThreadId th);
    bool workerNextTask(std::uint32_t w, TaskId& out, QueueKind& from);
    bool workerSteal(std::uint32_t w, TaskId& out, QueueKind& from);
    void appendEvent(EventKind kind, TaskId task, std::int64_t arg, std::uint8_t detail)
    {
        m_trace.events.push_back(TraceEvent{m_now, arg, task, m_currentThread, kind, detail});
    }
    void readAheadUpcoming(std::uint32_t w);
    void readAheadTask(TaskId t);
    void readAheadFuture(TaskId t);
    void workerPark(ThreadId th);
    void workerParkTimeout(ThreadId th);
    void workerUnparked(ThreadId th);
    void workerMaintenance(ThreadId th);
    void notifyParked();
    void notifyIfWorkPending();
    void unparkWorker(std::uint32_t w);
    bool transitionToSearching(std::uint32_t w);
    void transitionFromSearching(std::uint32_t w);
    void runDriver(ThreadId th);
    void rescheduleDriverWake();

    // Block_on thread (multi-thread flavor and BlockOn executor).
    void blockOnStep(ThreadId th);
    void blockOnAfterPoll(ThreadId th);
    void unparkBlockOn();

    // Current-thread scheduler (current_thread_scheduler.cpp).
    void currentThreadStep(ThreadId th);
    void currentThreadRunNext(ThreadId th);
    void currentThreadAfterPoll(ThreadId th);
    void currentThreadPark(ThreadId th);
    void currentThreadUnparked(ThreadId th);
    void currentThreadRescheduleDriverWake();
    void unparkCurrentThread();

    // Loop executor.
    void loopStep(ThreadId th);
    void loopAfterPoll(ThreadId th);

    // Blocking pool (blocking_pool.cpp).
    void blockingStep(ThreadId th);
    void blockingAfterJob(ThreadId th);

    // End of run.
    bool mainDone() const;
    bool blockingWorkPending() const;
    void finishRun();
    void analyseQuiescence();
    void shutdownRemainingTasks();

    RuntimeConfig m_config;
    // Chunked: spawning never moves existing tasks (references stay valid, no doubling peak).
    ChunkedVector<Task> m_tasks;                 // declared first: destroyed last, after everything holding wakers
    std::unordered_map<TaskId, Value> m_outputs; ///< outputs of finished tasks (non-unit only)
    Trace m_trace;
    Rng m_rng;
    EventQueue m_events;
    TimerQueue m_timers;
    std::vector<TimerQueue::Fired> m_fired; ///< runDriver's buffer, reused
    std::vector<SimThread> m_threads;
    std::vector<WorkerCore> m_cores;
    std::vector<ThreadId> m_workerThreads;
    std::deque<TaskId> m_inject;
    std::deque<TaskId> m_blockingQueue;
    std::vector<std::uint32_t> m_sleepers; ///< tokio Idle::sleepers
    std::uint32_t m_numSearching = 0;
    std::uint32_t m_numUnparked = 0;
    ThreadId m_blockOnThread = kNoThread;
    ThreadId m_driverHolder = kNoThread;
    std::int64_t m_driverWakeAt = -1;
    bool m_mainWoken = false; ///< current-thread / block_on: the main future was woken
    std::uint32_t m_ctIteration = 0;
    std::uint32_t m_ctTick = 0;
    std::deque<TaskId> m_ctLocal;    ///< current_thread's local queue
    int m_coopBudgetOther = 0;       ///< coop budget of the block_on / current-thread poll
    std::uint64_t m_recordCount = 0; ///< side effects so far (for the loop executor)
    std::uint64_t m_pollMark = 0;
    std::uint64_t m_loopSkipped = 0;
    std::vector<TaskId> m_objectHolder;
    std::vector<std::int64_t> m_taskWaitingOn;
    std::vector<std::int32_t> m_stdGuards;
    std::vector<TaskId> m_guardWarned;
    std::int64_t m_mainDoneAt = 0;
    bool m_shutDown = false;

    std::int64_t m_now = 0;
    TaskId m_currentTask = kNoTask;
    ThreadId m_currentThread = kNoThread;
    bool m_ran = false;
    bool m_stopped = false;
    bool m_tearingDown = false;
    std::uint32_t m_blockingThreads = 0;
    std::int64_t m_lastActivity = 0;
};

} // namespace pw
