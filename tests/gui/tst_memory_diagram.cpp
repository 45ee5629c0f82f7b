// The memory diagram: MemoryDiagramRenderer on hand-built states (one per pointer kind, a
// pinned value with a refused move, a Box::pin heap block) and on every step of the built-in
// pinning programs, checked by geometry and pixels; MemoryDiagramView's stepping, keys and move
// animation; the Memory tab; `pinwheel-cli render --step`.
//
// Set PINWHEEL_DIAGRAM_DUMP=/some/dir to keep the PNGs the tests draw, to look at them.
#include "sim/memory/memory_state.h"

#include "sim/memory/memory_interpreter.h"
#include "sim/scenario.h"
#include "sim/scenario_library.h"

#include "gui/analysis_tabs.h"
#include "gui/memory_diagram_export.h"
#include "gui/memory_diagram_renderer.h"
#include "gui/memory_diagram_view.h"
#include "gui/scenario_runner.h"

#include <QAbstractButton>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QPlainTextEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

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
    main.objects.push_back(testValue(1, "test1", 0x7ffc0010, "test2", PointerKind::Foreign, 0x7ffc0030, 2, "test2"));
    main.objects.push_back(testValue(2, "test2", 0x7ffc0030, "test1", PointerKind::Foreign, 0x7ffc0010, 1, "test1"));
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
    main.objects.push_back(
        testValue(1, "test1", 0x7ffc0010, "test1", PointerKind::SelfPointer, 0x7ffc0010, 1, "test1"));
    main.objects.push_back(
        testValue(2, "test2", 0x7ffc0030, "test2", PointerKind::SelfPointer, 0x7ffc0030, 2, "test2"));
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
    main.objects.push_back(old);
    main.objects.push_back(now);
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
    auto& objects = s.frames[0].objects;
    objects.pop_back();
    objects[0].pinned = true;
    objects[0].notUnpin = true;
    objects[0].fields.push_back(field("_marker", "PhantomPinned", 0x7ffc0030, 0, "PhantomPinned"));
    MemoryObject pin;
    pin.id = 3;
    pin.name = "pinned";
    pin.type = "Pin<&mut Test>";
    pin.address = 0x7ffc0030;
    pin.size = 8;
    pin.fields.push_back(
        pointerField("", "Pin<&mut Test>", 0x7ffc0030, PointerKind::Foreign, 0x7ffc0010, 1, "test1", ""));
    objects.push_back(pin);
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
    main.objects.push_back(b);
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

struct Program {
    QString title;
    QStringList source;
    pw::memory::MemoryTrace trace;
};

Program loadProgram(const QString& id)
{
    const pw::LoadResult loaded = pw::loadScenarioByName(id.toStdString());
    if (!loaded.scenario || !loaded.scenario->memoryProgram)
        qFatal("%s is not a loadable pinning program", qPrintable(id));
    Program p;
    p.title = QString::fromStdString(loaded.scenario->title);
    p.source = QString::fromStdString(loaded.scenario->source).split(QLatin1Char('\n'));
    p.trace = pw::memory::runMemoryProgram(loaded.scenario->source, loaded.scenario->fileName);
    return p;
}

