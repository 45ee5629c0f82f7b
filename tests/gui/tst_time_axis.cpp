// TimeAxis: the time <-> pixel mapping behind the timeline view, its zoom and pan clamping, and
// the ruler's ticks and labels. Every case runs on an axis drawn over x in [100, 900).
#include "gui/time_axis.h"

#include <QtTest>

using pw::gui::TimeAxis;

namespace {

constexpr qint64 kS = 1'000'000'000;
constexpr qint64 kMs = 1'000'000;
constexpr qint64 kUs = 1'000;

TimeAxis axis(qint64 start, qint64 end, qint64 total)
{
    TimeAxis a;
    a.x0 = 100;
    a.width = 800;
    a.totalNs = total;
    a.startNs = start;
    a.endNs = end;
    return a;
}

} // namespace

class TestTimeAxis : public QObject {
    Q_OBJECT
private slots:
    void mapping()
    {
        const TimeAxis a = axis(2 * kS, 10 * kS, 24 * kS);
        QCOMPARE(a.mapTimeToX(2 * kS), 100.0);
        QCOMPARE(a.mapTimeToX(6 * kS), 500.0);
        QCOMPARE(a.mapTimeToX(10 * kS), 900.0);
        QCOMPARE(a.mapXToTime(300), 4 * kS);
        for (double x : {100.0, 123.0, 555.5, 899.0})
            QCOMPARE(a.mapTimeToX(a.mapXToTime(x)), x);
    }

    void zoomPan_data()
    {
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("end");
        QTest::addColumn<qint64>("total");
        QTest::addColumn<QString>("op");
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("amount"); ///< zoom factor, pan pixels, or the total for fit
        QTest::addColumn<qint64>("wantStart");
        QTest::addColumn<qint64>("wantEnd");

        QTest::newRow("zoom_in_at_left_edge") << 0ll << 24 * kS << 24 * kS << "zoom" << 100.0 << 2.0 << 0ll << 12 * kS;
        QTest::newRow("zoom_in_at_right_edge")
            << 0ll << 24 * kS << 24 * kS << "zoom" << 900.0 << 2.0 << 12 * kS << 24 * kS;
        QTest::newRow("zoom_in_at_centre") << 0ll << 24 * kS << 24 * kS << "zoom" << 500.0 << 4.0 << 9 * kS << 15 * kS;
        // 6 s is under x = 300 (a quarter of the way): it stays a quarter of the way.
        QTest::newRow("zoom_keeps_time_under_pointer")
            << 4 * kS << 12 * kS << 24 * kS << "zoom" << 300.0 << 2.0 << 5 * kS << 9 * kS;
        QTest::newRow("zoom_out_clamped_at_run_length_plus_margin")
            << 0ll << 24 * kS << 24 * kS << "zoom" << 500.0 << 0.1 << 0ll << 25'200 * kMs;
        QTest::newRow("zoom_out_at_right_edge_clamped_at_zero")
            << 1 * kS << 2 * kS << 24 * kS << "zoom" << 900.0 << 0.25 << 0ll << 4 * kS;
        QTest::newRow("zoom_in_clamped_at_1us")
            << 0ll << 10 * kUs << 24 * kS << "zoom" << 100.0 << 100.0 << 0ll << 1 * kUs;
        QTest::newRow("zoom_in_at_1us_is_a_no_op")
            << 5 * kUs << 6 * kUs << 24 * kS << "zoom" << 500.0 << 2.0 << 5 * kUs << 6 * kUs;
        QTest::newRow("zoom_unbounded_without_total")
            << 0ll << 24 * kS << 0ll << "zoom" << 100.0 << 0.5 << 0ll << 48 * kS;
        QTest::newRow("pan_clamped_at_zero") << 2 * kS << 4 * kS << 24 * kS << "pan" << 0.0 << 1600.0 << 0ll << 2 * kS;
        QTest::newRow("pan_later_by_a_quarter")
            << 0ll << 8 * kS << 24 * kS << "pan" << 0.0 << -200.0 << 2 * kS << 10 * kS;
        QTest::newRow("pan_earlier_by_a_quarter")
            << 4 * kS << 12 * kS << 24 * kS << "pan" << 0.0 << 200.0 << 2 * kS << 10 * kS;
        QTest::newRow("pan_clamped_at_end")
            << 20 * kS << 24 * kS << 24 * kS << "pan" << 0.0 << -800.0 << 21'200 * kMs << 25'200 * kMs;
        QTest::newRow("fit_24s") << 5 * kS << 6 * kS << 0ll << "fit" << 0.0 << double(24 * kS) << 0ll << 24 * kS;
        QTest::newRow("fit_empty_run") << 5 * kS << 6 * kS << 0ll << "fit" << 0.0 << 0.0 << 0ll << 1 * kUs;
        QTest::newRow("clamp_negative_start") << -3 * kS << 1 * kS << 24 * kS << "clamp" << 0.0 << 0.0 << 0ll << 4 * kS;
        QTest::newRow("clamp_too_narrow_grows_around_centre")
            << 10 * kS << 10 * kS + 200 << 24 * kS << "clamp" << 0.0 << 0.0 << 10 * kS - 400 << 10 * kS + 600;
    }

