#include "text_log.h"

#include <cstdio>

namespace pw {

std::string formatLine(const Trace& trace, const PrintedLine& line)
{
    const std::string secs = formatSeconds(line.t);
    char time[32];
    std::snprintf(time, sizeof time, "[%8s]", secs.c_str());
    const std::string thread = line.thread < trace.threads.size() ? trace.threads[line.thread].name : "?";
    const std::string task = line.task < trace.tasks.size() ? trace.taskName(line.task) : "-";
    return std::string(time) + " " + thread + "  " + task + "  " + line.text;
}

std::string formatTextLog(const Trace& trace)
{
    std::string out;
    for (const auto& l : trace.lines)
        out += formatLine(trace, l) + "\n";
    out += std::string("status: ") + toString(trace.status.kind) + "\n";
    out += "total: " + formatSeconds(trace.status.endNs) + "\n";
    if (!trace.status.message.empty())
        out += trace.status.message + "\n";
    return out;
}

} // namespace pw
