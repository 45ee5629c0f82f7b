// The app window: the scenario library, the source that runs (and is edited), its console,
// warnings, problems, status line, playback, the Why panel and the memory diagram, driven
// through the widgets and actions a user touches.
#include "gui/analysis_tabs.h"
#include "gui/app_style.h"
#include "gui/library_panel.h"
#include "gui/main_window.h"
#include "gui/memory_diagram_view.h"
#include "gui/playback.h"
#include "gui/run_pane.h"
#include "gui/source_view.h"
#include "gui/transport_bar.h"
#include "gui/why_panel.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QFontInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTreeWidget>
#include <QtTest>

using pw::gui::MainWindow;
using pw::gui::Playback;

namespace {
const QStringList kBookOrder = {"Pouring milk...",
                                "Milk poured.",
                                "Putting instant coffee...",
                                "Instant coffee put.",
                                "boiling kettle...",
                                "putting bread in toaster...",
                                "kettle boiled.",
                                "pouring boiled water...",
                                "boiled water poured.",
                                "bread toasted.",
                                "buttering toasted bread...",
                                "toasted bread buttered.",
                                "It took: 24 seconds"};
const QStringList kYieldOrder = {"boiling kettle...",  "putting bread in toaster...", "Pouring milk...",
                                 "Milk poured.",       "Putting instant coffee...",   "Instant coffee put.",
                                 "bread toasted.",     "buttering toasted bread...",  "toasted bread buttered.",
                                 "kettle boiled.",     "pouring boiled water...",     "boiled water poured.",
                                 "It took: 18 seconds"};
const QString kFinished24 = QStringLiteral("finished — total 24.000s");
constexpr qint64 kS = 1'000'000'000;
constexpr int kLineColumn = 3;

template <typename T> T* child(const QWidget& w, const QString& name)
{
    T* c = w.findChild<T*>(name);
    if (!c)
        qFatal("no child %s", qPrintable(name));
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

QStringList topLevelTexts(const QTreeWidget* tree, int column = 0)
{
    QStringList out;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        out << tree->topLevelItem(i)->text(column);
    return out;
}

/// The library's scenario item with this id, as a user finds it in the tree.
QTreeWidgetItem* libraryItem(const MainWindow& w, const QString& id)
{
    const auto* tree = child<QTreeWidget>(w, "library");
    for (int g = 0; g < tree->topLevelItemCount(); ++g)
        for (int i = 0; i < tree->topLevelItem(g)->childCount(); ++i)
            if (tree->topLevelItem(g)->child(i)->data(0, Qt::UserRole).toString() == id)
                return tree->topLevelItem(g)->child(i);
    return nullptr;
}

void clickScenario(MainWindow& w, const QString& id)
{
    QTreeWidgetItem* item = libraryItem(w, id);
    QVERIFY2(item, qPrintable(id));
    child<QTreeWidget>(w, "library")->setCurrentItem(item);
}

QString builtInSource(const QString& id)
{
    QFile f(QStringLiteral(":/scenarios/%1.rs").arg(id));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

int builtInCount()
{
    return static_cast<int>(
        QDir(QStringLiteral(":/scenarios")).entryList({QStringLiteral("*.rs")}, QDir::Files).size());
}
} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { pw::gui::applyAppStyle(*qApp); }

    void appFontHasAFamily() { QVERIFY(!QFontInfo(qApp->font()).family().isEmpty()); }

    void startsOnCoffeeToast()
    {
        MainWindow w;
        QCOMPARE(w.scenario().info.id, QStringLiteral("coffee-toast"));
        QCOMPARE(w.windowTitle(), QStringLiteral("Pinwheel — Coffee and toast: one pair of hands[*]"));
        QVERIFY(!w.isWindowModified()); // the [*] shows only for unsaved edits
        QCOMPARE(child<QLabel>(w, "scenarioTitle")->text(), QStringLiteral("Coffee and toast: one pair of hands"));
        QCOMPARE(child<QLabel>(w, "scenarioFile")->text(), QStringLiteral("coffee-toast.rs"));
        QVERIFY(child<QLabel>(w, "scenarioDescription")->text().contains(QLatin1String("ONE task on ONE thread")));
        QCOMPARE(w.findChild<pw::gui::LibraryPanel*>()->currentScenario(), QStringLiteral("coffee-toast"));
    }

    void consoleShowsTheBooksPrintout()
    {
        MainWindow w;
        const auto* console = child<QTreeWidget>(w, "console");
        QCOMPARE(console->columnCount(), 4);
        QCOMPARE(console->headerItem()->text(0), QStringLiteral("Time"));
        QCOMPARE(console->headerItem()->text(1), QStringLiteral("Thread"));
        QCOMPARE(console->headerItem()->text(2), QStringLiteral("Task"));
        QCOMPARE(console->headerItem()->text(kLineColumn), QStringLiteral("Line"));
        QCOMPARE(console->topLevelItemCount(), 13);
        QCOMPARE(consoleLines(w), kBookOrder);
        QCOMPARE(console->topLevelItem(12)->text(kLineColumn), QStringLiteral("It took: 24 seconds"));
        QCOMPARE(console->topLevelItem(1)->text(0), QStringLiteral("3.000s"));  // Milk poured.
        QCOMPARE(console->topLevelItem(6)->text(0), QStringLiteral("16.000s")); // kettle boiled.
        QCOMPARE(console->topLevelItem(0)->text(1), QStringLiteral("main"));
        QCOMPARE(status(w), kFinished24);
        QVERIFY(!child<QWidget>(w, "problems")->isVisibleTo(&w));
    }

    void sourceIsTheScenarioFileThatRuns()
    {
        MainWindow w;
        auto* source = child<QPlainTextEdit>(w, "source");
        QVERIFY(!source->isReadOnly()); // editable: an edit re-runs (tst_app_editing)
        QVERIFY(QFontInfo(source->font()).fixedPitch());
        const QString text = source->toPlainText();
        QCOMPARE(text, builtInSource(QStringLiteral("coffee-toast")));
        for (const char* s : {"async fn prep_coffee_mug()", "async fn make_coffee()", "async fn make_toast()",
                              "#[tokio::main]", "tokio::join!(coffee_mug_step, coffee_step, toast_step);"})
            QVERIFY2(text.contains(QLatin1String(s)), s);

        clickScenario(w, QStringLiteral("coffee-toast-yield"));
        QCOMPARE(source->toPlainText(), builtInSource(QStringLiteral("coffee-toast-yield")));
        QVERIFY(source->toPlainText().contains(QLatin1String("from_millis(")));
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
        QCOMPARE(w.runSettings().workers, workers);
        QCOMPARE(pw::gui::executorName(w.runSettings().flavor), flavor);
        QCOMPARE(status(w), kFinished24);
        QCOMPARE(consoleLines(w), kBookOrder);
        QVERIFY(w.lastRun().runtime.startsWith(flavor));
    }

    void runtimeControls()
    {
        MainWindow w;
        auto* workers = child<QSpinBox>(w, "workersSpin");
        auto* flavor = child<QComboBox>(w, "flavorCombo");
        QCOMPARE(workers->minimum(), 1);
        QCOMPARE(workers->maximum(), 16);
        QCOMPARE(workers->value(), 4); // #[tokio::main]
        QVERIFY(workers->isEnabled());
        flavor->setCurrentText(QStringLiteral("current_thread"));
        QVERIFY(!workers->isEnabled()); // current_thread has no workers

        QVERIFY(w.selectScenario(QStringLiteral("persons-joined")));
        QCOMPARE(workers->value(), 1); // worker_threads = 1
        QCOMPARE(flavor->currentText(), QStringLiteral("multi_thread"));

        // A scenario on its own executor: no Tokio flavor or workers to choose.
        QVERIFY(w.selectScenario(QStringLiteral("executor-park")));
        QVERIFY(!flavor->isEnabled());
        QVERIFY(!workers->isEnabled());
        QCOMPARE(w.lastRun().runtime, QStringLiteral("block_on executor"));
        QVERIFY(w.lastRun().finished());

        QVERIFY(w.selectScenario(QStringLiteral("coffee-toast")));
        QVERIFY(flavor->isEnabled());
        QVERIFY(workers->isEnabled());
    }

    void seedSpinReruns()
    {
        MainWindow w;
        QVERIFY(w.selectScenario(QStringLiteral("audit-logger"))); // #[pinwheel(seed = 1, jitter = 20, ..)]
        auto* seed = child<QSpinBox>(w, "seedSpin");
        QCOMPARE(seed->value(), 1);
        QCOMPARE(child<QSpinBox>(w, "jitterSpin")->value(), 20);
        QStringList orders;
        for (int s : {1, 2, 3, 4, 5}) {
            seed->setValue(s);
            QCOMPARE(w.runSettings().seed, quint64(s));
            QVERIFY(w.lastRun().finished());
            orders << consoleLines(w).join(QLatin1Char('|'));
        }
        orders.removeDuplicates();
        QVERIFY2(orders.size() > 1, "the seed changes the order the writes land in");
    }

    void yieldScenarioSaves6Seconds()
    {
        MainWindow w;
        clickScenario(w, QStringLiteral("coffee-toast-yield"));
        QCOMPARE(w.scenario().info.id, QStringLiteral("coffee-toast-yield"));
        QCOMPARE(status(w), QStringLiteral("finished — total 18.000s"));
        const QStringList lines = consoleLines(w);
        QCOMPARE(lines.first(), QStringLiteral("boiling kettle..."));
        QCOMPARE(lines, kYieldOrder);

        clickScenario(w, QStringLiteral("coffee-toast"));
        QCOMPARE(status(w), kFinished24);
        QCOMPARE(consoleLines(w).first(), QStringLiteral("Pouring milk..."));
    }

    void libraryListsAllBuiltInsGrouped()
    {
        MainWindow w;
        const auto* tree = child<QTreeWidget>(w, "library");
        QCOMPARE(builtInCount(), 31);
        const QStringList groups = topLevelTexts(tree);
        QVERIFY2(groups.size() >= 6, qPrintable(groups.join(", ")));
        QCOMPARE(groups.mid(0, 6), pw::gui::LibraryPanel::groupOrder());
        int scenarios = 0;
        for (int g = 0; g < tree->topLevelItemCount(); ++g) {
            const QTreeWidgetItem* group = tree->topLevelItem(g);
            QVERIFY(group->childCount() > 0);
            QVERIFY(!(group->flags() & Qt::ItemIsSelectable));
            for (int i = 0; i < group->childCount(); ++i) {
                const QString id = group->child(i)->data(0, Qt::UserRole).toString();
                QVERIFY(!builtInSource(id).isEmpty());
            }
            scenarios += group->childCount();
        }
        QCOMPARE(scenarios, builtInCount());
        QCOMPARE(libraryItem(w, QStringLiteral("coffee-toast"))->parent()->text(0), QStringLiteral("Coffee and toast"));
        QCOMPARE(libraryItem(w, QStringLiteral("std-mutex-deadlock"))->parent()->text(0), QStringLiteral("Mutexes"));
        QCOMPARE(libraryItem(w, QStringLiteral("coffee-toast"))->text(0),
                 QStringLiteral("Coffee and toast: one pair of hands"));
    }

    void searchFiltersByIdAndTitle()
    {
        MainWindow w;
        auto* search = child<QLineEdit>(w, "librarySearch");
        const auto* panel = w.findChild<pw::gui::LibraryPanel*>();
        QCOMPARE(panel->visibleScenarios().size(), builtInCount());

        search->setText(QStringLiteral("persons")); // ids
        QCOMPARE(panel->visibleScenarios(), (QStringList{"persons-joined", "persons-sequential"}));
        QVERIFY(libraryItem(w, QStringLiteral("coffee-toast"))->isHidden());
        QVERIFY(libraryItem(w, QStringLiteral("coffee-toast"))->parent()->isHidden() == false); // persons are in it
        QVERIFY(libraryItem(w, QStringLiteral("timeout"))->parent()->isHidden());               // Select and timeout

        search->setText(QStringLiteral("ONE PAIR OF HANDS")); // titles, any case
        QCOMPARE(panel->visibleScenarios(), QStringList{QStringLiteral("coffee-toast")});

        search->setText(QStringLiteral("no such scenario"));
        QVERIFY(panel->visibleScenarios().isEmpty());

        search->clear();
        QCOMPARE(panel->visibleScenarios().size(), builtInCount());
        QCOMPARE(w.scenario().info.id, QStringLiteral("coffee-toast")); // filtering does not switch scenarios
    }

    void personsJoinedTakes14SecondsEach()
    {
        MainWindow w;
        clickScenario(w, QStringLiteral("persons-joined"));
        auto* persons = child<QSpinBox>(w, "param_PERSONS");
        QCOMPARE(persons->minimum(), 1);
        QCOMPARE(persons->maximum(), 6);
        QCOMPARE(persons->value(), 2);
        QCOMPARE(consoleLines(w).last(), QStringLiteral("It took: 28 seconds"));
        QVERIFY(!child<QLabel>(w, "settingsNote")->isVisibleTo(&w));

        persons->setValue(3);
        QCOMPARE(consoleLines(w).last(), QStringLiteral("It took: 42 seconds"));
        QVERIFY(status(w).startsWith(QStringLiteral("finished — total 42.")));
        QVERIFY(child<QLabel>(w, "settingsNote")->isVisibleTo(&w));
        QVERIFY(child<QLabel>(w, "settingsNote")->text().contains(QLatin1String("PERSONS</b> = 3")));
        QVERIFY(!w.lastRun().warnings.isEmpty()); // thread::sleep on a worker
        QVERIFY(child<QWidget>(w, "warnings")->isVisibleTo(&w));
        QCOMPARE(child<QTreeWidget>(w, "warnings")->topLevelItem(0)->text(1), QStringLiteral("blocking-in-async"));

        child<QPushButton>(w, "resetButton")->click();
        QCOMPARE(child<QSpinBox>(w, "param_PERSONS")->value(), 2);
        QCOMPARE(consoleLines(w).last(), QStringLiteral("It took: 28 seconds"));
    }

    void kettleParameter()
    {
        MainWindow w;
        auto* kettle = child<QSpinBox>(w, "param_KETTLE");
        QCOMPARE(kettle->value(), 10);
        kettle->setValue(20);
        QCOMPARE(status(w), QStringLiteral("finished — total 29.000s"));
        QVERIFY(w.findChild<QSpinBox*>(QStringLiteral("param_PERSONS")) == nullptr);
    }

    void stdMutexDeadlockIsReported()
    {
        MainWindow w;
        clickScenario(w, QStringLiteral("std-mutex-deadlock"));
        QCOMPARE(w.lastRun().status, QStringLiteral("deadlock"));
        QVERIFY(!w.lastRun().message.isEmpty());
        QVERIFY(status(w).startsWith(QStringLiteral("deadlock — total 0.000s — ")));
        QVERIFY(status(w).contains(w.lastRun().message));
        QVERIFY(status(w).contains(QLatin1String("std::sync::Mutex::lock")));
        QVERIFY(!consoleLines(w).contains(QStringLiteral("future one: dropping the guard")));
        QVERIFY(topLevelTexts(child<QTreeWidget>(w, "warnings"), 1).contains(QStringLiteral("deadlock")));
    }

    void brokenFileShowsAProblem()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("broken.rs"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#[tokio::main]\nasync fn main() {\n    println!(\"hi\");\n    let x = ;\n}\n");
        f.close();

        MainWindow w;
        w.openFile(path);
        QVERIFY(!w.scenario().ok());
        QCOMPARE(w.lastRun().status, QStringLiteral("error"));
        QVERIFY(status(w).startsWith(QLatin1String("error")));
        auto* problems = child<QTreeWidget>(w, "problems");
        QVERIFY(problems->isVisibleTo(&w));
        QCOMPARE(problems->topLevelItemCount(), 1);
        QCOMPARE(problems->topLevelItem(0)->text(0), path + QStringLiteral(":4:13"));
        QVERIFY(problems->topLevelItem(0)->text(1).contains(QLatin1String("expected an expression")));
        QVERIFY(problems->topLevelItem(0)->toolTip(0).contains(QLatin1String("let x = ;")));
        QVERIFY(child<QPlainTextEdit>(w, "source")->toPlainText().contains(QLatin1String("let x = ;")));
        QVERIFY(consoleLines(w).isEmpty());
        QVERIFY(w.findChild<pw::gui::LibraryPanel*>()->currentScenario().isEmpty());
        QCOMPARE(w.recentFiles(), QStringList{path});

        // Double-clicking the problem shows its line and column.
        emit problems->itemActivated(problems->topLevelItem(0), 0);
        const QTextCursor cursor = child<QPlainTextEdit>(w, "source")->textCursor();
        QCOMPARE(cursor.blockNumber() + 1, 4);
        QCOMPARE(cursor.positionInBlock() + 1, 13);

        // A file that panics when it runs: a run problem, and the lines before it still print.
        QFile p(dir.filePath(QStringLiteral("panic.rs")));
        QVERIFY(p.open(QIODevice::WriteOnly));
        p.write("#[tokio::main]\nasync fn main() {\n    println!(\"hi\");\n    panic!(\"boom\");\n}\n");
        p.close();
        w.openFile(p.fileName());
        QVERIFY(w.scenario().ok());
        QCOMPARE(consoleLines(w), QStringList{QStringLiteral("hi")});
        QCOMPARE(problems->topLevelItemCount(), 1);
        QCOMPARE(problems->topLevelItem(0)->text(0), p.fileName() + QStringLiteral(":4:5"));

        w.openFile(dir.filePath(QStringLiteral("missing.rs")));
        QCOMPARE(w.lastRun().status, QStringLiteral("error"));
        QCOMPARE(problems->topLevelItemCount(), 1);

        clickScenario(w, QStringLiteral("coffee-toast"));
        QCOMPARE(status(w), kFinished24);
        QVERIFY(!problems->isVisibleTo(&w));
    }

    void runawayFileStopsQuickly()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile f(dir.filePath(QStringLiteral("forever.rs")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#[tokio::main]\nasync fn main() {\n    loop { println!(\"tick\"); }\n}\n");
        f.close();

        MainWindow w;
        w.openFile(f.fileName());
        QVERIFY(!w.lastRun().finished());
        QCOMPARE(child<QTreeWidget>(w, "problems")->topLevelItem(0)->text(0), f.fileName() + QStringLiteral(":3:5"));
        QCOMPARE(w.lastRun().lines.size(), pw::gui::RunView::kMaxLines);
        QVERIFY(w.lastRun().omittedLines > 0);
        QVERIFY(child<QLabel>(w, "summaryLabel")->text().contains(QLatin1String("the first 5000 shown")));
        QCOMPARE(child<QTreeWidget>(w, "console")->topLevelItemCount(), pw::gui::RunView::kMaxLines);
    }

    void pinningProgramShowsItsMemoryDiagram()
    {
        MainWindow w;
        auto* tabs = w.findChild<pw::gui::AnalysisTabs*>();
        auto* source = w.findChild<pw::gui::SourceView*>();
        QVERIFY(tabs && source);
        QVERIFY(w.selectScenario(QStringLiteral("pin-swap")));
        pw::gui::MemoryDiagramView* memory = tabs->memory();
        QCOMPARE(tabs->currentWidget(), memory);
        QVERIFY(tabs->isTabVisible(tabs->indexOf(memory)));
        QVERIFY(memory->stepCount() > 3);
        // The source view highlights the line of the step shown, and follows the stepping.
        QCOMPARE(source->executingLine(), memory->currentLine());
        QVERIFY(source->executingLine() > 0);
        memory->setAnimationDuration(0);
        memory->lastStep();
        QCOMPARE(source->executingLine(), memory->currentLine());
        QVERIFY(source->document()
                    ->findBlockByNumber(source->executingLine() - 1)
                    .text()
                    .contains(QLatin1String("println!")));
        // A runtime scenario has no memory diagram: the tab goes away, the highlight too.
        QVERIFY(w.selectScenario(QStringLiteral("coffee-toast")));
        QVERIFY(!tabs->isTabVisible(tabs->indexOf(memory)));
        QVERIFY(tabs->currentWidget() != memory);
        QCOMPARE(source->executingLine(), 0);
    }

    void everyBuiltInRuns()
    {
        MainWindow w;
        const auto* panel = w.findChild<pw::gui::LibraryPanel*>();
        for (const QString& id : panel->visibleScenarios()) {
            QVERIFY(w.selectScenario(id));
            QVERIFY2(w.scenario().ok(), qPrintable(id));
            // Two pinning programs stop on purpose: the book's failing assertion after a move,
            // and the swap the compiler refuses on pinned values. Each reports exactly that.
            if (id == QLatin1String("pin-move") || id == QLatin1String("pin-stack")) {
                QCOMPARE(w.lastRun().problems.size(), 1);
                QVERIFY2(w.lastRun().problems.first().message.contains(
                             id == QLatin1String("pin-move") ? QLatin1String("panicked") : QLatin1String("E0277")),
                         qPrintable(w.lastRun().problems.first().message));
                continue;
            }
            QVERIFY2(w.lastRun().problems.isEmpty(), qPrintable(id));
            QVERIFY2(w.lastRun().status != QLatin1String("error"), qPrintable(id));
        }
        QVERIFY(!w.selectScenario(QStringLiteral("no-such-scenario")));
    }

    void optionsFromTheCommandLine()
    {
        pw::gui::StartOptions persons;
        persons.scenario = QStringLiteral("persons-joined");
        persons.params.insert(QStringLiteral("PERSONS"), 3);
        MainWindow w(persons);
        QCOMPARE(child<QSpinBox>(w, "param_PERSONS")->value(), 3);
        QCOMPARE(consoleLines(w).last(), QStringLiteral("It took: 42 seconds"));

        pw::gui::StartOptions runtime;
        runtime.workers = 2;
        runtime.flavor = pw::gui::Executor::CurrentThread;
        MainWindow v(runtime);
        QCOMPARE(v.scenario().info.id, QStringLiteral("coffee-toast"));
        QCOMPARE(child<QSpinBox>(v, "workersSpin")->value(), 2);
        QCOMPARE(child<QComboBox>(v, "flavorCombo")->currentText(), QStringLiteral("current_thread"));
        QCOMPARE(status(v), kFinished24);
    }

    void settingsRememberTheLastScenario()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
        QCoreApplication::setOrganizationName(QStringLiteral("pinwheel-tests"));
        pw::gui::StartOptions remembering;
        remembering.useSettings = true;
        {
            MainWindow w(remembering);
            QCOMPARE(w.scenario().info.id, QStringLiteral("coffee-toast"));
            QVERIFY(w.selectScenario(QStringLiteral("timeout")));
            w.openFile(QStringLiteral("/no/such/file.rs")); // not remembered: it does not exist
            QVERIFY(w.selectScenario(QStringLiteral("timeout")));
            w.close();
        }
        {
            MainWindow w(remembering);
            QCOMPARE(w.scenario().info.id, QStringLiteral("timeout"));
            QVERIFY(w.recentFiles().isEmpty());
        }
        {
            MainWindow w; // tests and screenshots leave the settings alone
            QCOMPARE(w.scenario().info.id, QStringLiteral("coffee-toast"));
        }
        QVERIFY(QFile::exists(QSettings().fileName()));
        QSettings().clear();
    }

    void consoleFollowsTheCursor()
    {
        MainWindow w;
        auto* console = child<QTreeWidget>(w, "console");
        const auto* pane = w.findChild<pw::gui::RunPane*>();
        QCOMPARE(w.lastRun().threads.size(), 1); // join! runs all on main
        QCOMPARE(w.lastRun().threads.first().name, QStringLiteral("main"));
        QCOMPARE(w.lastRun().idleThreads, 4); // the four workers
        QList<std::pair<qint64, qint64>> blocked, parked;
        for (const pw::gui::BlockedSpan& b : w.lastRun().blocked)
            (b.parked ? parked : blocked) << std::pair{b.startNs / 1'000'000'000, b.endNs / 1'000'000'000};
        // Busy hands: milk, coffee, water, butter. Free hands: waiting for the kettle and the toaster.
        QCOMPARE(blocked, (QList<std::pair<qint64, qint64>>{{0, 3}, {3, 6}, {16, 19}, {19, 24}}));
        QCOMPARE(parked, (QList<std::pair<qint64, qint64>>{{6, 16}}));

        // A new scenario shows the whole run: every line printed.
        QCOMPARE(w.playback()->cursor(), 24 * kS);
        QCOMPARE(pane->printedLines(), 13);
        // Clicking a console line moves the cursor to when it was printed.
        console->setCurrentItem(console->topLevelItem(6)); // "kettle boiled."
        QTest::mouseClick(console->viewport(), Qt::LeftButton, {},
                          console->visualItemRect(console->topLevelItem(6)).center());
        QCOMPARE(w.playback()->cursor(), 16 * kS);
        QCOMPARE(pane->printedLines(), 8); // "kettle boiled." and "pouring boiled water..." at 16 s
        QCOMPARE(pane->currentLine(), QStringLiteral("pouring boiled water..."));
        QCOMPARE(w.findChild<pw::gui::AnalysisTabs*>()->cursorTime(), 16 * kS);

        clickScenario(w, QStringLiteral("spawn-blocking-offload"));
        QStringList threads;
        for (const auto& t : w.lastRun().threads)
            threads << t.name;
        QVERIFY2(threads.contains(QStringLiteral("blocking-0")), qPrintable(threads.join(", ")));
    }

    void grabIsFullSizeAndNotBlank()
    {
        MainWindow w;
        w.resize(1400, 1000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QImage shot = w.grab().toImage();
        QCOMPARE(shot.size(), QSize(1400, 1000));

        // The timeline's spans: orange (blocked) and blue pixels inside the timeline's area.
        const auto* timeline = child<QWidget>(w, "timelineView");
        QVERIFY(timeline->isVisible());
        const QRect area(timeline->mapTo(&w, QPoint(0, 0)), timeline->size());
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
        QVERIFY2(ink > 5000, qPrintable(QStringLiteral("%1 non-background pixels").arg(ink)));
        QVERIFY2(blue > 100, qPrintable(QStringLiteral("%1 accent pixels").arg(blue)));

        // Every pane fits in the window.
        for (const char* name : {"library", "source", "console", "why", "transport", "timelineView", "controls"}) {
            const auto* pane = child<QWidget>(w, name);
            QVERIFY2(w.rect().contains(QRect(pane->mapTo(&w, QPoint(0, 0)), pane->size())), name);
        }
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
