//! # timeout: give up on a slow task
//! Source: 002_9c4440bd59da2706.txt, "Context in Futures" (and "Cancel Safety").
//! `timeout(3 s, slow_task())` races the slow task against a 3 s timer. At 3 s the timer wins,
//! main prints `Task timed out`, and `slow_task` is dropped in the middle of its 10 s sleep: it is
//! cancelled, not finished later in the background. The program ends at 3 s, not 10 s.
//! Set the slow task below 3 s to see `Task completed successfully: Slow Task Completed`.
//! Group: Select and timeout
use std::time::Duration;
use tokio::time::timeout;

/// How long the slow task sleeps (the book: 10 s). pinwheel: param(seconds, 1..=20)
const SLOW_TASK_SECS: u64 = 10;

async fn slow_task() -> &'static str {
    tokio::time::sleep(Duration::from_secs(SLOW_TASK_SECS)).await; // pinwheel: the book's 10 s, as a parameter
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
