#include "transport_bar.h"

#include "app_style.h"
#include "media_icons.h"
#include "playback.h"
#include "run_view.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QToolButton>

#include <cmath>

namespace pw::gui {

namespace {
constexpr int kSliderSteps = 10000;
}

QString speedLabel(double speed)
{
    return QStringLiteral("%1×").arg(speed, 0, 'g', 3);
}

TransportBar::TransportBar(Playback* playback, QWidget* parent) : QWidget(parent), m_playback(playback)
{
    setObjectName(QStringLiteral("transport"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(4);

    auto button = [&](const char* name, MediaIcon icon, const QString& tip, auto slot) {
        auto* b = new QToolButton;
        b->setObjectName(QString::fromLatin1(name));
        b->setProperty("mediaIcon", static_cast<int>(icon));
        b->setToolTip(tip);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, m_playback, slot);
        layout->addWidget(b);
        return b;
    };
    button("toStart", MediaIcon::ToStart, tr("To the start (Alt+Home)"), &Playback::toStart);
    button("stepBack", MediaIcon::StepBack, tr("Step back to the previous event (Alt+Left)"), &Playback::stepBack);
    m_play = button("play", MediaIcon::Play, tr("Play / pause (Ctrl+Space)"), &Playback::togglePlay);
    button("stepForward", MediaIcon::StepForward, tr("Step to the next event (Alt+Right)"), &Playback::stepForward);
    button("toEnd", MediaIcon::ToEnd, tr("To the end (Alt+End)"), &Playback::toEnd);

    m_slider = new QSlider(Qt::Horizontal);
    m_slider->setObjectName(QStringLiteral("scrub"));
    m_slider->setRange(0, kSliderSteps);
    m_slider->setToolTip(tr("Drag to move the cursor through the run"));
    layout->addWidget(m_slider, 1);

    m_time = new QLabel;
    m_time->setObjectName(QStringLiteral("cursorTime"));
    m_time->setFont(monospaceFont(9));
    m_time->setMinimumWidth(m_time->fontMetrics().horizontalAdvance(QStringLiteral("000.000s / 000.000s")) + 8);
    m_time->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    layout->addWidget(m_time);

    m_speed = new QComboBox;
    m_speed->setObjectName(QStringLiteral("speed"));
    m_speed->setToolTip(tr("Simulated seconds per second (Alt+Up / Alt+Down)"));
    for (double s : Playback::speeds())
        m_speed->addItem(speedLabel(s), s);
    layout->addWidget(m_speed);

    connect(m_slider, &QSlider::sliderPressed, m_playback, &Playback::pause); // a drag takes over
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
        if (m_updating)
            return;
        const double fraction = static_cast<double>(value) / kSliderSteps;
        m_playback->setCursor(std::llround(fraction * static_cast<double>(m_playback->endNs())));
    });
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (!m_updating && index >= 0)
            m_playback->setSpeed(m_speed->itemData(index).toDouble());
    });
    connect(m_playback, &Playback::cursorChanged, this, &TransportBar::showCursor);
    connect(m_playback, &Playback::playingChanged, this, &TransportBar::showPlaying);
    connect(m_playback, &Playback::speedChanged, this, &TransportBar::showSpeed);
    showCursor(m_playback->cursor());
    showPlaying(m_playback->isPlaying()); // draws the icons
    showSpeed(m_playback->speed());
}

QString TransportBar::timeText() const
{
    return m_time->text();
}

void TransportBar::setTimeFormatter(std::function<QString(qint64, qint64)> format)
{
    m_format = std::move(format);
    showCursor(m_playback->cursor());
}

void TransportBar::showCursor(qint64 ns)
{
    m_updating = true;
    const qint64 end = m_playback->endNs();
    m_slider->setValue(end > 0 ? static_cast<int>(std::llround(static_cast<double>(ns) / end * kSliderSteps)) : 0);
    m_time->setText(m_format ? m_format(ns, end)
                             : QStringLiteral("%1 / %2").arg(formatSeconds(ns), formatSeconds(end)));
    m_updating = false;
}

void TransportBar::showPlaying(bool playing)
{
    m_play->setProperty("mediaIcon", static_cast<int>(playing ? MediaIcon::Pause : MediaIcon::Play));
    m_play->setAccessibleName(playing ? tr("Pause") : tr("Play"));
    updateIcons();
}

void TransportBar::updateIcons()
{
    for (QToolButton* b : findChildren<QToolButton*>())
        b->setIcon(mediaIcon(static_cast<MediaIcon>(b->property("mediaIcon").toInt()), palette()));
}

void TransportBar::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateIcons(); // the icons are drawn in the theme's colours
}

void TransportBar::showSpeed(double speed)
{
    m_updating = true;
    m_speed->setCurrentIndex(m_speed->findData(speed));
    m_updating = false;
}

} // namespace pw::gui
