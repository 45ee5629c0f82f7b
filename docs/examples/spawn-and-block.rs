//! # A blocking call stalls its worker
//! Two tasks on one worker: the first blocks the thread with `thread::sleep`, so the second,
//! although its timer fired at 1 s, runs only when the worker is free again at 3 s.
//! Group: Blocking
use std::thread;
use std::time::Duration;

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() {
    let waiter = tokio::spawn(async {
        tokio::time::sleep(Duration::from_secs(1)).await;
        println!("waiter: my timer fired at 1 s, but I run only now");
    });
    let blocker = tokio::spawn(async {
        println!("blocker: holding the worker for 3 s");
        thread::sleep(Duration::from_secs(3));
    });
    blocker.await.unwrap();
    waiter.await.unwrap();
}
