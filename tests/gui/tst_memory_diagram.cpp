// The memory diagram: MemoryDiagramRenderer on hand-built states (one per pointer kind, a
// pinned value with a refused move, a Box::pin heap block) checked by geometry and pixels.
//
// Set PINWHEEL_DIAGRAM_DUMP=/some/dir to keep the PNGs the tests draw, to look at them.
#include "gui/memory_diagram_export.h"
#include "gui/memory_diagram_renderer.h"

#include <QDir>
#include <QImage>
#include <QPainter>
#include <QtTest>

#include <cmath>

#undef slots // TEMP until memory::StackFrame::slots is renamed

using pw::gui::DiagramArrow;
using pw::gui::MemoryDiagramOptions;
using pw::gui::MemoryDiagramRenderer;
using pw::memory::MemoryError;
using pw::memory::MemoryField;
using pw::memory::MemoryObject;
using pw::memory::MemoryStep;
using pw::memory::PointerKind;
using pw::memory::PointerTarget;

namespace {

constexpr int kWidth = 1280;

MemoryField field(const std::string& name, const std::string& type, pw::memory::Address address, std::uint64_t size,
                  const std::string& value)
{
    MemoryField f;
    f.name = name;
    f.type = type;
    f.address = address;
    f.size = size;
    f.value = value;
    return f;
}

MemoryField pointerField(const std::string& name, const std::string& type, pw::memory::Address address,
                         PointerKind kind, pw::memory::Address target, int targetId, const std::string& targetName,
                         const std::string& targetField)
{
    MemoryField f = field(name, type, address, 8, pw::memory::formatAddress(target));
    PointerTarget t;
    t.target = target;
    t.kind = kind;
    t.targetObjectId = targetId;
    t.targetObjectName = targetName;
    t.targetField = targetField;
    f.pointer = t;
    return f;
}

MemoryObject testValue(int id, const std::string& name, pw::memory::Address at, const std::string& a, PointerKind kind,
                       pw::memory::Address target, int targetId, const std::string& targetName)
{
    MemoryObject o;
    o.id = id;
    o.name = name;
    o.type = "Test";
    o.address = at;
    o.size = 32;
    o.fields.push_back(field("a", "String", at, 24, "\"" + a + "\""));
    o.fields.push_back(pointerField("b", "*const String", at + 24, kind, target, targetId, targetName, "a"));
    return o;
}

/// pin-swap right after std::mem::swap: each b points into the other value.
MemoryStep swappedStep()
{
    MemoryStep s;
    s.line = 31;
    s.description = "std::mem::swap(&mut test1, &mut test2) swaps 32 bytes: the pointers in b move with them";
    s.printed = {"a: test1, b: test2"};
    pw::memory::StackFrame main;
    main.function = "main";
    main.base = 0x7ffc0010;
    main.slots.push_back(testValue(1, "test1", 0x7ffc0010, "test2", PointerKind::Foreign, 0x7ffc0030, 2, "test2"));
    main.slots.push_back(testValue(2, "test2", 0x7ffc0030, "test1", PointerKind::Foreign, 0x7ffc0010, 1, "test1"));
    s.frames.push_back(main);
    s.moves.push_back({0x7ffc0010, 0x7ffc0030, 32, 1, 2, "test1 (Test)"});
    s.moves.push_back({0x7ffc0030, 0x7ffc0010, 32, 2, 1, "test2 (Test)"});
    return s;
}

/// pin-swap before the swap: both self-referential.
MemoryStep initialisedStep()
{
    MemoryStep s;
    s.line = 27;
    s.description = "test2.init() stores the address of test2.a in test2.b";
    pw::memory::StackFrame main;
    main.function = "main";
    main.base = 0x7ffc0010;
    main.slots.push_back(testValue(1, "test1", 0x7ffc0010, "test1", PointerKind::SelfPointer, 0x7ffc0010, 1, "test1"));
    main.slots.push_back(testValue(2, "test2", 0x7ffc0030, "test2", PointerKind::SelfPointer, 0x7ffc0030, 2, "test2"));
    s.frames.push_back(main);
    return s;
}

/// pin-move after `let mut example = example;`: the new slot's pointer is left at the old one.
MemoryStep movedStep()
{
    MemoryStep s;
    s.line = 32;
    s.description = "let mut example = example; moves example (24 bytes) from 0x7ffc_0010 to 0x7ffc_0028";
    pw::memory::StackFrame main;
    main.function = "main";
    main.base = 0x7ffc0010;
    MemoryObject old;
    old.id = 1;
    old.name = "example";
    old.type = "ExampleOfSelfReference";
    old.address = 0x7ffc0010;
    old.size = 24;
    old.live = false;
    old.fields.push_back(field("value", "usize", 0x7ffc0010, 8, "2"));
    old.fields.push_back(pointerField("reference_to_value", "Option<*const usize>", 0x7ffc0018,
                                      PointerKind::SelfPointer, 0x7ffc0010, 1, "example", "value"));
    MemoryObject now = old;
    now.id = 2;
    now.address = 0x7ffc0028;
    now.live = true;
    now.fields[0].address = 0x7ffc0028;
    now.fields[1].address = 0x7ffc0030;
    now.fields[1].pointer->kind = PointerKind::Dangling;
    main.slots.push_back(old);
    main.slots.push_back(now);
    s.frames.push_back(main);
    s.moves.push_back({0x7ffc0010, 0x7ffc0028, 24, 1, 2, "example (ExampleOfSelfReference)"});
    return s;
}

/// pin-stack: a pinned !Unpin value and the Pin pointing at it; the next move is refused.
MemoryStep pinnedStep(MemoryError& error)
{
    MemoryStep s = initialisedStep();
    s.line = 20;
    s.description = "Pin::new_unchecked(&mut test1) pins test1";
    auto& slots = s.frames[0].slots;
    slots.pop_back();
    slots[0].pinned = true;
    slots[0].notUnpin = true;
    slots[0].fields.push_back(field("_marker", "PhantomPinned", 0x7ffc0030, 0, "PhantomPinned"));
    MemoryObject pin;
    pin.id = 3;
    pin.name = "pinned";
    pin.type = "Pin<&mut Test>";
    pin.address = 0x7ffc0030;
    pin.size = 8;
    pin.fields.push_back(
        pointerField("", "Pin<&mut Test>", 0x7ffc0030, PointerKind::Foreign, 0x7ffc0010, 1, "test1", ""));
    slots.push_back(pin);
    error.kind = MemoryError::Kind::Refused;
    error.code = "E0505";
    error.message = "cannot move out of `test1` because it is borrowed";
    error.rendered = "error[E0505]: cannot move out of `test1` because it is borrowed\n"
                     "  --> pin-stack.rs:22:13\n"
                     "   |\n"
                     "22 |     let moved = test1;\n"
                     "   |                 ^^^^^ move out of `test1` occurs here\n";
    error.line = 22;
    error.col = 17;
    return s;
}

/// pin-heap: Box::pin moved the value to the heap; it points into itself there.
MemoryStep heapStep()
{
    MemoryStep s;
    s.line = 12;
    s.description = "Box::pin(Test::new(\"test1\")) moves the value into a heap block";
    pw::memory::StackFrame main;
    main.function = "main";
    main.base = 0x7ffc0010;
    MemoryObject b;
    b.id = 1;
    b.name = "test1";
    b.type = "Pin<Box<Test>>";
    b.address = 0x7ffc0010;
    b.size = 8;
    b.fields.push_back(
        pointerField("", "Pin<Box<Test>>", 0x7ffc0010, PointerKind::Foreign, 0x555500001000, 2, "Box #1", ""));
    main.slots.push_back(b);
    s.frames.push_back(main);
    MemoryObject block =
        testValue(2, "Box #1", 0x555500001000, "test1", PointerKind::SelfPointer, 0x555500001000, 2, "Box #1");
    block.region = pw::memory::Region::Heap;
    block.pinned = true;
    block.notUnpin = true;
    s.heap.push_back(block);
    return s;
}

QImage render(MemoryDiagramRenderer& r, const MemoryStep& step, const MemoryError* error = nullptr,
              double progress = 1.0, const QString& dumpName = QString())
{
    const QSizeF size = r.preferredSize(step, error);
    QImage image(std::max(kWidth, static_cast<int>(std::ceil(size.width()))),
                 static_cast<int>(std::ceil(size.height())), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    r.paint(p, QRectF(0, 0, image.width(), image.height()), step, error, progress);
    p.end();
    const QString dump = qEnvironmentVariable("PINWHEEL_DIAGRAM_DUMP");
    if (!dump.isEmpty() && !dumpName.isEmpty())
        image.save(QDir(dump).filePath(dumpName + QStringLiteral(".png")));
    return image;
}

bool near(const QColor& a, const QColor& b, int tolerance = 40)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue()) <= tolerance;
}

