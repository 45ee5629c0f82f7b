#include "render_command.h"

#include "gui/timeline_export.h"
#include "render_memory.h"
#include "render_support.h"
#include "sim/scenario_library.h"
#include "sim/timeline_model.h"

#include <QGuiApplication>
#include <QString>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>

namespace pw::cli {

namespace {

const char* const kUsage =
    "usage: pinwheel-cli render <id | file.rs> --out FILE.png|FILE.svg [--width PX] [--scale N]\n"
    "                           [--from S] [--to S] [--set NAME=VALUE]... [--workers N]\n"
    "                           [--flavor multi_thread|current_thread] [--seed N] [--jitter PERCENT]\n"
    "                           [--title TEXT] [--dark] [--no-legend] [--no-wakes] [--no-print-labels]\n"
    "       pinwheel-cli render <pinning program> --step N --out FILE.png|FILE.svg [--width PX] [--scale N]\n"
    "                           [--title TEXT] [--dark]     (the memory diagram at step N, from 1)\n";

int usageError(const std::string& message)
{
    std::fprintf(stderr, "pinwheel-cli render: %s\n%s", message.c_str(), kUsage);
    return kExitUsage;
}

bool parseInt(const std::string& s, std::int64_t& out)
{
    if (s.empty())
        return false;
    char* end = nullptr;
    const long long v = std::strtoll(s.c_str(), &end, 10);
    if (*end != '\0')
        return false;
    out = v;
    return true;
}

bool parseDouble(const std::string& s, double& out)
{
    if (s.empty())
        return false;
    char* end = nullptr;
    out = std::strtod(s.c_str(), &end);
    return *end == '\0' && std::isfinite(out);
}

bool endsWith(const std::string& s, const std::string& tail)
{
    if (s.size() < tail.size())
        return false;
    for (std::size_t i = 0; i < tail.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[s.size() - tail.size() + i])) != tail[i])
            return false;
    return true;
}

/// "coffee-toast · multi_thread, 4 workers · KETTLE = 10 s · seed 0 · finished at 24s"
QString describeRun(const std::string& target, const Scenario& s, const RunOptions& opts, const RunResult& r)
{
    QStringList parts;
    parts << QString::fromStdString(target);
    QString flavor = QString::fromLatin1(toString(r.config.flavor));
    if (r.config.flavor == Flavor::MultiThread)
        flavor += QStringLiteral(", %1 worker%2").arg(r.config.workers).arg(r.config.workers == 1 ? "" : "s");
    parts << flavor;
    for (const ScenarioParam& p : s.params) {
        const auto it = opts.params.find(p.name);
        const std::int64_t v = it != opts.params.end() ? it->second : p.defaultValue;
        QString unit = QString::fromStdString(p.unit);
        if (unit == QLatin1String("seconds"))
            unit = QStringLiteral("s");
        else if (unit == QLatin1String("milliseconds"))
            unit = QStringLiteral("ms");
        else if (unit == QLatin1String("count"))
            unit.clear();
        parts << QStringLiteral("%1 = %2%3")
                     .arg(QString::fromStdString(p.name))
                     .arg(v)
                     .arg(unit.isEmpty() ? QString() : QStringLiteral(" ") + unit);
    }
    parts << QStringLiteral("seed %1").arg(r.config.seed);
    if (r.config.jitterPercent)
        parts << QStringLiteral("jitter %1%").arg(r.config.jitterPercent);
    const QString end = QString::fromStdString(formatSeconds(r.trace.status.endNs));
    parts << (r.trace.status.kind == RunStatusKind::Finished
                  ? QStringLiteral("finished at %1").arg(end)
                  : QStringLiteral("%1 at %2").arg(QString::fromLatin1(toString(r.trace.status.kind)), end));
    return parts.join(QStringLiteral("  \u00b7  "));
}

} // namespace

