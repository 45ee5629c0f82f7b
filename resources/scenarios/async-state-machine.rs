//! # The state machine of an async block
//! Source: 003_b8719e24f03aec02.txt, "Why Pinning" (also 001_ec34b4de598cc612.txt, "4. Pinning").
//! An `async` block compiles to an enum: one variant per `.await`, holding the locals still
//! needed after it. Here `x` and `read_into_buf_fut` are both held across the `.await`, so both
//! live inside the future, and `read_into_buf_fut.buf` points at `x`: a pointer from one field
//! of the future into another. `block_on` pins the future before polling it, which is what
//! keeps that pointer valid. Step to the `.await` to see the state `Suspend0` and the arrow.
//! The book gives no body for `read_into_buf`; the one here stands in for a read of two bytes.
//! Group: Pinning
use futures::executor::block_on;

/// Stands in for reading from a socket: writes two bytes into the buffer.
async fn read_into_buf(buf: &mut [u8]) -> usize {
    buf[0] = 72;
    buf[1] = 105;
    2
}

#[pinwheel(memory)]
fn main() {
    let fut = async {
        let mut x = [0; 128];
        let read_into_buf_fut = read_into_buf(&mut x);
        read_into_buf_fut.await;
        println!("{:?}", x);
    };
    block_on(fut);
}
