//! # CounterFuture without its waker: the program hangs
//! Source: 002_9c4440bd59da2706.txt, "Context in Futures".
//! The same CounterFuture with the `wake_by_ref` line removed, as the book does. Returning
//! `Pending` does not mean "poll me again": nobody holds a waker, so no one ever will. The book
//! prints `polling with result: 1` twice, then "Our program does not complete, and the program
//! hangs." Expected end: Pinwheel reports both tasks STALLED (Pending, no waker registered) at 1 s.
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
            // cx.waker().wake_by_ref(); // pinwheel: removed, as the book does ("If we were to remove the waker")
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
