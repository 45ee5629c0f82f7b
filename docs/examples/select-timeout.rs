//! # select! against a deadline
//! The first branch to finish wins; the loser is dropped (cancelled) and the trace says so.
//! Group: Select and timeout
use std::time::Duration;
use tokio::time::sleep;

async fn slow() -> &'static str {
    sleep(Duration::from_secs(5)).await;
    "slow answer"
}

#[tokio::main]
async fn main() {
    tokio::select! {
        answer = slow() => println!("got {answer}"),
        _ = sleep(Duration::from_secs(2)) => println!("gave up after 2 s"),
    }
}
