//! Shared helpers for the Tokio reference programs.
//!
//! Time scale: 1 "book second" = 50 ms of real time (so 3 s -> 150 ms,
//! 100 ms -> 5 ms).  Every line is printed as
//!
//! `<elapsed ms>ms <thread name> <ThreadId(n)> | <text>`
//!
//! where elapsed is measured from the first call to `start()` (done at the
//! top of every program's async main body).

use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};

pub const MS_PER_BOOK_SEC: u64 = 50;

static START: OnceLock<Instant> = OnceLock::new();

/// Fix the time origin (idempotent).
pub fn start() -> Instant {
    *START.get_or_init(Instant::now)
}

pub fn elapsed_ms() -> f64 {
    start().elapsed().as_secs_f64() * 1000.0
}

/// Book seconds -> scaled real duration.
pub fn bs(secs: u64) -> Duration {
    Duration::from_millis(secs * MS_PER_BOOK_SEC)
}

/// Book milliseconds -> scaled real duration (100 ms -> 5 ms).
pub fn bms(ms: u64) -> Duration {
    Duration::from_micros(ms * MS_PER_BOOK_SEC)
}

pub fn log(text: impl AsRef<str>) {
    let t = elapsed_ms();
    let cur = thread::current();
    let name = cur.name().unwrap_or("<unnamed>").to_string();
    let id = format!("{:?}", cur.id());
    // single println! call -> one line, no interleaving
    println!("{:10.3}ms {} {} | {}", t, name, id, text.as_ref());
}

fn tag(person: u32) -> String {
    if person == 0 {
        String::new()
    } else {
        format!("[P{}] ", person)
    }
}

/// Book: prep_coffee_mug.  `yield_first` adds the `sleep(100ms).await`
/// at the beginning (book's "yield" version).
pub async fn prep_coffee_mug(person: u32, yield_first: bool) {
    let p = tag(person);
    if yield_first {
        tokio::time::sleep(bms(100)).await;
    }
    log(format!("{p}Pouring milk..."));
    thread::sleep(bs(3));
    log(format!("{p}Milk poured."));
    log(format!("{p}Putting instant coffee..."));
    thread::sleep(bs(3));
    log(format!("{p}Instant coffee put."));
}

pub async fn make_coffee(person: u32) {
    let p = tag(person);
    log(format!("{p}boiling kettle..."));
    tokio::time::sleep(bs(10)).await;
    log(format!("{p}kettle boiled."));
    log(format!("{p}pouring boiled water..."));
    thread::sleep(bs(3));
    log(format!("{p}boiled water poured."));
}

pub async fn make_toast(person: u32) {
    let p = tag(person);
    log(format!("{p}putting bread in toaster..."));
    tokio::time::sleep(bs(10)).await;
    log(format!("{p}bread toasted."));
    log(format!("{p}buttering toasted bread..."));
    thread::sleep(bs(5));
    log(format!("{p}toasted bread buttered."));
}

/// One person = the book's `tokio::join!(prep_coffee_mug(), make_coffee(), make_toast())`.
pub async fn person(person: u32, yield_first: bool) {
    tokio::join!(
        prep_coffee_mug(person, yield_first),
        make_coffee(person),
        make_toast(person)
    );
}

/// Print the book's final line.  "N seconds" is elapsed book seconds,
/// truncated like `Duration::as_secs()` in the book.
pub fn report_total(start_time: Instant) {
    let ms = start_time.elapsed().as_millis() as u64;
    log(format!("It took: {} seconds", ms / MS_PER_BOOK_SEC));
}

/// `true` unless the program got the argument `noyield`.
pub fn yield_arg() -> bool {
    !std::env::args().any(|a| a == "noyield")
}

/// Value of a `key=value` command-line argument.
pub fn arg(key: &str) -> Option<String> {
    let pre = format!("{key}=");
    std::env::args().find_map(|a| a.strip_prefix(&pre).map(|s| s.to_string()))
}

/// Build a multi-thread runtime exactly like `#[tokio::main(flavor =
/// "multi_thread", worker_threads = n)]` does (Builder + enable_all).
pub fn multi_thread_runtime(workers: usize) -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build()
        .unwrap()
}
