#include "compare_view.h"

#include "run_description.h"
#include "stacked_timelines.h"

#include "sim/timeline_model.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cstdlib>

namespace pw::gui {

namespace {

// Okabe-Ito, like the timeline: earlier is bluish green, later vermillion.
const QColor kEarlier(0x00, 0x9E, 0x73);
const QColor kLater(0xD5, 0x5E, 0x00);
constexpr int kTimeRole = Qt::UserRole; ///< the row's time in the current run (else the pinned one)

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

QString timeOrDash(std::int64_t ns)
{
    return ns < 0 ? QStringLiteral("\u2014") : formatSeconds(ns);
}

std::shared_ptr<const TimelineModel> modelOf(const RunView& run)
{
    return run.trace ? std::make_shared<const TimelineModel>(buildTimeline(*run.trace)) : nullptr;
}

/// Colours and weights a row's change column.
void markChange(QTreeWidgetItem* item, std::int64_t deltaNs)
{
    if (deltaNs == 0)
        return;
    item->setForeground(CompareView::ChangeColumn, deltaNs < 0 ? kEarlier : kLater);
    QFont f = item->font(CompareView::ChangeColumn);
    f.setBold(true);
    item->setFont(CompareView::ChangeColumn, f);
}

/// The parts of a run label ("coffee-toast  ·  multi_thread, 4 workers  ·  KETTLE = 10 s") the
/// other label does not have: what the caption leads with, since it is what changed.
QString differingParts(const QString& label, const QString& other)
{
    const QString dot = QStringLiteral("  \u00b7  ");
    const QStringList theirs = other.split(dot);
    QStringList out;
    for (const QString& part : label.split(dot))
        if (!theirs.contains(part))
            out << part;
    return out.isEmpty() ? QStringLiteral("the same settings") : out.join(dot);
}

QString plural(int n, const char* one, const char* many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

} // namespace

CompareView::CompareView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("compareView"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack);

