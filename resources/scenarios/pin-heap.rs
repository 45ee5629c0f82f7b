//! # Pinning to the heap: Box::pin
//! Source: 003_b8719e24f03aec02.txt, "Pinning to the Heap".
//! `Test::new` builds the value on its stack frame, then `Box::pin` moves it into a heap block
//! that never moves again, and only then stores the self-pointer. What `new` returns (and `main`
//! keeps in `test1`) is the box: an 8-byte pointer. Moving the box moves the pointer, not the
//! value, so each `b` keeps pointing at its own `a`. The book's program prints
//! `a: test1, b: test1` and `a: test2, b: test2`.
//! Group: Pinning
use std::pin::Pin;
use std::marker::PhantomPinned;

#[derive(Debug)]
struct Test {
    a: String,
    b: *const String,
    _marker: PhantomPinned,
}

impl Test {
    fn new(txt: &str) -> Pin<Box<Self>> {
        let t = Test {
            a: String::from(txt),
            b: std::ptr::null(),
            _marker: PhantomPinned,
        };
        let mut boxed = Box::pin(t);
        let self_ptr: *const String = &boxed.as_ref().a;
        unsafe { boxed.as_mut().get_unchecked_mut().b = self_ptr };

        boxed
    }

    fn a<'a>(self: Pin<&'a Self>) -> &'a str {
        &self.get_ref().a
    }

    fn b<'a>(self: Pin<&'a Self>) -> &'a String {
        unsafe { &*(self.b) }
    }
}

#[pinwheel(memory)]
pub fn main() {
    let mut test1 = Test::new("test1");
    let mut test2 = Test::new("test2");

    println!("a: {}, b: {}", test1.as_ref().a(), test1.as_ref().b());
    println!("a: {}, b: {}", test2.as_ref().a(), test2.as_ref().b());
}
