#include "run_pane.h"

#include "app_style.h"
#include "paint_helpers.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace pw::gui {

namespace {

enum ConsoleColumn { TimeColumn, ThreadColumn, TaskColumn, LineColumn };
enum ProblemColumn { WhereColumn, MessageColumn };
enum WarningColumn { WarningTimeColumn, KindColumn, WarningTaskColumn, WarningColumn };

constexpr int kLineRole = Qt::UserRole;
constexpr int kColRole = Qt::UserRole + 1;
constexpr int kSmallListRows = 3;

const QColor kError(0xcf, 0x22, 0x2e);
const QColor kWarning(0x9a, 0x67, 0x00);
QLabel* paneLabel(const QString& text, const char* role)
{
    auto* label = new QLabel(text);
    label->setProperty("role", QString::fromLatin1(role));
    return label;
}

QWidget* paneHeader(QLabel* title, QLabel* subtitle, QLabel* note = nullptr)
{
    auto* header = new QWidget;
    auto* layout = new QHBoxLayout(header);
    layout->setContentsMargins(2, 0, 2, 2);
    layout->setSpacing(10);
    layout->addWidget(title);
    layout->addWidget(subtitle, 1);
    if (note)
        layout->addWidget(note);
    return header;
}

QTreeWidget* table(const char* name, const QStringList& headers)
{
    auto* t = new QTreeWidget;
    t->setObjectName(QString::fromLatin1(name));
    t->setHeaderLabels(headers);
    t->setRootIsDecorated(false);
    t->setUniformRowHeights(true);
    t->setAllColumnsShowFocus(true);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->header()->setStretchLastSection(true);
    t->header()->setSectionsMovable(false);
    return t;
}

/// Tall enough for `rows` rows (at most kSmallListRows), so the console keeps the space.
void fitRows(QTreeWidget* t, int rows)
{
    const int rowHeight = std::max(t->sizeHintForRow(0), t->fontMetrics().height() + 6);
    const int shown = std::clamp(rows, 1, kSmallListRows);
    t->setFixedHeight(t->header()->sizeHint().height() + shown * rowHeight + 2 * t->frameWidth() + 2);
}

} // namespace

RunPane::RunPane(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    m_banner = new QLabel;
    m_banner->setObjectName(QStringLiteral("statusBanner"));
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::RichText);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->hide();
    layout->addWidget(m_banner);
    layout->addWidget(
        paneHeader(paneLabel(tr("Console"), "paneTitle"),
                   paneLabel(tr("what println! printed, at the simulated time of each line"), "paneSubtitle")));

    m_console = table("console", {tr("Time"), tr("Thread"), tr("Task"), tr("Line")});
    m_console->setAlternatingRowColors(true);
    m_console->headerItem()->setTextAlignment(TimeColumn, Qt::AlignRight | Qt::AlignVCenter);
    m_console->setColumnWidth(TimeColumn, 78);
    m_console->setColumnWidth(ThreadColumn, 86);
    m_console->setColumnWidth(TaskColumn, 92);
    m_console->installEventFilter(this);
    layout->addWidget(m_console, 1);

    m_problemsBox = new QWidget;
    auto* problems = new QVBoxLayout(m_problemsBox);
    problems->setContentsMargins(0, 6, 0, 0);
    problems->setSpacing(6);
    m_problemsTitle = paneLabel(tr("Problems"), "paneTitle");
    problems->addWidget(paneHeader(
        m_problemsTitle, paneLabel(tr("the scenario's errors; double-click to show the line"), "paneSubtitle")));
    m_problems = table("problems", {tr("Where"), tr("Problem")});
    m_problems->setColumnWidth(WhereColumn, 190);
    problems->addWidget(m_problems);
    layout->addWidget(m_problemsBox);

    m_warningsBox = new QWidget;
    auto* warnings = new QVBoxLayout(m_warningsBox);
    warnings->setContentsMargins(0, 6, 0, 0);
    warnings->setSpacing(6);
    m_warningsTitle = paneLabel(tr("Warnings"), "paneTitle");
    warnings->addWidget(paneHeader(m_warningsTitle, paneLabel(tr("what the runtime noticed"), "paneSubtitle")));
    m_warnings = table("warnings", {tr("Time"), tr("Kind"), tr("Task"), tr("Warning")});
    m_warnings->headerItem()->setTextAlignment(WarningTimeColumn, Qt::AlignRight | Qt::AlignVCenter);
    m_warnings->setColumnWidth(WarningTimeColumn, 82);
    m_warnings->setColumnWidth(KindColumn, 136);
    m_warnings->setColumnWidth(WarningTaskColumn, 96);
    warnings->addWidget(m_warnings);
    layout->addWidget(m_warningsBox);

    connect(m_console, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        const int index = m_console->indexOfTopLevelItem(item);
        if (index >= 0 && index < m_lineTimes.size())
            emit lineActivated(m_lineTimes[index]);
    });
    connect(m_problems, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const int line = item->data(0, kLineRole).toInt();
        if (line > 0)
            emit problemActivated(line, item->data(0, kColRole).toInt());
    });
}

