// Benchmark (not a test): the Why panel's work at one cursor position on a run of about a
// million trace events (the fanout workload with 12,000 tasks), explaining the 40 tasks the
// panel lists, once with one replay for all of them (explainTasks, what the panel does) and
// once task by task (explainTask). QBENCHMARK prints the time per cursor position; run it from
// a Release or RelWithDebInfo build:
//   tests/sim/bench_explain
#ifndef Q_MOC_RUN // moc 6.4 cannot parse C++20 <concepts>, which <coroutine> pulls in
#include "runtime/runtime.h"
#include "sim/explain.h"
#include "sim/fanout_workload.h"
#endif

#include <QtTest>

#include <memory>

class BenchExplain : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<pw::Runtime> m_rt;
    std::vector<pw::TaskId> m_listed;
    static constexpr std::int64_t kCursor = 1'500'000'000; // 1.5 s: most tasks pending on timers

private slots:
    void initTestCase()
    {
        m_rt = std::make_unique<pw::Runtime>(pw::RuntimeConfig{});
        m_rt->setMain(pw::workload::fanoutMain(*m_rt, 12'000).boxed());
        m_rt->run();
        for (pw::TaskId t = 0; t < 40; ++t)
            m_listed.push_back(t);
        qInfo("%zu trace events, cursor at 1.5 s, 40 tasks", m_rt->trace().events.size());
    }

    void fortyTasksInOneReplay()
    {
        QBENCHMARK
        {
            const auto x = pw::explainTasks(m_rt->trace(), m_listed, kCursor);
            QCOMPARE(x.size(), m_listed.size());
        }
    }

    void fortyTasksOneByOne()
    {
        QBENCHMARK
        {
            for (pw::TaskId t : m_listed)
                QVERIFY(!pw::explainTask(m_rt->trace(), t, kCursor).text.empty());
        }
    }
};

QTEST_GUILESS_MAIN(BenchExplain)
#include "bench_explain.moc"