int runRenderCommand(const std::vector<std::string>& args)
{
    std::string target;
    std::string out;
    std::string title;
    bool haveTitle = false;
    RunOptions opts;
    int width = 0; // 0: the default of what is drawn (1600 for a timeline, 1280 for a diagram)
    double scale = 1;
    int step = 0;              // --step N: the memory diagram of a pinning program at step N
    bool timelineOnly = false; // an option that only a timeline has
    double from = -1;
    double to = -1;
    gui::TimelineRenderOptions ro;
    ro.printLabels = true;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto next = [&](std::string& v) {
            if (i + 1 >= args.size())
                return false;
            v = args[++i];
            return true;
        };
        std::string v;
        std::int64_t n = 0;
        double d = 0;
        if (a == "--out") {
            if (!next(out))
                return usageError("--out needs a file name");
        } else if (a == "--width") {
            if (!next(v) || !parseInt(v, n) || n < 320 || n > 20000)
                return usageError("--width needs a number of pixels (320 to 20000)");
            width = static_cast<int>(n);
        } else if (a == "--scale") {
            if (!next(v) || !parseDouble(v, d) || d < 0.5 || d > 4)
                return usageError("--scale needs a factor from 0.5 to 4");
            scale = d;
        } else if (a == "--step") {
            if (!next(v) || !parseInt(v, n) || n < 1 || n > 1000000)
                return usageError("--step needs a step number, from 1");
            step = static_cast<int>(n);
        } else if (a == "--from" || a == "--to") {
            if (!next(v) || !parseDouble(v, d) || d < 0)
                return usageError(a + " needs a time in seconds");
            (a == "--from" ? from : to) = d;
            timelineOnly = true;
        } else if (a == "--workers") {
            if (!next(v) || !parseInt(v, n))
                return usageError("--workers needs a number");
            opts.workers = static_cast<int>(n);
            timelineOnly = true;
        } else if (a == "--flavor") {
            if (!next(v))
                return usageError("--flavor needs multi_thread or current_thread");
            if (v == "multi_thread")
                opts.flavor = Flavor::MultiThread;
            else if (v == "current_thread")
                opts.flavor = Flavor::CurrentThread;
            else
                return usageError("unknown flavor '" + v + "' (multi_thread or current_thread)");
            timelineOnly = true;
        } else if (a == "--seed") {
            if (!next(v) || !parseInt(v, n) || n < 0)
                return usageError("--seed needs a non-negative number");
            opts.seed = static_cast<std::uint64_t>(n);
            timelineOnly = true;
        } else if (a == "--jitter") {
            if (!next(v) || !parseInt(v, n))
                return usageError("--jitter needs a percentage");
            opts.jitterPercent = static_cast<int>(n);
            timelineOnly = true;
        } else if (a == "--set") {
            if (!next(v))
                return usageError("--set needs NAME=VALUE");
            const auto eq = v.find('=');
            if (eq == std::string::npos || eq == 0 || !parseInt(v.substr(eq + 1), n))
                return usageError("--set needs NAME=VALUE with an integer value, got '" + v + "'");
            opts.params[v.substr(0, eq)] = n;
            timelineOnly = true;
        } else if (a == "--title") {
            if (!next(title))
                return usageError("--title needs a text");
            haveTitle = true;
        } else if (a == "--dark") {
            ro.dark = true;
        } else if (a == "--no-legend") {
            ro.showLegend = false;
            timelineOnly = true;
        } else if (a == "--no-wakes") {
            ro.showWakes = false;
            timelineOnly = true;
        } else if (a == "--no-print-labels") {
            ro.printLabels = false;
            timelineOnly = true;
        } else if (!a.empty() && a[0] == '-') {
            return usageError("unknown option '" + a + "'");
        } else if (target.empty()) {
            target = a;
        } else {
            return usageError("one scenario at a time ('" + target + "' and '" + a + "')");
        }
    }
    if (target.empty())
        return usageError("which scenario? (an id from `pinwheel-cli list`, or a .rs file)");
    if (out.empty())
        return usageError("--out FILE.png or FILE.svg is required");
    const bool svg = endsWith(out, ".svg");
    if (!svg && !endsWith(out, ".png"))
        return usageError("--out must end in .png or .svg");
    if (step > 0 && timelineOnly)
        return usageError("--step draws a memory diagram: the timeline's options (--from, --to, --set, --workers, "
                          "--flavor, --seed, --jitter, --no-*) do not apply");
    if (from >= 0 && to >= 0 && to <= from)
        return usageError("--to must be after --from");

    LoadResult loaded = loadScenarioByName(target);
    if (!loaded.scenario) {
        std::string source = builtInScenarioSource(target);
        if (source.empty()) {
            std::ifstream in(target);
            source.assign(std::istreambuf_iterator<char>(in), {});
        }
        for (const auto& d : loaded.errors)
            std::fprintf(stderr, "%s\n",
                         d.loc.line > 0 ? d.format(source).c_str() : (d.file + ": error: " + d.message).c_str());
        return kExitScenarioError;
    }
    const Scenario& s = *loaded.scenario;
    if (step > 0) {
        MemoryRenderRequest request;
        request.target = target;
        request.out = out;
        request.svg = svg;
        request.width = width > 0 ? width : request.width;
        request.scale = scale;
        request.title = haveTitle ? title : std::string();
        request.dark = ro.dark;
        request.step = step;
        return renderMemoryDiagram(request, s);
    }
    if (width == 0)
        width = 1600;
    const auto problems = validateOptions(s, opts);
    if (!problems.empty())
        return usageError(problems.front());
    const RunResult r = runScenario(s, opts);
    if (!r.errors.empty()) {
        for (const auto& d : r.errors)
            std::fprintf(stderr, "%s\n", d.format(s.source).c_str());
        return kExitScenarioError;
    }
    if (r.trace.status.kind != RunStatusKind::Finished)
        std::fprintf(stderr, "pinwheel-cli render: the run ended with %s at %s (drawn anyway)\n",
                     toString(r.trace.status.kind), formatSeconds(r.trace.status.endNs).c_str());

    const auto app = ensureGuiApplication();
    const TimelineModel model = buildTimeline(r.trace);
    ro.title = QString::fromStdString(haveTitle ? title : s.title);
    ro.subtitle = describeRun(target, s, opts, r);
    // A handful of lanes on a slide: make them taller, the picture is a strip otherwise.
    const std::size_t lanes = model.lanes.size();
    ro.laneHeight = lanes <= 4 ? 40 : lanes <= 8 ? 34 : lanes <= 16 ? 30 : 26;
    gui::TimeRange range;
    if (from >= 0)
        range.fromNs = std::llround(from * 1e9);
    if (to >= 0)
        range.toNs = std::llround(to * 1e9);
    QString error;
    const QString path = QString::fromStdString(out);
    const bool ok = svg ? gui::exportSvg(model, path, width, ro, range, &error)
                        : gui::exportPng(model, path, width, scale, ro, range, &error);
    if (!ok) {
        std::fprintf(stderr, "pinwheel-cli render: %s\n", qPrintable(error));
        return kExitUsage;
    }
    std::printf("%s: %d px wide%s, %zu lanes\n", out.c_str(),
                svg ? width : static_cast<int>(std::lround(width * scale)), svg ? " (SVG)" : "", model.lanes.size());
    return 0;
}

} // namespace pw::cli
