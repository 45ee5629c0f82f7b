// Parser tests: every construct of the scenario subset as one data row (checked against a
// compact S-expression dump of the syntax tree), the books' listings as written, errors with
// their exact line:col, and a fuzz pass (prefixes and byte mutations) that must never crash.
#ifndef Q_MOC_RUN // moc 6.4 cannot parse C++20 <concepts>
#include "sim/lang/lexer.h"
#include "sim/lang/parser.h"
#endif

#include <QtTest>

#include <random>

using namespace pw::lang;

namespace {

// --- a compact dump of the tree ------------------------------------------------------------

std::string dump(const Expr* e);
std::string dump(const Block& b);

std::string quote(const std::string& s)
{
    std::string out = "\"";
    for (char c : s) {
        if (c == '\n')
            out += "\\n";
        else if (c == '\t')
            out += "\\t";
        else if (c == '"')
            out += "\\\"";
        else
            out += c;
    }
    return out + "\"";
}

std::string joinPath(const std::vector<std::string>& path)
{
    std::string out;
    for (const auto& s : path)
        out += (out.empty() ? "" : "::") + s;
    return out;
}

std::string dump(const Pattern& p)
{
    auto list = [&](const std::vector<Pattern>& elems) {
        std::string out;
        for (std::size_t i = 0; i < elems.size(); ++i)
            out += (i ? ", " : "") + dump(elems[i]);
        return out;
    };
    switch (p.kind) {
    case Pattern::Kind::Wildcard:
        return "_";
    case Pattern::Kind::Ident:
        return std::string(p.isRef ? "ref " : "") + (p.isMut ? "mut " : "") + p.name;
    case Pattern::Kind::Tuple:
        return "(" + list(p.elems) + ")";
    case Pattern::Kind::TupleStruct:
        return joinPath(p.path) + "(" + list(p.elems) + ")";
    case Pattern::Kind::Path:
        return "#" + joinPath(p.path);
    case Pattern::Kind::Literal:
        return dump(p.literal.get());
    case Pattern::Kind::Rest:
        return "..";
    case Pattern::Kind::Struct: {
        std::string out = joinPath(p.path) + "{";
        for (std::size_t i = 0; i < p.elems.size(); ++i)
            out += (i ? ", " : "") + p.fieldNames[i] + ": " + dump(p.elems[i]);
        return out + "}";
    }
    }
    return "?";
}

std::string args(const Expr& e, std::size_t from = 0)
{
    std::string out;
    for (std::size_t i = from; i < e.args.size(); ++i)
        out += " " + dump(e.args[i].get());
    return out;
}

std::string dumpFormat(const Expr& e)
{
    std::string out = "(" + e.macroPath + "!" + args(e) + " " + quote(e.format->format);
    for (std::size_t i = 0; i < e.format->args.size(); ++i)
        out += " " + (e.format->argNames[i].empty() ? "" : e.format->argNames[i] + "=") + dump(e.format->args[i].get());
    return out + ")";
}

std::string dumpSelect(const Expr& e)
{
    std::string out = std::string("(") + e.macroPath + "!" + (e.biased ? " biased" : "");
    for (const auto& b : e.selectBranches) {
        out += " (" + dump(b.pattern) + " = " + dump(b.future.get());
        if (b.guard)
            out += " if " + dump(b.guard.get());
        out += " => " + dump(b.body.get()) + ")";
    }
    if (e.elseBody)
        out += " (" + std::string(e.text == "complete" ? "complete" : "else") + " => " + dump(e.elseBody.get()) + ")";
    return out + ")";
}

std::string dumpClosure(const Expr& e)
{
    std::string out = std::string("(closure") + (e.isAsync ? " async" : "") + (e.isMove ? " move" : "") + " |";
    for (std::size_t i = 0; i < e.params.size(); ++i)
        out += (i ? ", " : "") + dump(e.params[i].pattern) + (e.params[i].type.empty() ? "" : ": " + e.params[i].type);
    out += "|";
    if (!e.returnType.empty())
        out += " -> " + e.returnType;
    return out + args(e) + ")";
}

std::string dumpMatch(const Expr& e)
{
    std::string out = "(match" + args(e);
    for (const auto& arm : e.arms) {
        out += " (";
        for (std::size_t i = 0; i < arm.patterns.size(); ++i)
            out += (i ? " | " : "") + dump(arm.patterns[i]);
        if (arm.guard)
            out += " if " + dump(arm.guard.get());
        out += " => " + dump(arm.body.get()) + ")";
    }
    return out + ")";
}

std::string labelled(const Expr& e, const std::string& head)
{
    return "(" + (e.label.empty() ? "" : e.label + ": ") + head;
}

std::string dump(const Expr* e)
{
    if (!e)
        return "_";
    switch (e->kind) {
    case ExprKind::IntLit:
        return std::to_string(e->intValue);
    case ExprKind::FloatLit:
        return "f" + QString::number(e->floatValue).toStdString();
    case ExprKind::BoolLit:
        return e->boolValue ? "true" : "false";
    case ExprKind::StrLit:
        return quote(e->text);
    case ExprKind::CharLit:
        return "'" + e->text + "'";
    case ExprKind::Path:
        return joinPath(e->path);
    case ExprKind::Unary:
    case ExprKind::Binary:
        return "(" + e->text + args(*e) + ")";
    case ExprKind::Assign:
        return "(=" + args(*e) + ")";
    case ExprKind::CompoundAssign:
        return "(" + e->text + args(*e) + ")";
    case ExprKind::Cast:
        return "(as" + args(*e) + " " + e->text + ")";
    case ExprKind::Call:
        return "(call" + args(*e) + ")";
    case ExprKind::MethodCall:
        return "(." + e->text + args(*e) + ")";
    case ExprKind::Field:
        return "(field" + args(*e) + " " + e->text + ")";
    case ExprKind::TupleIndex:
        return "(tidx" + args(*e) + " " + std::to_string(e->intValue) + ")";
    case ExprKind::Index:
        return "(index" + args(*e) + ")";
    case ExprKind::Await:
        return "(await" + args(*e) + ")";
    case ExprKind::Try:
        return "(try" + args(*e) + ")";
    case ExprKind::Tuple:
        return "(tuple" + args(*e) + ")";
    case ExprKind::Array:
        return "(array" + args(*e) + ")";
    case ExprKind::ArrayRepeat:
        return "(repeat" + args(*e) + ")";
    case ExprKind::Range:
        return std::string(e->boolValue ? "(range=" : "(range") + args(*e) + ")";
    case ExprKind::Block:
        return (e->label.empty() ? "" : e->label + ": ") + dump(*e->block);
    case ExprKind::Unsafe:
        return "(unsafe " + dump(*e->block) + ")";
    case ExprKind::AsyncBlock:
        return std::string("(async") + (e->isMove ? " move " : " ") + dump(*e->block) + ")";
    case ExprKind::If:
        return "(if" + args(*e) + " " + dump(*e->block) + (e->elseExpr ? " else " + dump(e->elseExpr.get()) : "") + ")";
    case ExprKind::IfLet:
        return "(iflet " + dump(e->pattern) + " =" + args(*e) + " " + dump(*e->block) +
               (e->elseExpr ? " else " + dump(e->elseExpr.get()) : "") + ")";
    case ExprKind::While:
        return labelled(*e, "while") + args(*e) + " " + dump(*e->block) + ")";
    case ExprKind::WhileLet:
        return labelled(*e, "whilelet ") + dump(e->pattern) + " =" + args(*e) + " " + dump(*e->block) + ")";
    case ExprKind::Loop:
        return labelled(*e, "loop ") + dump(*e->block) + ")";
    case ExprKind::For:
        return labelled(*e, "for ") + dump(e->pattern) + " in" + args(*e) + " " + dump(*e->block) + ")";
    case ExprKind::Break:
        return "(break" + (e->label.empty() ? "" : " " + e->label) + args(*e) + ")";
    case ExprKind::Continue:
        return "(continue" + (e->label.empty() ? "" : " " + e->label) + ")";
    case ExprKind::Return:
        return "(return" + args(*e) + ")";
    case ExprKind::Closure:
        return dumpClosure(*e);
    case ExprKind::StructLit: {
        std::string out = "(struct " + joinPath(e->path);
        for (const auto& f : e->fields)
            out += " " + f.name + ": " + dump(f.value.get());
        if (!e->args.empty())
            out += " .." + dump(e->args[0].get());
        return out + ")";
    }
    case ExprKind::Match:
        return dumpMatch(*e);
    case ExprKind::MacroFormat:
        return dumpFormat(*e);
    case ExprKind::MacroList: {
        std::string out = "(" + e->macroPath + "!" + args(*e);
        if (e->text == "matches")
            out += " " + dump(e->pattern);
        return out + (e->boolValue ? " repeat" : "") + ")";
    }
    case ExprKind::MacroSelect:
        return dumpSelect(*e);
    case ExprKind::Let:
        return "(let)";
    }
    return "?";
}

std::string dump(const Stmt& s)
{
    switch (s.kind) {
    case Stmt::Kind::Empty:
        return ";";
    case Stmt::Kind::Item:
        return "(item " + s.item->name + ")";
    case Stmt::Kind::Expr:
        return dump(s.expr.get()) + (s.hasSemicolon ? ";" : "");
    case Stmt::Kind::Let: {
        std::string out = "(let " + dump(s.pattern);
        if (!s.type.empty())
            out += ": " + s.type;
        if (s.init)
            out += " = " + dump(s.init.get());
        if (s.elseBlock)
            out += " else " + dump(*s.elseBlock);
        return out + ")";
    }
    }
    return "?";
}

std::string dump(const Block& b)
{
    std::string out = "{";
    for (const auto& s : b.stmts)
        out += (out.size() > 1 ? " " : "") + dump(s);
    if (b.tail)
        out += (out.size() > 1 ? " " : "") + std::string("=> ") + dump(b.tail.get());
    return out + "}";
}

std::string errorsText(const ParseResult& r, const std::string& source)
{
    std::string out;
    for (const auto& e : r.errors)
        out += e.format(source) + "\n";
    return out;
}

/// Parses `fn main() { <body> }` and returns the dump of the body block.
std::string parseBody(const std::string& body, std::string* errors = nullptr)
{
    const std::string source = "fn main() {\n" + body + "\n}\n";
    ParseResult r = parseProgram("t.rs", source);
    if (!r.program) {
        if (errors)
            *errors = errorsText(r, source);
        return "<error>";
    }
    return dump(*r.program->items.at(0)->fn->body);
}

const char* const kCoffeeToast = R"rs(//! # Coffee and toast
//! `thread::sleep` is work that needs both hands; `sleep(..).await` is waiting that frees them.
use std::thread;
use std::time::{Duration, Instant};
use tokio::time::sleep;

/// Kettle boiling time. pinwheel: param(seconds, 0..=30)
const KETTLE: u64 = 10;

async fn prep_coffee_mug() {
    println!("Pouring milk...");
    thread::sleep(Duration::from_secs(3));
    println!("Milk poured.");
    println!("Putting instant coffee...");
    thread::sleep(Duration::from_secs(3));
    println!("Instant coffee put.");
}

async fn make_coffee() {
    println!("boiling kettle...");
    sleep(Duration::from_secs(KETTLE)).await;
    println!("kettle boiled.");
    println!("pouring boiled water...");
    thread::sleep(Duration::from_secs(3));
    println!("boiled water poured.");
}

async fn make_toast() {
    println!("putting bread in toaster...");
    sleep(Duration::from_secs(10)).await;
    println!("bread toasted.");
    println!("buttering toasted bread...");
    thread::sleep(Duration::from_secs(5));
    println!("toasted bread buttered.");
}

#[tokio::main]
async fn main() {
    let start_time = Instant::now();
    let coffee_mug_step = prep_coffee_mug();
    let coffee_step = make_coffee();
    let toast_step = make_toast();
    tokio::join!(coffee_mug_step, coffee_step, toast_step);
    let elapsed_time = start_time.elapsed();
    println!("It took: {} seconds", elapsed_time.as_secs());
}
)rs";

