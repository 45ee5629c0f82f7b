//! # A hand-written future
//! `poll` is called, counts, and asks to be polled again with `wake_by_ref`. Remove that line
//! and Pinwheel reports the task as stalled: nothing will ever poll it again.
//! Group: Basics
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct Countdown {
    left: u32,
}

impl Future for Countdown {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.left == 0 {
            return Poll::Ready("liftoff");
        }
        println!("{}...", self.left);
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

#[tokio::main]
async fn main() {
    let result = Countdown { left: 3 }.await;
    println!("{result}");
}
