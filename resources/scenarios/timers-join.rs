//! # Two timers joined: 2 s
//! Source: 000_2ba6e15959fa6007.txt, "Async / Await" > "Join".
//! Joining polls both timers on every poll, so both threads start at once and the total is the
//! longer timer, not the sum. The book builds its own `Join` future (below, for reading) and
//! prints `Time taken 2 seconds`; it then says to use a library join instead, which is what
//! runs here. Compare "Two timers awaited one after the other" (3 s).
//! Group: Basics
use std::task::{Context, Poll, Waker, Wake};
use std::pin::{pin, Pin};
use std::time::{Duration, Instant};
use std::thread::{self, Thread, sleep, spawn, JoinHandle};
use std::sync::{Arc, Mutex};
// pinwheel: the book also imports std::cell::RefCell and std::ops::DerefMut, used only by its
// MemoFuture (see below); they are left out.

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

// pinwheel: the book's Join, for reading. It needs generics and the book's MemoFuture (hidden
// in the book: a future that can be polled again after Ready and hands out its output once),
// which Pinwheel's scenario language does not run; `futures::join!` below does the same work:
// it polls every unfinished timer on every poll and is Ready when both are.
//
// // --- Join ---
//
// struct Join<F1: Future, F2: Future>(
//     Pin<Box<MemoFuture<F1>>>,
//     Pin<Box<MemoFuture<F2>>>,
// );
//
// impl<F1: Future, F2: Future> Join<F1, F2> {
//     fn new(future1: F1, future2: F2) -> Self {
//         Self(
//             Box::pin(MemoFuture::new(future1)),
//             Box::pin(MemoFuture::new(future2)),
//         )
//     }
// }
//
// impl<F1: Future, F2: Future> Future for Join<F1, F2> {
//     type Output = Result<(F1::Output, F2::Output), InnerFutureSpentError>;
//
//     fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
//         let inner = self.get_mut();
//
//         let r1 = inner.0.as_mut().poll(cx);
//         let r2 = inner.1.as_mut().poll(cx);
//
//         match (r1, r2) {
//             (Poll::Ready(r1), Poll::Ready(r2)) => {
//                 if r1.is_err() || r2.is_err() {
//                     // This _shouldn't_ happen
//                     Poll::Ready(Err(InnerFutureSpentError))
//                 } else {
//                     Poll::Ready(Ok((inner.0.extract().unwrap(), inner.1.extract().unwrap())))
//                 }
//             }
//             _ => Poll::Pending,
//         }
//     }
// }

// --- await Join futures in a future ---

// pinwheel: the book's signature is `-> Result<u64, InnerFutureSpentError>` because its Join can
// fail; futures::join! cannot, so the function returns the seconds directly.
async fn run_both_timers() -> u64 {
    let now = Instant::now();
    futures::join!( // pinwheel: the book's `Join::new(`
        ThreadTimer::new(Duration::from_secs(FIRST_TIMER)), // pinwheel: the book's 2 s, as a parameter
        ThreadTimer::new(Duration::from_secs(SECOND_TIMER)) // pinwheel: the book's 1 s, as a parameter
    ); // pinwheel: the book's `).await?;`
    now.elapsed().as_secs() // pinwheel: the book's `Ok(now.elapsed().as_secs())`
}

// --- Usage ---

// pinwheel: the book's main is `fn main() -> Result<(), Box<dyn std::error::Error>>` (hidden)
// and ends the first line with `?`; with no error possible, main returns nothing.
#[pinwheel(executor = "block_on")]
fn main() {
let time_taken = block_thread_on(run_both_timers());
println!("Time taken {time_taken} seconds");
// assert_eq!(time_taken, 2); // pinwheel: a hidden check in the book, kept as a comment
}
