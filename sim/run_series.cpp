// The charts' time series, built in one pass over the trace (see run_series.h).
#include "run_series.h"

#include "runtime/trace.h"

#include <algorithm>

namespace pw {

const char* toString(QueueBucket b)
{
    switch (b) {
    case QueueBucket::Lifo:
        return "lifo";
    case QueueBucket::Local:
        return "local";
    case QueueBucket::Inject:
        return "inject";
    case QueueBucket::Blocking:
        return "blocking";
    case QueueBucket::Other:
        return "other";
    }
    return "?";
}

const QueueSample* RunSeries::queueAt(std::int64_t t) const
{
    if (queue.empty())
        return nullptr;
    auto it =
        std::upper_bound(queue.begin(), queue.end(), t, [](std::int64_t v, const QueueSample& s) { return v < s.t; });
    if (it == queue.begin())
        return &queue.front();
    return &*(it - 1);
}

namespace {

/// More bins than this buys nothing on a screen and would overflow the edge arithmetic.
constexpr std::int64_t kMaxBins = 1'000'000;

QueueBucket bucketOf(QueueKind q)
{
    switch (q) {
    case QueueKind::Lifo:
        return QueueBucket::Lifo;
    case QueueKind::Local:
    case QueueKind::Steal:
        return QueueBucket::Local; // a stolen task lands in the thief's local queue
    case QueueKind::Inject:
        return QueueBucket::Inject;
    case QueueKind::Blocking:
        return QueueBucket::Blocking;
    case QueueKind::None:
    case QueueKind::BlockOn:
        return QueueBucket::Other;
    }
    return QueueBucket::Other;
}

/// Equal-width bins over [0, endNs] and the ns of running / blocked time that fall in each.
class Binner {
public:
    Binner(std::int64_t endNs, int requestedBins) : end_(std::max<std::int64_t>(0, endNs))
    {
        const std::int64_t n = std::clamp<std::int64_t>(requestedBins, 1, std::clamp<std::int64_t>(end_, 1, kMaxBins));
        // edge i = floor(i * end / n), without overflowing: end = q*n + r, r < n <= 1e6.
        const std::int64_t q = end_ / n, r = end_ % n;
        edges_.resize(static_cast<std::size_t>(n) + 1);
        for (std::int64_t i = 0; i <= n; ++i)
            edges_[static_cast<std::size_t>(i)] = q * i + (r * i) / n;
    }

    int bins() const { return static_cast<int>(edges_.size() - 1); }
    const std::vector<std::int64_t>& edges() const { return edges_; }
    std::int64_t width(int i) const
    {
        return edges_[static_cast<std::size_t>(i) + 1] - edges_[static_cast<std::size_t>(i)];
    }

    /// The bin holding t, for 0 <= t < end.
    int binOf(std::int64_t t) const
    {
        const int n = bins();
        int i = end_ > 0 ? static_cast<int>(static_cast<double>(t) / static_cast<double>(end_) * n) : 0;
        i = std::clamp(i, 0, n - 1);
        while (i > 0 && edges_[static_cast<std::size_t>(i)] > t)
            --i;
        while (i + 1 < n && edges_[static_cast<std::size_t>(i) + 1] <= t)
            ++i;
        return i;
    }

    /// Adds [a, b) (clamped to [0, end]) to `perBin`; returns the ns added.
    std::int64_t add(std::vector<std::int64_t>& perBin, std::int64_t a, std::int64_t b) const
    {
        a = std::max<std::int64_t>(a, 0);
        b = std::min(b, end_);
        if (b <= a)
            return 0;
        if (perBin.empty())
            perBin.assign(static_cast<std::size_t>(bins()), 0);
        for (int i = binOf(a); i < bins() && edges_[static_cast<std::size_t>(i)] < b; ++i) {
            const std::int64_t lo = std::max(a, edges_[static_cast<std::size_t>(i)]);
            const std::int64_t hi = std::min(b, edges_[static_cast<std::size_t>(i) + 1]);
            if (hi > lo)
                perBin[static_cast<std::size_t>(i)] += hi - lo;
        }
        return b - a;
    }

private:
    std::int64_t end_;
    std::vector<std::int64_t> edges_;
};

struct ThreadState {
    bool polling = false;
    TaskId task = kNoTask;                    ///< the task being polled
    std::int64_t runSince = -1;               ///< start of the running stretch in progress, -1: none
    std::int64_t blockSince = -1;             ///< start of the block in progress, -1: none
    TaskId blockTask = kNoTask;               ///< whose block it is
    std::vector<std::int64_t> runNs, blockNs; ///< per bin (empty: all zero)
};

struct TaskState {
    bool finished = false;
    bool inPoll = false;
    bool queued = false;
    bool blockedOutside = false; ///< a block outside a poll: the timeline's lane shows Blocked
    QueueBucket bucket = QueueBucket::Other;
};

class QueueCounter {
public:
    explicit QueueCounter(std::vector<QueueSample>& out) : out_(out) { out_.push_back(QueueSample{}); }

