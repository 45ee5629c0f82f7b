// The memory model of pinning programs (sim/memory/, docs/pinning.md): addresses, moves,
// pointer classification, the refusals rustc makes, panics, parse errors and the async state
// machine. The built-ins' full step-by-step states are in the golden files (tst_scenarios).
#ifndef Q_MOC_RUN // moc 6.4 cannot parse C++20 <concepts>
#include "sim/lang/parser.h"
#include "sim/memory/async_desugar.h"
#include "sim/memory/memory_interpreter.h"
#include "sim/memory/memory_text.h"
#include "sim/scenario_library.h"
#endif

#include <algorithm>

#include <QtTest>

using namespace pw;
using namespace pw::memory;

namespace {

MemoryTrace runBuiltIn(const std::string& id)
{
    return runMemoryProgram(builtInScenarioSource(id), id + ".rs");
}

/// The last object named `name` that is live (or, with live = false, moved out / freed).
const MemoryObject* findObject(const MemoryStep& s, const std::string& name, bool live = true)
{
    const MemoryObject* found = nullptr;
    for (const auto& f : s.frames)
        for (const auto& o : f.objects)
            if (o.name == name && o.live == live)
                found = &o;
    for (const auto& o : s.heap)
        if (o.name == name && o.live == live)
            found = &o;
    return found;
}

const MemoryField* findField(const MemoryObject& o, const std::string& name)
{
    for (const auto& f : o.fields)
        if (f.name == name)
            return &f;
    return nullptr;
}

/// The first step whose source line is `line` and that runs in `function`.
const MemoryStep* stepAt(const MemoryTrace& t, int line, const std::string& function = "main")
{
    for (const auto& s : t.steps)
        if (s.line == line && s.function == function)
            return &s;
    return nullptr;
}

std::string lineOf(const std::string& source, const std::string& needle)
{
    const auto at = source.find(needle);
    return at == std::string::npos ? "" : std::to_string(1 + std::count(source.begin(), source.begin() + at, '\n'));
}

const std::string kTestStruct = R"(use std::pin::Pin;
use std::marker::PhantomPinned;

struct Test {
    a: String,
    b: *const String,
    _marker: PhantomPinned,
}

impl Test {
    fn new(txt: &str) -> Self {
        Test { a: String::from(txt), b: std::ptr::null(), _marker: PhantomPinned }
    }
}

struct Plain {
    value: usize,
}
)";

MemoryTrace runMain(const std::string& body)
{
    return runMemoryProgram(kTestStruct + "\n#[pinwheel(memory)]\nfn main() {\n" + body + "}\n", "t.rs");
}

} // namespace

class TestMemoryModel : public QObject {
    Q_OBJECT
private slots:
    void addressesAreReadable()
    {
        QCOMPARE(formatAddress(0x7ffc0010), std::string("0x7ffc_0010"));
        QCOMPARE(formatAddress(0x555500001000ULL), std::string("0x5555_0000_1000"));
        QCOMPARE(formatAddress(0x10), std::string("0x10"));
        QCOMPARE(formatAddress(0), std::string("0x0"));
    }

    // ---- the books' programs ----------------------------------------------------------------

    void pinSwapPrintsAsTheBookAndPointsIntoTheOtherObject()
    {
        const MemoryTrace t = runBuiltIn("pin-swap");
        QVERIFY(!t.error);
        QCOMPARE(t.output, (std::vector<std::string>{"a: test1, b: test1", "a: test1, b: test2"}));
        const std::string src = builtInScenarioSource("pin-swap");
        const int swapLine = std::stoi(lineOf(src, "std::mem::swap(&mut test1"));
        const MemoryStep* swap = stepAt(t, swapLine);
        QVERIFY(swap);
        QCOMPARE(swap->moves.size(), std::size_t(2));
        QCOMPARE(swap->moves[0].from, Address(0x7ffc0010));
        QCOMPARE(swap->moves[0].to, Address(0x7ffc0030));
        QCOMPARE(swap->moves[0].size, std::uint64_t(32));
        const MemoryObject* test1 = findObject(*swap, "test1");
        const MemoryObject* test2 = findObject(*swap, "test2");
        QVERIFY(test1 && test2);
        QCOMPARE(test1->address, Address(0x7ffc0010));
        QCOMPARE(test2->address, Address(0x7ffc0030));
        QCOMPARE(findField(*test2, "a")->value, std::string("\"test1\""));
        const MemoryField* b = findField(*test2, "b");
        QVERIFY(b && b->pointer);
        QCOMPARE(b->pointer->kind, PointerKind::Foreign);
        QCOMPARE(b->pointer->target, Address(0x7ffc0010));
        QCOMPARE(b->pointer->targetObjectName, std::string("test1"));
        QCOMPARE(b->pointer->targetField, std::string("a"));
        QCOMPARE(findField(*test1, "b")->pointer->kind, PointerKind::Foreign);
    }

