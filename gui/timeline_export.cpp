#include "timeline_export.h"

#include "sim/timeline_model.h"

#include <QFile>
#include <QPainter>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>

namespace pw::gui {

TimeAxis exportAxis(const TimelineModel& model, TimeRange range)
{
    TimeAxis axis;
    axis.fit(model.endNs);
    if (range.fromNs >= 0 || range.toNs >= 0)
        axis.setRange(range.fromNs >= 0 ? range.fromNs : 0, range.toNs >= 0 ? range.toNs : model.endNs);
    return axis;
}

int exportHeight(const TimelineModel& model, int widthPx, const TimelineRenderOptions& options)
{
    TimelineRenderer r;
    r.setModel(&model);
    r.setOptions(options);
    return std::min(r.preferredHeight(widthPx), kMaxExportHeight);
}

QImage renderTimelineImage(const TimelineModel& model, int widthPx, double scale, const TimelineRenderOptions& options,
                           TimeRange range)
{
    TimelineRenderer renderer;
    renderer.setModel(&model);
    TimelineRenderOptions o = options;
    o.laneScrollPx = 0;
    renderer.setOptions(o);
    const int height = std::min(renderer.preferredHeight(widthPx), kMaxExportHeight);
    scale = std::clamp(scale, 0.25, 8.0);
    QImage image(static_cast<int>(std::lround(widthPx * scale)), static_cast<int>(std::lround(height * scale)),
                 QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return image;
    // Logical pixels stay widthPx wide: the layout is the same at every scale, only sharper.
    image.setDevicePixelRatio(scale);
    image.fill(renderer.palette().background);
    QPainter p(&image);
    renderer.paint(p, QRect(0, 0, widthPx, height), exportAxis(model, range));
    p.end();
    return image;
}

bool exportPng(const TimelineModel& model, const QString& path, int widthPx, double scale,
               const TimelineRenderOptions& options, TimeRange range, QString* error)
{
    const QImage image = renderTimelineImage(model, widthPx, scale, options, range);
    if (image.isNull()) {
        if (error)
            *error = QStringLiteral("cannot allocate a %1 px wide image").arg(widthPx * scale);
        return false;
    }
    if (!image.save(path, "PNG")) {
        if (error)
            *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    return true;
}

bool exportSvg(const TimelineModel& model, const QString& path, int widthPx, const TimelineRenderOptions& options,
               TimeRange range, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    TimelineRenderer renderer;
    renderer.setModel(&model);
    TimelineRenderOptions o = options;
    o.laneScrollPx = 0;
    renderer.setOptions(o);
    const int height = std::min(renderer.preferredHeight(widthPx), kMaxExportHeight);
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setSize(QSize(widthPx, height));
    svg.setViewBox(QRect(0, 0, widthPx, height));
    svg.setTitle(options.title);
    svg.setDescription(options.subtitle);
    // 96 dpi, as browsers assume: the pixel-sized fonts come out at the intended size.
    svg.setResolution(96);
    QPainter p;
    if (!p.begin(&svg)) {
        if (error)
            *error = QStringLiteral("cannot start an SVG painter for %1").arg(path);
        return false;
    }
    renderer.paint(p, QRect(0, 0, widthPx, height), exportAxis(model, range));
    p.end();
    file.close();
    if (file.error() != QFileDevice::NoError) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace pw::gui
