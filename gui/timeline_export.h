// The timeline as a file: PNG (at a pixel scale, 2x for slides) or SVG (text stays text, so a
// slide tool can restyle it). Both are drawn by TimelineRenderer, title, parameters and legend
// included, tall enough for every lane. Need a QGuiApplication (fonts), offscreen is fine.
#pragma once

#include "timeline_renderer.h"

#include <QImage>
#include <QString>
#include <QtGlobal>

namespace pw {
struct TimelineModel;
}

namespace pw::gui {

/// The part of the run to draw; -1 means the run's start / end.
struct TimeRange {
    qint64 fromNs = -1;
    qint64 toNs = -1;
};

/// Images taller than this (logical pixels) are cut: thousands of task lanes do not fit a slide.
inline constexpr int kMaxExportHeight = 16000;

/// The axis an export uses: the whole run, or `range` within it.
TimeAxis exportAxis(const TimelineModel& model, TimeRange range);
/// The height of an export `widthPx` wide (every lane, up to kMaxExportHeight).
int exportHeight(const TimelineModel& model, int widthPx, const TimelineRenderOptions& options);

/// The timeline drawn into an image widthPx * scale pixels wide (device pixel ratio `scale`).
QImage renderTimelineImage(const TimelineModel& model, int widthPx, double scale, const TimelineRenderOptions& options,
                           TimeRange range = {});

bool exportPng(const TimelineModel& model, const QString& path, int widthPx, double scale,
               const TimelineRenderOptions& options, TimeRange range = {}, QString* error = nullptr);

bool exportSvg(const TimelineModel& model, const QString& path, int widthPx, const TimelineRenderOptions& options,
               TimeRange range = {}, QString* error = nullptr);

} // namespace pw::gui
