//! # A busy-loop executor: polling a 1 s timer half a million times
//! Source: 000_2ba6e15959fa6007.txt, "Tasks, Schedulers, Futures, and Executors" > "Waking".
//! `loop_executor` polls with a no-op waker in a tight loop until the future is Ready. The
//! `ThreadTimer` is done after 1 s, so the thread spends the whole second calling `.poll()`:
//! the poll count is 1 s / (cost of one poll) + 1. The book: "you'll see we poll hundreds of
//! thousands of times" ("hundreds of millions" in release mode). Compare "Park until woken",
//! which runs the same ThreadTimer in 2 polls.
//! Group: Executors
use std::task::{Context, Poll, Waker};
use std::pin::{pin, Pin};
use std::time::Duration;
use std::thread::{sleep, spawn, JoinHandle};
use std::sync::{Arc, Mutex};

// --- New Timer using threads ---

pub struct ThreadTimer {
    duration: Duration,
    join_handle: Option<JoinHandle<()>>,
    waker: Arc<Mutex<Waker>>,
    is_complete: Arc<Mutex<bool>>
}

impl ThreadTimer {
    pub fn new(duration: Duration) -> ThreadTimer {
        Self {
            duration,
            join_handle: None,
            is_complete: Arc::new(Mutex::new(false)),
            waker: Arc::new(Mutex::new(Waker::noop().clone())),
        }
    }
}

impl Future for ThreadTimer {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let fut = self.get_mut();
        
        // We always need to update the waker whenever we're polled
        *fut.waker.lock().expect("Thread crashed with mutex lock") = cx.waker().clone();
        
        // If we haven't started the thread, do so now
        if fut.join_handle.is_none() {
            let duration = fut.duration;
            let waker = fut.waker.clone();
            let is_complete = fut.is_complete.clone();
            fut.join_handle = Some(spawn(move || {
                sleep(duration);
                *is_complete.lock().expect("Thread crashed with mutex lock") = true;
                waker
                    .lock()
                    .expect("Thread crashed with mutex lock")
                    .wake_by_ref();
            }));
        }
        
        match *fut.is_complete.lock().expect("Thread crashed with mutex lock") {
            true => Poll::Ready(()),
            false => Poll::Pending,
        }
    }
}

// pinwheel: the book's executor, run by Pinwheel's model:
// (each poll costs `poll_cost_us` of simulated time; the book prints these two lines at the end)
//
// fn loop_executor<F: Future>(future: F) -> F::Output {
//     let mut pinned_future = pin!(future);
//     let mut context = Context::from_waker(Waker::noop());
//    
//     let mut loop_counter = 1;
//    
//     let result = loop {
//         match pinned_future.as_mut().poll(&mut context) {
//             Poll::Ready(r) => break r,
//             Poll::Pending => loop_counter += 1,
//         }
//     };
//
//     println!("All done!");
//     println!("But we called .poll() {loop_counter} times, yikes!");
//
//     result
// }

// --- Usage ---

// pinwheel: the book hides `fn main() {` and `}` (mdbook `# ` lines); they are shown here.
// A poll of 2 microseconds is an assumption: the book only says "hundreds of thousands".
#[pinwheel(executor = "loop", poll_cost_us = 2)]
fn main() {
let future = ThreadTimer::new(Duration::from_secs(1));
let _ = loop_executor(future);
// pinwheel: the book's executor prints these two lines itself; Pinwheel runs the executor
// as its model, so main prints them, with the executor's poll count from pinwheel::polls().
println!("All done!");
println!("But we called .poll() {} times, yikes!", pinwheel::polls());
}
