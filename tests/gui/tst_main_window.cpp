// The first app window: the coffee-and-toast run, its console, status bar and timeline strip.
#include "gui/app_style.h"
#include "gui/main_window.h"
#include "gui/run_strip.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFontInfo>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTreeWidget>
#include <QtTest>

using pw::gui::MainWindow;
using pw::gui::RunStrip;

namespace {
const QStringList kBookOrder = {
    "Pouring milk...", "Milk poured.", "Putting instant coffee...", "Instant coffee put.",
    "boiling kettle...", "putting bread in toaster...", "kettle boiled.", "pouring boiled water...",
    "boiled water poured.", "bread toasted.", "buttering toasted bread...", "toasted bread buttered.",
    "It took: 24 seconds"};
const QStringList kYieldOrder = {
    "boiling kettle...", "putting bread in toaster...", "Pouring milk...", "Milk poured.",
    "Putting instant coffee...", "Instant coffee put.", "bread toasted.", "buttering toasted bread...",
    "toasted bread buttered.", "kettle boiled.", "pouring boiled water...", "boiled water poured.",
    "It took: 18 seconds"};
constexpr int kLineColumn = 3;

template <typename T>
T* child(const MainWindow& w, const char* name)
{
    T* c = w.findChild<T*>(QString::fromLatin1(name));
    if (!c)
        qFatal("no child %s", name);
    return c;
}

QStringList consoleLines(const MainWindow& w)
{
    const auto* console = child<QTreeWidget>(w, "console");
    QStringList out;
    for (int i = 0; i < console->topLevelItemCount(); ++i)
        out << console->topLevelItem(i)->text(kLineColumn);
    return out;
}

QString status(const MainWindow& w)
{
    return child<QLabel>(w, "statusLabel")->text();
}
} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { pw::gui::applyAppStyle(*qApp); }

    void appFontHasAFamily()
    {
        QVERIFY(!QFontInfo(qApp->font()).family().isEmpty());
    }

    void titleNamesTheProgram()
    {
        MainWindow w;
        QCOMPARE(w.windowTitle(), QStringLiteral("Pinwheel — Coffee and toast"));
    }

    void consoleShowsTheBooksPrintout()
    {
        MainWindow w;
        const auto* console = child<QTreeWidget>(w, "console");
        QCOMPARE(console->columnCount(), 4);
        QCOMPARE(console->headerItem()->text(0), QStringLiteral("Time"));
        QCOMPARE(console->headerItem()->text(kLineColumn), QStringLiteral("Line"));
        QCOMPARE(console->topLevelItemCount(), 13);
        QCOMPARE(consoleLines(w), kBookOrder);
        QCOMPARE(console->topLevelItem(12)->text(kLineColumn), QStringLiteral("It took: 24 seconds"));
        QCOMPARE(console->topLevelItem(1)->text(0), QStringLiteral("3.000s"));  // Milk poured.
        QCOMPARE(console->topLevelItem(6)->text(0), QStringLiteral("16.000s")); // kettle boiled.
        QCOMPARE(console->topLevelItem(0)->text(1), QStringLiteral("main"));
        QCOMPARE(status(w), QStringLiteral("finished — total 24.000s"));
    }

    void sourceIsTheListing()
    {
        MainWindow w;
        auto* source = child<QPlainTextEdit>(w, "source");
        QVERIFY(source->isReadOnly());
        const QString text = source->toPlainText();
        for (const char* s : {"async fn prep_coffee_mug()", "async fn make_coffee()", "async fn make_toast()",
                              "#[tokio::main]", "tokio::join!(coffee_mug_step, coffee_step, toast_step);"})
            QVERIFY2(text.contains(QLatin1String(s)), s);
        QVERIFY(!text.contains(QLatin1String("from_millis(100)")));
        QVERIFY(QFontInfo(source->font()).fixedPitch());

        child<QCheckBox>(w, "yieldCheck")->setChecked(true);
        QVERIFY(source->toPlainText().contains(QLatin1String("sleep(Duration::from_millis(100)).await;")));
        child<QComboBox>(w, "flavorCombo")->setCurrentText(QStringLiteral("current_thread"));
        QVERIFY(source->toPlainText().contains(QLatin1String("#[tokio::main(flavor = \"current_thread\")]")));
    }

    void workersAndFlavorKeep24Seconds_data()
    {
        QTest::addColumn<QString>("flavor");
        QTest::addColumn<int>("workers");
        for (int n : {1, 2, 8, 16})
            QTest::newRow(qPrintable(QStringLiteral("multi_thread_%1").arg(n))) << QStringLiteral("multi_thread") << n;
        QTest::newRow("current_thread") << QStringLiteral("current_thread") << 4;
    }
    void workersAndFlavorKeep24Seconds()
    {
        QFETCH(QString, flavor);
        QFETCH(int, workers);
        MainWindow w;
        child<QSpinBox>(w, "workersSpin")->setValue(workers);
        child<QComboBox>(w, "flavorCombo")->setCurrentText(flavor);
        QCOMPARE(w.options().workers, workers);
        QCOMPARE(pw::gui::flavorName(w.options().flavor), flavor);
        QCOMPARE(status(w), QStringLiteral("finished — total 24.000s"));
        QCOMPARE(consoleLines(w), kBookOrder);
    }

    void workersSpinRange()
    {
        MainWindow w;
        auto* spin = child<QSpinBox>(w, "workersSpin");
        QCOMPARE(spin->minimum(), 1);
        QCOMPARE(spin->maximum(), 16);
        QCOMPARE(spin->value(), 4);
        child<QComboBox>(w, "flavorCombo")->setCurrentText(QStringLiteral("current_thread"));
        QVERIFY(!spin->isEnabled()); // current_thread has no workers
    }

    void yieldFirstSaves6Seconds()
    {
        MainWindow w;
        auto* yield = child<QCheckBox>(w, "yieldCheck");
        QVERIFY(!yield->isChecked());
        yield->setChecked(true);
        QCOMPARE(status(w), QStringLiteral("finished — total 18.000s"));
        const QStringList lines = consoleLines(w);
        QCOMPARE(lines.first(), QStringLiteral("boiling kettle..."));
        QCOMPARE(lines, kYieldOrder);

        yield->setChecked(false);
        QCOMPARE(status(w), QStringLiteral("finished — total 24.000s"));
        QCOMPARE(consoleLines(w).first(), QStringLiteral("Pouring milk..."));
    }

    void optionsFromTheCommandLine()
    {
        MainWindow w({.workers = 1, .flavor = pw::gui::RunFlavor::MultiThread, .yieldFirst = true});
        QCOMPARE(child<QSpinBox>(w, "workersSpin")->value(), 1);
        QVERIFY(child<QCheckBox>(w, "yieldCheck")->isChecked());
        QCOMPARE(status(w), QStringLiteral("finished — total 18.000s"));
    }

    void stripFollowsTheConsoleSelection()
    {
        MainWindow w;
        auto* console = child<QTreeWidget>(w, "console");
        auto* strip = child<RunStrip>(w, "runStrip");
        QCOMPARE(w.lastRun().threads, QStringList{QStringLiteral("main")}); // join! runs all on main
        QCOMPARE(strip->highlightedLine(), -1);
        console->setCurrentItem(console->topLevelItem(6));
        QCOMPARE(strip->highlightedLine(), 6);
        child<QCheckBox>(w, "yieldCheck")->setChecked(true); // a new run clears the selection
        QCOMPARE(strip->highlightedLine(), -1);
    }

    void grabIsFullSizeAndNotBlank()
    {
        MainWindow w;
        w.resize(1400, 860);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QImage shot = w.grab().toImage();
        QCOMPARE(shot.size(), QSize(1400, 860));

        // The strip's ticks and dots: accent-blue pixels inside the strip's area.
        const auto* strip = child<RunStrip>(w, "runStrip");
        QVERIFY(strip->isVisible());
        const QRect area(strip->mapTo(&w, QPoint(0, 0)), strip->size());
        QVERIFY(shot.rect().contains(area));
        const QRgb background = shot.pixel(area.center().x(), area.top() + 3);
        int ink = 0;
        int blue = 0;
        for (int y = area.top(); y <= area.bottom(); ++y)
            for (int x = area.left(); x <= area.right(); ++x) {
                const QRgb c = shot.pixel(x, y);
                if (c != background)
                    ++ink;
                if (qBlue(c) > qRed(c) + 60)
                    ++blue;
            }
        QVERIFY2(ink > 500, qPrintable(QStringLiteral("%1 non-background pixels").arg(ink)));
        QVERIFY2(blue > 100, qPrintable(QStringLiteral("%1 accent pixels").arg(blue)));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
