// How runs end: budgets stop runaway programs with a message that names the budget.
#include "test_support.h"

#include <QtTest>

using namespace pw;
using namespace pw::test;

class TestRunStatus : public QObject {
    Q_OBJECT
private slots:
    void timeBudget()
    {
        Runtime rt(RuntimeConfig{.maxTime = SimDuration::seconds(5)});
        auto body = [](Runtime& rt) -> Async {
            for (;;)
                co_await sleep(rt, secs(1));
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(t.status.kind, RunStatusKind::Budget);
        QVERIFY(t.status.message.find("simulated-time budget") != std::string::npos);
        QCOMPARE(t.status.endNs, 5 * kSec);
    }

    void eventBudget()
    {
        Runtime rt(RuntimeConfig{.maxEvents = 1000});
        auto body = [](Runtime&) -> Async {
            for (;;)
                co_await yieldNow();
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(t.status.kind, RunStatusKind::Budget);
        QVERIFY(t.status.message.find("event budget") != std::string::npos);
    }

    void taskBudget()
    {
        Runtime rt(RuntimeConfig{.maxTasks = 10});
        auto body = [](Runtime& rt) -> Async {
            for (int i = 0; i < 100; ++i)
                rt.spawn(ready());
            co_await sleep(rt, secs(1));
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(t.status.kind, RunStatusKind::Budget);
        QVERIFY(t.status.message.find("task budget") != std::string::npos);
        QCOMPARE(rt.taskCount(), std::size_t{10});
    }

    void waitingForeverIsADeadlock()
    {
        Runtime rt;
        auto ch = std::make_shared<MpscChannel>(rt, "never", 0);
        auto body = [&](Runtime&) -> Async {
            co_await ch->recv(); // the sender is alive but nobody sends
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(t.status.kind, RunStatusKind::Deadlock);
        QVERIFY(t.status.message.find("every task is waiting") != std::string::npos);
        QVERIFY(!t.status.details.empty());
        QVERIFY(t.status.details.front().find("channel 'never'") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestRunStatus)
#include "tst_run_status.moc"