void RunPane::setRun(const RunView& run)
{
    showBanner(run);
    showConsole(run);
    setProblems(run.problems);
    showWarnings(run);
}

void RunPane::setCursorTime(qint64 ns)
{
    m_cursor = ns;
    // The lines printed by the cursor time are shown as printed, the later ones greyed: only
    // the lines between the old and the new position change.
    const auto shown =
        static_cast<int>(std::upper_bound(m_lineTimes.begin(), m_lineTimes.end(), ns) - m_lineTimes.begin());
    const int from = std::min(shown, m_shownLines);
    const int to = std::max(shown, m_shownLines);
    for (int i = from; i < to; ++i)
        styleLine(i, i < shown);
    if (m_current >= 0 && m_current < m_console->topLevelItemCount())
        styleCurrent(m_current, false);
    m_shownLines = shown;
    m_current = shown - 1;
    if (m_current >= 0) {
        styleCurrent(m_current, true);
        m_console->scrollToItem(m_console->topLevelItem(m_current));
    }
}

bool RunPane::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_console && event->type() == QEvent::PaletteChange)
        setSelectedTask(m_selectedTask); // restyles every console line in the console's new colours
    return QWidget::eventFilter(watched, event);
}

void RunPane::setSelectedTask(const QString& task)
{
    m_selectedTask = task;
    for (int i = 0; i < m_console->topLevelItemCount(); ++i)
        styleLine(i, i < m_shownLines);
    if (m_current >= 0)
        styleCurrent(m_current, true);
}

int RunPane::printedLines() const
{
    return m_shownLines;
}

QString RunPane::currentLine() const
{
    const QTreeWidgetItem* item = m_current >= 0 ? m_console->topLevelItem(m_current) : nullptr;
    return item ? item->text(LineColumn) : QString();
}

void RunPane::styleLine(int index, bool printed)
{
    QTreeWidgetItem* item = m_console->topLevelItem(index);
    if (!item)
        return;
    const bool mine = !m_selectedTask.isEmpty() && item->text(TaskColumn) == m_selectedTask;
    // From the palette, so that both themes read well: printed lines in the text colour, lines
    // not printed yet faded towards the background.
    const QPalette& pal = m_console->palette();
    const QColor future = blend(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.35);
    const QColor text = printed ? pal.color(QPalette::Text) : future;
    for (int c = ThreadColumn; c <= LineColumn; ++c) {
        item->setForeground(c, text);
        QFont f = item->font(c);
        f.setBold(mine);
        item->setFont(c, f);
    }
    item->setForeground(TimeColumn, printed ? pal.color(QPalette::PlaceholderText) : future);
}

void RunPane::styleCurrent(int index, bool current)
{
    QTreeWidgetItem* item = m_console->topLevelItem(index);
    if (!item)
        return;
    for (int c = TimeColumn; c <= LineColumn; ++c)
        item->setBackground(c, current ? QBrush(blend(m_console->palette().color(QPalette::Highlight),
                                                      m_console->palette().color(QPalette::Base), 0.18))
                                       : QBrush());
}

