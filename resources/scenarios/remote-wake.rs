//! # Waking a future from the outside
//! Source: 002_9c4440bd59da2706.txt, "Waking Futures Remotely".
//! `MyFuture` stores its waker and returns `Pending`; nothing polls it for the next 3 s. Then the
//! trigger task fills in the data and calls `wake()`, and the task is polled exactly once more.
//! The point: a future that registers its waker is not busy-polled. The book prints
//! `Polling the future` only twice, with `spawning trigger task` in between.
//! Group: Basics
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::sync::{Arc, Mutex};
use std::future::Future;
use tokio::sync::mpsc;
use tokio::task;

struct MyFuture {
    state: Arc<Mutex<MyFutureState>>,
}

struct MyFutureState {
    data: Option<Vec<u8>>,
    waker: Option<Waker>,
}

impl MyFuture {
    fn new() -> (Self, Arc<Mutex<MyFutureState>>) {
        let state = Arc::new(Mutex::new(MyFutureState {
            data: None,
            waker: None,
        }));
        (
            MyFuture {
                state: state.clone(),
            },
            state,
        )
    }
}

impl Future for MyFuture {
    type Output = String;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>)
        -> Poll<Self::Output> {
        println!("Polling the future");
        let mut state = self.state.lock().unwrap();

        if state.data.is_some() {
            let data = state.data.take().unwrap();
            Poll::Ready(String::from_utf8(data).unwrap())
        } else {
            state.waker = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}

#[tokio::main] // pinwheel: the book shows main's body in three pieces; the wrapper is added
async fn main() {
    let (my_future, state) = MyFuture::new();
    let (tx, mut rx) = mpsc::channel::<()>(1);
    let task_handle = task::spawn(async {
        my_future.await
    });
    tokio::time::sleep(tokio::time::Duration::from_secs(3)).await;
    println!("spawning trigger task");

    let trigger_task = task::spawn(async move {
        rx.recv().await;
        let mut state = state.lock().unwrap();
        state.data = Some(b"Hello from the outside".to_vec());
        loop {
            if let Some(waker) = state.waker.take() {
                waker.wake();
                break;
            }
        }
    });
    tx.send(()).await.unwrap();

    let outome = task_handle.await.unwrap();
    println!("Task completed with outcome: {}", outome);
    trigger_task.await.unwrap();
}
