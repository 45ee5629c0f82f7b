//! Book scenario: one person, `tokio::join!(prep_coffee_mug(), make_coffee(), make_toast())`
//! in the main future. Runtime: flavor = "current_thread". prep_coffee_mug yield version: true.
use tokio_reference::*;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let start_time = start();
    log("main start");
    let coffee_mug_step = prep_coffee_mug(0, true);
    let coffee_step = make_coffee(0);
    let toast_step = make_toast(0);
    tokio::join!(coffee_mug_step, coffee_step, toast_step);
    report_total(start_time);
}
