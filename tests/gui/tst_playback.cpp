// Playback (gui/playback.h) on its own: stepping visits exactly the event times, playing
// advances simulated time at the chosen speed and stops at the end, speeds step through the
// offered list, and a new run keeps the cursor within it.
#include "gui/playback.h"

#include <QSignalSpy>
#include <QtTest>

using pw::gui::Playback;

namespace {
constexpr qint64 kS = 1'000'000'000;
const QList<qint64> kTimes{0, 3 * kS, 6 * kS, 16 * kS, 19 * kS, 24 * kS};
} // namespace

class TestPlayback : public QObject {
    Q_OBJECT
private slots:
    void stepsVisitEveryEventTimeBothWays()
    {
        Playback p;
        p.setRun(kTimes, 24 * kS);
        QList<qint64> forward{p.cursor()};
        while (p.cursor() < p.endNs()) {
            p.stepForward();
            forward << p.cursor();
        }
        QCOMPARE(forward, kTimes);
        QList<qint64> back{p.cursor()};
        while (p.cursor() > 0) {
            p.stepBack();
            back << p.cursor();
        }
        std::reverse(back.begin(), back.end());
        QCOMPARE(back, kTimes);
    }

    void stepsFromBetweenEvents()
    {
        Playback p;
        p.setRun(kTimes, 24 * kS);
        p.setCursor(10 * kS);
        p.stepForward();
        QCOMPARE(p.cursor(), 16 * kS);
        p.setCursor(10 * kS);
        p.stepBack();
        QCOMPARE(p.cursor(), 6 * kS);
        QCOMPARE(p.nextEventAfter(24 * kS), -1);
        QCOMPARE(p.previousEventBefore(0), -1);
    }

    void playingAdvancesAtTheSpeedAndStopsAtTheEnd()
    {
        Playback p;
        p.setRun(kTimes, 24 * kS);
        p.toStart();
        QSignalSpy playing(&p, &Playback::playingChanged);
        p.play();
        QVERIFY(p.isPlaying());
        p.advance(2 * kS); // 2 s of wall time at 1x
        QCOMPARE(p.cursor(), 2 * kS);
        p.setSpeed(4);
        p.advance(kS / 2);
        QCOMPARE(p.cursor(), 4 * kS);
        p.advance(100 * kS);
        QCOMPARE(p.cursor(), 24 * kS);
        QVERIFY(!p.isPlaying());
        QCOMPARE(playing.count(), 2);
        // Play at the end starts again from the beginning.
        p.play();
        QCOMPARE(p.cursor(), 0);
        p.pause();
    }

    void playingForRealMovesTheCursor()
    {
        Playback p;
        p.setRun(kTimes, 24 * kS);
        p.toStart();
        p.setSpeed(16);
        p.play();
        QTRY_VERIFY(p.cursor() > 0);
        p.pause();
        QVERIFY(!p.isPlaying());
    }

    void stepOrSeekPauses()
    {
        Playback p;
        p.setRun(kTimes, 24 * kS);
        p.toStart();
        p.play();
        p.stepForward();
        QVERIFY(!p.isPlaying());
    }

    void speedsStepThroughTheList()
    {
        Playback p;
        QCOMPARE(p.speed(), 1.0);
        p.faster();
        QCOMPARE(p.speed(), 2.0);
        for (int i = 0; i < 10; ++i)
            p.faster();
        QCOMPARE(p.speed(), Playback::speeds().back());
        for (int i = 0; i < 10; ++i)
            p.slower();
        QCOMPARE(p.speed(), Playback::speeds().front());
        p.setSpeed(100);
        QCOMPARE(p.speed(), 16.0);
        p.setSpeed(3); // the nearest offered speed
        QCOMPARE(p.speed(), 4.0);
        p.setSpeed(-1);
        QCOMPARE(p.speed(), 0.25);
    }

    void aNewRunKeepsTheCursorWithinIt()
    {
        Playback p;
        p.setRun(kTimes, 24 * kS);
        p.setCursor(20 * kS);
        QSignalSpy moved(&p, &Playback::cursorChanged);
        p.setRun({0, 5 * kS}, 18 * kS);
        QCOMPARE(p.cursor(), 18 * kS);
        QCOMPARE(moved.count(), 1);
        p.setRun(kTimes, 24 * kS);
        QCOMPARE(p.cursor(), 18 * kS);
        QCOMPARE(moved.count(), 2); // announced again for the new run
        p.setCursor(-5);
        QCOMPARE(p.cursor(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPlayback)
#include "tst_playback.moc"