/// The share of points sampled along the path (away from its ends) drawn in `color`.
double coverage(const QImage& image, const QPainterPath& path, const QColor& color)
{
    int hits = 0;
    int samples = 0;
    const double length = path.length();
    for (double d = 14; d < length - 14; d += 1.0) {
        const QPointF pt = path.pointAtPercent(path.percentAtLength(d));
        const QPoint px(static_cast<int>(std::floor(pt.x())), static_cast<int>(std::floor(pt.y())));
        bool hit = false;
        for (int dy = -1; dy <= 1 && !hit; ++dy)
            for (int dx = -1; dx <= 1 && !hit; ++dx)
                hit = near(image.pixelColor(px + QPoint(dx, dy)), color);
        hits += hit;
        ++samples;
    }
    return samples ? static_cast<double>(hits) / samples : 0.0;
}

bool hasCurve(const QPainterPath& path)
{
    for (int i = 0; i < path.elementCount(); ++i)
        if (path.elementAt(i).type == QPainterPath::CurveToElement)
            return true;
    return false;
}

const DiagramArrow* arrowFrom(const MemoryDiagramRenderer& r, int objectId)
{
    for (const DiagramArrow& a : r.lastArrows())
        if (a.objectId == objectId)
            return &a;
    return nullptr;
}

} // namespace

