// tokio::sync::Mutex (FIFO), std::sync::Mutex (blocking, try_lock), channels, Notify.
#include "test_support.h"

#include <QtTest>

using namespace pw;
using namespace pw::test;

class TestSyncPrimitives : public QObject {
    Q_OBJECT
private slots:
    void tokioMutexIsFifo()
    {
        Runtime rt;
        auto m = std::make_shared<TokioMutex>(rt, "data", Value(0));
        auto holder = [](Runtime& rt, std::shared_ptr<TokioMutex> m) -> Async {
            Value g = co_await m->lock();
            co_await sleep(rt, ms(100));
            co_return Value();
        };
        auto waiter = [](Runtime& rt, std::shared_ptr<TokioMutex> m, std::string name) -> Async {
            Value g = co_await m->lock();
            rt.println(name);
            co_return Value();
        };
        auto body = [&](Runtime& rt) -> Async {
            std::vector<TaskId> ids{rt.spawn(holder(rt, m).boxed())};
            co_await sleep(rt, ms(1));
            for (const char* n : {"first", "second", "third"}) {
                ids.push_back(rt.spawn(waiter(rt, m, n).boxed(), n));
                co_await sleep(rt, ms(1));
            }
            for (TaskId id : ids)
                co_await joinHandle(rt, id);
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(texts(t), (QStringList{"first", "second", "third"}));
        QCOMPARE(lineTime(t, "first"), 100 * kMs); // handed over when the holder releases
        QCOMPARE(count(t, EventKind::LockContend), 3);
    }

    void asyncMutexAlternatesIncrementAndDecrement()
    {
        // 002's count(3, data, Increment) / Decrement with tokio::sync::Mutex: final value 0.
        Runtime rt;
        auto m = std::make_shared<TokioMutex>(rt, "data", Value(0));
        auto counter = [](Runtime& rt, std::shared_ptr<TokioMutex> m, int delta) -> Async {
            for (int i = 0; i < 3; ++i) {
                Value g = co_await m->lock();
                auto& guard = dynamic_cast<GuardObject&>(*g.asObject());
                guard.value() = Value(guard.value().asInt() + delta);
                rt.println(std::string(delta > 0 ? "after increment: " : "after decrement: ") +
                           guard.value().display());
                g = Value();
                co_await sleep(rt, ms(1));
            }
            co_return Value();
        };
        auto body = [&](Runtime& rt) -> Async {
            TaskId a = rt.spawn(counter(rt, m, +1).boxed(), "increment");
            TaskId b = rt.spawn(counter(rt, m, -1).boxed(), "decrement");
            co_await joinHandle(rt, a);
            co_await joinHandle(rt, b);
            rt.println("final: " + m->data().display());
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(texts(t).last(), QString("final: 0"));
        QCOMPARE(texts(t).size(), 7);
    }

    void stdMutexTryLockFailsWhileHeld()
    {
        Runtime rt;
        auto m = std::make_shared<StdMutex>(rt, "data", Value(0));
        auto body = [&](Runtime& rt) -> Async {
            Value g = m->tryLock();
            Value second = m->tryLock();
            rt.println(std::string(g.isOk() ? "first ok" : "first failed") + ", " +
                       (second.isOk() ? "second ok" : "second failed"));
            g = Value();
            rt.println(m->tryLock().isOk() ? "after drop ok" : "after drop failed");
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(texts(t), (QStringList{"first ok, second failed", "after drop ok"}));
        QCOMPARE(count(t, EventKind::TryLockFail), 1);
    }

    void stdMutexBlocksTheThreadUntilReleased()
    {
        Runtime rt(RuntimeConfig{.workers = 2});
        auto m = std::make_shared<StdMutex>(rt, "data", Value(0));
        auto holder = [](Runtime&, std::shared_ptr<StdMutex> m) -> Async {
            Value g = co_await m->lock();
            co_await threadSleep(secs(2));
            co_return Value();
        };
        auto locker = [](Runtime& rt, std::shared_ptr<StdMutex> m) -> Async {
            Value g = co_await m->lock();
            rt.println("got it");
            co_return Value();
        };
        auto body = [&](Runtime& rt) -> Async {
            TaskId a = rt.spawn(holder(rt, m).boxed(), "holder");
            co_await sleep(rt, ms(1));
            TaskId b = rt.spawn(locker(rt, m).boxed(), "locker");
            co_await joinHandle(rt, a);
            co_await joinHandle(rt, b);
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(lineTime(t, "got it"), 2 * kSec);
        bool blockedOnLock = false;
        for (const auto& e : t.events)
            blockedOnLock |=
                e.kind == EventKind::BlockStart && e.detail == static_cast<std::uint8_t>(BlockReason::StdMutexLock);
        QVERIFY(blockedOnLock);
    }

    void stdGuardAcrossAwaitDeadlocks()
    {
        // 000 / 001: two tasks on one thread; one holds a std Mutex guard across .await, the
        // other blocks the only thread in lock(): deadlock, reported with who holds what.
        Runtime rt(RuntimeConfig{.flavor = Flavor::CurrentThread});
        auto m = std::make_shared<StdMutex>(rt, "data", Value(0));
        auto holder = [](Runtime& rt, std::shared_ptr<StdMutex> m) -> Async {
            Value g = co_await m->lock();
            co_await sleep(rt, secs(1));
            rt.println("holder done");
            co_return Value();
        };
        auto locker = [](Runtime& rt, std::shared_ptr<StdMutex> m) -> Async {
            Value g = co_await m->lock();
            rt.println("locker done");
            co_return Value();
        };
        auto body = [&](Runtime& rt) -> Async {
            TaskId a = rt.spawn(holder(rt, m).boxed(), "holder");
            TaskId b = rt.spawn(locker(rt, m).boxed(), "locker");
            co_await joinHandle(rt, a);
            co_await joinHandle(rt, b);
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(t.status.kind, RunStatusKind::Deadlock);
        QVERIFY(t.lines.empty());
        QVERIFY2(t.status.message.find("std::sync::Mutex::lock on 'data', held by 'holder'") != std::string::npos,
                 t.status.message.c_str());
        bool flagged = false;
        for (const auto& w : t.warnings)
            flagged |= w.kind == "guard-across-await";
        QVERIFY(flagged);
    }

    void mpscDeliversInOrderAndEndsWithNone()
    {
        Runtime rt;
        auto ch = std::make_shared<MpscChannel>(rt, "jobs", 2);
        auto producer = [](Runtime&, std::shared_ptr<MpscChannel> ch) -> Async {
            for (int i = 1; i <= 4; ++i)
                co_await ch->send(Value(i));
            ch->dropSender();
            co_return Value();
        };
        auto body = [&](Runtime& rt) -> Async {
            TaskId p = rt.spawn(producer(rt, ch).boxed(), "producer");
            for (;;) {
                Value v = co_await ch->recv();
                if (!v.isOk())
                    break;
                rt.println("got " + v.asResult().inner.display());
            }
            rt.println("closed");
            co_await joinHandle(rt, p);
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        QCOMPARE(texts(rt.run()), (QStringList{"got 1", "got 2", "got 3", "got 4", "closed"}));
    }

    void oneshotAndNotify()
    {
        Runtime rt;
        auto tx = std::make_shared<Oneshot>(rt, "answer");
        auto n = std::make_shared<Notify>(rt, "go");
        auto sender = [](Runtime& rt, std::shared_ptr<Oneshot> tx, std::shared_ptr<Notify> n) -> Async {
            co_await n->notified();
            co_await sleep(rt, secs(1));
            tx->send(Value(42));
            co_return Value();
        };
        auto body = [&](Runtime& rt) -> Async {
            TaskId s = rt.spawn(sender(rt, tx, n).boxed());
            co_await sleep(rt, secs(1));
            n->notifyOne();
            Value v = co_await tx->recv();
            rt.println(v.debug());
            co_await joinHandle(rt, s);
            co_return Value();
        };
        rt.setMain(body(rt).boxed());
        QCOMPARE(timedTexts(rt.run()), QStringList{"Ok(42)@2000"});
    }
};

QTEST_GUILESS_MAIN(TestSyncPrimitives)
#include "tst_sync_primitives.moc"
