//! # Two waits at once
//! `join!` polls both futures in one task: the 2 s and the 3 s wait overlap, so main takes 3 s.
//! Group: Basics
use std::time::{Duration, Instant};
use tokio::time::sleep;

/// How long the first wait takes. pinwheel: param(seconds, 0..=10)
const FIRST: u64 = 2;

async fn wait(name: &str, secs: u64) -> u64 {
    println!("{name}: waiting {secs} s");
    sleep(Duration::from_secs(secs)).await;
    println!("{name}: done");
    secs
}

#[tokio::main]
async fn main() {
    let start = Instant::now();
    let (a, b) = tokio::join!(wait("first", FIRST), wait("second", 3));
    println!("waited {} and {}: it took {} s", a, b, start.elapsed().as_secs());
}
