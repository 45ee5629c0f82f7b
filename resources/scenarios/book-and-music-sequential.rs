//! # Book and music, awaited in series
//! Source: 003_b8719e24f03aec02.txt, "Executing Multiple Futures at a Time" > "join!".
//! The music download does not start until the book has arrived: each `.await` runs its future
//! to completion before the next line runs. The book: "this will be slower than necessary,
//! since it won't start trying to get_music until after get_book has completed." The total is
//! the sum (3 + 2 = 5 s). Compare the "WRONG" version (same) and the join! version (3 s).
//! Group: Basics
use std::time::{Duration, Instant}; // pinwheel: added for the elided bodies and the total
use tokio::time::sleep; // pinwheel: added for the elided bodies

/// Getting the book. pinwheel: param(seconds, 1..=10)
const BOOK_SECS: u64 = 3;

/// Getting the music. pinwheel: param(seconds, 1..=10)
const MUSIC_SECS: u64 = 2;

// pinwheel: the book never defines `Book`, `Music`, `get_book` or `get_music` (its try_join!
// listing writes `async fn get_book() -> Result<Book, String> { /* ... */ Ok(Book) }`, i.e. unit
// structs). Here each has a title, and each function prints and waits without blocking the
// thread, standing in for a download.
struct Book {
    title: String,
}

struct Music {
    title: String,
}

async fn get_book() -> Book {
    println!("getting book...");
    sleep(Duration::from_secs(BOOK_SECS)).await;
    println!("got book.");
    Book { title: String::from("a book") }
}

async fn get_music() -> Music {
    println!("getting music...");
    sleep(Duration::from_secs(MUSIC_SECS)).await;
    println!("got music.");
    Music { title: String::from("some music") }
}

async fn get_book_and_music() -> (Book, Music) {
    let book = get_book().await;
    let music = get_music().await;
    (book, music)
}

// pinwheel: the book gives no main or runtime for these listings; a Tokio main that times the call is added.
#[tokio::main]
async fn main() {
    let start_time = Instant::now();
    let (_book, _music) = get_book_and_music().await;
    println!("It took: {} seconds", start_time.elapsed().as_secs());
}
