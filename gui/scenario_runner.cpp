#include "scenario_runner.h"

#include "run_description.h"

#include "sim/scenario.h"
#include "sim/scenario_library.h"

#include <QFile>
#include <QFileInfo>

#include <exception>

namespace pw::gui {

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

Executor executorOf(Flavor f)
{
    switch (f) {
    case Flavor::MultiThread:
        return Executor::MultiThread;
    case Flavor::CurrentThread:
        return Executor::CurrentThread;
    case Flavor::BlockOn:
        return Executor::BlockOn;
    case Flavor::LoopExecutor:
        return Executor::Loop;
    }
    return Executor::MultiThread;
}

/// The description without its `Group:` line, which the library shows as a heading instead.
QString descriptionOf(const std::string& description)
{
    QStringList kept;
    for (const QString& line : qs(description).split(QLatin1Char('\n')))
        if (!line.trimmed().startsWith(QLatin1String("Group:")))
            kept << line;
    return kept.join(QLatin1Char('\n')).trimmed();
}

ScenarioInfo infoOf(const Scenario& s)
{
    ScenarioInfo info;
    info.id = qs(s.id);
    info.title = qs(s.title);
    info.description = descriptionOf(s.description);
    info.group = qs(s.group);
    info.fileName = qs(s.fileName);
    info.source = qs(s.source);
    for (const ScenarioParam& p : s.params)
        info.params << ParamInfo{qs(p.name), qs(p.unit), qs(p.doc), p.min, p.max, p.defaultValue};
    info.executor = executorOf(s.config.flavor);
    info.workers = s.config.workers;
    info.seed = s.config.seed;
    info.jitterPercent = s.config.jitterPercent;
    return info;
}

/// What can be shown of a scenario that did not load: its name and, if readable, its text.
ScenarioInfo fallbackInfo(const QString& idOrPath, bool builtIn)
{
    ScenarioInfo info;
    const QFileInfo file(idOrPath);
    info.id = builtIn ? idOrPath : file.completeBaseName();
    info.title = builtIn ? idOrPath : file.fileName();
    info.group = QStringLiteral("Other");
    info.fileName = builtIn ? idOrPath + QStringLiteral(".rs") : idOrPath;
    if (builtIn) {
        info.source = qs(builtInScenarioSource(idOrPath.toStdString()));
    } else if (QFile f(idOrPath); f.open(QIODevice::ReadOnly)) {
        info.source = QString::fromUtf8(f.readAll());
    }
    return info;
}

RunView failedRun(const QList<Problem>& problems)
{
    RunView view;
    view.status = QStringLiteral("error");
    view.problems = problems;
    view.message = problems.isEmpty() ? QString() : problems.first().message;
    view.endTime = formatSeconds(0);
    return view;
}

Problem plainProblem(const QString& file, const QString& message)
{
    Problem p;
    p.file = file;
    p.message = message;
    p.formatted = p.location();
    return p;
}

pw::RunOptions runOptions(const ScenarioInfo& info, const RunSettings& settings)
{
    pw::RunOptions o;
    // Every control re-runs at once, so a runaway file must stop within a fraction of a second
    // and a few hundred MB of trace; the built-ins stay far below these.
    o.maxEvents = 2'000'000;
    o.maxLoopIterations = 200'000;
    // Flavor and workers would turn a block_on or loop executor into a Tokio runtime.
    if (isTokio(info.executor)) {
        o.flavor = settings.flavor == Executor::CurrentThread ? Flavor::CurrentThread : Flavor::MultiThread;
        o.workers = settings.workers;
    }
    o.seed = settings.seed;
    o.jitterPercent = settings.jitterPercent;
    for (auto it = settings.params.begin(); it != settings.params.end(); ++it)
        o.params[it.key().toStdString()] = it.value();
    return o;
}

} // namespace

QString executorName(Executor executor)
{
    switch (executor) {
    case Executor::MultiThread:
        return QStringLiteral("multi_thread");
    case Executor::CurrentThread:
        return QStringLiteral("current_thread");
    case Executor::BlockOn:
        return QStringLiteral("block_on");
    case Executor::Loop:
        return QStringLiteral("loop");
    }
    return {};
}

std::optional<Executor> tokioFlavorFromName(const QString& name)
{
    if (name == QLatin1String("multi_thread"))
        return Executor::MultiThread;
    if (name == QLatin1String("current_thread"))
        return Executor::CurrentThread;
    return std::nullopt;
}

