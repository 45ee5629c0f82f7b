// The playback controls above the timeline: to start, step back, play/pause, step forward, to
// end, a scrub slider over the whole run, the cursor time and the speed.
#pragma once

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace pw::gui {

class Playback;

class TransportBar : public QWidget {
    Q_OBJECT
public:
    explicit TransportBar(Playback* playback, QWidget* parent = nullptr);

    /// The text of the time label, e.g. "6.000s / 24.000s".
    QString timeText() const;
    /// How the label says the cursor (a pinning program: "step 3 of 17"); empty: seconds.
    void setTimeFormatter(std::function<QString(qint64 ns, qint64 endNs)> format);

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateIcons();
    void showCursor(qint64 ns);
    void showPlaying(bool playing);
    void showSpeed(double speed);

    Playback* m_playback;
    QToolButton* m_play = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_time = nullptr;
    QComboBox* m_speed = nullptr;
    bool m_updating = false;
    std::function<QString(qint64, qint64)> m_format;
};

/// "0.25×", "1×", "16×".
QString speedLabel(double speed);

} // namespace pw::gui
