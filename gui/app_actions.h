// The window's menus for comparing, exporting and theming, kept out of main_window.cpp:
//   File > Export      Timeline image… (Ctrl+E), Copy timeline image (Ctrl+Shift+C),
//                      Save trace JSON… (Ctrl+Shift+T)
//   View > Theme       Light / Dark (remembered in QSettings when the window uses settings)
//   Compare            Pin run for comparison (Ctrl+P), Clear pinned run, Show comparison
// Each action is also a function here, so that the tests and `pinwheel --compare` can drive it
// without a dialog.
#pragma once

#include "theme.h"

#include <QObject>
#include <QString>

#include <optional>

class QAction;
class QMenu;

namespace pw::gui {

class MainWindow;
struct ImageExportSettings;

class AppActions : public QObject {
    Q_OBJECT
public:
    explicit AppActions(MainWindow* window);

    QMenu* exportMenu() const { return m_exportMenu; }
    QMenu* viewMenu() const { return m_viewMenu; }
    QMenu* compareMenu() const { return m_compareMenu; }

    QAction* exportImageAction() const { return m_exportImage; }
    QAction* copyImageAction() const { return m_copyImage; }
    QAction* saveTraceAction() const { return m_saveTrace; }
    QAction* pinAction() const { return m_pin; }
    QAction* clearPinAction() const { return m_clearPin; }
    QAction* themeAction(Theme theme) const { return theme == Theme::Dark ? m_dark : m_light; }

    /// Pins the window's latest run in the Compare tab and the charts, and shows the tab.
    void pinCurrentRun();
    void clearPinnedRun();
    /// Brings the Compare tab to the front.
    void showComparison();

    /// Applies the theme to the window and checks its menu entry; saved when `save` (and the
    /// window uses settings).
    void setTheme(Theme theme, bool save = true);
    Theme theme() const { return m_theme; }
    /// At start: `chosen` (--theme) if given, else the saved one with settings, else light.
    void applyStartTheme(std::optional<Theme> chosen);

    /// The export settings for the current run (its title and parameters; light, 2x).
    ImageExportSettings imageSettings() const;
    bool exportImage(const QString& path, const ImageExportSettings& settings, QString* error = nullptr);
    bool copyImage();
    bool saveTrace(const QString& path, QString* error = nullptr);

private:
    void chooseImageExport();
    void chooseTraceFile();
    void updateEnabled();
    QString suggestedFileName(const QString& suffix) const;
    void reportError(const QString& what, const QString& error);

    MainWindow* m_window = nullptr;
    Theme m_theme = Theme::Light;
    QMenu* m_exportMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_compareMenu = nullptr;
    QAction* m_exportImage = nullptr;
    QAction* m_copyImage = nullptr;
    QAction* m_saveTrace = nullptr;
    QAction* m_pin = nullptr;
    QAction* m_clearPin = nullptr;
    QAction* m_showCompare = nullptr;
    QAction* m_light = nullptr;
    QAction* m_dark = nullptr;
};

} // namespace pw::gui
