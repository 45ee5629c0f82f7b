// The books' first programs, built directly on the engine's C++ API.
//
// Until the scenario language exists these are how the app and the tests run the books'
// coffee-and-toast lesson (002_9c4440bd59da2706.txt, "Async Rust" ch. 2). Each function
// returns main's future for a Runtime; the printed lines are the book's, word for word.
#pragma once

#include "runtime/async_fn.h"
#include "runtime/runtime.h"

namespace pw::book {

struct CoffeeToastOptions {
    /// 002's second version: `sleep(Duration::from_millis(100)).await` first in prep_coffee_mug.
    bool yieldFirst = false;
    SimDuration kettle = SimDuration::seconds(10);
    SimDuration toaster = SimDuration::seconds(10);
};

Async prepCoffeeMug(Runtime& rt, CoffeeToastOptions o);
Async makeCoffee(Runtime& rt, CoffeeToastOptions o);
Async makeToast(Runtime& rt, CoffeeToastOptions o);

/// `#[tokio::main] async fn main` of 002: join! the three steps, print "It took: N seconds".
Async coffeeToastMain(Runtime& rt, CoffeeToastOptions o = {});

/// 002's persons: each person is `spawn(async { join!(mug, coffee, toast) })`;
/// sequential awaits each JoinHandle before spawning the next, joined spawns all then join!s.
Async personsMain(Runtime& rt, int persons, bool joined, CoffeeToastOptions o = {});

} // namespace pw::book
