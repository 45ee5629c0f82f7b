// A painted timeline strip under the console: one row per thread that did something, a tick per
// printed line at its simulated time (lines printed at the same instant stack as dots), the
// stretches the thread spent blocked (thread::sleep, a std Mutex, CPU work) or parked, and a
// time axis in seconds. Hovering a tick shows its lines; clicking selects one.
#pragma once

#include "run_view.h"

#include <QList>
#include <QWidget>

namespace pw::gui {

class RunStrip : public QWidget {
    Q_OBJECT
public:
    explicit RunStrip(QWidget* parent = nullptr);

    void setRun(const RunView& run);
    /// The console line drawn highlighted, or -1.
    void setHighlightedLine(int index);
    int highlightedLine() const { return m_highlight; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void lineClicked(int index);

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    /// Lines printed by one thread at one instant.
    struct Group {
        int row = 0;
        qint64 ns = 0;
        QList<int> lines;
    };

    void rebuildGroups();
    int rowCount() const;
    int rowHeight() const;
    int gutterWidth() const;
    QRect plotRect() const;
    QRect rowRect(int row) const;
    double xFor(qint64 ns) const;
    qint64 axisStep() const;
    qint64 axisSpan() const;
    int groupAt(const QPoint& pos) const;
    QString blockedAt(const QPoint& pos) const;
    QString threadAt(const QPoint& pos) const;

    RunView m_run;
    QList<Group> m_groups;
    qint64 m_lastNs = 0; ///< the time axis covers 0..m_lastNs (rounded up to a tick)
    int m_highlight = -1;
};

} // namespace pw::gui
