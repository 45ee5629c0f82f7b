#include "memory_diagram_export.h"

#include "sim/memory/memory_state.h"

#include <QFile>
#include <QPainter>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>

namespace pw::gui {

QSize memoryDiagramExportSize(const memory::MemoryStep& step, const memory::MemoryError* error, int widthPx,
                              MemoryDiagramOptions& options)
{
    MemoryDiagramRenderer renderer;
    MemoryDiagramOptions natural = options;
    natural.scale = 1.0;
    renderer.setOptions(natural);
    const QSizeF size = renderer.preferredSize(step, error);
    options.scale = std::min(1.0, widthPx / size.width());
    return QSize(widthPx, static_cast<int>(std::ceil(size.height() * options.scale)));
}

QImage renderMemoryDiagramImage(const memory::MemoryStep& step, const memory::MemoryError* error, int widthPx,
                                double scale, const MemoryDiagramOptions& options)
{
    MemoryDiagramOptions o = options;
    const QSize size = memoryDiagramExportSize(step, error, widthPx, o);
    scale = std::clamp(scale, 0.25, 8.0);
    QImage image(static_cast<int>(std::lround(size.width() * scale)),
                 static_cast<int>(std::lround(size.height() * scale)), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return image;
    image.setDevicePixelRatio(scale);
    MemoryDiagramRenderer renderer;
    renderer.setOptions(o);
    image.fill(renderer.palette().background);
    QPainter p(&image);
    renderer.paint(p, QRectF(0, 0, size.width(), size.height()), step, error);
    p.end();
    return image;
}

bool exportMemoryDiagramPng(const memory::MemoryStep& step, const memory::MemoryError* error, const QString& path,
                            int widthPx, double scale, const MemoryDiagramOptions& options, QString* errorText)
{
    const QImage image = renderMemoryDiagramImage(step, error, widthPx, scale, options);
    if (image.isNull()) {
        if (errorText)
            *errorText = QStringLiteral("cannot allocate a %1 px wide image").arg(widthPx * scale);
        return false;
    }
    if (!image.save(path, "PNG")) {
        if (errorText)
            *errorText = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    return true;
}

bool exportMemoryDiagramSvg(const memory::MemoryStep& step, const memory::MemoryError* error, const QString& path,
                            int widthPx, const MemoryDiagramOptions& options, QString* errorText)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (errorText)
            *errorText = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    MemoryDiagramOptions o = options;
    const QSize size = memoryDiagramExportSize(step, error, widthPx, o);
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(options.title);
    svg.setDescription(QString::fromStdString(step.description));
    svg.setResolution(96); // as browsers assume: pixel-sized fonts come out at the intended size
    QPainter p;
    if (!p.begin(&svg)) {
        if (errorText)
            *errorText = QStringLiteral("cannot start an SVG painter for %1").arg(path);
        return false;
    }
    MemoryDiagramRenderer renderer;
    renderer.setOptions(o);
    renderer.paint(p, QRectF(0, 0, size.width(), size.height()), step, error);
    p.end();
    file.close();
    if (file.error() != QFileDevice::NoError) {
        if (errorText)
            *errorText = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace pw::gui
