// The books' own executors (000): loop_executor counts every poll, block_thread_on parks.
#include "test_support.h"

#include <QtTest>

using namespace pw;
using namespace pw::test;

namespace {
// 000's ThreadTimer: on first poll it starts an OS thread that sleeps, sets is_complete and
// wakes the stored waker; each poll stores the current waker and checks is_complete.
struct TimerState {
    bool complete = false;
    Waker waker;
};

class SleeperThread final : public Future {
public:
    SleeperThread(std::shared_ptr<TimerState> s, SimDuration d) : m_s(std::move(s)), m_d(d) {}
    Poll poll(Context& cx) override
    {
        if (!m_slept) {
            m_slept = true;
            return cx.runtime().blockFor(m_d, BlockReason::Sleep);
        }
        m_s->complete = true;
        m_s->waker.wakeByRef();
        return Poll::ready();
    }

private:
    std::shared_ptr<TimerState> m_s;
    SimDuration m_d;
    bool m_slept = false;
};

class ThreadTimer final : public Future {
public:
    explicit ThreadTimer(SimDuration d) : m_d(d) {}
    Poll poll(Context& cx) override
    {
        m_s->waker = cx.waker();
        if (!m_started) {
            m_started = true;
            cx.runtime().spawnThread(std::make_unique<SleeperThread>(m_s, m_d), "timer-thread");
        }
        return m_s->complete ? Poll::ready() : Poll::pending();
    }

private:
    SimDuration m_d;
    std::shared_ptr<TimerState> m_s = std::make_shared<TimerState>();
    bool m_started = false;
};
} // namespace

class TestExecutors : public QObject {
    Q_OBJECT
private slots:
    void blockThreadOnPollsTwice()
    {
        Runtime rt(RuntimeConfig{.flavor = Flavor::BlockOn});
        rt.setMain(std::make_unique<ThreadTimer>(secs(1)));
        const Trace& t = rt.run();
        QCOMPARE(t.status.kind, RunStatusKind::Finished);
        QCOMPARE(rt.task(0).polls, 2u);
        QCOMPARE(t.status.endNs, 1 * kSec);
    }

    void loopExecutorPollsAndPolls_data()
    {
        QTest::addColumn<qint64>("costUs");
        QTest::newRow("1us_per_poll") << qint64(1);
        QTest::newRow("10us_per_poll") << qint64(10);
        QTest::newRow("1ms_per_poll") << qint64(1000);
    }
    void loopExecutorPollsAndPolls()
    {
        // The book: "We called .poll() N times, yikes!" N = 1 s / poll cost + 1.
        QFETCH(qint64, costUs);
        Runtime rt(RuntimeConfig{.flavor = Flavor::LoopExecutor, .loopPollCost = SimDuration::micros(costUs)});
        rt.setMain(std::make_unique<ThreadTimer>(secs(1)));
        const Trace& t = rt.run();
        QCOMPARE(t.status.kind, RunStatusKind::Finished);
        QCOMPARE(static_cast<qint64>(rt.task(0).polls), 1'000'000 / costUs + 1);
        QVERIFY(rt.loopPollsSkipped() > 0 || costUs == 1000);
    }
};

QTEST_GUILESS_MAIN(TestExecutors)
#include "tst_executors.moc"
