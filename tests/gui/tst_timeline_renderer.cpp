// TimelineRenderer, the exports and the view's mouse handling, on the timelines of real
// scenarios (coffee-toast, coffee-toast-yield, persons-joined) and on synthetic 100k-span lanes.
#ifndef Q_MOC_RUN // moc 6.4 cannot parse C++20 <concepts>, which <coroutine> pulls in
#include "sim/scenario_library.h"
#include "sim/timeline_model.h"
#endif
#include "gui/timeline_export.h"
#include "gui/timeline_palette.h"
#include "gui/timeline_renderer.h"
#include "gui/timeline_view.h"

#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <memory>

using pw::gui::TimelineHit;
using pw::gui::TimelineRenderer;
using pw::gui::TimelineRenderOptions;

namespace {

constexpr int kWidth = 1600;
constexpr qint64 kS = 1'000'000'000;

pw::TimelineModel scenarioModel(const QString& id, int persons)
{
    const pw::LoadResult loaded = pw::loadScenarioByName(id.toStdString());
    if (!loaded.scenario)
        qFatal("scenario %s does not load", qPrintable(id));
    pw::RunOptions opts;
    if (persons > 0)
        opts.params["PERSONS"] = persons;
    const pw::RunResult r = pw::runScenario(*loaded.scenario, opts);
    if (!r.errors.empty())
        qFatal("scenario %s fails", qPrintable(id));
    return pw::buildTimeline(r.trace);
}

/// One thread lane of n Polling spans, span i over [i * spacing, i * spacing + width).
pw::TimelineModel syntheticModel(int n, qint64 spacing, qint64 width)
{
    pw::TimelineModel m;
    pw::Lane thread;
    thread.kind = pw::Lane::Kind::Thread;
    thread.name = "worker-0";
    thread.spans.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        thread.spans.push_back(pw::Span{i * spacing, i * spacing + width, pw::SpanState::Polling, 0, 0, 0});
    pw::Lane task;
    task.kind = pw::Lane::Kind::Task;
    task.name = "main";
    m.lanes.push_back(std::move(thread));
    m.lanes.push_back(std::move(task));
    m.endNs = static_cast<qint64>(n) * spacing;
    return m;
}

/// Paints `model` whole (every lane visible) into an image; the renderer keeps the layout.
QImage paintAll(TimelineRenderer& r, const pw::TimelineModel& model, const TimelineRenderOptions& o)
{
    r.setModel(&model);
    r.setOptions(o);
    QImage image(kWidth, r.preferredHeight(kWidth), QImage::Format_ARGB32_Premultiplied);
    QPainter p(&image);
    r.paint(p, image.rect(), pw::gui::exportAxis(model, {}));
    return image;
}

TimelineRenderOptions plainOptions()
{
    // No arrows or labels over the spans: the pixel checks see the state colours alone.
    TimelineRenderOptions o;
    o.title = QStringLiteral("title");
    o.showWakes = false;
    o.printLabels = false;
    return o;
}

void addScenarioRows()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("persons");
    QTest::newRow("coffee-toast") << "coffee-toast" << 0;
    QTest::newRow("coffee-toast-yield") << "coffee-toast-yield" << 0;
    QTest::newRow("persons-joined-3") << "persons-joined" << 3;
}

} // namespace

class TestTimelineRenderer : public QObject {
    Q_OBJECT
private slots:
    void laneCount_data() { addScenarioRows(); }
    void laneCount()
    {
        QFETCH(QString, id);
        QFETCH(int, persons);
        const pw::TimelineModel model = scenarioModel(id, persons);
        int threads = 0, tasks = 0;
        for (const auto& lane : model.lanes)
            ++(lane.kind == pw::Lane::Kind::Thread ? threads : tasks);
        QVERIFY(threads >= 1);
        QVERIFY(tasks >= 1);
        TimelineRenderer r;
        paintAll(r, model, plainOptions());
        QCOMPARE(r.lastLaneCount(), threads + tasks);
        for (int lane = 0; lane < threads + tasks; ++lane) {
            const QRect rect = r.laneRect(lane);
            QVERIFY2(!rect.isEmpty(), qPrintable(QStringLiteral("lane %1 not drawn").arg(lane)));
            QCOMPARE(r.laneAt(rect.center().y()), lane);
        }
        QCOMPARE(r.laneLabel(0), QStringLiteral("main"));
        QCOMPARE(r.laneAt(r.lastLayout().ruler.center().y()), -1);
    }

