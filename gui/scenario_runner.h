// The app's bridge to the scenario language: the built-in library, loading a scenario by id or
// path, and running it with the toolbar's settings, all copied into Qt types for the widgets.
//
// This header stays free of runtime/ and sim/ includes so that QObject headers can use it
// (moc 6.4 cannot parse the C++20 <concepts> the engine's <coroutine> pulls in).
#pragma once

#include "run_view.h"

#include <QList>
#include <QMap>
#include <QString>

#include <memory>
#include <optional>

namespace pw {
struct Scenario;
}

namespace pw::gui {

/// The executors a scenario can ask for; only the Tokio ones take a flavor and workers.
enum class Executor { MultiThread, CurrentThread, BlockOn, Loop };

/// "multi_thread" / "current_thread" as tokio's `flavor = "..."` spells them; "block_on", "loop".
QString executorName(Executor executor);
std::optional<Executor> tokioFlavorFromName(const QString& name);
inline bool isTokio(Executor e)
{
    return e == Executor::MultiThread || e == Executor::CurrentThread;
}

struct ParamInfo {
    QString name;
    QString unit;
    QString doc;
    qint64 min = 0;
    qint64 max = 0;
    qint64 defaultValue = 0;
};

struct ScenarioInfo {
    QString id;
    QString title;
    QString description; ///< the `//!` block after the title, without its `Group:` line
    QString group;
    QString fileName;
    QString source;
    QList<ParamInfo> params;
    Executor executor = Executor::MultiThread;
    int workers = 4;
    quint64 seed = 0;
    int jitterPercent = 0;
};

struct LoadedScenario {
    QString name; ///< what was asked for: a built-in id or a path
    bool builtIn = false;
    std::shared_ptr<const pw::Scenario> scenario; ///< null when it did not load
    ScenarioInfo info;                            ///< best effort when it did not load: id, fileName and source
    QList<Problem> problems;                      ///< parse and load errors with file:line:col

    bool ok() const { return scenario != nullptr; }
};

/// What the toolbar sets. Flavor and workers only apply to Tokio scenarios.
struct RunSettings {
    Executor flavor = Executor::MultiThread;
    int workers = 4;
    quint64 seed = 0;
    int jitterPercent = 0;
    QMap<QString, qint64> params;
};

/// The built-in scenarios, sorted by id.
QList<ScenarioInfo> builtInScenarios();
/// Loads a built-in id or a `.rs` path. Never throws; errors end up in `problems`.
LoadedScenario loadScenario(const QString& idOrPath);
/// Loads an edited text in place of `original` (same name, file and built-in flag). Never
/// throws; errors end up in `problems` with the text kept in `info.source`.
LoadedScenario loadScenarioText(const LoadedScenario& original, const QString& text);
/// The scenario's own settings: its attributes and its parameters' defaults.
RunSettings defaultSettings(const ScenarioInfo& info);
/// Problems with `settings` (unknown parameter, out of range), as validateOptions reports them.
QStringList validateSettings(const LoadedScenario& scenario, const RunSettings& settings);
/// Runs the scenario. Never throws: a scenario error or an engine failure becomes a problem.
RunView runScenario(const LoadedScenario& scenario, const RunSettings& settings);

} // namespace pw::gui