class TestMemoryDiagram : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void selfPointersLoopBack();
    void foreignPointersAfterSwap();
    void danglingPointerIsDashedWithCross();
    void threeKindsDrawDifferently();
    void pinBadgeAndRefusedMove();
    void heapBlockAndStraightArrow();
    void moveAnimationSlidesAndGreys();
    void exportsHaveTheRequestedSize();
};

void TestMemoryDiagram::selfPointersLoopBack()
{
    MemoryDiagramRenderer r;
    MemoryDiagramOptions o;
    o.title = QStringLiteral("pin-swap");
    r.setOptions(o);
    const QImage image = render(r, initialisedStep(), nullptr, 1.0, QStringLiteral("self"));
    QCOMPARE(r.lastArrows().size(), 2);
    for (const DiagramArrow& a : r.lastArrows()) {
        QCOMPARE(a.kind, PointerKind::SelfPointer);
        QVERIFY(a.targetDrawn);
        QCOMPARE(a.label, QStringLiteral("self"));
        QVERIFY(hasCurve(a.path));
        // It starts and ends on the right edge of its own box, and bulges out to the right.
        const QRectF box = r.boxRect(a.objectId);
        QVERIFY(box.contains(a.start - QPointF(1, 0)));
        QVERIFY(box.contains(a.end - QPointF(1, 0)));
        QVERIFY(a.path.boundingRect().right() > box.right() + 20);
        QVERIFY2(coverage(image, a.path, r.palette().selfArrow) > 0.9, "the self arrow is drawn solid");
    }
}

