#include "memory_diagram_palette.h"

#include "sim/memory/memory_state.h"

namespace pw::gui {

namespace {

// Okabe-Ito.
const QColor kBlue(0x00, 0x72, 0xB2);
const QColor kVermillion(0xD5, 0x5E, 0x00);
const QColor kYellow(0xF0, 0xE4, 0x42);
const QColor kSkyBlue(0x56, 0xB4, 0xE9);
const QColor kBluishGreen(0x00, 0x9E, 0x73);

} // namespace

QColor MemoryDiagramPalette::arrowColor(memory::PointerKind kind) const
{
    switch (kind) {
    case memory::PointerKind::SelfPointer:
        return selfArrow;
    case memory::PointerKind::Foreign:
        return foreignArrow;
    case memory::PointerKind::Dangling:
        return danglingArrow;
    case memory::PointerKind::Null:
        break;
    }
    return mutedText;
}

MemoryDiagramPalette MemoryDiagramPalette::light()
{
    MemoryDiagramPalette p;
    p.background = QColor(0xFF, 0xFF, 0xFF);
    p.text = QColor(0x1F, 0x23, 0x28);
    p.mutedText = QColor(0x5F, 0x66, 0x70);
    p.frameFill = QColor(0xF6, 0xF8, 0xFA);
    p.frameEdge = QColor(0xB8, 0xBE, 0xC6);
    p.valueFill = QColor(0xFF, 0xFF, 0xFF);
    p.valueEdge = QColor(0x6E, 0x76, 0x80);
    p.headerFill = QColor(0xE8, 0xEE, 0xF4);
    p.movedFill = QColor(0xEC, 0xEE, 0xF1);
    p.movedText = QColor(0x9A, 0xA1, 0xAA);
    p.movedHatch = QColor(0xD5, 0xD9, 0xDE);
    p.heapFill = QColor(0xF3, 0xF7, 0xF2);
    p.selfArrow = kBluishGreen;
    p.foreignArrow = kBlue;
    p.danglingArrow = kVermillion;
    p.badgeFill = kYellow;
    p.badgeEdge = QColor(0x9A, 0x8C, 0x00);
    p.pinHead = kVermillion;
    p.chipFill = QColor(0xDD, 0xEB, 0xF7);
    p.errorFill = QColor(0xB3, 0x26, 0x1E);
    p.errorText = QColor(0xFF, 0xFF, 0xFF);
    return p;
}

MemoryDiagramPalette MemoryDiagramPalette::dark()
{
    MemoryDiagramPalette p;
    p.background = QColor(0x1E, 0x21, 0x25);
    p.text = QColor(0xE6, 0xE8, 0xEB);
    p.mutedText = QColor(0x9A, 0xA1, 0xAA);
    p.frameFill = QColor(0x25, 0x29, 0x2E);
    p.frameEdge = QColor(0x55, 0x5C, 0x66);
    p.valueFill = QColor(0x2E, 0x33, 0x39);
    p.valueEdge = QColor(0x8A, 0x92, 0x9C);
    p.headerFill = QColor(0x33, 0x3D, 0x48);
    p.movedFill = QColor(0x2A, 0x2D, 0x31);
    p.movedText = QColor(0x6B, 0x73, 0x7D);
    p.movedHatch = QColor(0x3A, 0x40, 0x47);
    p.heapFill = QColor(0x27, 0x30, 0x2B);
    p.selfArrow = kBluishGreen.lighter(125);
    p.foreignArrow = kSkyBlue;
    p.danglingArrow = kVermillion.lighter(115);
    p.badgeFill = kYellow;
    p.badgeEdge = QColor(0xC8, 0xBC, 0x20);
    p.pinHead = kVermillion;
    p.chipFill = QColor(0x23, 0x3A, 0x52);
    p.errorFill = QColor(0xC6, 0x32, 0x28);
    p.errorText = QColor(0xFF, 0xFF, 0xFF);
    return p;
}

} // namespace pw::gui
