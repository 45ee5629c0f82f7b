// The books' coffee-and-toast numbers (002), run through the engine's C++ API, with the
// same bodies across executor configurations (as tokio's rt_common.rs does).
#ifndef Q_MOC_RUN // moc 6.4 cannot parse C++20 <concepts>, which <coroutine> pulls in
#include "sim/book_programs.h"
#endif

#include <QtTest>

using namespace pw;

Q_DECLARE_METATYPE(pw::Flavor)

namespace {
const QStringList kCoffeeToast = {"Pouring milk...",
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
const QStringList kCoffeeToastYield = {"boiling kettle...",  "putting bread in toaster...", "Pouring milk...",
                                       "Milk poured.",       "Putting instant coffee...",   "Instant coffee put.",
                                       "bread toasted.",     "buttering toasted bread...",  "toasted bread buttered.",
                                       "kettle boiled.",     "pouring boiled water...",     "boiled water poured.",
                                       "It took: 18 seconds"};

QStringList texts(const Trace& t)
{
    QStringList out;
    for (const auto& l : t.lines)
        out << QString::fromStdString(l.text);
    return out;
}

void addConfigs(const char* base)
{
    for (int w : {1, 2, 4})
        QTest::newRow(QByteArray(base).append("_workers_").append(QByteArray::number(w)).constData())
            << Flavor::MultiThread << w;
    QTest::newRow(QByteArray(base).append("_current_thread").constData()) << Flavor::CurrentThread << 1;
}
} // namespace

class TestBookCoffeeToast : public QObject {
    Q_OBJECT
private slots:
    void coffeeToast_data()
    {
        QTest::addColumn<Flavor>("flavor");
        QTest::addColumn<int>("workers");
        addConfigs("join");
    }
    void coffeeToast()
    {
        QFETCH(Flavor, flavor);
        QFETCH(int, workers);
        Runtime rt(RuntimeConfig{.flavor = flavor, .workers = workers});
        rt.setMain(book::coffeeToastMain(rt).boxed());
        const Trace& t = rt.run();
        QCOMPARE(texts(t), kCoffeeToast);
        QCOMPARE(t.status.kind, RunStatusKind::Finished);
        QCOMPARE(t.status.endNs, 24'000'000'000LL);
        // Every line is printed by main on the block_on thread: join! does not create tasks.
        for (const auto& l : t.lines) {
            QCOMPARE(t.threads[l.thread].name, std::string("main"));
            QCOMPARE(l.task, TaskId{0});
        }
        // The milk is poured at 0 s, the kettle boils from 6 s to 16 s, toast buttered at 24 s.
        QCOMPARE(t.lines[1].t, 3'000'000'000LL);
        QCOMPARE(t.lines[4].t, 6'000'000'000LL);
        QCOMPARE(t.lines[6].t, 16'000'000'000LL);
        QCOMPARE(t.lines[11].t, 24'000'000'000LL);
    }

    void coffeeToastYield_data()
    {
        QTest::addColumn<Flavor>("flavor");
        QTest::addColumn<int>("workers");
        addConfigs("yield");
    }
    void coffeeToastYield()
    {
        QFETCH(Flavor, flavor);
        QFETCH(int, workers);
        Runtime rt(RuntimeConfig{.flavor = flavor, .workers = workers});
        rt.setMain(book::coffeeToastMain(rt, {.yieldFirst = true}).boxed());
        const Trace& t = rt.run();
        QCOMPARE(texts(t), kCoffeeToastYield);
        QCOMPARE(t.status.endNs, 18'000'000'000LL); // toast 10-15 s, then the coffee's water 15-18 s
        QCOMPARE(t.lines[2].t, 100'000'000LL);      // Pouring milk after the 100 ms sleep
        QCOMPARE(t.lines[6].t, 10'000'000'000LL);   // bread toasted when the toaster's timer fires
    }

    void persons_data()
    {
        QTest::addColumn<int>("persons");
        QTest::addColumn<bool>("joined");
        QTest::addColumn<int>("seconds");
        QTest::newRow("sequential_two") << 2 << false << 36;
        QTest::newRow("joined_two") << 2 << true << 28;
        QTest::newRow("joined_three") << 3 << true << 42;
        QTest::newRow("joined_one") << 1 << true << 18;
    }
    void persons()
    {
        QFETCH(int, persons);
        QFETCH(bool, joined);
        QFETCH(int, seconds);
        // 002: #[tokio::main(flavor = "multi_thread", worker_threads = 1)], the yield version.
        Runtime rt(RuntimeConfig{.flavor = Flavor::MultiThread, .workers = 1});
        rt.setMain(book::personsMain(rt, persons, joined, {.yieldFirst = true}).boxed());
        const Trace& t = rt.run();
        QCOMPARE(t.status.kind, RunStatusKind::Finished);
        QCOMPARE(t.lines.back().text, "It took: " + std::to_string(seconds) + " seconds");
        QCOMPARE(t.status.endNs / 1'000'000'000, static_cast<std::int64_t>(seconds));
        // Each person does 14 s of blocking work on the single worker.
        for (const auto& l : t.lines)
            if (l.task != 0)
                QCOMPARE(t.threads[l.thread].name, std::string("worker-0"));
    }

    void personsJoinedOrderMatchesTokio()
    {
        // Recorded from real tokio 1.24 (tools/tokio-reference/results): with one worker the
        // timers fire in registration order into the LIFO slot, so person 2's mug comes first.
        Runtime rt(RuntimeConfig{.flavor = Flavor::MultiThread, .workers = 1});
        rt.setMain(book::personsMain(rt, 2, true, {.yieldFirst = true}).boxed());
        const Trace& t = rt.run();
        QStringList order;
        for (const auto& l : t.lines)
            if (l.text == "Pouring milk..." || l.text == "bread toasted.")
                order << QString::fromStdString(t.taskName(l.task) + ":" + l.text);
        QCOMPARE(order, QStringList({"person-2:Pouring milk...", "person-1:Pouring milk...", "person-2:bread toasted.",
                                     "person-1:bread toasted."}));
    }
};

QTEST_GUILESS_MAIN(TestBookCoffeeToast)
#include "tst_book_coffee_toast.moc"