const char* const kCoffeeToastShort = R"rs(//! # Coffee and toast
//! `thread::sleep` is work that needs both hands; `sleep(..).await` is waiting that frees them.
use std::thread;
use std::time::{Duration, Instant};
use tokio::time::sleep;

/// Kettle boiling time. pinwheel: param(seconds, 0..=30)
const KETTLE: u64 = 10;

async fn make_coffee() {
    println!("boiling kettle...");
    sleep(Duration::from_secs(KETTLE)).await;
    println!("kettle boiled.");
    thread::sleep(Duration::from_secs(3));
}

#[tokio::main]
async fn main() {
    let start_time = Instant::now();
    tokio::join!(make_coffee(), async { 1 });
    println!("It took: {} seconds", start_time.elapsed().as_secs());
}
)rs";

/// The books' listings (002, 003, 000) as printed, hidden `# ` lines shown; fragments that the
/// book spreads over several code blocks are put together in the book's order.
const std::pair<const char*, const char*> kListings[] = {
    {"counter_future_002", R"rs(use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::task::JoinHandle;

struct CounterFuture {
    count: u32,
}

impl Future for CounterFuture {
    type Output = u32;

    fn poll(
	    mut self: Pin<&mut Self>,
	    cx: &mut Context<'_>
    ) -> Poll<Self::Output> {
        self.count += 1;
        println!("polling with result: {}", self.count);
        std::thread::sleep(Duration::from_secs(1));
        if self.count < 5 {
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            Poll::Ready(self.count)
        }
    }
}

#[tokio::main]
async fn main() {
    let counter_one = CounterFuture { count: 0 };
    let counter_two = CounterFuture { count: 0 };
    let handle_one: JoinHandle<u32> = tokio::task::spawn(async move {
        counter_one.await
    });
    let handle_two: JoinHandle<u32> = tokio::task::spawn(async move {
        counter_two.await
    });
    tokio::join!(handle_one, handle_two);
}
)rs"},
    {"timeout_002", R"rs(use std::time::Duration;
use tokio::time::timeout;

async fn slow_task() -> &'static str {
    tokio::time::sleep(Duration::from_secs(10)).await;
    "Slow Task Completed"
}

#[tokio::main]
async fn main() {
    let duration = Duration::from_secs(3);
    let result = timeout(duration, slow_task()).await;

    match result {
        Ok(value) => println!("Task completed successfully: {}", value),
        Err(_) => println!("Task timed out"),
    }
}
)rs"},
    {"my_future_002", R"rs(use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::sync::{Arc, Mutex};
use std::future::Future;
use tokio::sync::mpsc;
use tokio::task;

struct MyFuture {
    state: Arc<Mutex<MyFutureState>>,
}

struct MyFutureState {
    data: Option<Vec<u8>>,
    waker: Option<Waker>,
}

impl MyFuture {
    fn new() -> (Self, Arc<Mutex<MyFutureState>>) {
        let state = Arc::new(Mutex::new(MyFutureState {
            data: None,
            waker: None,
        }));
        (
            MyFuture {
                state: state.clone(),
            },
            state,
        )
    }
}

impl Future for MyFuture {
    type Output = String;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>)
        -> Poll<Self::Output> {
        println!("Polling the future");
        let mut state = self.state.lock().unwrap();

        if state.data.is_some() {
            let data = state.data.take().unwrap();
            Poll::Ready(String::from_utf8(data).unwrap())
        } else {
            state.waker = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}

#[tokio::main]
async fn main() {
    let (my_future, state) = MyFuture::new();
    let (tx, mut rx) = mpsc::channel::<()>(1);
    let task_handle = task::spawn(async {
        my_future.await
    });
    tokio::time::sleep(tokio::time::Duration::from_secs(3)).await;
    println!("spawning trigger task");
    let trigger_task = task::spawn(async move {
        rx.recv().await;
        let mut state = state.lock().unwrap();
        state.data = Some(b"Hello from the outside".to_vec());
        loop {
            if let Some(waker) = state.waker.take() {
                waker.wake();
                break;
            }
        }
    });
    tx.send(()).await.unwrap();
    let outome = task_handle.await.unwrap();
    println!("Task completed with outcome: {}", outome);
    trigger_task.await.unwrap();
}
)rs"},
    {"shared_counter_try_lock_002", R"rs(use std::sync::{Arc, Mutex};
use tokio::task::JoinHandle;
use core::task::Poll;
use tokio::time::Duration;
use std::task::Context;
use std::pin::Pin;
use std::future::Future;

#[derive(Debug)]
enum CounterType {
    Increment,
    Decrement
}

struct SharedData {
    counter: i32,
}

impl SharedData {
    fn increment(&mut self) {
        self.counter += 1;
    }
    fn decrement(&mut self) {
        self.counter -= 1;
    }
}

struct CounterFuture {
    counter_type: CounterType,
    data_reference: Arc<Mutex<SharedData>>,
    count: u32
}

impl Future for CounterFuture {
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>)
    -> Poll<Self::Output> {
        std::thread::sleep(Duration::from_secs(1));
        let mut guard = match self.data_reference.try_lock() {
            Ok(guard) => guard,
            Err(error) => {
                println!(
                    "error for {:?}: {}",
                    self.counter_type, error
                );
                cx.waker().wake_by_ref();
                return Poll::Pending
            }
        };
        let value = &mut *guard;

        match self.counter_type {
            CounterType::Increment => {
                value.increment();
                println!("after increment: {}", value.counter);
            },
            CounterType::Decrement => {
                value.decrement();
                println!("after decrement: {}", value.counter);
            }
        }
        std::mem::drop(guard);
        self.count += 1;
        if self.count < 3 {
            cx.waker().wake_by_ref();
            return Poll::Pending
        } else {
            return Poll::Ready(self.count)
        }

    }
}

#[tokio::main]
async fn main() {
    let shared_data = Arc::new(Mutex::new(SharedData{counter: 0}));
    let counter_one = CounterFuture {
        counter_type: CounterType::Increment,
        data_reference: shared_data.clone(),
        count: 0
    };
    let counter_two = CounterFuture {
        counter_type: CounterType::Decrement,
        data_reference: shared_data.clone(),
        count: 0
    };
    let handle_one: JoinHandle<u32> = tokio::task::spawn(async move {
        counter_one.await
    });
    let handle_two: JoinHandle<u32> = tokio::task::spawn(async move {
        counter_two.await
    });
    tokio::join!(handle_one, handle_two);
}
)rs"},
    {"async_mutex_count_002", R"rs(use std::sync::{Arc, Mutex};
use tokio::task::JoinHandle;
use core::task::Poll;
use tokio::time::Duration;
use std::task::Context;
use std::pin::Pin;
use std::future::Future;

#[derive(Debug)]
enum CounterType {
    Increment,
    Decrement
}

struct SharedData {
    counter: i32,
}

impl SharedData {
    fn increment(&mut self) {
        self.counter += 1;
    }
    fn decrement(&mut self) {
        self.counter -= 1;
    }
}

async fn count(count: u32, data: Arc<tokio::sync::Mutex<SharedData>>,
                         counter_type: CounterType) -> u32 {
    for _ in 0..count {
        let mut data = data.lock().await;
        match counter_type {
            CounterType::Increment => {
                data.increment();
                println!("after increment: {}", data.counter);
            },
            CounterType::Decrement => {
                data.decrement();
                println!("after decrement: {}", data.counter);
            }
        }
        std::mem::drop(data);
        std::thread::sleep(Duration::from_secs(1));
    }
    return count
}

#[tokio::main]
async fn main() {
    let shared_data = Arc::new(tokio::sync::Mutex::new(SharedData{counter: 0}));
    let shared_two = shared_data.clone();

    let handle_one: JoinHandle<u32> = tokio::task::spawn(async move {
        count(3, shared_data, CounterType::Increment).await
    });
    let handle_two: JoinHandle<u32> = tokio::task::spawn(async move {
        count(3, shared_two, CounterType::Decrement).await
    });
    tokio::join!(handle_one, handle_two);
}
)rs"},
    {"audit_logger_002", R"rs(use std::fs::{File, OpenOptions};
use std::io::prelude::*;
use std::sync::{Arc, Mutex};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::task::JoinHandle;
use futures_util::future::join_all;

type AsyncFileHandle = Arc<Mutex<File>>;
type FileJoinHandle = JoinHandle<Result<bool, String>>;

fn get_handle(file_path: &dyn ToString) -> AsyncFileHandle {
    match OpenOptions::new().append(true).open(file_path.to_string()) {
        Ok(opened_file) => {
            Arc::new(Mutex::new(opened_file))
        },
        Err(_) => {
            Arc::new(Mutex::new(File::create(file_path.to_string()).unwrap()))
        }
    }
}

struct AsyncWriteFuture {
    pub handle: AsyncFileHandle,
    pub entry: String
}

impl Future for AsyncWriteFuture {

    type Output = Result<bool, String>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut guard = match self.handle.try_lock() {
            Ok(guard) => guard,
            Err(error) => {
                println!("error for {} : {}", self.entry, error);
                cx.waker().wake_by_ref();
                return Poll::Pending
            }
        };
        let lined_entry = format!("{}\n", self.entry);
        match guard.write_all(lined_entry.as_bytes()) {
            Ok(_) => println!("written for: {}", self.entry),
            Err(e) => println!("{}", e)
        };
        Poll::Ready(Ok(true))
    }
}

fn write_log(file_handle: AsyncFileHandle, line: String) -> FileJoinHandle {
    let future = AsyncWriteFuture{
        handle: file_handle,
        entry: line
    };
    tokio::task::spawn(async move {
        future.await
    })
}

