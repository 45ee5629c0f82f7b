// The built-in scenario library against the books (book-table.md, resources/scenarios/EXPECTED.md)
// and against reviewed golden files (tests/sim/golden/<id>.txt).
//
// Golden files are rewritten only by `scripts/update-golden.sh` (PINWHEEL_UPDATE_GOLDEN=1);
// a missing or different golden file fails the test.
#ifndef Q_MOC_RUN // moc 6.4 cannot parse C++20 <concepts>, which <coroutine> pulls in
#include "sim/memory/memory_text.h"
#include "sim/run_export.h"
#include "sim/scenario_library.h"
#include "sim/text_log.h"
#endif

#include <QFile>
#include <QtTest>

using namespace pw;

namespace {

RunResult runBuiltIn(const std::string& id, RunOptions opts = {})
{
    LoadResult l = loadScenarioByName(id);
    if (!l.scenario) {
        QTest::qFail(("scenario does not load: " + (l.errors.empty() ? std::string("?") : l.errors[0].message)).c_str(),
                     __FILE__, __LINE__);
        return {};
    }
    return runScenario(*l.scenario, opts);
}

QStringList texts(const Trace& t)
{
    QStringList out;
    for (const auto& l : t.lines)
        out << QString::fromStdString(l.text);
    return out;
}

std::string goldenText(const RunResult& r)
{
    std::string out;
    for (const auto& l : r.trace.lines)
        out += formatLine(r.trace, l) + "\n";
    out += std::string("status: ") + toString(r.trace.status.kind) + "\n";
    out += "total: " + formatSeconds(r.trace.status.endNs) + "\n";
    if (r.trace.status.kind != RunStatusKind::Finished)
        out += "message: " + r.trace.status.message + "\n";
    for (const auto& [path, content] : r.files)
        out += "file " + path + ":\n" + content;
    for (const auto& e : r.errors)
        out += "error: " + e.message + "\n";
    char digest[32];
    std::snprintf(digest, sizeof digest, "%016llx", static_cast<unsigned long long>(r.trace.digest()));
    out += std::string("trace digest: ") + digest + "\n";
    if (r.memory) // a pinning program: its memory, step by step (docs/pinning.md)
        out += "\nmemory:\n" + memory::formatMemoryTrace(*r.memory);
    return out;
}

} // namespace

class TestScenarios : public QObject {
    Q_OBJECT
private slots:
    void everyBuiltInLoadsAndHasATitle_data()
    {
        QTest::addColumn<QString>("id");
        for (const auto& id : builtInScenarioIds())
            QTest::newRow(id.c_str()) << QString::fromStdString(id);
    }
    void everyBuiltInLoadsAndHasATitle()
    {
        QFETCH(QString, id);
        LoadResult l = loadScenarioByName(id.toStdString());
        QVERIFY2(l.scenario, l.errors.empty() ? "?" : l.errors[0].format("").c_str());
        QVERIFY(!l.scenario->title.empty());
        QVERIFY(l.scenario->description.size() > 40);
        QVERIFY(l.scenario->group != "Other");
    }