void TestMemoryDiagram::foreignPointersAfterSwap()
{
    MemoryDiagramRenderer r;
    const QImage image = render(r, swappedStep(), nullptr, 1.0, QStringLiteral("foreign"));
    QCOMPARE(r.lastArrows().size(), 2);
    const DiagramArrow* fromTest2 = arrowFrom(r, 2);
    QVERIFY(fromTest2);
    QCOMPARE(fromTest2->kind, PointerKind::Foreign);
    QCOMPARE(fromTest2->label, QStringLiteral("into test1.a"));
    QVERIFY(!hasCurve(fromTest2->path));
    // test2.b ends at test1's box (its row a), not at test2's own.
    const QRectF test1 = r.boxRect(1);
    QVERIFY(test1.contains(fromTest2->end - QPointF(1, 0)));
    QVERIFY(!r.boxRect(2).contains(fromTest2->end - QPointF(1, 0)));
    QVERIFY2(coverage(image, fromTest2->path, r.palette().foreignArrow) > 0.9, "the foreign arrow is drawn solid");
    // The two lanes do not share an x: the arrows are told apart.
    const DiagramArrow* fromTest1 = arrowFrom(r, 1);
    QVERIFY(fromTest1);
    QVERIFY(std::abs(fromTest1->path.boundingRect().right() - fromTest2->path.boundingRect().right()) >= 10);
}

void TestMemoryDiagram::danglingPointerIsDashedWithCross()
{
    MemoryDiagramRenderer r;
    const QImage image = render(r, movedStep(), nullptr, 1.0, QStringLiteral("dangling"));
    const DiagramArrow* d = arrowFrom(r, 2);
    QVERIFY(d);
    QCOMPARE(d->kind, PointerKind::Dangling);
    QVERIFY(d->label.startsWith(QStringLiteral("dangling")));
    QVERIFY(d->label.contains(QStringLiteral("moved out")));
    // Dashed: along the shaft, some pixels are the arrow's colour and many are gaps.
    const double c = coverage(image, d->path, r.palette().danglingArrow);
    QVERIFY2(c > 0.3 && c < 0.85, qPrintable(QStringLiteral("dashed coverage %1").arg(c)));
    // It ends on the moved-out slot, with an X (arrow colour on both diagonals), no arrowhead.
    QVERIFY(r.boxRect(1).contains(d->end - QPointF(1, 0)));
    const QPoint e = d->end.toPoint();
    QVERIFY(near(image.pixelColor(e + QPoint(-4, -4)), r.palette().danglingArrow, 80));
    QVERIFY(near(image.pixelColor(e + QPoint(4, 4)), r.palette().danglingArrow, 80));
    QVERIFY(near(image.pixelColor(e + QPoint(-4, 4)), r.palette().danglingArrow, 80));
    // The old slot is hatched grey and says "moved"; the new one is white.
    bool box1Live = true;
    for (const auto& b : r.lastBoxes())
        if (b.objectId == 1)
            box1Live = b.live;
    QVERIFY(!box1Live);
    const QRectF old = r.boxRect(1);
    const QColor oldFill = image.pixelColor(QPointF(old.left() + 3, old.bottom() - 3).toPoint());
    QVERIFY(near(oldFill, r.palette().movedFill, 30) || near(oldFill, r.palette().movedHatch, 30));
}

