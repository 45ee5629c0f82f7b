#include "app_export.h"

#include "run_description.h"
#include "run_view.h"

#include "runtime/config.h"
#include "sim/run_export.h"
#include "sim/timeline_model.h"

#include <QClipboard>
#include <QFile>
#include <QGuiApplication>

#include <algorithm>

namespace pw::gui {

QString fileSuffix(ImageExportSettings::Format format)
{
    return format == ImageExportSettings::Format::Svg ? QStringLiteral(".svg") : QStringLiteral(".png");
}

TimelineRenderOptions exportRenderOptions(const ImageExportSettings& settings)
{
    TimelineRenderOptions o;
    o.title = settings.title;
    o.subtitle = settings.subtitle;
    o.dark = settings.dark;
    o.printLabels = settings.printLabels;
    o.showLegend = settings.showLegend;
    o.showWakes = true;
    return o;
}

ImageExportSettings defaultImageSettings(const RunView& run)
{
    ImageExportSettings s;
    s.title = run.scenarioTitle.isEmpty() ? run.scenario : run.scenarioTitle;
    s.subtitle = runSubtitle(run);
    return s;
}

bool exportTimelineImage(const TimelineModel& model, const ImageExportSettings& settings, const QString& path,
                         QString* error)
{
    const int width = std::clamp(settings.widthPx, ImageExportSettings::kMinWidth, ImageExportSettings::kMaxWidth);
    const TimelineRenderOptions options = exportRenderOptions(settings);
    if (settings.format == ImageExportSettings::Format::Svg)
        return exportSvg(model, path, width, options, settings.range, error);
    return exportPng(model, path, width, settings.scale, options, settings.range, error);
}

QImage timelineImage(const TimelineModel& model, const ImageExportSettings& settings)
{
    const int width = std::clamp(settings.widthPx, ImageExportSettings::kMinWidth, ImageExportSettings::kMaxWidth);
    return renderTimelineImage(model, width, settings.scale, exportRenderOptions(settings), settings.range);
}

bool copyTimelineImage(const TimelineModel& model, const ImageExportSettings& settings)
{
    QClipboard* clipboard = QGuiApplication::clipboard();
    const QImage image = timelineImage(model, settings);
    if (!clipboard || image.isNull())
        return false;
    clipboard->setImage(image);
    return true;
}

QByteArray traceJson(const RunView& run)
{
    if (!run.trace)
        return {};
    RunDescription description;
    description.scenario = run.scenario.toStdString();
    if (run.config)
        description.config = *run.config;
    return QByteArray::fromStdString(chromeTraceJson(*run.trace, description));
}

bool saveTraceJson(const RunView& run, const QString& path, QString* error)
{
    const QByteArray json = traceJson(run);
    if (json.isEmpty()) {
        if (error)
            *error = QStringLiteral("the run has no trace to save (the scenario did not run)");
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(json) != json.size()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace pw::gui
