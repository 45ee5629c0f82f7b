// `pinwheel-cli bench`: runs the fanout workload through the engine and prints figures.
#pragma once

#include <string>
#include <vector>

namespace pw::cli {

int runBench(const std::vector<std::string>& args);

} // namespace pw::cli
