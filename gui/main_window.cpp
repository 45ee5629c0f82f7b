#include "main_window.h"

#include "analysis_tabs.h"
#include "library_panel.h"
#include "memory_diagram_view.h"
#include "run_controls.h"
#include "run_pane.h"
#include "scenario_pane.h"
#include "source_view.h"

#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace pw::gui {

namespace {

constexpr int kMaxRecentFiles = 8;

constexpr const char* kStyleSheet = R"(
QMenuBar { background: #ffffff; }
QToolBar#controls { border: none; border-bottom: 1px solid #d0d7de; background: #ffffff; padding: 0px; }
QToolBar#controls QLabel { color: #57606a; }
QToolBar#controls QLabel[role="paramName"] { color: #1f2328; font-family: "DejaVu Sans Mono"; font-size: 9pt; }
QFrame#toolSeparator { color: #d0d7de; margin: 2px 6px; }
QLabel[role="paneTitle"] { color: #1f2328; font-weight: 600; font-size: 11pt; }
QLabel[role="paneSubtitle"] { color: #6e7781; }
QLabel#scenarioTitle { color: #1f2328; font-weight: 600; font-size: 12pt; }
QLabel#scenarioFile { color: #57606a; background: #eef1f4; border-radius: 4px; padding: 2px 7px;
                      font-family: "DejaVu Sans Mono"; font-size: 9pt; }
QLabel#scenarioOrigin { color: #6e7781; font-size: 9pt; }
QLabel#scenarioDescription { color: #3d444d; }
QLabel#settingsNote { color: #6a4b00; background: #fff5d1; border: 1px solid #f0d98c; border-radius: 5px; padding: 4px 8px; }
QLineEdit#librarySearch { border: 1px solid #d0d7de; border-radius: 6px; padding: 5px 8px; background: #ffffff; }
QLineEdit#librarySearch:focus { border-color: #2f6fdf; }
QTreeWidget#library { border: 1px solid #d0d7de; border-radius: 6px; background: #ffffff; }
QPlainTextEdit#source, QTreeWidget#console, QTreeWidget#warnings, QTreeWidget#problems {
    border: 1px solid #d0d7de; border-radius: 6px; background: #ffffff; }
QPlainTextEdit#source { background: #fbfcfd; }
QTreeWidget#problems { border-color: #f0b8b8; }
QLabel#statusBanner { color: #6e1b1b; background: #ffebe9; border: 1px solid #f0b8b8; border-radius: 6px; padding: 7px 10px; }
QTreeWidget#console::item, QTreeWidget#warnings::item, QTreeWidget#problems::item { padding: 2px 2px; }
QHeaderView::section { background: #f6f8fa; color: #57606a; border: none; border-bottom: 1px solid #d0d7de; padding: 4px 6px; font-weight: 600; }
QStatusBar { background: #ffffff; border-top: 1px solid #d0d7de; }
QStatusBar QLabel { color: #1f2328; padding: 2px 6px; }
QStatusBar::item { border: none; }
QStatusBar QLabel#statusDot { padding: 2px 0px 2px 8px; }
QStatusBar QLabel#summaryLabel { color: #57606a; padding-right: 12px; }
QSplitter::handle { background: transparent; }
)";

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

QString plural(qsizetype n, const QString& one, const QString& many)
{
    return n == 1 ? one : many.arg(n);
}

} // namespace

MainWindow::MainWindow(const StartOptions& start, QWidget* parent)
    : QMainWindow(parent), m_useSettings(start.useSettings)
{
    setObjectName(QStringLiteral("mainWindow"));
    setStyleSheet(QString::fromLatin1(kStyleSheet));

    buildMenus();
    buildToolBar();

    m_library = new LibraryPanel;
    const QList<ScenarioInfo> builtIns = builtInScenarios();
    for (const ScenarioInfo& s : builtIns)
        m_builtInIds << s.id;
    m_library->setScenarios(builtIns);
    m_scenarioPane = new ScenarioPane;
    m_runPane = new RunPane;

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(QStringLiteral("panes"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setHandleWidth(12);
    m_splitter->addWidget(m_library);
    m_splitter->addWidget(m_scenarioPane);
    m_splitter->addWidget(m_runPane);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setStretchFactor(2, 3);
    m_splitter->setSizes({290, 540, 530});

    m_analysis = new AnalysisTabs;
    m_vertical = new QSplitter(Qt::Vertical);
    m_vertical->setObjectName(QStringLiteral("analysisSplitter"));
    m_vertical->setChildrenCollapsible(false);
    m_vertical->addWidget(m_splitter);
    m_vertical->addWidget(m_analysis);
    m_vertical->setStretchFactor(0, 3);
    m_vertical->setStretchFactor(1, 2);
    m_vertical->setSizes({500, 300});

    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->addWidget(m_vertical);
    setCentralWidget(central);
    buildStatusBar();
    resize(1400, 1000);

    connect(m_library, &LibraryPanel::scenarioSelected, this, &MainWindow::openScenario);
    connect(m_controls, &RunControls::settingsChanged, this, &MainWindow::rerun);
    connect(m_controls, &RunControls::resetRequested, this,
            [this] { setRunSettings(defaultSettings(m_scenario.info)); });
    connect(m_runPane, &RunPane::problemActivated, m_scenarioPane->sourceView(), &SourceView::goTo);
    connect(m_analysis->memory(), &MemoryDiagramView::currentLineChanged, m_scenarioPane->sourceView(),
            &SourceView::setExecutingLine);

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
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open…"), this, &MainWindow::chooseFile);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    QAction* reload = file->addAction(tr("&Reload"), this, [this] { openScenario(m_scenario.name); });
    reload->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
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
    setWindowTitle(tr("Pinwheel — %1").arg(m_scenario.info.title));
    m_scenarioPane->setScenario(m_scenario);
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
    if (!path.isEmpty())
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
        QAction* a = m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openFile(path); });
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
    m_run = runScenario(m_scenario, settings);
    m_runPane->setRun(m_run);
    m_analysis->setRun(m_run);
    m_scenarioPane->setProblems(m_run.problems);
    m_scenarioPane->setSettings(settings);
    showStatus();
}

void MainWindow::showStatus()
{
    m_statusDot->setStyleSheet(QStringLiteral("color: %1;").arg(statusColor(m_run)));
    QString status = QStringLiteral("%1 — total %2").arg(m_run.status, m_run.endTime);
    if (!m_run.finished() && !m_run.message.isEmpty())
        status += QStringLiteral(" — ") + m_run.message;
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
    if (m_useSettings)
        saveSettings();
    QMainWindow::closeEvent(event);
}

} // namespace pw::gui
