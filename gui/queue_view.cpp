#include "queue_view.h"

#include "timeline_palette.h"

#include "runtime/sim_time.h"
#include "runtime/trace.h"
#include "sim/runtime_snapshot.h"

#include <QEvent>
#include <QFontMetrics>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollArea>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace pw::gui {

namespace {

constexpr int kMargin = 14;
constexpr int kRowH = 32;
constexpr int kChipH = 22;
constexpr int kChipGap = 6;
constexpr int kChipMaxW = 150;
constexpr int kCellGap = 18;
constexpr int kHeaderH = 44;
constexpr int kSectionH = 26;

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}
QString secs(std::int64_t ns)
{
    return qs(formatSeconds(ns));
}

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - t) + b.redF() * t),
                            static_cast<float>(a.greenF() * (1 - t) + b.greenF() * t),
                            static_cast<float>(a.blueF() * (1 - t) + b.blueF() * t));
}

/// One thing to draw; chips also answer hovers and clicks.
struct Item {
    enum class Kind : std::uint8_t { Stripe, Title, Text, Muted, Heading, Pill, Chip, More, EmptySlot, Rule };
    Kind kind = Kind::Text;
    QRect rect;
    QString text;
    QString detail; ///< Chip: a second, muted part ("10.000s"); Pill: unused
    QColor color;   ///< Pill: the state colour; Text: the text colour (invalid: default)
    quint32 task = QueueView::kNoTask;
    QString tip;
    bool bold = false;
    bool alignRight = false;
    QString suffix; ///< Chip: " #id" after a name other tasks share; kept when the name is elided
};

} // namespace

struct QueueView::Impl {
    std::shared_ptr<const Trace> trace;
    std::unique_ptr<SnapshotCursor> cursor;
    RuntimeSnapshot snap;
    qint64 time = 0;
    std::vector<bool> duplicateName; ///< by task: another task has the same name
    bool hasBlockingPool = false;
    TimelinePalette palette = TimelinePalette::light();

    std::vector<Item> items;
    QStringList rowTitles;
    int contentHeight = 0;
    int laidOutWidth = -1;
    QFont laidOutFont;

    QString taskLabel(TaskId t) const
    {
        if (!trace || t >= trace->tasks.size())
            return QStringLiteral("task %1").arg(t);
        QString name = qs(trace->taskName(t));
        if (name.isEmpty())
            name = QStringLiteral("task");
        if (t < duplicateName.size() && duplicateName[t])
            name += QStringLiteral(" #%1").arg(t);
        return name;
    }

    QString threadName(ThreadId th) const
    {
        return th < snap.threads.size() ? qs(snap.threads[th].name) : QStringLiteral("?");
    }

    QString whereQueued(TaskId t) const
    {
        const TaskSnapshot& ts = snap.tasks[t];
        const QString worker =
            ts.worker < snap.workers.size() ? qs(snap.workers[ts.worker].name) : QStringLiteral("a worker");
        switch (ts.queue) {
        case QueueKind::Lifo:
            return worker + QStringLiteral("'s LIFO slot");
        case QueueKind::Local: {
            int pos = 0;
            if (ts.worker < snap.workers.size()) {
                const auto& l = snap.workers[ts.worker].local;
                for (std::size_t i = 0; i < l.size(); ++i)
                    if (l[i] == t)
                        pos = static_cast<int>(i) + 1;
            }
            return worker + QStringLiteral("'s local queue") +
                   (pos > 0 ? QStringLiteral(" (position %1)").arg(pos) : QString());
        }
        case QueueKind::Inject:
            return QStringLiteral("the inject queue");
        case QueueKind::Blocking:
            return QStringLiteral("the blocking pool's queue");
        case QueueKind::BlockOn:
            return QStringLiteral("woken, for the main thread to poll");
        default:
            return QStringLiteral("about to start");
        }
    }

