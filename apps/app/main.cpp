// pinwheel: the desktop app. With --screenshot it renders the window offscreen to a PNG.
#include "gui/app_style.h"
#include "gui/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QPixmap>

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
    QApplication::setApplicationName(QStringLiteral("pinwheel"));
    QApplication::setApplicationDisplayName(QStringLiteral("Pinwheel"));
    QApplication::setApplicationVersion(QStringLiteral(PINWHEEL_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Pinwheel: how async Rust runtimes behave, simulated."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the window offscreen (1400x860) to a PNG and exit."),
                                        QStringLiteral("file"));
    const QCommandLineOption workers(QStringLiteral("workers"),
                                     QStringLiteral("Worker threads of the multi_thread runtime (1-16, default 4)."),
                                     QStringLiteral("n"), QStringLiteral("4"));
    const QCommandLineOption flavor(QStringLiteral("flavor"),
                                    QStringLiteral("Runtime flavor: multi_thread (default) or current_thread."),
                                    QStringLiteral("flavor"), QStringLiteral("multi_thread"));
    const QCommandLineOption yieldFirst(QStringLiteral("yield"),
                                        QStringLiteral("Sleep 100 ms first in prep_coffee_mug (002's second version)."));
    parser.addOptions({screenshot, workers, flavor, yieldFirst});
    parser.process(app);

    pw::gui::RunOptions options;
    bool ok = false;
    options.workers = parser.value(workers).toInt(&ok);
    if (!ok || options.workers < 1 || options.workers > 16)
        return fail(QStringLiteral("--workers takes a number from 1 to 16, not '%1'").arg(parser.value(workers)));
    const auto f = pw::gui::flavorFromName(parser.value(flavor));
    if (!f)
        return fail(QStringLiteral("--flavor takes multi_thread or current_thread, not '%1'").arg(parser.value(flavor)));
    options.flavor = *f;
    options.yieldFirst = parser.isSet(yieldFirst);

    pw::gui::applyAppStyle(app);
    pw::gui::MainWindow window(options);

    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        window.setAttribute(Qt::WA_DontShowOnScreen);
        window.resize(1400, 860);
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
