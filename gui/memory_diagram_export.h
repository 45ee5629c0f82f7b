// One step of the memory diagram as a file: PNG (at a pixel scale, 2x for slides) or SVG (text
// stays text). Drawn by MemoryDiagramRenderer at the requested width: a diagram wider than that
// is scaled down to fit, and the height is what the step needs at that width. Needs a
// QGuiApplication (fonts); offscreen is fine.
#pragma once

#include "memory_diagram_renderer.h"

#include <QImage>
#include <QSize>
#include <QString>

namespace pw::gui {

/// The logical size of an export `widthPx` wide, and the options' scale that makes it fit.
QSize memoryDiagramExportSize(const memory::MemoryStep& step, const memory::MemoryError* error, int widthPx,
                              MemoryDiagramOptions& options);

/// The step drawn into an image widthPx * scale pixels wide (device pixel ratio `scale`).
QImage renderMemoryDiagramImage(const memory::MemoryStep& step, const memory::MemoryError* error, int widthPx,
                                double scale, const MemoryDiagramOptions& options);

bool exportMemoryDiagramPng(const memory::MemoryStep& step, const memory::MemoryError* error, const QString& path,
                            int widthPx, double scale, const MemoryDiagramOptions& options,
                            QString* errorText = nullptr);

bool exportMemoryDiagramSvg(const memory::MemoryStep& step, const memory::MemoryError* error, const QString& path,
                            int widthPx, const MemoryDiagramOptions& options, QString* errorText = nullptr);

} // namespace pw::gui