#[tokio::main]
async fn main() {
    let login_handle = get_handle(&"login.txt");
    let logout_handle = get_handle(&"logout.txt");

    let names = ["one", "two", "three", "four", "five", "six"];
    let mut handles = Vec::new();

    for name in names {
        let file_handle = login_handle.clone();
        let file_handle_two = logout_handle.clone();
        let handle = write_log(file_handle, name.to_string());
        let handle_two = write_log(file_handle_two, name.to_string());
        handles.push(handle);
        handles.push(handle_two);
    }
    let _ = join_all(handles).await;
}
)rs"},
    {"learn_sing_dance_003", R"rs(// `block_on` blocks the current thread until the provided future has run to
// completion. Other executors provide more complex behavior, like scheduling
// multiple futures onto the same thread.
use futures::executor::block_on;

async fn hello_world() {
    println!("hello, world!");
}

fn main() {
    let future = hello_world(); // Nothing is printed
    block_on(future); // `future` is run and "hello, world!" is printed
}

async fn learn_song() -> Song { /* ... */ }
async fn sing_song(song: Song) { /* ... */ }
async fn dance() { /* ... */ }

async fn learn_and_sing() {
    // Wait until the song has been learned before singing it.
    // We use `.await` here rather than `block_on` to prevent blocking the
    // thread, which makes it possible to `dance` at the same time.
    let song = learn_song().await;
    sing_song(song).await;
}

async fn async_main() {
    let f1 = learn_and_sing();
    let f2 = dance();

    // `join!` is like `.await` but can wait for multiple futures concurrently.
    // If we're temporarily blocked in the `learn_and_sing` future, the `dance`
    // future will take over the current thread. If `dance` becomes blocked,
    // `learn_and_sing` can take back over. If both futures are blocked, then
    // `async_main` is blocked and will yield to the executor.
    futures::join!(f1, f2);
}

fn main() {
    block_on(async_main());
}
)rs"},
    {"book_music_003", R"rs(async fn get_book_and_music() -> (Book, Music) {
    let book = get_book().await;
    let music = get_music().await;
    (book, music)
}

// WRONG -- don't do this
async fn get_book_and_music_wrong() -> (Book, Music) {
    let book_future = get_book();
    let music_future = get_music();
    (book_future.await, music_future.await)
}

use futures::join;

async fn get_book_and_music_join() -> (Book, Music) {
    let book_fut = get_book();
    let music_fut = get_music();
    join!(book_fut, music_fut)
}
)rs"},
    {"try_join_003", R"rs(use futures::try_join;

async fn get_book() -> Result<Book, String> { /* ... */ Ok(Book) }
async fn get_music() -> Result<Music, String> { /* ... */ Ok(Music) }

async fn get_book_and_music() -> Result<(Book, Music), String> {
    let book_fut = get_book();
    let music_fut = get_music();
    try_join!(book_fut, music_fut)
}

use futures::{
    future::TryFutureExt,
    try_join,
};

async fn get_book2() -> Result<Book, ()> { /* ... */ Ok(Book) }
async fn get_music2() -> Result<Music, String> { /* ... */ Ok(Music) }

async fn get_book_and_music() -> Result<(Book, Music), String> {
    let book_fut = get_book().map_err(|()| "Unable to get book".to_string());
    let music_fut = get_music();
    try_join!(book_fut, music_fut)
}
)rs"},
    {"select_003", R"rs(use futures::{
    future::FutureExt, // for `.fuse()`
    pin_mut,
    select,
};

async fn task_one() { /* ... */ }
async fn task_two() { /* ... */ }

async fn race_tasks() {
    let t1 = task_one().fuse();
    let t2 = task_two().fuse();

    pin_mut!(t1, t2);

    select! {
        () = t1 => println!("task one completed first"),
        () = t2 => println!("task two completed first"),
    }
}

use futures::{future, select};

async fn count() {
    let mut a_fut = future::ready(4);
    let mut b_fut = future::ready(6);
    let mut total = 0;

    loop {
        select! {
            a = a_fut => total += a,
            b = b_fut => total += b,
            complete => break,
            default => unreachable!(), // never runs (futures are ready, then complete)
        };
    }
    assert_eq!(total, 10);
}

use futures::{
    stream::{Stream, StreamExt, FusedStream},
    select,
};

async fn add_two_streams(
    mut s1: impl Stream<Item = u8> + FusedStream + Unpin,
    mut s2: impl Stream<Item = u8> + FusedStream + Unpin,
) -> u8 {
    let mut total = 0;

    loop {
        let item = select! {
            x = s1.next() => x,
            x = s2.next() => x,
            complete => break,
        };
        if let Some(next_num) = item {
            total += next_num;
        }
    }

    total
}
)rs"},
    {"timer_future_003", R"rs(use {
    std::{
        future::Future,
        pin::Pin,
        sync::{Arc, Mutex},
        task::{Context, Poll, Waker},
        thread,
        time::Duration,
    },
};

pub struct TimerFuture {
    shared_state: Arc<Mutex<SharedState>>,
}

/// Shared state between the future and the waiting thread
struct SharedState {
    /// Whether or not the sleep time has elapsed
    completed: bool,

    /// The waker for the task that `TimerFuture` is running on.
    /// The thread can use this after setting `completed = true` to tell
    /// `TimerFuture`'s task to wake up, see that `completed = true`, and
    /// move forward.
    waker: Option<Waker>,
}

impl Future for TimerFuture {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // Look at the shared state to see if the timer has already completed.
        let mut shared_state = self.shared_state.lock().unwrap();
        if shared_state.completed {
            Poll::Ready(())
        } else {
            // Set waker so that the thread can wake up the current task
            // when the timer has completed, ensuring that the future is polled
            // again and sees that `completed = true`.
            //
            // It's tempting to do this once rather than repeatedly cloning
            // the waker each time. However, the `TimerFuture` can move between
            // tasks on the executor, which could cause a stale waker pointing
            // to the wrong task, preventing `TimerFuture` from waking up
            // correctly.
            //
            // N.B. it's possible to check for this using the `Waker::will_wake`
            // function, but we omit that here to keep things simple.
            shared_state.waker = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}

impl TimerFuture {
    /// Create a new `TimerFuture` which will complete after the provided
    /// timeout.
    pub fn new(duration: Duration) -> Self {
        let shared_state = Arc::new(Mutex::new(SharedState {
            completed: false,
            waker: None,
        }));

        // Spawn the new thread
        let thread_shared_state = shared_state.clone();
        thread::spawn(move || {
            thread::sleep(duration);
            let mut shared_state = thread_shared_state.lock().unwrap();
            // Signal that the timer has completed and wake up the last
            // task on which the future was polled, if one exists.
            shared_state.completed = true;
            if let Some(waker) = shared_state.waker.take() {
                waker.wake()
            }
        });

        TimerFuture { shared_state }
    }
}
)rs"},
    {"executor_003", R"rs(use {
    futures::{
        future::{FutureExt, BoxFuture},
        task::{ArcWake, waker_ref},
    },
    std::{
        future::Future,
        sync::{Arc, Mutex},
        sync::mpsc::{sync_channel, SyncSender, Receiver},
        task::{Context, Poll},
        time::Duration,
    },
    // The timer we wrote in the previous section:
    timer_future::TimerFuture,
};

/// Task executor that receives tasks off of a channel and runs them.
struct Executor {
    ready_queue: Receiver<Arc<Task>>,
}

/// `Spawner` spawns new futures onto the task channel.
#[derive(Clone)]
struct Spawner {
    task_sender: SyncSender<Arc<Task>>,
}

/// A future that can reschedule itself to be polled by an `Executor`.
struct Task {
    /// In-progress future that should be pushed to completion.
    ///
    /// The `Mutex` is not necessary for correctness, since we only have
    /// one thread executing tasks at once. However, Rust isn't smart
    /// enough to know that `future` is only mutated from one thread,
    /// so we need use the `Mutex` to prove thread-safety. A production
    /// executor would not need this, and could use `UnsafeCell` instead.
    future: Mutex<Option<BoxFuture<'static, ()>>>,
    task_sender: SyncSender<Arc<Task>>,
}

fn new_executor_and_spawner() -> (Executor, Spawner) {
    // Maximum number of tasks to allow queueing in the channel at once.
    // This is just to make `sync_channel` happy, and wouldn't be present in
    // a real executor.
    const MAX_QUEUED_TASKS: usize = 10_000;
    let (task_sender, ready_queue) = sync_channel(MAX_QUEUED_TASKS);
    (Executor { ready_queue }, Spawner { task_sender })
}

impl Spawner {
    fn spawn(&self, future: impl Future<Output = ()> + 'static + Send) {
        let future = future.boxed();
        let task = Arc::new(Task {
            future: Mutex::new(Some(future)),
            task_sender: self.task_sender.clone(),
        });
        self.task_sender.send(task).expect("too many tasks queued");
    }
}

impl ArcWake for Task {
    fn wake_by_ref(arc_self: &Arc<Self>) {
        // Implement `wake` by sending this task back onto the task channel
        // so that it will be polled again by the executor.
        let cloned = arc_self.clone();
        arc_self.task_sender.send(cloned).expect("too many tasks queued");
    }
}

impl Executor {
    fn run(&self) {
        while let Ok(task) = self.ready_queue.recv() {
            // Take the future, and if it has not yet completed (is still Some),
            // poll it in an attempt to complete it.
            let mut future_slot = task.future.lock().unwrap();
            if let Some(mut future) = future_slot.take() {
                // Create a `LocalWaker` from the task itself
                let waker = waker_ref(&task);
                let context = &mut Context::from_waker(&*waker);
                // `BoxFuture<T>` is a type alias for
                // `Pin<Box<dyn Future<Output = T> + Send + 'static>>`.
                // We can get a `Pin<&mut dyn Future + Send + 'static>`
                // from it by calling the `Pin::as_mut` method.
                if let Poll::Pending = future.as_mut().poll(context) {
                    // We're not done processing the future, so put it
                    // back in its task to be run again in the future.
                    *future_slot = Some(future);
                }
            }
        }
    }
}

fn main() {
    let (executor, spawner) = new_executor_and_spawner();

    // Spawn a task to print before and after waiting on a timer.
    spawner.spawn(async {
        println!("howdy!");
        // Wait for our timer future to complete after two seconds.
        TimerFuture::new(Duration::new(2, 0)).await;
        println!("done!");
    });

    // Drop the spawner so that our executor knows it is finished and won't
    // receive more incoming tasks to run.
    drop(spawner);

    // Run the executor until the task queue is empty.
    // This will print "howdy!", pause, and then print "done!".
    executor.run();
}
)rs"},
    {"thread_timer_000", R"rs(use std::task::{Context, Poll, Waker};
use std::pin::{pin, Pin};
use std::time::Duration;
use std::thread::{sleep, spawn, JoinHandle};
use std::sync::{Arc, Mutex};

// --- New Timer using threads ---

pub struct ThreadTimer {
    duration: Duration,
    join_handle: Option<JoinHandle<()>>,
    waker: Arc<Mutex<Waker>>,
    is_complete: Arc<Mutex<bool>>
}

impl ThreadTimer {
    pub fn new(duration: Duration) -> ThreadTimer {
        Self {
            duration,
            join_handle: None,
            is_complete: Arc::new(Mutex::new(false)),
            waker: Arc::new(Mutex::new(Waker::noop().clone())),
        }
    }
}

impl Future for ThreadTimer {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let fut = self.get_mut();
        
        // We always need to update the waker whenever we're polled
        *fut.waker.lock().expect("Thread crashed with mutex lock") = cx.waker().clone();
        
        // If we haven't started the thread, do so now
        if fut.join_handle.is_none() {
            let duration = fut.duration;
            let waker = fut.waker.clone();
            let is_complete = fut.is_complete.clone();
            fut.join_handle = Some(spawn(move || {
                sleep(duration);
                *is_complete.lock().expect("Thread crashed with mutex lock") = true;
                waker
                    .lock()
                    .expect("Thread crashed with mutex lock")
                    .wake_by_ref();
            }));
        }
        
        match *fut.is_complete.lock().expect("Thread crashed with mutex lock") {
            true => Poll::Ready(()),
            false => Poll::Pending,
        }
    }
}

