//! # Pinning to the stack: the compiler refuses the swap
//! Source: 003_b8719e24f03aec02.txt, "Pinning to the Stack", the listing after "Now, if we try to
//! move our data now we get a compilation error".
//! `PhantomPinned` makes `Test` `!Unpin`. Each value is pinned where it lies with
//! `Pin::new_unchecked` and the binding is shadowed, so only the pin can reach it. `get_mut`
//! would hand out a `&mut Test` that `mem::swap` could move, and it exists only for `Unpin`
//! types: rustc rejects the program with E0277 (`PhantomPinned` cannot be unpinned). Pinwheel
//! runs the lines before the refused one so the diagram shows both pinned values, each pointing
//! at itself, and then reports the error as rustc does (the CLI exits with status 2).
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
    fn new(txt: &str) -> Self {
        Test {
            a: String::from(txt),
            b: std::ptr::null(),
            _marker: PhantomPinned, // This makes our type `!Unpin`
        }
    }

    fn init<'a>(self: Pin<&'a mut Self>) {
        let self_ptr: *const String = &self.a;
        let this = unsafe { self.get_unchecked_mut() };
        this.b = self_ptr;
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
    let mut test1 = unsafe { Pin::new_unchecked(&mut test1) };
    Test::init(test1.as_mut());

    let mut test2 = Test::new("test2");
    let mut test2 = unsafe { Pin::new_unchecked(&mut test2) };
    Test::init(test2.as_mut());

    println!("a: {}, b: {}", Test::a(test1.as_ref()), Test::b(test1.as_ref()));
    std::mem::swap(test1.get_mut(), test2.get_mut());
    println!("a: {}, b: {}", Test::a(test2.as_ref()), Test::b(test2.as_ref()));
}
