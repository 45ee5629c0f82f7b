//! # select!: the first to finish wins, the other is dropped
//! Source: 003_b8719e24f03aec02.txt, "Executing Multiple Futures at a Time" > "select!".
//! Both tasks run concurrently; when task two finishes (1 s) its branch runs and `race_tasks`
//! returns. Task one is not finished later in the background: it is dropped mid-sleep
//! (cancelled), so `task one: done` is never printed. The book: "the function will end without
//! completing the remaining task." Swap the durations to let task one win.
//! Group: Select and timeout
use futures::{
    future::FutureExt, // for `.fuse()`
    pin_mut,
    select,
};
use std::time::Duration; // pinwheel: added for the elided task bodies
use tokio::time::sleep; // pinwheel: added for the elided task bodies

/// How long task one takes. pinwheel: param(seconds, 1..=10)
const TASK_ONE_SECS: u64 = 2;

/// How long task two takes. pinwheel: param(seconds, 1..=10)
const TASK_TWO_SECS: u64 = 1;

async fn task_one() {
    // pinwheel: body added (the book: `/* ... */`)
    println!("task one: working...");
    sleep(Duration::from_secs(TASK_ONE_SECS)).await;
    println!("task one: done");
}

async fn task_two() {
    // pinwheel: body added (the book: `/* ... */`)
    println!("task two: working...");
    sleep(Duration::from_secs(TASK_TWO_SECS)).await;
    println!("task two: done");
}

async fn race_tasks() {
    let t1 = task_one().fuse();
    let t2 = task_two().fuse();

    pin_mut!(t1, t2);

    select! {
        () = t1 => println!("task one completed first"),
        () = t2 => println!("task two completed first"),
    }
}

// pinwheel: the book gives no main for this listing; a Tokio main is added to run it.
#[tokio::main]
async fn main() {
    race_tasks().await;
}