fn loop_executor<F: Future>(future: F) -> F::Output {
    let mut pinned_future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
   
    let mut loop_counter = 1;
   
    let result = loop {
        match pinned_future.as_mut().poll(&mut context) {
            Poll::Ready(r) => break r,
            Poll::Pending => loop_counter += 1,
        }
    };

    println!("All done!");
    println!("But we called .poll() {loop_counter} times, yikes!");

    result
}

// --- Usage ---

fn main() {
let future = ThreadTimer::new(Duration::from_secs(1));
let _ = loop_executor(future);
}
)rs"},
    {"block_thread_on_000", R"rs(use std::task::{Context, Poll, Waker, Wake};
use std::pin::{pin, Pin};
use std::time::Duration;
use std::thread::{self, Thread, sleep, spawn, JoinHandle};
use std::sync::{Arc, Mutex};

pub struct ThreadWaker {
    thread: Thread,
}

impl ThreadWaker {
    pub fn current_thread() -> Self {
        ThreadWaker {
            thread: thread::current(),
        }
    }
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.thread.unpark();
    }
}

pub struct ThreadTimer {
    duration: Duration,
    join_handle: Option<JoinHandle<()>>,
    waker: Arc<Mutex<Waker>>,
    is_complete: Arc<Mutex<bool>>
}

impl ThreadTimer {
    pub fn new(duration: Duration) -> ThreadTimer {
        Self {
            duration,
            join_handle: None,
            is_complete: Arc::new(Mutex::new(false)),
            waker: Arc::new(Mutex::new(Waker::noop().clone())),
        }
    }
}

impl Future for ThreadTimer {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let fut = self.get_mut();

        // We always need to update the waker whenever we're polled
        *fut.waker.lock().expect("Thread crashed with mutex lock") = cx.waker().clone();

        // If we haven't started the thread, do so now
        if fut.join_handle.is_none() {
            let duration = fut.duration;
            let waker = fut.waker.clone();
            let is_complete = fut.is_complete.clone();
            fut.join_handle = Some(spawn(move || {
                sleep(duration);
                *is_complete.lock().expect("Thread crashed with mutex lock") = true;
                waker
                    .lock()
                    .expect("Thread crashed with mutex lock")
                    .wake_by_ref();
            }));
        }

        match *fut.is_complete.lock().expect("Thread crashed with mutex lock") {
            true => Poll::Ready(()),
            false => Poll::Pending,
        }
    }
}

// --- Executor ---

fn block_thread_on<F: Future>(future: F) -> F::Output {
    let mut example = pin!(future);

    // This is how we turn ThreadWaker into Waker
    let waker = Arc::new(ThreadWaker::current_thread()).into();
    let mut context = Context::from_waker(&waker);
    
    let mut loop_counter = 1;
    let output = loop {
        match example.as_mut().poll(&mut context) {
            Poll::Ready(output) => break output,
            Poll::Pending => {
                loop_counter += 1;
                std::thread::park();
            },
        }
    };

    assert_eq!(loop_counter, 2);
    
    println!("All done!");
    println!("This time .poll() was only called {loop_counter} times, yay!");
    
    output
}

// --- Usage ---

fn main() {
let future = ThreadTimer::new(Duration::from_secs(1));
let _ = block_thread_on(future);
}
)rs"},
    {"fallible_000", R"rs(async fn this_future_could_fail() -> Result<u64, String> {
    let time = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|_| "Time went backwards... a lot!".to_string())?
        .as_secs();
    // Check if the seconds are a multiple of 2 and convert to Result
    time.is_multiple_of(2)
        .then_some(time)
        .ok_or_else(|| "A completely unforeseen thing happened!".to_string())
    
}

async fn use_fallible_future() -> Result<(), String> {
    let time = this_future_could_fail().await?; // <- gorgeous!
    println!("{time} secs have passed since the Unix Epoch");
    Ok(())
}

fn main() {
match  block_thread_on(use_fallible_future()) {
    Ok(()) => {},
    Err(message) => println!("Error: {message}"),
}
}
)rs"},
    {"join_000", R"rs(// --- Join ---

struct Join<F1: Future, F2: Future>(
    Pin<Box<MemoFuture<F1>>>,
    Pin<Box<MemoFuture<F2>>>,
);

impl<F1: Future, F2: Future> Join<F1, F2> {
    fn new(future1: F1, future2: F2) -> Self {
        Self(
            Box::pin(MemoFuture::new(future1)),
            Box::pin(MemoFuture::new(future2)),
        )
    }
}

impl<F1: Future, F2: Future> Future for Join<F1, F2> {
    type Output = Result<(F1::Output, F2::Output), InnerFutureSpentError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.get_mut();

        let r1 = inner.0.as_mut().poll(cx);
        let r2 = inner.1.as_mut().poll(cx);

        match (r1, r2) {
            (Poll::Ready(r1), Poll::Ready(r2)) => {
                if r1.is_err() || r2.is_err() {
                    // This _shouldn't_ happen
                    Poll::Ready(Err(InnerFutureSpentError))
                } else {
                    Poll::Ready(Ok((inner.0.extract().unwrap(), inner.1.extract().unwrap())))
                }
            }
            _ => Poll::Pending,
        }
    }
}

// --- await Join futures in a future ---

async fn run_both_timers() -> Result<u64, InnerFutureSpentError> {
    let now = Instant::now();
    Join::new(
        ThreadTimer::new(Duration::from_secs(2)),
        ThreadTimer::new(Duration::from_secs(1)),
    ).await?;
    Ok(now.elapsed().as_secs())
}

// --- Usage ---

)rs"},
    {"pinning_003", R"rs(use std::pin::Pin;
use std::marker::PhantomPinned;

#[derive(Debug)]
struct Test {
    a: String,
    b: *const String,
    _marker: PhantomPinned,
}

impl Test {
    fn new(txt: &str) -> Pin<Box<Self>> {
        let t = Test {
            a: String::from(txt),
            b: std::ptr::null(),
            _marker: PhantomPinned,
        };
        let mut boxed = Box::pin(t);
        let self_ptr: *const String = &boxed.as_ref().a;
        unsafe { boxed.as_mut().get_unchecked_mut().b = self_ptr };

        boxed
    }

    fn a<'a>(self: Pin<&'a Self>) -> &'a str {
        &self.get_ref().a
    }

    fn b<'a>(self: Pin<&'a Self>) -> &'a String {
        unsafe { &*(self.b) }
    }
}

pub fn main() {
    let mut test1 = Test::new("test1");
    let mut test2 = Test::new("test2");

    println!("a: {}, b: {}", test1.as_ref().a(), test1.as_ref().b());
    println!("a: {}, b: {}", test2.as_ref().a(), test2.as_ref().b());
}
)rs"},
    {"async_state_machine_003", R"rs(// The `Future` type generated by our `async { ... }` block
struct AsyncFuture {
    fut_one: FutOne,
    fut_two: FutTwo,
    state: State,
}

// List of states our `async` block can be in
enum State {
    AwaitingFutOne,
    AwaitingFutTwo,
    Done,
}

impl Future for AsyncFuture {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        loop {
            match self.state {
                State::AwaitingFutOne => match self.fut_one.poll(..) {
                    Poll::Ready(()) => self.state = State::AwaitingFutTwo,
                    Poll::Pending => return Poll::Pending,
                }
                State::AwaitingFutTwo => match self.fut_two.poll(..) {
                    Poll::Ready(()) => self.state = State::Done,
                    Poll::Pending => return Poll::Pending,
                }
                State::Done => return Poll::Ready(()),
            }
        }
    }
}
)rs"},
};

} // namespace

class TestParser : public QObject {
    Q_OBJECT

private slots:
    void constructs_data();
    void constructs();
    void types_data();
    void types();
    void useTrees();
    void itemsAndAttributes();
    void functionsAndReceivers();
    void structsEnumsImpls();
    void docsAndLocations();
    void methodNameLocations();
    void macros();
    void coffeeAndToast();
    void bookListings_data();
    void bookListings();
    void errors_data();
    void errors();
    void errorRecoveryAndCap();
    void fuzz();
};

