#include "playback.h"

#include <algorithm>
#include <cmath>

namespace pw::gui {

namespace {
constexpr int kFrameMs = 16;
}

const QList<double>& Playback::speeds()
{
    static const QList<double> s{0.25, 0.5, 1, 2, 4, 8, 16};
    return s;
}

Playback::Playback(QObject* parent) : QObject(parent)
{
    m_timer.setInterval(kFrameMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Playback::tick);
}

void Playback::setRun(QList<qint64> eventTimes, qint64 endNs, qint64 cursor)
{
    pause();
    m_times = std::move(eventTimes);
    m_endNs = std::max<qint64>(0, endNs);
    const qint64 clamped = std::clamp<qint64>(cursor < 0 ? m_cursor : cursor, 0, m_endNs);
    m_cursor = -1; // always announce the cursor for the new run
    setCursor(clamped);
}

qint64 Playback::nextEventAfter(qint64 ns) const
{
    const auto it = std::upper_bound(m_times.begin(), m_times.end(), ns);
    return it == m_times.end() ? -1 : *it;
}

qint64 Playback::previousEventBefore(qint64 ns) const
{
    const auto it = std::lower_bound(m_times.begin(), m_times.end(), ns);
    return it == m_times.begin() ? -1 : *std::prev(it);
}

void Playback::setCursor(qint64 ns)
{
    ns = std::clamp<qint64>(ns, 0, m_endNs);
    if (ns == m_cursor)
        return;
    m_cursor = ns;
    emit cursorChanged(m_cursor);
}

void Playback::play()
{
    if (isPlaying() || m_endNs <= 0)
        return;
    if (m_cursor >= m_endNs)
        setCursor(0); // play again from the start
    m_clock.start();
    m_timer.start();
    emit playingChanged(true);
}

void Playback::pause()
{
    if (!isPlaying())
        return;
    m_timer.stop();
    emit playingChanged(false);
}

void Playback::togglePlay()
{
    if (isPlaying())
        pause();
    else
        play();
}

void Playback::advance(qint64 wallNs)
{
    const double step = static_cast<double>(wallNs) * m_speed;
    const qint64 target = m_cursor + static_cast<qint64>(std::llround(step));
    setCursor(std::min(target, m_endNs));
    if (m_cursor >= m_endNs)
        pause();
}

void Playback::tick()
{
    advance(m_clock.restart() * 1'000'000);
}

void Playback::stepForward()
{
    pause();
    const qint64 next = nextEventAfter(m_cursor);
    setCursor(next < 0 ? m_endNs : next);
}

void Playback::stepBack()
{
    pause();
    const qint64 previous = previousEventBefore(m_cursor);
    setCursor(previous < 0 ? 0 : previous);
}

void Playback::toStart()
{
    pause();
    setCursor(0);
}

void Playback::toEnd()
{
    pause();
    setCursor(m_endNs);
}

void Playback::setSpeed(double speed)
{
    // The nearest offered speed, so that the speed box always shows it.
    if (!(speed > 0))
        speed = speeds().front();
    speed = *std::min_element(speeds().begin(), speeds().end(), [speed](double a, double b) {
        return std::abs(std::log(a / speed)) < std::abs(std::log(b / speed));
    });
    if (speed == m_speed)
        return;
    m_speed = speed;
    emit speedChanged(m_speed);
}

void Playback::faster()
{
    const auto it = std::upper_bound(speeds().begin(), speeds().end(), m_speed);
    if (it != speeds().end())
        setSpeed(*it);
}

void Playback::slower()
{
    const auto it = std::lower_bound(speeds().begin(), speeds().end(), m_speed);
    if (it != speeds().begin())
        setSpeed(*std::prev(it));
}

} // namespace pw::gui
