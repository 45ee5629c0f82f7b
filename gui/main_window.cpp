#include "main_window.h"

#include "analysis_tabs.h"
#include "app_actions.h"
#include "compare_view.h"
#include "future_view.h"
#include "library_panel.h"
#include "memory_diagram_view.h"
#include "playback.h"
#include "run_controls.h"
#include "run_pane.h"
#include "scenario_pane.h"
#include "source_view.h"
#include "task_colors.h"
#include "timeline_view.h"
#include "transport_bar.h"
#include "why_panel.h"

#include "sim/explain.h"
#include "sim/memory/memory_state.h"
#include "sim/source_marks.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace pw::gui {

namespace {

/// A pinning program plays step by step: the playback's "time" is the step, one a second at 1x.
constexpr qint64 kStepNs = 1'000'000'000;

/// The console of a pinning program: each line at the step that printed it.
void timeLinesBySteps(RunView& run, const memory::MemoryTrace& trace)
{
    qsizetype line = 0;
    for (std::size_t step = 0; step < trace.steps.size(); ++step)
        for (std::size_t i = 0; i < trace.steps[step].printed.size() && line < run.lines.size(); ++i, ++line) {
            run.lines[line].ns = static_cast<qint64>(step) * kStepNs;
            run.lines[line].time = QStringLiteral("step %1").arg(step + 1);
        }
}

constexpr int kMaxRecentFiles = 8;

/// A status line that elides instead of widening the window; text() stays the whole text.
class ElidedLabel : public QLabel {
public:
    using QLabel::QLabel;
    QSize minimumSizeHint() const override { return {40, QLabel::minimumSizeHint().height()}; }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter p(this);
        const QRect r = contentsRect().adjusted(margin(), 0, -margin(), 0);
        p.setPen(palette().color(foregroundRole()));
        p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, fontMetrics().elidedText(text(), Qt::ElideRight, r.width()));
    }
};

QString statusColor(const RunView& run)
{
    if (run.finished())
        return run.warnings.isEmpty() ? QStringLiteral("#1a7f37") : QStringLiteral("#bf8700");
    return QStringLiteral("#cf222e");
}

/// Every menu action with a shortcut, and the timeline's own keys, as an HTML table.
QString shortcutsHtml(QMenuBar* bar)
{
    QString rows;
    auto row = [&](const QString& keys, const QString& what) {
        rows += QStringLiteral("<tr><td style='padding-right:18px'><code>%1</code></td><td>%2</td></tr>")
                    .arg(keys.toHtmlEscaped(), what.toHtmlEscaped());
    };
    std::function<void(QMenu*)> visit = [&](QMenu* menu) {
        for (QAction* a : menu->actions()) {
            if (a->menu())
                visit(a->menu());
            else if (!a->shortcut().isEmpty())
                row(a->shortcut().toString(QKeySequence::NativeText), a->text().remove(QLatin1Char('&')));
        }
    };
    for (QAction* a : bar->actions())
        if (a->menu())
            visit(a->menu());
    row(QStringLiteral("Wheel / + / -"), QStringLiteral("Zoom the timeline around the pointer"));
    row(QStringLiteral("Drag / Shift+Wheel"), QStringLiteral("Pan the timeline; drag the ruler to move the cursor"));
    row(QStringLiteral("Click / Double-click"), QStringLiteral("Select a task / zoom to a span"));
    return QStringLiteral("<table>%1</table>").arg(rows);
}

QString plural(qsizetype n, const QString& one, const QString& many)
{
    return n == 1 ? one : many.arg(n);
}

} // namespace

