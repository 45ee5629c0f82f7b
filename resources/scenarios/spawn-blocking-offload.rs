//! # CPU-bound work on spawn_blocking: the ticker keeps time
//! Source: 004_e73c966e7de89405.txt, "1. Introduction to Asynchronous Programming" (the comparison table) and "4. Executors and Runtimes".
//! The same two tasks on one worker, but the CPU-bound work goes to `spawn_blocking`, which runs
//! it on a thread of Tokio's blocking pool, not on the worker. The worker stays free, so the
//! ticker prints at 1, 2, 3, 4 and 5 s while the work runs beside it, and the run takes 5 s.
//! Compare "CPU-bound work inline", where the same work delays every tick.
//! Group: Blocking
// pinwheel: 004 names spawn_blocking as the tool for CPU-bound work ("CPU-bound: Not ideal alone;
// use `spawn_blocking`"; "if `spawn_blocking` is used for CPU-bound work") but gives no listing,
// so everything below is Pinwheel's program written to that advice. The CPU-bound work is
// `thread::sleep`, as in 002's coffee and toast ("We use thread::sleep to simulate a step ...
// In general, programming these steps will be CPU intensive"): it occupies its thread the same way.
use std::thread;
use std::time::{Duration, Instant};
use tokio::time::sleep;

/// How long the CPU-bound work keeps its thread busy. pinwheel: param(milliseconds, 100..=6000)
const WORK_MS: u64 = 2500;

fn cpu_bound_work() -> u64 {
    thread::sleep(Duration::from_millis(WORK_MS));
    42
}

async fn ticker() {
    let start = Instant::now();
    for i in 1..6 {
        sleep(Duration::from_secs(1)).await;
        println!("tick {} at {} s", i, start.elapsed().as_secs());
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() {
    let start_time = Instant::now();
    let ticks = tokio::spawn(ticker());
    let work = tokio::task::spawn_blocking(|| {
        println!("work: starting on a blocking-pool thread");
        let result = cpu_bound_work();
        println!("work: finished with {}", result);
    });
    let _ = tokio::join!(ticks, work);
    println!("It took: {} seconds", start_time.elapsed().as_secs());
}