    QString taskTip(TaskId t) const
    {
        QString head = trace && t < trace->tasks.size()
                           ? QStringLiteral("'%1' (task %2)").arg(qs(trace->taskName(t))).arg(t)
                           : QStringLiteral("task %1").arg(t);
        if (t >= snap.tasks.size())
            return head;
        const TaskSnapshot& ts = snap.tasks[t];
        const QString since = QStringLiteral(" since ") + secs(ts.since);
        QString what;
        switch (ts.activity) {
        case TaskActivity::NotSpawned:
            what = QStringLiteral("not spawned yet");
            break;
        case TaskActivity::Queued:
            what = QStringLiteral("ready, in ") + whereQueued(t) + since;
            break;
        case TaskActivity::Running:
            what = QStringLiteral("being polled on ") + threadName(ts.thread) + since;
            break;
        case TaskActivity::Blocked:
            what = QStringLiteral("blocking ") + threadName(ts.thread) + since;
            break;
        case TaskActivity::Waiting:
            what = QStringLiteral("waiting (returned Pending)") + since;
            break;
        case TaskActivity::Stalled:
            what = QStringLiteral("stalled: Pending with no waker") + since;
            break;
        case TaskActivity::Done:
            what = QStringLiteral("finished at ") + secs(ts.since);
            break;
        case TaskActivity::Cancelled:
            what = QStringLiteral("cancelled at ") + secs(ts.since);
            break;
        }
        QString timers;
        for (const PendingTimer& tm : snap.timers)
            if (tm.task == t)
                timers += (timers.isEmpty() ? QString() : QStringLiteral(", ")) + secs(tm.deadline);
        if (!timers.isEmpty())
            what += QStringLiteral("\ntimer pending, fires at ") + timers;
        return head + QStringLiteral("\n") + what;
    }

    void layout(int width, const QFont& font);
};

// ---- layout -------------------------------------------------------------------------------------

