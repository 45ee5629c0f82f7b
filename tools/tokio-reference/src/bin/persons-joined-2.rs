//! Book scenario: 2 persons spawned as tasks, then `tokio::join!(p1, p2)`.
//! worker_threads = 1. Yield version of prep_coffee_mug (pass `noyield`
//! to use the original one).
use tokio_reference::*;

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() {
    let start_time = start();
    let y = yield_arg();
    log(format!("main start (yield_first = {y})"));
    let p1 = tokio::task::spawn(async move { person(1, y).await });
    let p2 = tokio::task::spawn(async move { person(2, y).await });
    let _ = tokio::join!(p1, p2);
    report_total(start_time);
}
