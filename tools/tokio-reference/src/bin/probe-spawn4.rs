//! Probe (a): main (block_on thread) spawns 4 tasks A..D back to back; each
//! prints "start X", thread::sleep(100 ms) (real ms, not scaled), "end X".
//! Which worker threads run them and in which order?
//! Args: workers=N (default 4).
use std::thread;
use std::time::Duration;
use tokio_reference::*;

fn main() {
    let workers: usize = arg("workers").map(|s| s.parse().unwrap()).unwrap_or(4);
    let rt = multi_thread_runtime(workers);
    rt.block_on(async {
        start();
        log(format!("main start (workers = {workers})"));
        let mut hs = Vec::new();
        for name in ["A", "B", "C", "D"] {
            hs.push(tokio::spawn(async move {
                log(format!("start {name}"));
                thread::sleep(Duration::from_millis(100));
                log(format!("end {name}"));
            }));
        }
        log("main spawned A..D");
        for h in hs {
            h.await.unwrap();
        }
        log("main joined all");
    });
}
