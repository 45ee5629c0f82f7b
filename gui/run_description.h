// How a run is labelled in comparisons, exported images and trace files: the scenario and the
// settings it ran with, in one line ("multi_thread, 4 workers · KETTLE = 10 s · seed 0"), the
// same words `pinwheel-cli render` puts under its title.
#pragma once

#include "scenario_runner.h"

#include <QString>

namespace pw::gui {

/// "multi_thread, 4 workers  ·  KETTLE = 10 s  ·  seed 0" (plus "jitter 5%" when set). The
/// executor of a non-Tokio scenario is named as such ("block_on"): its flavor and workers do not
/// apply.
QString describeSettings(const ScenarioInfo& info, const RunSettings& settings);

/// "coffee-toast  ·  multi_thread, 4 workers  ·  KETTLE = 10 s  ·  seed 0": what a pinned run is
/// called in the Compare tab.
QString runLabel(const RunView& run);

/// runLabel() and how the run ended ("finished at 24.000s", "deadlock at 3.000s"): the subtitle
/// of an exported image.
QString runSubtitle(const RunView& run);

} // namespace pw::gui
