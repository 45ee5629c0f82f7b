// Editing in the app window: an edit re-runs after the typing pause, an edit that does not load
// keeps the text and the last good run with the problem marked, Save writes exactly the text,
// and unsaved edits are never dropped without asking.
#include "gui/app_style.h"
#include "gui/main_window.h"
#include "gui/source_view.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTreeWidget>
#include <QtTest>

#include <functional>

using pw::gui::MainWindow;

namespace {

pw::gui::StartOptions startOn(const QString& scenario)
{
    pw::gui::StartOptions o;
    o.scenario = scenario;
    return o;
}

pw::gui::SourceView* editor(const MainWindow& w)
{
    auto* e = w.findChild<pw::gui::SourceView*>();
    if (!e)
        qFatal("no editor");
    return e;
}

/// Replaces the first `from` in the editor as typing would (through a text cursor).
void type(const MainWindow& w, const QString& from, const QString& to)
{
    QTextDocument* doc = editor(w)->document();
    QTextCursor c = doc->find(from);
    if (c.isNull())
        qFatal("'%s' is not in the source", qPrintable(from));
    c.insertText(to);
}

/// The menu action with this text, anywhere in the menu bar.
QAction* action(const MainWindow& w, const QString& text)
{
    std::function<QAction*(const QList<QAction*>&)> find = [&](const QList<QAction*>& actions) -> QAction* {
        for (QAction* a : actions) {
            if (a->text() == text)
                return a;
            if (a->menu())
                if (QAction* found = find(a->menu()->actions()))
                    return found;
        }
        return nullptr;
    };
    QAction* a = find(w.menuBar()->actions());
    if (!a)
        qFatal("no action '%s'", qPrintable(text));
    return a;
}

QString status(const MainWindow& w)
{
    return w.findChild<QLabel*>(QStringLiteral("statusLabel"))->text();
}

QStringList consoleLines(const MainWindow& w)
{
    const auto* console = w.findChild<QTreeWidget*>(QStringLiteral("console"));
    QStringList out;
    for (int i = 0; i < console->topLevelItemCount(); ++i)
        out << console->topLevelItem(i)->text(3);
    return out;
}

const QString kButter = QStringLiteral("thread::sleep(Duration::from_secs(5));");
const QString kButterFaster = QStringLiteral("thread::sleep(Duration::from_secs(1));");

} // namespace

