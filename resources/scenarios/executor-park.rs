//! # Park until woken: the same timer in two polls
//! Source: 000_2ba6e15959fa6007.txt, "Tasks, Schedulers, Futures, and Executors" > "Waking".
//! `block_thread_on` polls once; the `ThreadTimer` stores the executor's waker and starts its
//! thread; the executor parks its own thread. After 1 s the timer thread calls `wake_by_ref`,
//! which unparks the executor, and the second poll returns Ready. The thread sleeps for the
//! whole second instead of spinning. The book prints `This time .poll() was only called 2 times, yay!`.
//! Group: Executors
use std::task::{Context, Poll, Waker, Wake};
use std::pin::{pin, Pin};
use std::time::Duration;
use std::thread::{self, Thread, sleep, spawn, JoinHandle};
use std::sync::{Arc, Mutex};

// pinwheel: the book hides ThreadTimer in this listing (mdbook `# ` lines); it is shown here,
// unchanged from the previous listing.
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
//
// pub struct ThreadWaker {
//     thread: Thread,
// }
//
// impl ThreadWaker {
//     pub fn current_thread() -> Self {
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
// // --- Executor ---
//
// fn block_thread_on<F: Future>(future: F) -> F::Output {
//     let mut example = pin!(future);
//
//     // This is how we turn ThreadWaker into Waker
//     let waker = Arc::new(ThreadWaker::current_thread()).into();
//     let mut context = Context::from_waker(&waker);
//     
//     let mut loop_counter = 1;
//     let output = loop {
//         match example.as_mut().poll(&mut context) {
//             Poll::Ready(output) => break output,
//             Poll::Pending => {
//                 loop_counter += 1;
//                 std::thread::park();
//             },
//         }
//     };
//
//     assert_eq!(loop_counter, 2); // (a hidden line in the book)
//     
//     println!("All done!");
//     println!("This time .poll() was only called {loop_counter} times, yay!");
//     
//     output
// }

// --- Usage ---

// pinwheel: the book hides `fn main() {` and `}` (mdbook `# ` lines); they are shown here.
#[pinwheel(executor = "block_on")]
fn main() {
let future = ThreadTimer::new(Duration::from_secs(1));
let _ = block_thread_on(future);
// pinwheel: the book's executor prints these two lines itself; Pinwheel runs the executor
// as its model, so main prints them, with the executor's poll count from pinwheel::polls().
println!("All done!");
println!("This time .poll() was only called {} times, yay!", pinwheel::polls());
}
