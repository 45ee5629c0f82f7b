// A painted timeline strip under the console: one row per thread that printed, a tick per
// printed line at its simulated time (lines printed at the same instant stack as dots), the
// stretches the thread spent blocked in thread::sleep, and a time axis in seconds. Hovering a
// tick shows its lines; clicking selects one.
#pragma once

#include "coffee_toast_run.h"

#include <QList>
#include <QWidget>

namespace pw::gui {

class RunStrip : public QWidget {
    Q_OBJECT
public:
    explicit RunStrip(QWidget* parent = nullptr);

    void setRun(const RunResult& run);
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
    int gutterWidth() const;
    QRect plotRect() const;
    QRect rowRect(int row) const;
    double xFor(qint64 ns) const;
    qint64 axisStep() const;
    qint64 axisSpan() const;
    int groupAt(const QPoint& pos) const;
    QString blockedAt(const QPoint& pos) const;

    RunResult m_run;
    QList<Group> m_groups;
    int m_highlight = -1;
};

} // namespace pw::gui