/// What is wrong with the drawing of `step`, or an empty string: every pointer of a live value
/// has its arrow, drawn in its kind's colour (solid, or dashed for dangling); every pinned live
/// value has its badge, filled; the error has its banner.
QString checkDrawn(const MemoryDiagramRenderer& r, const QImage& image, const MemoryStep& step,
                   const MemoryError* error)
{
    int pointers = 0;
    QList<int> pinned;
    auto visit = [&](const MemoryObject& o) {
        if (!o.live)
            return;
        for (const MemoryField& f : o.fields)
            pointers += f.pointer && f.pointer->kind != PointerKind::Null;
        if (o.pinned)
            pinned << o.id;
    };
    for (const auto& frame : step.frames)
        for (const MemoryObject& o : frame.objects)
            visit(o);
    for (const MemoryObject& o : step.heap)
        visit(o);
    if (r.lastArrows().size() != pointers)
        return QStringLiteral("%1 arrows for %2 pointers").arg(r.lastArrows().size()).arg(pointers);
    for (const DiagramArrow& a : r.lastArrows()) {
        if (a.path.length() < 40)
            continue; // a short stub: too few pixels to sample
        const double c = coverage(image, a.path, r.palette().arrowColor(a.kind));
        const bool dashed = a.kind == PointerKind::Dangling;
        if (dashed ? (c < 0.25 || c > 0.9) : c < 0.85)
            return QStringLiteral("arrow %1 (%2) covers %3 of its path").arg(a.label).arg(int(a.kind)).arg(c);
    }
    if (r.lastPinBadges().size() != pinned.size())
        return QStringLiteral("%1 badges for %2 pinned values").arg(r.lastPinBadges().size()).arg(pinned.size());
    for (const auto& b : r.lastPinBadges()) {
        if (!pinned.contains(b.objectId))
            return QStringLiteral("a badge on %1, which is not pinned").arg(b.objectId);
        int fill = 0;
        for (int y = int(b.rect.top()) + 3; y < b.rect.bottom() - 3; ++y)
            for (int x = int(b.rect.left()) + 3; x < b.rect.right() - 3; ++x)
                fill += near(image.pixelColor(x, y), r.palette().badgeFill, 30);
        if (fill < b.rect.width() * b.rect.height() * 0.25)
            return QStringLiteral("the badge on %1 is not filled").arg(b.objectId);
    }
    if (bool(error) == r.lastErrorBanner().isEmpty())
        return QStringLiteral("error banner %1 but error %2").arg(!r.lastErrorBanner().isEmpty()).arg(bool(error));
    if (error &&
        !near(image.pixelColor(QPointF(r.lastErrorBanner().left() + 4, r.lastErrorBanner().center().y()).toPoint()),
              r.palette().errorFill, 20))
        return QStringLiteral("the error banner is not red");
    return {};
}

} // namespace

class TestMemoryDiagram : public QObject {
    Q_OBJECT

private slots:
    void selfPointersLoopBack();
    void foreignPointersAfterSwap();
    void danglingPointerIsDashedWithCross();
    void threeKindsDrawDifferently();
    void pinBadgeAndRefusedMove();
    void heapBlockAndStraightArrow();
    void moveAnimationSlidesAndGreys();
    void exportsHaveTheRequestedSize();
    void pinningPrograms_data();
    void pinningPrograms();
    void pinSwapPointersTurnForeign();
    void pinMoveLeavesADanglingPointer();
    void pinStackRefusesTheSwap();
    void pinHeapKeepsSelfPointersValid();
    void viewStepsWithButtonsAndKeys();
    void viewStepBackRestoresTheImage();
    void viewAnimatesMoves();
    void memoryTabShowsPinningPrograms();
    void cliRendersAStep();
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
    QVERIFY(std::abs(d->start.y() - (halfway.top() + 30 + 26 * 1.5)) < 1.0); // header 30, row 1 of 26
    // ... and ends where the pointer's address is: the old slot, which does not move.
    QVERIFY(from.contains(d->end - QPointF(1, 0)));
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

void TestMemoryDiagram::pinningPrograms_data()
{
    QTest::addColumn<QString>("id");
    for (const char* id : {"pin-swap", "pin-move", "pin-stack", "pin-heap", "async-state-machine"})
        QTest::newRow(id) << QString::fromLatin1(id);
}

void TestMemoryDiagram::pinningPrograms()
{
    QFETCH(QString, id);
    const Program program = loadProgram(id);
    QVERIFY(!program.trace.steps.empty());
    const MemoryError* error = program.trace.error ? &*program.trace.error : nullptr;
    QVERIFY(!error || error->kind != MemoryError::Kind::Parse);
    const int count = static_cast<int>(program.trace.steps.size()) + (error ? 1 : 0);
    MemoryDiagramRenderer r;
    int arrows = 0;
    for (int i = 0; i < count; ++i) {
        const bool errorStep = i >= static_cast<int>(program.trace.steps.size());
        const MemoryStep& step = errorStep ? program.trace.steps.back() : program.trace.steps[std::size_t(i)];
        MemoryDiagramOptions o;
        o.title = program.title;
        o.source = program.source;
        o.stepIndex = i;
        o.stepCount = count;
        r.setOptions(o);
        const QImage image = render(r, step, errorStep ? error : nullptr, 1.0,
                                    QStringLiteral("%1-step%2").arg(id).arg(i + 1, 2, 10, QLatin1Char('0')));
        const QString problem = checkDrawn(r, image, step, errorStep ? error : nullptr);
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("%1 step %2: %3").arg(id).arg(i + 1).arg(problem)));
        arrows += static_cast<int>(r.lastArrows().size());
        // Halfway through the step's moves, too (those whose both ends are on the diagram: a
        // value returned from a call comes from a frame that is gone).
        auto drawn = [&](int id) {
            for (const auto& b : r.lastBoxes())
                if (b.objectId == id)
                    return true;
            return false;
        };
        bool bothEnds = false;
        for (const auto& m : step.moves)
            bothEnds = bothEnds || (m.fromObjectId != m.toObjectId && drawn(m.fromObjectId) && drawn(m.toObjectId));
        if (!errorStep && bothEnds) {
            render(r, step, nullptr, 0.5,
                   QStringLiteral("%1-step%2-moving").arg(id).arg(i + 1, 2, 10, QLatin1Char('0')));
            bool moving = false;
            for (const auto& b : r.lastBoxes())
                moving = moving || b.moving;
            QVERIFY2(moving, qPrintable(QStringLiteral("%1 step %2 moves nothing").arg(id).arg(i + 1)));
        }
    }
    QVERIFY2(arrows > 0, "every pinning program has pointers to draw");
}

