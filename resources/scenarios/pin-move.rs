//! # Pinning: a self-reference left behind by a move
//! Source: 000_2ba6e15959fa6007.txt, "Move and Pin", the `ExampleOfSelfReference` listing.
//! `set_reference` stores the address of `value` inside the struct itself. `let mut example =
//! example;` moves the struct to a new stack slot in the same frame, but the pointer still holds
//! the old slot's address: it now dangles into the moved-out slot, which keeps its stale bytes.
//! Writing `value = 3` changes the new slot; `get_value()` reads the old one and returns 2, so the
//! book's last assertion fails, exactly as the book says ("you'll see our last assertion fails").
//! Step through it: the arrow starts as a self-pointer and is left pointing at the greyed slot.
//! Group: Pinning
// --- Self Referencing Data Type

struct ExampleOfSelfReference {
    value: usize,
    reference_to_value: Option<*const usize>,
}

impl ExampleOfSelfReference {
    fn new(value: usize) -> Self {
        Self {
            value,
            reference_to_value: None,
        }
    }

    fn set_reference(&mut self) {
        self.reference_to_value = Some(&raw const self.value);
    }

    fn get_value(&self) -> usize {
        // SAFETY: This is intentionally NOT safe, don't try this at home!
        unsafe { *self.reference_to_value.expect("Did not set_reference") }
    }
}

// --- Usage ---

#[pinwheel(memory)]
fn main() {
    let mut example = ExampleOfSelfReference::new(1);

    // We need to set the reference now as the constructor moves the data too!
    example.set_reference();

    // Check the value was initialised correctly
    assert_eq!(example.get_value(), 1);

    // Update the value and check it was updated
    example.value = 2;
    assert_eq!(example.get_value(), 2);

    // This causes a move in the same stack frame
    let mut example = example;

    // Update the value again and check it was updated
    example.value = 3;
    assert_eq!(example.get_value(), 3);
}
