//! # Coffee and toast: a 100 ms sleep that saves 6 seconds
//! Source: 002_9c4440bd59da2706.txt, "Understanding Tasks".
//! The only change from "Coffee and toast" is a non-blocking `sleep(100 ms).await` at the top of
//! `prep_coffee_mug`. It hands the thread back at once, so the kettle and the toaster start at 0 s
//! and the milk is poured while they work. Adding a delay makes the whole thing faster: the book
//! calls this cooperative multitasking. Note the book's order: the toast is finished (join! starts
//! its poll at the next branch each time) before the kettle's water is poured. `It took: 18 seconds`.
//! Group: Coffee and toast
use std::time::Duration;
use tokio::time::sleep;
use std::thread;
use std::time::Instant;

/// The non-blocking sleep before pouring milk (the book: 100 ms). pinwheel: param(milliseconds, 1..=2000)
const FIRST_SLEEP_MS: u64 = 100;

/// Kettle boiling time (the book: 10 s). pinwheel: param(seconds, 0..=30)
const KETTLE: u64 = 10;

async fn prep_coffee_mug() {
    sleep(Duration::from_millis(FIRST_SLEEP_MS)).await; // pinwheel: the book's 100 ms, as a parameter
    // pinwheel: the book prints `. . .` here for the rest of the function; the rest is the original prep_coffee_mug
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
