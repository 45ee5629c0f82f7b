//! # The same counter with tokio's async Mutex
//! Source: 002_9c4440bd59da2706.txt, "High-Level Data Sharing Between Futures".
//! `count` replaces the hand-written CounterFuture: `data.lock().await` waits for the lock
//! without blocking the thread, so there is no `try_lock` error to print and no manual waker.
//! Each task changes the counter, drops the guard, then blocks its worker for 1 s.
//! The book: "we get the exact same printout and behavior": increments and decrements
//! alternate (every other line is back to 0) and the final value is 0.
//! Group: Mutexes
use std::sync::Arc;
use tokio::task::JoinHandle;
use tokio::time::Duration;
// pinwheel: the book reuses the previous section's imports; only the ones this listing needs are kept

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

async fn count(count: u32, data: Arc<tokio::sync::Mutex<SharedData>>,
                         counter_type: CounterType) -> u32 {
    for _ in 0..count {
        let mut data = data.lock().await;
        match counter_type {
            CounterType::Increment => {
                data.increment();
                println!("after increment: {}", data.counter);
            },
            CounterType::Decrement => {
                data.decrement();
                println!("after decrement: {}", data.counter);
            }
        }
        std::mem::drop(data);
        std::thread::sleep(Duration::from_secs(1));
    }
    return count
}

#[tokio::main] // pinwheel: the book shows main's body only; the wrapper is added
async fn main() {
    let shared_data = Arc::new(tokio::sync::Mutex::new(SharedData{counter: 0}));
    let shared_two = shared_data.clone();

    let handle_one: JoinHandle<u32> = tokio::task::spawn(async move {
        count(3, shared_data, CounterType::Increment).await
    });
    let handle_two: JoinHandle<u32> = tokio::task::spawn(async move {
        count(3, shared_two, CounterType::Decrement).await
    });
    tokio::join!(handle_one, handle_two);
}