    void initMakesASelfPointerFromNull()
    {
        const MemoryTrace t = runBuiltIn("pin-swap");
        const std::string src = builtInScenarioSource("pin-swap");
        const MemoryStep* created = stepAt(t, std::stoi(lineOf(src, "let mut test1 = Test::new")));
        const MemoryStep* inited = stepAt(t, std::stoi(lineOf(src, "test1.init();")));
        QVERIFY(created && inited);
        const MemoryField* before = findField(*findObject(*created, "test1"), "b");
        QCOMPARE(before->pointer->kind, PointerKind::Null);
        QCOMPARE(before->value, std::string("0x0"));
        const MemoryField* after = findField(*findObject(*inited, "test1"), "b");
        QCOMPARE(after->pointer->kind, PointerKind::SelfPointer);
        QCOMPARE(after->pointer->targetField, std::string("a"));
        QCOMPARE(after->value, std::string("0x7ffc_0010"));
    }

    void pinMoveReadsTheStaleValueAndTheLastAssertionFails()
    {
        const MemoryTrace t = runBuiltIn("pin-move");
        QVERIFY(t.error);
        QCOMPARE(t.error->kind, MemoryError::Kind::Panic);
        const std::string src = builtInScenarioSource("pin-move");
        QCOMPARE(std::to_string(t.error->line), lineOf(src, "assert_eq!(example.get_value(), 3);"));
        QCOMPARE(t.error->col, 5);
        QVERIFY2(t.error->rendered.find("panicked at pin-move.rs:" + std::to_string(t.error->line) +
                                        ":5:\nassertion `left == right` failed\n  left: 2\n right: 3") !=
                     std::string::npos,
                 t.error->rendered.c_str());
        const MemoryStep* moved = stepAt(t, std::stoi(lineOf(src, "let mut example = example;")));
        QVERIFY(moved);
        QCOMPARE(moved->moves.size(), std::size_t(1));
        QCOMPARE(moved->moves[0].from, Address(0x7ffc0010));
        QCOMPARE(moved->moves[0].to, Address(0x7ffc0028));
        const MemoryObject* old = findObject(*moved, "example", false);
        QVERIFY(old && !old->live && old->address == 0x7ffc0010);
        const MemoryObject* now = findObject(*moved, "example");
        QVERIFY(now && now->address == 0x7ffc0028);
        const MemoryField* ref = findField(*now, "reference_to_value");
        QCOMPARE(ref->pointer->kind, PointerKind::Dangling);
        QCOMPARE(ref->pointer->target, Address(0x7ffc0010));
        QCOMPARE(ref->pointer->targetObjectId, old->id);
        // the last step before the panic read the old slot: value 2 while the new one holds 3
        const MemoryStep& last = t.steps.back();
        QCOMPARE(findField(*findObject(last, "example"), "value")->value, std::string("3"));
        QCOMPARE(findField(*findObject(last, "example", false), "value")->value, std::string("2"));
        QVERIFY(last.description.find("stale value 2") != std::string::npos);
    }

