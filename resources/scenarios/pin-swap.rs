//! # Pinning: swapping two self-referential structs
//! Source: 003_b8719e24f03aec02.txt, "Pinning in Detail", the `Test` listing with `std::mem::swap`.
//! `init` stores in `b` the address of the struct's own field `a`. `std::mem::swap` exchanges the
//! bytes of `test1` and `test2` but not what their pointers point at: after the swap `test2.b`
//! still holds the address of the first slot, which now holds `test1`'s old neighbour. The book
//! prints `a: test1, b: test1` and then `a: test1, b: test2`: the pointer in `test2` now points
//! into another object (`test1`), not into itself.
//! Group: Pinning
use std::pin::Pin;

#[derive(Debug)]
struct Test {
    a: String,
    b: *const String,
}

impl Test {
    fn new(txt: &str) -> Self {
        Test {
            a: String::from(txt),
            b: std::ptr::null(),
        }
    }

    fn init(&mut self) {
        let self_ref: *const String = &self.a;
        self.b = self_ref;
    }

    fn a(&self) -> &str {
        &self.a
    }

    fn b(&self) -> &String {
        unsafe {&*(self.b)}
    }
}

#[pinwheel(memory)]
fn main() {
    let mut test1 = Test::new("test1");
    test1.init();
    let mut test2 = Test::new("test2");
    test2.init();

    println!("a: {}, b: {}", test1.a(), test1.b());
    std::mem::swap(&mut test1, &mut test2);
    println!("a: {}, b: {}", test2.a(), test2.b());
}