MainWindow::MainWindow(const StartOptions& start, QWidget* parent)
    : QMainWindow(parent), m_useSettings(start.useSettings)
{
    setObjectName(QStringLiteral("mainWindow"));
    setStyleSheet(themeStyleSheet(Theme::Light)); // gui/theme.cpp; applyStartTheme below
    buildToolBar();

    m_library = new LibraryPanel;
    const QList<ScenarioInfo> builtIns = builtInScenarios();
    for (const ScenarioInfo& s : builtIns)
        m_builtInIds << s.id;
    m_library->setScenarios(builtIns);
    m_scenarioPane = new ScenarioPane;
    m_runPane = new RunPane;

    m_why = new WhyPanel;
    m_rightColumn = new QSplitter(Qt::Vertical);
    m_rightColumn->setObjectName(QStringLiteral("rightColumn"));
    m_rightColumn->setChildrenCollapsible(false);
    m_rightColumn->setHandleWidth(10);
    m_rightColumn->addWidget(m_runPane);
    m_rightColumn->addWidget(m_why);
    m_rightColumn->setStretchFactor(0, 3);
    m_rightColumn->setStretchFactor(1, 2);
    m_rightColumn->setSizes({330, 220});

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(QStringLiteral("panes"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setHandleWidth(12);
    m_splitter->addWidget(m_library);
    m_splitter->addWidget(m_scenarioPane);
    m_splitter->addWidget(m_rightColumn);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setStretchFactor(2, 3);
    m_splitter->setSizes({260, 600, 500});

    m_playback = new Playback(this);
    m_transport = new TransportBar(m_playback);
    m_analysis = new AnalysisTabs;
    auto* lower = new QWidget;
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->setSpacing(4);
    lowerLayout->addWidget(m_transport);
    lowerLayout->addWidget(m_analysis, 1);

    m_vertical = new QSplitter(Qt::Vertical);
    m_vertical->setObjectName(QStringLiteral("analysisSplitter"));
    m_vertical->setChildrenCollapsible(false);
    m_vertical->setHandleWidth(10);
    m_vertical->addWidget(m_splitter);
    m_vertical->addWidget(lower);
    m_vertical->setStretchFactor(0, 1);
    m_vertical->setStretchFactor(1, 1);
    m_vertical->setSizes({560, 360});

    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->addWidget(m_vertical);
    setCentralWidget(central);
    buildStatusBar();
    resize(1400, 1000);

    connect(m_library, &LibraryPanel::scenarioSelected, this, [this](const QString& id) {
        if (id == m_scenario.name && m_scenario.builtIn)
            return;
        if (okToLeaveEdits())
            openScenario(id);
        else if (m_scenario.builtIn)
            m_library->setCurrentScenario(m_scenario.info.id);
        else
            m_library->clearSelection();
    });
    connect(m_controls, &RunControls::settingsChanged, this, &MainWindow::rerun);
    connect(m_controls, &RunControls::resetRequested, this,
            [this] { setRunSettings(defaultSettings(m_scenario.info)); });
    connect(m_runPane, &RunPane::problemActivated, m_scenarioPane->sourceView(), &SourceView::goTo);
    connect(m_runPane, &RunPane::lineActivated, m_playback, &Playback::setCursor);
    connect(m_scenarioPane->sourceView(), &SourceView::changed, this,
            [this] { setWindowModified(m_scenarioPane->sourceView()->toPlainText() != m_savedText); });
    connect(m_scenarioPane->sourceView(), &SourceView::edited, this, &MainWindow::sourceEdited);
    connect(m_playback, &Playback::cursorChanged, this, &MainWindow::showCursor);
    connect(m_analysis, &AnalysisTabs::cursorMoved, m_playback, &Playback::setCursor);
    connect(m_analysis, &AnalysisTabs::taskSelected, this, &MainWindow::selectTask);
    connect(m_analysis, &QTabWidget::currentChanged, this, [this] {
        // Two stacked timelines with their captions need more height than one: give the
        // Compare tab room, taken from the panes above, and give it back when another tab is
        // chosen, unless the learner has moved the splitter since.
        constexpr int kCompareHeight = 560;
        const QList<int> sizes = m_vertical->sizes();
        if (sizes.size() != 2)
            return;
        if (m_analysis->currentWidget() != m_analysis->compare()) {
            if (!m_sizesBeforeCompare.isEmpty() && sizes == m_sizesForCompare)
                m_vertical->setSizes(m_sizesBeforeCompare);
            m_sizesBeforeCompare.clear();
            return;
        }
        if (sizes[1] >= kCompareHeight)
            return;
        const int total = sizes[0] + sizes[1];
        m_sizesBeforeCompare = sizes;
        m_vertical->setSizes({std::max(total - kCompareHeight, total / 3), std::min(kCompareHeight, total * 2 / 3)});
        m_sizesForCompare = m_vertical->sizes();
    });
    connect(m_why, &WhyPanel::taskActivated, this, &MainWindow::selectTask);
    m_analysis->timeline()->setExplainer([this](quint32 task, qint64 ns) {
        if (!m_run.trace || task >= m_run.trace->tasks.size())
            return QString();
        return QString::fromStdString(explainTask(*m_run.trace, task, ns).text);
    });
    buildMenus();
    connect(m_analysis->memory(), &MemoryDiagramView::currentLineChanged, m_scenarioPane->sourceView(),
            &SourceView::setExecutingLine);
    connect(m_analysis->memory(), &MemoryDiagramView::stepChanged, this, [this](int step) {
        if (m_analysis->hasMemoryDiagram()) // its own buttons and keys move the shared transport
            m_playback->setCursor(step * kStepNs);
    });

    QString name = start.scenario;
    if (m_useSettings) {
        restoreSettings();
        if (name.isEmpty()) {
            const QString last = QSettings().value(QStringLiteral("scenario/last")).toString();
            if (m_builtInIds.contains(last) || QFileInfo(last).isFile())
                name = last;
        }
    }
    openScenario(name.isEmpty() ? defaultScenario() : name);

    if (start.workers || start.flavor || start.seed || !start.params.isEmpty()) {
        RunSettings s = runSettings();
        s.workers = start.workers.value_or(s.workers);
        s.flavor = start.flavor.value_or(s.flavor);
        s.seed = start.seed.value_or(s.seed);
        for (auto it = start.params.begin(); it != start.params.end(); ++it)
            s.params.insert(it.key(), it.value());
        setRunSettings(s);
    }
    m_appActions->applyStartTheme(start.theme);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open…"), this, &MainWindow::chooseFile);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    QAction* saveAction = file->addAction(tr("&Save"), this, &MainWindow::save);
    saveAction->setShortcut(QKeySequence::Save);
    QAction* saveAsAction = file->addAction(tr("Save &As…"), this, &MainWindow::saveAs);
    saveAsAction->setShortcut(QKeySequence::SaveAs);
    QAction* reload = file->addAction(tr("&Reload"), this, [this] {
        if (okToLeaveEdits())
            openScenario(m_scenario.name);
    });
    reload->setShortcut(QKeySequence::Refresh);
    m_appActions = new AppActions(this); // File > Export, View > Theme, Compare
    file->addMenu(m_appActions->exportMenu());
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* runNow = edit->addAction(tr("&Run the edited source now"), this, &MainWindow::runEditedSource);
    runNow->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    QAction* find = edit->addAction(tr("&Find a scenario"), this, [this] { m_library->focusSearch(); });
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));

    buildViewMenu(m_appActions->viewMenu());
    menuBar()->addMenu(m_appActions->viewMenu());
    buildPlaybackMenu(menuBar()->addMenu(tr("&Playback")));
    menuBar()->addMenu(m_appActions->compareMenu());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* keys = help->addAction(tr("&Keyboard shortcuts"), this, [this] {
        QMessageBox box(this);
        box.setWindowTitle(tr("Keyboard shortcuts"));
        box.setTextFormat(Qt::RichText);
        box.setText(shortcutsHtml(menuBar()));
        box.exec();
    });
    keys->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About Pinwheel"), this, [this] {
        QMessageBox::about(this, tr("About Pinwheel"),
                           tr("<b>Pinwheel</b> %1<p>Runs the async Rust books' programs on a simulated Tokio "
                              "runtime, so you can see when each line prints, on which thread, and why.</p>")
                               .arg(QApplication::applicationVersion()));
    });
    updateRecentMenu();
}