    void enqueue(TaskState& ts, QueueBucket b)
    {
        if (ts.queued)
            --cur_.byBucket[static_cast<std::size_t>(ts.bucket)];
        else
            ++cur_.total;
        ts.queued = true;
        ts.bucket = b;
        ++cur_.byBucket[static_cast<std::size_t>(b)];
    }

    void dequeue(TaskState& ts)
    {
        if (!ts.queued)
            return;
        ts.queued = false;
        --cur_.total;
        --cur_.byBucket[static_cast<std::size_t>(ts.bucket)];
    }

    /// Records the lengths after every event at instant t.
    void flush(std::int64_t t)
    {
        QueueSample& last = out_.back();
        if (cur_.total == last.total && cur_.byBucket == last.byBucket)
            return;
        cur_.t = t;
        if (last.t == t)
            last = cur_;
        else
            out_.push_back(cur_);
    }

private:
    std::vector<QueueSample>& out_;
    QueueSample cur_;
};

void fillFractions(ThreadSeries& s, const Binner& binner, const std::vector<std::int64_t>& runNs,
                   const std::vector<std::int64_t>& blockNs)
{
    const auto n = static_cast<std::size_t>(binner.bins());
    s.running.assign(n, 0.0);
    s.blocked.assign(n, 0.0);
    s.idle.assign(n, 1.0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t w = binner.width(static_cast<int>(i));
        if (w <= 0)
            continue;
        const double r = runNs.empty() ? 0.0 : static_cast<double>(runNs[i]) / static_cast<double>(w);
        const double b = blockNs.empty() ? 0.0 : static_cast<double>(blockNs[i]) / static_cast<double>(w);
        s.running[i] = r;
        s.blocked[i] = b;
        s.idle[i] = std::max(0.0, 1.0 - r - b);
    }
}

} // namespace

RunSeries buildSeries(const Trace& trace, int bins)
{
    RunSeries out;
    out.endNs = std::max<std::int64_t>(0, trace.status.endNs);
    if (!trace.events.empty())
        out.endNs = std::max(out.endNs, trace.events.back().t);
    const std::int64_t endNs = out.endNs;
    const Binner binner(endNs, bins);
    out.binEdges = binner.edges();

    const std::size_t nThreads = trace.threads.size();
    const std::size_t nTasks = trace.tasks.size();
    std::vector<ThreadState> threads(nThreads);
    std::vector<TaskState> tasks(nTasks);
    std::vector<std::uint32_t> polls(nTasks, 0);
    out.threads.resize(nThreads);
    for (std::size_t i = 0; i < nThreads; ++i) {
        out.threads[i].thread = static_cast<std::uint32_t>(i);
        out.threads[i].name = trace.threads[i].name;
    }

    QueueCounter queue(out.queue);
    std::int64_t instant = 0;

    auto addRun = [&](std::size_t th, std::int64_t a, std::int64_t b) {
        out.threads[th].runningNs += binner.add(threads[th].runNs, a, b);
    };
    auto addBlock = [&](std::size_t th, std::int64_t a, std::int64_t b) {
        out.threads[th].blockedNs += binner.add(threads[th].blockNs, a, b);
    };

    auto queueTask = [&](TaskId task, QueueKind q) {
        TaskState& ts = tasks[task];
        if (ts.finished || ts.inPoll)
            return;
        ts.blockedOutside = false;
        queue.enqueue(ts, bucketOf(q));
    };

    for (const TraceEvent& e : trace.events) {
        const std::int64_t t = std::max<std::int64_t>(0, e.t);
        if (t != instant) {
            queue.flush(instant);
            instant = t;
        }
        const bool hasThread = e.thread < nThreads;
        const bool hasTask = e.task < nTasks;
        switch (e.kind) {
        case EventKind::Spawn:
            if (hasTask) {
                TaskState& ts = tasks[e.task];
                if (!ts.finished && !ts.queued && !ts.inPoll && !ts.blockedOutside)
                    queue.enqueue(ts, QueueBucket::Other);
            }
            break;
        case EventKind::Schedule:
            if (hasTask)
                queueTask(e.task, static_cast<QueueKind>(e.detail));
            if (const TaskId displaced = lifoDisplaced(e); displaced < nTasks) // to the local queue
                queueTask(displaced, QueueKind::Local);
            break;
        case EventKind::Wake:
        case EventKind::TimerFire:
            if (hasTask && isEffectiveWake(e)) {
                TaskState& ts = tasks[e.task];
                if (!ts.finished && !ts.inPoll && !ts.queued && !ts.blockedOutside)
                    queue.enqueue(ts, QueueBucket::Other);
            }
            break;
        case EventKind::PollStart:
            if (hasThread) {
                ThreadState& th = threads[e.thread];
                if (th.polling && th.runSince >= 0) // a poll that never ended
                    addRun(e.thread, th.runSince, t);
                th.polling = true;
                th.task = e.task;
                th.runSince = th.blockSince >= 0 ? -1 : t;
                out.threads[e.thread].used = true;
            }
            if (hasTask) {
                TaskState& ts = tasks[e.task];
                queue.dequeue(ts);
                ts.inPoll = true;
                ts.blockedOutside = false;
                ++polls[e.task];
                ++out.totalPolls;
            }
            break;
        case EventKind::BlockStart: {
            TaskId polled = e.task;
            if (hasThread) {
                ThreadState& th = threads[e.thread];
                out.threads[e.thread].used = true;
                if (th.polling)
                    polled = th.task;
                if (th.blockSince < 0) {
                    if (th.runSince >= 0)
                        addRun(e.thread, th.runSince, t);
                    th.runSince = -1;
                    th.blockSince = t;
                    th.blockTask = polled;
                }
            }
            if (polled < nTasks) {
                TaskState& ts = tasks[polled];
                if (!ts.inPoll && !ts.finished) {
                    queue.dequeue(ts);
                    ts.blockedOutside = true;
                }
            }
            break;
        }
        case EventKind::BlockEnd: {
            TaskId polled = e.task;
            if (hasThread) {
                ThreadState& th = threads[e.thread];
                if (th.blockSince >= 0) {
                    polled = th.blockTask;
                    addBlock(e.thread, th.blockSince, t);
                    th.blockSince = -1;
                    th.blockTask = kNoTask;
                    if (th.polling)
                        th.runSince = t;
                }
            }
            if (polled < nTasks && !tasks[polled].inPoll)
                tasks[polled].blockedOutside = false;
            break;
        }
        case EventKind::PollEnd:
            if (hasThread) {
                ThreadState& th = threads[e.thread];
                if (th.polling) {
                    if (th.runSince >= 0)
                        addRun(e.thread, th.runSince, t);
                    if (th.blockSince >= 0) // a block left open by the poll ends with it
                        addBlock(e.thread, th.blockSince, t);
                    th.blockSince = -1;
                    th.blockTask = kNoTask;
                }
                th.polling = false;
                th.task = kNoTask;
                th.runSince = -1;
            }
            if (hasTask)
                tasks[e.task].inPoll = false;
            break;
        case EventKind::Stalled:
            if (hasTask) {
                TaskState& ts = tasks[e.task];
                if (ts.finished || ts.inPoll)
                    break;
                queue.dequeue(ts);
                ts.blockedOutside = false;
            }
            break;
        case EventKind::Done:
        case EventKind::Cancel:
            if (hasTask) {
                TaskState& ts = tasks[e.task];
                if (ts.finished || (e.kind == EventKind::Cancel && ts.inPoll))
                    break; // a sub-future dropped inside the task's own poll
                queue.dequeue(ts);
                ts.finished = true;
                ts.inPoll = false;
                ts.blockedOutside = false;
            }
            break;
        default:
            break;
        }
    }
    queue.flush(instant);

    // What is still open at the end counts up to the end.
    std::size_t used = 0;
    for (std::size_t th = 0; th < nThreads; ++th) {
        ThreadState& st = threads[th];
        if (st.blockSince >= 0)
            addBlock(th, st.blockSince, endNs);
        else if (st.runSince >= 0)
            addRun(th, st.runSince, endNs);
        fillFractions(out.threads[th], binner, st.runNs, st.blockNs);
        if (out.threads[th].used)
            ++used;
    }

    // The summary: the mean over the threads that did something.
    ThreadSeries& all = out.allThreads;
    all.name = "all threads";
    all.used = used > 0;
    const auto n = static_cast<std::size_t>(binner.bins());
    all.running.assign(n, 0.0);
    all.blocked.assign(n, 0.0);
    all.idle.assign(n, 1.0);
    if (used > 0) {
        for (const ThreadSeries& s : out.threads) {
            if (!s.used)
                continue;
            all.runningNs += s.runningNs;
            all.blockedNs += s.blockedNs;
            for (std::size_t i = 0; i < n; ++i) {
                all.running[i] += s.running[i];
                all.blocked[i] += s.blocked[i];
            }
        }
        const double k = static_cast<double>(used);
        for (std::size_t i = 0; i < n; ++i) {
            all.running[i] /= k;
            all.blocked[i] /= k;
            all.idle[i] = std::max(0.0, 1.0 - all.running[i] - all.blocked[i]);
        }
    }

    for (const QueueSample& s : out.queue)
        out.maxQueue = std::max(out.maxQueue, s.total);

    out.polls.resize(nTasks);
    for (std::size_t i = 0; i < nTasks; ++i)
        out.polls[i] = TaskPolls{static_cast<std::uint32_t>(i), trace.taskName(i), polls[i]};
    std::stable_sort(out.polls.begin(), out.polls.end(),
                     [](const TaskPolls& a, const TaskPolls& b) { return a.polls > b.polls; });
    return out;
}

} // namespace pw
