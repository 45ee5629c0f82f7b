// File > Export: the timeline as PNG at 1x/2x/3x and as SVG with the title, parameters and legend,
// the clipboard image, the trace JSON, and the export dialog's form.
#ifndef Q_MOC_RUN // moc 6.4 cannot parse C++20 <concepts>, which <coroutine> pulls in
#include "sim/timeline_model.h"
#endif

#include "gui/analysis_tabs.h"
#include "gui/app_actions.h"
#include "gui/app_export.h"
#include "gui/app_style.h"
#include "gui/compare_view.h"
#include "gui/export_dialog.h"
#include "gui/main_window.h"
#include "gui/timeline_palette.h"
#include "gui/timeline_view.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using namespace pw::gui;

namespace {

const pw::TimelineModel& timelineOf(const MainWindow& w)
{
    const pw::TimelineModel* m = w.analysisTabs()->timeline()->model();
    if (!m)
        qFatal("the window has no timeline");
    return *m;
}

} // namespace

class TstExport : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { applyAppStyle(*qApp); }

    void pngAtTwoXIsTwiceTheSize()
    {
        MainWindow w;
        QTemporaryDir dir;
        ImageExportSettings s = w.appActions()->imageSettings();
        QCOMPARE(s.title, QStringLiteral("Coffee and toast: one pair of hands"));
        QVERIFY(s.subtitle.contains(QStringLiteral("KETTLE = 10 s")));
        QVERIFY(s.subtitle.contains(QStringLiteral("finished at 24.000s")));
        s.widthPx = 1000;
        QSize sizes[4];
        for (int scale : {1, 2, 3}) {
            s.scale = scale;
            const QString path = dir.filePath(QStringLiteral("t%1.png").arg(scale));
            QString error;
            QVERIFY2(w.appActions()->exportImage(path, s, &error), qPrintable(error));
            const QImage image(path);
            QVERIFY(!image.isNull());
            sizes[scale] = image.size();
        }
        QCOMPARE(sizes[1].width(), 1000);
        QCOMPARE(sizes[2], sizes[1] * 2);
        QCOMPARE(sizes[3], sizes[1] * 3);
        // Light unless asked: the corner is the light palette's background.
        QCOMPARE(QImage(dir.filePath(QStringLiteral("t1.png"))).pixelColor(1, 1), TimelinePalette::light().background);
    }

    void svgKeepsTheTitleAsText()
    {
        MainWindow w;
        QTemporaryDir dir;
        ImageExportSettings s = w.appActions()->imageSettings();
        s.format = ImageExportSettings::Format::Svg;
        const QString path = dir.filePath(QStringLiteral("t.svg"));
        QString error;
        QVERIFY2(w.appActions()->exportImage(path, s, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString svg = QString::fromUtf8(f.readAll());
        QVERIFY(svg.startsWith(QStringLiteral("<?xml")));
        QVERIFY(svg.contains(QStringLiteral("<text")));
        QVERIFY(svg.contains(QStringLiteral(">Coffee and toast: one pair of hands</text>")));
        QVERIFY(svg.contains(QStringLiteral("KETTLE = 10 s")));
        QVERIFY(svg.contains(QStringLiteral("polling"))); // the legend
    }

    void writingToAMissingDirectoryFails()
    {
        MainWindow w;
        QString error;
        QVERIFY(!w.appActions()->exportImage(QStringLiteral("/no/such/dir/t.png"), w.appActions()->imageSettings(),
                                             &error));
        QVERIFY(error.contains(QStringLiteral("/no/such/dir/t.png")));
        QVERIFY(!w.appActions()->saveTrace(QStringLiteral("/no/such/dir/t.json"), &error));
        QVERIFY(error.contains(QStringLiteral("/no/such/dir/t.json")));
    }

    void clipboardGetsTheImage()
    {
        MainWindow w;
        QClipboard* clipboard = QGuiApplication::clipboard();
        QVERIFY(clipboard);
        clipboard->clear();
        QCOMPARE(w.appActions()->copyImageAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+C")));
        w.appActions()->copyImageAction()->trigger();
        const QImage copied = clipboard->image();
        QVERIFY(!copied.isNull());
        const QImage expected = timelineImage(timelineOf(w), w.appActions()->imageSettings());
        QCOMPARE(copied.size(), expected.size());
        QCOMPARE(copied.width(), w.appActions()->imageSettings().widthPx * 2);
    }

    void traceJsonParsesAndHasEvents()
    {
        MainWindow w;
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("t.json"));
        QString error;
        QVERIFY2(w.appActions()->saveTrace(path, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonParseError parse;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parse);
        QCOMPARE(parse.error, QJsonParseError::NoError);
        QCOMPARE(
            doc.object().value(QStringLiteral("otherData")).toObject().value(QStringLiteral("scenario")).toString(),
            QStringLiteral("coffee-toast"));
        const QJsonArray events = doc.object().value(QStringLiteral("traceEvents")).toArray();
        QVERIFY(events.size() > 13);
        QStringList printed;
        int slices = 0;
        for (const QJsonValue& v : events) {
            const QJsonObject e = v.toObject();
            if (e.value(QStringLiteral("ph")).toString() == QLatin1String("i"))
                printed << e.value(QStringLiteral("name")).toString();
            slices += e.value(QStringLiteral("ph")).toString() == QLatin1String("X") ? 1 : 0;
        }
        QVERIFY(slices > 0);
        QVERIFY(printed.contains(QStringLiteral("Pouring milk...")));
        QVERIFY(printed.contains(QStringLiteral("It took: 24 seconds")));
        QCOMPARE(w.appActions()->saveTraceAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+T")));
    }

    void aRunWithoutTraceHasNothingToSave()
    {
        RunView failed;
        failed.status = QStringLiteral("error");
        QVERIFY(traceJson(failed).isEmpty());
        QString error;
        QTemporaryDir dir;
        QVERIFY(!saveTraceJson(failed, dir.filePath(QStringLiteral("x.json")), &error));
        QVERIFY(error.contains(QStringLiteral("no trace")));

        // In the window: a scenario that does not load leaves nothing to export or pin.
        MainWindow w;
        w.openFile(QStringLiteral("/no/such/scenario.rs"));
        QVERIFY(!w.lastRun().trace);
        QVERIFY(!w.appActions()->copyImage());
        error.clear();
        QVERIFY(!w.appActions()->exportImage(dir.filePath(QStringLiteral("x.png")), w.appActions()->imageSettings(),
                                             &error));
        QVERIFY(error.contains(QStringLiteral("no timeline")));
        QVERIFY(!w.appActions()->saveTrace(dir.filePath(QStringLiteral("x.json")), &error));
        w.appActions()->pinAction()->trigger();
        QVERIFY(!w.analysisTabs()->compare()->hasPinned());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.png"))));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.json"))));
    }

    void dialogFormBecomesSettings()
    {
        ImageExportSettings initial;
        initial.title = QStringLiteral("Title");
        initial.subtitle = QStringLiteral("sub");
        ExportDialog dialog(initial, TimeRange{2'000'000'000, 5'000'000'000});
        ImageExportSettings s = dialog.settings();
        QCOMPARE(s.format, ImageExportSettings::Format::Png);
        QCOMPARE(s.scale, 2.0);
        QCOMPARE(s.widthPx, 1600);
        QVERIFY(!s.dark);
        QCOMPARE(s.range.fromNs, -1);

        dialog.findChild<QComboBox*>(QStringLiteral("exportFormat"))->setCurrentIndex(1);
        dialog.findChild<QComboBox*>(QStringLiteral("exportScale"))->setCurrentIndex(2);
        dialog.findChild<QSpinBox*>(QStringLiteral("exportWidth"))->setValue(1200);
        dialog.findChild<QComboBox*>(QStringLiteral("exportRange"))->setCurrentIndex(1);
        dialog.findChild<QCheckBox*>(QStringLiteral("exportDark"))->setChecked(true);
        s = dialog.settings();
        QCOMPARE(s.format, ImageExportSettings::Format::Svg);
        QCOMPARE(s.scale, 3.0);
        QCOMPARE(s.widthPx, 1200);
        QCOMPARE(s.range.fromNs, 2'000'000'000);
        QCOMPARE(s.range.toNs, 5'000'000'000);
        QVERIFY(s.dark);
        QCOMPARE(s.title, QStringLiteral("Title"));
        QCOMPARE(s.subtitle, QStringLiteral("sub"));
        QVERIFY(!dialog.findChild<QComboBox*>(QStringLiteral("exportScale"))->isEnabled()); // SVG has no scale
    }

    void visibleRangeExportShowsOnlyThatRange()
    {
        MainWindow w;
        ImageExportSettings whole = w.appActions()->imageSettings();
        whole.scale = 1;
        whole.showLegend = false;
        ImageExportSettings part = whole;
        part.range = TimeRange{0, 6'000'000'000}; // the mug only: nothing but main's blocked thread::sleep
        const QImage a = timelineImage(timelineOf(w), whole);
        const QImage b = timelineImage(timelineOf(w), part);
        QCOMPARE(a.size(), b.size());
        QVERIFY(a != b);
    }
};

QTEST_MAIN(TstExport)
#include "tst_export.moc"
