// Colours of the memory diagram, light and dark, from the Okabe-Ito palette like the timeline's.
// Colour is never the only cue: the three pointer kinds also differ in line shape (a curve, a
// straight elbow, a dashed line with a broken end) and carry a label; the pin badge has a drawn
// pin and the word "pinned"; moved-out slots are hatched and say "moved".
#pragma once

#include <QColor>

namespace pw::memory {
enum class PointerKind; // sim/memory/memory_state.h, kept out of moc's sight
}

namespace pw::gui {

struct MemoryDiagramPalette {
    QColor background;
    QColor text;
    QColor mutedText;
    QColor frameFill; ///< a stack frame's box
    QColor frameEdge;
    QColor valueFill; ///< a value's box
    QColor valueEdge;
    QColor headerFill; ///< a value's title row
    QColor movedFill;  ///< a moved-out slot
    QColor movedText;
    QColor movedHatch;
    QColor heapFill;
    QColor selfArrow;
    QColor foreignArrow;
    QColor danglingArrow;
    QColor badgeFill; ///< the pin badge
    QColor badgeEdge;
    QColor pinHead;
    QColor chipFill; ///< the "line 12" chip in the caption
    QColor errorFill;
    QColor errorText;

    QColor arrowColor(memory::PointerKind kind) const;

    static MemoryDiagramPalette light();
    static MemoryDiagramPalette dark();
};

} // namespace pw::gui
