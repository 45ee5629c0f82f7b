//! # A std Mutex guard held across .await: deadlock
//! Source: 000_2ba6e15959fa6007.txt, "Common Gotchas" (also 001_ec34b4de598cc612.txt and 003_b8719e24f03aec02.txt, ".awaiting on a Multithreaded Executor").
//! Two futures share one thread. Future one locks a `std::sync::Mutex` and then awaits a timer
//! while still holding the guard. Future two calls `lock()`, which blocks the whole thread, so
//! future one can never run again to drop its guard. Expected end: Pinwheel reports a DEADLOCK at
//! 0 s (future one holds the lock; the main thread is blocked in `lock()` for future two) and
//! "future one: dropping the guard" is never printed. The cure: tokio::sync::Mutex, or drop the guard before .await.
//! Group: Mutexes
// pinwheel: the books describe this bug in prose and give no listing ("If there are two futures
// on the same thread, and one has a guard when the other requests it, the second future will
// block the thread preventing the first thread from dropping the guard. This causes a bug called
// 'Deadlock'." -- 000). Everything below is Pinwheel's program written to that description.
// It uses join! inside main rather than tokio::spawn: a future that holds a std MutexGuard across
// .await is not Send, so real Rust refuses to spawn it; joined in main it compiles and deadlocks.
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::sleep;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let data = Arc::new(Mutex::new(0));

    let future_one = async {
        println!("future one: locking");
        let guard = data.lock().unwrap();
        println!("future one: locked, now awaiting with the guard held");
        sleep(Duration::from_secs(1)).await;
        println!("future one: dropping the guard");
        drop(guard);
    };

    let future_two = async {
        println!("future two: locking");
        let guard = data.lock().unwrap();
        println!("future two: locked");
        drop(guard);
    };

    tokio::join!(future_one, future_two);
    println!("done");
}