    m_empty = new QLabel(tr("Nothing pinned yet. Pin this run (Compare \u203a Pin run for comparison, Ctrl+P), then "
                            "change a parameter or open another scenario: both runs appear here on one time axis, "
                            "with their totals and the lines that moved."));
    m_empty->setObjectName(QStringLiteral("compareEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setMargin(24);
    m_stack->addWidget(m_empty);

    auto* page = new QWidget;
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(8, 6, 8, 4);
    pageLayout->setSpacing(2);
    m_totals = new QLabel;
    m_totals->setObjectName(QStringLiteral("compareTotals"));
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_labels = new QLabel;
    m_labels->setObjectName(QStringLiteral("compareLabels"));
    m_labels->setWordWrap(true);
    pageLayout->addWidget(m_totals);
    pageLayout->addWidget(m_labels);

    m_timelines = new StackedTimelines;
    m_table = new QTreeWidget;
    m_table->setObjectName(QStringLiteral("compareLines"));
    m_table->setHeaderLabels(
        {tr("Printed line / task"), tr("Task / polls"), tr("Pinned"), tr("Current"), tr("Change")});
    m_table->setRootIsDecorated(true);
    m_table->setUniformRowHeights(true);
    m_table->setAlternatingRowColors(false);
    m_table->header()->setStretchLastSection(false);
    m_table->header()->setSectionResizeMode(TextColumn, QHeaderView::Stretch);
    for (int c : {TaskColumn, PinnedColumn, CurrentColumn, ChangeColumn})
        m_table->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);

    auto* split = new QSplitter(Qt::Horizontal);
    split->setObjectName(QStringLiteral("compareSplitter"));
    split->setChildrenCollapsible(false);
    split->addWidget(m_timelines);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({640, 520}); // the table needs room for its four time columns
    pageLayout->addWidget(split, 1);
    m_stack->addWidget(page);

    connect(m_timelines, &StackedTimelines::cursorMoved, this, &CompareView::cursorMoved);
    // Picking a line (or a task) puts the cursor on it, in all tabs.
    connect(m_table, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        const QVariant at = item ? item->data(TextColumn, kTimeRole) : QVariant();
        if (!at.isValid())
            return;
        m_timelines->setCursorTime(at.toLongLong());
        emit cursorMoved(at.toLongLong());
    });
    refresh();
}

CompareView::~CompareView() = default;

void CompareView::setPinned(const RunView& run, const QString& label)
{
    m_pinned = run;
    m_pinnedLabel = label.isEmpty() ? runLabel(run) : label;
    m_pinnedModel = modelOf(run);
    if (m_current && !m_currentModel)
        m_currentModel = modelOf(*m_current);
    refresh();
}

void CompareView::clearPinned()
{
    m_pinned.reset();
    m_pinnedLabel.clear();
    m_pinnedModel.reset();
    m_currentModel.reset(); // rebuilt when something is pinned again
    refresh();
}

void CompareView::setCurrent(const RunView& run, const QString& label)
{
    // Without a pinned run nothing shows the current one: its model waits until it is needed.
    setCurrent(run, m_pinned ? modelOf(run) : nullptr, label);
}

void CompareView::setCurrent(const RunView& run, std::shared_ptr<const TimelineModel> model, const QString& label)
{
    m_current = run;
    m_currentLabel = label.isEmpty() ? runLabel(run) : label;
    m_currentModel = std::move(model);
    refresh();
}

void CompareView::setCursorTime(qint64 ns)
{
    m_timelines->setCursorTime(ns);
}

void CompareView::setDarkPalette(bool dark)
{
    m_timelines->setDarkPalette(dark);
}

QString CompareView::totalsText() const
{
    return m_comparison ? qs(formatTotalChange(*m_comparison)) : QString();
}

void CompareView::refresh()
{
    m_comparison.reset();
    if (!m_pinned) {
        m_timelines->setModels(nullptr, nullptr);
        m_table->clear();
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    m_stack->setCurrentIndex(1);
    if (m_current && m_pinned->trace && m_current->trace)
        m_comparison = compareRuns(*m_pinned->trace, *m_current->trace);

    // Captions: what differs in the title, the whole label and the end under it.
    m_timelines->setCaption(StackedTimelines::Pinned,
                            tr("Pinned: %1").arg(differingParts(m_pinnedLabel, m_currentLabel)),
                            tr("%1  \u00b7  %2 at %3").arg(m_pinnedLabel, m_pinned->status, m_pinned->endTime));
    if (m_current) {
        QString subtitle = tr("%1  \u00b7  %2 at %3").arg(m_currentLabel, m_current->status, m_current->endTime);
        if (m_comparison)
            subtitle += tr(" (%1 than pinned)")
                            .arg(m_comparison->deltaNs() == 0
                                     ? tr("the same")
                                     : tr("%1 %2").arg(formatSeconds(std::llabs(m_comparison->deltaNs())),
                                                       m_comparison->deltaNs() < 0 ? tr("shorter") : tr("longer")));
        m_timelines->setCaption(StackedTimelines::Current,
                                tr("Current: %1").arg(differingParts(m_currentLabel, m_pinnedLabel)), subtitle);
    } else {
        m_timelines->setCaption(StackedTimelines::Current, tr("Current: no run yet"), QString());
    }
    m_timelines->setModels(m_pinnedModel, m_currentModel);

    if (m_comparison) {
        m_totals->setText(tr("Total  %1").arg(totalsText()));
        const pw::RunComparison& c = *m_comparison;
        int both = 0;
        for (const pw::LineShift& l : c.lines)
            both += l.inBoth() ? 1 : 0;
        QStringList facts;
        facts << tr("%1 of %2 moved in time").arg(c.movedLines()).arg(plural(both, "printed line", "printed lines"));
        if (c.onlyPinnedLines())
            facts << tr("%1 only in the pinned run").arg(c.onlyPinnedLines());
        if (c.onlyCurrentLines())
            facts << tr("%1 only in the current run").arg(c.onlyCurrentLines());
        facts << (c.sameOrder() ? tr("same print order") : tr("the print order changed"));
        m_labels->setText(facts.join(QStringLiteral("  \u00b7  ")));
    } else {
        m_totals->setText(
            m_current
                ? tr("Total  %1 \u2192 %2 (one of the runs has no trace)").arg(m_pinned->endTime, m_current->endTime)
                : tr("Total  %1 pinned; waiting for the current run").arg(m_pinned->endTime));
        m_labels->clear();
    }
    fillTable();
}

void CompareView::fillTable()
{
    m_table->clear();
    if (!m_comparison)
        return;
    const pw::RunComparison& c = *m_comparison;

    auto* lines = new QTreeWidgetItem(m_table, {tr("Printed lines (%1 moved)").arg(c.movedLines())});
    lines->setFirstColumnSpanned(true);
    for (const pw::LineShift& l : c.lines) {
        QString text = qs(l.text);
        if (l.textChanged())
            text = QStringLiteral("%1  \u2192  %2").arg(qs(l.pinnedText), text);
        QString change;
        if (!l.inBoth())
            change = l.currentNs < 0 ? tr("only pinned") : tr("only current");
        else
            change = l.moved() ? qs(formatSignedSeconds(l.deltaNs())) : tr("same time");
        auto* item =
            new QTreeWidgetItem(lines, {text, qs(l.task), timeOrDash(l.pinnedNs), timeOrDash(l.currentNs), change});
        item->setToolTip(TextColumn, text);
        item->setData(TextColumn, kTimeRole, QVariant::fromValue<qint64>(l.currentNs >= 0 ? l.currentNs : l.pinnedNs));
        markChange(item, l.deltaNs());
    }

    auto* tasks = new QTreeWidgetItem(m_table, {tr("Tasks: when each finished")});
    tasks->setFirstColumnSpanned(true);
    for (const pw::TaskShift& t : c.tasks) {
        QString change;
        std::int64_t delta = 0;
        if (!t.inPinned || !t.inCurrent)
            change = t.inCurrent ? tr("only current") : tr("only pinned");
        else if (t.pinnedDoneNs >= 0 && t.currentDoneNs >= 0) {
            delta = t.currentDoneNs - t.pinnedDoneNs;
            change = delta == 0 ? tr("same time") : qs(formatSignedSeconds(delta));
        } else {
            change = tr("did not finish");
        }
        const QString polls = t.inPinned && t.inCurrent
                                  ? tr("%1 \u2192 %2 polls").arg(t.pinnedPolls).arg(t.currentPolls)
                                  : tr("%1 polls").arg(t.inCurrent ? t.currentPolls : t.pinnedPolls);
        auto* item = new QTreeWidgetItem(tasks, {qs(t.name), polls, timeOrDash(t.inPinned ? t.pinnedDoneNs : -1),
                                                 timeOrDash(t.inCurrent ? t.currentDoneNs : -1), change});
        const std::int64_t at = t.currentDoneNs >= 0 ? t.currentDoneNs : t.pinnedDoneNs;
        if (at >= 0)
            item->setData(TextColumn, kTimeRole, QVariant::fromValue<qint64>(at));
        markChange(item, delta);
    }
    m_table->expandAll();
}

} // namespace pw::gui
