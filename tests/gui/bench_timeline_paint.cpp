// Benchmark (not a test): paints a 100k-span timeline into a 1600x900 image, zoomed out (almost
// everything folds), zoomed to 1 % of the run, and zoomed to 0.01 %. QBENCHMARK prints the
// time per paint; run it from a Release or RelWithDebInfo build:
//   QT_QPA_PLATFORM=offscreen tests/gui/bench_timeline_paint
#ifndef Q_MOC_RUN // moc 6.4 cannot parse C++20 <concepts>, which <coroutine> pulls in
#include "sim/timeline_model.h"
#endif
#include "gui/timeline_renderer.h"

#include <QImage>
#include <QPainter>
#include <QtTest>

#include <algorithm>
#include <cstdint>

namespace {

/// Deterministic: the same model on every run and machine.
struct Lcg {
    std::uint64_t state = 0x9E3779B97F4A7C15ull;
    std::int64_t between(std::int64_t lo, std::int64_t hi)
    {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return lo + static_cast<std::int64_t>((state >> 33) % static_cast<std::uint64_t>(hi - lo + 1));
    }
};

/// 5 thread lanes (poll, sometimes block, park) and 40 task lanes (queued, polled, pending):
/// 100k spans, 20k wake arrows, 2k printed lines.
pw::TimelineModel bigModel()
{
    constexpr int kThreads = 5;
    constexpr int kTasks = 40;
    constexpr int kSpansPerThread = 10'000;
    constexpr int kSpansPerTask = 1'250;
    Lcg rng;
    pw::TimelineModel m;
    for (int th = 0; th < kThreads; ++th) {
        pw::Lane lane;
        lane.kind = pw::Lane::Kind::Thread;
        lane.id = static_cast<std::uint32_t>(th);
        lane.name = th == 0 ? "main" : "worker-" + std::to_string(th - 1);
        std::int64_t t = 0;
        while (static_cast<int>(lane.spans.size()) < kSpansPerThread) {
            const auto task = static_cast<pw::TaskId>(rng.between(0, kTasks - 1));
            const std::int64_t poll = rng.between(1'000, 200'000);
            lane.spans.push_back({t, t + poll, pw::SpanState::Polling, task, static_cast<pw::ThreadId>(th), 0});
            t += poll;
            if (rng.between(0, 9) == 0) {
                const std::int64_t block = rng.between(10'000, 2'000'000);
                lane.spans.push_back({t, t + block, pw::SpanState::Blocked, task, static_cast<pw::ThreadId>(th), 0});
                t += block;
            }
            const std::int64_t idle = rng.between(5'000, 500'000);
            lane.spans.push_back({t, t + idle, pw::SpanState::Parked, pw::kNoTask, static_cast<pw::ThreadId>(th), 0});
            t += idle;
        }
        lane.spans.resize(kSpansPerThread);
        m.endNs = std::max(m.endNs, lane.spans.back().end);
        m.lanes.push_back(std::move(lane));
    }
    for (int k = 0; k < kTasks; ++k) {
        pw::Lane lane;
        lane.kind = pw::Lane::Kind::Task;
        lane.id = static_cast<std::uint32_t>(k);
        lane.name = "task-" + std::to_string(k);
        std::int64_t t = rng.between(0, 1'000'000);
        while (static_cast<int>(lane.spans.size()) < kSpansPerTask) {
            const auto thread = static_cast<pw::ThreadId>(rng.between(0, kThreads - 1));
            const std::int64_t queued = rng.between(0, 50'000);
            lane.spans.push_back({t, t + queued, pw::SpanState::Queued, static_cast<pw::TaskId>(k), thread, 2});
            t += queued;
            const std::int64_t poll = rng.between(1'000, 200'000);
            lane.spans.push_back({t, t + poll, pw::SpanState::Polling, static_cast<pw::TaskId>(k), thread, 0});
            t += poll;
            const std::int64_t pending = rng.between(100'000, 5'000'000);
            lane.spans.push_back({t, t + pending, pw::SpanState::Pending, static_cast<pw::TaskId>(k), thread, 0});
            t += pending;
        }
        lane.spans.resize(kSpansPerTask);
        m.endNs = std::max(m.endNs, lane.spans.back().end);
        m.lanes.push_back(std::move(lane));
    }
    for (int i = 0; i < 20'000; ++i) {
        const std::int64_t t = rng.between(0, m.endNs);
        m.wakes.push_back({t, static_cast<pw::ThreadId>(rng.between(0, kThreads - 1)), pw::kNoTask,
                           static_cast<pw::TaskId>(rng.between(0, kTasks - 1)), t + rng.between(0, 100'000), 0});
    }
    std::sort(m.wakes.begin(), m.wakes.end(), [](const auto& a, const auto& b) { return a.t < b.t; });
    for (int i = 0; i < 2'000; ++i)
        m.prints.push_back({rng.between(0, m.endNs), static_cast<pw::ThreadId>(rng.between(0, kThreads - 1)), 0,
                            "line " + std::to_string(i)});
    std::sort(m.prints.begin(), m.prints.end(), [](const auto& a, const auto& b) { return a.t < b.t; });
    return m;
}

} // namespace

class BenchTimelinePaint : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_model = bigModel();
        std::size_t spans = 0;
        for (const auto& lane : m_model.lanes)
            spans += lane.spans.size();
        qInfo("model: %zu lanes, %zu spans, %zu wakes, %zu prints, %.3f s simulated", m_model.lanes.size(), spans,
              m_model.wakes.size(), m_model.prints.size(), static_cast<double>(m_model.endNs) / 1e9);
    }

    void paint_data()
    {
        QTest::addColumn<double>("fraction"); ///< of the run shown, centred
        QTest::newRow("whole_run") << 1.0;
        QTest::newRow("zoom_1pct") << 0.01;
        QTest::newRow("zoom_0.01pct") << 0.0001;
    }

    void paint()
    {
        QFETCH(double, fraction);
        pw::gui::TimelineRenderer r;
        r.setModel(&m_model);
        pw::gui::TimelineRenderOptions o;
        o.title = QStringLiteral("100k spans");
        o.cursorNs = m_model.endNs / 2;
        r.setOptions(o);
        pw::gui::TimeAxis axis;
        axis.fit(m_model.endNs);
        const auto half = static_cast<qint64>(static_cast<double>(m_model.endNs) * fraction / 2);
        axis.setRange(m_model.endNs / 2 - half, m_model.endNs / 2 + half);
        QImage image(1600, 900, QImage::Format_ARGB32_Premultiplied);
        QPainter p(&image);
        QBENCHMARK
        {
            r.paint(p, image.rect(), axis);
        }
        qInfo("%s: %d lanes drawn, %d draw items (%d folds), %d wake arrows", QTest::currentDataTag(),
              r.lastLaneCount(), r.lastDrawItemCount(), r.lastFoldCount(), r.lastWakeCount());
    }

private:
    pw::TimelineModel m_model;
};

QTEST_MAIN(BenchTimelinePaint)
#include "bench_timeline_paint.moc"
