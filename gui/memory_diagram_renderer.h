// Draws one step of a pinning program's memory (sim/memory) with a QPainter: the view, the
// PNG/SVG export and `pinwheel-cli render --step N` all go through here.
//
// Layout, top to bottom: the title and "step k of n"; the caption (the source line executed,
// the step's description, what it printed); the stack (one box per frame, one box per slot
// with its fields at their addresses) on the left and the heap blocks on the right; the red
// banner of the refused move (or panic) when there is one.
//
// Pointers are arrows from the pointer field to the field they point at, told apart by shape
// and a label, not by colour alone:
//   self      a solid curve looping back into the same value          "self"
//   foreign   a solid elbow (straight segments) into another value   "→ test1.a"
//   dangling  a dashed line ending in an X at the stale spot         "dangling → example.value (moved)"
// Pinned values carry a badge (a drawn pin and "pinned"); moved-out slots are hatched, greyed
// and marked "moved", freed heap blocks "freed".
//
// A move is animated with `moveProgress` in [0, 1]: each moved value's box slides from its old
// slot to its new one while the old slot greys out; at 1 (the default) the step's final state
// is drawn. Sizes are logical pixels at scale 1; `scale` zooms everything.
#pragma once

#include "memory_diagram_palette.h"

#include <QList>
#include <QPainterPath>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QStringList>

#include <cstdint>

class QPainter;
class QFont;

namespace pw::memory { // sim/memory/memory_state.h, included by the .cpp files only
struct MemoryStep;
struct MemoryError;
using Address = std::uint64_t;
} // namespace pw::memory

namespace pw::gui {

struct MemoryDiagramOptions {
    QString title;      ///< the program's title ("pin-swap: std::mem::swap moves the data")
    QStringList source; ///< the program's lines, for the caption's source line
    int stepIndex = -1; ///< 0-based, for "step 3 of 9"; -1: not shown
    int stepCount = 0;
    bool dark = false;
    double scale = 1.0;
    /// Lay the step out at least this wide (logical px at scale 1, margins included): a view
    /// passes the widest step's width so that boxes keep their x while stepping.
    double minWidth = 0;
};

/// An arrow as drawn, in the painter's coordinates (after scale), for hit tests and the tests.
struct DiagramArrow {
    memory::PointerKind kind{};
    int objectId = -1; ///< the value holding the pointer
    QString field;     ///< the pointer field's name (empty for a pointer variable)
    memory::Address target = 0;
    bool targetDrawn = false; ///< false: the pointee is nowhere on the diagram (a popped frame)
    QPainterPath path;        ///< the shaft: cubic for self, straight segments otherwise
    QPointF start;
    QPointF end;
    QString label;
    QRectF labelRect;
};

/// A value's box as drawn.
struct DiagramBox {
    int objectId = -1;
    QString name;
    memory::Address address = 0;
    QRectF rect;
    bool heap = false;
    bool live = true;
    bool moving = false; ///< drawn sliding (moveProgress < 1)
};

struct DiagramBadge {
    int objectId = -1;
    QRectF rect;
};

class MemoryDiagramRenderer {
public:
    MemoryDiagramRenderer();

    void setOptions(const MemoryDiagramOptions& options);
    const MemoryDiagramOptions& options() const { return m_options; }
    const MemoryDiagramPalette& palette() const { return m_palette; }

    /// The size (logical pixels, at the options' scale) that shows the whole step, and its
    /// error when given.
    QSizeF preferredSize(const memory::MemoryStep& step, const memory::MemoryError* error = nullptr) const;

    /// Draws `step` (and `error` as a banner when not null) into `rect`, centred horizontally.
    void paint(QPainter& painter, const QRectF& rect, const memory::MemoryStep& step,
               const memory::MemoryError* error = nullptr, double moveProgress = 1.0);

    // Geometry of the last paint, in the painter's coordinates.
    const QList<DiagramArrow>& lastArrows() const { return m_arrows; }
    const QList<DiagramBox>& lastBoxes() const { return m_boxes; }
    const QList<DiagramBadge>& lastPinBadges() const { return m_badges; }
    QRectF lastErrorBanner() const { return m_errorBanner; } ///< empty without an error
    QRectF lastCaption() const { return m_caption; }
    /// The box of the value with this id, or an empty rect.
    QRectF boxRect(int objectId) const;

private:
    struct Placed;
    struct Route;
    struct Layout;

    Layout layout(const memory::MemoryStep& step, const memory::MemoryError* error, double width) const;
    QFont font(double px, bool bold = false, bool mono = false) const;

    MemoryDiagramOptions m_options;
    MemoryDiagramPalette m_palette;
    QList<DiagramArrow> m_arrows;
    QList<DiagramBox> m_boxes;
    QList<DiagramBadge> m_badges;
    QRectF m_errorBanner;
    QRectF m_caption;
};

} // namespace pw::gui
