// What a task is called on screen: its name, or "name #id" when other tasks share the name (the
// three `person` tasks of persons-joined). One rule for the timeline, console, Why panel and
// code markers, so the same task reads the same everywhere.
#pragma once

#include "runtime/trace.h"

#include <string>
#include <vector>

namespace pw {

/// By task id.
std::vector<std::string> taskLabels(const Trace& trace);

/// The rule itself, for views that count names their own way (the timeline counts its lanes):
/// `name`, or "name #id" when `shared` with another task.
std::string taskLabel(const std::string& name, TaskId id, bool shared);

} // namespace pw