    void pinStackSwapIsRefusedLikeRustc()
    {
        const MemoryTrace t = runBuiltIn("pin-stack");
        QVERIFY(t.error);
        QCOMPARE(t.error->kind, MemoryError::Kind::Refused);
        QCOMPARE(t.error->code, std::string("E0277"));
        QCOMPARE(t.error->message, std::string("`PhantomPinned` cannot be unpinned"));
        const std::string src = builtInScenarioSource("pin-stack");
        const std::string line = lineOf(src, "std::mem::swap(test1.get_mut()");
        QCOMPARE(std::to_string(t.error->line), line);
        QCOMPARE(t.error->col, 26);
        QVERIFY2(t.error->rendered.find("error[E0277]: `PhantomPinned` cannot be unpinned\n  --> pin-stack.rs:" + line +
                                        ":26\n") == 0,
                 t.error->rendered.c_str());
        QVERIFY(t.error->rendered.find("    std::mem::swap(test1.get_mut(), test2.get_mut());\n   |"
                                       "                          ^^^^^^^ within `Test`, the trait `Unpin` is not "
                                       "implemented for `PhantomPinned`") != std::string::npos);
        QVERIFY(t.error->rendered.find("required by a bound in `Pin::<&'a mut T>::get_mut`") != std::string::npos);
        // the lines before the refused one ran: both values pinned, each pointing at itself
        QCOMPARE(t.output, std::vector<std::string>{"a: test1, b: test1"});
        const MemoryStep& last = t.steps.back();
        for (const char* name : {"test1", "test2"}) {
            const MemoryObject* pinned = nullptr;
            for (const auto& o : last.frames.front().objects)
                if (o.name == name && o.type == "Test")
                    pinned = &o;
            QVERIFY(pinned);
            QVERIFY(pinned->pinned);
            QVERIFY(pinned->notUnpin);
            QCOMPARE(findField(*pinned, "b")->pointer->kind, PointerKind::SelfPointer);
        }
    }

    void pinHeapKeepsTheValueWhileTheBoxMoves()
    {
        const MemoryTrace t = runBuiltIn("pin-heap");
        QVERIFY(!t.error);
        QCOMPARE(t.output, (std::vector<std::string>{"a: test1, b: test1", "a: test2, b: test2"}));
        const MemoryStep* boxed = nullptr;
        for (const auto& s : t.steps)
            if (!s.moves.empty() && s.moves[0].to == 0x555500001000ULL)
                boxed = &s;
        QVERIFY2(boxed, "Box::pin moves the value from the stack to the heap");
        QCOMPARE(boxed->function, std::string("Test::new"));
        QCOMPARE(boxed->moves[0].size, std::uint64_t(32));
        const MemoryStep& last = t.steps.back();
        QCOMPARE(last.heap.size(), std::size_t(2));
        for (const auto& block : last.heap) {
            QVERIFY(block.pinned && block.live && block.notUnpin);
            QCOMPARE(findField(block, "b")->pointer->kind, PointerKind::SelfPointer);
            QCOMPARE(findField(block, "b")->pointer->target, block.address);
        }
        const MemoryObject* test1 = findObject(last, "test1");
        QCOMPARE(test1->type, std::string("Pin<Box<Test>>"));
        QCOMPARE(test1->size, std::uint64_t(8));
        QCOMPARE(test1->fields.at(0).pointer->kind, PointerKind::Foreign);
        QCOMPARE(test1->fields.at(0).pointer->target, Address(0x555500001000ULL));
    }

    void asyncStateMachineHoldsAPointerBetweenItsFields()
    {
        const MemoryTrace t = runBuiltIn("async-state-machine");
        QVERIFY2(!t.error, t.error ? t.error->rendered.c_str() : "");
        QCOMPARE(t.output.size(), std::size_t(1));
        QVERIFY(t.output[0].rfind("[72, 105, 0, 0, ", 0) == 0);
        QCOMPARE(std::count(t.output[0].begin(), t.output[0].end(), ','), 127L);
        const MemoryStep* suspended = nullptr;
        for (const auto& s : t.steps)
            if (s.description.find("state Suspend0") != std::string::npos)
                suspended = &s;
        QVERIFY(suspended);
        const MemoryObject* fut = findObject(*suspended, "future");
        QVERIFY(fut && fut->pinned && fut->notUnpin);
        QCOMPARE(fut->variant, std::string("Suspend0"));
        const MemoryField* x = findField(*fut, "x");
        const MemoryField* buf = findField(*fut, "read_into_buf_fut.buf");
        QVERIFY(x && buf);
        QCOMPARE(x->type, std::string("[u8; 128]"));
        QCOMPARE(buf->depth, 1);
        QCOMPARE(buf->pointer->kind, PointerKind::SelfPointer);
        QCOMPARE(buf->pointer->target, x->address);
        QCOMPARE(buf->pointer->targetField, std::string("x"));
        QCOMPARE(t.steps.back().frames.size(), std::size_t(1));
        QCOMPARE(t.stateMachines.size(), std::size_t(2));
        QVERIFY(t.stateMachines[0].find("enum AsyncFuture {") != std::string::npos);
        QVERIFY(t.stateMachines[0].find("    Suspend0 {\n        x: [u8; 128],\n        read_into_buf_fut: "
                                        "ReadIntoBufFuture<'_>, // holds a reference to `x`") != std::string::npos);
    }

