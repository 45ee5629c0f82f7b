#include "task_labels.h"

#include <map>

namespace pw {

std::vector<std::string> taskLabels(const Trace& trace)
{
    std::map<std::string, int> uses;
    for (const TaskInfo& t : trace.tasks)
        ++uses[t.name];
    std::vector<std::string> out;
    out.reserve(trace.tasks.size());
    for (TaskId id = 0; id < trace.tasks.size(); ++id) {
        const std::string& name = trace.tasks[id].name;
        out.push_back(uses[name] > 1 ? name + " #" + std::to_string(id) : name);
    }
    return out;
}

} // namespace pw
