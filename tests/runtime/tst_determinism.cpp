// The same program, config and seed give the same trace, bit for bit.
#include "test_support.h"
#ifndef Q_MOC_RUN
#include "sim/book_programs.h"
#include "sim/fanout_workload.h"
#endif

#include <QtTest>

using namespace pw;
using namespace pw::test;

namespace {
std::uint64_t digestOf(int program, RuntimeConfig cfg)
{
    Runtime rt(cfg);
    switch (program) {
    case 0:
        rt.setMain(book::coffeeToastMain(rt).boxed());
        break;
    case 1:
        rt.setMain(book::coffeeToastMain(rt, {.yieldFirst = true}).boxed());
        break;
    case 2:
        rt.setMain(book::personsMain(rt, 3, true, {.yieldFirst = true}).boxed());
        break;
    default:
        rt.setMain(workload::fanoutMain(rt, 300).boxed());
        break;
    }
    return rt.run().digest();
}
} // namespace

class TestDeterminism : public QObject {
    Q_OBJECT
private slots:
    void sameInputsSameTrace_data()
    {
        QTest::addColumn<int>("program");
        QTest::addColumn<int>("workers");
        QTest::addColumn<int>("jitter");
        for (int p = 0; p < 4; ++p)
            for (int w : {1, 4})
                for (int j : {0, 20})
                    QTest::newRow(qPrintable(QString("program%1_workers%2_jitter%3").arg(p).arg(w).arg(j)))
                        << p << w << j;
    }
    void sameInputsSameTrace()
    {
        QFETCH(int, program);
        QFETCH(int, workers);
        QFETCH(int, jitter);
        RuntimeConfig cfg{.workers = workers, .seed = 7, .jitterPercent = jitter};
        QCOMPARE(digestOf(program, cfg), digestOf(program, cfg));
    }

    void jitterWithAnotherSeedChangesTheTrace()
    {
        RuntimeConfig a{.workers = 4, .seed = 1, .jitterPercent = 20};
        RuntimeConfig b{.workers = 4, .seed = 2, .jitterPercent = 20};
        QVERIFY(digestOf(3, a) != digestOf(3, b));
    }
};

QTEST_GUILESS_MAIN(TestDeterminism)
#include "tst_determinism.moc"
