// pinwheel: the desktop app. With --screenshot it renders the window offscreen to a PNG.
#include "gui/analysis_tabs.h"
#include "gui/app_actions.h"
#include "gui/app_style.h"
#include "gui/main_window.h"
#include "gui/playback.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QPixmap>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace {

struct EarlyArgs {
    bool platform = false;   ///< -platform given: Qt picks the platform plugin from it
    bool screenshot = false; ///< renders offscreen, no display needed
    bool helpOrVersion = false;
};

/// Looks at argv before QApplication exists: which platform Qt will need depends on it.
EarlyArgs scanArgs(int argc, char** argv)
{
    EarlyArgs a;
    for (int i = 1; i < argc; ++i) {
        const char* arg = argv[i];
        if (std::strcmp(arg, "--") == 0)
            break;
        while (*arg == '-')
            ++arg;
        if (std::strcmp(arg, "platform") == 0 || std::strncmp(arg, "platform=", 9) == 0)
            a.platform = true;
        else if (std::strcmp(arg, "screenshot") == 0 || std::strncmp(arg, "screenshot=", 11) == 0)
            a.screenshot = true;
        else
            for (const char* info : {"help", "help-all", "h", "?", "version", "v"})
                if (std::strcmp(arg, info) == 0)
                    a.helpOrVersion = true;
    }
    return a;
}

bool envSet(const char* name)
{
    return !qEnvironmentVariableIsEmpty(name);
}

int fail(const QString& message)
{
    std::fprintf(stderr, "pinwheel: %s\n", qPrintable(message));
    return 2;
}

/// NAME=VALUE pairs of --set and --compare; false (and `error`) for a malformed one.
bool parseAssignments(const QStringList& assignments, const QString& option, QMap<QString, qint64>& out, QString& error)
{
    for (const QString& assignment : assignments) {
        bool ok = false;
        const auto eq = assignment.indexOf(QLatin1Char('='));
        const qint64 value = eq > 0 ? assignment.mid(eq + 1).trimmed().toLongLong(&ok) : 0;
        if (eq <= 0 || !ok) {
            error = QStringLiteral("%1 takes NAME=VALUE with an integer value, not '%2'").arg(option, assignment);
            return false;
        }
        out.insert(assignment.left(eq).trimmed(), value);
    }
    return true;
}

/// What the window cannot show: a scenario that is neither a built-in nor a file, parameters it
/// does not have or values out of range. Errors inside a scenario file are shown in the window.
QString checkScenario(const pw::gui::StartOptions& start, const QMap<QString, qint64>& compare)
{
    if (start.scenario.isEmpty())
        return {};
    const QString& name = start.scenario;
    const pw::gui::LoadedScenario s = pw::gui::loadScenario(name);
    if (!s.builtIn && !QFileInfo(name).isFile())
        return QStringLiteral("--scenario: no built-in scenario '%1' and no file at this path (see pinwheel-cli list)")
            .arg(name);
    pw::gui::RunSettings settings = pw::gui::defaultSettings(s.info);
    for (auto it = start.params.begin(); it != start.params.end(); ++it)
        settings.params.insert(it.key(), it.value());
    QStringList errors = pw::gui::validateSettings(s, settings);
    if (!errors.isEmpty())
        return QStringLiteral("--set: %1").arg(errors.join(QStringLiteral("; ")));
    for (auto it = compare.begin(); it != compare.end(); ++it)
        settings.params.insert(it.key(), it.value());
    errors = pw::gui::validateSettings(s, settings);
    return errors.isEmpty() ? QString() : QStringLiteral("--compare: %1").arg(errors.join(QStringLiteral("; ")));
}

/// The analysis tab --tab names, or null.
QWidget* analysisTab(pw::gui::AnalysisTabs& tabs, const QString& name)
{
    const QString n = name.toLower();
    for (int i = 0; i < tabs.count(); ++i)
        if (tabs.tabText(i).toLower().startsWith(n))
            return tabs.widget(i);
    return nullptr;
}

} // namespace

