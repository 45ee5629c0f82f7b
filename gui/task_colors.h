// A colour per task, the same wherever a task appears: its marker in the code view, its chip
// in the Why panel. Distinct from the state colours of the timeline (polling, blocked, ...),
// which say what a task is doing, not which task it is.
#pragma once

#include <QColor>

namespace pw::gui {

/// Task 0 (main) first; the palette repeats after ten tasks.
QColor taskColor(quint32 task);

} // namespace pw::gui
