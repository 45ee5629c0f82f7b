#include "run_controls.h"

#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

#include <algorithm>
#include <limits>

namespace pw::gui {

namespace {

QFrame* separator()
{
    auto* line = new QFrame;
    line->setFrameShape(QFrame::VLine);
    line->setObjectName(QStringLiteral("toolSeparator"));
    line->setFixedWidth(17);
    return line;
}

QString unitSuffix(const QString& unit)
{
    if (unit == QLatin1String("seconds"))
        return QStringLiteral(" s");
    if (unit == QLatin1String("milliseconds"))
        return QStringLiteral(" ms");
    if (unit.isEmpty() || unit == QLatin1String("count"))
        return {};
    return QLatin1Char(' ') + unit;
}

int toInt(qint64 v)
{
    return static_cast<int>(std::clamp<qint64>(v, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
}

QSpinBox* spinBox(const char* name, int min, int max, const QString& toolTip)
{
    auto* spin = new QSpinBox;
    spin->setObjectName(QString::fromLatin1(name));
    spin->setRange(min, max);
    spin->setToolTip(toolTip);
    return spin;
}

} // namespace

RunControls::RunControls(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->setSpacing(8);

    layout->addWidget(new QLabel(tr("Flavor")));
    m_flavor = new QComboBox;
    m_flavor->setObjectName(QStringLiteral("flavorCombo"));
    m_flavor->setMinimumContentsLength(14);
    m_flavor->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_flavor->setToolTip(tr("#[tokio::main(flavor = \"...\")]"));
    layout->addWidget(m_flavor);

    layout->addSpacing(6);
    layout->addWidget(new QLabel(tr("Workers")));
    m_workers = spinBox("workersSpin", 1, 16, tr("worker_threads of the multi_thread runtime"));
    m_workers->setMinimumWidth(56);
    layout->addWidget(m_workers);
    layout->addWidget(separator());

    layout->addWidget(new QLabel(tr("Seed")));
    m_seed = spinBox("seedSpin", 0, std::numeric_limits<int>::max(),
                     tr("Seeds the jitter and the runtime's random choices (work stealing, select!)"));
    m_seed->setFixedWidth(96);
    layout->addWidget(m_seed);
    layout->addSpacing(6);
    layout->addWidget(new QLabel(tr("Jitter")));
    m_jitter = spinBox("jitterSpin", 0, 100, tr("Perturbs every sleep and timer by up to this percentage, seeded"));
    m_jitter->setSuffix(QStringLiteral(" %"));
    m_jitter->setMinimumWidth(64);
    layout->addWidget(m_jitter);
    layout->addWidget(separator());

    m_paramsLabel = new QLabel(tr("Parameters"));
    m_paramsLabel->setObjectName(QStringLiteral("paramsLabel"));
    layout->addWidget(m_paramsLabel);
    m_paramsLayout = new QHBoxLayout;
    m_paramsLayout->setSpacing(8);
    layout->addLayout(m_paramsLayout);
    layout->addStretch(1);

    auto* reset = new QPushButton(tr("Reset"));
    reset->setObjectName(QStringLiteral("resetButton"));
    reset->setToolTip(tr("Back to the settings the scenario's code declares"));
    layout->addWidget(reset);

    connect(m_flavor, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        emitChanged();
    });
    connect(m_workers, &QSpinBox::valueChanged, this, &RunControls::emitChanged);
    connect(m_seed, &QSpinBox::valueChanged, this, &RunControls::emitChanged);
    connect(m_jitter, &QSpinBox::valueChanged, this, &RunControls::emitChanged);
    connect(reset, &QPushButton::clicked, this, &RunControls::resetRequested);
}

void RunControls::setScenario(const ScenarioInfo& info, const RunSettings& settings)
{
    m_updating = true;
    m_executor = info.executor;
    m_flavor->clear();
    if (isTokio(info.executor)) {
        m_flavor->addItem(executorName(Executor::MultiThread));
        m_flavor->addItem(executorName(Executor::CurrentThread));
        m_flavor->setCurrentText(executorName(settings.flavor));
    } else {
        m_flavor->addItem(executorName(info.executor) + tr(" executor"));
    }
    m_workers->setValue(settings.workers);
    m_seed->setValue(static_cast<int>(std::min<quint64>(settings.seed, std::numeric_limits<int>::max())));
    m_jitter->setValue(settings.jitterPercent);

    clearParams();
    for (const ParamInfo& p : info.params) {
        auto* label = new QLabel(p.name);
        label->setObjectName(QStringLiteral("paramLabel_") + p.name);
        label->setProperty("role", QStringLiteral("paramName"));
        const QString tip =
            QStringLiteral("%1\n%2: %3..=%4 %5").arg(p.doc, p.name).arg(p.min).arg(p.max).arg(p.unit).trimmed();
        label->setToolTip(tip);
        auto* spin = spinBox("", toInt(p.min), toInt(p.max), tip);
        spin->setObjectName(QStringLiteral("param_") + p.name);
        spin->setProperty("param", p.name);
        spin->setSuffix(unitSuffix(p.unit));
        spin->setValue(toInt(settings.params.value(p.name, p.defaultValue)));
        spin->setMinimumWidth(72);
        connect(spin, &QSpinBox::valueChanged, this, &RunControls::emitChanged);
        m_paramsLayout->addWidget(label);
        m_paramsLayout->addWidget(spin);
        m_params << spin;
    }
    m_paramsLabel->setText(info.params.isEmpty() ? tr("No parameters") : tr("Parameters"));
    updateEnabled();
    m_updating = false;
}

RunSettings RunControls::settings() const
{
    RunSettings s;
    s.flavor =
        isTokio(m_executor) ? tokioFlavorFromName(m_flavor->currentText()).value_or(Executor::MultiThread) : m_executor;
    s.workers = m_workers->value();
    s.seed = static_cast<quint64>(m_seed->value());
    s.jitterPercent = m_jitter->value();
    for (const QSpinBox* spin : m_params)
        s.params.insert(spin->property("param").toString(), spin->value());
    return s;
}

void RunControls::clearParams()
{
    // deleteLater: a spin box may be the sender of the signal that got us here. Renamed at once
    // so that findChild() only sees the current scenario's controls.
    while (QLayoutItem* item = m_paramsLayout->takeAt(0)) {
        if (QWidget* w = item->widget()) {
            w->hide();
            w->setObjectName(QString());
            w->disconnect(this);
            w->deleteLater();
        }
        delete item;
    }
    m_params.clear();
}

void RunControls::updateEnabled()
{
    const bool tokio = isTokio(m_executor);
    m_flavor->setEnabled(tokio);
    m_workers->setEnabled(tokio && m_flavor->currentText() == executorName(Executor::MultiThread));
    m_flavor->setToolTip(tokio ? tr("#[tokio::main(flavor = \"...\")]")
                               : tr("This scenario runs on its own executor, not on a Tokio runtime"));
}

void RunControls::emitChanged()
{
    if (!m_updating)
        emit settingsChanged();
}

} // namespace pw::gui