    void golden_data() { everyBuiltInLoadsAndHasATitle_data(); }
    void golden()
    {
        QFETCH(QString, id);
        const RunResult r = runBuiltIn(id.toStdString());
        const std::string actual = goldenText(r);
        const QString path = QStringLiteral(PINWHEEL_SOURCE_DIR "/tests/sim/golden/") + id + ".txt";
        if (qEnvironmentVariableIsSet("PINWHEEL_UPDATE_GOLDEN")) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(actual.c_str(), static_cast<qint64>(actual.size()));
            return;
        }
        QFile f(path);
        QVERIFY2(f.open(QIODevice::ReadOnly),
                 qPrintable("no golden file " + path + " (create it with scripts/update-golden.sh and review it)"));
        const std::string expected = f.readAll().toStdString();
        QCOMPARE(QString::fromStdString(actual), QString::fromStdString(expected));
    }

    void sameJsonTwice_data() { everyBuiltInLoadsAndHasATitle_data(); }
    void sameJsonTwice()
    {
        QFETCH(QString, id);
        const RunResult a = runBuiltIn(id.toStdString());
        const RunResult b = runBuiltIn(id.toStdString());
        const RunDescription d{id.toStdString(), a.config};
        QCOMPARE(runSummaryJson(a.trace, d), runSummaryJson(b.trace, d));
    }

    // ---- what the books print and state --------------------------------------------------

    void coffeeToastAsTheBookPrints_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QStringList>("lines");
        QTest::newRow("coffee-toast") << "coffee-toast"
                                      << QStringList{"Pouring milk...",
                                                     "Milk poured.",
                                                     "Putting instant coffee...",
                                                     "Instant coffee put.",
                                                     "boiling kettle...",
                                                     "putting bread in toaster...",
                                                     "kettle boiled.",
                                                     "pouring boiled water...",
                                                     "boiled water poured.",
                                                     "bread toasted.",
                                                     "buttering toasted bread...",
                                                     "toasted bread buttered.",
                                                     "It took: 24 seconds"};
        QTest::newRow("coffee-toast-yield")
            << "coffee-toast-yield"
            << QStringList{"boiling kettle...",  "putting bread in toaster...", "Pouring milk...",
                           "Milk poured.",       "Putting instant coffee...",   "Instant coffee put.",
                           "bread toasted.",     "buttering toasted bread...",  "toasted bread buttered.",
                           "kettle boiled.",     "pouring boiled water...",     "boiled water poured.",
                           "It took: 18 seconds"};
    }
    void coffeeToastAsTheBookPrints()
    {
        QFETCH(QString, id);
        QFETCH(QStringList, lines);
        for (int workers : {1, 2, 4}) {
            RunOptions o;
            o.workers = workers;
            const RunResult r = runBuiltIn(id.toStdString(), o);
            QCOMPARE(texts(r.trace), lines);
            QCOMPARE(r.trace.status.kind, RunStatusKind::Finished);
        }
    }

    void totalsTheBooksState_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("param");
        QTest::addColumn<int>("value");
        QTest::addColumn<QString>("lastLine");
        QTest::newRow("persons-sequential") << "persons-sequential"
                                            << "" << 0 << "It took: 36 seconds";
        QTest::newRow("persons-joined-two") << "persons-joined"
                                            << "PERSONS" << 2 << "It took: 28 seconds";
        QTest::newRow("persons-joined-three") << "persons-joined"
                                              << "PERSONS" << 3 << "It took: 42 seconds";
    }
    void totalsTheBooksState()
    {
        QFETCH(QString, id);
        QFETCH(QString, param);
        QFETCH(int, value);
        QFETCH(QString, lastLine);
        RunOptions o;
        if (!param.isEmpty())
            o.params[param.toStdString()] = value;
        const RunResult r = runBuiltIn(id.toStdString(), o);
        QCOMPARE(r.trace.status.kind, RunStatusKind::Finished);
        QCOMPARE(texts(r.trace).last(), lastLine);
    }

    void counterFutureAlternates()
    {
        const RunResult r = runBuiltIn("counter-future");
        QStringList expected;
        for (int i = 1; i <= 5; ++i)
            expected << QString("polling with result: %1").arg(i) << QString("polling with result: %1").arg(i);
        QCOMPARE(texts(r.trace), expected);
    }

    void counterFutureWithoutWakerStalls()
    {
        const RunResult r = runBuiltIn("counter-future-no-waker");
        QCOMPARE(texts(r.trace), (QStringList{"polling with result: 1", "polling with result: 1"}));
        QCOMPARE(r.trace.status.kind, RunStatusKind::Stalled);
    }

    void timeoutGivesUpAtThreeSeconds()
    {
        const RunResult r = runBuiltIn("timeout");
        QCOMPARE(texts(r.trace), QStringList{"Task timed out"});
        QCOMPARE(r.trace.lines[0].t, 3'000'000'000LL);
        bool cancelled = false;
        for (const auto& e : r.trace.events)
            cancelled |= e.kind == EventKind::FutureDropped;
        QVERIFY(cancelled);
    }

    void remoteWakePollsTwice()
    {
        const RunResult r = runBuiltIn("remote-wake");
        QCOMPARE(texts(r.trace), (QStringList{"Polling the future", "spawning trigger task", "Polling the future",
                                              "Task completed with outcome: Hello from the outside"}));
    }

    void stdMutexDeadlockIsReported()
    {
        const RunResult r = runBuiltIn("std-mutex-deadlock");
        QCOMPARE(r.trace.status.kind, RunStatusKind::Deadlock);
        QVERIFY2(r.trace.status.message.find("std::sync::Mutex::lock") != std::string::npos,
                 r.trace.status.message.c_str());
    }

    void executorsPollCounts_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("line");
        QTest::newRow("executor-park") << "executor-park"
                                       << "This time .poll() was only called 2 times, yay!";
        QTest::newRow("executor-busy-loop") << "executor-busy-loop"
                                            << "But we called .poll() 500001 times, yikes!";
    }
    void executorsPollCounts()
    {
        QFETCH(QString, id);
        QFETCH(QString, line);
        const RunResult r = runBuiltIn(id.toStdString());
        QCOMPARE(texts(r.trace), (QStringList{"All done!", line}));
        QCOMPARE(r.trace.status.endNs, 1'000'000'000LL);
    }

    void sequentialVersusJoined_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<qint64>("totalMs");
        QTest::newRow("timers-sequential") << "timers-sequential" << qint64(3000);
        QTest::newRow("timers-join") << "timers-join" << qint64(2000);
        QTest::newRow("book-and-music-sequential") << "book-and-music-sequential" << qint64(5000);
        QTest::newRow("book-and-music-wrong") << "book-and-music-wrong" << qint64(5000);
        QTest::newRow("book-and-music-joined") << "book-and-music-joined" << qint64(3000);
        QTest::newRow("learn-sing-dance-blocking") << "learn-sing-dance-blocking" << qint64(7000);
        QTest::newRow("learn-sing-dance-joined") << "learn-sing-dance-joined" << qint64(4000);
        QTest::newRow("select-race") << "select-race" << qint64(1000);
        QTest::newRow("timer-future-executor") << "timer-future-executor" << qint64(2000);
    }
    void sequentialVersusJoined()
    {
        QFETCH(QString, id);
        QFETCH(qint64, totalMs);
        const RunResult r = runBuiltIn(id.toStdString());
        QCOMPARE(r.trace.status.kind, RunStatusKind::Finished);
        QCOMPARE(r.trace.status.endNs, totalMs * 1'000'000);
    }

    void selectLoopTotalsTen()
    {
        const RunResult r = runBuiltIn("select-loop");
        QCOMPARE(texts(r.trace), QStringList{"total = 10"});
    }

    void spawnBlockingKeepsTheTickerOnTime()
    {
        const RunResult inl = runBuiltIn("spawn-blocking-inline");
        const RunResult off = runBuiltIn("spawn-blocking-offload");
        auto tick1 = [](const Trace& t) {
            for (const auto& l : t.lines)
                if (l.text.rfind("tick 1", 0) == 0)
                    return l.t;
            return std::int64_t{-1};
        };
        QCOMPARE(tick1(off.trace), 1'000'000'000LL); // on time
        QVERIFY(tick1(inl.trace) > 1'000'000'000LL); // late: the worker was blocked
        bool pool = false;
        for (const auto& th : off.trace.threads)
            pool |= th.kind == ThreadKind::Blocking;
        QVERIFY(pool);
    }

    void sharedCountersEndAtZero_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<quint64>("seed");
        QTest::newRow("async-mutex") << "shared-counter-async-mutex" << quint64(0);
        for (quint64 seed : {1, 2, 3, 4, 5, 6})
            QTest::newRow(qPrintable(QString("try-lock-seed-%1").arg(seed))) << "shared-counter-try-lock" << seed;
    }
    void sharedCountersEndAtZero()
    {
        QFETCH(QString, id);
        QFETCH(quint64, seed);
        RunOptions o;
        if (seed)
            o.seed = seed;
        const RunResult r = runBuiltIn(id.toStdString(), o);
        QCOMPARE(r.trace.status.kind, RunStatusKind::Finished);
        int after = 0;
        QString last;
        for (const auto& l : r.trace.lines)
            if (l.text.find("after ") != std::string::npos) {
                ++after;
                last = QString::fromStdString(l.text);
            }
        QCOMPARE(after, 6);
        QVERIFY2(last.endsWith(": 0"), qPrintable(last));
    }

    void tryLockContentionDependsOnTheSeed()
    {
        int withErrors = 0, withoutErrors = 0;
        for (quint64 seed = 1; seed <= 8; ++seed) {
            RunOptions o;
            o.seed = seed;
            const RunResult r = runBuiltIn("shared-counter-try-lock", o);
            bool failed = false;
            for (const auto& l : r.trace.lines)
                failed |= l.text.find("try_lock failed") != std::string::npos;
            (failed ? withErrors : withoutErrors)++;
        }
        QVERIFY(withErrors > 0);
        QVERIFY(withoutErrors > 0);
    }

    void docsExamplesRun_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("lastLine");
        const QString dir = QStringLiteral(PINWHEEL_SOURCE_DIR "/docs/examples/");
        QTest::newRow("hello-join") << dir + "hello-join.rs"
                                    << "waited 2 and 3: it took 3 s";
        QTest::newRow("spawn-and-block") << dir + "spawn-and-block.rs"
                                         << "waiter: my timer fired at 1 s, but I run only now";
        QTest::newRow("hand-written-future") << dir + "hand-written-future.rs"
                                             << "liftoff";
        QTest::newRow("select-timeout") << dir + "select-timeout.rs"
                                        << "gave up after 2 s";
        QTest::newRow("pin-self-pointer") << dir + "pin-self-pointer.rs"
                                          << "1";
    }
    void docsExamplesRun()
    {
        // docs/scenario-language.md shows these files; they must keep working.
        QFETCH(QString, path);
        QFETCH(QString, lastLine);
        LoadResult l = loadScenarioByName(path.toStdString());
        QVERIFY2(l.scenario, l.errors.empty() ? "?" : l.errors[0].message.c_str());
        const RunResult r = runScenario(*l.scenario);
        QCOMPARE(r.trace.status.kind, RunStatusKind::Finished);
        QCOMPARE(texts(r.trace).last(), lastLine);
    }

    void auditLoggerWritesEverything()
    {
        const RunResult r = runBuiltIn("audit-logger");
        QCOMPARE(r.trace.status.kind, RunStatusKind::Finished);
        QCOMPARE(r.files.size(), std::size_t{2});
        for (const auto& [path, content] : r.files) {
            for (const char* name : {"one", "two", "three", "four", "five", "six"})
                QVERIFY2(content.find(std::string(name) + "\n") != std::string::npos, path.c_str());
        }
        // The default seed shows an order that differs from the input order.
        QVERIFY(r.files.at("login.txt") != "one\ntwo\nthree\nfour\nfive\nsix\n");
    }
};

QTEST_GUILESS_MAIN(TestScenarios)
#include "tst_scenarios.moc"