void RunPane::showBanner(const RunView& run)
{
    // Errors have the problems list; a finished run needs no explanation.
    if (run.finished() || !run.problems.isEmpty() || run.message.isEmpty()) {
        m_banner->hide();
        return;
    }
    QString html = QStringLiteral("<b>%1.</b> %2")
                       .arg(run.status.left(1).toUpper() + run.status.mid(1), run.message.toHtmlEscaped());
    for (const QString& d : run.details)
        if (!run.message.contains(d.trimmed()))
            html += QStringLiteral("<br>• ") + d.toHtmlEscaped();
    m_banner->setText(html);
    m_banner->show();
}

void RunPane::showConsole(const RunView& run)
{
    const QFont mono = monospaceFont(10);
    m_console->clear();
    QList<QTreeWidgetItem*> items;
    for (const ConsoleLine& l : run.lines) {
        auto* item = new QTreeWidgetItem({l.time, l.thread, l.task, l.text});
        item->setTextAlignment(TimeColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setFont(TimeColumn, mono);
        item->setFont(LineColumn, mono);
        item->setForeground(TimeColumn, m_console->palette().color(QPalette::PlaceholderText));
        item->setToolTip(LineColumn, l.text);
        items << item;
    }
    m_console->addTopLevelItems(items);
    m_lineTimes.clear();
    for (const ConsoleLine& l : run.lines)
        m_lineTimes << l.ns;
    // Every line starts as printed; setCursorTime greys the ones after the cursor.
    m_shownLines = static_cast<int>(m_lineTimes.size());
    m_current = -1;
    setCursorTime(m_cursor);
}

void RunPane::setProblems(const QList<Problem>& problems)
{
    m_problems->clear();
    const QFont mono = monospaceFont(9);
    for (const Problem& p : problems) {
        const QString where = p.line > 0 ? QStringLiteral("%1:%2:%3").arg(p.file).arg(p.line).arg(p.col) : p.file;
        auto* item = new QTreeWidgetItem(m_problems, {where, p.message});
        item->setData(0, kLineRole, p.line);
        item->setData(0, kColRole, p.col);
        item->setForeground(WhereColumn, kError);
        item->setFont(WhereColumn, mono);
        const QString tip = QStringLiteral("<pre>%1</pre>").arg(p.formatted.toHtmlEscaped());
        item->setToolTip(WhereColumn, tip);
        item->setToolTip(MessageColumn, tip);
    }
    m_problemsTitle->setText(problems.size() == 1 ? tr("1 problem") : tr("%1 problems").arg(problems.size()));
    fitRows(m_problems, static_cast<int>(problems.size()));
    m_problemsBox->setVisible(!problems.isEmpty());
}

void RunPane::showWarnings(const RunView& run)
{
    m_warnings->clear();
    const QFont mono = monospaceFont(10);
    for (const WarningLine& w : run.warnings) {
        auto* item = new QTreeWidgetItem(m_warnings, {w.time, w.kind, w.task, w.message});
        item->setTextAlignment(WarningTimeColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setFont(WarningTimeColumn, mono);
        item->setForeground(WarningTimeColumn, m_warnings->palette().color(QPalette::PlaceholderText));
        item->setForeground(KindColumn, kWarning);
        item->setToolTip(WarningColumn, QStringLiteral("<p>%1</p>").arg(w.message.toHtmlEscaped()));
    }
    const qsizetype count = run.warnings.size() + static_cast<qsizetype>(run.suppressedWarnings);
    m_warningsTitle->setText(count == 1 ? tr("1 warning") : tr("%1 warnings").arg(count));
    fitRows(m_warnings, static_cast<int>(run.warnings.size()));
    m_warningsBox->setVisible(!run.warnings.isEmpty());
}

} // namespace pw::gui