    void zoomPan()
    {
        QFETCH(qint64, start);
        QFETCH(qint64, end);
        QFETCH(qint64, total);
        QFETCH(QString, op);
        QFETCH(double, x);
        QFETCH(double, amount);
        QFETCH(qint64, wantStart);
        QFETCH(qint64, wantEnd);
        TimeAxis a = axis(start, end, total);
        if (op == "zoom")
            a.zoomAround(x, amount);
        else if (op == "pan")
            a.pan(amount);
        else if (op == "fit")
            a.fit(static_cast<qint64>(amount));
        else
            a.clamp();
        QCOMPARE(a.startNs, wantStart);
        QCOMPARE(a.endNs, wantEnd);
    }

    void keysDoTheSameInBothTimelines_data()
    {
        // Over [100, 900): an eighth of the width is 100 px, i.e. 1 s of an 8 s range.
        QTest::addColumn<int>("key");
        QTest::addColumn<int>("action");
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("end");
        using pw::gui::AxisKey;
        const qint64 maxEnd = 24 * kS + 24 * kS / 20; // the run plus 5 %
        QTest::newRow("left: 1 s earlier") << int(Qt::Key_Left) << int(AxisKey::PanEarlier) << 3 * kS << 11 * kS;
        QTest::newRow("right: 1 s later") << int(Qt::Key_Right) << int(AxisKey::PanLater) << 5 * kS << 13 * kS;
        QTest::newRow("home: the start") << int(Qt::Key_Home) << int(AxisKey::Start) << qint64(0) << 8 * kS;
        QTest::newRow("end: the end") << int(Qt::Key_End) << int(AxisKey::End) << maxEnd - 8 * kS << maxEnd;
        QTest::newRow("plus zooms, no pan") << int(Qt::Key_Plus) << int(AxisKey::ZoomIn) << 4 * kS << 12 * kS;
        QTest::newRow("equal zooms in") << int(Qt::Key_Equal) << int(AxisKey::ZoomIn) << 4 * kS << 12 * kS;
        QTest::newRow("underscore zooms out") << int(Qt::Key_Underscore) << int(AxisKey::ZoomOut) << 4 * kS << 12 * kS;
        QTest::newRow("zero fits") << int(Qt::Key_0) << int(AxisKey::Fit) << 4 * kS << 12 * kS;
        QTest::newRow("other keys: nothing") << int(Qt::Key_A) << int(AxisKey::None) << 4 * kS << 12 * kS;
    }
    void keysDoTheSameInBothTimelines()
    {
        QFETCH(int, key);
        QFETCH(int, action);
        QFETCH(qint64, start);
        QFETCH(qint64, end);
        const pw::gui::AxisKey k = pw::gui::axisKeyOf(key);
        QCOMPARE(int(k), action);
        TimeAxis a = axis(4 * kS, 12 * kS, 24 * kS);
        const bool panned = a.panForKey(k);
        QCOMPARE(panned, k == pw::gui::AxisKey::PanEarlier || k == pw::gui::AxisKey::PanLater ||
                             k == pw::gui::AxisKey::Start || k == pw::gui::AxisKey::End);
        QCOMPARE(a.startNs, start);
        QCOMPARE(a.endNs, end);
    }

    void zoomInThenOutReturns()
    {
        TimeAxis a = axis(0, 24 * kS, 24 * kS);
        a.zoomAround(350, 8);
        a.zoomAround(350, 1.0 / 8);
        QCOMPARE(a.startNs, 0ll);
        QCOMPARE(a.endNs, 24 * kS);
    }

