// Small drawing helpers shared by the painted widgets and renderers.
#pragma once

#include <QColor>
#include <QLineF>
#include <QRectF>
#include <QVector>

namespace pw::gui {

/// 45-degree stripes inside `r`, `step` apart, clipped analytically (no clip region: cheap, and
/// SVG-friendly).
QVector<QLineF> stripes(const QRectF& r, double step);

/// `a` blended over `b`: `amount` of `a`, the rest of `b`.
QColor blend(const QColor& a, const QColor& b, double amount);

} // namespace pw::gui