    void desugarListsTheLocalsHeldAcrossEachAwait()
    {
        const std::string src = R"(async fn step(n: u32) -> u32 { n }
async fn two_steps(a: u32) -> u32 {
    let first = step(a);
    let before = 7;
    let one = first.await;
    let unused_later = 1;
    let second = step(one + unused_later);
    second.await + before
}
fn plain() {}
)";
        const lang::ParseResult p = lang::parseProgram("d.rs", src);
        QVERIFY(p.program);
        const std::string text = desugarAsyncFn(*p.program, "two_steps");
        QVERIFY2(text.find("enum TwoStepsFuture {") != std::string::npos, text.c_str());
        QVERIFY(text.find("Unresumed { a: u32 }") != std::string::npos);
        QVERIFY(text.find("Suspend0 {\n        first: StepFuture<'_>,\n        before: _,\n    },") !=
                std::string::npos);
        QVERIFY(text.find("Suspend1 {\n        before: _,\n        second: StepFuture<'_>,\n    },") !=
                std::string::npos);
        QVERIFY(text.find("Suspend2") == std::string::npos);
        QVERIFY(desugarAsyncFn(*p.program, "plain").find("not an `async fn`") != std::string::npos);
        QVERIFY(desugarAsyncFn(*p.program, "nope").find("no fn named") != std::string::npos);
    }

    // ---- pointer classification -----------------------------------------------------------

    void pointerIntoAPoppedFrameDangles()
    {
        const MemoryTrace t = runMemoryProgram(R"(fn leak() -> *const usize {
    let local: usize = 5;
    &local as *const usize
}
#[pinwheel(memory)]
fn main() {
    let p = leak();
    let q: *const usize = std::ptr::null();
}
)",
                                               "d.rs");
        QVERIFY2(!t.error, t.error ? t.error->rendered.c_str() : "");
        const MemoryStep& last = t.steps.back();
        const MemoryObject* p = findObject(last, "p");
        QCOMPARE(p->fields.at(0).pointer->kind, PointerKind::Dangling);
        QCOMPARE(p->fields.at(0).pointer->target, Address(0x7ffc1010));
        QCOMPARE(findObject(last, "q")->fields.at(0).pointer->kind, PointerKind::Null);
    }

    void pointerIntoAFreedBoxDangles()
    {
        const MemoryTrace t = runMemoryProgram(R"(fn make() -> *const usize {
    let b = Box::new(5usize);
    &*b as *const usize
}
#[pinwheel(memory)]
fn main() {
    let p = make();
    let kept = Box::new(7usize);
}
)",
                                               "h.rs");
        QVERIFY2(!t.error, t.error ? t.error->rendered.c_str() : "");
        const MemoryStep& last = t.steps.back();
        QCOMPARE(last.heap.size(), std::size_t(2));
        QVERIFY(!last.heap[0].live); // freed when `make` returned and dropped `b`
        QVERIFY(last.heap[1].live);
        QCOMPARE(last.heap[1].address, Address(0x555500001100ULL));
        const MemoryField& p = findObject(last, "p")->fields.at(0);
        QCOMPARE(p.pointer->kind, PointerKind::Dangling);
        QCOMPARE(p.pointer->target, Address(0x555500001000ULL));
        QCOMPARE(p.pointer->targetObjectName, std::string("Box #1"));
        QCOMPARE(findObject(last, "kept")->fields.at(0).pointer->kind, PointerKind::Foreign);
    }

    // ---- refusals -------------------------------------------------------------------------

    void pinOnAnUnpinTypeFrom000()
    {
        // 000's second listing: Pin::new on an Unpin type, mutation through the pin, moving the
        // pin; then the two commented-out lines, each refused as rustc refuses them.
        const std::string listing = R"(use std::pin::Pin;
struct ExampleOfSelfReference {
    value: usize,
    reference_to_value: Option<*const usize>,
}
impl ExampleOfSelfReference {
    fn new(value: usize) -> Self {
        Self { value, reference_to_value: None }
    }
    fn set_reference(&mut self) {
        self.reference_to_value = Some(&raw const self.value);
    }
    fn get_value(&self) -> usize {
        unsafe { *self.reference_to_value.expect("Did not set_reference") }
    }
}
#[pinwheel(memory)]
fn main() {
    let mut example = ExampleOfSelfReference::new(1);
    example.set_reference();
    let mut pinned_example = Pin::new(&mut example);
    assert_eq!(pinned_example.get_value(), 1);
    // example.value = 2;
    // let example = example;
    pinned_example.value = 2;
    assert_eq!(pinned_example.get_value(), 2);
    let mut pinned_example = pinned_example;
    pinned_example.value = 3;
    assert_eq!(pinned_example.get_value(), 3);
}
)";
        const MemoryTrace ok = runMemoryProgram(listing, "000.rs");
        QVERIFY2(!ok.error, ok.error ? ok.error->rendered.c_str() : "");
        const MemoryObject* example = findObject(ok.steps.back(), "example");
        QVERIFY(example && example->pinned && !example->notUnpin);
        QCOMPARE(findField(*example, "value")->value, std::string("3"));
        QCOMPARE(findField(*example, "reference_to_value")->pointer->kind, PointerKind::SelfPointer);

        std::string assign = listing;
        assign.replace(assign.find("// example.value = 2;"), 3, "");
        const MemoryTrace a = runMemoryProgram(assign, "000.rs");
        QVERIFY(a.error);
        QCOMPARE(a.error->code, std::string("E0506"));
        QCOMPARE(a.error->message, std::string("cannot assign to `example.value` because it is borrowed"));
        QCOMPARE(a.error->line, 23);
        QVERIFY2(a.error->rendered.find("21 |     let mut pinned_example = Pin::new(&mut example);\n"
                                        "   |                                       ------------ borrow of `example` "
                                        "occurs here") != std::string::npos,
                 a.error->rendered.c_str());
        QVERIFY(a.error->rendered.find("25 |     pinned_example.value = 2;\n   |     -------------- borrow later used "
                                       "here") != std::string::npos);

        std::string move = listing;
        move.replace(move.find("// let example = example;"), 3, "");
        const MemoryTrace m = runMemoryProgram(move, "000.rs");
        QVERIFY(m.error);
        QCOMPARE(m.error->code, std::string("E0505"));
        QCOMPARE(m.error->line, 24);
        QCOMPARE(m.error->col, 19);
    }

    void pinNewOnANotUnpinTypeIsRefused()
    {
        const MemoryTrace t = runMain("    let mut t = Test::new(\"x\");\n    let p = Pin::new(&mut t);\n");
        QVERIFY(t.error);
        QCOMPARE(t.error->code, std::string("E0277"));
        QCOMPARE(t.error->line, 23);
        QCOMPARE(t.error->col, 22);
        QVERIFY2(t.error->rendered.find("let p = Pin::new(&mut t);\n   |             -------- ^^^^^^ within `Test`") !=
                     std::string::npos,
                 t.error->rendered.c_str());
        QVERIFY(t.error->rendered.find("required by a bound introduced by this call") != std::string::npos);
        QCOMPARE(t.steps.size(), std::size_t(2)); // Test::new's return and the let
    }

    void pinNewOnAnUnpinTypeIsFine()
    {
        const MemoryTrace t = runMain("    let mut v = Plain { value: 1 };\n    let mut p = Pin::new(&mut v);\n"
                                      "    p.value = 2;\n    println!(\"{}\", p.value);\n");
        QVERIFY2(!t.error, t.error ? t.error->rendered.c_str() : "");
        QCOMPARE(t.output, std::vector<std::string>{"2"});
        QVERIFY(findObject(t.steps.back(), "v")->pinned);
        QVERIFY(!findObject(t.steps.back(), "v")->notUnpin);
    }

    void movingAValueAPinStillBorrowsIsRefused()
    {
        // 000's commented-out line `let example = example;` while the pin is used afterwards
        const MemoryTrace t = runMain("    let mut v = Plain { value: 1 };\n    let mut p = Pin::new(&mut v);\n"
                                      "    let w = v;\n    p.value = 2;\n");
        QVERIFY(t.error);
        QCOMPARE(t.error->code, std::string("E0505"));
        QCOMPARE(t.error->message, std::string("cannot move out of `v` because it is borrowed"));
        QCOMPARE(t.error->line, 24);
        QCOMPARE(t.error->col, 13);
        QVERIFY2(t.error->rendered.find("borrow of `v` occurs here") != std::string::npos, t.error->rendered.c_str());
        QVERIFY(t.error->rendered.find("25 |     p.value = 2;\n   |     - borrow later used here") !=
                std::string::npos);
    }

    void printingAndComparingDoNotMove()
    {
        const MemoryTrace t = runMain("    let s = String::from(\"x\");\n    println!(\"{} {s}\", s);\n"
                                      "    assert_eq!(s, \"x\".to_string());\n    let moved = s;\n");
        QVERIFY2(!t.error, t.error ? t.error->rendered.c_str() : "");
        QCOMPARE(t.output, std::vector<std::string>{"x x"});
        QVERIFY(findObject(t.steps.back(), "s", false));
    }

    void aSecondMutableBorrowOfAPinnedValueIsRefused()
    {
        const MemoryTrace t = runMain("    let mut v = Plain { value: 1 };\n    let mut p = Pin::new(&mut v);\n"
                                      "    let r = &mut v;\n    p.value = 2;\n");
        QVERIFY(t.error);
        QCOMPARE(t.error->code, std::string("E0499"));
        QCOMPARE(t.error->message, std::string("cannot borrow `v` as mutable more than once at a time"));
        QCOMPARE(t.error->line, 24);
        QCOMPARE(t.error->col, 13);
        QVERIFY(t.error->rendered.find("24 |     let r = &mut v;\n   |             ^^^^^^ second mutable borrow occurs "
                                       "here") != std::string::npos);
        QVERIFY(t.error->rendered.find("first mutable borrow occurs here") != std::string::npos);
    }

    void assigningThroughAPinOfANotUnpinTypeIsRefused()
    {
        const MemoryTrace t = runMain("    let mut t = Test::new(\"x\");\n"
                                      "    let mut p = unsafe { Pin::new_unchecked(&mut t) };\n"
                                      "    p.b = std::ptr::null();\n");
        QVERIFY(t.error);
        QCOMPARE(t.error->code, std::string("E0594"));
        QCOMPARE(t.error->message, std::string("cannot assign to data in dereference of `Pin<&mut Test>`"));
        QCOMPARE(t.error->line, 24);
        QCOMPARE(t.error->col, 5);
    }

    void movingOutOfAPinIsRefused()
    {
        const MemoryTrace t = runMain("    let mut t = Test::new(\"x\");\n"
                                      "    let p = unsafe { Pin::new_unchecked(&mut t) };\n    let moved = *p;\n");
        QVERIFY(t.error);
        QCOMPARE(t.error->code, std::string("E0507"));
        QCOMPARE(t.error->message, std::string("cannot move out of dereference of `Pin<&mut Test>`"));
        QCOMPARE(t.error->line, 24);
        QCOMPARE(t.error->col, 17);
    }

    void pinMacroMovesTheValueAndTheOldNameIsGone()
    {
        const MemoryTrace t =
            runMain("    let t = Test::new(\"x\");\n    let p = std::pin::pin!(t);\n    let u = t;\n");
        QVERIFY(t.error);
        QCOMPARE(t.error->code, std::string("E0382"));
        QCOMPARE(t.error->message, std::string("use of moved value: `t`"));
        QCOMPARE(t.error->line, 24);
        QCOMPARE(t.error->col, 13);
        const MemoryStep& pinned = t.steps.back();
        QCOMPARE(pinned.moves.size(), std::size_t(1));
        const MemoryObject* anon = findObject(pinned, "(pinned)");
        QVERIFY(anon && anon->pinned && anon->notUnpin);
        QCOMPARE(findObject(pinned, "p")->fields.at(0).pointer->target, anon->address);
    }

    void pinMutRebindsTheNameToThePin()
    {
        const MemoryTrace t = runMain("    let t = Test::new(\"x\");\n    pin_mut!(t);\n    let q = t.as_ref();\n");
        QVERIFY2(!t.error, t.error ? t.error->rendered.c_str() : "");
        const MemoryObject* pinned = findObject(t.steps.back(), "(pinned)");
        const MemoryObject* rebound = findObject(t.steps.back(), "t");
        QVERIFY(pinned && rebound);
        QCOMPARE(rebound->type, std::string("Pin<&mut Test>"));
        QCOMPARE(rebound->fields.at(0).pointer->target, pinned->address);
        QCOMPARE(findObject(t.steps.back(), "q")->type, std::string("Pin<&Test>"));
        QVERIFY(findObject(t.steps.back(), "t", false)); // the original slot, moved out
    }

    void forgettingToShadowCompilesAndBreaksThePointer()
    {
        // 003: "A mistake that is easy to make is forgetting to shadow the original variable"
        const MemoryTrace t = runMain("    let mut test1 = Test::new(\"test1\");\n"
                                      "    let mut test1_pin = unsafe { Pin::new_unchecked(&mut test1) };\n"
                                      "    let this = unsafe { test1_pin.as_mut().get_unchecked_mut() };\n"
                                      "    this.b = &this.a;\n"
                                      "    drop(test1_pin);\n"
                                      "    let mut test2 = Test::new(\"test2\");\n"
                                      "    std::mem::swap(&mut test1, &mut test2);\n"
                                      "    println!(\"{:?}\", test1.b);\n");
        QVERIFY2(!t.error, t.error ? t.error->rendered.c_str() : "");
        QCOMPARE(t.output, std::vector<std::string>{"0x0"});
        const MemoryField* b = findField(*findObject(t.steps.back(), "test2"), "b");
        QCOMPARE(b->pointer->kind, PointerKind::Foreign);
        QCOMPARE(b->pointer->targetObjectName, std::string("test1"));
    }

    // ---- errors in the program --------------------------------------------------------------

    void parseErrorsCarryFileLineAndColumn()
    {
        const MemoryTrace t = runMemoryProgram("#[pinwheel(memory)]\nfn main() {\n    let x = ;\n}\n", "bad.rs");
        QVERIFY(t.error);
        QCOMPARE(t.error->kind, MemoryError::Kind::Parse);
        QCOMPARE(t.error->line, 3);
        QCOMPARE(t.error->col, 13);
        QVERIFY2(t.error->rendered.rfind("bad.rs:3:13: error:", 0) == 0, t.error->rendered.c_str());
        QVERIFY(t.steps.empty());
    }

    void unsupportedCodeIsAnErrorWithItsLocation()
    {
        const MemoryTrace t = runMain("    let x = 1;\n    loop {}\n");
        QVERIFY(t.error);
        QCOMPARE(t.error->kind, MemoryError::Kind::Parse);
        QCOMPARE(t.error->line, 23);
        QCOMPARE(t.error->col, 5);
        QVERIFY(t.error->message.find("not supported in a pinning program") != std::string::npos);
        QCOMPARE(t.steps.size(), std::size_t(1));
        const MemoryTrace unknown = runMain("    println!(\"{}\", nothing);\n");
        QVERIFY(unknown.error);
        QCOMPARE(unknown.error->message, std::string("cannot find value `nothing` in this scope"));
        QCOMPARE(unknown.error->col, 20);
    }

    void textDumpShowsClassificationsAndMoves()
    {
        const MemoryTrace t = runBuiltIn("pin-swap");
        const std::string text = formatMemoryTrace(t);
        QVERIFY(text.find("  move: test1 (Test) 0x7ffc_0010 -> 0x7ffc_0030 (32 bytes)\n") != std::string::npos);
        QVERIFY(text.find(".b: *const String = 0x7ffc_0010 -> [self] 0x7ffc_0010 (test1.a)") != std::string::npos);
        QVERIFY(text.find(".b: *const String = 0x7ffc_0010 -> [foreign] 0x7ffc_0010 (test1.a)") != std::string::npos);
        QVERIFY(text.find(".b: *const String = 0x0 -> [null]") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestMemoryModel)
#include "tst_memory_model.moc"