void TestParser::constructs_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("expected");
    auto row = [](const char* name, const char* body, const char* expected) {
        QTest::newRow(name) << QString::fromUtf8(body) << QString::fromUtf8(expected);
    };
    // literals
    row("int suffixes", "let a = 10u64; let b = 1_000usize; let c = 0xff_u8; let d = 0b101;",
        "{(let a = 10) (let b = 1000) (let c = 255) (let d = 5)}");
    row("floats", "let a = 1.5; let b = 2.0f64; let c = 1e3; let d = 2f32;",
        "{(let a = f1.5) (let b = f2) (let c = f1000) (let d = f2)}");
    row("string escapes", R"(let s = "a\tb\\c\"d\u{48}\x41";)", R"({(let s = "a\tb\c\"dHA")})");
    row("string line continuation", "let s = \"one \\\n      two\";", R"({(let s = "one two")})");
    row("raw strings", R"##(let a = r"C:\dir"; let b = r#"say "hi""#;)##",
        R"({(let a = "C:\dir") (let b = "say \"hi\"")})");
    row("byte string and byte char", R"(let a = b"hi"; let b = b'A';)", R"({(let a = "hi") (let b = 65)})");
    row("chars and bools", R"(let a = 'x'; let b = '\''; let c = true; let d = false;)",
        "{(let a = 'x') (let b = ''') (let c = true) (let d = false)}");
    // operators
    row("arithmetic precedence", "let x = 1 + 2 * 3 - 4 / 2 % 3;", "{(let x = (- (+ 1 (* 2 3)) (% (/ 4 2) 3)))}");
    row("logical and comparison", "let x = a < b && c >= d || !e;", "{(let x = (|| (&& (< a b) (>= c d)) (! e)))}");
    row("bitwise and shifts", "let x = a & b | c ^ d << 2 >> 1;", "{(let x = (| (& a b) (^ c (>> (<< d 2) 1))))}");
    row("unary", "let x = -a; let y = *b; let z = &c; let w = &mut d; let v = &&e;",
        "{(let x = (- a)) (let y = (* b)) (let z = (& c)) (let w = (&mut d)) (let v = (& (& e)))}");
    row("raw borrows", "let p = &raw const self.value; let q = &raw mut x; let raw = 1;",
        "{(let p = (&raw const (field self value))) (let q = (&raw mut x)) (let raw = 1)}");
    row("casts", "let x = y as u64 + 1; let z = -w as i32;", "{(let x = (+ (as y u64) 1)) (let z = (as (- w) i32))}");
    row("ranges", "let a = 0..10; let b = 0..=n; let c = ..5; let d = a..; let e = ..;",
        "{(let a = (range 0 10)) (let b = (range= 0 n)) (let c = (range _ 5)) (let d = (range a _)) (let e = (range _ "
        "_))}");
    row("assignment is right associative", "a = b = c;", "{(= a (= b c));}");
    row("compound assignment", "x += 1; x -= 1; x *= 2; x /= 2; x %= 3; x ^= 1; x &= 1; x |= 1; x <<= 1; x >>= 1;",
        "{(+= x 1); (-= x 1); (*= x 2); (/= x 2); (%= x 3); (^= x 1); (&= x 1); (|= x 1); (<<= x 1); (>>= x 1);}");
    row("assign through deref and field", "*fut.waker.lock().unwrap() = cx.waker().clone(); self.count += 1;",
        "{(= (* (.unwrap (.lock (field fut waker)))) (.clone (.waker cx))); (+= (field self count) 1);}");
    row("parenthesized", "let x = (a + b) * c;", "{(let x = (* (+ a b) c))}");
    // postfix
    row("postfix chain", "let v = a.b.c(1).await?.0[2];",
        "{(let v = (index (tidx (try (await (.c (field a b) 1))) 0) 2))}");
    row("nested tuple index", "let v = pair.0.1;", "{(let v = (tidx (tidx pair 0) 1))}");
    row("paths and calls", "thread::sleep(Duration::from_secs(3));",
        "{(call thread::sleep (call Duration::from_secs 3));}");
    row("turbofish",
        "let v = it.collect::<Vec<_>>(); let w = Vec::<i32>::new(); let c = mpsc::channel::<()>(1); let o = Ok::<(), "
        "String>(());",
        "{(let v = (.collect it)) (let w = (call Vec::new)) (let c = (call mpsc::channel 1)) (let o = (call Ok "
        "(tuple)))}");
    row("method call across lines", "waker\n    .lock()\n    .expect(\"crashed\")\n    .wake_by_ref();",
        "{(.wake_by_ref (.expect (.lock waker) \"crashed\"));}");
    // struct literals
    row("struct literal", "let p = Point { x, y: 1, ..base };", "{(let p = (struct Point x: x y: 1 ..base))}");
    row("struct literal with path", "let s = Arc::new(Mutex::new(SharedData { counter: 0 }));",
        "{(let s = (call Arc::new (call Mutex::new (struct SharedData counter: 0))))}");
    row("no struct literal in if condition", "if x == Foo { a } else { b }", "{=> (if (== x Foo) {=> a} else {=> b})}");
    row("no struct literal in while/for/match", "while x { } for i in v { } match y { _ => 1 }",
        "{(while x {}) (for i in v {}) => (match y (_ => 1))}");
    row("struct literal inside parens in condition", "if x == (Foo { a: 1 }) { }",
        "{=> (if (== x (struct Foo a: 1)) {})}");
    // closures and async
    row("closures", "let f = |a, b| a + b; let g = move |x: i32| -> i32 { x * 2 }; let h = || {};",
        "{(let f = (closure |a, b| (+ a b))) (let g = (closure move |x: i32| -> i32 {=> (* x 2)})) (let h = (closure "
        "|| {}))}");
    row("closure patterns", "let f = |_| 1; let g = |(a, b)| a; let h = |()| 0; let k = |&x| x;",
        "{(let f = (closure |_| 1)) (let g = (closure |(a, b)| a)) (let h = (closure |()| 0)) (let k = (closure |x| "
        "x))}");
    row("async closures", "let k = async move || {}; let m = |n| async move { n }; let a = async |x| x;",
        "{(let k = (closure async move || {})) (let m = (closure |n| (async move {=> n}))) (let a = (closure async |x| "
        "x))}");
    row("async blocks", "let f = async { 1 }; let g = async move { x.await };",
        "{(let f = (async {=> 1})) (let g = (async move {=> (await x)}))}");
    row("async block method tail", "async move { f().await; }.boxed()",
        "{=> (.boxed (async move {(await (call f));}))}");
    row("blocks and unsafe", "let a = { 1 }; let b = unsafe { *p };",
        "{(let a = {=> 1}) (let b = (unsafe {=> (* p)}))}");
    // control flow
    row("if else if else", "if a { 1 } else if b { 2 } else { 3 }",
        "{=> (if a {=> 1} else (if b {=> 2} else {=> 3}))}");
    row("if let", "if let Some(x) = opt { x } else { 0 }", "{=> (iflet Some(x) = opt {=> x} else {=> 0})}");
    row("if let with paths", "if let Poll::Ready(()) = a.poll(wake) { self.a.take(); }",
        "{=> (iflet Poll::Ready(()) = (.poll a wake) {(.take (field self a));})}");
    row("while and while let", "while n < 3 { n += 1; } while let Some(item) = stream.next().await { sum += item; }",
        "{(while (< n 3) {(+= n 1);}) => (whilelet Some(item) = (await (.next stream)) {(+= sum item);})}");
    row("loop with break value", "let r = loop { break 5; };", "{(let r = (loop {(break 5);}))}");
    row("labelled loops", "'outer: loop { 'inner: while x { break 'outer; } continue 'outer; }",
        "{=> ('outer: loop {('inner: while x {(break 'outer);}) (continue 'outer);})}");
    row("for loops", "for _ in 0..count { } for name in names { f(name); } for (i, x) in v.iter().enumerate() { }",
        "{(for _ in (range 0 count) {}) (for name in names {(call f name);}) => (for (i, x) in (.enumerate (.iter v)) "
        "{})}");
    row("return and break", "if a { return Poll::Pending } else { return; }",
        "{=> (if a {=> (return Poll::Pending)} else {(return);})}");
    row("match with or patterns and guards", "match n { 0 | 1 => \"small\", x if x > 10 => \"big\", _ => \"mid\" }",
        "{=> (match n (0 | 1 => \"small\") (x if (> x 10) => \"big\") (_ => \"mid\"))}");
    row("match arms with blocks need no comma", "match (a, b) {\n (1, 2) => { x }\n (y, _) => {}\n -1 => y, }",
        "{=> (match (tuple a b) ((1, 2) => {=> x}) ((y, _) => {}) (-1 => y))}");
    row("match arm bodies",
        "match self.state { State::A => match f.poll(..) { Poll::Ready(()) => self.state = State::B, Poll::Pending => "
        "return Poll::Pending, } State::Done => return Poll::Ready(()), }",
        "{=> (match (field self state) (#State::A => (match (.poll f (range _ _)) (Poll::Ready(()) => (= (field self "
        "state) State::B)) (#Poll::Pending => (return Poll::Pending)))) (#State::Done => (return (call Poll::Ready "
        "(tuple)))))}");
    row("patterns",
        "match v { Some(Point { x, y: 0, .. }) => 1, (a, ref b, mut c) => 2, E::V(_, ..) => 3, 'c' => 4, \"s\" => 5, "
        "-3 => 6, None => 7, MAX => 8 }",
        "{=> (match v (Some(Point{x: x, y: 0, ..: ..}) => 1) ((a, ref b, mut c) => 2) (E::V(_, ..) => 3) ('c' => 4) "
        "(\"s\" => 5) (-3 => 6) (#None => 7) (#MAX => 8))}");
    row("block-like statement then method", "match x { _ => y }.foo(); if a { b } else { c }.bar()",
        "{(.foo (match x (_ => y))); => (.bar (if a {=> b} else {=> c}))}");
    row("block-like statements need no semicolon", "if a { f(); } loop { break; } { g(); } unsafe { h(); } let x = 1;",
        "{(if a {(call f);}) (loop {(break);}) {(call g);} (unsafe {(call h);}) (let x = 1)}");
    // aggregates
    row("tuples unit arrays",
        "let t = (1, \"a\"); let u = (); let one = (1,); let arr = [1, 2, 3,]; let z = [0; 128]; let e = [];",
        "{(let t = (tuple 1 \"a\")) (let u = (tuple)) (let one = (tuple 1)) (let arr = (array 1 2 3)) (let z = (repeat "
        "0 128)) (let e = (array))}");
    // statements
    row("let forms", "let (a, mut b): (i32, u8) = (1, 2); let _ = f(); let x; let Some(y) = opt else { return; };",
        "{(let (a, mut b): (i32, u8) = (tuple 1 2)) (let _ = (call f)) (let x) (let Some(y) = opt else {(return);})}");
    row("empty statements", ";;", "{; ;}");
    row("nested items", "fn helper() {} struct S; use std::sync::Arc; const N: u32 = 3; helper()",
        "{(item helper) (item S) (item ) (item N) => (call helper)}");
    row("attributes on statements", "#[allow(unused)] let x = 1;", "{(let x = 1)}");
    row("tail expression", "let x = 1; x + 1", "{(let x = 1) => (+ x 1)}");
}

void TestParser::constructs()
{
    QFETCH(QString, body);
    QFETCH(QString, expected);
    std::string errors;
    const std::string got = parseBody(body.toStdString(), &errors);
    QVERIFY2(errors.empty(), errors.c_str());
    QCOMPARE(QString::fromStdString(got), expected);
}

void TestParser::types_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("expected");
    auto row = [](const char* type, const char* expected) {
        QTest::newRow(type) << QString(type) << QString(expected);
    };
    row("Arc<Mutex<i32>>", "Arc<Mutex<i32>>");
    row("Pin<&mut Self>", "Pin<&mut Self>");
    row("impl Future<Output = ()>", "impl Future<Output = ()>");
    row("&'static str", "&'static str");
    row("fn(i32) -> i32", "fn(i32) -> i32");
    row("Box<dyn Fn() + Send>", "Box<dyn Fn() + Send>");
    row("[u8; 128]", "[u8; 128]");
    row("*const String", "*const String");
    row("*mut u8", "*mut u8");
    row("(i32, String)", "(i32, String)");
    row("(i32,)", "(i32,)");
    row("()", "()");
    row("Vec<Vec<u8>>", "Vec<Vec<u8>>");
    row("Context<'_>", "Context");
    row("&'a mut T", "&mut T");
    row("Pin<&mut dyn Stream<Item = Result<i32, io::Error>>>", "Pin<&mut dyn Stream<Item = Result<i32, io::Error>>>");
    row("BoxFuture<'static, ()>", "BoxFuture<'static, ()>");
    row("Option<JoinHandle<()>>", "Option<JoinHandle<()>>");
    row("std::sync::Arc<tokio::sync::Mutex<SharedData>>", "std::sync::Arc<tokio::sync::Mutex<SharedData>>");
    row("F::Output", "F::Output");
    row("Poll<Self::Output>", "Poll<Self::Output>");
    row("&[u8]", "&[u8]");
    row("impl Future<Output = u8> + 'a", "impl Future<Output = u8>");
    row("impl Future<Output = ()> + 'static + Send", "impl Future<Output = ()> + 'static + Send");
    row("&dyn ToString", "&dyn ToString");
    row("Box<dyn Fn(i32) -> i32 + Send + 'static>", "Box<dyn Fn(i32) -> i32 + Send + 'static>");
    row("Result<(F1::Output, F2::Output), E>", "Result<(F1::Output, F2::Output), E>");
    row("!", "!");
    row("_", "_");
    row("<T as Trait>::Output", "<T as Trait>::Output");
    row("&&str", "&&str");
}