void TestMemoryDiagram::pinSwapPointersTurnForeign()
{
    const Program program = loadProgram(QStringLiteral("pin-swap"));
    MemoryDiagramRenderer r;
    int swap = -1;
    for (std::size_t i = 0; i < program.trace.steps.size(); ++i)
        if (program.trace.steps[i].moves.size() == 2)
            swap = static_cast<int>(i);
    QVERIFY(swap > 0);
    render(r, program.trace.steps[std::size_t(swap - 1)]);
    QCOMPARE(r.lastArrows().size(), 2);
    for (const DiagramArrow& a : r.lastArrows())
        QCOMPARE(a.kind, PointerKind::SelfPointer);
    render(r, program.trace.steps[std::size_t(swap)], nullptr, 1.0, QStringLiteral("pin-swap-swapped"));
    QCOMPARE(r.lastArrows().size(), 2);
    QStringList labels;
    for (const DiagramArrow& a : r.lastArrows()) {
        QCOMPARE(a.kind, PointerKind::Foreign);
        QVERIFY(!hasCurve(a.path));
        labels << a.label;
    }
    labels.sort();
    QCOMPARE(labels, QStringList({QStringLiteral("into test1.a"), QStringLiteral("into test2.a")}));
}

void TestMemoryDiagram::pinMoveLeavesADanglingPointer()
{
    const Program program = loadProgram(QStringLiteral("pin-move"));
    QVERIFY(program.trace.error);
    QCOMPARE(program.trace.error->kind, MemoryError::Kind::Panic); // the book's failing assertion
    int move = -1;
    for (std::size_t i = 0; i < program.trace.steps.size(); ++i)
        if (move < 0 && !program.trace.steps[i].moves.empty() &&
            program.source.value(program.trace.steps[i].line - 1).contains(QStringLiteral("let mut example = example")))
            move = static_cast<int>(i);
    QVERIFY(move >= 0);
    MemoryDiagramRenderer r;
    render(r, program.trace.steps[std::size_t(move)]);
    int dangling = 0;
    for (const DiagramArrow& a : r.lastArrows()) {
        if (a.kind != PointerKind::Dangling)
            continue;
        ++dangling;
        QVERIFY(a.targetDrawn);
        QVERIFY(a.label.contains(QStringLiteral("moved out")));
        // It ends on the moved-out slot, which is drawn greyed.
        bool endsOnDeadSlot = false;
        for (const auto& b : r.lastBoxes())
            endsOnDeadSlot = endsOnDeadSlot || (!b.live && b.rect.contains(a.end - QPointF(1, 0)));
        QVERIFY(endsOnDeadSlot);
    }
    QCOMPARE(dangling, 1);
}