void MainWindow::buildToolBar()
{
    auto* bar = addToolBar(tr("Run"));
    bar->setObjectName(QStringLiteral("controls"));
    bar->setMovable(false);
    bar->setFloatable(false);
    bar->toggleViewAction()->setEnabled(false);
    m_controls = new RunControls;
    m_controls->setObjectName(QStringLiteral("runControls"));
    bar->addWidget(m_controls);
}

void MainWindow::buildStatusBar()
{
    m_statusDot = new QLabel(QStringLiteral("●"));
    m_statusDot->setObjectName(QStringLiteral("statusDot"));
    m_status = new ElidedLabel;
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    statusBar()->setSizeGripEnabled(false);
    statusBar()->addWidget(m_statusDot);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_summary);
}

void MainWindow::openScenario(const QString& idOrPath)
{
    m_scenario = loadScenario(idOrPath);
    if (m_scenario.builtIn)
        m_library->setCurrentScenario(m_scenario.info.id);
    else
        m_library->clearSelection();
    // The text as the editor will hold it (QPlainTextEdit turns \r\n into \n).
    m_savedText = QString(m_scenario.info.source).replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    setWindowModified(false);
    m_textEdited = false;
    m_editFailed = false;
    m_cursorToEnd = true;
    m_selectedTask = kNoTaskId;
    m_scrolledToLine = 0;
    m_scenarioPane->setScenario(m_scenario);
    updateTitle();
    m_analysis->setProgram(m_scenario);
    m_controls->setScenario(m_scenario.info, defaultSettings(m_scenario.info));
    m_controls->setEnabled(m_scenario.ok());
    if (m_useSettings)
        QSettings().setValue(QStringLiteral("scenario/last"),
                             m_scenario.builtIn ? m_scenario.info.id : QFileInfo(idOrPath).absoluteFilePath());
    rerun();
}