void TestParser::types()
{
    QFETCH(QString, type);
    QFETCH(QString, expected);
    const std::string source = "fn main() { let x: " + type.toStdString() + " = 0; }";
    ParseResult r = parseProgram("t.rs", source);
    QVERIFY2(r.program, errorsText(r, source).c_str());
    QCOMPARE(QString::fromStdString(r.program->items[0]->fn->body->stmts.at(0).type), expected);
}

std::string usesText(const Item& item)
{
    std::string out;
    for (const auto& [path, local] : item.uses)
        out += (out.empty() ? "" : ", ") + joinPath(path) + " as " + local;
    return out;
}

void TestParser::useTrees()
{
    const std::string source = "use std::sync::{Arc, Mutex};\n"
                               "use a::b as c;\n"
                               "use a::*;\n"
                               "use std::{thread, time::Duration};\n"
                               "use std::thread::{self, Thread};\n"
                               "use {futures::{join, future::{self as fut, *}}, std::pin::Pin,};\n"
                               "pub use ::tokio::time::sleep as _;\n";
    ParseResult r = parseProgram("t.rs", source);
    QVERIFY2(r.program, errorsText(r, source).c_str());
    const auto& items = r.program->items;
    QCOMPARE(items.size(), std::size_t(7));
    for (const auto& item : items)
        QCOMPARE(int(item->kind), int(Item::Kind::Use));
    QCOMPARE(usesText(*items[0]), std::string("std::sync::Arc as Arc, std::sync::Mutex as Mutex"));
    QCOMPARE(usesText(*items[1]), std::string("a::b as c"));
    QCOMPARE(usesText(*items[2]), std::string("a as *"));
    QCOMPARE(usesText(*items[3]), std::string("std::thread as thread, std::time::Duration as Duration"));
    QCOMPARE(usesText(*items[4]), std::string("std::thread as thread, std::thread::Thread as Thread"));
    QCOMPARE(usesText(*items[5]),
             std::string("futures::join as join, futures::future as fut, futures::future as *, std::pin::Pin as Pin"));
    QCOMPARE(usesText(*items[6]), std::string("tokio::time::sleep as _"));
}

std::string attrText(const Attribute& a)
{
    std::string out = joinPath(a.path) + "(";
    for (std::size_t i = 0; i < a.args.size(); ++i)
        out += (i ? ", " : "") + a.args[i].first + (a.args[i].second.empty() ? "" : "=" + a.args[i].second);
    return out + ")";
}

void TestParser::itemsAndAttributes()
{
    const std::string source = "#![allow(unused)]\n"
                               "const KETTLE: u64 = 10;\n"
                               "static mut COUNT: usize = 0;\n"
                               "pub(crate) static NAME: &str = \"x\";\n"
                               "type AsyncFileHandle = Arc<Mutex<File>>;\n"
                               "#[tokio::main]\n"
                               "async fn a() {}\n"
                               "#[tokio::main(flavor = \"current_thread\", worker_threads = 1)]\n"
                               "async fn b() {}\n"
                               "#[pinwheel(executor = \"loop\", seed = 7, jitter = 10)]\n"
                               "#[derive(Debug, Clone)]\n"
                               "#[cfg_attr(test, derive(Default))]\n"
                               "fn c() {}\n";
    ParseResult r = parseProgram("t.rs", source);
    QVERIFY2(r.program, errorsText(r, source).c_str());
    const auto& items = r.program->items;
    QCOMPARE(items.size(), std::size_t(7));
    QCOMPARE(int(items[0]->kind), int(Item::Kind::Const));
    QCOMPARE(items[0]->name, std::string("KETTLE"));
    QCOMPARE(items[0]->type, std::string("u64"));
    QCOMPARE(dump(items[0]->value.get()), std::string("10"));
    QCOMPARE(int(items[1]->kind), int(Item::Kind::Static));
    QVERIFY(items[1]->isMut);
    QCOMPARE(items[2]->type, std::string("&str"));
    QVERIFY(!items[2]->isMut);
    QCOMPARE(int(items[3]->kind), int(Item::Kind::TypeAlias));
    QCOMPARE(items[3]->name, std::string("AsyncFileHandle"));
    QCOMPARE(items[3]->type, std::string("Arc<Mutex<File>>"));
    QCOMPARE(items[4]->attrs.size(), std::size_t(1));
    QCOMPARE(attrText(items[4]->attrs[0]), std::string("tokio::main()"));
    QCOMPARE(items[4]->fn->attrs.size(), std::size_t(1));
    QCOMPARE(attrText(items[5]->attrs[0]), std::string("tokio::main(flavor=current_thread, worker_threads=1)"));
    QCOMPARE(items[6]->attrs.size(), std::size_t(3));
    QCOMPARE(attrText(items[6]->attrs[0]), std::string("pinwheel(executor=loop, seed=7, jitter=10)"));
    QCOMPARE(attrText(items[6]->attrs[1]), std::string("derive(Debug, Clone)"));
    QCOMPARE(attrText(items[6]->attrs[2]), std::string("cfg_attr(test, derive(Default))"));
    QCOMPARE(items[6]->attrs[0].loc.line, 10);
    QCOMPARE(items[6]->attrs[0].loc.col, 1);
    QCOMPARE(items[6]->loc.line, 13);
}

std::string paramsText(const FnDecl& fn)
{
    std::string out = fn.selfParam;
    for (const auto& p : fn.params)
        out += std::string(out.empty() ? "" : ", ") + dump(p.pattern) + ": " + p.type;
    return out;
}

void TestParser::functionsAndReceivers()
{
    const std::string source =
        "pub fn a() {}\n"
        "pub(crate) async fn b(x: u32) -> u32 { x }\n"
        "unsafe fn c() {}\n"
        "fn d<F: Future>(future: F) -> F::Output where F: Send + 'static { todo!() }\n"
        "async unsafe fn e(mut x: T, (a, b): (A, B), _: T) {}\n"
        "const fn f() -> impl Future<Output = ()> + Send { async {} }\n"
        "impl X {\n"
        "    fn r1(self) {}\n"
        "    fn r2(&self) {}\n"
        "    fn r3(&mut self, n: u8) {}\n"
        "    fn r4(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> { Poll::Pending }\n"
        "    fn r5(self: Pin<&mut Self>) {}\n"
        "    fn r6(self: Arc<Self>) {}\n"
        "    fn r7<'a>(&'a mut self) {}\n"
        "    fn r8<'a>(self: Pin<&'a Self>) -> &'a str { &self.get_ref().a }\n"
        "    fn r9(mut self) {}\n"
        "    fn wake_by_ref(arc_self: &Arc<Self>) {}\n"
        "}\n";
    ParseResult r = parseProgram("t.rs", source);
    QVERIFY2(r.program, errorsText(r, source).c_str());
    const auto& items = r.program->items;
    QCOMPARE(items.size(), std::size_t(7));
    QCOMPARE(items[0]->fn->name, std::string("a"));
    QVERIFY(!items[0]->fn->isAsync);
    QVERIFY(items[1]->fn->isAsync);
    QCOMPARE(items[1]->fn->returnType, std::string("u32"));
    QCOMPARE(paramsText(*items[1]->fn), std::string("x: u32"));
    QVERIFY(items[2]->fn->isUnsafe);
    QCOMPARE(items[3]->fn->returnType, std::string("F::Output"));
    QCOMPARE(dump(*items[3]->fn->body), std::string("{=> (todo!)}"));
    QVERIFY(items[4]->fn->isAsync && items[4]->fn->isUnsafe);
    QCOMPARE(paramsText(*items[4]->fn), std::string("mut x: T, (a, b): (A, B), _: T"));
    QCOMPARE(items[5]->fn->returnType, std::string("impl Future<Output = ()> + Send"));
    const auto& m = items[6]->methods;
    QCOMPARE(m.size(), std::size_t(10));
    const char* expected[] = {"self",
                              "&self",
                              "&mut self, n: u8",
                              "mut self: Pin<&mut Self>, cx: &mut Context",
                              "self: Pin<&mut Self>",
                              "self: Arc<Self>",
                              "&mut self",
                              "self: Pin<&Self>",
                              "mut self",
                              "arc_self: &Arc<Self>"};
    for (std::size_t i = 0; i < m.size(); ++i)
        QCOMPARE(paramsText(*m[i]), std::string(expected[i]));
    QCOMPARE(m[3]->returnType, std::string("Poll<Self::Output>"));
    QCOMPARE(m[7]->returnType, std::string("&str"));
}

void TestParser::structsEnumsImpls()
{
    const std::string source = "#[derive(Debug)]\n"
                               "pub struct P<T: Clone> where T: Send { pub x: T, /// doc\n y: Vec<T>, }\n"
                               "struct W(pub u32, String);\n"
                               "struct U;\n"
                               "struct ReadIntoBuf<'a> { buf: &'a mut [u8] }\n"
                               "enum E { A, B(u32, String), C = 3 }\n"
                               "enum Poll2<T> { Ready(T), Pending, }\n"
                               "impl T {}\n"
                               "impl Future for CounterFuture { type Output = u32; fn poll(mut self: Pin<&mut Self>, "
                               "cx: &mut Context<'_>) -> Poll<Self::Output> { Poll::Pending } }\n"
                               "impl<T> Trait for X<T> where T: SimpleFuture<Output = ()>, { }\n"
                               "impl SimpleFuture for SocketRead<'_> { type Output = Vec<u8>; }\n"
                               "unsafe impl Send for X {}\n";
    ParseResult r = parseProgram("t.rs", source);
    QVERIFY2(r.program, errorsText(r, source).c_str());
    const auto& items = r.program->items;
    QCOMPARE(items.size(), std::size_t(11));
    QCOMPARE(int(items[0]->kind), int(Item::Kind::Struct));
    QCOMPARE(items[0]->name, std::string("P"));
    QCOMPARE(items[0]->fields.size(), std::size_t(2));
    QCOMPARE(items[0]->fields[0], (std::pair<std::string, std::string>("x", "T")));
    QCOMPARE(items[0]->fields[1], (std::pair<std::string, std::string>("y", "Vec<T>")));
    QCOMPARE(attrText(items[0]->attrs.at(0)), std::string("derive(Debug)"));
    QVERIFY(items[1]->tupleStruct);
    QCOMPARE(items[1]->fields[0], (std::pair<std::string, std::string>("0", "u32")));
    QCOMPARE(items[1]->fields[1], (std::pair<std::string, std::string>("1", "String")));
    QVERIFY(items[2]->fields.empty() && !items[2]->tupleStruct);
    QCOMPARE(items[3]->fields[0].second, std::string("&mut [u8]"));
    QCOMPARE(int(items[4]->kind), int(Item::Kind::Enum));
    QCOMPARE(items[4]->variants.size(), std::size_t(3));
    QCOMPARE(items[4]->variants[1].first, std::string("B"));
    QCOMPARE(items[4]->variants[1].second, (std::vector<std::string>{"u32", "String"}));
    QVERIFY(items[4]->variants[2].second.empty());
    QCOMPARE(items[5]->variants.size(), std::size_t(2));
    QCOMPARE(int(items[6]->kind), int(Item::Kind::Impl));
    QCOMPARE(items[6]->selfType, std::string("T"));
    QVERIFY(items[6]->traitName.empty());
    QCOMPARE(items[7]->traitName, std::string("Future"));
    QCOMPARE(items[7]->selfType, std::string("CounterFuture"));
    QCOMPARE(items[7]->assocTypes.at(0), (std::pair<std::string, std::string>("Output", "u32")));
    QCOMPARE(items[7]->methods.at(0)->name, std::string("poll"));
    QCOMPARE(items[7]->methods.at(0)->selfParam, std::string("mut self: Pin<&mut Self>"));
    QCOMPARE(items[8]->traitName, std::string("Trait"));
    QCOMPARE(items[8]->selfType, std::string("X<T>"));
    QCOMPARE(items[9]->selfType, std::string("SocketRead"));
    QCOMPARE(items[10]->traitName, std::string("Send"));
}

