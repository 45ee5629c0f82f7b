#include "run_strip.h"

#include <QFontMetrics>
#include <QHash>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace pw::gui {

namespace {
constexpr int kMargin = 12;
constexpr int kTop = 10;
constexpr int kMaxRowHeight = 64;
constexpr int kMinRowHeight = 34;
constexpr int kAxisHeight = 30;
constexpr int kRightMargin = 28;
constexpr int kMinTickSpacing = 50;
constexpr int kDotRadius = 3;
constexpr int kDotPitch = 8;
constexpr int kBaseOffset = 12; ///< the row's baseline, above its bottom edge
constexpr qint64 kSecond = 1'000'000'000;

struct StripColors {
    QColor background;
    QColor border;
    QColor rowShade;
    QColor grid;
    QColor muted;
    QColor accent;
    QColor highlight;
    QColor blocked;
    QColor blockedEdge;
    QColor parked;
    QColor parkedEdge;
    QColor tipBackground;
    QColor tipText;
};

const StripColors kLightStrip{Qt::white,
                              QColor(0xd0, 0xd7, 0xde),
                              QColor(0xf6, 0xf8, 0xfa),
                              QColor(0xea, 0xee, 0xf2),
                              QColor(0x57, 0x60, 0x6a),
                              QColor(0x2f, 0x6f, 0xdf),
                              QColor(0xe3, 0x6c, 0x09),
                              QColor(0xf6, 0xd3, 0x8f),
                              QColor(0xe0, 0xa9, 0x3c),
                              QColor(0xdd, 0xe3, 0xea),
                              QColor(0xb6, 0xc0, 0xcb),
                              QColor(0xff, 0xf4, 0xe8),
                              QColor(0x1f, 0x23, 0x28)};
const StripColors kDarkStrip{QColor(0x1e, 0x21, 0x25), QColor(0x3d, 0x44, 0x4d), QColor(0x25, 0x29, 0x2e),
                             QColor(0x33, 0x38, 0x3f), QColor(0xa6, 0xae, 0xb8), QColor(0x5a, 0x9c, 0xf0),
                             QColor(0xf0, 0x88, 0x3e), QColor(0x8a, 0x6a, 0x2a), QColor(0xc9, 0x9a, 0x3c),
                             QColor(0x3a, 0x40, 0x47), QColor(0x5a, 0x62, 0x6c), QColor(0x3a, 0x2a, 0x1c),
                             QColor(0xe6, 0xe8, 0xeb)};

/// The dark theme (gui/theme.h) gives the window a dark base colour.
const StripColors& stripColors(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightness() < 128 ? kDarkStrip : kLightStrip;
}

QString secondsLabel(qint64 ns, qint64 step)
{
    if (step % kSecond == 0)
        return QStringLiteral("%1s").arg(ns / kSecond);
    const int decimals = step % (kSecond / 10) == 0 ? 1 : (step % (kSecond / 100) == 0 ? 2 : 3);
    return QStringLiteral("%1s").arg(static_cast<double>(ns) / kSecond, 0, 'f', decimals);
}
} // namespace