    /// The centre of the widest span of each state has that state's colour; polls that take no
    /// simulated time are ticks in the polling colour.
    void stateColours_data() { addScenarioRows(); }
    void stateColours()
    {
        QFETCH(QString, id);
        QFETCH(int, persons);
        const pw::TimelineModel model = scenarioModel(id, persons);
        TimelineRenderer r;
        const QImage image = paintAll(r, model, plainOptions());
        const auto& axis = r.lastAxis();
        const auto& pal = r.palette();
        auto pixelAt = [&](int lane, double x) {
            return QColor(image.pixel(static_cast<int>(std::floor(x)), r.laneRect(lane).center().y()));
        };
        int blockedChecked = 0, pollChecked = 0;
        for (int lane = 0; lane < static_cast<int>(model.lanes.size()); ++lane) {
            const auto& spans = model.lanes[static_cast<std::size_t>(lane)].spans;
            for (pw::SpanState state : {pw::SpanState::Blocked, pw::SpanState::Queued, pw::SpanState::Pending}) {
                const pw::Span* widest = nullptr;
                for (const auto& s : spans)
                    if (s.state == state && (!widest || s.end - s.start > widest->end - widest->start))
                        widest = &s;
                if (!widest || axis.mapTimeToX(widest->end) - axis.mapTimeToX(widest->start) < 20)
                    continue;
                const double x = axis.mapTimeToX((widest->start + widest->end) / 2);
                QCOMPARE(pixelAt(lane, x).name(), pal.stateColor(state).name());
                if (state == pw::SpanState::Blocked)
                    ++blockedChecked;
            }
            const qint64 doneNs = model.lanes[static_cast<std::size_t>(lane)].doneNs;
            for (const auto& s : spans) {
                // The task's last poll carries its "done" dot on top.
                if (s.state != pw::SpanState::Polling || s.start <= 0 ||
                    std::abs(axis.mapTimeToX(s.start) - axis.mapTimeToX(doneNs)) < 6)
                    continue;
                QCOMPARE(pixelAt(lane, axis.mapTimeToX(s.start)).name(), pal.polling.name());
                ++pollChecked;
            }
        }
        QVERIFY(blockedChecked >= 1);
        QVERIFY(pollChecked >= 1);
        // The main thread lane (lane 0) in particular: its first long blocking call.
        if (id.startsWith(QLatin1String("coffee-toast"))) {
            const auto& spans = model.lanes[0].spans;
            const auto it = std::find_if(spans.begin(), spans.end(), [](const pw::Span& s) {
                return s.state == pw::SpanState::Blocked && s.end - s.start >= 3 * kS;
            });
            QVERIFY(it != spans.end());
            QCOMPARE(pixelAt(0, axis.mapTimeToX((it->start + it->end) / 2)).name(), pal.blocked.name());
        }
    }

