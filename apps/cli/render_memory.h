// `pinwheel-cli render <id> --step N --out FILE`: a pinning program's memory diagram at step N
// (1-based; a program the compiler refuses has one more step, the error), drawn offscreen by
// the app's MemoryDiagramRenderer into a PNG or SVG file.
#pragma once

#include <string>

namespace pw {
struct Scenario;
}

namespace pw::cli {

/// What `render` was asked for, parsed once by runRenderCommand.
struct MemoryRenderRequest {
    std::string target; ///< a built-in id or a .rs path
    std::string out;
    bool svg = false;
    int width = 1280;
    double scale = 1;
    std::string title; ///< empty: the scenario's title
    bool dark = false;
    int step = 1; ///< 1-based
};

/// Draws the loaded scenario `s`. Exit codes as for `render`: 0 written; 1 usage (not a pinning
/// program, a step out of range) or an unwritable file; 2 the memory model cannot read the program.
int renderMemoryDiagram(const MemoryRenderRequest& request, const Scenario& s);

} // namespace pw::cli