void QueueView::Impl::layout(int width, const QFont& font)
{
    items.clear();
    rowTitles.clear();
    laidOutWidth = width;
    laidOutFont = font;
    QFont bold = font;
    bold.setBold(true);
    const QFontMetrics fm(font);
    const QFontMetrics bfm(bold);
    const int right = std::max(width - kMargin, kMargin + 400);
    int y = kMargin / 2;

    auto add = [&](Item it) { items.push_back(std::move(it)); };
    auto text = [&](Item::Kind k, QRect r, QString s, QColor c = {}, bool b = false) {
        Item it;
        it.kind = k;
        it.rect = r;
        it.text = std::move(s);
        it.color = c;
        it.bold = b;
        add(std::move(it));
    };

    // Header: the time, main's state.
    {
        const QString title = trace ? QStringLiteral("Runtime at ") + secs(time) : QStringLiteral("No run");
        text(Item::Kind::Title, QRect(kMargin, y, right - kMargin, kHeaderH - 8), title);
        if (trace && !snap.tasks.empty()) {
            const TaskSnapshot m = snap.main();
            QString sub = QStringLiteral("main: ") + qs(toString(m.activity));
            if (m.activity != TaskActivity::NotSpawned)
                sub += (m.activity == TaskActivity::Done || m.activity == TaskActivity::Cancelled
                            ? QStringLiteral(" at ")
                            : QStringLiteral(" since ")) +
                       secs(m.since);
            sub += QStringLiteral("   ·   %1 of %2 events").arg(snap.eventsApplied).arg(trace->events.size());
            text(Item::Kind::Muted, QRect(kMargin, y, right - kMargin, kHeaderH - 8), sub);
            items.back().alignRight = true;
        }
        y += kHeaderH;
    }
    if (!trace) {
        text(Item::Kind::Muted, QRect(kMargin, y, right - kMargin, kRowH),
             QStringLiteral("Run a scenario to see its threads and queues."));
        contentHeight = y + kRowH + kMargin;
        return;
    }

    // The label column fits the longest row title.
    std::vector<const ThreadSnapshot*> threads;
    for (const ThreadSnapshot& th : snap.threads) {
        const bool lateThread = th.kind == ThreadKind::Blocking || th.kind == ThreadKind::Os;
        if (lateThread && th.activity == ThreadActivity::NotStarted)
            continue; // created later in the run
        threads.push_back(&th);
    }
    int labelW = bfm.horizontalAdvance(QStringLiteral("blocking pool"));
    for (const ThreadSnapshot* th : threads)
        labelW = std::max(labelW, bfm.horizontalAdvance(qs(th->name)));
    for (const MutexSnapshot& m : snap.mutexes)
        labelW = std::max(labelW, bfm.horizontalAdvance(QStringLiteral("mutex '%1'").arg(qs(m.name))));
    labelW = std::min(labelW + kCellGap, 220);
    const int cellX = kMargin + labelW;

    auto chipWidth = [&](const QString& label, const QString& detail) {
        int w = fm.horizontalAdvance(label) + 18;
        if (!detail.isEmpty())
            w += fm.horizontalAdvance(detail) + 10;
        return std::min(w, kChipMaxW + (detail.isEmpty() ? 0 : 70));
    };
    auto chip = [&](int x, int rowY, TaskId t, QString detail = {}, QColor detailColor = {}, int maxW = 0) {
        Item it;
        it.kind = Item::Kind::Chip;
        it.text = taskLabel(t);
        if (t < duplicateName.size() && duplicateName[t]) {
            it.suffix = QStringLiteral(" #%1").arg(t);
            it.text.chop(it.suffix.size());
        }
        it.detail = std::move(detail);
        it.color = detailColor;
        it.task = t;
        it.tip = taskTip(t);
        int w0 = chipWidth(it.text + it.suffix, it.detail);
        if (maxW > 0)
            w0 = std::min(w0, maxW);
        it.rect = QRect(x, rowY + (kRowH - kChipH) / 2, w0, kChipH);
        const int w = it.rect.width();
        add(std::move(it));
        return x + w + kChipGap;
    };
    // Chips in order from `x`; the ones that do not fit before `limit` are counted.
    auto chips = [&](int x, int rowY, const std::vector<TaskId>& ids, int limit,
                     const std::vector<QString>& details = {}, const std::vector<QColor>& colors = {}) {
        if (ids.empty()) {
            text(Item::Kind::Muted, QRect(x, rowY, 80, kRowH), QStringLiteral("empty"));
            return;
        }
        const int moreW = fm.horizontalAdvance(QStringLiteral("+00000")) + 14;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const QString det = i < details.size() ? details[i] : QString();
            const int w = chipWidth(taskLabel(ids[i]), det);
            const bool last = i + 1 == ids.size();
            if (x + w > limit - (last ? 0 : moreW + kChipGap)) {
                Item more;
                more.kind = Item::Kind::More;
                more.text = QStringLiteral("+%1").arg(ids.size() - i);
                more.rect = QRect(x, rowY + (kRowH - kChipH) / 2, fm.horizontalAdvance(more.text) + 14, kChipH);
                QString tip;
                for (std::size_t k = i; k < ids.size() && k < i + 40; ++k)
                    tip += (tip.isEmpty() ? QString() : QStringLiteral(", ")) + taskLabel(ids[k]);
                if (ids.size() - i > 40)
                    tip += QStringLiteral(", …");
                more.tip = tip;
                add(std::move(more));
                return;
            }
            x = chip(x, rowY, ids[i], det, i < colors.size() ? colors[i] : QColor());
        }
    };
    auto heading = [&](const QString& s) {
        y += 6;
        text(Item::Kind::Heading, QRect(kMargin, y, right - kMargin, kSectionH - 6), s.toUpper());
        y += kSectionH;
    };
    int stripe = 0;
    auto beginRow = [&](const QString& title, int height = kRowH) {
        if (stripe++ % 2 == 0) {
            Item s;
            s.kind = Item::Kind::Stripe;
            s.rect = QRect(kMargin / 2, y, right - kMargin / 2, height);
            add(std::move(s));
        }
        text(Item::Kind::Text, QRect(kMargin, y, labelW - 8, kRowH), title, {}, true);
        rowTitles << title;
    };

    // ---- threads ----
    struct StateCell {
        QString text;
        QColor color;
        TaskId task = kNoTask;
    };
    auto stateOf = [&](const ThreadSnapshot& th) {
        StateCell c;
        switch (th.activity) {
        case ThreadActivity::NotStarted:
            c.text = QStringLiteral("not started");
            c.color = palette.pendingEdge;
            break;
        case ThreadActivity::Idle:
            c.text =
                th.kind == ThreadKind::Blocking ? QStringLiteral("idle · waiting for a job") : QStringLiteral("idle");
            c.color = palette.pendingEdge;
            break;
        case ThreadActivity::Polling:
            c.text = QStringLiteral("polling");
            c.color = palette.polling;
            c.task = th.task;
            break;
        case ThreadActivity::Blocked:
            c.text = QStringLiteral("blocked · ") + qs(toString(th.blockReason));
            if (th.blockedUntil >= 0)
                c.text += QStringLiteral(" until ") + secs(th.blockedUntil);
            c.color = palette.blocked;
            c.task = th.task;
            break;
        case ThreadActivity::Parked:
            c.text = th.holdsDriver ? QStringLiteral("parked · holds the timer driver") : QStringLiteral("parked");
            c.color = palette.parked.darker(125);
            break;
        case ThreadActivity::Exited:
            c.text = QStringLiteral("exited");
            c.color = palette.pendingEdge;
            break;
        }
        return c;
    };
    auto pillWidth = [&](const QString& s) { return fm.horizontalAdvance(s) + 34; };
    const bool anyWorker = !snap.workers.empty();
    constexpr int kLifoW = 130;
    constexpr int kQueueLineH = kRowH - 4;

    heading(QStringLiteral("Threads"));
    text(Item::Kind::Heading, QRect(cellX, y - kSectionH, right - cellX, kSectionH - 6),
         anyWorker ? QStringLiteral("DOING  ·  RUN QUEUES (NEXT FIRST →)") : QStringLiteral("DOING"));
    for (const ThreadSnapshot* th : threads) {
        const bool ownsQueue = th->worker >= 0 && static_cast<std::size_t>(th->worker) < snap.workers.size();
        beginRow(qs(th->name), ownsQueue ? kRowH + kQueueLineH : kRowH);
        const StateCell c = stateOf(*th);
        Item pill;
        pill.kind = Item::Kind::Pill;
        pill.text = c.text;
        pill.color = c.color;
        pill.rect = QRect(cellX, y + (kRowH - kChipH) / 2, pillWidth(c.text), kChipH);
        pill.tip = qs(th->name) + QStringLiteral(": ") + c.text + QStringLiteral(" since ") + secs(th->since);
        const int afterPill = pill.rect.right() + 1 + kChipGap;
        add(std::move(pill));
        if (c.task != kNoTask)
            chip(afterPill, y, c.task);
        if (ownsQueue) {
            // Second line: the LIFO slot (run next) and the local queue, front first.
            const WorkerSnapshot& w = snap.workers[static_cast<std::size_t>(th->worker)];
            const int qy = y + kQueueLineH - 2;
            int x = cellX;
            if (w.hasLifoSlot) {
                const QString lifo = QStringLiteral("LIFO");
                text(Item::Kind::Muted, QRect(x, qy, fm.horizontalAdvance(lifo) + 4, kRowH), lifo);
                x += fm.horizontalAdvance(lifo) + 8;
                if (w.lifo != kNoTask) {
                    chip(x, qy, w.lifo, {}, {}, kLifoW);
                } else {
                    Item slot;
                    slot.kind = Item::Kind::EmptySlot;
                    slot.text = QStringLiteral("empty");
                    slot.rect = QRect(x, qy + (kRowH - kChipH) / 2, 64, kChipH);
                    slot.tip = qs(w.name) + QStringLiteral("'s LIFO slot is empty");
                    add(std::move(slot));
                }
                x += kLifoW + kCellGap;
            }
            const QString local = QStringLiteral("local queue");
            text(Item::Kind::Muted, QRect(x, qy, fm.horizontalAdvance(local) + 4, kRowH), local);
            x += fm.horizontalAdvance(local) + 8;
            chips(x, qy, w.local, right);
            y += kQueueLineH;
        }
        y += kRowH;
    }

    // ---- shared queues ----
    const bool showInject = anyWorker;
    if (showInject || hasBlockingPool) {
        heading(QStringLiteral("Shared queues  (next first →)"));
        if (showInject) {
            beginRow(QStringLiteral("inject queue"));
            chips(cellX, y, snap.inject, right);
            y += kRowH;
        }
        if (hasBlockingPool) {
            beginRow(QStringLiteral("blocking pool"));
            chips(cellX, y, snap.blocking, right);
            y += kRowH;
        }
    }

    // ---- timers ----
    heading(QStringLiteral("Timers pending  (by deadline)"));
    beginRow(QStringLiteral("timers"));
    {
        std::vector<TaskId> ids;
        std::vector<QString> details;
        std::vector<QColor> colors;
        for (const PendingTimer& tm : snap.timers) {
            ids.push_back(tm.task);
            details.push_back(secs(tm.deadline));
            colors.push_back(tm.deadline < time ? palette.blocked : palette.mutedText);
        }
        if (ids.empty())
            text(Item::Kind::Muted, QRect(cellX, y, 200, kRowH), QStringLiteral("none"));
        else
            chips(cellX, y, ids, right, details, colors);
    }
    y += kRowH;

    // ---- mutexes ----
    if (!snap.mutexes.empty()) {
        heading(QStringLiteral("Mutexes"));
        for (const MutexSnapshot& m : snap.mutexes) {
            beginRow(QStringLiteral("mutex '%1'").arg(qs(m.name)));
            int x = cellX;
            const QString kind = m.kind == MutexKind::Std ? QStringLiteral("std") : QStringLiteral("tokio");
            text(Item::Kind::Muted, QRect(x, y, 44, kRowH), kind);
            x += 44;
            if (m.holder != kNoTask) {
                const QString held = QStringLiteral("held by");
                text(Item::Kind::Text, QRect(x, y, fm.horizontalAdvance(held) + 4, kRowH), held);
                x += fm.horizontalAdvance(held) + 8;
                x = chip(x, y, m.holder);
                const QString since = QStringLiteral("since ") + secs(m.heldSince);
                text(Item::Kind::Muted, QRect(x, y, fm.horizontalAdvance(since) + 4, kRowH), since);
                x += fm.horizontalAdvance(since) + kCellGap;
            } else {
                const QString freeText =
                    m.handedTo != kNoTask ? QStringLiteral("released, handed to") : QStringLiteral("free");
                text(Item::Kind::Text, QRect(x, y, fm.horizontalAdvance(freeText) + 4, kRowH), freeText,
                     palette.mutedText);
                x += fm.horizontalAdvance(freeText) + 8;
                if (m.handedTo != kNoTask)
                    x = chip(x, y, m.handedTo);
                x += kCellGap - kChipGap;
            }
            std::vector<TaskId> waiters;
            for (TaskId w : m.waiters)
                if (w != m.handedTo)
                    waiters.push_back(w);
            if (!waiters.empty()) {
                const QString wait = QStringLiteral("waiting");
                text(Item::Kind::Text, QRect(x, y, fm.horizontalAdvance(wait) + 4, kRowH), wait, palette.blocked);
                x += fm.horizontalAdvance(wait) + 8;
                chips(x, y, waiters, right);
            }
            y += kRowH;
        }
    }
    contentHeight = y + kMargin;
}

