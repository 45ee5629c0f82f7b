// Playback over one run: the cursor time the timeline, code markers, console, queue view and
// Why panel follow. Plays simulated time at a chosen speed, steps to the next or previous
// instant at which something happened, and jumps to either end. The trace is complete, so
// every position, reached forwards or backwards, shows exactly the state at that time.
#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

namespace pw::gui {

class Playback : public QObject {
    Q_OBJECT
public:
    /// The speeds offered, in simulated seconds per wall-clock second.
    static const QList<double>& speeds();

    explicit Playback(QObject* parent = nullptr);

    /// A new run: `eventTimes` are the instants at which something happened (sorted, unique);
    /// the cursor goes to `cursor` (-1: stays where it was), within [0, endNs], and is announced
    /// once. Stops playing.
    void setRun(QList<qint64> eventTimes, qint64 endNs, qint64 cursor = -1);

    qint64 cursor() const { return m_cursor; }
    qint64 endNs() const { return m_endNs; }
    bool isPlaying() const { return m_timer.isActive(); }
    double speed() const { return m_speed; }
    const QList<qint64>& eventTimes() const { return m_times; }

    /// The first event time after `ns`, or -1; the last before `ns`, or -1.
    qint64 nextEventAfter(qint64 ns) const;
    qint64 previousEventBefore(qint64 ns) const;

    /// Moves the cursor as if `wallNs` of wall-clock time had passed while playing (the timer
    /// calls this; tests call it to play without waiting). Stops at the end.
    void advance(qint64 wallNs);

public slots:
    void setCursor(qint64 ns);
    void play();
    void pause();
    void togglePlay();
    void stepForward();
    void stepBack();
    void toStart();
    void toEnd();
    void setSpeed(double speed);
    void faster();
    void slower();

signals:
    void cursorChanged(qint64 ns);
    void playingChanged(bool playing);
    void speedChanged(double speed);

private:
    void tick();

    QList<qint64> m_times;
    qint64 m_endNs = 0;
    qint64 m_cursor = 0;
    double m_speed = 1.0;
    QTimer m_timer;
    QElapsedTimer m_clock;
};

} // namespace pw::gui
