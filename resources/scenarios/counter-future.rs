//! # A hand-written future: CounterFuture
//! Source: 002_9c4440bd59da2706.txt, "Futures".
//! Each poll adds one, prints, blocks its thread for 1 s, then calls `wake_by_ref` and returns
//! `Pending`: the waker puts the task straight back in the queue, so it is polled again. The book
//! prints `polling with result: 1` twice, then 2 twice ... 5 twice, and explains it as two tasks
//! polled in alternation. With the default 4 workers the two tasks really run side by side on two
//! workers (5 s); set workers to 1 to see them take turns on one thread (10 s).
//! Group: Basics
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::task::JoinHandle;

struct CounterFuture {
    count: u32,
}

impl Future for CounterFuture {
    type Output = u32;

    fn poll(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>
    ) -> Poll<Self::Output> {
        self.count += 1;
        println!("polling with result: {}", self.count);
        std::thread::sleep(Duration::from_secs(1));
        if self.count < 5 {
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            Poll::Ready(self.count)
        }
    }
}

#[tokio::main]
async fn main() {
    let counter_one = CounterFuture { count: 0 };
    let counter_two = CounterFuture { count: 0 };
    let handle_one: JoinHandle<u32> = tokio::task::spawn(async move {
        counter_one.await
    });
    let handle_two: JoinHandle<u32> = tokio::task::spawn(async move {
        counter_two.await
    });
    tokio::join!(handle_one, handle_two);
}
