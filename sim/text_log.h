// The text log of a run: printed lines as `[  3.000s] worker-0  main  Milk poured.`, then the
// final status, in the form the CLI prints and the golden files store.
#pragma once

#include "runtime/trace.h"

#include <string>

namespace pw {

std::string formatLine(const Trace& trace, const PrintedLine& line);
std::string formatTextLog(const Trace& trace);

} // namespace pw
