//! Book scenario: two persons, each spawned as a task and awaited before the
//! next one is spawned. worker_threads = 1. Yield version of prep_coffee_mug
//! (pass `noyield` to use the original one).
use tokio_reference::*;

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() {
    let start_time = start();
    let y = yield_arg();
    log(format!("main start (yield_first = {y})"));
    let person_one = tokio::task::spawn(async move { person(1, y).await }).await;
    log("person one joined");
    let person_two = tokio::task::spawn(async move { person(2, y).await }).await;
    log("person two joined");
    let _ = (person_one, person_two);
    report_total(start_time);
}
