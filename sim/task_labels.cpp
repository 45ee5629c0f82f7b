#include "task_labels.h"

#include <map>

namespace pw {

std::vector<std::string> taskLabels(const Trace& trace)
{
    std::vector<std::string> names;
    names.reserve(trace.tasks.size());
    std::map<std::string, int> uses;
    for (TaskId id = 0; id < trace.tasks.size(); ++id)
        ++uses[names.emplace_back(trace.taskName(id))];
    std::vector<std::string> out;
    out.reserve(names.size());
    for (TaskId id = 0; id < names.size(); ++id)
        out.push_back(taskLabel(names[id], id, uses[names[id]] > 1));
    return out;
}

std::string taskLabel(const std::string& name, TaskId id, bool shared)
{
    return shared ? name + " #" + std::to_string(id) : name;
}

} // namespace pw