void TestMemoryDiagram::pinStackRefusesTheSwap()
{
    const Program program = loadProgram(QStringLiteral("pin-stack"));
    QVERIFY(program.trace.error);
    const MemoryError& error = *program.trace.error;
    QCOMPARE(error.kind, MemoryError::Kind::Refused);
    QVERIFY(program.source.value(error.line - 1).contains(QStringLiteral("std::mem::swap")));
    MemoryDiagramRenderer r;
    MemoryDiagramOptions o;
    o.title = program.title;
    o.source = program.source;
    r.setOptions(o);
    const QImage image = render(r, program.trace.steps.back(), &error, 1.0, QStringLiteral("pin-stack-refused"));
    QVERIFY(!r.lastErrorBanner().isEmpty());
    // Both values are pinned where they are, with a badge each.
    QCOMPARE(r.lastPinBadges().size(), 2);
    for (const auto& b : r.lastPinBadges())
        QVERIFY(r.boxRect(b.objectId).intersects(b.rect));
    // The banner is under every box.
    for (const auto& b : r.lastBoxes())
        QVERIFY(b.rect.bottom() < r.lastErrorBanner().top());
    QVERIFY(checkDrawn(r, image, program.trace.steps.back(), &error).isEmpty());
}

void TestMemoryDiagram::pinHeapKeepsSelfPointersValid()
{
    const Program program = loadProgram(QStringLiteral("pin-heap"));
    QVERIFY(!program.trace.error);
    MemoryDiagramRenderer r;
    render(r, program.trace.steps.back(), nullptr, 1.0, QStringLiteral("pin-heap-last"));
    int selfOnHeap = 0, intoHeap = 0;
    for (const DiagramArrow& a : r.lastArrows()) {
        bool fromHeap = false;
        for (const auto& b : r.lastBoxes())
            if (b.objectId == a.objectId)
                fromHeap = b.heap;
        if (a.kind == PointerKind::SelfPointer && fromHeap)
            ++selfOnHeap;
        if (a.kind == PointerKind::Foreign && !fromHeap)
            ++intoHeap;
        QVERIFY(a.kind != PointerKind::Dangling);
    }
    QCOMPARE(selfOnHeap, 2); // test1's and test2's b, valid: the boxes never moved
    QVERIFY(intoHeap >= 2);  // the Pin<Box<Test>> on the stack points at its heap block
    int heapBadges = 0;
    for (const auto& badge : r.lastPinBadges())
        for (const auto& b : r.lastBoxes())
            heapBadges += b.objectId == badge.objectId && b.heap;
    QCOMPARE(heapBadges, 2);
}

void TestMemoryDiagram::viewStepsWithButtonsAndKeys()
{
    const Program program = loadProgram(QStringLiteral("pin-swap"));
    auto trace = std::make_shared<const pw::memory::MemoryTrace>(program.trace);
    pw::gui::MemoryDiagramView view;
    view.setAnimationDuration(0);
    QSignalSpy lines(&view, &pw::gui::MemoryDiagramView::currentLineChanged);
    view.setTrace(trace, program.title, program.source.join(QLatin1Char('\n')));
    const int count = view.stepCount();
    QCOMPARE(count, static_cast<int>(trace->steps.size()));
    QCOMPARE(view.currentStep(), 0);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.last().at(0).toInt(), trace->steps[0].line);
    QTest::keyClick(&view, Qt::Key_Right);
    QCOMPARE(view.currentStep(), 1);
    QCOMPARE(lines.last().at(0).toInt(), trace->steps[1].line);
    QTest::keyClick(&view, Qt::Key_End);
    QCOMPARE(view.currentStep(), count - 1);
    QCOMPARE(lines.last().at(0).toInt(), trace->steps.back().line);
    QTest::keyClick(&view, Qt::Key_Right); // at the end: stays
    QCOMPARE(view.currentStep(), count - 1);
    QTest::keyClick(&view, Qt::Key_Home);
    QCOMPARE(view.currentStep(), 0);
    const int emitted = static_cast<int>(lines.size());
    QTest::keyClick(&view, Qt::Key_Left); // at the start: stays, nothing emitted
    QCOMPARE(view.currentStep(), 0);
    QCOMPARE(lines.size(), emitted);
    auto* forward = view.findChild<QAbstractButton*>(QStringLiteral("memoryForward"));
    auto* back = view.findChild<QAbstractButton*>(QStringLiteral("memoryBack"));
    QVERIFY(forward && back);
    QVERIFY(!back->isEnabled());
    forward->click();
    forward->click();
    QCOMPARE(view.currentStep(), 2);
    back->click();
    QCOMPARE(view.currentStep(), 1);
    // A refused program has one more step: the error, on the error's line.
    const Program stack = loadProgram(QStringLiteral("pin-stack"));
    view.setTrace(std::make_shared<const pw::memory::MemoryTrace>(stack.trace), stack.title,
                  stack.source.join(QLatin1Char('\n')));
    QCOMPARE(view.stepCount(), static_cast<int>(stack.trace.steps.size()) + 1);
    view.lastStep();
    QCOMPARE(view.currentLine(), stack.trace.error->line);
    QCOMPARE(lines.last().at(0).toInt(), stack.trace.error->line);
}

