//! # Learn, sing, dance: one block_on at a time
//! Source: 003_b8719e24f03aec02.txt, "async/.await Primer" (also 001_ec34b4de598cc612.txt, "1.3 async/.await Primer").
//! `block_on` blocks the thread until its future is done, so the three steps run strictly one
//! after another: no dancing while learning or singing. The book: "we're only ever doing one
//! thing at once!" The total is the sum of the three (here 2 + 2 + 3 = 7 s; the book gives no
//! durations). Compare "Learn and sing, while dancing", where the dance overlaps.
//! Group: Basics
use futures::executor::block_on;
// pinwheel: the imports of the async book's TimerFuture (used at the bottom of this file)
use {
    std::{
        future::Future,
        pin::Pin,
        sync::{Arc, Mutex},
        task::{Context, Poll, Waker},
        thread,
        time::Duration,
    },
};
use std::time::Instant; // pinwheel: added for the total printed at the end

/// Learning the song. pinwheel: param(seconds, 1..=10)
const LEARN_SECS: u64 = 2;

/// Singing the song. pinwheel: param(seconds, 1..=10)
const SING_SECS: u64 = 2;

/// Dancing. pinwheel: param(seconds, 1..=10)
const DANCE_SECS: u64 = 3;

// pinwheel: the book never defines `Song`; a struct with a title stands in.
struct Song {
    title: String,
}

async fn learn_song() -> Song {
    // pinwheel: body added (the book: `/* ... */`)
    println!("learning the song...");
    TimerFuture::new(Duration::from_secs(LEARN_SECS)).await;
    println!("song learned.");
    Song { title: String::from("the song") }
}

async fn sing_song(song: Song) {
    // pinwheel: body added (the book: `/* ... */`)
    println!("singing {}...", song.title);
    TimerFuture::new(Duration::from_secs(SING_SECS)).await;
    println!("song sung.");
}

async fn dance() {
    // pinwheel: body added (the book: `/* ... */`)
    println!("dancing...");
    TimerFuture::new(Duration::from_secs(DANCE_SECS)).await;
    println!("dance danced.");
}

// pinwheel: futures::executor::block_on polls, then parks the thread until woken (the same model
// as the book's block_thread_on).
#[pinwheel(executor = "block_on")]
fn main() {
    let start_time = Instant::now(); // pinwheel: added to print the total
    let song = block_on(learn_song());
    block_on(sing_song(song));
    block_on(dance());
    println!("It took: {} seconds", start_time.elapsed().as_secs()); // pinwheel: added
}

// pinwheel: the song functions' bodies are elided in the book (`/* ... */`); above, they print
// what they do and wait on the async book's own TimerFuture, below (section "Applied: Build a
// Timer", pasted unchanged; its imports are at the top). A thread-based timer works under any
// executor, including `block_on`; tokio's `sleep` would need a Tokio runtime.

pub struct TimerFuture {
    shared_state: Arc<Mutex<SharedState>>,
}

/// Shared state between the future and the waiting thread
struct SharedState {
    /// Whether or not the sleep time has elapsed
    completed: bool,

    /// The waker for the task that `TimerFuture` is running on.
    /// The thread can use this after setting `completed = true` to tell
    /// `TimerFuture`'s task to wake up, see that `completed = true`, and
    /// move forward.
    waker: Option<Waker>,
}

impl Future for TimerFuture {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // Look at the shared state to see if the timer has already completed.
        let mut shared_state = self.shared_state.lock().unwrap();
        if shared_state.completed {
            Poll::Ready(())
        } else {
            // Set waker so that the thread can wake up the current task
            // when the timer has completed, ensuring that the future is polled
            // again and sees that `completed = true`.
            //
            // It's tempting to do this once rather than repeatedly cloning
            // the waker each time. However, the `TimerFuture` can move between
            // tasks on the executor, which could cause a stale waker pointing
            // to the wrong task, preventing `TimerFuture` from waking up
            // correctly.
            //
            // N.B. it's possible to check for this using the `Waker::will_wake`
            // function, but we omit that here to keep things simple.
            shared_state.waker = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}

impl TimerFuture {
    /// Create a new `TimerFuture` which will complete after the provided
    /// timeout.
    pub fn new(duration: Duration) -> Self {
        let shared_state = Arc::new(Mutex::new(SharedState {
            completed: false,
            waker: None,
        }));

        // Spawn the new thread
        let thread_shared_state = shared_state.clone();
        thread::spawn(move || {
            thread::sleep(duration);
            let mut shared_state = thread_shared_state.lock().unwrap();
            // Signal that the timer has completed and wake up the last
            // task on which the future was polled, if one exists.
            shared_state.completed = true;
            if let Some(waker) = shared_state.waker.take() {
                waker.wake()
            }
        });

        TimerFuture { shared_state }
    }
}
