#include "app_actions.h"

#include "analysis_tabs.h"
#include "app_export.h"
#include "compare_view.h"
#include "export_dialog.h"
#include "main_window.h"
#include "run_description.h"
#include "timeline_view.h"

#include "sim/timeline_model.h"

#include <QActionGroup>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

namespace pw::gui {

namespace {

const QString kThemeKey = QStringLiteral("view/theme");
constexpr int kStatusMs = 4000;

} // namespace

AppActions::AppActions(MainWindow* window) : QObject(window), m_window(window)
{
    setObjectName(QStringLiteral("appActions"));

    m_exportMenu = new QMenu(tr("&Export"), window);
    m_exportMenu->setObjectName(QStringLiteral("exportMenu"));
    m_exportImage = m_exportMenu->addAction(tr("Timeline &image (PNG, SVG)…"), this, &AppActions::chooseImageExport);
    m_exportImage->setShortcut(QKeySequence(QStringLiteral("Ctrl+E")));
    m_copyImage = m_exportMenu->addAction(tr("&Copy timeline image"), this, [this] {
        if (copyImage())
            m_window->statusBar()->showMessage(tr("Timeline image copied to the clipboard"), kStatusMs);
    });
    m_copyImage->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+C")));
    m_exportMenu->addSeparator();
    m_saveTrace = m_exportMenu->addAction(tr("Save &trace JSON (Perfetto, chrome://tracing)…"), this,
                                          &AppActions::chooseTraceFile);
    m_saveTrace->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+T")));

    m_viewMenu = new QMenu(tr("&View"), window);
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    QMenu* themes = m_viewMenu->addMenu(tr("&Theme"));
    auto* group = new QActionGroup(this);
    m_light = themes->addAction(tr("&Light"), this, [this] { setTheme(Theme::Light); });
    m_dark = themes->addAction(tr("&Dark"), this, [this] { setTheme(Theme::Dark); });
    for (QAction* a : {m_light, m_dark}) {
        a->setCheckable(true);
        group->addAction(a);
    }
    m_light->setChecked(true);

    m_compareMenu = new QMenu(tr("&Compare"), window);
    m_compareMenu->setObjectName(QStringLiteral("compareMenu"));
    m_pin = m_compareMenu->addAction(tr("&Pin run for comparison"), this, &AppActions::pinCurrentRun);
    m_pin->setShortcut(QKeySequence(QStringLiteral("Ctrl+P")));
    m_pin->setToolTip(tr("Keep this run; change a parameter or open another scenario to compare with it"));
    m_clearPin = m_compareMenu->addAction(tr("&Clear pinned run"), this, &AppActions::clearPinnedRun);
    m_showCompare = m_compareMenu->addAction(tr("&Show comparison"), this, &AppActions::showComparison);

    // A menu greys out what does not apply when it opens; the shortcuts stay live (each action
    // checks for itself), since nothing tells these menus when the window re-runs.
    for (QMenu* m : {m_exportMenu, m_compareMenu}) {
        connect(m, &QMenu::aboutToShow, this, &AppActions::updateEnabled);
        connect(m, &QMenu::aboutToHide, this, [this] {
            for (QAction* a : {m_exportImage, m_copyImage, m_saveTrace, m_pin, m_clearPin})
                a->setEnabled(true);
        });
    }
}

void AppActions::updateEnabled()
{
    const RunView& run = m_window->lastRun();
    const bool hasTrace = run.trace != nullptr;
    m_exportImage->setEnabled(hasTrace);
    m_copyImage->setEnabled(hasTrace);
    m_saveTrace->setEnabled(hasTrace);
    m_pin->setEnabled(hasTrace);
    const bool pinned = m_window->analysisTabs() && m_window->analysisTabs()->compare()->hasPinned();
    m_clearPin->setEnabled(pinned);
}

void AppActions::pinCurrentRun()
{
    AnalysisTabs* tabs = m_window->analysisTabs();
    const RunView& run = m_window->lastRun();
    if (!tabs || !run.trace)
        return;
    tabs->setPinned(run, runLabel(run));
    showComparison();
}

void AppActions::clearPinnedRun()
{
    if (AnalysisTabs* tabs = m_window->analysisTabs())
        tabs->clearPinned();
}

void AppActions::showComparison()
{
    if (AnalysisTabs* tabs = m_window->analysisTabs())
        tabs->setCurrentWidget(tabs->compare());
}

void AppActions::setTheme(Theme theme, bool save)
{
    m_theme = theme;
    applyTheme(*m_window, theme);
    themeAction(theme)->setChecked(true);
    if (save && m_window->usesSettings())
        QSettings().setValue(kThemeKey, themeName(theme));
}

void AppActions::applyStartTheme(std::optional<Theme> chosen)
{
    Theme theme = Theme::Light;
    if (chosen)
        theme = *chosen;
    else if (m_window->usesSettings())
        theme = themeFromName(QSettings().value(kThemeKey).toString()).value_or(Theme::Light);
    setTheme(theme, false);
}

ImageExportSettings AppActions::imageSettings() const
{
    return defaultImageSettings(m_window->lastRun());
}

bool AppActions::exportImage(const QString& path, const ImageExportSettings& settings, QString* error)
{
    const TimelineModel* model = m_window->analysisTabs() ? m_window->analysisTabs()->timeline()->model() : nullptr;
    if (!model) {
        if (error)
            *error = tr("the run has no timeline (the scenario did not run)");
        return false;
    }
    return exportTimelineImage(*model, settings, path, error);
}

bool AppActions::copyImage()
{
    const TimelineModel* model = m_window->analysisTabs() ? m_window->analysisTabs()->timeline()->model() : nullptr;
    return model && copyTimelineImage(*model, imageSettings());
}

bool AppActions::saveTrace(const QString& path, QString* error)
{
    return saveTraceJson(m_window->lastRun(), path, error);
}

QString AppActions::suggestedFileName(const QString& suffix) const
{
    QString base = m_window->lastRun().scenario;
    base = base.isEmpty() ? QStringLiteral("timeline") : QFileInfo(base).completeBaseName();
    return QDir::home().filePath(base + suffix);
}

void AppActions::reportError(const QString& what, const QString& error)
{
    QMessageBox::warning(m_window, what, error);
}

void AppActions::chooseImageExport()
{
    AnalysisTabs* tabs = m_window->analysisTabs();
    if (!tabs || !tabs->timeline()->model())
        return;
    const TimeAxis& axis = tabs->timeline()->axis();
    ExportDialog dialog(imageSettings(), TimeRange{axis.startNs, axis.endNs}, m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ImageExportSettings settings = dialog.settings();
    const bool svg = settings.format == ImageExportSettings::Format::Svg;
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Export timeline image"),
                                                      suggestedFileName(fileSuffix(settings.format)),
                                                      svg ? tr("SVG drawings (*.svg)") : tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportImage(path, settings, &error))
        return reportError(tr("Export timeline image"), error);
    m_window->statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), kStatusMs);
}

void AppActions::chooseTraceFile()
{
    if (!m_window->lastRun().trace)
        return;
    const QString path =
        QFileDialog::getSaveFileName(m_window, tr("Save trace JSON"), suggestedFileName(QStringLiteral(".trace.json")),
                                     tr("Chrome trace JSON (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveTrace(path, &error))
        return reportError(tr("Save trace JSON"), error);
    m_window->statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), kStatusMs);
}

} // namespace pw::gui