    void ticks_data()
    {
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("end");
        QTest::addColumn<double>("width");
        QTest::addColumn<QStringList>("labels");

        QTest::newRow("ticks_24s_in_800px")
            << 0ll << 24 * kS << 800.0
            << QStringList{"0s", "2s", "4s", "6s", "8s", "10s", "12s", "14s", "16s", "18s", "20s", "22s", "24s"};
        QTest::newRow("ticks_24s_in_200px") << 0ll << 24 * kS << 200.0 << QStringList{"0s", "10s", "20s"};
        QTest::newRow("ticks_1s_in_800px")
            << 0ll << 1 * kS << 800.0
            << QStringList{"0s", "100ms", "200ms", "300ms", "400ms", "500ms", "600ms", "700ms", "800ms", "900ms", "1s"};
        QTest::newRow("ticks_offset_window_1.2s_to_1.5s")
            << 1'200 * kMs << 1'500 * kMs << 800.0
            << QStringList{"1.2s", "1.25s", "1.3s", "1.35s", "1.4s", "1.45s", "1.5s"};
        QTest::newRow("ticks_20us_in_800px")
            << 0ll << 20 * kUs << 800.0
            << QStringList{"0s", "2us", "4us", "6us", "8us", "10us", "12us", "14us", "16us", "18us", "20us"};
        QTest::newRow("ticks_start_between_steps")
            << 250 * kMs << 4'250 * kMs << 400.0 << QStringList{"1s", "2s", "3s", "4s"};
    }

    void ticks()
    {
        QFETCH(qint64, start);
        QFETCH(qint64, end);
        QFETCH(double, width);
        QFETCH(QStringList, labels);
        TimeAxis a = axis(start, end, 24 * kS);
        a.width = width;
        QStringList got;
        double lastMajorX = -1e9;
        for (const auto& t : a.ticks()) {
            QVERIFY(t.ns >= start && t.ns <= end);
            QCOMPARE(t.x, a.mapTimeToX(t.ns));
            if (!t.major) {
                QVERIFY(t.label.isEmpty());
                continue;
            }
            QVERIFY2(t.x - lastMajorX >= 60 - 1e-9, "labels closer than the minimum spacing");
            lastMajorX = t.x;
            got << t.label;
        }
        QCOMPARE(got, labels);
    }

    void niceStep_data()
    {
        QTest::addColumn<double>("raw");
        QTest::addColumn<qint64>("step");
        QTest::newRow("below_1ns") << 0.3 << 1ll;
        QTest::newRow("1.8s_to_2s") << 1.8e9 << 2 * kS;
        QTest::newRow("2.4s_to_5s") << 2.4e9 << 5 * kS;
        QTest::newRow("exact_1ms") << 1e6 << 1 * kMs;
        QTest::newRow("6s_to_10s") << 6e9 << 10 * kS;
        QTest::newRow("45ms_to_50ms") << 4.5e7 << 50 * kMs;
    }

    void niceStep()
    {
        QFETCH(double, raw);
        QFETCH(qint64, step);
        QCOMPARE(TimeAxis::niceStep(raw), step);
    }

    void formatTime_data()
    {
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << 0ll << "0s";
        QTest::newRow("2s") << 2 * kS << "2s";
        QTest::newRow("1.5s") << 1'500 * kMs << "1.5s";
        QTest::newRow("250ms") << 250 * kMs << "250ms";
        QTest::newRow("10us") << 10 * kUs << "10us";
        QTest::newRow("300ns") << 300ll << "300ns";
        QTest::newRow("12.001s") << 12'001 * kMs << "12.001s";
        QTest::newRow("1.05s") << 1'050 * kMs << "1.05s";
        QTest::newRow("2.5ms") << 2'500 * kUs << "2.5ms";
        QTest::newRow("negative") << -2 * kS << "-2s";
    }

    void formatTime()
    {
        QFETCH(qint64, ns);
        QFETCH(QString, text);
        QCOMPARE(TimeAxis::formatTime(ns), text);
    }

    void formatDuration_data()
    {
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<QString>("text");
        QTest::newRow("3s") << 3 * kS << "3s";
        QTest::newRow("1.25ms") << 1'250 * kUs << "1.25ms";
        QTest::newRow("rounded_to_3_decimals") << 1'234'567'891ll << "1.235s";
        QTest::newRow("zero") << 0ll << "0s";
    }

    void formatDuration()
    {
        QFETCH(qint64, ns);
        QFETCH(QString, text);
        QCOMPARE(TimeAxis::formatDuration(ns), text);
    }
};

QTEST_GUILESS_MAIN(TestTimeAxis)
#include "tst_time_axis.moc"
