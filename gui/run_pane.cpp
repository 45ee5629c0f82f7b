#include "run_pane.h"

#include "app_style.h"
#include "run_strip.h"

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

const QColor kMuted(0x57, 0x60, 0x6a);
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

    layout->addSpacing(6);
    m_timelineNote = paneLabel(QString(), "paneSubtitle");
    m_timelineNote->setObjectName(QStringLiteral("timelineNote"));
    layout->addWidget(paneHeader(paneLabel(tr("Timeline"), "paneTitle"),
                                 paneLabel(tr("<span style='color:#2f6fdf'>●</span> a printed line &nbsp; "
                                              "<span style='color:#e0a93c'>▬</span> blocked &nbsp; "
                                              "<span style='color:#b6c0cb'>▬</span> parked"),
                                           "paneSubtitle"),
                                 m_timelineNote));
    m_strip = new RunStrip;
    layout->addWidget(m_strip);

    connect(m_console, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        m_strip->setHighlightedLine(item ? m_console->indexOfTopLevelItem(item) : -1);
    });
    connect(m_strip, &RunStrip::lineClicked, this, [this](int index) {
        if (QTreeWidgetItem* item = m_console->topLevelItem(index)) {
            m_console->setCurrentItem(item);
            m_console->scrollToItem(item);
        }
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
    showProblems(run);
    showWarnings(run);
    m_strip->setRun(run);
    m_timelineNote->setText(run.idleThreads == 0   ? QString()
                            : run.idleThreads == 1 ? tr("1 idle thread not shown")
                                                   : tr("%1 idle threads not shown").arg(run.idleThreads));
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
        item->setForeground(TimeColumn, kMuted);
        item->setToolTip(LineColumn, l.text);
        items << item;
    }
    m_console->addTopLevelItems(items);
}

void RunPane::showProblems(const RunView& run)
{
    m_problems->clear();
    const QFont mono = monospaceFont(9);
    for (const Problem& p : run.problems) {
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
    m_problemsTitle->setText(run.problems.size() == 1 ? tr("1 problem") : tr("%1 problems").arg(run.problems.size()));
    fitRows(m_problems, static_cast<int>(run.problems.size()));
    m_problemsBox->setVisible(!run.problems.isEmpty());
}

void RunPane::showWarnings(const RunView& run)
{
    m_warnings->clear();
    const QFont mono = monospaceFont(10);
    for (const WarningLine& w : run.warnings) {
        auto* item = new QTreeWidgetItem(m_warnings, {w.time, w.kind, w.task, w.message});
        item->setTextAlignment(WarningTimeColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setFont(WarningTimeColumn, mono);
        item->setForeground(WarningTimeColumn, kMuted);
        item->setForeground(KindColumn, kWarning);
        item->setToolTip(WarningColumn, QStringLiteral("<p>%1</p>").arg(w.message.toHtmlEscaped()));
    }
    const qsizetype count = run.warnings.size() + static_cast<qsizetype>(run.suppressedWarnings);
    m_warningsTitle->setText(count == 1 ? tr("1 warning") : tr("%1 warnings").arg(count));
    fitRows(m_warnings, static_cast<int>(run.warnings.size()));
    m_warningsBox->setVisible(!run.warnings.isEmpty());
}

} // namespace pw::gui
