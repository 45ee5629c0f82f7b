// What File > Export does, without the dialogs: the timeline as a PNG (at 1x, 2x, 3x) or an SVG
// (text stays text) with the scenario's title, its parameters and the legend in the picture; the
// same picture on the clipboard; the run as Chrome trace-event JSON, as `pinwheel-cli run --trace`
// writes it (opens in Perfetto and chrome://tracing).
//
// Exports are light unless `dark` is asked for (a dark slide deck): the app's theme does not leak
// into a file.
#pragma once

#include "timeline_export.h"

#include <QByteArray>
#include <QImage>
#include <QString>

namespace pw {
struct TimelineModel;
}

namespace pw::gui {

struct RunView;

struct ImageExportSettings {
    enum class Format { Png, Svg };

    Format format = Format::Png;
    int widthPx = 1600; ///< logical pixels; a PNG is widthPx * scale pixels wide
    double scale = 2;   ///< PNG only: 1, 2 (slides) or 3
    bool dark = false;
    bool printLabels = true; ///< the text of println! markers where there is room
    bool showLegend = true;
    QString title;    ///< the scenario's title
    QString subtitle; ///< runSubtitle(): scenario, settings and how the run ended
    TimeRange range;  ///< the whole run by default

    static constexpr int kMinWidth = 480;
    static constexpr int kMaxWidth = 8000;
};

/// ".png" / ".svg".
QString fileSuffix(ImageExportSettings::Format format);
/// The renderer's options for an export with these settings.
TimelineRenderOptions exportRenderOptions(const ImageExportSettings& settings);
/// The export's settings for `run`: its title and subtitle, light, 2x.
ImageExportSettings defaultImageSettings(const RunView& run);

/// Writes the PNG or SVG. False with a sentence in `error` when it cannot.
bool exportTimelineImage(const TimelineModel& model, const ImageExportSettings& settings, const QString& path,
                         QString* error = nullptr);
/// The picture a PNG export would write (for the clipboard).
QImage timelineImage(const TimelineModel& model, const ImageExportSettings& settings);
/// Puts timelineImage() on the clipboard. False without a clipboard (or an empty image).
bool copyTimelineImage(const TimelineModel& model, const ImageExportSettings& settings);

/// Chrome trace-event JSON of the run; empty when the run has no trace (a scenario error).
QByteArray traceJson(const RunView& run);
bool saveTraceJson(const RunView& run, const QString& path, QString* error = nullptr);

} // namespace pw::gui
