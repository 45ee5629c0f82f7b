// Tasks and wakers: coalesced wakes, lost wakers, JoinHandle output and abort, 002's CounterFuture.
#include "test_support.h"

#include <QtTest>

using namespace pw;
using namespace pw::test;

class TestTasksAndWakers : public QObject {
    Q_OBJECT
private slots:
    void counterFutureAlternates()
    {
        // 002: two CounterFuture tasks, thread::sleep(1 s) per poll and wake_by_ref: the lines
        // come in pairs, 1 1 2 2 ... 5 5, each pair one second apart.
        Runtime rt;
        auto body = [](Runtime& rt) -> Async {
            TaskId a = rt.spawn(std::make_unique<CounterFuture>(5, true), "counter-one");
            TaskId b = rt.spawn(std::make_unique<CounterFuture>(5, true), "counter-two");
            co_await joinHandle(rt, a);
            co_await joinHandle(rt, b);
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QStringList expected;
        for (int i = 1; i <= 5; ++i)
            expected << QString("polling with result: %1@%2").arg(i).arg((i - 1) * 1000)
                     << QString("polling with result: %1@%2").arg(i).arg((i - 1) * 1000);
        QCOMPARE(timedTexts(t), expected);
        QCOMPARE(rt.task(1).polls, 5u);
        QCOMPARE(t.status.kind, RunStatusKind::Finished);
    }

    void counterFutureWithoutWakerStalls()
    {
        // 002: without wake_by_ref the tasks print once and are never polled again.
        Runtime rt;
        auto body = [](Runtime& rt) -> Async {
            TaskId a = rt.spawn(std::make_unique<CounterFuture>(5, false), "counter-one");
            TaskId b = rt.spawn(std::make_unique<CounterFuture>(5, false), "counter-two");
            co_await joinHandle(rt, a);
            co_await joinHandle(rt, b);
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(texts(t), (QStringList{"polling with result: 1", "polling with result: 1"}));
        QCOMPARE(t.status.kind, RunStatusKind::Stalled);
        QVERIFY(t.status.message.find("'counter-one' and 'counter-two'") != std::string::npos);
        QCOMPARE(count(t, EventKind::Stalled), 2);
        int lost = 0;
        for (const auto& w : t.warnings)
            lost += w.kind == "lost-waker";
        QCOMPARE(lost, 2);
    }

    void wakesAreCoalesced()
    {
        // Three wakes while the task is queued give one poll, not three.
        struct Once final : Future {
            int polls = 0;
            Poll poll(Context& cx) override
            {
                if (++polls == 1) {
                    cx.waker().wakeByRef();
                    cx.waker().wakeByRef();
                    cx.waker().wakeByRef();
                    return Poll::pending();
                }
                return Poll::ready(Value(polls));
            }
        };
        Runtime rt(RuntimeConfig{.flavor = Flavor::CurrentThread});
        auto body = [](Runtime& rt) -> Async {
            Value r = co_await joinHandle(rt, rt.spawn(std::make_unique<Once>()));
            rt.println(r.debug());
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(texts(t), QStringList{"Ok(2)"});
        int coalesced = 0;
        for (const auto& e : t.events)
            coalesced += e.kind == EventKind::Wake && e.detail == static_cast<std::uint8_t>(WakeKind::Coalesced);
        QCOMPARE(coalesced, 2);
    }

    void abortCancelsAndJoinHandleSaysSo()
    {
        Runtime rt;
        auto victim = [](Runtime& rt) -> Async {
            co_await sleep(rt, secs(10));
            rt.println("never printed");
            co_return Value();
        };
        auto body = [&](Runtime& rt) -> Async {
            TaskId v = rt.spawn(victim(rt).boxed(), "victim");
            co_await sleep(rt, secs(1));
            rt.abort(v);
            Value r = co_await joinHandle(rt, v);
            rt.println(r.debug());
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(timedTexts(t), QStringList{"Err(\"task was cancelled\")@1000"});
        QVERIFY(rt.taskCancelled(1));
        QCOMPARE(rt.pendingTimers(), std::size_t{0});
    }

    void mainReturningCancelsTheRest()
    {
        Runtime rt;
        auto background = [](Runtime& rt) -> Async {
            co_await sleep(rt, secs(100));
            co_return Value();
        };
        auto body = [&](Runtime& rt) -> Async {
            rt.spawn(background(rt).boxed(), "background");
            co_await sleep(rt, secs(1));
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(t.status.kind, RunStatusKind::Finished);
        QCOMPARE(t.status.endNs, 1 * kSec);
        QVERIFY(rt.taskCancelled(1));
    }

    void remoteWakeFromAThreadTakesTwoPolls()
    {
        // 002's MyFuture woken from outside: exactly two polls.
        struct Remote final : Future {
            std::shared_ptr<Waker> slot;
            std::shared_ptr<bool> fired;
            Poll poll(Context& cx) override
            {
                cx.runtime().println("Polling the future");
                if (*fired)
                    return Poll::ready(Value("Hello from the outside"));
                *slot = cx.waker();
                return Poll::pending();
            }
        };
        struct Trigger final : Future {
            std::shared_ptr<Waker> slot;
            std::shared_ptr<bool> fired;
            bool slept = false;
            Poll poll(Context& cx) override
            {
                if (!slept) {
                    slept = true;
                    return cx.runtime().blockFor(SimDuration::seconds(3), BlockReason::Sleep);
                }
                *fired = true;
                slot->wake();
                return Poll::ready();
            }
        };
        Runtime rt;
        auto slot = std::make_shared<Waker>();
        auto fired = std::make_shared<bool>(false);
        auto body = [&](Runtime& rt) -> Async {
            auto f = std::make_unique<Remote>();
            f->slot = slot;
            f->fired = fired;
            TaskId task = rt.spawn(std::move(f), "my-future");
            rt.println("spawning trigger task");
            auto trig = std::make_unique<Trigger>();
            trig->slot = slot;
            trig->fired = fired;
            rt.spawnThread(std::move(trig), "trigger");
            Value r = co_await joinHandle(rt, task);
            rt.println("Task completed with outcome: " + r.asResult().inner.display());
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(texts(t), (QStringList{"spawning trigger task", "Polling the future", "Polling the future",
                                        "Task completed with outcome: Hello from the outside"}));
        QCOMPARE(rt.task(1).polls, 2u);
        QCOMPARE(lineTime(t, "Task completed with outcome: Hello from the outside"), 3 * kSec);
    }
};

QTEST_GUILESS_MAIN(TestTasksAndWakers)
#include "tst_tasks_and_wakers.moc"
