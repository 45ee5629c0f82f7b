//! Probe (b): task T1 does thread::sleep(500 ms); task T2 does
//! tokio::time::sleep(100 ms).await then prints. Real ms (not scaled).
//! When does T2 print?
//! Args: workers=N (default 4); order=t1first (default) | t2first
//!   t1first: main spawns T1 then T2 back to back.
//!   t2first: main spawns T2, waits until T2 has registered its timer
//!            (it sends on a oneshot just before sleeping), then spawns T1.
use std::thread;
use std::time::Duration;
use tokio_reference::*;

fn main() {
    let workers: usize = arg("workers").map(|s| s.parse().unwrap()).unwrap_or(4);
    let order = arg("order").unwrap_or_else(|| "t1first".to_string());
    let rt = multi_thread_runtime(workers);
    rt.block_on(async {
        start();
        log(format!("main start (workers = {workers}, order = {order})"));
        let t1 = || {
            tokio::spawn(async {
                log("T1 start, thread::sleep(500ms)");
                thread::sleep(Duration::from_millis(500));
                log("T1 end");
            })
        };
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let t2 = move || {
            tokio::spawn(async move {
                log("T2 start, tokio::time::sleep(100ms).await");
                let _ = tx.send(());
                tokio::time::sleep(Duration::from_millis(100)).await;
                log("T2 woke after sleep(100ms)");
            })
        };
        let (h1, h2) = if order == "t2first" {
            let h2 = t2();
            rx.await.unwrap();
            log("main: T2 has started its sleep, spawning T1");
            (t1(), h2)
        } else {
            let h1 = t1();
            let h2 = t2();
            drop(rx);
            (h1, h2)
        };
        log("main spawned T1 and T2");
        h1.await.unwrap();
        log("main: T1 joined");
        h2.await.unwrap();
        log("main: T2 joined");
    });
}
