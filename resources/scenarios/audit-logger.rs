//! # An async audit logger: writes land out of order
//! Source: 002_9c4440bd59da2706.txt, "Putting It All Together" (and "Ensuring Order in Asynchronous Operations").
//! Twelve tasks (six names, two files) each try to lock their file with `try_lock`; a task that
//! loses prints `error for <name> : try_lock failed ...`, wakes itself and is polled again. All
//! twelve writes happen, but which task gets a file first depends on which worker gets there
//! first: the book's login.txt reads one, four, three, five, two, six. Change the seed to see
//! other orders; async gives no ordering guarantee unless you build one (a queue).
//! Group: Mutexes
use std::fs::{File, OpenOptions};
use std::io::prelude::*;
use std::sync::{Arc, Mutex};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::task::JoinHandle;
use futures_util::future::join_all;

type AsyncFileHandle = Arc<Mutex<File>>;
type FileJoinHandle = JoinHandle<Result<bool, String>>;

fn get_handle(file_path: &dyn ToString) -> AsyncFileHandle {
    match OpenOptions::new().append(true).open(file_path.to_string()) {
        Ok(opened_file) => {
            Arc::new(Mutex::new(opened_file))
        },
        Err(_) => {
            Arc::new(Mutex::new(File::create(file_path.to_string()).unwrap()))
        }
    }
}

struct AsyncWriteFuture {
    pub handle: AsyncFileHandle,
    pub entry: String
}

impl Future for AsyncWriteFuture {

    type Output = Result<bool, String>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut guard = match self.handle.try_lock() {
            Ok(guard) => guard,
            Err(error) => {
                println!("error for {} : {}", self.entry, error);
                cx.waker().wake_by_ref();
                return Poll::Pending
            }
        };
        let lined_entry = format!("{}\n", self.entry);
        match guard.write_all(lined_entry.as_bytes()) {
            Ok(_) => println!("written for: {}", self.entry),
            Err(e) => println!("{}", e)
        };
        Poll::Ready(Ok(true))
    }
}

fn write_log(file_handle: AsyncFileHandle, line: String) -> FileJoinHandle {
    let future = AsyncWriteFuture{
        handle: file_handle,
        entry: line
    };
    tokio::task::spawn(async move {
        future.await
    })
}

// pinwheel: which task wins each file is a race between the 4 workers in the book; Pinwheel
// perturbs every duration by up to +-jitter % from the seed, so each seed is one reproducible
// run. The files are simulated (Pinwheel does no real I/O) and shown at the end of the run.
#[pinwheel(seed = 1, jitter = 20, poll_cost_us = 2, io_cost_us = 5)]
#[tokio::main]
async fn main() {
    let login_handle = get_handle(&"login.txt");
    let logout_handle = get_handle(&"logout.txt");

    let names = ["one", "two", "three", "four", "five", "six"];
    let mut handles = Vec::new();

    for name in names {
        let file_handle = login_handle.clone();
        let file_handle_two = logout_handle.clone();
        let handle = write_log(file_handle, name.to_string());
        let handle_two = write_log(file_handle_two, name.to_string());
        handles.push(handle);
        handles.push(handle_two);
    }
    let _ = join_all(handles).await;
}
