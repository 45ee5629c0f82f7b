// The queue view (gui/queue_view.h), offscreen: it draws a row per thread and the shared
// queues, timers and mutexes of the snapshot at its time, chips in the tasks' colours, follows
// setTime both ways, and reports a click on a chip. Set QUEUE_VIEW_PNG=<dir> to keep the images.
#ifndef Q_MOC_RUN // moc 6.4 cannot parse C++20 <concepts>, which <coroutine> pulls in
#include "sim/runtime_snapshot.h"
#include "sim/scenario_library.h"
#endif

#include "gui/queue_view.h"

#include <QImage>
#include <QSignalSpy>
#include <QtTest>

#include <map>
#include <memory>

using namespace pw;
using pw::gui::QueueView;

namespace {

constexpr qint64 kMs = 1'000'000;
constexpr qint64 kS = 1'000'000'000;

std::shared_ptr<const Trace> traceOf(const std::string& id)
{
    static std::map<std::string, std::shared_ptr<const RunResult>> cache;
    auto& slot = cache[id];
    if (!slot) {
        const LoadResult l = loadScenarioByName(id);
        if (!l.scenario)
            return nullptr;
        slot = std::make_shared<const RunResult>(runScenario(*l.scenario, RunOptions{}));
    }
    return std::shared_ptr<const Trace>(slot, &slot->trace);
}

QImage render(QueueView& v, const QString& name, int height = 520)
{
    v.resize(1000, height);
    v.show();
    QCoreApplication::processEvents();
    const QImage img = v.grab().toImage().convertToFormat(QImage::Format_RGB32);
    const QByteArray dir = qgetenv("QUEUE_VIEW_PNG");
    if (!dir.isEmpty())
        img.save(QString::fromLocal8Bit(dir) + "/" + name + ".png");
    return img;
}

int countColour(const QImage& img, const QColor& c)
{
    const QRgb want = c.rgb();
    int n = 0;
    for (int y = 0; y < img.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(img.constScanLine(y));
        for (int x = 0; x < img.width(); ++x)
            n += (line[x] & 0xffffff) == (want & 0xffffff) ? 1 : 0;
    }
    return n;
}

QPoint findColour(const QImage& img, const QColor& c)
{
    const QRgb want = c.rgb() & 0xffffff;
    for (int y = 0; y < img.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(img.constScanLine(y));
        for (int x = 0; x < img.width(); ++x)
            if ((line[x] & 0xffffff) == want)
                return {x + 3, y + 3}; // inside the chip, past its rounded corner
    }
    return {-1, -1};
}

} // namespace

class TestQueueView : public QObject {
    Q_OBJECT
private slots:
    void drawsWorkerRowsAndQueues()
    {
        const auto tr = traceOf("persons-joined");
        QVERIFY(tr);
        QueueView v;
        v.setTrace(tr);
        v.setTime(100 * kMs + 1);
        const QImage img = render(v, "persons-joined");
        QVERIFY(!img.isNull());
        const QStringList rows = v.rowTitles();
        QCOMPARE(rows, (QStringList{"main", "worker-0", "inject queue", "timers"}));
        // Person two (task 2) is polled on worker-0, person one (task 1) waits in its queue; both
        // also have timers pending: their chips are drawn in their own colours.
        QVERIFY(countColour(img, QueueView::taskColor(1)) > 200);
        QVERIFY(countColour(img, QueueView::taskColor(2)) > 200);
        QCOMPARE(countColour(img, QueueView::taskColor(0)), 0); // main is in no queue and has no timer
        // Not blank: plenty of drawn (non-background) pixels.
        QVERIFY(img.width() * img.height() - countColour(img, Qt::white) > 5000);
        const RuntimeSnapshot* s = v.snapshot();
        QVERIFY(s);
        QCOMPARE(s->workers.size(), std::size_t(1));
        QCOMPARE(s->workers[0].local, std::vector<TaskId>{1});
    }

    void fourWorkersAndAMutex()
    {
        const auto coffee = traceOf("coffee-toast");
        QueueView v;
        v.setTrace(coffee);
        v.setTime(10 * kS);
        render(v, "coffee-toast");
        QCOMPARE(v.rowTitles(),
                 (QStringList{"main", "worker-0", "worker-1", "worker-2", "worker-3", "inject queue", "timers"}));
        QCOMPARE(v.snapshot()->timers.size(), std::size_t(2));

        const auto deadlock = traceOf("std-mutex-deadlock");
        v.setTrace(deadlock);
        v.setTime(deadlock->status.endNs);
        const QImage img = render(v, "std-mutex-deadlock");
        QCOMPARE(v.rowTitles(), (QStringList{"main", "timers", "mutex 'data'"}));
        QVERIFY(countColour(img, QueueView::taskColor(0)) > 200); // main: the holder, the waiter, the timer
    }