void TestParser::docsAndLocations()
{
    const std::string source = "//! # Title\n"
                               "//!second line\n"
                               "/// Kettle boiling time.\n"
                               "///   indented\n"
                               "#[tokio::main]\n"
                               "/// after the attribute\n"
                               "async fn main() {\n"
                               "    let s = \"h\u00e9llo\"; let x = 1;\n"
                               "    sleep(d).await;\n"
                               "}\n"
                               "//// four slashes is a plain comment\n"
                               "/* a /* nested */ block */ fn f() {}\n"
                               "impl X {\n"
                               "    /// method doc\n"
                               "    fn m(&self) {}\n"
                               "}\n";
    ParseResult r = parseProgram("t.rs", source);
    QVERIFY2(r.program, errorsText(r, source).c_str());
    QCOMPARE(r.program->innerDoc, std::string("# Title\nsecond line"));
    QCOMPARE(r.program->fileName, std::string("t.rs"));
    const auto& main = *r.program->items[0];
    QCOMPARE(main.doc, std::string("Kettle boiling time.\n  indented\nafter the attribute"));
    QCOMPARE(main.fn->doc, main.doc);
    QCOMPARE(main.loc.line, 7);
    QCOMPARE(main.loc.col, 1);
    QCOMPARE(main.fn->nameLoc.line, 7);
    QCOMPARE(main.fn->nameLoc.col, 10);
    const Block& body = *main.fn->body;
    QCOMPARE(body.loc.line, 7);
    QCOMPARE(body.loc.col, 17);
    QCOMPARE(body.endLoc.line, 10);
    QCOMPARE(body.endLoc.col, 1);
    // columns count characters: `é` is two bytes but one column
    QCOMPARE(body.stmts.at(1).loc.line, 8);
    QCOMPARE(body.stmts.at(1).loc.col, 22);
    QCOMPARE(body.stmts.at(1).init->loc.col, 30);
    const Expr& await = *body.stmts.at(2).expr;
    QCOMPARE(int(await.kind), int(ExprKind::Await));
    QCOMPARE(await.loc.line, 9);
    QCOMPARE(await.loc.col, 5);
    QCOMPARE(await.args[0]->args[1]->loc.col, 11);
    QVERIFY(r.program->items[1]->doc.empty());
    QCOMPARE(r.program->items[2]->methods.at(0)->doc, std::string("method doc"));
}

void TestParser::macros()
{
    struct Case {
        const char* body;
        const char* expected;
    };
    const Case cases[] = {
        {"println!(\"{a} {}\", x, a = 1);", "{(println! \"{a} {}\" x a=1);}"},
        {"print!(\"no newline\"); eprintln!(\"err {:?}\", e); eprint!(\"x\");",
         "{(print! \"no newline\"); (eprintln! \"err {:?}\" e); (eprint! \"x\");}"},
        {"let s = format!(\"{}\\n\", self.entry);", "{(let s = (format! \"{}\\n\" (field self entry)))}"},
        {"println!(r#\"raw \"{}\"\"#, x);", "{(println! \"raw \\\"{}\\\"\" x);}"},
        {"panic!(); panic!(\"boom {}\", 1,);", "{(panic! \"\"); (panic! \"boom {}\" 1);}"},
        {"write!(f, \"x{}\", 1)?; writeln!(out);", "{(try (write! f \"x{}\" 1)); (writeln! out \"\");}"},
        {"let v = vec![1, 2]; let z = vec![0; n]; let e = vec![];",
         "{(let v = (vec! 1 2)) (let z = (vec! 0 n repeat)) (let e = (vec!))}"},
        {"join!(a, b); tokio::join!(a, b,); futures::join! { a }",
         "{(join! a b); (tokio::join! a b); => (futures::join! a)}"},
        {"let r = try_join!(a, b)?;", "{(let r = (try (try_join! a b)))}"},
        {"assert!(a, \"msg {}\", x); assert_eq!(a, b); assert_ne!(a, b);",
         "{(assert! a \"msg {}\" x); (assert_eq! a b); (assert_ne! a b);}"},
        {"let p = pin!(fut); let q = std::pin::pin!(fut); pin_mut!(t1, t2);",
         "{(let p = (pin! fut)) (let q = (std::pin::pin! fut)) (pin_mut! t1 t2);}"},
        {"let m = matches!(x, Some(_)); let g = matches!(x, Some(v) if v > 1);",
         "{(let m = (matches! x Some(_))) (let g = (matches! x (> v 1) Some(v)))}"},
        {"todo!(); unreachable!(); unreachable!(\"never {}\", 1);",
         "{(todo!); (unreachable!); (unreachable! \"never {}\" 1);}"},
        {"tokio::select! {\n biased;\n v = rx.recv(), if open => v,\n _ = sleep(d) => { 0 }\n else => 1,\n }",
         "{=> (tokio::select! biased (v = (.recv rx) if open => v) (_ = (call sleep d) => {=> 0}) (else => 1))}"},
        {"loop { select! { a = a_fut => total += a, b = b_fut => total += b, complete => break, default => "
         "unreachable!(), }; }",
         "{=> (loop {(select! (a = a_fut => (+= total a)) (b = b_fut => (+= total b)) (#default = _ => (unreachable!)) "
         "(complete => (break)));})}"},
        {"let item = futures::select! { x = s1.next() => x, () = t2 => { 1 } };",
         "{(let item = (futures::select! (x = (.next s1) => x) (() = t2 => {=> 1})))}"},
    };
    for (const Case& c : cases) {
        std::string errors;
        const std::string got = parseBody(c.body, &errors);
        QVERIFY2(errors.empty(), (std::string(c.body) + "\n" + errors).c_str());
        QCOMPARE(QString::fromStdString(got), QString::fromUtf8(c.expected));
    }
    // the details the interpreter reads
    const std::string source = "fn main() { tokio::select! { complete => 1 } writeln!(f, \"x\"); println!(\"a\"); }";
    ParseResult r = parseProgram("t.rs", source);
    QVERIFY2(r.program, errorsText(r, source).c_str());
    const Block& b = *r.program->items[0]->fn->body;
    QCOMPARE(b.stmts[0].expr->text, std::string("complete"));
    QCOMPARE(b.stmts[0].expr->macroPath, std::string("tokio::select"));
    QVERIFY(!b.stmts[0].hasSemicolon);
    QCOMPARE(b.stmts[1].expr->text, std::string("writeln"));
    QCOMPARE(b.stmts[1].expr->args.size(), std::size_t(1));
    QCOMPARE(b.stmts[1].expr->format->formatLoc.col, 58);
    QCOMPARE(b.stmts[2].expr->macroPath, std::string("println"));
}

void TestParser::coffeeAndToast()
{
    for (const char* source : {kCoffeeToast, kCoffeeToastShort}) {
        ParseResult r = parseProgram("coffee.rs", source);
        QVERIFY2(r.program, errorsText(r, source).c_str());
        const Program& p = *r.program;
        QCOMPARE(p.innerDoc, std::string("# Coffee and toast\n`thread::sleep` is work that needs both hands; "
                                         "`sleep(..).await` is waiting that frees them."));
        QCOMPARE(int(p.items[0]->kind), int(Item::Kind::Use));
        QCOMPARE(usesText(*p.items[1]), std::string("std::time::Duration as Duration, std::time::Instant as Instant"));
        const Item& kettle = *p.items[3];
        QCOMPARE(kettle.name, std::string("KETTLE"));
        QCOMPARE(kettle.doc, std::string("Kettle boiling time. pinwheel: param(seconds, 0..=30)"));
        const Item& main = *p.items.back();
        QCOMPARE(main.name, std::string("main"));
        QVERIFY(main.fn->isAsync);
        QCOMPARE(attrText(main.attrs.at(0)), std::string("tokio::main()"));
    }
    ParseResult r = parseProgram("coffee.rs", kCoffeeToast);
    const Program& p = *r.program;
    QCOMPARE(p.items.size(), std::size_t(8));
    QCOMPARE(dump(*p.items[5]->fn->body),
             std::string("{(println! \"boiling kettle...\"); (await (call sleep (call Duration::from_secs KETTLE))); "
                         "(println! \"kettle boiled.\"); (println! \"pouring boiled water...\"); "
                         "(call thread::sleep (call Duration::from_secs 3)); (println! \"boiled water poured.\");}"));
    QCOMPARE(
        dump(*p.items[7]->fn->body),
        std::string("{(let start_time = (call Instant::now)) (let coffee_mug_step = (call prep_coffee_mug)) "
                    "(let coffee_step = (call make_coffee)) (let toast_step = (call make_toast)) "
                    "(tokio::join! coffee_mug_step coffee_step toast_step); (let elapsed_time = (.elapsed start_time)) "
                    "(println! \"It took: {} seconds\" (.as_secs elapsed_time));}"));
}

void TestParser::methodNameLocations()
{
    // rustc underlines the method name (`get_mut`), not the receiver: the parser keeps both.
    const std::string source = "fn main() {\n    std::mem::swap(test1.get_mut(), t.x.as_ref());\n}\n";
    ParseResult r = parseProgram("t.rs", source);
    QVERIFY(r.program);
    const Expr& call = *r.program->items[0]->fn->body->stmts.at(0).expr;
    const Expr& getMut = *call.args.at(1);
    QCOMPARE(int(getMut.kind), int(ExprKind::MethodCall));
    QCOMPARE(getMut.loc.col, 20);
    QCOMPARE(getMut.nameLoc.line, 2);
    QCOMPARE(getMut.nameLoc.col, 26);
    const Expr& asRef = *call.args.at(2);
    QCOMPARE(asRef.nameLoc.col, 41);
    QCOMPARE(asRef.args.at(0)->nameLoc.col, 39); // the field `x`
}

void TestParser::bookListings_data()
{
    QTest::addColumn<QString>("source");
    for (const auto& [name, source] : kListings)
        QTest::newRow(name) << QString::fromUtf8(source);
}

void TestParser::bookListings()
{
    QFETCH(QString, source);
    const std::string text = source.toStdString();
    ParseResult r = parseProgram("listing.rs", text);
    QVERIFY2(r.program, errorsText(r, text).c_str());
    QVERIFY(!r.program->items.empty());
}

