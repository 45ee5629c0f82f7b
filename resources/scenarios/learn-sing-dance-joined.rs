//! # Learn and sing, while dancing: join!
//! Source: 003_b8719e24f03aec02.txt, "async/.await Primer" (also 001_ec34b4de598cc612.txt, "1.3 async/.await Primer").
//! `learn_and_sing` must learn before it sings, but `futures::join!` lets `dance` run whenever
//! `learn_and_sing` is waiting, on the same thread. The book: "both learning and singing can
//! happen at the same time as dancing." Watch the dance bar overlap the learn and sing bars:
//! the total is the longer of the two branches (here max(2 + 2, 3) = 4 s, not 7 s).
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

async fn learn_and_sing() {
    // Wait until the song has been learned before singing it.
    // We use `.await` here rather than `block_on` to prevent blocking the
    // thread, which makes it possible to `dance` at the same time.
    let song = learn_song().await;
    sing_song(song).await;
}

async fn async_main() {
    let f1 = learn_and_sing();
    let f2 = dance();

    // `join!` is like `.await` but can wait for multiple futures concurrently.
    // If we're temporarily blocked in the `learn_and_sing` future, the `dance`
    // future will take over the current thread. If `dance` becomes blocked,
    // `learn_and_sing` can take back over. If both futures are blocked, then
    // `async_main` is blocked and will yield to the executor.
    futures::join!(f1, f2);
}

// pinwheel: futures::executor::block_on polls, then parks the thread until woken (the same model
// as the book's block_thread_on).
#[pinwheel(executor = "block_on")]
fn main() {
    let start_time = Instant::now(); // pinwheel: added to print the total
    block_on(async_main());
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
