// The Pinwheel window: the scenario library on the left, the scenario's source in the middle,
// what it printed and when on the right. Every control re-runs the scenario at once.
#pragma once

#include "scenario_runner.h"
#include "theme.h"

#include <QMainWindow>

#include <optional>

class QLabel;
class QMenu;
class QSplitter;

namespace pw::gui {

class LibraryPanel;
class RunControls;
class RunPane;
class AnalysisTabs;
class AppActions;
class ScenarioPane;

/// How the window starts: the command line's choices.
struct StartOptions {
    /// A built-in id or a `.rs` path; empty: the last one (with settings) or coffee-toast.
    QString scenario;
    /// Override the scenario's own settings for the first run.
    std::optional<int> workers;
    std::optional<Executor> flavor;
    std::optional<quint64> seed;
    QMap<QString, qint64> params;
    /// Restore and save the window, the last scenario and the recent files with QSettings.
    /// Off by default so that tests and screenshots never depend on a user's settings.
    bool useSettings = false;
    /// Light or dark; unset: the saved theme (with settings) or light.
    std::optional<Theme> theme;
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const StartOptions& start = {}, QWidget* parent = nullptr);

    static QString defaultScenario() { return QStringLiteral("coffee-toast"); }

    /// Loads and runs a built-in id or a `.rs` path with the scenario's own settings.
    void openScenario(const QString& idOrPath);
    /// Selects a built-in in the library (which loads and runs it); false if there is none.
    bool selectScenario(const QString& id);
    /// What File > Open does with the chosen file.
    void openFile(const QString& path);

    const LoadedScenario& scenario() const { return m_scenario; }
    RunSettings runSettings() const;
    void setRunSettings(const RunSettings& settings);
    const RunView& lastRun() const { return m_run; }
    QStringList recentFiles() const { return m_recentFiles; }
    AnalysisTabs* analysisTabs() const { return m_analysis; }
    /// Export, Compare and View > Theme (gui/app_actions.h).
    AppActions* appActions() const { return m_appActions; }
    bool usesSettings() const { return m_useSettings; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void buildToolBar();
    void buildStatusBar();
    void chooseFile();
    void updateRecentMenu();
    void addRecentFile(const QString& path);
    void restoreSettings();
    void saveSettings() const;
    void rerun();
    void showStatus();

    bool m_useSettings = false;
    LibraryPanel* m_library = nullptr;
    ScenarioPane* m_scenarioPane = nullptr;
    RunPane* m_runPane = nullptr;
    AnalysisTabs* m_analysis = nullptr;
    AppActions* m_appActions = nullptr;
    QSplitter* m_vertical = nullptr;
    RunControls* m_controls = nullptr;
    QSplitter* m_splitter = nullptr;
    QMenu* m_recentMenu = nullptr;
    QLabel* m_statusDot = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_summary = nullptr;
    LoadedScenario m_scenario;
    RunView m_run;
    QStringList m_recentFiles;
    QStringList m_builtInIds;
};

} // namespace pw::gui
