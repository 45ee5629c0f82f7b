// pinwheel-cli end to end: exit codes, output formats, error messages with file:line:col.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {
struct Result {
    int code = -1;
    QString out;
    QString err;
};

Result cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(PINWHEEL_CLI), args);
    if (!p.waitForFinished(60000))
        return {};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QString writeFile(QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(text);
    return path;
}
} // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void listShowsEveryBuiltIn()
    {
        const Result r = cli({"list"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("coffee-toast "));
        QVERIFY(r.out.contains("std-mutex-deadlock"));
        QVERIFY(!r.out.contains("does not load"));
    }

    void runPrintsTheBooksLines()
    {
        const Result r = cli({"run", "coffee-toast"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("[  3.000s] main  main  Milk poured."));
        QVERIFY(r.out.contains("[ 24.000s] main  main  It took: 24 seconds"));
        QVERIFY(r.out.contains("status: finished"));
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::newRow("finished") << QStringList{"run", "timeout"} << 0;
        QTest::newRow("usage_no_command") << QStringList{} << 1;
        QTest::newRow("usage_bad_flag") << QStringList{"run", "coffee-toast", "--workers", "lots"} << 1;
        QTest::newRow("usage_unknown_param") << QStringList{"run", "coffee-toast", "--set", "NOPE=1"} << 1;
        QTest::newRow("usage_param_out_of_range") << QStringList{"run", "persons-joined", "--set", "PERSONS=99"} << 1;
        QTest::newRow("scenario_missing") << QStringList{"run", "no-such-scenario"} << 2;
        QTest::newRow("deadlock") << QStringList{"run", "std-mutex-deadlock"} << 3;
        QTest::newRow("stalled") << QStringList{"run", "counter-future-no-waker"} << 3;
    }
    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QCOMPARE(cli(args).code, code);
    }

    void pinningProgramPrintsItsLines()
    {
        const Result r = cli({"run", "pin-swap"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith("[  0.000s] main  main  a: test1, b: test1\n"
                                  "[  0.000s] main  main  a: test1, b: test2\n"),
                 qPrintable(r.out));
        QVERIFY(r.err.isEmpty());
        QVERIFY(!r.out.contains("step 1 "));
    }

    void pinningProgramMemoryStates()
    {
        const Result r = cli({"run", "pin-swap", "--memory"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("  move: test1 (Test) 0x7ffc_0010 -> 0x7ffc_0030 (32 bytes)\n"));
        QVERIFY(r.out.contains(".b: *const String = 0x7ffc_0010 -> [foreign] 0x7ffc_0010 (test1.a)"));
        QCOMPARE(cli({"run", "coffee-toast", "--memory"}).code, 1);
    }

    void refusedMoveIsReportedLikeRustcWithExitCode2()
    {
        const Result r = cli({"run", "pin-stack"});
        QCOMPARE(r.code, 2);
        QVERIFY(r.out.startsWith("[  0.000s] main  main  a: test1, b: test1\n"));
        QVERIFY2(r.err.startsWith("error[E0277]: `PhantomPinned` cannot be unpinned\n  --> pin-stack.rs:56:26\n"),
                 qPrintable(r.err));
        QVERIFY(r.err.contains("For more information about this error, try `rustc --explain E0277`."));
    }

    void parseErrorHasFileLineCol()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, "broken.rs", "#[tokio::main]\nasync fn main() {\n    let x = ;\n}\n");
        const Result r = cli({"run", path});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.startsWith(path + ":3:13: error:"), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void runtimeErrorHasFileLineCol()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, "unknown.rs", "#[tokio::main]\nasync fn main() {\n    frobnicate(1);\n}\n");
        const Result r = cli({"run", path});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.startsWith(path + ":3:5: error: unknown name `frobnicate`"), qPrintable(r.err));
    }

    void runawayRecursionIsAnErrorNotACrash()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, "recursion.rs",
                                       "fn down(n: u64) -> u64 {\n    if n == 0 { return 0; }\n    1 + down(n - 1)\n}\n"
                                       "#[tokio::main]\nasync fn main() {\n    println!(\"{}\", down(50));\n"
                                       "    println!(\"{}\", down(100000000));\n}\n");
        const Result r = cli({"run", path});
        QCOMPARE(r.code, 2);
        QVERIFY(r.out.contains("main  main  50"));
        QVERIFY2(r.err.startsWith(path + ":1:1: error: the recursion in `down` is too deep"), qPrintable(r.err));
    }

    void unknownCrateIsRefused()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, "rand.rs", "use rand::Rng;\n#[tokio::main]\nasync fn main() {}\n");
        const Result r = cli({"run", path});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.startsWith(path + ":1:1: error: unknown crate `rand`"), qPrintable(r.err));
    }

    void budgetExitCode()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, "forever.rs",
                                       "use tokio::time::{sleep, Duration};\n"
                                       "#[pinwheel(max_time_s = 5)]\n#[tokio::main]\nasync fn main() {\n"
                                       "    loop { sleep(Duration::from_secs(1)).await; }\n}\n");
        const Result r = cli({"run", path});
        QCOMPARE(r.code, 4);
        QVERIFY(r.out.contains("status: budget"));
    }

    void jsonIsTheDocumentedSchemaAndStable()
    {
        const Result a = cli({"run", "persons-joined", "--json", "--set", "PERSONS=3"});
        const Result b = cli({"run", "persons-joined", "--json", "--set", "PERSONS=3"});
        QCOMPARE(a.code, 0);
        QCOMPARE(a.out, b.out); // byte-identical
        const QJsonObject o = QJsonDocument::fromJson(a.out.toUtf8()).object();
        QCOMPARE(o["schema"].toString(), QString("pinwheel.run/1"));
        QCOMPARE(o["status"].toString(), QString("finished"));
        QCOMPARE(o["workers"].toInt(), 1);
        QCOMPARE(o["total_ns"].toVariant().toLongLong(), 42'100'000'000LL);
        for (const char* key : {"scenario", "message", "flavor", "seed", "lines", "tasks", "threads", "warnings"})
            QVERIFY2(o.contains(key), key);
        const QJsonObject line = o["lines"].toArray().first().toObject();
        for (const char* key : {"t_ns", "thread", "task", "text"})
            QVERIFY2(line.contains(key), key);
        const QJsonObject task = o["tasks"].toArray().first().toObject();
        for (const char* key :
             {"id", "name", "polls", "wakes", "spawned_ns", "done_ns", "busy_ns", "blocked_ns", "scheduled_ns"})
            QVERIFY2(task.contains(key), key);
        QVERIFY(!o["warnings"].toArray().isEmpty()); // 14 s of thread::sleep per person on one worker
    }

    void benchJsonHasTheDocumentedKeysAndTheSameRunUntraced()
    {
        // Figures are never asserted (timing does not belong in a test); the run is.
        const Result traced = cli({"bench", "--tasks", "300", "--json"});
        QCOMPARE(traced.code, 0);
        const QJsonObject a = QJsonDocument::fromJson(traced.out.toUtf8()).object();
        for (const char* key : {"tasks", "workers", "trace", "events", "trace_events", "sim_end_ns", "wall_s", "user_s",
                                "sys_s", "events_per_second", "peak_rss_bytes", "trace_bytes", "bytes_per_task",
                                "bytes_per_task_without_trace", "idle_bytes_per_task", "status"})
            QVERIFY2(a.contains(QLatin1String(key)), key);
        QCOMPARE(a["tasks"].toInt(), 300);
        QCOMPARE(a["workers"].toInt(), 4);
        QCOMPARE(a["status"].toString(), QStringLiteral("finished"));
        QVERIFY(a["trace_events"].toDouble() > a["events"].toDouble());            // ~4 trace events per engine event
        QVERIFY(a["trace_bytes"].toDouble() >= 24 * a["trace_events"].toDouble()); // 24-byte events
        QVERIFY(a["bytes_per_task_without_trace"].toDouble() <= a["bytes_per_task"].toDouble());

        const Result untraced = cli({"bench", "--tasks", "300", "--json", "--no-trace"});
        QCOMPARE(untraced.code, 0);
        const QJsonObject b = QJsonDocument::fromJson(untraced.out.toUtf8()).object();
        QCOMPARE(b["trace"].toBool(), false);
        QCOMPARE(b["trace_events"].toInt(), 0);
        QCOMPARE(b["trace_bytes"].toInt(), 0);
        QCOMPARE(b["bytes_per_task_without_trace"].toDouble(), b["bytes_per_task"].toDouble());
        QVERIFY(b["idle_bytes_per_task"].isDouble());
        const Result runOnly = cli({"bench", "--tasks", "300", "--json", "--no-idle"});
        QCOMPARE(runOnly.code, 0);
        const QJsonObject c = QJsonDocument::fromJson(runOnly.out.toUtf8()).object();
        QVERIFY(c["idle_bytes_per_task"].isNull()); // not measured
        QCOMPARE(c["events"].toDouble(), a["events"].toDouble());
        QCOMPARE(b["events"].toDouble(), a["events"].toDouble()); // recording changes nothing
        QCOMPARE(b["sim_end_ns"].toDouble(), a["sim_end_ns"].toDouble());
    }

    void benchRefusesBadArguments()
    {
        const Result r = cli({"bench", "--tasks", "many"});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("--tasks needs a positive integer, got 'many'"));
    }

    void chromeTraceOpensAsJson()
    {
        QTemporaryDir dir;
        const QString trace = dir.filePath("trace.json");
        const Result r = cli({"run", "coffee-toast-yield", "--trace", trace});
        QCOMPARE(r.code, 0);
        QFile f(trace);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        const QJsonArray events = o["traceEvents"].toArray();
        int slices = 0, flows = 0, prints = 0;
        for (const auto& v : events) {
            const QString ph = v.toObject()["ph"].toString();
            slices += ph == "X";
            flows += ph == "s";
            prints += ph == "i";
        }
        QVERIFY(slices > 5);
        QVERIFY(flows >= 2); // the timers' wakes of main
        QCOMPARE(prints, 13);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