    void hitTesting()
    {
        const pw::TimelineModel model = scenarioModel("coffee-toast", 0);
        TimelineRenderer r;
        paintAll(r, model, plainOptions());
        const auto& axis = r.lastAxis();
        // The main thread blocks 0-3 s (thread::sleep), then 3-6 s.
        const QRect lane0 = r.laneRect(0);
        TimelineHit hit = r.spanAt(QPoint(static_cast<int>(axis.mapTimeToX(kS + kS / 2)), lane0.center().y()));
        QCOMPARE(hit.kind, TimelineHit::Kind::Span);
        QCOMPARE(hit.lane, 0);
        const pw::Span& s = model.lanes[0].spans[static_cast<std::size_t>(hit.span)];
        QCOMPARE(s.state, pw::SpanState::Blocked);
        QCOMPARE(s.start, 0ll);
        QCOMPARE(s.end, 3 * kS);
        // The instant poll at 16 s (after the timers fired) is a tick over the 16-19 s block.
        hit = r.spanAt(QPoint(static_cast<int>(std::round(axis.mapTimeToX(16 * kS))), r.laneRect(1).center().y()));
        QCOMPARE(hit.kind, TimelineHit::Kind::Span);
        QCOMPARE(hit.lane, 1);
        const pw::Span& poll = model.lanes[1].spans[static_cast<std::size_t>(hit.span)];
        QCOMPARE(poll.state, pw::SpanState::Polling);
        QCOMPARE(poll.start, 16 * kS);
        // Two lines printed at 3 s: one marker at the top of the lane.
        hit = r.spanAt(QPoint(static_cast<int>(axis.mapTimeToX(3 * kS)), lane0.top() + 2));
        QCOMPARE(hit.kind, TimelineHit::Kind::Print);
        QCOMPARE(hit.prints.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(model.prints[static_cast<std::size_t>(hit.prints[0])].text),
                 QStringLiteral("Milk poured."));
        // Left of the plot (the labels) and the ruler hit nothing.
        QCOMPARE(r.spanAt(QPoint(lane0.left() + 2, lane0.center().y())).kind, TimelineHit::Kind::None);
        QCOMPARE(r.spanAt(r.lastLayout().ruler.center()).lane, -1);
    }

    void lockMarksAreDrawnAndHit()
    {
        const pw::TimelineModel model = scenarioModel("shared-counter-async-mutex", 0);
        TimelineRenderer r;
        const QImage image = paintAll(r, model, plainOptions());
        const auto first = std::find_if(model.syncMarks.begin(), model.syncMarks.end(), [](const pw::SyncMark& m) {
            return m.kind == pw::SyncMark::Kind::LockAcquire;
        });
        QVERIFY(first != model.syncMarks.end());
        int lane = -1;
        for (std::size_t i = 0; i < model.lanes.size(); ++i)
            if (model.lanes[i].kind == pw::Lane::Kind::Task && model.lanes[i].id == first->task)
                lane = static_cast<int>(i);
        QVERIFY(lane >= 0);
        // Somewhere down the lane at the lock's time the pointer finds the mark, and the
        // pixels there are the mark's ink (a filled square for "locked").
        const int x = static_cast<int>(std::round(r.lastAxis().mapTimeToX(first->t)));
        const QRect rect = r.laneRect(lane);
        int hitY = -1;
        for (int y = rect.top(); y <= rect.bottom() + 4 && hitY < 0; ++y) {
            const TimelineHit hit = r.spanAt(QPoint(x, y));
            if (hit.kind == TimelineHit::Kind::Sync) {
                hitY = y;
                QCOMPARE(model.syncMarks[static_cast<std::size_t>(hit.prints.front())].task, first->task);
            }
        }
        QVERIFY(hitY >= 0);
        int ink = 0;
        for (int dy = -3; dy <= 8; ++dy)
            if (image.pixelColor(x, hitY + dy) == pw::gui::TimelinePalette::light().sync)
                ++ink;
        QVERIFY2(ink >= 2, qPrintable(QStringLiteral("%1 ink pixels").arg(ink)));
    }