void TestParser::errors_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("col");
    QTest::addColumn<QString>("message");
    auto row = [](const char* name, const std::string& source, int line, int col, const char* message) {
        QTest::newRow(name) << QString::fromStdString(source) << line << col << QString(message);
    };
    row("unterminated string", "fn main() {\n    let s = \"abc;\n}\n", 2, 13, "unterminated string literal");
    row("unterminated raw string", "fn main() {\n    let s = r#\"abc\";\n}\n", 2, 13,
        "unterminated raw string literal: expected a closing `\"#`");
    row("unterminated block comment", "fn main() {}\n  /* a /* b */\n", 2, 3, "unterminated block comment");
    row("unexpected token", "fn main() {\n    let x = 5 +;\n}\n", 2, 16, "expected an expression, found `;`");
    row("missing semicolon after let", "fn main() {\n    let a = 1\n    let b = 2;\n}\n", 3, 5,
        "expected `;` after the `let` statement on line 2, found keyword `let`");
    row("missing semicolon between statements", "fn main() {\n    foo()\n    bar();\n}\n", 3, 5,
        "expected `;` after the statement on line 2, found identifier `bar`");
    row("missing semicolon after use", "use std::thread\nfn main() {}\n", 2, 1,
        "expected `;` after the `use` declaration on line 1, found keyword `fn`");
    row("unsupported trait", "use std::pin::Pin;\npub trait Future {\n    type Output;\n}\n", 2, 5,
        "`trait` definitions are not supported");
    row("unsupported mod", "mod inner {}\n", 1, 1, "`mod` is not supported");
    row("unbalanced braces at end of file", "fn main() {\n    if x {\n        y();\n    \n}\n", 1, 11,
        "unclosed `{`: expected a matching `}`, found end of file");
    row("unexpected closing brace", "fn main() {}\n}\n", 2, 1, "unexpected closing `}`: there is no open `{` to close");
    row("mismatched delimiter", "fn main() { foo(1]; }\n", 1, 18,
        "mismatched closing delimiter: found `]`, expected `)` to close the `(` at 1:16");
    const std::string deep =
        "fn main() {\n    let x = " + std::string(300, '(') + "1" + std::string(300, ')') + ";\n}\n";
    row("too deep nesting", deep, 2, 112, "nesting is too deep (more than 200 levels");
    row("unsupported macro", "fn main() {\n    dbg!(x);\n}\n", 2, 5, "unsupported macro `dbg!`; supported: println!");
    row("struct variants", "enum E {\n    A { x: i32 },\n}\n", 2, 7, "struct-like enum variants");
    row("raw borrow of a non-place", "fn main() { let p = &raw const; }\n", 1, 31, "expected an expression");
    row("statement at top level", "let x = 1;\n", 1, 1, "statements belong inside a fn body");
    row("invalid number suffix", "const X: u32 = 10u7;\n", 1, 18, "invalid suffix `u7`");
    row("integer too large", "const X: u64 = 99999999999999999999;\n", 1, 16,
        "integer literal `99999999999999999999` is too large");
    row("unknown escape", "const S: &str = \"a\\qb\";\n", 1, 19, "unknown character escape `\\q`");
    row("unexpected character", "fn main() { let x = 1 \xe2\x82\xac 2; }\n", 1, 23,
        "unexpected character `\xe2\x82\xac`");
    row("format string must be a literal", "fn main() { println!(x); }\n", 1, 22,
        "expected a format string literal as the first argument of `println!`");
    row("chained comparison", "fn main() { let b = a < b < c; }\n", 1, 27, "comparison operators cannot be chained");
    row("fn without body", "fn f();\n", 1, 7, "expected a function body `{ ... }`, found `;`");
    row("missing comma in match", "fn main() { match x { 1 => a 2 => b } }\n", 1, 30,
        "expected `,` or `}` after the match arm, found integer literal `2`");
    row("or-pattern in let", "fn main() { let A | B = x; }\n", 1, 19,
        "or-patterns (`A | B`) are only supported in match arms");
    row("range pattern", "fn main() { match x { 1..=5 => 1, _ => 2 } }\n", 1, 24,
        "range patterns (`1..=5`) are not supported");
    row("bad select branch", "fn main() { tokio::select! { x => 1 } }\n", 1, 32,
        "expected `=` after the `select!` branch pattern (`pattern = future => body`), found `=>`");
    row("assoc const in impl", "impl X { const N: u8 = 1; }\n", 1, 10,
        "associated constants in impl blocks are not supported");
    row("macro at item level", "macro_rules! m { () => {} }\n", 1, 1,
        "macro `macro_rules!` is not supported as an item");
    row("let chain", "fn main() { if let Some(x) = a && b {} }\n", 1, 32,
        "`if let ... && ...` chains are not supported");
    row("while let chain", "fn main() { while let Some(x) = a || b {} }\n", 1, 35,
        "`while let ... || ...` chains are not supported");
    row("character column after tab", "fn main() {\n\tlet x = ;\n}\n", 2, 10, "expected an expression, found `;`");
}

void TestParser::errors()
{
    QFETCH(QString, source);
    QFETCH(int, line);
    QFETCH(int, col);
    QFETCH(QString, message);
    const std::string text = source.toStdString();
    ParseResult r = parseProgram("bad.rs", text);
    QVERIFY(!r.program);
    QVERIFY(!r.errors.empty());
    const Diagnostic& d = r.errors.front();
    const std::string all = errorsText(r, text);
    QVERIFY2(QString::fromStdString(d.message).contains(message), all.c_str());
    QCOMPARE(d.file, std::string("bad.rs"));
    QCOMPARE(d.loc.line, line);
    QCOMPARE(d.loc.col, col);
    QVERIFY(QString::fromStdString(d.format(text)).startsWith(QString("bad.rs:%1:%2: error: ").arg(line).arg(col)));
}

void TestParser::errorRecoveryAndCap()
{
    // three broken items, one good: three errors, each at its own line
    const std::string source = "fn a() { let = 1; }\n"
                               "fn b() { 1 + ; }\n"
                               "trait T {}\n"
                               "fn c() {}\n"
                               "struct S { x: }\n";
    ParseResult r = parseProgram("t.rs", source);
    QVERIFY(!r.program);
    QCOMPARE(r.errors.size(), std::size_t(4));
    QCOMPARE(r.errors[0].loc.line, 1);
    QCOMPARE(r.errors[0].loc.col, 14);
    QCOMPARE(r.errors[1].loc.line, 2);
    QCOMPARE(r.errors[2].loc.line, 3);
    QCOMPARE(r.errors[3].loc.line, 5);
    QCOMPARE(r.errors[3].loc.col, 15);
    // a character the lexer drops does not cascade into parser errors after it
    r = parseProgram("t.rs", "fn main() { let x = 1 \xe2\x82\xac 2; }\nfn g() { let y = ` ; }\n");
    QCOMPARE(r.errors.size(), std::size_t(2));
    QCOMPARE(r.errors[1].loc.line, 2);
    QCOMPARE(r.errors[1].loc.col, 18);
    // at most 20 errors
    std::string many;
    for (int i = 0; i < 50; ++i)
        many += "fn f" + std::to_string(i) + "() { let = ; }\n";
    r = parseProgram("t.rs", many);
    QCOMPARE(r.errors.size(), std::size_t(20));
    QCOMPARE(r.errors.back().loc.line, 20);
}

void checkResult(const ParseResult& r, const std::string& input)
{
    if (r.errors.empty()) {
        QVERIFY2(r.program, input.c_str());
        return;
    }
    QVERIFY(!r.program);
    QVERIFY(r.errors.size() <= 20);
    for (const Diagnostic& d : r.errors) {
        QVERIFY2(d.loc.line >= 1 && d.loc.col >= 1, input.c_str());
        QVERIFY2(!d.message.empty(), input.c_str());
        (void)d.format(input);
    }
}

void TestParser::fuzz()
{
    const std::string base = kCoffeeToast;
    const std::string listing = kListings[3].second;
    int inputs = 0;
    for (std::size_t n = 0; n <= base.size(); ++n, ++inputs)
        checkResult(parseProgram("prefix.rs", base.substr(0, n)), base.substr(0, n));
    std::mt19937 rng(20240607);
    const std::string alphabet = "{}()[]<>;:,.=!&|'\"#/*-+?@$r_b0123456789 \n\tfnletasyncawaitmatch\\\x80\xe2\x82\xac";
    for (int i = 0; i < 3000; ++i, ++inputs) {
        std::string s = (i % 2 == 0) ? base : listing;
        const int edits = 1 + static_cast<int>(rng() % 4);
        for (int k = 0; k < edits && !s.empty(); ++k) {
            const std::size_t at = rng() % s.size();
            switch (rng() % 4) {
            case 0:
                s[at] = alphabet[rng() % alphabet.size()];
                break;
            case 1:
                s.insert(at, 1, alphabet[rng() % alphabet.size()]);
                break;
            case 2:
                s.erase(at, 1 + rng() % 8);
                break;
            default:
                s[at] = static_cast<char>(rng() % 256);
                break;
            }
        }
        checkResult(parseProgram("mutant.rs", s), s);
    }
    // pathological shapes
    const std::string shapes[] = {std::string(5000, '{'),
                                  std::string(5000, '('),
                                  std::string(5000, '}'),
                                  "fn main() {" + std::string(3000, '[') + std::string(3000, ']') + "}",
                                  "fn main() { let x = " + std::string(3000, '-') + "1; }",
                                  "fn main() { let x = " + std::string(3000, '&') + "1; }",
                                  "fn main() { if a {} " +
                                      [] {
                                          std::string s;
                                          for (int i = 0; i < 1000; ++i)
                                              s += "else if a {} ";
                                          return s;
                                      }() +
                                      "}",
                                  "fn main() { x" +
                                      [] {
                                          std::string s;
                                          for (int i = 0; i < 3000; ++i)
                                              s += ".f()";
                                          return s;
                                      }() +
                                      "; }",
                                  "fn main() { let x = 1" +
                                      [] {
                                          std::string s;
                                          for (int i = 0; i < 3000; ++i)
                                              s += " + 1";
                                          return s;
                                      }() +
                                      "; }",
                                  "fn main() { a" +
                                      [] {
                                          std::string s;
                                          for (int i = 0; i < 3000; ++i)
                                              s += " = a";
                                          return s;
                                      }() +
                                      "; }",
                                  "type T = " + std::string(3000, '&') + "u8;",
                                  "'",
                                  "\"",
                                  "r#",
                                  "b'",
                                  "/*",
                                  "#",
                                  "#[",
                                  "fn",
                                  "fn main",
                                  "use",
                                  "use {",
                                  "impl<",
                                  "'a: 'b: loop {}",
                                  std::string("\0\0\0", 3),
                                  "\xff\xfe"};
    for (const std::string& s : shapes) {
        checkResult(parseProgram("shape.rs", s), s);
        ++inputs;
    }
    QVERIFY(inputs > 4000);
}

QTEST_MAIN(TestParser)
#include "tst_parser.moc"
