//! # Two persons, one worker, one after the other
//! Source: 002_9c4440bd59da2706.txt, "Understanding Tasks".
//! Each person is a task that runs the whole coffee-and-toast `join!` (18 s with the 100 ms
//! yield). `spawn(..).await` waits for person one to finish before person two is even spawned,
//! so on one worker the timeline shows two 18 s blocks end to end. The book: "a 36-second runtime".
//! Compare with "Two persons, joined": same tasks, only the awaiting changes.
//! Group: Coffee and toast
use std::time::Duration;
use tokio::time::sleep;
use std::thread;
use std::time::Instant;

// pinwheel: the book's 36 s is two runs of the 18 s version, so prep_coffee_mug is the version
// with the 100 ms non-blocking sleep first (without it, one person takes 24 s and two take 48 s).
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

    let person_one = tokio::task::spawn(async {
        let coffee_mug_step = prep_coffee_mug();
        let coffee_step = make_coffee();
        let toast_step = make_toast();
        tokio::join!(coffee_mug_step, coffee_step, toast_step);
    }).await;

    let person_two = tokio::task::spawn(async {
        let coffee_mug_step = prep_coffee_mug();
        let coffee_step = make_coffee();
        let toast_step = make_toast();
        tokio::join!(coffee_mug_step, coffee_step, toast_step);
    }).await;

    // pinwheel: added, the same total line as the coffee-and-toast listing
    println!("It took: {} seconds", start_time.elapsed().as_secs());
}
