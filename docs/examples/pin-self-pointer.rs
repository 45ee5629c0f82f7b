//! # A self-pointer
//! `a.ptr` points at `a.value`; moving `a` to `b` copies the pointer, which still points at the
//! old, moved-out slot: reading through it gives the stale value.
//! Group: Pinning
struct SelfRef {
    value: usize,
    ptr: *const usize,
}

#[pinwheel(memory)]
fn main() {
    let mut a = SelfRef { value: 1, ptr: std::ptr::null() };
    a.ptr = &raw const a.value;           // a self-pointer
    let b = a;                            // moves the struct; b.ptr still holds a's address
    println!("{}", unsafe { *b.ptr });    // reads the moved-out slot: its stale bytes, 1
}
