// Core of the runtime: threads, the event loop, polling, task completion, wake routing.
// The scheduler-specific steps live in multi_thread_scheduler.cpp, current_thread_scheduler.cpp,
// block_on_executor.cpp and blocking_pool.cpp; the end-of-run analysis in quiescence.cpp.
#include "runtime.h"

#include <algorithm>
#include <cassert>
#include <stdexcept>
#include <utility>

namespace pw {

const char* toString(Flavor f)
{
    switch (f) {
    case Flavor::MultiThread:
        return "multi_thread";
    case Flavor::CurrentThread:
        return "current_thread";
    case Flavor::BlockOn:
        return "block_on";
    case Flavor::LoopExecutor:
        return "loop_executor";
    }
    return "?";
}

Runtime::Runtime(RuntimeConfig config) : m_config(config), m_rng(config.seed)
{
    if (m_config.workers < 1)
        m_config.workers = 1;
    m_blockOnThread = addThread(ThreadKind::BlockOn, "main", 0);
    if (m_config.flavor == Flavor::MultiThread) {
        for (int i = 0; i < m_config.workers; ++i) {
            m_workerThreads.push_back(
                addThread(ThreadKind::Worker, "worker-" + std::to_string(i), static_cast<std::uint32_t>(i)));
            m_cores.emplace_back(m_config.localQueueCapacity);
        }
        // tokio's Idle::new: every worker counts as unparked until it parks for the first time.
        m_numUnparked = static_cast<std::uint32_t>(m_config.workers);
    }
}

Runtime::~Runtime()
{
    // Futures may hold wakers, guards and timers: drop them while the tables still exist,
    // without recording anything or scheduling anyone.
    m_tearingDown = true;
    m_tasks.forEach([](Task& t) {
        t.future.reset();
        t.joinWaiter = kNoTask;
    });
    m_outputs.clear();
    for (auto& th : m_threads)
        th.deferred.clear();
}

ThreadId Runtime::addThread(ThreadKind kind, std::string name, std::uint32_t index)
{
    const auto id = static_cast<ThreadId>(m_threads.size());
    SimThread th;
    th.kind = kind;
    th.index = index;
    m_threads.push_back(std::move(th));
    m_trace.threads.push_back(ThreadInfo{std::move(name), kind});
    return id;
}

void Runtime::setMain(FuturePtr main, std::string name)
{
    if (!m_tasks.empty())
        throw std::logic_error("Runtime::setMain called twice");
    Task t;
    t.future = std::move(main);
    t.kind = TaskKind::Main;
    t.state = TaskState::Scheduled;
    m_tasks.push_back(std::move(t));
    m_trace.addTask(std::move(name), TaskKind::Main, kNoTask, 0);
    record(EventKind::Spawn, 0, static_cast<std::int64_t>(kNoTask), static_cast<std::uint8_t>(TaskKind::Main));
    m_mainWoken = true;
}

// ---- trace --------------------------------------------------------------------------------

void Runtime::warn(std::string kind, TaskId task, std::string message)
{
    if (m_tearingDown)
        return;
    if (m_trace.warnings.size() >= Trace::kMaxWarnings) {
        ++m_trace.suppressedWarnings;
        return;
    }
    m_trace.warnings.push_back(Warning{std::move(kind), m_now, task, std::move(message)});
}

std::uint32_t Runtime::registerObject(std::string name)
{
    m_trace.objectNames.push_back(std::move(name));
    return static_cast<std::uint32_t>(m_trace.objectNames.size() - 1);
}

void Runtime::println(std::string text)
{
    if (m_tearingDown)
        return;
    // Printed lines are the scenario's output: kept even when the event trace is off.
    ++m_recordCount;
    m_trace.lines.push_back(PrintedLine{m_now, m_currentThread, m_currentTask, std::move(text)});
    record(EventKind::Print, m_currentTask, static_cast<std::int64_t>(m_trace.lines.size() - 1));
}

// ---- spawning -------------------------------------------------------------------------------

TaskId Runtime::addTask(FuturePtr future, TaskKind kind, std::string name)
{
    const auto id = static_cast<TaskId>(m_tasks.size());
    Task t;
    t.future = std::move(future);
    t.kind = kind;
    t.state = TaskState::Scheduled;
    m_tasks.push_back(std::move(t));
    m_trace.addTask(std::move(name), kind, m_currentTask, m_now); // unnamed: "task-<id>" and so on
    record(EventKind::Spawn, id, m_currentTask, static_cast<std::uint8_t>(kind));
    return id;
}

TaskId Runtime::spawn(FuturePtr future, std::string name)
{
    if (m_tasks.size() >= m_config.maxTasks) {
        if (!m_stopped) {
            m_stopped = true;
            m_trace.status = RunStatus{RunStatusKind::Budget,
                                       "The task budget ran out: the scenario spawned more than " +
                                           std::to_string(m_config.maxTasks) + " tasks.",
                                       {},
                                       m_now};
        }
        return kNoTask;
    }
    const TaskId id = addTask(std::move(future), TaskKind::Async, std::move(name));
    schedule(id, false);
    return id;
}

TaskId Runtime::spawnBlocking(FuturePtr job, std::string name)
{
    const TaskId id = addTask(std::move(job), TaskKind::Blocking, std::move(name));
    m_blockingQueue.push_back(id);
    record(EventKind::Schedule, id, 0, static_cast<std::uint8_t>(QueueKind::Blocking));
    // tokio blocking/pool.rs: wake an idle pool thread, else start a new one (up to the cap).
    for (ThreadId th = 0; th < m_threads.size(); ++th) {
        SimThread& thr = m_threads[th];
        if (thr.kind == ThreadKind::Blocking && thr.state == ThreadState::Parked) {
            thr.state = ThreadState::Idle;
            ++thr.generation;
            post(th, EngineEventKind::Unpark, m_now);
            return id;
        }
    }
    if (m_blockingThreads < static_cast<std::uint32_t>(m_config.maxBlockingThreads)) {
        const ThreadId th =
            addThread(ThreadKind::Blocking, "blocking-" + std::to_string(m_blockingThreads), m_blockingThreads);
        ++m_blockingThreads;
        post(th, EngineEventKind::Step, m_now);
    }
    return id;
}

// ---- time and blocking ----------------------------------------------------------------------

SimDuration Runtime::jittered(SimDuration d)
{
    if (m_config.jitterPercent <= 0 || d.ns <= 0)
        return d;
    const std::int64_t span = d.ns * m_config.jitterPercent / 100;
    if (span <= 0)
        return d;
    const auto r = static_cast<std::int64_t>(m_rng.next() % static_cast<std::uint64_t>(2 * span + 1));
    return SimDuration{std::max<std::int64_t>(0, d.ns + r - span)};
}

Poll Runtime::blockFor(SimDuration d, BlockReason reason)
{
    const ThreadId th = m_currentThread;
    SimThread& thr = m_threads[th];
    thr.state = ThreadState::Blocked;
    thr.blockReason = reason;
    thr.blockStart = m_now;
    thr.blockObject = -1;
    const std::int64_t end = m_now + std::max<std::int64_t>(0, d.ns);
    record(EventKind::BlockStart, m_currentTask, end, static_cast<std::uint8_t>(reason));
    post(th, EngineEventKind::Resume, end);
    return Poll::blocked();
}

Poll Runtime::blockUntilUnblocked(BlockReason reason, std::int64_t objectId)
{
    SimThread& thr = m_threads[m_currentThread];
    thr.state = ThreadState::Blocked;
    thr.blockReason = reason;
    thr.blockStart = m_now;
    thr.blockObject = objectId;
    record(EventKind::BlockStart, m_currentTask, -1, static_cast<std::uint8_t>(reason));
    return Poll::blocked();
}

void Runtime::unblock(ThreadId th)
{
    assert(m_threads[th].state == ThreadState::Blocked && "unblock: the thread is not blocked");
    post(th, EngineEventKind::Resume, m_now);
}

TimerId Runtime::registerTimer(std::int64_t deadlineNs, const Waker& w, bool& firedNow)
{
    const TimerId id = m_timers.add(deadlineNs, w.task(), firedNow);
    if (!firedNow) {
        ++m_tasks[w.task()].liveWakers; // the timer keeps a clone of the waker
        record(EventKind::TimerRegister, w.task(), TimerQueue::roundUpToTick(deadlineNs));
        rescheduleDriverWake();
    }
    return id;
}

void Runtime::updateTimerWaker(std::int64_t deadlineNs, TimerId id, TaskId task)
{
    // Waker::will_wake first, as tokio does: no new waker when the same task polls again.
    const TaskId old = m_timers.replaceTask(deadlineNs, id, task);
    if (old == task)
        return;
    ++m_tasks[task].liveWakers;
    if (!m_tearingDown)
        --m_tasks[old].liveWakers;
}

void Runtime::cancelTimer(std::int64_t deadlineNs, TimerId id)
{
    const TaskId t = m_timers.cancel(deadlineNs, id);
    if (!m_tearingDown) // the waker the timer held is dropped
        --m_tasks[t].liveWakers;
}

// ---- waking and scheduling --------------------------------------------------------------------

void Runtime::wake(TaskId t, WakeKind how)
{
    if (m_tearingDown)
        return;
    Task& task = m_tasks[t];
    switch (task.state) {
    case TaskState::Idle:
        record(EventKind::Wake, t, m_currentTask, static_cast<std::uint8_t>(how));
        task.state = TaskState::Scheduled;
        schedule(t, false);
        break;
    case TaskState::Running:
        record(EventKind::Wake, t, m_currentTask, static_cast<std::uint8_t>(how));
        task.state = TaskState::RunningNotified;
        break;
    case TaskState::Scheduled:
    case TaskState::RunningNotified:
        record(EventKind::Wake, t, m_currentTask, static_cast<std::uint8_t>(WakeKind::Coalesced));
        break;
    case TaskState::Done:
    case TaskState::Cancelled:
        break;
    }
}

void Runtime::fireTimer(TaskId t, std::int64_t deadline)
{
    // As wake(t, Timer), with the firing and the wake in one event: a tenth of a timer-heavy
    // trace is timer wakes (docs/performance.md).
    Task& task = m_tasks[t];
    const bool wakes = !m_tearingDown && (task.state == TaskState::Idle || task.state == TaskState::Running);
    record(EventKind::TimerFire, t, deadline, static_cast<std::uint8_t>(wakes ? WakeKind::Timer : WakeKind::Coalesced));
    if (!wakes)
        return;
    if (task.state == TaskState::Idle) {
        task.state = TaskState::Scheduled;
        schedule(t, false);
    } else {
        task.state = TaskState::RunningNotified;
    }
}

void Runtime::deferWake(Waker w)
{
    if (m_currentThread == kNoThread) {
        w.wakeByRef();
        return;
    }
    m_threads[m_currentThread].deferred.push_back(std::move(w));
}

void Runtime::wakeDeferred(ThreadId th)
{
    auto deferred = std::move(m_threads[th].deferred);
    m_threads[th].deferred.clear();
    const ThreadId saved = m_currentThread;
    const TaskId savedTask = m_currentTask;
    m_currentThread = th;
    m_currentTask = kNoTask;
    for (auto& w : deferred) {
        const TaskId t = w.task();
        w.reset();
        wake(t, WakeKind::Yield);
    }
    m_currentThread = saved;
    m_currentTask = savedTask;
}

bool Runtime::coopPoll()
{
    if (m_currentThread == kNoThread)
        return true;
    int& budget = m_threads[m_currentThread].kind == ThreadKind::Worker
                      ? m_cores[m_threads[m_currentThread].index].budget
                      : m_coopBudgetOther;
    if (budget <= 0)
        return false;
    --budget;
    return true;
}

void Runtime::schedule(TaskId t, bool isYield)
{
    Task& task = m_tasks[t];
    if (task.kind == TaskKind::Main) {
        m_mainWoken = true;
        if (m_config.flavor == Flavor::CurrentThread) {
            record(EventKind::Schedule, t, 0, static_cast<std::uint8_t>(QueueKind::BlockOn));
            if (m_threads[m_blockOnThread].state == ThreadState::Parked)
                unparkCurrentThread();
        } else if (m_config.flavor != Flavor::LoopExecutor) {
            record(EventKind::Schedule, t, 0, static_cast<std::uint8_t>(QueueKind::BlockOn));
            unparkBlockOn();
        }
        return;
    }
    if (task.kind != TaskKind::Async)
        return;
    const ThreadId cur = m_currentThread;
    if (m_config.flavor == Flavor::MultiThread) {
        if (cur != kNoThread && m_threads[cur].kind == ThreadKind::Worker &&
            m_threads[cur].state != ThreadState::Exited) {
            scheduleLocal(m_threads[cur].index, t, isYield);
        } else {
            pushInject(t);
            notifyParked();
        }
        return;
    }
    if (m_config.flavor == Flavor::CurrentThread) {
        if (cur == m_blockOnThread) {
            m_ctLocal.push_back(t);
            record(EventKind::Schedule, t, 0, static_cast<std::uint8_t>(QueueKind::Local));
        } else {
            pushInject(t);
            if (m_threads[m_blockOnThread].state == ThreadState::Parked)
                unparkCurrentThread();
        }
        return;
    }
    // BlockOn / loop executors have no task scheduler: tokio::spawn outside a runtime panics in
    // Rust; the scenario layer refuses it before a run starts.
}

void Runtime::pushInject(TaskId t)
{
    m_inject.push_back(t);
    record(EventKind::Schedule, t, 0, static_cast<std::uint8_t>(QueueKind::Inject));
}

// ---- polling --------------------------------------------------------------------------------

void Runtime::post(ThreadId th, EngineEventKind kind, std::int64_t at)
{
    m_events.push(at, th, kind, m_threads[th].generation);
}

void Runtime::beginPoll(ThreadId th, TaskId t, QueueKind from, AfterPoll after)
{
    SimThread& thr = m_threads[th];
    Task& task = m_tasks[t];
    thr.afterPoll = after;
    thr.pollSource = from;
    if (task.finished()) { // a stale queue entry (the task was cancelled while queued)
        afterPoll(th);
        return;
    }
    m_currentThread = th;
    if (task.cancelRequested) {
        // tokio: transition_to_running fails on a cancelled task; the worker cancels it instead.
        m_currentTask = t;
        cancelTask(t, CancelReason::Aborted);
        m_currentTask = kNoTask;
        afterPoll(th);
        return;
    }
    thr.current = t;
    task.state = TaskState::Running;
    ++task.polls;
    m_currentTask = t;
    record(EventKind::PollStart, t, 0, static_cast<std::uint8_t>(from));
    continuePoll(th);
}

void Runtime::continuePoll(ThreadId th)
{
    SimThread& thr = m_threads[th];
    const TaskId t = thr.current;
    thr.state = ThreadState::Polling;
    m_currentThread = th;
    m_currentTask = t;
    Context cx(*this, t, th);
    Poll r = m_tasks[t].future->poll(cx);
    if (r.isBlocked()) {
        assert(m_threads[th].state == ThreadState::Blocked &&
               "a future returned Blocked without calling Runtime::blockFor/blockUntilUnblocked");
        return;
    }
    if (m_config.pollCost.ns > 0 && m_config.flavor != Flavor::LoopExecutor) {
        // The poll's code ran; the thread stays busy for its CPU time before the poll returns.
        m_threads[th].finishedPoll = std::move(r);
        post(th, EngineEventKind::PollCost, m_now + m_config.pollCost.ns);
        return;
    }
    finishPoll(th, std::move(r));
}

void Runtime::finishPoll(ThreadId th, Poll r)
{
    SimThread& thr = m_threads[th];
    const TaskId t = thr.current;
    Task& task = m_tasks[t];
    m_currentThread = th;
    m_currentTask = t;
    if (r.isReady()) {
        record(EventKind::PollEnd, t, 0, static_cast<std::uint8_t>(PollResultKind::Ready));
        completeTask(t, std::move(r.value));
    } else {
        record(EventKind::PollEnd, t, 0, static_cast<std::uint8_t>(PollResultKind::Pending));
        if (task.cancelRequested) {
            cancelTask(t, CancelReason::Aborted);
        } else if (task.state == TaskState::RunningNotified) {
            task.state = TaskState::Scheduled;
            schedule(t, true);
        } else {
            task.state = TaskState::Idle;
            if (t < m_stdGuards.size() && m_stdGuards[t] > 0 &&
                std::find(m_guardWarned.begin(), m_guardWarned.end(), t) == m_guardWarned.end()) {
                m_guardWarned.push_back(t);
                warn("guard-across-await", t,
                     "'" + m_trace.taskName(t) +
                         "' is suspended at an .await while holding a std::sync::Mutex guard: any other "
                         "task that locks that mutex blocks its whole thread, and can deadlock.");
            }
            if (task.liveWakers == 0 && task.kind != TaskKind::Blocking && m_config.flavor != Flavor::LoopExecutor) {
                record(EventKind::Stalled, t);
                warn("lost-waker", t,
                     "'" + m_trace.taskName(t) +
                         "' returned Pending without registering its waker anywhere, so nothing "
                         "will ever poll it again.");
            }
        }
    }
    thr.current = kNoTask;
    thr.state = ThreadState::Idle;
    m_currentTask = kNoTask;
    afterPoll(th);
}

void Runtime::completeTask(TaskId t, Value out)
{
    Task& task = m_tasks[t];
    task.state = TaskState::Done;
    if (!out.isUnit())
        m_outputs[t] = std::move(out);
    record(EventKind::Done, t);
    const TaskId saved = m_currentTask;
    m_currentTask = t;
    task.future.reset(); // drops locals: guards release, timers deregister
    m_currentTask = saved;
    if (task.joinWaiter != kNoTask) {
        const TaskId waiter = std::exchange(task.joinWaiter, kNoTask);
        --m_tasks[waiter].liveWakers; // the waker is consumed
        wake(waiter, WakeKind::JoinHandle);
    }
    if (task.kind == TaskKind::Main)
        m_mainDoneAt = m_now;
    m_lastActivity = m_now;
}

void Runtime::cancelTask(TaskId t, CancelReason reason)
{
    Task& task = m_tasks[t];
    if (task.finished())
        return;
    task.state = TaskState::Cancelled;
    record(EventKind::Cancel, t, static_cast<std::int64_t>(reason));
    const TaskId saved = m_currentTask;
    m_currentTask = t;
    task.future.reset();
    m_currentTask = saved;
    if (task.joinWaiter != kNoTask) {
        const TaskId waiter = std::exchange(task.joinWaiter, kNoTask);
        --m_tasks[waiter].liveWakers; // Waker::wake: consumed before the task is scheduled
        wake(waiter, WakeKind::Wake);
    }
}

Value Runtime::takeOutput(TaskId t)
{
    Task& task = m_tasks[t];
    task.outputTaken = true;
    if (task.state == TaskState::Cancelled)
        return Value::err(Value("task was cancelled"));
    Value v;
    if (auto it = m_outputs.find(t); it != m_outputs.end()) {
        v = std::move(it->second);
        m_outputs.erase(it);
    }
    return Value::ok(std::move(v));
}

void Runtime::setJoinWaker(TaskId t, const Waker& w)
{
    // Stores a clone of `w` (counted on its task, like any live waker), replacing the old one.
    Task& task = m_tasks[t];
    if (task.joinWaiter != kNoTask)
        --m_tasks[task.joinWaiter].liveWakers;
    task.joinWaiter = w.valid() ? w.task() : kNoTask;
    if (task.joinWaiter != kNoTask)
        ++m_tasks[task.joinWaiter].liveWakers;
}

void Runtime::abort(TaskId t)
{
    Task& task = m_tasks[t];
    if (task.finished() || task.cancelRequested)
        return;
    task.cancelRequested = true;
    if (task.state == TaskState::Idle) {
        // tokio remote_abort: the task is notified so that a worker cancels it.
        task.state = TaskState::Scheduled;
        schedule(t, false);
    }
}

void Runtime::afterPoll(ThreadId th)
{
    m_lastActivity = m_now;
    switch (m_threads[th].afterPoll) {
    case AfterPoll::WorkerRunTask:
        workerAfterRunTask(th);
        break;
    case AfterPoll::BlockOnMain:
        blockOnAfterPoll(th);
        break;
    case AfterPoll::CurrentThreadMain:
    case AfterPoll::CurrentThreadTask:
        currentThreadAfterPoll(th);
        break;
    case AfterPoll::BlockingJob:
        blockingAfterJob(th);
        break;
    case AfterPoll::LoopMain:
        loopAfterPoll(th);
        break;
    }
}

void Runtime::checkBlockingInAsync(ThreadId th)
{
    const SimThread& thr = m_threads[th];
    if (thr.current == kNoTask || m_tasks[thr.current].kind == TaskKind::Blocking ||
        m_tasks[thr.current].warnedBlocking)
        return;
    std::size_t waiting = 0;
    if (thr.kind == ThreadKind::Worker) {
        const WorkerCore& c = m_cores[thr.index];
        waiting = c.runQueue.size() + (c.lifo != kNoTask ? 1 : 0);
    } else if (m_config.flavor == Flavor::CurrentThread) {
        waiting = m_ctLocal.size() + m_inject.size();
    }
    if (waiting == 0)
        return;
    m_tasks[thr.current].warnedBlocking = true;
    if (m_trace.warnings.size() >= Trace::kMaxWarnings) {
        ++m_trace.suppressedWarnings;
        return;
    }
    warn("blocking-in-async", thr.current,
         "'" + m_trace.taskName(thr.current) + "' blocked " + m_trace.threads[th].name + " in " +
             toString(thr.blockReason) + " for " + formatSeconds(m_now - thr.blockStart) + " while " +
             std::to_string(waiting) + (waiting == 1 ? " task was" : " tasks were") +
             " ready to run on that thread; use tokio::time::sleep(..).await or spawn_blocking.");
}

// ---- the event loop -------------------------------------------------------------------------

bool Runtime::mainDone() const
{
    return !m_tasks.empty() && m_tasks[0].finished();
}

void Runtime::dispatch(const EngineEvent& e)
{
    const ThreadId th = e.thread;
    SimThread& thr = m_threads[th];
    if (thr.state == ThreadState::Exited)
        return;
    m_currentThread = th;
    m_currentTask = kNoTask;
    switch (e.kind) {
    case EngineEventKind::Resume:
        record(EventKind::BlockEnd, thr.current, 0, static_cast<std::uint8_t>(thr.blockReason));
        checkBlockingInAsync(th);
        continuePoll(th);
        break;
    case EngineEventKind::PollCost: {
        Poll r = std::move(*thr.finishedPoll);
        thr.finishedPoll.reset();
        finishPoll(th, std::move(r));
        break;
    }
    case EngineEventKind::Step:
    case EngineEventKind::Unpark:
    case EngineEventKind::DriverWake:
        switch (thr.kind) {
        case ThreadKind::Worker:
            if (e.kind == EngineEventKind::Step)
                workerStep(th);
            else
                workerUnparked(th);
            break;
        case ThreadKind::BlockOn:
            if (m_config.flavor == Flavor::CurrentThread) {
                if (e.kind == EngineEventKind::Step)
                    currentThreadStep(th);
                else
                    currentThreadUnparked(th);
            } else if (m_config.flavor == Flavor::LoopExecutor) {
                loopStep(th);
            } else {
                blockOnStep(th);
            }
            break;
        case ThreadKind::Blocking:
        case ThreadKind::Os:
            blockingStep(th);
            break;
        }
        break;
    }
}

const Trace& Runtime::run()
{
    if (m_ran)
        throw std::logic_error("Runtime::run called twice");
    m_ran = true;
    if (m_tasks.empty())
        throw std::logic_error("Runtime::run without a main future");
    // Workers start first and park (worker-0 takes the timer driver), then main is polled.
    for (ThreadId th : m_workerThreads)
        post(th, EngineEventKind::Step, 0);
    post(m_blockOnThread, EngineEventKind::Step, 0);

    const std::int64_t maxTime = m_config.maxTime.ns;
    while (!m_events.empty() && !m_stopped) {
        const EngineEvent& top = m_events.top();
        if (top.t > maxTime) {
            m_now = maxTime;
            m_stopped = true;
            m_trace.status =
                RunStatus{RunStatusKind::Budget,
                          "The simulated-time budget of " + formatSeconds(maxTime) + " ran out before main finished.",
                          {},
                          maxTime};
            break;
        }
        const EngineEvent e = m_events.pop();
        if (e.generation != m_threads[e.thread].generation)
            continue; // superseded (a parked thread was woken earlier)
        if (++m_trace.engineEvents > m_config.maxEvents) {
            m_stopped = true;
            m_trace.status = RunStatus{RunStatusKind::Budget,
                                       "The event budget of " + std::to_string(m_config.maxEvents) +
                                           " engine events ran out: the scenario may loop forever.",
                                       {},
                                       m_now};
            break;
        }
        m_now = e.t;
        dispatch(e);
        if (mainDone() && !m_shutDown)
            shutdownRemainingTasks();
        if (m_shutDown && !blockingWorkPending())
            break;
    }
    finishRun();
    return m_trace;
}

} // namespace pw