bool MainWindow::selectScenario(const QString& id)
{
    if (!m_builtInIds.contains(id))
        return false;
    openScenario(id);
    return true;
}

void MainWindow::openFile(const QString& path)
{
    openScenario(path);
    if (QFileInfo(path).isFile())
        addRecentFile(QFileInfo(path).absoluteFilePath());
}

void MainWindow::chooseFile()
{
    const QString dir = m_scenario.builtIn ? QString() : QFileInfo(m_scenario.name).absolutePath();
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open scenario"), dir, tr("Rust scenarios (*.rs);;All files (*)"));
    if (!path.isEmpty() && okToLeaveEdits())
        openFile(path);
}

void MainWindow::addRecentFile(const QString& path)
{
    m_recentFiles.removeAll(path);
    m_recentFiles.prepend(path);
    while (m_recentFiles.size() > kMaxRecentFiles)
        m_recentFiles.removeLast();
    if (m_useSettings)
        QSettings().setValue(QStringLiteral("recentFiles"), m_recentFiles);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    for (const QString& path : std::as_const(m_recentFiles)) {
        QAction* a = m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] {
            if (okToLeaveEdits())
                openFile(path);
        });
        a->setToolTip(path);
    }
    m_recentMenu->setEnabled(!m_recentFiles.isEmpty());
}

RunSettings MainWindow::runSettings() const
{
    return m_controls->settings();
}

void MainWindow::setRunSettings(const RunSettings& settings)
{
    m_controls->setScenario(m_scenario.info, settings);
    rerun();
}

void MainWindow::rerun()
{
    const RunSettings settings = m_controls->settings();
    RunView run = runScenario(m_scenario, settings);
    m_scenarioPane->setProblems(run.problems);
    m_scenarioPane->setSettings(settings);
    // An edit that does not run (it does not load, or it stops on an error where the last run
    // did not) leaves the views on the last run that did, with the problems listed and marked
    // in the source: the learner keeps their text and their timeline.
    const bool lastRunWorked = m_run.trace && m_run.problems.isEmpty();
    m_editFailed = m_textEdited && !run.problems.isEmpty() && (!run.trace || lastRunWorked) && m_run.trace;
    if (m_editFailed) {
        m_runPane->setProblems(run.problems);
        m_pendingProblems = run.problems;
        updateTaskMarkers();
        showStatus();
        return;
    }
    m_pendingProblems.clear();
    const bool cursorAtEnd = m_cursorToEnd || m_playback->cursor() >= m_playback->endNs();
    m_cursorToEnd = false;
    m_run = std::move(run);
    if (const memory::MemoryTrace* memory = m_analysis->memory()->trace()) {
        timeLinesBySteps(m_run, *memory);
        showMemoryRun();
    } else {
        showRun(cursorAtEnd ? m_run.endNs : std::min(m_playback->cursor(), m_run.endNs));
    }
    showStatus();
}

