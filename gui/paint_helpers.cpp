#include "paint_helpers.h"

namespace pw::gui {

QVector<QLineF> stripes(const QRectF& r, double step)
{
    QVector<QLineF> lines;
    const double h = r.height();
    // Line k goes from (x, bottom) to (x + h, top); clip both ends to [left, right].
    for (double x = r.left() - h; x < r.right(); x += step) {
        double xa = x, ya = r.bottom();
        double xb = x + h, yb = r.top();
        if (xa < r.left()) {
            ya -= r.left() - xa;
            xa = r.left();
        }
        if (xb > r.right()) {
            yb += xb - r.right();
            xb = r.right();
        }
        if (xb > xa)
            lines.append(QLineF(xa, ya, xb, yb));
    }
    return lines;
}

QColor blend(const QColor& a, const QColor& b, double amount)
{
    auto mix = [amount](double x, double y) { return static_cast<float>(x * amount + y * (1 - amount)); };
    return QColor::fromRgbF(mix(a.redF(), b.redF()), mix(a.greenF(), b.greenF()), mix(a.blueF(), b.blueF()));
}

} // namespace pw::gui