void TestMemoryDiagram::threeKindsDrawDifferently()
{
    MemoryDiagramRenderer r;
    const QImage selfImage = render(r, initialisedStep());
    const DiagramArrow self = r.lastArrows().front();
    const QImage foreignImage = render(r, swappedStep());
    const DiagramArrow foreign = *arrowFrom(r, 2);
    const QImage danglingImage = render(r, movedStep());
    const DiagramArrow dangling = *arrowFrom(r, 2);
    // Shape: only self curves; foreign and dangling are straight segments.
    QVERIFY(hasCurve(self.path));
    QVERIFY(!hasCurve(foreign.path));
    QVERIFY(!hasCurve(dangling.path));
    // Line: self and foreign solid, dangling dashed; checked in a colour-blind way: coverage of
    // any non-background pixel along the shaft.
    auto inkCoverage = [](const QImage& img, const QPainterPath& path) {
        int ink = 0, n = 0;
        for (double d = 14; d < path.length() - 14; d += 1.0) {
            const QPointF pt = path.pointAtPercent(path.percentAtLength(d));
            ink += !near(img.pixelColor(pt.toPoint()), Qt::white, 60);
            ++n;
        }
        return static_cast<double>(ink) / n;
    };
    QVERIFY(inkCoverage(selfImage, self.path) > 0.85);
    QVERIFY(inkCoverage(foreignImage, foreign.path) > 0.85);
    QVERIFY(inkCoverage(danglingImage, dangling.path) < 0.8);
    // Labels say which is which.
    QCOMPARE(self.label, QStringLiteral("self"));
    QVERIFY(foreign.label.startsWith(QStringLiteral("into ")));
    QVERIFY(dangling.label.startsWith(QStringLiteral("dangling")));
    // Colours differ too.
    QVERIFY(r.palette().selfArrow != r.palette().foreignArrow);
    QVERIFY(r.palette().foreignArrow != r.palette().danglingArrow);
}

void TestMemoryDiagram::pinBadgeAndRefusedMove()
{
    MemoryDiagramRenderer r;
    MemoryDiagramOptions o;
    o.title = QStringLiteral("pin-stack");
    o.stepIndex = 3;
    o.stepCount = 4;
    r.setOptions(o);
    MemoryError error;
    const MemoryStep step = pinnedStep(error);
    const QImage image = render(r, step, &error, 1.0, QStringLiteral("pinned"));
    QCOMPARE(r.lastPinBadges().size(), 1);
    const QRectF badge = r.lastPinBadges().front().rect;
    QCOMPARE(r.lastPinBadges().front().objectId, 1);
    // The badge sits on test1's box top edge, and is filled with the badge colour.
    const QRectF box = r.boxRect(1);
    QVERIFY(badge.intersects(box));
    QVERIFY(badge.top() < box.top());
    int badgePixels = 0, pinPixels = 0;
    for (int y = static_cast<int>(badge.top()) + 2; y < badge.bottom() - 2; ++y)
        for (int x = static_cast<int>(badge.left()) + 2; x < badge.right() - 2; ++x) {
            badgePixels += near(image.pixelColor(x, y), r.palette().badgeFill, 30);
            pinPixels += near(image.pixelColor(x, y), r.palette().pinHead, 40);
        }
    QVERIFY2(badgePixels > badge.width() * badge.height() * 0.3, "badge filled");
    QVERIFY2(pinPixels >= 12, "the pin's head is drawn");
    // The Pin's arrow is foreign (a pointer into test1 from another slot).
    const DiagramArrow* pin = arrowFrom(r, 3);
    QVERIFY(pin);
    QCOMPARE(pin->kind, PointerKind::Foreign);
    // The refused move: a red banner under the diagram.
    const QRectF banner = r.lastErrorBanner();
    QVERIFY(!banner.isEmpty());
    QVERIFY(banner.top() > box.bottom());
    QVERIFY(
        near(image.pixelColor(QPointF(banner.left() + 4, banner.center().y()).toPoint()), r.palette().errorFill, 20));
    // Without the error there is no banner.
    render(r, step);
    QVERIFY(r.lastErrorBanner().isEmpty());
}

