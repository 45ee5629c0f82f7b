//! Probe (c): main spawns a parent task P (runs on a worker). P spawns
//! `children` child tasks (default 3) that each print their name
//! immediately, then P does thread::sleep(100 ms) (real ms).
//! Which child runs first, when, and on which worker?  (LIFO slot)
//! Args: workers=N (default 4); children=N (default 3)
use std::thread;
use std::time::Duration;
use tokio_reference::*;

fn main() {
    let workers: usize = arg("workers").map(|s| s.parse().unwrap()).unwrap_or(4);
    let children: usize = arg("children").map(|s| s.parse().unwrap()).unwrap_or(3);
    let rt = multi_thread_runtime(workers);
    rt.block_on(async {
        start();
        log(format!("main start (workers = {workers}, children = {children})"));
        let parent = tokio::spawn(async move {
            log("P start");
            let mut hs = Vec::new();
            for i in 1..=children {
                hs.push(tokio::spawn(async move {
                    log(format!("child C{i} runs"));
                }));
                log(format!("P spawned C{i}"));
            }
            log("P thread::sleep(100ms)");
            thread::sleep(Duration::from_millis(100));
            log("P end of blocking");
            hs
        });
        let hs = parent.await.unwrap();
        for h in hs {
            h.await.unwrap();
        }
        log("main joined all");
    });
}
