//! # Coffee and toast: one pair of hands
//! Source: 002_9c4440bd59da2706.txt, "Understanding Tasks".
//! Watch the main thread: `thread::sleep` (pouring, buttering) keeps it busy, `sleep(..).await`
//! (kettle, toaster) frees it. `tokio::join!` runs all three steps in ONE task on ONE thread,
//! not in parallel, so the mug is prepared first (6 s) before the kettle or the toaster start.
//! The book prints its 13 lines in this order and `It took: 24 seconds`, every time.
//! Try the kettle slider: the water waits for the mug because the mug blocks the thread first.
//! Group: Coffee and toast
use std::time::Duration;
use tokio::time::sleep;
use std::thread;
use std::time::Instant;

/// Kettle boiling time (the book: 10 s). pinwheel: param(seconds, 0..=30)
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
    sleep(Duration::from_secs(KETTLE)).await; // pinwheel: the book's 10 s, as the KETTLE parameter
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