QList<ScenarioInfo> builtInScenarios()
{
    QList<ScenarioInfo> out;
    for (const std::string& id : builtInScenarioIds()) {
        const LoadedScenario s = loadScenario(qs(id));
        out << s.info;
    }
    return out;
}

LoadedScenario loadScenario(const QString& idOrPath)
{
    LoadedScenario out;
    out.name = idOrPath;
    out.builtIn = !builtInScenarioSource(idOrPath.toStdString()).empty();
    try {
        LoadResult r = loadScenarioByName(idOrPath.toStdString());
        if (r.scenario) {
            out.info = infoOf(*r.scenario);
            out.scenario = std::move(r.scenario);
            return out;
        }
        out.info = fallbackInfo(idOrPath, out.builtIn);
        for (const lang::Diagnostic& d : r.errors)
            out.problems << makeProblem(d, out.info.source);
    } catch (const std::exception& e) {
        out.info = fallbackInfo(idOrPath, out.builtIn);
        out.problems << plainProblem(out.info.fileName, QStringLiteral("could not load: %1").arg(qs(e.what())));
    }
    if (out.problems.isEmpty())
        out.problems << plainProblem(out.info.fileName, QStringLiteral("the scenario did not load"));
    return out;
}

LoadedScenario loadScenarioText(const LoadedScenario& original, const QString& text)
{
    LoadedScenario out;
    out.name = original.name;
    out.builtIn = original.builtIn;
    const QString fileName = original.info.fileName.isEmpty() ? original.name : original.info.fileName;
    try {
        LoadResult r = pw::loadScenario(fileName.toStdString(), text.toStdString());
        if (r.scenario) {
            out.info = infoOf(*r.scenario);
            out.scenario = std::move(r.scenario);
            return out;
        }
        for (const lang::Diagnostic& d : r.errors)
            out.problems << makeProblem(d, text);
    } catch (const std::exception& e) {
        out.problems << plainProblem(fileName, QStringLiteral("could not load: %1").arg(qs(e.what())));
    }
    // What the pane shows of a text that does not load: the last good title, this text.
    out.info = original.info;
    out.info.source = text;
    if (out.problems.isEmpty())
        out.problems << plainProblem(fileName, QStringLiteral("the scenario did not load"));
    return out;
}

RunSettings defaultSettings(const ScenarioInfo& info)
{
    RunSettings s;
    s.flavor = isTokio(info.executor) ? info.executor : Executor::MultiThread;
    s.workers = info.workers;
    s.seed = info.seed;
    s.jitterPercent = info.jitterPercent;
    for (const ParamInfo& p : info.params)
        s.params.insert(p.name, p.defaultValue);
    return s;
}

QStringList validateSettings(const LoadedScenario& scenario, const RunSettings& settings)
{
    QStringList out;
    if (!scenario.ok())
        return out;
    for (const std::string& e : validateOptions(*scenario.scenario, runOptions(scenario.info, settings)))
        out << qs(e);
    return out;
}

namespace {

RunView runUnlabelled(const LoadedScenario& scenario, const RunSettings& settings);

} // namespace

RunView runScenario(const LoadedScenario& scenario, const RunSettings& settings)
{
    RunView view = runUnlabelled(scenario, settings);
    view.scenario = scenario.builtIn ? scenario.info.id : scenario.name;
    view.scenarioTitle = scenario.info.title;
    view.settingsText = describeSettings(scenario.info, settings);
    return view;
}

namespace {

RunView runUnlabelled(const LoadedScenario& scenario, const RunSettings& settings)
{
    if (!scenario.ok())
        return failedRun(scenario.problems);
    const QStringList invalid = validateSettings(scenario, settings);
    if (!invalid.isEmpty()) {
        QList<Problem> problems;
        for (const QString& e : invalid)
            problems << plainProblem(scenario.info.fileName, e);
        return failedRun(problems);
    }
    try {
        const pw::RunResult result = pw::runScenario(*scenario.scenario, runOptions(scenario.info, settings));
        return makeRunView(result, scenario.info.source);
    } catch (const std::exception& e) {
        return failedRun(
            {plainProblem(scenario.info.fileName, QStringLiteral("the run failed: %1").arg(qs(e.what())))});
    }
}

} // namespace

} // namespace pw::gui
