#include "timeline_palette.h"

#include "sim/timeline_model.h"

namespace pw::gui {

namespace {

// Okabe & Ito (2008), "Color Universal Design".
const QColor kBlue(0x00, 0x72, 0xB2);
const QColor kVermillion(0xD5, 0x5E, 0x00);
const QColor kYellow(0xF0, 0xE4, 0x42);
const QColor kReddishPurple(0xCC, 0x79, 0xA7);
const QColor kSkyBlue(0x56, 0xB4, 0xE9);
const QColor kBluishGreen(0x00, 0x9E, 0x73);

} // namespace

QColor TimelinePalette::stateColor(SpanState s) const
{
    switch (s) {
    case SpanState::Polling:
        return polling;
    case SpanState::Blocked:
        return blocked;
    case SpanState::Queued:
        return queued;
    case SpanState::Pending:
        return pendingFill;
    case SpanState::Stalled:
        return stalled;
    case SpanState::Parked:
        return parked;
    }
    return fold;
}

QColor TimelinePalette::edgeFor(const QColor& fill) const
{
    return background.lightness() > 128 ? fill.darker(135) : fill.lighter(135);
}

TimelinePalette TimelinePalette::light()
{
    TimelinePalette p;
    p.background = QColor(0xFF, 0xFF, 0xFF);
    p.text = QColor(0x1F, 0x23, 0x28);
    p.mutedText = QColor(0x5F, 0x66, 0x70);
    p.laneStripe = QColor(0xF4, 0xF6, 0xF8);
    p.selectedLane = QColor(0xDD, 0xEB, 0xF7);
    p.grid = QColor(0xE3, 0xE6, 0xEA);
    p.separator = QColor(0xB8, 0xBE, 0xC6);
    p.polling = kBlue;
    p.blocked = kVermillion;
    p.queued = kYellow;
    p.pendingFill = QColor(0xEC, 0xEE, 0xF1);
    p.pendingEdge = QColor(0xA4, 0xAB, 0xB4);
    p.stalled = kReddishPurple;
    p.parked = QColor(0xD5, 0xD9, 0xDE);
    p.fold = QColor(0x9A, 0xA1, 0xAA);
    p.foldStripe = QColor(0x6E, 0x76, 0x80);
    p.wake = QColor(0x3C, 0x42, 0x4A);
    p.print = kBluishGreen.darker(115);
    p.sync = QColor(0x3C, 0x42, 0x4A);
    p.cursor = QColor(0x11, 0x11, 0x11);
    p.doneMark = QColor(0x1F, 0x23, 0x28);
    return p;
}

TimelinePalette TimelinePalette::dark()
{
    TimelinePalette p;
    p.background = QColor(0x1E, 0x21, 0x25);
    p.text = QColor(0xE6, 0xE8, 0xEB);
    p.mutedText = QColor(0x9A, 0xA1, 0xAA);
    p.laneStripe = QColor(0x25, 0x29, 0x2E);
    p.selectedLane = QColor(0x23, 0x3A, 0x52);
    p.grid = QColor(0x33, 0x38, 0x3F);
    p.separator = QColor(0x55, 0x5C, 0x66);
    p.polling = kSkyBlue; // the dark blue disappears on a dark background
    p.blocked = kVermillion.lighter(115);
    p.queued = kYellow;
    p.pendingFill = QColor(0x2E, 0x33, 0x39);
    p.pendingEdge = QColor(0x6B, 0x73, 0x7D);
    p.stalled = kReddishPurple;
    p.parked = QColor(0x3A, 0x40, 0x47);
    p.fold = QColor(0x70, 0x78, 0x82);
    p.foldStripe = QColor(0x9A, 0xA1, 0xAA);
    p.wake = QColor(0xC8, 0xCC, 0xD2);
    p.print = kBluishGreen.lighter(120);
    p.sync = QColor(0xD8, 0xDC, 0xE2);
    p.cursor = QColor(0xFF, 0xFF, 0xFF);
    p.doneMark = QColor(0xE6, 0xE8, 0xEB);
    return p;
}

} // namespace pw::gui