void MainWindow::showMemoryRun()
{
    m_selectedTask = kNoTaskId;
    m_runPane->setRun(m_run);
    m_why->hide(); // no tasks to explain: the diagram says what each step does
    m_transport->setTimeFormatter(
        [](qint64 ns, qint64 endNs) { return tr("step %1 of %2").arg(ns / kStepNs + 1).arg(endNs / kStepNs + 1); });
    const int steps = std::max(1, m_analysis->memory()->stepCount());
    QList<qint64> times;
    for (int i = 0; i < steps; ++i)
        times << i * kStepNs;
    m_playback->setRun(times, times.last(), 0);
    m_scenarioPane->sourceView()->setTaskMarkers({});
}

void MainWindow::showRun(qint64 cursor)
{
    m_why->show();
    m_transport->setTimeFormatter({});
    if (!m_run.trace || m_selectedTask >= m_run.trace->tasks.size())
        m_selectedTask = kNoTaskId;
    m_runPane->setRun(m_run);
    {
        // The analysis keeps its old cursor for a moment: the playback below sets the new one.
        const QSignalBlocker quiet(m_analysis);
        m_analysis->setRun(m_run);
    }
    m_why->setTrace(m_run.trace, m_run.taskLabels);
    selectTask(m_selectedTask);
    m_playback->setRun(m_run.eventTimes, m_run.endNs, cursor); // every view follows the cursor
}

void MainWindow::showCursor(qint64 ns)
{
    if (m_analysis->hasMemoryDiagram()) {
        // The transport steps through the listing; the diagram, code line and console follow.
        MemoryDiagramView* memory = m_analysis->memory();
        const int step = static_cast<int>(ns / kStepNs);
        if (step == memory->currentStep() + 1)
            memory->stepForward(); // one step on: the move slides, as with the diagram's own button
        else
            memory->setStep(step);
        m_runPane->setCursorTime(ns);
        return;
    }
    m_analysis->setCursorTime(ns);
    m_runPane->setCursorTime(ns);
    m_why->setCursorTime(ns);
    updateTaskMarkers();
}

void MainWindow::selectTask(quint32 task)
{
    if (!m_run.trace || task >= m_run.trace->tasks.size())
        task = kNoTaskId;
    if (task != m_selectedTask)
        m_scrolledToLine = 0; // show the newly selected task's line
    m_selectedTask = task;
    m_analysis->timeline()->setSelectedTask(task);
    m_why->setSelectedTask(task);
    m_analysis->future()->setSelectedTask(task);
    m_runPane->setSelectedTask(task == kNoTaskId ? QString() : m_run.taskLabels.value(task));
    updateTaskMarkers();
}

bool MainWindow::selectTaskByName(const QString& nameOrId)
{
    if (!m_run.trace)
        return false;
    // The label shown on screen ("person #2") or what findTask takes (a name or an id).
    auto task = static_cast<quint32>(m_run.taskLabels.indexOf(nameOrId));
    if (!m_run.taskLabels.contains(nameOrId))
        task = findTask(*m_run.trace, nameOrId.toStdString());
    if (task == kNoTaskId)
        return false;
    selectTask(task);
    return true;
}

void MainWindow::updateTaskMarkers()
{
    SourceView* source = m_scenarioPane->sourceView();
    if (!m_run.codeLines || m_editFailed) {
        source->setTaskMarkers({});
        return;
    }
    QList<TaskMarker> markers;
    int selectedLine = 0;
    std::pair<qint64, quint32> selectedLatest{-1, 0};
    for (const TaskLine& l : m_run.codeLines->at(m_playback->cursor())) {
        const bool selected = l.task == m_selectedTask;
        markers << TaskMarker{l.line, taskColor(l.task), m_run.taskLabels.value(l.task), selected};
        // Follow the line it arrived at last, the deepest call on a tie: where it is working.
        if (selected && std::pair<qint64, quint32>{l.since, l.activation} > selectedLatest) {
            selectedLine = l.line;
            selectedLatest = {l.since, l.activation};
        }
    }
    source->setTaskMarkers(markers);
    // Follow the selected task to a new line, but never pull the text away from someone typing.
    if (selectedLine > 0 && selectedLine != m_scrolledToLine && !source->hasFocus()) {
        source->ensureLineVisible(selectedLine);
        m_scrolledToLine = selectedLine;
    }
}