// ---- the canvas -------------------------------------------------------------------------------------

class QueueView::Canvas : public QWidget {
public:
    Canvas(QueueView* view, QWidget* parent) : QWidget(parent), m_view(view)
    {
        setMouseTracking(true);
        setAttribute(Qt::WA_OpaquePaintEvent);
    }

    void relayout()
    {
        Impl& d = *m_view->d;
        d.layout(width(), font());
        setMinimumHeight(d.contentHeight);
        update();
    }

protected:
    void resizeEvent(QResizeEvent* e) override
    {
        QWidget::resizeEvent(e);
        if (m_view->d->laidOutWidth != width())
            relayout();
    }

    void paintEvent(QPaintEvent*) override
    {
        Impl& d = *m_view->d;
        if (d.laidOutFont != font() || d.laidOutWidth != width())
            d.layout(width(), font()); // the height follows with the next relayout()
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        p.fillRect(rect(), d.palette.background);
        QFont base = font();
        QFont bold = base;
        bold.setBold(true);
        QFont title = base;
        title.setBold(true);
        title.setPointSizeF(base.pointSizeF() * 1.3);
        QFont small = base;
        small.setPointSizeF(base.pointSizeF() * 0.82);
        small.setBold(true);
        small.setLetterSpacing(QFont::AbsoluteSpacing, 0.6);
        const QFontMetrics fm(base);

        for (const Item& it : d.items) {
            switch (it.kind) {
            case Item::Kind::Stripe:
                p.fillRect(it.rect, d.palette.laneStripe);
                break;
            case Item::Kind::Rule:
                p.setPen(d.palette.grid);
                p.drawLine(it.rect.topLeft(), it.rect.topRight());
                break;
            case Item::Kind::Title:
                p.setFont(title);
                p.setPen(d.palette.text);
                p.drawText(it.rect, Qt::AlignLeft | Qt::AlignVCenter, it.text);
                break;
            case Item::Kind::Heading:
                p.setFont(small);
                p.setPen(d.palette.mutedText);
                p.drawText(it.rect, Qt::AlignLeft | Qt::AlignBottom, it.text);
                break;
            case Item::Kind::Text:
            case Item::Kind::Muted: {
                p.setFont(it.bold ? bold : base);
                QColor c = it.color.isValid() ? it.color
                                              : (it.kind == Item::Kind::Muted ? d.palette.mutedText : d.palette.text);
                p.setPen(c);
                const Qt::Alignment a = (it.alignRight ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter;
                p.drawText(it.rect, a, QFontMetrics(p.font()).elidedText(it.text, Qt::ElideRight, it.rect.width()));
                break;
            }
            case Item::Kind::Pill: {
                p.setFont(base);
                const QRectF r = QRectF(it.rect).adjusted(0.5, 0.5, -0.5, -0.5);
                p.setPen(QPen(mix(it.color, d.palette.background, 0.35), 1));
                p.setBrush(mix(it.color, d.palette.background, 0.86));
                p.drawRoundedRect(r, r.height() / 2, r.height() / 2);
                p.setPen(Qt::NoPen);
                p.setBrush(it.color);
                p.drawEllipse(QPointF(r.left() + 12, r.center().y()), 4.5, 4.5);
                p.setPen(d.palette.text);
                p.drawText(it.rect.adjusted(22, 0, -8, 0), Qt::AlignLeft | Qt::AlignVCenter,
                           fm.elidedText(it.text, Qt::ElideRight, it.rect.width() - 30));
                break;
            }
            case Item::Kind::Chip: {
                p.setFont(base);
                const QColor fill = QueueView::taskColor(it.task);
                const TimelinePalette onFill = TimelinePalette::light(); // chips are pastel in both themes
                const QRectF r = QRectF(it.rect).adjusted(0.5, 0.5, -0.5, -0.5);
                p.setPen(QPen(fill.darker(150), 1));
                p.setBrush(fill);
                p.drawRoundedRect(r, 5, 5);
                int textW = it.rect.width() - 16;
                if (!it.detail.isEmpty()) {
                    const int detW = fm.horizontalAdvance(it.detail);
                    textW -= detW + 10;
                    const QRect detRect(it.rect.right() - 8 - detW, it.rect.top(), detW, it.rect.height());
                    p.setPen(QPen(fill.darker(150), 1));
                    p.drawLine(QPointF(detRect.left() - 5.5, r.top() + 4),
                               QPointF(detRect.left() - 5.5, r.bottom() - 4));
                    const bool muted = !it.color.isValid() || it.color == d.palette.mutedText;
                    p.setPen(muted ? onFill.mutedText : it.color);
                    p.drawText(detRect, Qt::AlignCenter, it.detail);
                }
                p.setPen(onFill.text);
                QString label = it.text + it.suffix;
                if (fm.horizontalAdvance(label) > textW) {
                    const int room = textW - fm.horizontalAdvance(it.suffix) - 2;
                    label = room > fm.horizontalAdvance(QStringLiteral("ab…"))
                                ? fm.elidedText(it.text, Qt::ElideRight, room) + it.suffix
                                : fm.elidedText(label, Qt::ElideRight, textW);
                }
                p.drawText(QRect(it.rect.left() + 8, it.rect.top(), textW + 4, it.rect.height()),
                           Qt::AlignLeft | Qt::AlignVCenter, label);
                break;
            }
            case Item::Kind::More: {
                p.setFont(base);
                const QRectF r = QRectF(it.rect).adjusted(0.5, 0.5, -0.5, -0.5);
                p.setPen(QPen(d.palette.pendingEdge, 1));
                p.setBrush(d.palette.pendingFill);
                p.drawRoundedRect(r, 5, 5);
                p.setPen(d.palette.mutedText);
                p.drawText(it.rect, Qt::AlignCenter, it.text);
                break;
            }
            case Item::Kind::EmptySlot: {
                p.setFont(base);
                const QRectF r = QRectF(it.rect).adjusted(0.5, 0.5, -0.5, -0.5);
                QPen pen(d.palette.pendingEdge, 1, Qt::DashLine);
                p.setPen(pen);
                p.setBrush(Qt::NoBrush);
                p.drawRoundedRect(r, 5, 5);
                p.setPen(d.palette.mutedText);
                p.drawText(it.rect, Qt::AlignCenter, it.text);
                break;
            }
            }
        }
    }

    bool event(QEvent* e) override
    {
        if (e->type() == QEvent::FontChange || e->type() == QEvent::StyleChange || e->type() == QEvent::Polish) {
            const bool r = QWidget::event(e);
            relayout(); // the chips' widths come from the font
            return r;
        }
        if (e->type() == QEvent::ToolTip) {
            auto* he = static_cast<QHelpEvent*>(e);
            if (const Item* it = itemAt(he->pos()); it && !it->tip.isEmpty())
                QToolTip::showText(he->globalPos(), it->tip, this, it->rect);
            else
                QToolTip::hideText();
            return true;
        }
        return QWidget::event(e);
    }

    void mouseMoveEvent(QMouseEvent* e) override
    {
        const Item* it = itemAt(e->position().toPoint());
        setCursor(it && it->kind == Item::Kind::Chip ? Qt::PointingHandCursor : Qt::ArrowCursor);
    }

    void mousePressEvent(QMouseEvent* e) override
    {
        if (e->button() == Qt::LeftButton)
            if (const Item* it = itemAt(e->position().toPoint()); it && it->kind == Item::Kind::Chip)
                emit m_view->taskSelected(it->task);
    }

private:
    const Item* itemAt(const QPoint& pos) const
    {
        const auto& items = m_view->d->items;
        for (auto it = items.rbegin(); it != items.rend(); ++it) {
            const bool hoverable = it->kind == Item::Kind::Chip || it->kind == Item::Kind::More ||
                                   it->kind == Item::Kind::Pill || it->kind == Item::Kind::EmptySlot;
            if (hoverable && it->rect.contains(pos))
                return &*it;
        }
        return nullptr;
    }

    QueueView* m_view;
};

// ---- QueueView ------------------------------------------------------------------------------------

QueueView::QueueView(QWidget* parent) : QWidget(parent), d(std::make_unique<Impl>())
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_scroll = new QScrollArea(this);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_canvas = new Canvas(this, m_scroll);
    m_scroll->setWidget(m_canvas);
    layout->addWidget(m_scroll);
    QPalette pal = m_scroll->palette();
    pal.setColor(QPalette::Window, d->palette.background);
    m_scroll->setPalette(pal);
    refresh();
}

