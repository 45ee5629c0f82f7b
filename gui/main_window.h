// The Pinwheel window: the scenario library on the left, the scenario's source (editable) in
// the middle, what it printed and why each task is or is not running on the right; below, the
// playback controls and the timeline, queues and charts. Every control and every edit re-runs
// the scenario at once; one playback cursor drives every view.
#pragma once

#include "scenario_runner.h"
#include "theme.h"

#include <QMainWindow>
#include <QMessageBox>

#include <functional>
#include <optional>

class QLabel;
class QMenu;
class QSplitter;

namespace pw::gui {

class LibraryPanel;
class Playback;
class RunControls;
class RunPane;
class AnalysisTabs;
class AppActions;
class ScenarioPane;
class TransportBar;
class WhyPanel;

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
    Playback* playback() const { return m_playback; }

    /// The task selected in the timeline, the Why panel or the queues (kNoTaskId for none).
    quint32 selectedTask() const { return m_selectedTask; }
    void selectTask(quint32 task);
    /// Selects a task by its label ("person #2"), name or id; false if the run has none.
    bool selectTaskByName(const QString& nameOrId);

    /// The source in the editor has changes not saved to a file.
    bool hasUnsavedChanges() const { return isWindowModified(); }
    /// Re-runs the editor's text now instead of after the typing pause.
    void runEditedSource();
    /// Saves the editor's text to `path` (atomically: the file is either the old one or the whole
    /// new text). False, with the reason in a message box, when it cannot.
    bool saveTo(const QString& path);
    /// What the window asks before it drops unsaved edits (open another scenario, reload, quit):
    /// Save, Discard or Cancel. Tests replace the dialog.
    void setUnsavedChangesPrompt(std::function<QMessageBox::StandardButton()> prompt)
    {
        m_unsavedPrompt = std::move(prompt);
    }
    AnalysisTabs* analysisTabs() const { return m_analysis; }
    /// Export, Compare and View > Theme (gui/app_actions.h).
    AppActions* appActions() const { return m_appActions; }
    bool usesSettings() const { return m_useSettings; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildPlaybackMenu(QMenu* menu);
    void buildViewMenu(QMenu* menu);
    void showCursor(qint64 ns);
    void updateTaskMarkers();
    void sourceEdited();
    bool save();
    bool saveAs();
    /// True when there are no unsaved edits, or the user saved or discarded them.
    bool okToLeaveEdits();
    void buildMenus();
    void buildToolBar();
    void buildStatusBar();
    void chooseFile();
    void updateRecentMenu();
    void addRecentFile(const QString& path);
    void restoreSettings();
    void saveSettings() const;
    void rerun();
    void showRun(qint64 cursor);
    void showMemoryRun();
    void showStatus();
    void updateTitle();

    bool m_useSettings = false;
    LibraryPanel* m_library = nullptr;
    ScenarioPane* m_scenarioPane = nullptr;
    RunPane* m_runPane = nullptr;
    AnalysisTabs* m_analysis = nullptr;
    AppActions* m_appActions = nullptr;
    QSplitter* m_vertical = nullptr;
    QList<int> m_sizesBeforeCompare; ///< the panes' heights before the Compare tab took room
    QList<int> m_sizesForCompare;    ///< the heights it took them to
    RunControls* m_controls = nullptr;
    QSplitter* m_splitter = nullptr;
    QSplitter* m_rightColumn = nullptr;
    WhyPanel* m_why = nullptr;
    Playback* m_playback = nullptr;
    TransportBar* m_transport = nullptr;
    quint32 m_selectedTask = kNoTaskId;
    int m_scrolledToLine = 0;         ///< the selected task's line the code view last scrolled to
    bool m_textEdited = false;        ///< the editor holds an edit of what was opened (saved or not)
    QString m_savedText;              ///< the text as loaded or last saved: the editor differs = unsaved
    bool m_cursorToEnd = true;        ///< a new scenario: show the whole run (the cursor at its end)
    QList<Problem> m_pendingProblems; ///< the edited text's problems while m_editFailed
    bool m_editFailed = false;        ///< the edited text does not run: the views show the last run that did
    std::function<QMessageBox::StandardButton()> m_unsavedPrompt;
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
