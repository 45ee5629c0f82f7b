//! # Persons joined on one worker: 14 s of hands each
//! Source: 002_9c4440bd59da2706.txt, "Understanding Tasks".
//! All persons are spawned first and awaited together, so while one person's kettle and toaster
//! wait, the single worker does another person's pouring. What cannot overlap is the blocking
//! (`thread::sleep`) work: 14 s per person. The book: 28 s for two persons, 42 s for three.
//! Watch the worker lane: person two pours its milk first (a woken task goes to the LIFO slot).
//! Group: Coffee and toast
use std::time::Duration;
use tokio::time::sleep;
use std::thread;
use std::time::Instant;
use futures::future::join_all;

/// Number of persons. pinwheel: param(count, 1..=6)
const PERSONS: usize = 2;

// pinwheel: the book's 28 s / 42 s use the version of prep_coffee_mug with the 100 ms
// non-blocking sleep first (without it two persons take 32 s).
async fn prep_coffee_mug() {
    sleep(Duration::from_millis(100)).await;
    println!("Pouring milk...");
    thread::sleep(Duration::from_secs(3));
    println!("Milk poured.");
    println!("Putting instant coffee...");
    thread::sleep(Duration::from_secs(3));
    println!("Instant coffee put.");
}

async fn make_coffee() {
    println!("boiling kettle...");
    sleep(Duration::from_secs(10)).await;
    println!("kettle boiled.");
    println!("pouring boiled water...");
    thread::sleep(Duration::from_secs(3));
    println!("boiled water poured.");
}

async fn make_toast() {
    println!("putting bread in toaster...");
    sleep(Duration::from_secs(10)).await;
    println!("bread toasted.");
    println!("buttering toasted bread...");
    thread::sleep(Duration::from_secs(5));
    println!("toasted bread buttered.");
}

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() {
    let start_time = Instant::now(); // pinwheel: added to print the total the book states

    // pinwheel: the book spawns exactly two persons and joins them:
    //     let person_one = tokio::task::spawn(async { ..the four lines below.. });
    //     let person_two = tokio::task::spawn(async { ..the four lines below.. });
    //     let _ = tokio::join!(person_one, person_two);
    // To make the number of persons a parameter, the same spawn runs PERSONS times in a loop
    // and the handles are awaited together with join_all. Every task is spawned before main
    // awaits anything, and the tasks run on the worker whatever main does while it waits, so this
    // is the book's program for PERSONS = 2 (awaiting the handles one by one would be too).
    let mut handles = Vec::new();
    for _ in 0..PERSONS {
        let person = tokio::task::spawn(async {
            let coffee_mug_step = prep_coffee_mug();
            let coffee_step = make_coffee();
            let toast_step = make_toast();
            tokio::join!(coffee_mug_step, coffee_step, toast_step);
        });
        handles.push(person);
    }

    let _ = join_all(handles).await;

    // pinwheel: added, the same total line as the coffee-and-toast listing
    println!("It took: {} seconds", start_time.elapsed().as_secs());
}
