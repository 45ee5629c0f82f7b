//! # CPU-bound work inline: the ticker stops
//! Source: 004_e73c966e7de89405.txt, "1. Introduction to Asynchronous Programming" (the comparison table) and "4. Executors and Runtimes".
//! One worker runs two tasks: a ticker that should print every second, and 2.5 s of CPU-bound
//! work called directly inside a task. While the work runs, the worker is blocked: the ticker's
//! timer is due at 1 s but nobody can even fire it, so `tick 1` comes at 2.5 s and every later
//! tick shifts (the run takes 6.5 s instead of 5). Compare "CPU-bound work on spawn_blocking".
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
    let work = tokio::spawn(async {
        println!("work: starting on the worker");
        let result = cpu_bound_work();
        println!("work: finished with {}", result);
    });
    let _ = tokio::join!(ticks, work);
    println!("It took: {} seconds", start_time.elapsed().as_secs());
}