void TestMemoryDiagram::viewStepBackRestoresTheImage()
{
    pw::gui::MemoryDiagramView view;
    view.setAnimationDuration(0);
    view.resize(1100, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // pin-stack ends with its refused step: stepping onto and off the error restores too.
    for (const QString& id : {QStringLiteral("pin-swap"), QStringLiteral("pin-stack")}) {
        const Program program = loadProgram(id);
        view.setTrace(std::make_shared<const pw::memory::MemoryTrace>(program.trace), program.title,
                      program.source.join(QLatin1Char('\n')));
        for (int i = 0; i + 1 < view.stepCount(); ++i) {
            view.setStep(i);
            const QImage before = view.grabDiagram();
            view.stepForward();
            const QImage after = view.grabDiagram();
            view.stepBack();
            QCOMPARE(view.currentStep(), i);
            QVERIFY2(view.grabDiagram() == before, qPrintable(QStringLiteral("%1 step %2").arg(id).arg(i + 1)));
            QVERIFY(after != before); // another step: at least "step k of n" and the caption differ
        }
    }
}

void TestMemoryDiagram::viewAnimatesMoves()
{
    const Program program = loadProgram(QStringLiteral("pin-swap"));
    int swap = -1;
    for (std::size_t i = 0; i < program.trace.steps.size(); ++i)
        if (program.trace.steps[i].moves.size() == 2)
            swap = static_cast<int>(i);
    QVERIFY(swap > 0);
    pw::gui::MemoryDiagramView view;
    view.resize(1100, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setTrace(std::make_shared<const pw::memory::MemoryTrace>(program.trace), program.title,
                  program.source.join(QLatin1Char('\n')));
    view.setStep(swap);
    const QImage final = view.grabDiagram();
    view.setStep(swap - 1);
    view.stepForward();
    QVERIFY(view.animating());
    QVERIFY(view.moveProgress() < 1.0);
    QTest::qWait(120);
    QVERIFY(view.grabDiagram() != final); // mid-slide
    QTRY_VERIFY_WITH_TIMEOUT(!view.animating(), 3000);
    QCOMPARE(view.moveProgress(), 1.0);
    QVERIFY(view.grabDiagram() == final);
    // Stepping back does not animate.
    view.stepBack();
    QVERIFY(!view.animating());
    // Tooltips explain what is under the pointer: an arrow, a value.
    view.grabDiagram();
    const auto& arrows = view.renderer().lastArrows();
    QVERIFY(!arrows.isEmpty());
    const QPointF onSelf = arrows.front().path.pointAtPercent(0.5);
    QVERIFY2(view.tooltipAt(onSelf.toPoint()).contains(QStringLiteral("self-pointer")),
             qPrintable(view.tooltipAt(onSelf.toPoint())));
    const QRectF box = view.renderer().lastBoxes().front().rect;
    QVERIFY(view.tooltipAt(box.center().toPoint()).contains(QStringLiteral("on the stack")));
    QVERIFY(view.tooltipAt(QPoint(2, 2)).isEmpty());
}

void TestMemoryDiagram::memoryTabShowsPinningPrograms()
{
    pw::gui::AnalysisTabs tabs;
    const int memoryTab = tabs.indexOf(tabs.memory());
    QVERIFY(memoryTab >= 0);
    QVERIFY(!tabs.isTabVisible(memoryTab));
    tabs.setProgram(pw::gui::loadScenario(QStringLiteral("pin-swap")));
    QVERIFY(tabs.hasMemoryDiagram());
    QVERIFY(tabs.isTabVisible(memoryTab));
    QCOMPARE(tabs.currentWidget(), tabs.memory());
    QVERIFY(tabs.memory()->stepCount() > 3);
    QVERIFY(tabs.memory()->desugarPanel()->isHidden()); // no async code in pin-swap
    // An async program: the desugared state machines beside the diagram.
    tabs.setProgram(pw::gui::loadScenario(QStringLiteral("async-state-machine")));
    QVERIFY(!tabs.memory()->desugarPanel()->isHidden());
    const QString desugared = tabs.memory()->desugarPanel()->toPlainText();
    QVERIFY2(desugared.contains(QStringLiteral("enum ")) && desugared.contains(QStringLiteral("Suspend0")),
             qPrintable(desugared));
    tabs.setProgram(pw::gui::loadScenario(QStringLiteral("coffee-toast")));
    QVERIFY(!tabs.hasMemoryDiagram());
    QVERIFY(!tabs.isTabVisible(memoryTab));
    QVERIFY(tabs.currentWidget() != tabs.memory());
}

void TestMemoryDiagram::cliRendersAStep()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto cli = [](const QStringList& args, QString* err = nullptr) {
        QProcess p;
        p.start(QStringLiteral(PINWHEEL_CLI), QStringList{QStringLiteral("render")} + args);
        p.waitForFinished(60000);
        if (err)
            *err = QString::fromUtf8(p.readAllStandardError());
        return p.exitCode();
    };
    const Program program = loadProgram(QStringLiteral("pin-swap"));
    const int step = 3;
    MemoryDiagramOptions o;
    o.title = program.title;
    const QSize expected =
        pw::gui::memoryDiagramExportSize(program.trace.steps[std::size_t(step - 1)], nullptr, 1000, o);
    const QString png = dir.filePath(QStringLiteral("d.png"));
    QCOMPARE(cli({QStringLiteral("pin-swap"), QStringLiteral("--step"), QString::number(step), QStringLiteral("--out"),
                  png, QStringLiteral("--width"), QStringLiteral("1000")}),
             0);
    QImage image(png);
    QCOMPARE(image.size(), expected);
    const QString png2 = dir.filePath(QStringLiteral("d2.png"));
    QCOMPARE(
        cli({QStringLiteral("pin-swap"), QStringLiteral("--step"), QString::number(step), QStringLiteral("--out"), png2,
             QStringLiteral("--width"), QStringLiteral("1000"), QStringLiteral("--scale"), QStringLiteral("2")}),
        0);
    QCOMPARE(QImage(png2).size(), expected * 2);
    // Without --width: 1280 px.
    const QString png3 = dir.filePath(QStringLiteral("d3.png"));
    QCOMPARE(cli({QStringLiteral("pin-swap"), QStringLiteral("--step"), QString::number(step), QStringLiteral("--out"),
                  png3}),
             0);
    QCOMPARE(QImage(png3).width(), 1280);
    const QString svg = dir.filePath(QStringLiteral("d.svg"));
    QCOMPARE(cli({QStringLiteral("pin-swap"), QStringLiteral("--step"), QString::number(step), QStringLiteral("--out"),
                  svg, QStringLiteral("--width"), QStringLiteral("1000")}),
             0);
    QFile f(svg);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    QVERIFY(text.contains(QStringLiteral("viewBox=\"0 0 %1 %2\"").arg(expected.width()).arg(expected.height())));
    QVERIFY2(text.contains(QRegularExpression(
                 QStringLiteral(">\\s*%1\\s*</text>").arg(QRegularExpression::escape(program.title)))),
             "the title is SVG text");
    QString err;
    QCOMPARE(
        cli({QStringLiteral("pin-swap"), QStringLiteral("--step"), QStringLiteral("999"), QStringLiteral("--out"), png},
            &err),
        1);
    QVERIFY2(err.contains(QStringLiteral("--step 999 is out of range")), qPrintable(err));
    QCOMPARE(cli({QStringLiteral("coffee-toast"), QStringLiteral("--step"), QStringLiteral("1"),
                  QStringLiteral("--out"), png},
                 &err),
             1);
    QVERIFY2(err.contains(QStringLiteral("pinning program")), qPrintable(err));
    QCOMPARE(cli({QStringLiteral("pin-swap"), QStringLiteral("--step"), QStringLiteral("1"), QStringLiteral("--from"),
                  QStringLiteral("1"), QStringLiteral("--out"), png},
                 &err),
             1);
}

QTEST_MAIN(TestMemoryDiagram)
#include "tst_memory_diagram.moc"
