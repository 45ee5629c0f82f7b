//! # Sharing data between futures with try_lock
//! Source: 002_9c4440bd59da2706.txt, "Sharing Data Between Futures".
//! An increment future and a decrement future share a counter behind a std `Mutex`. A poll must
//! not block, so it uses `try_lock`; if the lock is taken it prints the error, calls `wake_by_ref`
//! and returns `Pending` to be polled again. The book "had to run the program a couple of times"
//! to see one `try_lock failed` line: it only happens when two polls on two workers overlap.
//! Change the seed to see runs with and without contention. The end result is always 0.
//! Group: Mutexes
use std::sync::{Arc, Mutex};
use tokio::task::JoinHandle;
use core::task::Poll;
use tokio::time::Duration;
use std::task::Context;
use std::pin::Pin;
use std::future::Future;

#[derive(Debug)]
enum CounterType {
    Increment,
    Decrement
}

struct SharedData {
    counter: i32,
}

impl SharedData {
    fn increment(&mut self) {
        self.counter += 1;
    }
    fn decrement(&mut self) {
        self.counter -= 1;
    }
}

struct CounterFuture {
    counter_type: CounterType,
    data_reference: Arc<Mutex<SharedData>>,
    count: u32
}

impl Future for CounterFuture {
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>)
    -> Poll<Self::Output> {
        // pinwheel: the book prints this body in three pieces with `. . .` between; here they are joined in order
        std::thread::sleep(Duration::from_secs(1));
        let mut guard = match self.data_reference.try_lock() {
            Ok(guard) => guard,
            Err(error) => {
                println!(
                    "error for {:?}: {}",
                    self.counter_type, error
                );
                cx.waker().wake_by_ref();
                return Poll::Pending
            }
        };

        let value = &mut *guard;

        match self.counter_type {
            CounterType::Increment => {
                value.increment();
                println!("after increment: {}", value.counter);
            },
            CounterType::Decrement => {
                value.decrement();
                println!("after decrement: {}", value.counter);
            }
        }

        std::mem::drop(guard);
        self.count += 1;
        if self.count < 3 {
            cx.waker().wake_by_ref();
            return Poll::Pending
        } else {
            return Poll::Ready(self.count)
        }
    }
}

// pinwheel: the book's run is nondeterministic (two workers race for the lock); Pinwheel
// perturbs every duration by up to +-jitter % from the seed, so each seed is one reproducible run.
#[pinwheel(seed = 4, jitter = 1, print_cost_us = 5000)]
#[tokio::main]
async fn main() {
    let shared_data = Arc::new(Mutex::new(SharedData{counter: 0}));
    let counter_one = CounterFuture {
        counter_type: CounterType::Increment,
        data_reference: shared_data.clone(),
        count: 0
    };
    let counter_two = CounterFuture {
        counter_type: CounterType::Decrement,
        data_reference: shared_data.clone(),
        count: 0
    };
    let handle_one: JoinHandle<u32> = tokio::task::spawn(async move {
        counter_one.await
    });
    let handle_two: JoinHandle<u32> = tokio::task::spawn(async move {
        counter_two.await
    });
    tokio::join!(handle_one, handle_two);
}
