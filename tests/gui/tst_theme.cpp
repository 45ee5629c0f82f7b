// Light and dark: one style sheet with the colours per theme, the application palette, the
// timeline's and the other painted widgets' dark flag, View > Theme, QSettings, and exports that
// stay light.
#include "gui/analysis_tabs.h"
#include "gui/app_actions.h"
#include "gui/app_export.h"
#include "gui/app_style.h"
#include "gui/charts_panel.h"
#include "gui/compare_view.h"
#include "gui/main_window.h"
#include "gui/queue_view.h"
#include "gui/rust_highlighter.h"
#include "gui/stacked_timelines.h"

#include "gui/theme.h"
#include "gui/timeline_palette.h"
#include "gui/timeline_view.h"
#include <QLabel>

#include <QApplication>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSyntaxHighlighter>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace pw::gui;

namespace {

/// The colour of the window's own background: the margin left of the central widget's panes.
QColor windowBackground(MainWindow& w)
{
    const QImage shot = w.grab().toImage();
    const QWidget* central = w.centralWidget();
    const QPoint p = central->mapTo(&w, QPoint(3, central->height() / 2));
    return shot.pixelColor(p);
}

QColor timelineBackground(TimelineView* t)
{
    const QImage shot = t->viewport()->grab().toImage();
    return shot.pixelColor(1, 1);
}

RustHighlighter* highlighterOf(const MainWindow& w)
{
    for (QSyntaxHighlighter* h : w.findChildren<QSyntaxHighlighter*>())
        if (auto* r = dynamic_cast<RustHighlighter*>(h))
            return r;
    return nullptr;
}

} // namespace

class TstTheme : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { applyAppStyle(*qApp); }

    void namesRoundTrip()
    {
        QCOMPARE(themeFromName(QStringLiteral("dark")), Theme::Dark);
        QCOMPARE(themeFromName(QStringLiteral(" Light ")), Theme::Light);
        QVERIFY(!themeFromName(QStringLiteral("solarized")));
        QCOMPARE(themeName(Theme::Dark), QStringLiteral("dark"));
    }

    void styleSheetsNameEveryColour()
    {
        for (Theme t : {Theme::Light, Theme::Dark}) {
            const QString sheet = themeStyleSheet(t);
            QVERIFY2(!sheet.contains(QLatin1Char('@')), qPrintable(sheet));
            QVERIFY(!sheet.contains(QStringLiteral("magenta")));
            QVERIFY(sheet.contains(QStringLiteral("QStatusBar")));
        }
        QVERIFY(themeStyleSheet(Theme::Light) != themeStyleSheet(Theme::Dark));
        QVERIFY(themeStyleSheet(Theme::Light).contains(QStringLiteral("background: #ffffff")));
        QVERIFY(themePalette(Theme::Dark).color(QPalette::Window).lightness() < 60);
        QVERIFY(themePalette(Theme::Light).color(QPalette::Window).lightness() > 230);
    }

    void darkChangesTheWindowAndTheTimeline()
    {
        MainWindow w;
        w.resize(1400, 1000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(themeOf(w), Theme::Light);
        const QColor lightWindow = windowBackground(w);
        QVERIFY2(lightWindow.lightness() > 230, qPrintable(lightWindow.name()));
        QCOMPARE(timelineBackground(w.analysisTabs()->timeline()), TimelinePalette::light().background);

        w.appActions()->themeAction(Theme::Dark)->trigger();
        QCOMPARE(themeOf(w), Theme::Dark);
        QCOMPARE(w.appActions()->theme(), Theme::Dark);
        QVERIFY(w.appActions()->themeAction(Theme::Dark)->isChecked());
        QVERIFY(!w.appActions()->themeAction(Theme::Light)->isChecked());
        const QColor darkWindow = windowBackground(w);
        QVERIFY2(darkWindow.lightness() < 60, qPrintable(darkWindow.name()));
        QCOMPARE(timelineBackground(w.analysisTabs()->timeline()), TimelinePalette::dark().background);
        // The other painted widgets follow.
        QVERIFY(w.analysisTabs()->charts()->darkPalette());
        QVERIFY(w.analysisTabs()->compare()->timelines()->darkPalette());
        QVERIFY(highlighterOf(w) && highlighterOf(w)->darkPalette());
        auto* why = w.findChild<QWidget*>(QStringLiteral("why"));
        QVERIFY(why);
        QVERIFY(why->grab().toImage().pixelColor(why->width() / 2, why->height() - 4).lightness() < 60);
        // The console's printed lines stay readable: light text on the dark background.
        auto* console = w.findChild<QTreeWidget*>(QStringLiteral("console"));
        QVERIFY(console && console->topLevelItemCount() > 0);
        QVERIFY(console->topLevelItem(0)->foreground(3).color().lightness() > 150);
        const QImage queues = w.analysisTabs()->queues()->grab().toImage();
        QVERIFY(queues.pixelColor(queues.width() / 2, queues.height() - 2).lightness() < 60);
        // `code` in the scenario's description turns a light blue.
        auto* description = w.findChild<QLabel*>(QStringLiteral("scenarioDescription"));
        QVERIFY(description && description->text().contains(QStringLiteral("<span")));
        QVERIFY2(description->text().contains(QStringLiteral("#79c0ff")), qPrintable(description->text()));

        // Exports stay light unless asked.
        const pw::TimelineModel* model = w.analysisTabs()->timeline()->model();
        QVERIFY(model);
        ImageExportSettings s = w.appActions()->imageSettings();
        s.scale = 1;
        QCOMPARE(timelineImage(*model, s).pixelColor(1, 1), TimelinePalette::light().background);
        s.dark = true;
        QCOMPARE(timelineImage(*model, s).pixelColor(1, 1), TimelinePalette::dark().background);

        w.appActions()->themeAction(Theme::Light)->trigger();
        QCOMPARE(timelineBackground(w.analysisTabs()->timeline()), TimelinePalette::light().background);
        QVERIFY(windowBackground(w).lightness() > 230);
        QVERIFY(!highlighterOf(w)->darkPalette());
        QVERIFY(why->grab().toImage().pixelColor(why->width() / 2, why->height() - 4).lightness() > 230);
        QVERIFY(console->topLevelItem(0)->foreground(3).color().lightness() < 80);
        QVERIFY(description->text().contains(QStringLiteral("#0550ae")));
    }

    void startOptionChoosesTheTheme()
    {
        StartOptions start;
        start.theme = Theme::Dark;
        MainWindow w(start);
        QCOMPARE(themeOf(w), Theme::Dark);
        QVERIFY(w.analysisTabs()->timeline()->renderer().options().dark);
    }

    void settingsRememberTheTheme()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
        QCoreApplication::setOrganizationName(QStringLiteral("pinwheel-theme-tests"));
        StartOptions remembering;
        remembering.useSettings = true;
        {
            MainWindow w(remembering);
            QCOMPARE(themeOf(w), Theme::Light);
            w.appActions()->setTheme(Theme::Dark);
        }
        {
            MainWindow w(remembering);
            QCOMPARE(themeOf(w), Theme::Dark);
        }
        {
            MainWindow w; // without settings: light, whatever was saved
            QCOMPARE(themeOf(w), Theme::Light);
        }
        QSettings().clear();
    }
};

QTEST_MAIN(TstTheme)
#include "tst_theme.moc"
