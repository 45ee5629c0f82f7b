// `pinwheel-cli run` and `pinwheel-cli list`.
#pragma once

#include <string>
#include <vector>

namespace pw::cli {

int runList();
int runScenarioCommand(const std::vector<std::string>& args);

} // namespace pw::cli
