// The Rust source of 002's coffee-and-toast listing, as the book prints it.
#pragma once

#include "coffee_toast_run.h"

#include <QList>
#include <QString>

namespace pw::gui {

struct ProgramSource {
    QString text;
    /// 0-based lines that differ from the book's first listing (the options changed them).
    QList<int> changedLines;
};

/// The listing for these options: `#[tokio::main]` gains `flavor` / `worker_threads` when
/// they differ from the default, and "yield first" adds 002's 100 ms sleep to prep_coffee_mug.
ProgramSource coffeeToastSource(const RunOptions& options = {});

} // namespace pw::gui
