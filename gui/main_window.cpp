#include "main_window.h"

#include "app_style.h"
#include "coffee_toast_source.h"
#include "run_strip.h"
#include "rust_highlighter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTextBlock>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace pw::gui {

namespace {
enum Column { TimeColumn, ThreadColumn, TaskColumn, LineColumn };

constexpr const char* kStyleSheet = R"(
QToolBar#controls { border: none; border-bottom: 1px solid #d0d7de; background: #ffffff; padding: 0px; }
QToolBar#controls QLabel { color: #57606a; }
QLabel#programLabel { color: #1f2328; font-weight: 600; font-size: 11pt; }
QLabel#originLabel { color: #6e7781; }
QFrame#toolSeparator { color: #d0d7de; margin: 2px 8px; }
QLabel[role="paneTitle"] { color: #1f2328; font-weight: 600; font-size: 11pt; }
QLabel[role="paneSubtitle"] { color: #6e7781; }
QPlainTextEdit#source, QTreeWidget#console { border: 1px solid #d0d7de; border-radius: 6px; background: #ffffff; }
QPlainTextEdit#source { background: #fbfcfd; }
QTreeWidget#console::item { padding: 3px 2px; }
QHeaderView::section { background: #f6f8fa; color: #57606a; border: none; border-bottom: 1px solid #d0d7de; padding: 5px 6px; font-weight: 600; }
QStatusBar { background: #ffffff; border-top: 1px solid #d0d7de; }
QStatusBar QLabel { color: #1f2328; padding: 2px 6px; }
QStatusBar::item { border: none; }
QStatusBar QLabel#statusDot { padding: 2px 0px 2px 8px; }
QStatusBar QLabel#summaryLabel { color: #57606a; padding-right: 12px; }
QSplitter::handle { background: transparent; }
)";

QLabel* paneLabel(const QString& text, const char* role)
{
    auto* label = new QLabel(text);
    label->setProperty("role", QString::fromLatin1(role));
    return label;
}

QWidget* paneHeader(const QString& title, const QString& subtitle)
{
    auto* header = new QWidget;
    auto* layout = new QHBoxLayout(header);
    layout->setContentsMargins(2, 0, 2, 2);
    layout->setSpacing(10);
    layout->addWidget(paneLabel(title, "paneTitle"));
    layout->addWidget(paneLabel(subtitle, "paneSubtitle"), 1);
    return header;
}

QFrame* separator()
{
    auto* line = new QFrame;
    line->setFrameShape(QFrame::VLine);
    line->setObjectName(QStringLiteral("toolSeparator"));
    line->setFixedWidth(17);
    return line;
}

QString statusColor(const QString& status)
{
    return status == QLatin1String("finished") ? QStringLiteral("#1a7f37") : QStringLiteral("#cf222e");
}
} // namespace

MainWindow::MainWindow(const RunOptions& options, QWidget* parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Pinwheel — Coffee and toast"));
    setStyleSheet(QString::fromLatin1(kStyleSheet));

    buildToolBar();
    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("panes"));
    splitter->setChildrenCollapsible(false);
    splitter->setHandleWidth(12);
    splitter->addWidget(buildSourcePane());
    splitter->addWidget(buildRunPane());
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({560, 840});

    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(14, 12, 14, 12);
    layout->addWidget(splitter);
    setCentralWidget(central);
    buildStatusBar();

    resize(1400, 860);
    setOptions(options);
}

void MainWindow::buildToolBar()
{
    auto* bar = addToolBar(tr("Run"));
    bar->setObjectName(QStringLiteral("controls"));
    bar->setMovable(false);
    bar->setFloatable(false);
    bar->toggleViewAction()->setEnabled(false);

    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(8);

    auto* program = new QLabel(tr("Coffee and toast"));
    program->setObjectName(QStringLiteral("programLabel"));
    layout->addWidget(program);
    auto* origin = new QLabel(tr("002 · Async Rust, ch. 2"));
    origin->setObjectName(QStringLiteral("originLabel"));
    layout->addWidget(origin);
    layout->addWidget(separator());

    layout->addWidget(new QLabel(tr("Flavor")));
    m_flavor = new QComboBox;
    m_flavor->setObjectName(QStringLiteral("flavorCombo"));
    m_flavor->addItem(flavorName(RunFlavor::MultiThread));
    m_flavor->addItem(flavorName(RunFlavor::CurrentThread));
    m_flavor->setToolTip(tr("#[tokio::main(flavor = \"...\")]"));
    layout->addWidget(m_flavor);

    layout->addSpacing(10);
    layout->addWidget(new QLabel(tr("Workers")));
    m_workers = new QSpinBox;
    m_workers->setObjectName(QStringLiteral("workersSpin"));
    m_workers->setRange(1, 16);
    m_workers->setValue(4);
    m_workers->setMinimumWidth(60);
    m_workers->setToolTip(tr("worker_threads of the multi_thread runtime"));
    layout->addWidget(m_workers);
    layout->addWidget(separator());

    m_yield = new QCheckBox(tr("yield first (sleep 100 ms in prep_coffee_mug)"));
    m_yield->setObjectName(QStringLiteral("yieldCheck"));
    m_yield->setToolTip(tr("002's second version: sleep(Duration::from_millis(100)).await before pouring milk"));
    layout->addWidget(m_yield);
    layout->addStretch(1);
    bar->addWidget(row);

    connect(m_workers, &QSpinBox::valueChanged, this, &MainWindow::rerun);
    connect(m_flavor, &QComboBox::currentIndexChanged, this, &MainWindow::rerun);
    connect(m_yield, &QCheckBox::toggled, this, &MainWindow::rerun);
}

QWidget* MainWindow::buildSourcePane()
{
    auto* pane = new QWidget;
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(paneHeader(tr("main.rs"), tr("as the book prints it; changed lines are marked")));

    m_source = new QPlainTextEdit;
    m_source->setObjectName(QStringLiteral("source"));
    m_source->setReadOnly(true);
    m_source->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_source->setFont(monospaceFont(10));
    m_source->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_source->document()->setDocumentMargin(10);
    new RustHighlighter(m_source->document());
    layout->addWidget(m_source);
    return pane;
}

QWidget* MainWindow::buildRunPane()
{
    auto* pane = new QWidget;
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(paneHeader(tr("Console"), tr("what println! printed, with the simulated time of each line")));

    m_console = new QTreeWidget;
    m_console->setObjectName(QStringLiteral("console"));
    m_console->setHeaderLabels({tr("Time"), tr("Thread"), tr("Task"), tr("Line")});
    m_console->setRootIsDecorated(false);
    m_console->setUniformRowHeights(true);
    m_console->setAlternatingRowColors(true);
    m_console->setAllColumnsShowFocus(true);
    m_console->setSelectionMode(QAbstractItemView::SingleSelection);
    m_console->headerItem()->setTextAlignment(TimeColumn, Qt::AlignRight | Qt::AlignVCenter);
    m_console->header()->setStretchLastSection(true);
    m_console->header()->setSectionsMovable(false);
    m_console->setColumnWidth(TimeColumn, 100);
    m_console->setColumnWidth(ThreadColumn, 110);
    m_console->setColumnWidth(TaskColumn, 90);
    layout->addWidget(m_console, 1);

    layout->addSpacing(8);
    layout->addWidget(paneHeader(
        tr("Timeline"),
        tr("one row per thread that printed:  <span style='color:#2f6fdf'>●</span> a printed line   "
           "<span style='color:#e0a93c'>▬</span> blocked in thread::sleep")));
    m_strip = new RunStrip;
    layout->addWidget(m_strip);

    connect(m_console, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        m_strip->setHighlightedLine(item ? m_console->indexOfTopLevelItem(item) : -1);
    });
    connect(m_strip, &RunStrip::lineClicked, this, [this](int index) {
        if (QTreeWidgetItem* item = m_console->topLevelItem(index)) {
            m_console->setCurrentItem(item);
            m_console->scrollToItem(item);
        }
    });
    return pane;
}

void MainWindow::buildStatusBar()
{
    m_statusDot = new QLabel(QStringLiteral("●"));
    m_statusDot->setObjectName(QStringLiteral("statusDot"));
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    statusBar()->setSizeGripEnabled(false);
    statusBar()->addWidget(m_statusDot);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_summary);
}

RunOptions MainWindow::options() const
{
    RunOptions o;
    o.workers = m_workers->value();
    o.flavor = flavorFromName(m_flavor->currentText()).value_or(RunFlavor::MultiThread);
    o.yieldFirst = m_yield->isChecked();
    return o;
}

void MainWindow::setOptions(const RunOptions& options)
{
    m_updating = true;
    m_workers->setValue(options.workers);
    m_flavor->setCurrentText(flavorName(options.flavor));
    m_yield->setChecked(options.yieldFirst);
    m_updating = false;
    rerun();
}

void MainWindow::rerun()
{
    if (m_updating)
        return;
    const RunOptions o = options();
    m_workers->setEnabled(o.flavor == RunFlavor::MultiThread);
    m_run = runCoffeeToast(o);
    showSource();
    showRun();
}

void MainWindow::showSource()
{
    const ProgramSource src = coffeeToastSource(options());
    m_source->setPlainText(src.text);

    QList<QTextEdit::ExtraSelection> marks;
    for (int line : src.changedLines) {
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(m_source->document()->findBlockByNumber(line));
        mark.format.setBackground(QColor(0xff, 0xf3, 0xc4));
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        marks << mark;
    }
    m_source->setExtraSelections(marks);
}

void MainWindow::showRun()
{
    const QFont mono = monospaceFont(10);
    m_console->clear();
    QList<QTreeWidgetItem*> items;
    for (const ConsoleLine& l : std::as_const(m_run.lines)) {
        auto* item = new QTreeWidgetItem({l.time, l.thread, l.task, l.text});
        item->setTextAlignment(TimeColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setFont(TimeColumn, mono);
        item->setFont(LineColumn, mono);
        item->setForeground(TimeColumn, QColor(0x57, 0x60, 0x6a));
        item->setToolTip(LineColumn, l.text);
        items << item;
    }
    m_console->addTopLevelItems(items);
    m_strip->setRun(m_run);

    const QString color = statusColor(m_run.status);
    m_statusDot->setStyleSheet(QStringLiteral("color: %1;").arg(color));
    QString status = QStringLiteral("%1 — total %2").arg(m_run.status, m_run.endTime);
    if (m_run.status != QLatin1String("finished") && !m_run.message.isEmpty())
        status += QStringLiteral(" — ") + m_run.message;
    m_status->setText(status);
    m_status->setToolTip(m_run.message);

    const RunOptions o = options();
    QString runtime = flavorName(o.flavor);
    if (o.flavor == RunFlavor::MultiThread)
        runtime += o.workers == 1 ? tr(", 1 worker") : tr(", %1 workers").arg(o.workers);
    const auto lines = m_run.lines.size();
    m_summary->setText((lines == 1 ? tr("1 line printed") : tr("%1 lines printed").arg(lines)) +
                       QStringLiteral("  ·  ") + runtime);
}

} // namespace pw::gui