    void aBusyRuntime()
    {
        // Three workers with long local queues (some stolen), a blocking-pool job and a tokio
        // Mutex with one holder and eleven waiters; task names repeat, so chips carry their ids.
        const char* source = R"(//! # a busy runtime
use std::sync::Arc;
use std::thread;
use std::time::Duration;

#[tokio::main(flavor = "multi_thread", worker_threads = 3)]
async fn main() {
    let lock = Arc::new(tokio::sync::Mutex::new(0));
    let spawner = tokio::spawn(async {
        for _ in 0..30 {
            tokio::spawn(async {
                thread::sleep(Duration::from_millis(100));
            });
        }
        thread::sleep(Duration::from_secs(1));
    });
    for _ in 0..12 {
        let l = lock.clone();
        tokio::spawn(async move {
            let g = l.lock().await;
            tokio::time::sleep(Duration::from_millis(500)).await;
            drop(g);
        });
    }
    let job = tokio::task::spawn_blocking(|| {
        thread::sleep(Duration::from_secs(2));
    });
    spawner.await.unwrap();
    job.await.unwrap();
}
)";
        const LoadResult l = loadScenario("busy.rs", source);
        QVERIFY(l.scenario);
        auto run = std::make_shared<const RunResult>(runScenario(*l.scenario, RunOptions{}));
        QueueView v;
        v.setTrace(std::shared_ptr<const Trace>(run, &run->trace));
        v.setTime(50 * kMs);
        const QImage img = render(v, "busy", 600);
        QCOMPARE(v.rowTitles(), (QStringList{"main", "worker-0", "worker-1", "worker-2", "blocking-0", "inject queue",
                                             "blocking pool", "timers", "mutex 'lock'"}));
        const RuntimeSnapshot* s = v.snapshot();
        QCOMPARE(s->mutexes.size(), std::size_t(1));
        QCOMPARE(s->mutexes[0].waiters.size(), std::size_t(11));
        QVERIFY(s->workers[2].local.size() > 10);
        // The first chips of each queue are drawn in their tasks' colours.
        QVERIFY(countColour(img, QueueView::taskColor(s->workers[2].local.front())) > 100);
        QVERIFY(countColour(img, QueueView::taskColor(s->mutexes[0].holder)) > 100);
    }

    void followsTheCursorBothWays()
    {
        const auto tr = traceOf("persons-joined");
        QueueView v;
        v.setTrace(tr);
        for (qint64 t : {qint64(0), 100 * kMs + 1, 7 * kS, 12100 * kMs, 30 * kS, 6100 * kMs, 0 * kS, 11 * kS}) {
            v.setTime(t);
            QCOMPARE(v.time(), t);
            QVERIFY(*v.snapshot() == snapshotAt(*tr, t));
        }
    }

    void clickingAChipSelectsTheTask()
    {
        QueueView v;
        v.setTrace(traceOf("persons-joined"));
        v.setTime(100 * kMs + 1);
        const QImage img = render(v, "click");
        const QPoint at = findColour(img, QueueView::taskColor(1));
        QVERIFY(at.x() >= 0);
        QWidget* target = v.childAt(at);
        QVERIFY(target);
        QSignalSpy spy(&v, &QueueView::taskSelected);
        QTest::mouseClick(target, Qt::LeftButton, {}, target->mapFrom(&v, at));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<quint32>(), quint32(1));
    }

    void withoutATrace()
    {
        QueueView v;
        const QImage img = render(v, "empty");
        QVERIFY(!img.isNull());
        QVERIFY(v.rowTitles().isEmpty());
        QVERIFY(!v.snapshot());
        v.setTrace(traceOf("coffee-toast"));
        QVERIFY(v.snapshot());
        v.setTrace(nullptr);
        QVERIFY(!v.snapshot());
        QVERIFY(v.rowTitles().isEmpty());
    }

    void taskColoursAreStableAndDistinct()
    {
        QCOMPARE(QueueView::taskColor(7), QueueView::taskColor(7));
        for (quint32 a = 0; a < 12; ++a)
            for (quint32 b = a + 1; b < 12; ++b)
                QVERIFY(QueueView::taskColor(a) != QueueView::taskColor(b));
        // Pastel fills: dark text stays readable on every chip.
        for (quint32 t = 0; t < 64; ++t)
            QVERIFY(QueueView::taskColor(t).lightnessF() > 0.7);
    }
};

QTEST_MAIN(TestQueueView)
#include "tst_queue_view.moc"