    void exportPng_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("persons");
        QTest::addColumn<double>("scale");
        QTest::newRow("coffee-toast_1x") << "coffee-toast" << 0 << 1.0;
        QTest::newRow("coffee-toast_2x") << "coffee-toast" << 0 << 2.0;
        QTest::newRow("persons-joined_2x") << "persons-joined" << 3 << 2.0;
    }
    void exportPng()
    {
        QFETCH(QString, id);
        QFETCH(int, persons);
        QFETCH(double, scale);
        const pw::TimelineModel model = scenarioModel(id, persons);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("t.png"));
        TimelineRenderOptions o;
        o.title = QStringLiteral("Coffee");
        o.subtitle = QStringLiteral("KETTLE = 10 s");
        QString error;
        QVERIFY2(pw::gui::exportPng(model, path, 800, scale, o, {}, &error), qPrintable(error));
        const QImage image(path);
        QCOMPARE(image.width(), static_cast<int>(800 * scale));
        QCOMPARE(image.height(), static_cast<int>(pw::gui::exportHeight(model, 800, o) * scale));
        QVERIFY(!pw::gui::exportPng(model, dir.filePath(QStringLiteral("no/such/dir/t.png")), 800, 1, o, {}, &error));
        QVERIFY(!error.isEmpty());
    }

    void exportSvg_data() { addScenarioRows(); }
    void exportSvg()
    {
        QFETCH(QString, id);
        QFETCH(int, persons);
        const pw::TimelineModel model = scenarioModel(id, persons);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("t.svg"));
        TimelineRenderOptions o;
        o.title = QStringLiteral("Timeline of %1").arg(id);
        o.subtitle = QStringLiteral("seed 0");
        QString error;
        QVERIFY2(pw::gui::exportSvg(model, path, 1200, o, {}, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString svg = QString::fromUtf8(f.readAll());
        auto hasText = [&](const QString& t) {
            return svg.contains(QStringLiteral(">%1</text>").arg(t.toHtmlEscaped()));
        };
        QVERIFY(svg.startsWith(QLatin1String("<?xml")));
        QVERIFY(hasText(o.title));
        QVERIFY(hasText(o.subtitle));
        QVERIFY(hasText(QStringLiteral("0s")));
        TimelineRenderer r;
        r.setModel(&model);
        for (int lane = 0; lane < static_cast<int>(model.lanes.size()); ++lane)
            QVERIFY2(hasText(r.laneLabel(lane)), qPrintable(r.laneLabel(lane)));
        QVERIFY(hasText(QStringLiteral("blocked inside a poll"))); // the legend
    }

    /// Narrow spans fold: a lane of 100k spans is a handful of rectangles when zoomed out, and
    /// one rectangle per span when zoomed in.
    void folding_data()
    {
        QTest::addColumn<qint64>("spacing");
        QTest::addColumn<qint64>("width");
        QTest::addColumn<qint64>("fromNs"); ///< -1: the whole run
        QTest::addColumn<qint64>("toNs");
        QTest::addColumn<int>("minItems");
        QTest::addColumn<int>("maxItems");
        QTest::newRow("100k_contiguous_1ns_spans") << 1ll << 1ll << -1ll << -1ll << 1 << 300;
        QTest::newRow("100k_1ns_spans_over_24s") << 240'000ll << 1ll << -1ll << -1ll << 1 << 300;
        QTest::newRow("100k_1ms_spans_every_10ms") << 10'000'000ll << 1'000'000ll << -1ll << -1ll << 1 << 300;
        QTest::newRow("zoomed_in_to_100_spans")
            << 1'000'000ll << 500'000ll << 50 * kS << 50 * kS + 100'000'000 << 99 << 102;
    }
    void folding()
    {
        QFETCH(qint64, spacing);
        QFETCH(qint64, width);
        QFETCH(qint64, fromNs);
        QFETCH(qint64, toNs);
        QFETCH(int, minItems);
        QFETCH(int, maxItems);
        const int n = 100'000;
        const pw::TimelineModel model = syntheticModel(n, spacing, width);
        TimelineRenderer r;
        r.setModel(&model);
        r.setOptions(plainOptions());
        QImage image(kWidth, 900, QImage::Format_ARGB32_Premultiplied);
        QPainter p(&image);
        r.paint(p, image.rect(), pw::gui::exportAxis(model, {fromNs, toNs}));
        p.end();
        QVERIFY2(r.lastDrawItemCount() >= minItems && r.lastDrawItemCount() <= maxItems,
                 qPrintable(QStringLiteral("%1 draw items").arg(r.lastDrawItemCount())));
        if (fromNs >= 0) {
            QCOMPARE(r.lastFoldCount(), 0);
            return;
        }
        QVERIFY(r.lastFoldCount() >= 1);
        // Every span is accounted for by the folds under the pointer, left to right.
        quint64 counted = 0;
        const int y = r.laneRect(0).center().y();
        for (int x = r.lastLayout().plot.left(); x <= r.lastLayout().plot.right(); ++x) {
            const TimelineHit hit = r.spanAt(QPoint(x, y));
            if (hit.kind == TimelineHit::Kind::Fold) {
                counted += hit.foldCount;
                x = static_cast<int>(std::ceil(r.lastAxis().mapTimeToX(hit.foldEndNs))) + 1;
            }
        }
        QCOMPARE(counted, quint64(n));
    }

    /// A day-long stalled (hatched) span seen through a 1 us window: drawn cut to the plot, not
    /// as 10^13 pixels of stripes.
    void hugeSpanZoomedIn()
    {
        constexpr qint64 kDay = 24 * 3600 * kS;
        pw::TimelineModel model = syntheticModel(1, kDay, kDay);
        model.lanes[0].spans[0].state = pw::SpanState::Stalled;
        model.wakes.push_back(pw::WakeArrow{0, 0, pw::kNoTask, 0, kDay, 0});
        TimelineRenderer r;
        r.setModel(&model);
        r.setOptions(plainOptions());
        QImage image(kWidth, 400, QImage::Format_ARGB32_Premultiplied);
        QPainter p(&image);
        QElapsedTimer timer;
        timer.start();
        r.paint(p, image.rect(), pw::gui::exportAxis(model, {kDay / 2, kDay / 2 + 1'000}));
        QVERIFY(timer.elapsed() < 5'000);
        QCOMPARE(r.lastDrawItemCount(), 1);
        const QColor centre(image.pixel(image.width() / 2 + 3, r.laneRect(0).center().y()));
        QVERIFY(centre == r.palette().stalled || centre == r.palette().background);
    }

    void emptyAndCleared()
    {
        TimelineRenderer r;
        QImage image(400, 200, QImage::Format_ARGB32_Premultiplied);
        QPainter p(&image);
        r.paint(p, image.rect(), pw::gui::TimeAxis{}); // no model: a frame, no crash
        QCOMPARE(r.lastDrawItemCount(), 0);
        QCOMPARE(r.laneAt(100), -1);
        QCOMPARE(r.spanAt(QPoint(200, 100)).kind, TimelineHit::Kind::None);
    }

    void viewClicks()
    {
        auto model = std::make_shared<const pw::TimelineModel>(scenarioModel("coffee-toast", 0));
        pw::gui::TimelineView view;
        view.resize(1000, 360);
        view.setModel(model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.grab(); // one paint: the renderer's layout for the hit-testing
        QSignalSpy cursor(&view, &pw::gui::TimelineView::cursorMoved);
        QSignalSpy selected(&view, &pw::gui::TimelineView::taskSelected);
        const auto& r = view.renderer();
        const QPoint onRuler(static_cast<int>(view.axis().mapTimeToX(12 * kS)), r.lastLayout().ruler.center().y());
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, onRuler);
        QCOMPARE(cursor.count(), 1);
        QVERIFY(std::abs(cursor.at(0).at(0).toLongLong() - 12 * kS) < kS / 10);
        QCOMPARE(view.cursorTime(), cursor.at(0).at(0).toLongLong());
        // The "main" task's lane is the second lane.
        const QPoint onTask(static_cast<int>(view.axis().mapTimeToX(1 * kS)), r.laneRect(1).center().y());
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, onTask);
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.at(0).at(0).toUInt(), 0u);
        QCOMPARE(view.selectedTask(), 0u);
        // Zooming keeps the time under the pointer.
        const qint64 before = view.axis().mapXToTime(onTask.x());
        view.zoomIn();
        QVERIFY(view.axis().spanNs() < 24 * kS);
        view.zoomToFit();
        QCOMPARE(view.axis().startNs, 0ll);
        QCOMPARE(view.axis().endNs, 24 * kS);
        QCOMPARE(view.axis().mapXToTime(onTask.x()), before);
    }
};

QTEST_MAIN(TestTimelineRenderer)
#include "tst_timeline_renderer.moc"
