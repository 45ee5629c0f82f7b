// The toolbar's run settings: flavor, workers, seed, jitter and one spin box per scenario
// parameter. Every change emits settingsChanged() at once; the window re-runs on it.
#pragma once

#include "scenario_runner.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QSpinBox;

namespace pw::gui {

class RunControls : public QWidget {
    Q_OBJECT
public:
    explicit RunControls(QWidget* parent = nullptr);

    /// Shows the scenario's parameters and these values, without emitting settingsChanged().
    void setScenario(const ScenarioInfo& info, const RunSettings& settings);
    RunSettings settings() const;

signals:
    void settingsChanged();
    void resetRequested();

private:
    void clearParams();
    void updateEnabled();
    void emitChanged();

    QComboBox* m_flavor = nullptr;
    QSpinBox* m_workers = nullptr;
    QSpinBox* m_seed = nullptr;
    QSpinBox* m_jitter = nullptr;
    QLabel* m_paramsLabel = nullptr;
    QHBoxLayout* m_paramsLayout = nullptr;
    QList<QSpinBox*> m_params;
    Executor m_executor = Executor::MultiThread;
    bool m_updating = false;
};

} // namespace pw::gui
