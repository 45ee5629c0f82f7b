// The playback controls above the timeline: to start, step back, play/pause, step forward, to
// end, a scrub slider over the whole run, the cursor time and the speed.
#pragma once

#include <QWidget>

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
};

/// "0.25×", "1×", "16×".
QString speedLabel(double speed);

} // namespace pw::gui