class TestAppEditing : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { pw::gui::applyAppStyle(*qApp); }

    void anEditRerunsAfterThePause()
    {
        MainWindow w;
        QCOMPARE(w.lastRun().endTime, QStringLiteral("24.000s"));
        QVERIFY(!w.hasUnsavedChanges());
        type(w, kButter, kButterFaster); // buttering takes 1 s instead of 5
        QVERIFY(w.hasUnsavedChanges());
        QCOMPARE(w.lastRun().endTime, QStringLiteral("24.000s")); // not while typing
        QTRY_COMPARE(w.lastRun().endTime, QStringLiteral("20.000s"));
        QCOMPARE(consoleLines(w).last(), QStringLiteral("It took: 20 seconds"));
        QVERIFY(editor(w)->toPlainText().contains(kButterFaster));
        // Typing the original back is not a change any more.
        type(w, kButterFaster, kButter);
        w.runEditedSource();
        QVERIFY(!w.hasUnsavedChanges());
        QCOMPARE(w.lastRun().endTime, QStringLiteral("24.000s"));
    }

    void anEditThatDoesNotLoadKeepsTheTextAndTheLastRun()
    {
        MainWindow w;
        type(w, QStringLiteral("println!(\"Milk poured.\");"), QStringLiteral("println!(\"Milk poured.\"); let x = ;"));
        const QString broken = editor(w)->toPlainText();
        w.runEditedSource();
        QCOMPARE(editor(w)->toPlainText(), broken);               // never replaced
        QCOMPARE(w.lastRun().endTime, QStringLiteral("24.000s")); // the views keep the last good run
        QCOMPARE(consoleLines(w).size(), 13);
        QVERIFY2(status(w).contains(QStringLiteral("does not run")), qPrintable(status(w)));
        const auto* problems = w.findChild<QTreeWidget*>(QStringLiteral("problems"));
        QCOMPARE(problems->topLevelItemCount(), 1);
        QVERIFY2(problems->topLevelItem(0)->text(0).contains(QStringLiteral(":20:")),
                 qPrintable(problems->topLevelItem(0)->text(0)));
        QVERIFY(editor(w)->taskMarkers().isEmpty()); // the markers belong to the old text

        // Fixing it runs again.
        type(w, QStringLiteral(" let x = ;"), QString());
        w.runEditedSource();
        QCOMPARE(status(w), QStringLiteral("finished — total 24.000s"));
        QVERIFY(!problems->isVisible());
    }

    void anEditThatStopsOnAnErrorKeepsTheLastRun()
    {
        MainWindow w;
        type(w, QStringLiteral("println!(\"Milk poured.\");"), QStringLiteral("println!(\"Milk poured.\"); nosuch();"));
        w.runEditedSource();
        QCOMPARE(w.lastRun().endTime, QStringLiteral("24.000s")); // the good run stays
        QVERIFY2(status(w).contains(QStringLiteral("does not run")), qPrintable(status(w)));
        const auto* problems = w.findChild<QTreeWidget*>(QStringLiteral("problems"));
        QCOMPARE(problems->topLevelItemCount(), 1);
        QVERIFY2(problems->topLevelItem(0)->text(1).contains(QStringLiteral("nosuch")),
                 qPrintable(problems->topLevelItem(0)->text(1)));
    }

    void saveWritesExactlyTheText()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("faster-butter.rs"));
        QString text;
        {
            MainWindow w;
            type(w, kButter, kButterFaster);
            w.runEditedSource();
            text = editor(w)->toPlainText();
            QVERIFY(w.saveTo(path));
            QVERIFY(!w.hasUnsavedChanges());
            QCOMPARE(w.scenario().name, path);
            QCOMPARE(w.scenario().info.fileName, path); // problems now point at the new file
            QVERIFY(!w.scenario().builtIn);
            QCOMPARE(w.recentFiles(), QStringList{path});
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(f.readAll()), text);

        MainWindow reopened(startOn(path));
        QCOMPARE(editor(reopened)->toPlainText(), text);
        QCOMPARE(reopened.lastRun().endTime, QStringLiteral("20.000s"));
    }

    void aFailedSaveKeepsTheEdits()
    {
        MainWindow w;
        type(w, kButter, kButterFaster);
        QTimer::singleShot(0, [] {
            // The save failure is reported in a message box: close it.
            for (QWidget* top : QApplication::topLevelWidgets())
                if (top->inherits("QMessageBox"))
                    top->close();
        });
        QVERIFY(!w.saveTo(QStringLiteral("/nonexistent-dir/x.rs")));
        QVERIFY(w.hasUnsavedChanges());
        QVERIFY(editor(w)->toPlainText().contains(kButterFaster));
    }

    void openRecentAndReloadAskFirst()
    {
        QTemporaryDir dir;
        const QString other = dir.filePath(QStringLiteral("other.rs"));
        {
            QFile f(other);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("#[tokio::main]\nasync fn main() { println!(\"other\"); }\n");
        }
        MainWindow w;
        w.openFile(other); // no edits yet: it opens, and becomes a recent file
        QCOMPARE(w.scenario().name, other);
        w.openScenario(QStringLiteral("coffee-toast"));
        type(w, kButter, kButterFaster);
        int asked = 0;
        w.setUnsavedChangesPrompt([&] {
            ++asked;
            return QMessageBox::Cancel;
        });
        action(w, QStringLiteral("other.rs"))->trigger(); // File > Open Recent > other.rs
        QCOMPARE(asked, 1);
        QCOMPARE(w.scenario().info.id, QStringLiteral("coffee-toast"));
        action(w, QStringLiteral("&Reload"))->trigger();
        QCOMPARE(asked, 2);
        QVERIFY(editor(w)->toPlainText().contains(kButterFaster));
        QVERIFY(w.hasUnsavedChanges());
    }

    void unsavedEditsAreNeverDroppedWithoutAsking()
    {
        MainWindow w;
        type(w, kButter, kButterFaster);
        int asked = 0;
        w.setUnsavedChangesPrompt([&] {
            ++asked;
            return QMessageBox::Cancel;
        });
        auto* library = w.findChild<QTreeWidget*>(QStringLiteral("library"));
        auto select = [&](const QString& id) {
            for (int g = 0; g < library->topLevelItemCount(); ++g)
                for (int i = 0; i < library->topLevelItem(g)->childCount(); ++i)
                    if (library->topLevelItem(g)->child(i)->data(0, Qt::UserRole).toString() == id)
                        library->setCurrentItem(library->topLevelItem(g)->child(i));
        };
        select(QStringLiteral("timeout"));
        QCOMPARE(asked, 1);
        QCOMPARE(w.scenario().info.id, QStringLiteral("coffee-toast"));
        QVERIFY(editor(w)->toPlainText().contains(kButterFaster));
        QVERIFY(!w.close()); // Cancel keeps the window open too
        QCOMPARE(asked, 2);

        w.setUnsavedChangesPrompt([&] {
            ++asked;
            return QMessageBox::Discard;
        });
        select(QStringLiteral("timeout"));
        QCOMPARE(asked, 3);
        QCOMPARE(w.scenario().info.id, QStringLiteral("timeout"));
        QVERIFY(!w.hasUnsavedChanges());
        QVERIFY(w.close()); // nothing left to ask about
        QCOMPARE(asked, 3);
    }
};

QTEST_MAIN(TestAppEditing)
#include "tst_app_editing.moc"
