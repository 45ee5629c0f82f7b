// The first Pinwheel window: the books' coffee-and-toast program, its source, what it prints
// and when. Every control re-runs the simulation at once.
#pragma once

#include "coffee_toast_run.h"

#include <QMainWindow>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QSpinBox;
class QTreeWidget;

namespace pw::gui {

class RunStrip;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const RunOptions& options = {}, QWidget* parent = nullptr);

    RunOptions options() const;
    void setOptions(const RunOptions& options);
    const RunResult& lastRun() const { return m_run; }

private:
    void buildToolBar();
    QWidget* buildSourcePane();
    QWidget* buildRunPane();
    void buildStatusBar();
    void rerun();
    void showSource();
    void showRun();

    QSpinBox* m_workers = nullptr;
    QComboBox* m_flavor = nullptr;
    QCheckBox* m_yield = nullptr;
    QPlainTextEdit* m_source = nullptr;
    QTreeWidget* m_console = nullptr;
    RunStrip* m_strip = nullptr;
    QLabel* m_statusDot = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_summary = nullptr;
    RunResult m_run;
    bool m_updating = false;
};

} // namespace pw::gui