void MainWindow::sourceEdited()
{
    const QString text = m_scenarioPane->sourceView()->toPlainText();
    setWindowModified(text != m_savedText);
    m_textEdited = true;
    updateTitle();
    const ScenarioInfo before = m_scenario.info;
    const RunSettings previous = m_controls->settings();
    m_scenario = loadScenarioText(m_scenario, text);
    m_scenarioPane->setScenario(m_scenario, ScenarioPane::TextPolicy::Keep);
    if (m_scenario.ok())
        m_analysis->setProgram(m_scenario); // a pinning program's diagram follows the text
    if (m_scenario.ok()) {
        // The toolbar keeps what the learner chose, unless the edit changed that very setting
        // in the source (a new flavor in #[tokio::main], a parameter's default).
        const ScenarioInfo& after = m_scenario.info;
        RunSettings s = defaultSettings(after);
        if (after.executor == before.executor)
            s.flavor = previous.flavor;
        if (after.workers == before.workers)
            s.workers = previous.workers;
        if (after.seed == before.seed)
            s.seed = previous.seed;
        if (after.jitterPercent == before.jitterPercent)
            s.jitterPercent = previous.jitterPercent;
        for (const ParamInfo& p : after.params)
            for (const ParamInfo& old : before.params)
                if (old.name == p.name && old.defaultValue == p.defaultValue && previous.params.contains(p.name))
                    s.params[p.name] = std::clamp(previous.params.value(p.name), p.min, p.max);
        m_controls->setScenario(after, s);
        m_controls->setEnabled(true);
    }
    rerun();
}

void MainWindow::runEditedSource()
{
    m_scenarioPane->sourceView()->cancelPendingEdit(); // it runs now, not once more after the pause
    sourceEdited();
}

bool MainWindow::saveTo(const QString& path)
{
    const QString text = m_scenarioPane->sourceView()->toPlainText();
    QSaveFile file(path);
    const QByteArray bytes = text.toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        QMessageBox::warning(this, tr("Save failed"),
                             tr("Could not save %1: %2. The text is still here; try another place.")
                                 .arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_savedText = text;
    setWindowModified(false);
    m_scenario.name = absolute;
    m_scenario.builtIn = false;
    m_scenario.info.fileName = absolute;
    // Loaded again under its new name, so that problems and exports say where it is now.
    m_scenario = loadScenarioText(m_scenario, text);
    m_scenarioPane->setScenario(m_scenario, ScenarioPane::TextPolicy::Keep);
    m_scenarioPane->setProblems(m_editFailed ? m_pendingProblems : m_run.problems);
    m_scenarioPane->setSettings(m_controls->settings());
    m_library->clearSelection();
    addRecentFile(absolute);
    if (m_useSettings)
        QSettings().setValue(QStringLiteral("scenario/last"), absolute);
    updateTitle();
    return true;
}

bool MainWindow::save()
{
    if (m_scenario.builtIn || !QFileInfo(m_scenario.name).isFile())
        return saveAs();
    return saveTo(m_scenario.name);
}

bool MainWindow::saveAs()
{
    const QString suggested = m_scenario.builtIn ? m_scenario.info.id + QStringLiteral(".rs") : m_scenario.name;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save scenario"), suggested, tr("Rust scenarios (*.rs);;All files (*)"));
    return !path.isEmpty() && saveTo(path);
}

bool MainWindow::okToLeaveEdits()
{
    if (!isWindowModified())
        return true;
    const QMessageBox::StandardButton answer =
        m_unsavedPrompt
            ? m_unsavedPrompt()
            : QMessageBox::warning(this, tr("Unsaved changes"),
                                   tr("%1 has changes that are not saved. Save them?").arg(m_scenario.info.title),
                                   QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    switch (answer) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        return true; // what opens next resets the editor (and closing ends it)
    default:
        return false;
    }
}

void MainWindow::updateTitle()
{
    setWindowTitle(tr("Pinwheel — %1[*]").arg(m_scenario.info.title));
}

void MainWindow::buildViewMenu(QMenu* menu)
{
    TimelineView* timeline = m_analysis->timeline();
    menu->addAction(tr("Zoom &in"), QKeySequence(Qt::CTRL | Qt::Key_Equal), timeline, &TimelineView::zoomIn);
    menu->addAction(tr("Zoom &out"), QKeySequence(Qt::CTRL | Qt::Key_Minus), timeline, &TimelineView::zoomOut);
    menu->addAction(tr("&Fit the whole run"), QKeySequence(Qt::CTRL | Qt::Key_0), timeline, &TimelineView::zoomToFit);
    menu->addSeparator();
    for (int i = 0; i < m_analysis->count() && i < 9; ++i) {
        menu->addAction(tr("Show %1").arg(m_analysis->tabText(i).remove(QLatin1Char('&'))),
                        QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)), this, [this, i] {
                            m_analysis->setCurrentIndex(i);
                            m_analysis->currentWidget()->setFocus(Qt::ShortcutFocusReason);
                        });
    }
}

