//! # Two timers awaited one after the other: 3 s
//! Source: 000_2ba6e15959fa6007.txt, "Async / Await".
//! `.await` pauses this future until the timer is done, so the 1 s timer is not even created
//! until the 2 s timer has finished. The two waits are independent, yet they add up:
//! the book prints `Time taken 3 seconds` and says "but that's the problem...".
//! Compare "Two timers joined", which takes 2 s.
//! Group: Basics
use std::task::{Context, Poll, Waker, Wake};
use std::pin::{pin, Pin};
use std::time::{Duration, Instant};
use std::thread::{self, Thread, sleep, spawn, JoinHandle};
use std::sync::{Arc, Mutex};

/// The first timer (the book: 2 s). pinwheel: param(seconds, 1..=10)
const FIRST_TIMER: u64 = 2;

/// The second timer (the book: 1 s). pinwheel: param(seconds, 1..=10)
const SECOND_TIMER: u64 = 1;

// pinwheel: the book hides ThreadTimer and block_thread_on in this listing (mdbook `# ` lines);
// they are shown here, as in the previous listings.
struct ThreadTimer {
    duration: Duration,
    join_handle: Option<JoinHandle<()>>,
    waker: Arc<Mutex<Waker>>,
    is_complete: Arc<Mutex<bool>>
}

impl ThreadTimer {
    fn new(duration: Duration) -> ThreadTimer {
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
// (this listing's version counts polls but prints nothing)
//
// struct ThreadWaker {
//     thread: Thread,
// }
//
// impl ThreadWaker {
//     fn current_thread() -> Self {
//         ThreadWaker {
//             thread: thread::current(),
//         }
//     }
// }
//
// impl Wake for ThreadWaker {
//     fn wake(self: Arc<Self>) {
//         self.thread.unpark();
//     }
// }
//
// fn block_thread_on<F: Future>(future: F) -> F::Output {
//     let mut example = pin!(future);
//
//     let waker = Arc::new(ThreadWaker::current_thread()).into();
//     let mut context = Context::from_waker(&waker);
//     
//     let mut loop_counter = 1;
//     loop {
//         match example.as_mut().poll(&mut context) {
//             Poll::Ready(output) => break output,
//             Poll::Pending => {
//                 loop_counter += 1;
//                 std::thread::park();
//             },
//         }
//     }
// }

// pinwheel: the book hides `fn main() {` and `}` (mdbook `# ` lines); they are shown here.
#[pinwheel(executor = "block_on")]
fn main() {
let future = async {
    let now = Instant::now();
    ThreadTimer::new(Duration::from_secs(FIRST_TIMER)).await; // pinwheel: the book's 2 s, as a parameter
    ThreadTimer::new(Duration::from_secs(SECOND_TIMER)).await; // pinwheel: the book's 1 s, as a parameter
    now.elapsed().as_secs()
};

let time_taken = block_thread_on(future);
println!("Time taken {time_taken} seconds");
// assert_eq!(time_taken, 3); // pinwheel: a hidden check in the book, kept as a comment
}
