// `pinwheel-cli render`: runs a scenario and draws its timeline into a PNG or SVG file with the
// app's renderer, offscreen.
#pragma once

#include <string>
#include <vector>

namespace pw::cli {

/// Exit codes: 0 written (whatever the run's status); 1 usage or the file cannot be written;
/// 2 scenario error.
int runRenderCommand(const std::vector<std::string>& args);

} // namespace pw::cli