void MainWindow::buildPlaybackMenu(QMenu* menu)
{
    menu->addAction(tr("&Play / pause"), QKeySequence(Qt::CTRL | Qt::Key_Space), m_playback, &Playback::togglePlay);
    menu->addAction(tr("Step &forward to the next event"), QKeySequence(Qt::ALT | Qt::Key_Right), m_playback,
                    &Playback::stepForward);
    menu->addAction(tr("Step &back to the previous event"), QKeySequence(Qt::ALT | Qt::Key_Left), m_playback,
                    &Playback::stepBack);
    menu->addAction(tr("To the &start"), QKeySequence(Qt::ALT | Qt::Key_Home), m_playback, &Playback::toStart);
    menu->addAction(tr("To the &end"), QKeySequence(Qt::ALT | Qt::Key_End), m_playback, &Playback::toEnd);
    menu->addSeparator();
    menu->addAction(tr("F&aster"), QKeySequence(Qt::ALT | Qt::Key_Up), m_playback, &Playback::faster);
    menu->addAction(tr("S&lower"), QKeySequence(Qt::ALT | Qt::Key_Down), m_playback, &Playback::slower);
}

void MainWindow::showStatus()
{
    m_statusDot->setStyleSheet(
        QStringLiteral("color: %1;").arg(m_editFailed ? QStringLiteral("#cf222e") : statusColor(m_run)));
    QString status = QStringLiteral("%1 — total %2").arg(m_run.status, m_run.endTime);
    if (m_analysis->hasMemoryDiagram()) // a pinning program has steps, not simulated time
        status = tr("%1 — %2 steps").arg(m_run.status).arg(m_analysis->memory()->stepCount());
    if (!m_run.finished() && !m_run.message.isEmpty())
        status += QStringLiteral(" — ") + m_run.message;
    if (m_editFailed)
        status = tr("The edited source does not run (%1); the views show the last run that did: %2")
                     .arg(m_pendingProblems.isEmpty() ? QString() : m_pendingProblems.first().location(), status);
    m_status->setText(status);
    QStringList tip{m_run.message};
    tip << m_run.details;
    m_status->setToolTip(tip.join(QLatin1Char('\n')).trimmed());

    QStringList summary;
    const qsizetype printed = m_run.lines.size() + m_run.omittedLines;
    summary << plural(printed, tr("1 line printed"), tr("%1 lines printed"));
    if (m_run.omittedLines > 0)
        summary.last() += tr(" (the first %1 shown)").arg(m_run.lines.size());
    if (!m_run.warnings.isEmpty())
        summary << plural(m_run.warnings.size(), tr("1 warning"), tr("%1 warnings"));
    if (!m_run.runtime.isEmpty())
        summary << m_run.runtime;
    m_summary->setText(summary.join(QStringLiteral("  ·  ")));
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    m_recentFiles = settings.value(QStringLiteral("recentFiles")).toStringList();
    updateRecentMenu();
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!okToLeaveEdits()) {
        event->ignore();
        return;
    }
    if (m_useSettings)
        saveSettings();
    QMainWindow::closeEvent(event);
}

} // namespace pw::gui