void TestMemoryDiagram::heapBlockAndStraightArrow()
{
    MemoryDiagramRenderer r;
    const QImage image = render(r, heapStep(), nullptr, 1.0, QStringLiteral("heap"));
    QCOMPARE(r.lastBoxes().size(), 2);
    const QRectF stack = r.boxRect(1);
    const QRectF heap = r.boxRect(2);
    QVERIFY(heap.left() > stack.right()); // the heap is the right-hand column
    const DiagramArrow* box = arrowFrom(r, 1);
    QVERIFY(box);
    QCOMPARE(box->kind, PointerKind::Foreign);
    QVERIFY(heap.contains(box->end + QPointF(1, 0)));
    QCOMPARE(box->path.elementCount(), 2); // one straight segment
    const DiagramArrow* self = arrowFrom(r, 2);
    QVERIFY(self);
    QCOMPARE(self->kind, PointerKind::SelfPointer);
    QVERIFY(hasCurve(self->path));
    QCOMPARE(r.lastPinBadges().size(), 1);
    QCOMPARE(r.lastPinBadges().front().objectId, 2);
    QVERIFY(coverage(image, box->path, r.palette().foreignArrow) > 0.9);
}

void TestMemoryDiagram::moveAnimationSlidesAndGreys()
{
    MemoryDiagramRenderer r;
    const MemoryStep step = movedStep();
    const QImage done = render(r, step, nullptr, 1.0);
    const QRectF from = r.boxRect(1);
    const QRectF to = r.boxRect(2);
    render(r, step, nullptr, 0.5, QStringLiteral("moving"));
    // Halfway: the moved value's box is between its old and new slots, marked as moving.
    QRectF halfway;
    for (const auto& b : r.lastBoxes())
        if (b.objectId == 2) {
            QVERIFY(b.moving);
            halfway = b.rect;
        }
    QVERIFY(std::abs(halfway.top() - (from.top() + to.top()) / 2) < 1.0);
    // Its pointer's arrow still starts on the moving box.
    const DiagramArrow* d = arrowFrom(r, 2);
    QVERIFY(d);
    QVERIFY(std::abs(d->start.y() - (halfway.top() + (to.top() - to.top()) + 30 + 26 * 1.5)) < 1.0);
    // At the start the old slot is not greyed yet; at the end it is.
    const QImage start = render(r, step, nullptr, 0.0);
    const QPoint header(static_cast<int>(from.left()) + 3, static_cast<int>(from.top()) + 15);
    QVERIFY(!near(start.pixelColor(header), done.pixelColor(header), 6));
    // Progress 1 draws exactly the final state.
    QCOMPARE(render(r, step, nullptr, 1.0), done);
}

void TestMemoryDiagram::exportsHaveTheRequestedSize()
{
    MemoryDiagramOptions o;
    o.title = QStringLiteral("pin-swap: swapped");
    const MemoryStep step = swappedStep();
    const QImage image = pw::gui::renderMemoryDiagramImage(step, nullptr, 1200, 2.0, o);
    QCOMPARE(image.width(), 2400);
    MemoryDiagramOptions wide = o;
    const QSize size = pw::gui::memoryDiagramExportSize(step, nullptr, 1200, wide);
    QCOMPARE(size.width(), 1200);
    QCOMPARE(wide.scale, 1.0); // fits: drawn at its natural size, centred
    QCOMPARE(image.height(), size.height() * 2);
    // Narrower than the diagram: scaled down to fit, the height shrinking with it.
    MemoryDiagramOptions narrow = o;
    const QSize small = pw::gui::memoryDiagramExportSize(step, nullptr, 500, narrow);
    QCOMPARE(small.width(), 500);
    QVERIFY(narrow.scale < 1.0);
    QVERIFY(small.height() < size.height());
    const QImage smallImage = pw::gui::renderMemoryDiagramImage(step, nullptr, 500, 1.0, o);
    QCOMPARE(smallImage.size(), small);
}

QTEST_MAIN(TestMemoryDiagram)
#include "tst_memory_diagram.moc"
