// Timers, join!, try_join!, select!, timeout and yield_now.
#include "test_support.h"

#include <QtTest>

using namespace pw;
using namespace pw::test;

class TestTimersAndJoins : public QObject {
    Q_OBJECT
private slots:
    void timerRoundsUpToTheMillisecond_data()
    {
        QTest::addColumn<qint64>("sleepUs");
        QTest::addColumn<qint64>("wakeUs");
        QTest::newRow("exact_ms") << qint64(5000) << qint64(5000);
        QTest::newRow("half_ms_up") << qint64(1500) << qint64(2000);
        QTest::newRow("one_us") << qint64(1) << qint64(1000);
        QTest::newRow("zero") << qint64(0) << qint64(0);
    }
    void timerRoundsUpToTheMillisecond()
    {
        QFETCH(qint64, sleepUs);
        QFETCH(qint64, wakeUs);
        Runtime rt;
        auto body = [](Runtime& rt, qint64 us) -> Async {
            co_await sleep(rt, SimDuration::micros(us));
            rt.println("woke");
            co_return Value();
        };
        rt.setMain(body(rt, sleepUs).boxed());
        const Trace& t = rt.run();
        QCOMPARE(lineTime(t, "woke"), wakeUs * 1000);
    }

    void leafFuturesAwaitedInPlaceHandBackTheirOutput()
    {
        // `co_await Sleep(..)`, `co_await ThreadSleep(..)` and `co_await JoinHandle(..)` keep the
        // leaf future inside the frame; a JoinHandle hands back the task's output as Ok(output).
        Runtime rt;
        auto child = [](Runtime& rt) -> Async {
            co_await Sleep(rt, ms(30));
            co_await ThreadSleep(ms(5));
            co_return Value(std::int64_t{42});
        };
        auto body = [&child](Runtime& rt) -> Async {
            const TaskId id = rt.spawn(child(rt).boxed(), "child");
            Value v = co_await JoinHandle(rt, id);
            rt.println("got " + std::string(v.asResult().ok ? "Ok " : "Err ") +
                       std::to_string(v.asResult().inner.asInt()));
            co_return unit;
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(texts(t), QStringList{"got Ok 42"});
        QCOMPARE(lineTime(t, "got Ok 42"), 35 * kMs);
        QCOMPARE(t.status.kind, RunStatusKind::Finished);
    }

    void exceptionFromANestedBodyReachesWhoeverRunsTheEngine()
    {
        // The scenario interpreter reports runtime errors by throwing from an async body; the
        // exception must come out of Runtime::run through every Async that awaited the body.
        auto failing = [](Runtime& rt) -> Async {
            co_await Sleep(rt, ms(10));
            throw std::runtime_error("scenario error at 10 ms");
            co_return unit;
        };
        auto outer = [&failing](Runtime& rt) -> Async {
            Value v = co_await failing(rt);
            rt.println("not reached");
            co_return v;
        };
        for (int round = 0; round < 2; ++round) { // the second round: nothing left over from the first
            Runtime rt;
            rt.setMain(outer(rt).boxed());
            QString message;
            try {
                rt.run();
            } catch (const std::runtime_error& e) {
                message = QString::fromUtf8(e.what());
            }
            QCOMPARE(message, QStringLiteral("scenario error at 10 ms"));
            QVERIFY(rt.trace().lines.empty());
        }
        Runtime after; // a run after the failures resumes its coroutines with its own context
        auto fine = [](Runtime& rt) -> Async {
            co_await Sleep(rt, ms(3));
            rt.println("fine");
            co_return unit;
        };
        after.setMain(fine(after).boxed());
        QCOMPARE(lineTime(after.run(), "fine"), 3 * kMs);
    }

    void sequentialVersusJoinedTimers()
    {
        // 000: two timers (2 s, 1 s) awaited in turn take 3 s; joined they take 2 s.
        for (bool joined : {false, true}) {
            Runtime rt;
            auto body = [](Runtime& rt, bool joined) -> Async {
                if (joined) {
                    std::vector<FuturePtr> v;
                    v.push_back(sleep(rt, secs(2)));
                    v.push_back(sleep(rt, secs(1)));
                    co_await tokioJoin(std::move(v));
                } else {
                    co_await sleep(rt, secs(2));
                    co_await sleep(rt, secs(1));
                }
                rt.println("done");
                co_return Value();
            };
            rt.setMain(body(rt, joined).boxed());
            QCOMPARE(lineTime(rt.run(), "done"), (joined ? 2 : 3) * kSec);
        }
    }

    void tokioJoinRotatesFuturesJoinDoesNot_data()
    {
        QTest::addColumn<bool>("rotating");
        QTest::addColumn<QStringList>("expected");
        // Each branch prints its name on every poll; all three wait for the same wake.
        QTest::newRow("tokio_join") << true << QStringList{"a", "b", "c", "b", "c", "a", "c", "a", "b"};
        QTest::newRow("futures_join") << false << QStringList{"a", "b", "c", "a", "b", "c", "a", "b", "c"};
    }
    void tokioJoinRotatesFuturesJoinDoesNot()
    {
        QFETCH(bool, rotating);
        QFETCH(QStringList, expected);
        struct Printer final : Future {
            std::string name;
            int polls = 0;
            explicit Printer(std::string n) : name(std::move(n)) {}
            Poll poll(Context& cx) override
            {
                cx.runtime().println(name);
                if (++polls == 3)
                    return Poll::ready();
                cx.waker().wakeByRef();
                return Poll::pending();
            }
        };
        Runtime rt;
        std::vector<FuturePtr> v;
        for (const char* n : {"a", "b", "c"})
            v.push_back(std::make_unique<Printer>(n));
        rt.setMain(rotating ? tokioJoin(std::move(v)) : futuresJoin(std::move(v)));
        QCOMPARE(texts(rt.run()), expected);
    }

    void tryJoinStopsAtFirstError()
    {
        Runtime rt;
        auto failing = [](Runtime& rt) -> Async {
            co_await sleep(rt, secs(1));
            co_return Value::err(Value("boom"));
        };
        auto slow = [](Runtime& rt) -> Async {
            co_await sleep(rt, secs(5));
            rt.println("slow finished");
            co_return Value::ok(Value(1));
        };
        auto body = [&](Runtime& rt) -> Async {
            std::vector<FuturePtr> v;
            v.push_back(slow(rt).boxed());
            v.push_back(failing(rt).boxed());
            Value r = co_await tryJoin(std::move(v));
            rt.println("result " + r.debug());
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(timedTexts(t), QStringList{"result Err(\"boom\")@1000"});
        QCOMPARE(count(t, EventKind::FutureDropped), 1);
    }

    void timeoutCancelsTheSlowTask()
    {
        // 002: timeout(3 s, slow_task()) where slow_task sleeps 10 s.
        Runtime rt;
        auto slowTask = [](Runtime& rt) -> Async {
            co_await sleep(rt, secs(10));
            rt.println("slow task finished");
            co_return Value("done");
        };
        auto body = [&](Runtime& rt) -> Async {
            Value r = co_await timeout(rt, secs(3), slowTask(rt).boxed());
            rt.println(r.isOk() ? "Task completed" : "Task timed out");
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(timedTexts(t), QStringList{"Task timed out@3000"});
        QCOMPARE(count(t, EventKind::FutureDropped), 1);
        QCOMPARE(t.status.endNs, 3 * kSec);
        QCOMPARE(rt.pendingTimers(), std::size_t{0}); // the 10 s timer was deregistered
    }

    void selectBiasedPicksFirstReadyAndCancelsTheRest()
    {
        Runtime rt;
        auto body = [](Runtime& rt) -> Async {
            std::vector<SelectBranch> b;
            b.push_back({sleep(rt, secs(2)), {}});
            b.push_back({sleep(rt, secs(1)), {}});
            b.push_back({sleep(rt, secs(3)), {}});
            Value r = co_await select(std::move(b), true);
            rt.println("branch " + std::to_string(r.asTuple()[0].asInt()));
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(timedTexts(t), QStringList{"branch 1@1000"});
        QCOMPARE(count(t, EventKind::FutureDropped), 2);
    }

    void selectUnbiasedStartIsSeeded()
    {
        // Two branches ready at once: which one wins depends on the seed only.
        auto winner = [](std::uint64_t seed) {
            Runtime rt(RuntimeConfig{.seed = seed});
            auto body = [](Runtime& rt) -> Async {
                std::vector<SelectBranch> b;
                b.push_back({ready(Value(0)), {}});
                b.push_back({ready(Value(1)), {}});
                Value r = co_await select(std::move(b));
                rt.println(std::to_string(r.asTuple()[0].asInt()));
                co_return Value();
            };
            rt.setMain(body(rt).boxed());
            return texts(rt.run()).join("");
        };
        QSet<QString> seen;
        for (std::uint64_t seed = 0; seed < 16; ++seed) {
            QCOMPARE(winner(seed), winner(seed));
            seen.insert(winner(seed));
        }
        QCOMPARE(seen.size(), 2); // both branches win for some seed
    }

    void selectPatternDisablesBranch()
    {
        Runtime rt;
        auto body = [](Runtime& rt) -> Async {
            std::vector<SelectBranch> b;
            b.push_back({ready(Value(7)), [](const Value& v) { return v.asInt() == 0; }});
            b.push_back({sleep(rt, secs(1)), {}});
            Value r = co_await select(std::move(b), true);
            rt.println("branch " + std::to_string(r.asTuple()[0].asInt()));
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        QCOMPARE(timedTexts(rt.run()), QStringList{"branch 1@1000"});
    }

    void yieldNowLetsTheOtherTaskRun()
    {
        Runtime rt(RuntimeConfig{.flavor = Flavor::CurrentThread});
        auto worker = [](Runtime& rt, std::string name) -> Async {
            for (int i = 0; i < 2; ++i) {
                rt.println(name + std::to_string(i));
                co_await yieldNow();
            }
            co_return Value();
        };
        auto body = [&](Runtime& rt) -> Async {
            TaskId a = rt.spawn(worker(rt, "a").boxed());
            TaskId b = rt.spawn(worker(rt, "b").boxed());
            co_await joinHandle(rt, a);
            co_await joinHandle(rt, b);
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        QCOMPARE(texts(rt.run()), (QStringList{"a0", "b0", "a1", "b1"}));
    }
};

QTEST_GUILESS_MAIN(TestTimersAndJoins)
#include "tst_timers_and_joins.moc"
