// Colours of the timeline, light and dark. States use the Okabe-Ito palette, which stays
// distinguishable with the common colour-vision deficiencies: polling blue, blocked vermillion,
// queued yellow, stalled reddish purple; pending is a pale outline (the task waits, nothing runs)
// and parked threads are barely drawn. Hatching doubles the colour for stalled spans so that
// they read in greyscale prints too.
#pragma once

#include <QColor>

#include <cstdint>

namespace pw {
enum class SpanState : std::uint8_t; // sim/timeline_model.h (kept out of moc's sight)
}

namespace pw::gui {

struct TimelinePalette {
    QColor background;
    QColor text;
    QColor mutedText;
    QColor laneStripe;   ///< every other lane's background
    QColor selectedLane; ///< the selected task's lane background
    QColor grid;         ///< ruler ticks extended through the lanes
    QColor separator;    ///< between thread and task lanes
    QColor polling;
    QColor blocked;
    QColor queued;
    QColor pendingFill;
    QColor pendingEdge;
    QColor stalled;
    QColor parked;
    QColor fold; ///< many short spans folded into one block
    QColor foldStripe;
    QColor wake;
    QColor print;
    QColor sync; ///< lock and channel marks (told apart by shape)
    QColor cursor;
    QColor doneMark;

    QColor stateColor(SpanState s) const;
    /// The darker edge drawn around a span of this colour.
    QColor edgeFor(const QColor& fill) const;

    static TimelinePalette light();
    static TimelinePalette dark();
};

} // namespace pw::gui
