#include "future_view.h"

#include "task_colors.h"

#include "sim/future_state.h"
#include "sim/scenario.h"

#include <QEvent>
#include <QScrollBar>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace pw::gui {

namespace {

QString html(const std::string& s)
{
    return QString::fromStdString(s).toHtmlEscaped();
}

} // namespace

FutureView::FutureView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("futureView"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_text = new QTextBrowser;
    m_text->setObjectName(QStringLiteral("future"));
    m_text->setOpenLinks(false);
    m_text->installEventFilter(this);
    layout->addWidget(m_text);
    refresh();
}

void FutureView::setProgram(std::shared_ptr<const pw::Scenario> scenario)
{
    m_scenario = std::move(scenario);
    refresh();
}

void FutureView::setRun(const RunView& run)
{
    m_run = run;
    if (!m_run.trace || m_task >= m_run.trace->tasks.size())
        m_task = kNoTaskId;
    refresh();
}

void FutureView::setCursorTime(qint64 ns)
{
    m_cursor = ns;
    refresh();
}

void FutureView::setSelectedTask(quint32 task)
{
    m_task = task;
    refresh();
}

QString FutureView::plainText() const
{
    return m_text->toPlainText();
}

bool FutureView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_text && event->type() == QEvent::PaletteChange)
        refresh();
    return QWidget::eventFilter(watched, event);
}

void FutureView::refresh()
{
    const QPalette& pal = m_text->palette();
    const QString muted = pal.color(QPalette::PlaceholderText).name();
    const QString border = pal.color(QPalette::Mid).name();
    if (!m_scenario || !m_scenario->program || !m_run.trace || !m_run.codeLines) {
        m_text->setHtml(tr("<p style='color:%1'>No run.</p>").arg(muted));
        return;
    }
    if (m_task >= m_run.trace->tasks.size()) {
        m_text->setHtml(tr("<p style='color:%1'>Select a task (click its lane in the timeline, or its name in the "
                           "Why panel) to see its future at the cursor: the state machine rustc generates for it, "
                           "which <code>.await</code> it is suspended at, what it holds across it, and where it is "
                           "pinned.</p>")
                            .arg(muted));
        return;
    }
    const FutureState state =
        futureStateAt(*m_scenario->program, *m_run.trace, m_run.codeLines->at(m_cursor), m_task, m_cursor);
    QString out =
        tr("<h3><span style='color:%1'>■</span> The future of %2 at %3</h3>")
            .arg(taskColor(m_task).name(), m_run.taskLabels.value(m_task).toHtmlEscaped(), formatSeconds(m_cursor));
    if (!state.home.empty())
        out += QStringLiteral("<p><b>Pinned:</b> %1.</p>").arg(html(state.home));
    if (!state.note.empty())
        out += QStringLiteral("<p style='color:%1'>%2.</p>").arg(muted, html(state.note));
    for (const FutureFrame& f : state.frames) {
        out += QStringLiteral("<table width='100%' cellspacing=0 cellpadding=5 style='border: 1px solid %1; "
                              "margin-bottom: 8px'><tr><td><b><code>%2</code></b> &nbsp; %3</td></tr>")
                   .arg(border, html(f.name), html(f.state));
        if (f.suspend >= 0) {
            if (f.held.empty())
                out += tr("<tr><td style='color:%1'>holds nothing across this .await</td></tr>").arg(muted);
            for (const HeldValue& h : f.held) {
                out += QStringLiteral("<tr><td><code>&nbsp;&nbsp;%1: %2</code>%3</td></tr>")
                           .arg(html(h.name), html(h.type),
                                h.guard ? tr(" &nbsp; <b style='color:#cf222e'>⚠ a MutexGuard held across "
                                             ".await: the lock stays taken while this task is pending</b>")
                                        : QString());
            }
        }
        out += QStringLiteral("</table>");
    }
    if (!state.frames.empty())
        out += tr("<p><b>The generated state machine</b> of %1:</p><pre>%2</pre>")
                   .arg(html(state.frames.front().name), html(state.frames.front().desugar));
    const int scroll = m_text->verticalScrollBar()->value();
    m_text->setHtml(out);
    m_text->verticalScrollBar()->setValue(scroll);
}

} // namespace pw::gui