QueueView::~QueueView() = default;

void QueueView::setDarkPalette(bool dark)
{
    d->palette = dark ? TimelinePalette::dark() : TimelinePalette::light();
    QPalette pal = m_scroll->palette();
    pal.setColor(QPalette::Window, d->palette.background);
    m_scroll->setPalette(pal);
    refresh();
}

void QueueView::setTrace(std::shared_ptr<const Trace> trace)
{
    d->cursor.reset();
    d->trace = std::move(trace);
    d->duplicateName.clear();
    d->hasBlockingPool = false;
    if (d->trace) {
        std::unordered_map<std::string, int> count;
        for (TaskId t = 0; t < d->trace->tasks.size(); ++t)
            ++count[d->trace->taskName(t)];
        d->duplicateName.reserve(d->trace->tasks.size());
        for (TaskId t = 0; t < d->trace->tasks.size(); ++t)
            d->duplicateName.push_back(count[d->trace->taskName(t)] > 1);
        for (const ThreadInfo& th : d->trace->threads)
            d->hasBlockingPool = d->hasBlockingPool || th.kind == ThreadKind::Blocking;
        d->cursor = std::make_unique<SnapshotCursor>(*d->trace);
    }
    refresh();
}

const Trace* QueueView::trace() const
{
    return d->trace.get();
}

void QueueView::setTime(qint64 ns)
{
    d->time = ns;
    refresh();
}

qint64 QueueView::time() const
{
    return d->time;
}

const RuntimeSnapshot* QueueView::snapshot() const
{
    return d->trace ? &d->snap : nullptr;
}

QStringList QueueView::rowTitles() const
{
    return d->rowTitles;
}

QColor QueueView::taskColor(quint32 task)
{
    // Golden-ratio hue steps: neighbouring ids get far-apart hues; pastel fills keep text readable.
    const double hue = std::fmod(0.07 + static_cast<double>(task) * 0.6180339887498949, 1.0);
    return QColor::fromHsvF(static_cast<float>(hue), 0.30f, 0.97f);
}

QSize QueueView::sizeHint() const
{
    return {760, std::min(std::max(d->contentHeight, 200), 560)};
}

QSize QueueView::minimumSizeHint() const
{
    return {320, 120};
}

void QueueView::refresh()
{
    if (d->cursor) {
        d->cursor->seek(d->time);
        d->snap = d->cursor->snapshot();
    } else {
        d->snap = RuntimeSnapshot{};
    }
    m_canvas->relayout();
}

} // namespace pw::gui
