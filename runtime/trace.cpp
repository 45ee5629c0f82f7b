#include "trace.h"

namespace pw {

namespace {
struct Fnv {
    std::uint64_t h = 1469598103934665603ULL;
    void add(const void* p, std::size_t n)
    {
        const auto* b = static_cast<const unsigned char*>(p);
        for (std::size_t i = 0; i < n; ++i) {
            h ^= b[i];
            h *= 1099511628211ULL;
        }
    }
    template <class T> void pod(const T& v) { add(&v, sizeof v); }
};
} // namespace

TaskId Trace::addTask(std::string name, TaskKind kind, TaskId parent, std::int64_t spawnedNs)
{
    TaskInfo info;
    info.spawnedNs = spawnedNs;
    info.parent = parent;
    info.kind = kind;
    if (!name.empty()) {
        // Tasks spawned in a loop share their name: keep one copy of a run of equal names.
        if (taskNames.size() == 1 || taskNames.back() != name)
            taskNames.push_back(std::move(name));
        info.name = static_cast<std::uint32_t>(taskNames.size() - 1);
    }
    tasks.push_back(info);
    return static_cast<TaskId>(tasks.size() - 1);
}

std::string Trace::taskName(TaskId t) const
{
    const TaskInfo& info = tasks[t];
    if (info.name != 0)
        return taskNames[info.name];
    switch (info.kind) {
    case TaskKind::Main:
        return {};
    case TaskKind::Async:
        return "task-" + std::to_string(t);
    case TaskKind::Blocking:
        return "blocking-" + std::to_string(t);
    case TaskKind::OsThread:
        return "thread-" + std::to_string(t);
    }
    return {};
}

std::uint64_t Trace::digest() const
{
    Fnv f;
    for (const auto& e : events) {
        f.pod(e.t);
        f.pod(e.arg);
        f.pod(e.task);
        f.pod(e.thread);
        f.pod(e.kind);
        f.pod(e.detail);
    }
    for (const auto& l : lines) {
        f.pod(l.t);
        f.add(l.text.data(), l.text.size());
    }
    f.pod(status.kind);
    f.pod(status.endNs);
    return f.h;
}

const char* toString(EventKind k)
{
    switch (k) {
    case EventKind::Spawn:
        return "spawn";
    case EventKind::Schedule:
        return "schedule";
    case EventKind::PollStart:
        return "poll-start";
    case EventKind::PollEnd:
        return "poll-end";
    case EventKind::BlockStart:
        return "block-start";
    case EventKind::BlockEnd:
        return "block-end";
    case EventKind::TimerRegister:
        return "timer-register";
    case EventKind::TimerFire:
        return "timer-fire";
    case EventKind::Wake:
        return "wake";
    case EventKind::LockAcquire:
        return "lock-acquire";
    case EventKind::LockContend:
        return "lock-contend";
    case EventKind::LockRelease:
        return "lock-release";
    case EventKind::TryLockFail:
        return "try-lock-fail";
    case EventKind::ChannelSend:
        return "channel-send";
    case EventKind::ChannelRecv:
        return "channel-recv";
    case EventKind::Print:
        return "print";
    case EventKind::Steal:
        return "steal";
    case EventKind::Park:
        return "park";
    case EventKind::Unpark:
        return "unpark";
    case EventKind::DriverTick:
        return "driver-tick";
    case EventKind::Cancel:
        return "cancel";
    case EventKind::FutureDropped:
        return "future-dropped";
    case EventKind::Done:
        return "done";
    case EventKind::Stalled:
        return "stalled";
    case EventKind::Deadline:
        return "budget";
    }
    return "?";
}

const char* toString(QueueKind k)
{
    switch (k) {
    case QueueKind::None:
        return "none";
    case QueueKind::Lifo:
        return "lifo-slot";
    case QueueKind::Local:
        return "local-queue";
    case QueueKind::Inject:
        return "inject-queue";
    case QueueKind::Steal:
        return "stolen";
    case QueueKind::BlockOn:
        return "block-on";
    case QueueKind::Blocking:
        return "blocking-pool";
    }
    return "?";
}

const char* toString(BlockReason r)
{
    switch (r) {
    case BlockReason::Sleep:
        return "thread::sleep";
    case BlockReason::CpuWork:
        return "CPU work";
    case BlockReason::StdMutexLock:
        return "std::sync::Mutex::lock";
    case BlockReason::JoinThread:
        return "JoinHandle::join";
    case BlockReason::BlockOnPark:
        return "park";
    }
    return "?";
}

const char* toString(CancelReason r)
{
    switch (r) {
    case CancelReason::SelectLost:
        return "lost a select!";
    case CancelReason::TimeoutElapsed:
        return "timeout elapsed";
    case CancelReason::Aborted:
        return "aborted";
    case CancelReason::Shutdown:
        return "runtime shut down";
    case CancelReason::Dropped:
        return "dropped";
    }
    return "?";
}

const char* toString(RunStatusKind k)
{
    switch (k) {
    case RunStatusKind::Finished:
        return "finished";
    case RunStatusKind::Deadlock:
        return "deadlock";
    case RunStatusKind::Stalled:
        return "stalled";
    case RunStatusKind::Budget:
        return "budget";
    case RunStatusKind::Error:
        return "error";
    }
    return "?";
}

} // namespace pw
