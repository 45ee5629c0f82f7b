#include "media_icons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

namespace pw::gui {

namespace {

constexpr int kSize = 16;

/// A triangle pointing right (or left) inside [x, x + w] on the icon's middle line.
QPainterPath triangle(double x, double w, bool right)
{
    QPainterPath p;
    const double top = 3.5;
    const double bottom = kSize - 3.5;
    if (right) {
        p.moveTo(x, top);
        p.lineTo(x + w, kSize / 2.0);
        p.lineTo(x, bottom);
    } else {
        p.moveTo(x + w, top);
        p.lineTo(x, kSize / 2.0);
        p.lineTo(x + w, bottom);
    }
    p.closeSubpath();
    return p;
}

QPixmap draw(MediaIcon kind, const QColor& color, qreal dpr)
{
    QPixmap pm(QSize(kSize, kSize) * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    const QRectF barLeft(2.5, 3.5, 2, kSize - 7);
    const QRectF barRight(kSize - 4.5, 3.5, 2, kSize - 7);
    switch (kind) {
    case MediaIcon::ToStart:
        p.drawRect(barLeft);
        p.drawPath(triangle(5, 8.5, false));
        break;
    case MediaIcon::StepBack:
        p.drawPath(triangle(2, 6, false));
        p.drawPath(triangle(8, 6, false));
        break;
    case MediaIcon::Play:
        p.drawPath(triangle(4.5, 8.5, true));
        break;
    case MediaIcon::Pause:
        p.drawRect(QRectF(4, 3.5, 2.8, kSize - 7));
        p.drawRect(QRectF(9.2, 3.5, 2.8, kSize - 7));
        break;
    case MediaIcon::StepForward:
        p.drawPath(triangle(2, 6, true));
        p.drawPath(triangle(8, 6, true));
        break;
    case MediaIcon::ToEnd:
        p.drawPath(triangle(2.5, 8.5, true));
        p.drawRect(barRight);
        break;
    }
    return pm;
}

} // namespace

QIcon mediaIcon(MediaIcon kind, const QPalette& palette)
{
    QIcon icon;
    for (qreal dpr : {1.0, 2.0}) {
        icon.addPixmap(draw(kind, palette.color(QPalette::Active, QPalette::ButtonText), dpr), QIcon::Normal);
        icon.addPixmap(draw(kind, palette.color(QPalette::Disabled, QPalette::ButtonText), dpr), QIcon::Disabled);
    }
    return icon;
}

} // namespace pw::gui