RunStrip::RunStrip(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("runStrip"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void RunStrip::setRun(const RunView& run)
{
    m_run = run;
    m_highlight = -1;
    rebuildGroups();
    updateGeometry();
    update();
}

void RunStrip::setHighlightedLine(int index)
{
    if (index < -1 || index >= m_run.lines.size())
        index = -1;
    if (index == m_highlight)
        return;
    m_highlight = index;
    update();
}

QSize RunStrip::sizeHint() const
{
    return {640, kTop + rowCount() * rowHeight() + kAxisHeight + kMargin / 2};
}

QSize RunStrip::minimumSizeHint() const
{
    return {320, sizeHint().height()};
}

void RunStrip::rebuildGroups()
{
    m_lastNs = std::max<qint64>(m_run.endNs, kSecond);
    for (const ConsoleLine& l : std::as_const(m_run.lines))
        m_lastNs = std::max(m_lastNs, l.ns);
    m_groups.clear();
    QHash<QPair<int, qint64>, qsizetype> index;
    for (int i = 0; i < m_run.lines.size(); ++i) {
        const ConsoleLine& l = m_run.lines[i];
        const auto key = qMakePair(l.threadRow, l.ns);
        if (const auto it = index.constFind(key); it != index.cend()) {
            m_groups[*it].lines << i;
        } else {
            index.insert(key, m_groups.size());
            m_groups << Group{l.threadRow, l.ns, {i}};
        }
    }
}

int RunStrip::rowCount() const
{
    return std::max<int>(1, static_cast<int>(m_run.threads.size()));
}

int RunStrip::rowHeight() const
{
    // A few rows get room for stacked dots; many rows stay compact so the console keeps its space.
    return std::clamp(kMaxRowHeight + 8 - 8 * rowCount(), kMinRowHeight, kMaxRowHeight);
}

int RunStrip::gutterWidth() const
{
    const QFontMetrics fm(font());
    int w = fm.horizontalAdvance(QStringLiteral("thread"));
    for (const ThreadRow& t : m_run.threads)
        w = std::max(w, fm.horizontalAdvance(t.name));
    return w + 2 * kMargin;
}

QRect RunStrip::plotRect() const
{
    const int left = kMargin + gutterWidth();
    return {left, kTop, std::max(1, width() - left - kRightMargin), rowCount() * rowHeight()};
}

QRect RunStrip::rowRect(int row) const
{
    return {1, kTop + row * rowHeight(), width() - 2, rowHeight()};
}

qint64 RunStrip::axisStep() const
{
    const qint64 last = m_lastNs;
    const int divisions = std::max(1, plotRect().width() / kMinTickSpacing);
    for (qint64 decade = 1'000'000; decade < 1'000'000 * kSecond; decade *= 10)
        for (qint64 k : {1, 2, 5}) {
            const qint64 step = k * decade;
            if ((last + step - 1) / step <= divisions)
                return step;
        }
    return last;
}

qint64 RunStrip::axisSpan() const
{
    const qint64 last = m_lastNs;
    const qint64 step = axisStep();
    return (last + step - 1) / step * step;
}

double RunStrip::xFor(qint64 ns) const
{
    const QRect plot = plotRect();
    return plot.left() + static_cast<double>(ns) / static_cast<double>(axisSpan()) * plot.width();
}

void RunStrip::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const StripColors& colors = stripColors(palette());
    p.setRenderHint(QPainter::Antialiasing);
    const QRect plot = plotRect();
    const QFontMetrics fm(font());

    // Frame.
    p.setPen(colors.border);
    p.setBrush(colors.background);
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);

    // Rows: shading and thread names.
    for (int row = 0; row < m_run.threads.size(); ++row) {
        const QRect r = rowRect(row);
        if (row % 2 == 0)
            p.fillRect(r, colors.rowShade);
        p.setPen(colors.muted);
        const int baseY = r.bottom() - kBaseOffset;
        p.drawText(QRect(kMargin, baseY - fm.height() / 2, gutterWidth() - kMargin, fm.height()),
                   Qt::AlignVCenter | Qt::AlignLeft, m_run.threads[row].name);
    }

    // Grid and axis.
    const qint64 step = axisStep();
    const qint64 span = axisSpan();
    const int axisY = plot.bottom() + 1;
    for (qint64 t = 0; t <= span; t += step) {
        const double x = xFor(t);
        p.setPen(QPen(colors.grid, 1));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, axisY));
        p.setPen(QPen(colors.muted, 1));
        p.drawLine(QPointF(x, axisY), QPointF(x, axisY + 5));
        const QString label = secondsLabel(t, step);
        const int w = fm.horizontalAdvance(label);
        p.drawText(QRectF(x - w / 2.0 - 2, axisY + 6, w + 4, fm.height()), Qt::AlignCenter, label);
    }
    p.setPen(QPen(colors.muted, 1));
    p.drawLine(QPointF(plot.left(), axisY), QPointF(plot.right() + 1, axisY));

    if (m_run.threads.isEmpty()) {
        p.setPen(colors.muted);
        p.drawText(plot, Qt::AlignCenter, m_run.finished() ? tr("Nothing ran") : tr("The scenario did not run"));
        return;
    }

    // The end of the run.
    const double endX = xFor(m_run.endNs);
    p.setPen(QPen(colors.muted, 1, Qt::DashLine));
    p.drawLine(QPointF(endX, plot.top() + 2), QPointF(endX, axisY));

    // Each thread's life until the end of the run, and the stretches it spent blocked.
    for (int row = 0; row < m_run.threads.size(); ++row) {
        const int baseY = rowRect(row).bottom() - kBaseOffset;
        p.setPen(QPen(colors.border, 2, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(xFor(0), baseY), QPointF(endX, baseY));
    }
    // Parked (free, waiting to be woken) thin and underneath; blocked (busy hands) on top.
    for (const bool parked : {true, false})
        for (const BlockedSpan& b : std::as_const(m_run.blocked)) {
            if (b.parked != parked)
                continue;
            p.setPen(QPen(parked ? colors.parkedEdge : colors.blockedEdge, 1));
            p.setBrush(parked ? colors.parked : colors.blocked);
            const int baseY = rowRect(b.threadRow).bottom() - kBaseOffset;
            const int half = parked ? 3 : 4;
            const QRectF bar(QPointF(xFor(b.startNs) + 1, baseY - half), QPointF(xFor(b.endNs) - 1, baseY + half));
            p.drawRoundedRect(bar, 3, 3);
        }

    // A tick per instant with a dot per line printed at it.
    for (const Group& g : std::as_const(m_groups)) {
        const double x = xFor(g.ns);
        const int baseY = rowRect(g.row).bottom() - kBaseOffset;
        const bool hot = g.lines.contains(m_highlight);
        p.setPen(QPen(hot ? colors.highlight : colors.accent, 2, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(x, baseY + 4), QPointF(x, baseY - 8));
        // Stack a dot per line; when they do not fit, the last place says how many more (or, with
        // no room for any dot, how many in all).
        const int room = std::max(1, (baseY - 8 - rowRect(g.row).top() - 4) / kDotPitch);
        const int shown = g.lines.size() <= room ? static_cast<int>(g.lines.size()) : room - 1;
        for (int k = 0; k < shown; ++k) {
            const bool isHot = g.lines[k] == m_highlight;
            const QPointF c(x, baseY - 8 - kDotRadius - k * kDotPitch);
            const double r = isHot ? kDotRadius + 1.0 : kDotRadius;
            p.setPen(Qt::NoPen);
            p.setBrush(isHot ? colors.highlight : colors.accent);
            p.drawEllipse(c, r, r);
        }
        if (shown < g.lines.size()) {
            const QPointF c(x, baseY - 8 - kDotRadius - shown * kDotPitch);
            p.setPen(colors.accent);
            p.drawText(QRectF(c.x() - 20, c.y() - fm.height() / 2.0, 40, fm.height()), Qt::AlignCenter,
                       shown == 0 ? QStringLiteral("×%1").arg(g.lines.size())
                                  : QStringLiteral("+%1").arg(g.lines.size() - shown));
        }
    }

    // The highlighted line's text beside its tick.
    if (m_highlight >= 0) {
        const ConsoleLine& l = m_run.lines[m_highlight];
        const QString label = l.time + QStringLiteral("  ") + l.text;
        const int w = fm.horizontalAdvance(label) + 12;
        const double x = xFor(l.ns);
        const QRect row = rowRect(l.threadRow);
        QRectF box(x + 10, row.top() + 4, w, fm.height() + 4);
        if (box.right() > plot.right() + kRightMargin - 4)
            box.moveRight(x - 10);
        p.setPen(QPen(colors.highlight, 1));
        p.setBrush(colors.tipBackground);
        p.drawRoundedRect(box, 4, 4);
        p.setPen(colors.tipText);
        p.drawText(box, Qt::AlignCenter, label);
    }
}

int RunStrip::groupAt(const QPoint& pos) const
{
    int best = -1;
    double bestDistance = 7.0;
    for (int i = 0; i < m_groups.size(); ++i) {
        if (!rowRect(m_groups[i].row).contains(pos))
            continue;
        const double d = std::abs(xFor(m_groups[i].ns) - pos.x());
        if (d < bestDistance) {
            bestDistance = d;
            best = i;
        }
    }
    return best;
}

QString RunStrip::blockedAt(const QPoint& pos) const
{
    QString parked;
    for (const BlockedSpan& b : m_run.blocked) {
        const QRect row = rowRect(b.threadRow);
        if (!row.contains(pos) || pos.x() < xFor(b.startNs) || pos.x() > xFor(b.endNs))
            continue;
        const QString name = m_run.threads.value(b.threadRow).name;
        if (!b.parked)
            return tr("%1 blocked in %2 from %3 to %4")
                .arg(name, b.reason, formatSeconds(b.startNs), formatSeconds(b.endNs));
        parked = tr("%1 parked from %2 to %3: nothing to poll until a waker fires")
                     .arg(name, formatSeconds(b.startNs), formatSeconds(b.endNs));
    }
    return parked;
}

QString RunStrip::threadAt(const QPoint& pos) const
{
    if (pos.x() >= plotRect().left())
        return {};
    for (int row = 0; row < m_run.threads.size(); ++row) {
        if (!rowRect(row).contains(pos))
            continue;
        const ThreadRow& t = m_run.threads[row];
        return tr("%1: busy %2, blocked %3, idle %4")
            .arg(t.name, formatSeconds(t.busyNs), formatSeconds(t.blockedNs), formatSeconds(t.idleNs));
    }
    return {};
}

bool RunStrip::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const int g = groupAt(help->pos());
        if (g < 0) {
            QString text = blockedAt(help->pos());
            if (text.isEmpty())
                text = threadAt(help->pos());
            if (text.isEmpty()) {
                QToolTip::hideText();
                event->ignore();
            } else {
                QToolTip::showText(help->globalPos(), text, this);
            }
            return true;
        }
        const Group& group = m_groups[g];
        QStringList text;
        text << QStringLiteral("%1 on %2").arg(formatSeconds(group.ns), m_run.threads.value(group.row).name);
        for (int i : group.lines)
            text << QStringLiteral("  %1: %2").arg(m_run.lines[i].task, m_run.lines[i].text);
        QToolTip::showText(help->globalPos(), text.join(QLatin1Char('\n')), this);
        return true;
    }
    return QWidget::event(event);
}

void RunStrip::mousePressEvent(QMouseEvent* event)
{
    const int g = groupAt(event->position().toPoint());
    if (g < 0) {
        QWidget::mousePressEvent(event);
        return;
    }
    // Clicking an instant again steps through the lines printed at it.
    const QList<int>& lines = m_groups[g].lines;
    const qsizetype at = lines.indexOf(m_highlight);
    const int next = lines[at < 0 ? 0 : (at + 1) % lines.size()];
    setHighlightedLine(next);
    emit lineClicked(next);
}

} // namespace pw::gui
