#include "render_memory.h"

#include "sim/memory/memory_interpreter.h"

#include "gui/memory_diagram_export.h"
#include "render_support.h"
#include "sim/scenario.h"

#include <QString>

#include <cmath>
#include <cstdio>

namespace pw::cli {

int renderMemoryDiagram(const MemoryRenderRequest& request, const Scenario& s)
{
    if (!s.memoryProgram) {
        std::fprintf(stderr,
                     "pinwheel-cli render: --step draws the memory diagram of a pinning program "
                     "(#[pinwheel(memory)] on main, docs/pinning.md); '%s' runs on the runtime: "
                     "render its timeline without --step\n",
                     request.target.c_str());
        return kExitUsage;
    }
    const memory::MemoryTrace trace = memory::runMemoryProgram(s.source, s.fileName);
    if (trace.error && trace.error->kind == memory::MemoryError::Kind::Parse) {
        std::fprintf(stderr, "%s\n",
                     trace.error->rendered.empty() ? trace.error->message.c_str() : trace.error->rendered.c_str());
        return kExitScenarioError;
    }
    const int steps = static_cast<int>(trace.steps.size()) + (trace.error ? 1 : 0);
    if (request.step < 1 || request.step > steps) {
        std::fprintf(stderr, "pinwheel-cli render: --step %d is out of range: %s has %d step%s (1 to %d)\n",
                     request.step, request.target.c_str(), steps, steps == 1 ? "" : "s", steps);
        return kExitUsage;
    }
    const bool errorStep = request.step > static_cast<int>(trace.steps.size());
    const memory::MemoryStep empty;
    const memory::MemoryStep& step = errorStep ? (trace.steps.empty() ? empty : trace.steps.back())
                                               : trace.steps[static_cast<std::size_t>(request.step - 1)];
    const memory::MemoryError* error = errorStep ? &*trace.error : nullptr;

    const auto app = ensureGuiApplication();
    gui::MemoryDiagramOptions options;
    options.title = QString::fromStdString(!request.title.empty() ? request.title
                                           : !s.title.empty()     ? s.title
                                                                  : request.target);
    options.source = QString::fromStdString(s.source).split(QLatin1Char('\n'));
    options.stepIndex = request.step - 1;
    options.stepCount = steps;
    options.dark = request.dark;
    QString problem;
    const QString path = QString::fromStdString(request.out);
    const bool ok =
        request.svg ? gui::exportMemoryDiagramSvg(step, error, path, request.width, options, &problem)
                    : gui::exportMemoryDiagramPng(step, error, path, request.width, request.scale, options, &problem);
    if (!ok) {
        std::fprintf(stderr, "pinwheel-cli render: %s\n", qPrintable(problem));
        return kExitUsage;
    }
    gui::MemoryDiagramOptions fitted = options;
    const QSize size = gui::memoryDiagramExportSize(step, error, request.width, fitted);
    const double scale = request.svg ? 1.0 : request.scale;
    std::printf("%s: step %d of %d, %d x %d px%s\n", request.out.c_str(), request.step, steps,
                static_cast<int>(std::lround(size.width() * scale)),
                static_cast<int>(std::lround(size.height() * scale)), request.svg ? " (SVG)" : "");
    return 0;
}

} // namespace pw::cli
