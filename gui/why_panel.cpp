#include "why_panel.h"

#include "paint_helpers.h"
#include "run_view.h"
#include "task_colors.h"

#include "sim/explain.h"

#include <QEvent>
#include <QLabel>
#include <QScrollBar>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace pw::gui {

namespace {

QString stateWord(Explanation::State s)
{
    switch (s) {
    case Explanation::State::NotSpawned:
        return QStringLiteral("not spawned");
    case Explanation::State::Running:
        return QStringLiteral("running");
    case Explanation::State::Blocked:
        return QStringLiteral("blocked");
    case Explanation::State::Queued:
        return QStringLiteral("ready");
    case Explanation::State::Pending:
        return QStringLiteral("pending");
    case Explanation::State::Stalled:
        return QStringLiteral("stalled");
    case Explanation::State::Done:
        return QStringLiteral("done");
    case Explanation::State::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

/// The colours of the rows, from the palette so that both themes read well.
struct RowColors {
    QString text;
    QString muted;
    QString selectedBackground;
};

RowColors rowColors(const QPalette& p)
{
    const QColor selected = blend(p.color(QPalette::Highlight), p.color(QPalette::Base), 0.15);
    return {p.color(QPalette::Text).name(), p.color(QPalette::PlaceholderText).name(), selected.name()};
}

QString row(quint32 task, const QString& name, const Explanation& e, bool selected, const RowColors& c)
{
    const bool over = e.state == Explanation::State::Done || e.state == Explanation::State::Cancelled;
    return QStringLiteral("<tr%1><td width=14 style='color:%2; font-size:13pt'>■</td>"
                          "<td><a href='task:%3' style='color:%4; text-decoration:none'><b>%5</b></a>"
                          " <span style='color:%6'>%7</span><br>%8</td></tr>")
        .arg(selected ? QStringLiteral(" style='background:%1'").arg(c.selectedBackground) : QString(),
             taskColor(task).name())
        .arg(task)
        .arg(over ? c.muted : c.text, name.toHtmlEscaped(), c.muted, stateWord(e.state),
             QString::fromStdString(e.text).toHtmlEscaped());
}

} // namespace

WhyPanel::WhyPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("whyPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_title = new QLabel;
    m_title->setProperty("role", QStringLiteral("paneTitle"));
    layout->addWidget(m_title);
    m_text = new QTextBrowser;
    m_text->setObjectName(QStringLiteral("why"));
    m_text->setOpenLinks(false);
    m_text->installEventFilter(this);
    m_text->document()->setDocumentMargin(6);
    layout->addWidget(m_text, 1);
    connect(m_text, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() == QLatin1String("task")) {
            bool ok = false;
            const quint32 task = url.path().toUInt(&ok);
            if (ok)
                emit taskActivated(task);
        }
    });
    refresh();
}

bool WhyPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_text && event->type() == QEvent::PaletteChange)
        refresh(); // the rows' colours come from the browser's palette
    return QWidget::eventFilter(watched, event);
}

void WhyPanel::setTrace(std::shared_ptr<const pw::Trace> trace, QStringList labels)
{
    m_trace = std::move(trace);
    m_labels = std::move(labels);
    if (m_trace && m_selected != kNoTaskId && m_selected >= m_trace->tasks.size())
        m_selected = kNoTaskId;
    refresh();
}

void WhyPanel::setCursorTime(qint64 ns)
{
    m_cursor = ns;
    refresh();
}

void WhyPanel::setSelectedTask(quint32 task)
{
    m_selected = task;
    refresh();
}

QString WhyPanel::plainText() const
{
    return m_title->text() + QLatin1Char('\n') + m_text->toPlainText();
}

void WhyPanel::refresh()
{
    m_title->setText(tr("Why — at %1").arg(formatSeconds(m_cursor)));
    m_selectedText.clear();
    const RowColors colors = rowColors(m_text->palette());
    if (!m_trace || m_trace->tasks.empty()) {
        m_text->setHtml(tr("<p style='color:%1'>Nothing ran.</p>").arg(colors.muted));
        return;
    }
    const Trace& trace = *m_trace;
    // The selected task first, then every spawned task up to kMaxListed, all explained by one
    // replay of the trace (the panel follows the cursor during playback).
    std::vector<TaskId> listedTasks;
    int more = 0;
    if (m_selected < trace.tasks.size())
        listedTasks.push_back(m_selected);
    for (quint32 task = 0; task < trace.tasks.size(); ++task) {
        if (task == m_selected || trace.tasks[task].spawnedNs > m_cursor)
            continue;
        if (static_cast<int>(listedTasks.size()) == kMaxListed)
            ++more;
        else
            listedTasks.push_back(task);
    }
    const std::vector<Explanation> explanations = explainTasks(trace, listedTasks, m_cursor);
    QString html = QStringLiteral("<table width='100%' cellspacing=0 cellpadding=3>");
    for (std::size_t i = 0; i < listedTasks.size(); ++i) {
        const TaskId task = listedTasks[i];
        const bool selected = task == m_selected;
        if (selected)
            m_selectedText = QString::fromStdString(explanations[i].text);
        const QString label = task < static_cast<quint32>(m_labels.size())
                                  ? m_labels[static_cast<qsizetype>(task)]
                                  : QString::fromStdString(trace.taskName(task));
        html += row(task, label, explanations[i], selected, colors);
    }
    html += QStringLiteral("</table>");
    if (more > 0)
        html +=
            tr("<p style='color:%1'>and %2 more tasks: select one in the timeline.</p>").arg(colors.muted).arg(more);
    if (m_selected >= trace.tasks.size())
        html += tr("<p style='color:%1'>Click a task in the timeline or here to put it first.</p>").arg(colors.muted);
    const int scroll = m_text->verticalScrollBar() ? m_text->verticalScrollBar()->value() : 0;
    m_text->setHtml(html);
    m_text->verticalScrollBar()->setValue(scroll);
}

} // namespace pw::gui