int main(int argc, char** argv)
{
    const EarlyArgs early = scanArgs(argc, argv);
    const bool platformChosen = early.platform || envSet("QT_QPA_PLATFORM");
    if (!platformChosen) {
        if (early.screenshot || early.helpOrVersion) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        } else if (!envSet("DISPLAY") && !envSet("WAYLAND_DISPLAY")) {
            std::fputs("pinwheel: no display found (DISPLAY and WAYLAND_DISPLAY are unset). Run it under a "
                       "virtual display: xvfb-run -a build/apps/app/pinwheel, or save a screenshot headlessly: "
                       "build/apps/app/pinwheel --screenshot out.png\n",
                       stderr);
            return 1;
        }
    }

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Pinwheel"));
    QApplication::setApplicationName(QStringLiteral("pinwheel"));
    QApplication::setApplicationDisplayName(QStringLiteral("Pinwheel"));
    QApplication::setApplicationVersion(QStringLiteral(PINWHEEL_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Pinwheel: how async Rust runtimes behave, simulated."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the window offscreen (1400x1000) to a PNG and exit."),
                                        QStringLiteral("file"));
    const QCommandLineOption scenario(QStringLiteral("scenario"),
                                      QStringLiteral("A built-in scenario id (see pinwheel-cli list) or a .rs file "
                                                     "(default: the last one, or coffee-toast)."),
                                      QStringLiteral("id|file"));
    const QCommandLineOption set(QStringLiteral("set"),
                                 QStringLiteral("Set a parameter of the scenario (repeatable), e.g. --set PERSONS=3."),
                                 QStringLiteral("NAME=VALUE"));
    const QCommandLineOption workers(QStringLiteral("workers"),
                                     QStringLiteral("Worker threads of the multi_thread runtime (1-16; default: the "
                                                    "scenario's)."),
                                     QStringLiteral("n"));
    const QCommandLineOption flavor(QStringLiteral("flavor"),
                                    QStringLiteral("Runtime flavor: multi_thread or current_thread (default: the "
                                                   "scenario's)."),
                                    QStringLiteral("flavor"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed of the run (default: the scenario's)."),
                                  QStringLiteral("n"));
    const QCommandLineOption at(QStringLiteral("at"),
                                QStringLiteral("Put the playback cursor at this simulated time, in seconds "
                                               "(default: the end of the run)."),
                                QStringLiteral("seconds"));
    const QCommandLineOption select(
        QStringLiteral("select"), QStringLiteral("Select this task (its name or id), as a click in the timeline does."),
        QStringLiteral("task"));
    const QCommandLineOption theme(QStringLiteral("theme"),
                                   QStringLiteral("light or dark (default: the last one chosen, or light)."),
                                   QStringLiteral("theme"));
    const QCommandLineOption compare(
        QStringLiteral("compare"),
        QStringLiteral("Pin the first run, then change a parameter (repeatable) and show both in the Compare tab, "
                       "e.g. --compare KETTLE=5."),
        QStringLiteral("NAME=VALUE"));
    const QCommandLineOption tab(
        QStringLiteral("tab"),
        QStringLiteral("The analysis tab to show: timeline, queues, charts, compare, future or memory."),
        QStringLiteral("tab"));
    parser.addOptions({screenshot, scenario, set, workers, flavor, seed, at, select, theme, compare, tab});
    parser.process(app);

    pw::gui::StartOptions start;
    start.useSettings = !parser.isSet(screenshot); // a screenshot shows the defaults, whoever takes it
    start.scenario = parser.value(scenario);
    bool ok = false;
    if (parser.isSet(workers)) {
        const int n = parser.value(workers).toInt(&ok);
        if (!ok || n < 1 || n > 16)
            return fail(QStringLiteral("--workers takes a number from 1 to 16, not '%1'").arg(parser.value(workers)));
        start.workers = n;
    }
    if (parser.isSet(flavor)) {
        const auto f = pw::gui::tokioFlavorFromName(parser.value(flavor));
        if (!f)
            return fail(
                QStringLiteral("--flavor takes multi_thread or current_thread, not '%1'").arg(parser.value(flavor)));
        start.flavor = *f;
    }
    if (parser.isSet(seed)) {
        start.seed = parser.value(seed).toULongLong(&ok);
        if (!ok)
            return fail(QStringLiteral("--seed takes a non-negative number, not '%1'").arg(parser.value(seed)));
    }
    QString error;
    QMap<QString, qint64> compared;
    if (!parseAssignments(parser.values(set), QStringLiteral("--set"), start.params, error) ||
        !parseAssignments(parser.values(compare), QStringLiteral("--compare"), compared, error))
        return fail(error);
    if (parser.isSet(theme)) {
        start.theme = pw::gui::themeFromName(parser.value(theme));
        if (!start.theme)
            return fail(QStringLiteral("--theme takes light or dark, not '%1'").arg(parser.value(theme)));
    }
    if (start.scenario.isEmpty() && (!start.params.isEmpty() || !compared.isEmpty()))
        start.scenario = pw::gui::MainWindow::defaultScenario(); // the parameters are checked against it
    if (error = checkScenario(start, compared); !error.isEmpty())
        return fail(error);
    if (parser.isSet(tab) && !QStringList{"timeline", "queues", "charts", "compare", "future", "memory"}.contains(
                                 parser.value(tab).toLower()))
        return fail(QStringLiteral("--tab takes timeline, queues, charts, compare, future or memory, not '%1'")
                        .arg(parser.value(tab)));

    double atSeconds = -1;
    if (parser.isSet(at)) {
        atSeconds = parser.value(at).toDouble(&ok);
        if (!ok || atSeconds < 0)
            return fail(QStringLiteral("--at takes a time in seconds, e.g. 10 or 6.5, not '%1'").arg(parser.value(at)));
    }

    pw::gui::applyAppStyle(app);
    pw::gui::MainWindow window(start);
    if (parser.isSet(compare)) {
        window.appActions()->pinCurrentRun();
        pw::gui::RunSettings s = window.runSettings();
        for (auto it = compared.begin(); it != compared.end(); ++it)
            s.params.insert(it.key(), it.value());
        window.setRunSettings(s);
    }
    if (parser.isSet(tab))
        window.analysisTabs()->setCurrentWidget(analysisTab(*window.analysisTabs(), parser.value(tab)));
    if (atSeconds >= 0)
        window.playback()->setCursor(static_cast<qint64>(std::min(atSeconds, 1e9) * 1e9)); // clamped to the run
    if (parser.isSet(select) && !window.selectTaskByName(parser.value(select)))
        return fail(QStringLiteral("--select: the run has no task '%1'").arg(parser.value(select)));

    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        window.setAttribute(Qt::WA_DontShowOnScreen);
        window.resize(1400, 1000);
        window.show();
        QApplication::processEvents();
        const QPixmap shot = window.grab();
        if (!shot.save(file, "PNG")) {
            std::fprintf(stderr, "pinwheel: could not write %s\n", qPrintable(file));
            return 1;
        }
        return 0;
    }

    window.show();
    return QApplication::exec();
}
