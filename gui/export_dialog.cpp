#include "export_dialog.h"

#include "run_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace pw::gui {

ExportDialog::ExportDialog(const ImageExportSettings& initial, TimeRange visible, QWidget* parent)
    : QDialog(parent), m_initial(initial), m_visible(visible)
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export timeline image"));

    m_format = new QComboBox;
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->addItem(tr("PNG image"), static_cast<int>(ImageExportSettings::Format::Png));
    m_format->addItem(tr("SVG drawing (text stays text)"), static_cast<int>(ImageExportSettings::Format::Svg));
    m_format->setCurrentIndex(initial.format == ImageExportSettings::Format::Svg ? 1 : 0);

    m_scale = new QComboBox;
    m_scale->setObjectName(QStringLiteral("exportScale"));
    for (int s : {1, 2, 3})
        m_scale->addItem(s == 2 ? tr("2x (slides)") : tr("%1x").arg(s), s);
    m_scale->setCurrentIndex(std::clamp(static_cast<int>(std::lround(initial.scale)), 1, 3) - 1);

    m_width = new QSpinBox;
    m_width->setObjectName(QStringLiteral("exportWidth"));
    m_width->setRange(ImageExportSettings::kMinWidth, ImageExportSettings::kMaxWidth);
    m_width->setSingleStep(100);
    m_width->setSuffix(tr(" px"));
    m_width->setValue(initial.widthPx);

    m_range = new QComboBox;
    m_range->setObjectName(QStringLiteral("exportRange"));
    m_range->addItem(tr("The whole run"));
    if (visible.fromNs >= 0 && visible.toNs > visible.fromNs)
        m_range->addItem(
            tr("The visible range, %1 to %2").arg(formatSeconds(visible.fromNs), formatSeconds(visible.toNs)));

    m_dark = new QCheckBox(tr("Dark background (for a dark slide deck)"));
    m_dark->setObjectName(QStringLiteral("exportDark"));
    m_dark->setChecked(initial.dark);
    m_printLabels = new QCheckBox(tr("Label the printed lines"));
    m_printLabels->setObjectName(QStringLiteral("exportPrintLabels"));
    m_printLabels->setChecked(initial.printLabels);

    m_title = new QLineEdit(initial.title);
    m_title->setObjectName(QStringLiteral("exportTitle"));
    m_title->setToolTip(initial.subtitle);

    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("exportSummary"));
    m_summary->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Format"), m_format);
    form->addRow(tr("Scale"), m_scale);
    form->addRow(tr("Width"), m_width);
    form->addRow(tr("Time"), m_range);
    form->addRow(tr("Title"), m_title);
    form->addRow(QString(), m_printLabels);
    form->addRow(QString(), m_dark);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Save)->setText(tr("Save…"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);

    for (QComboBox* c : {m_format, m_scale, m_range})
        connect(c, &QComboBox::currentIndexChanged, this, &ExportDialog::updateSummary);
    connect(m_width, &QSpinBox::valueChanged, this, &ExportDialog::updateSummary);
    updateSummary();
}

ImageExportSettings ExportDialog::settings() const
{
    ImageExportSettings s = m_initial;
    s.format = static_cast<ImageExportSettings::Format>(m_format->currentData().toInt());
    s.scale = m_scale->currentData().toInt();
    s.widthPx = m_width->value();
    s.range = m_range->currentIndex() == 1 ? m_visible : TimeRange{};
    s.dark = m_dark->isChecked();
    s.printLabels = m_printLabels->isChecked();
    s.title = m_title->text();
    return s;
}

void ExportDialog::updateSummary()
{
    const ImageExportSettings s = settings();
    const bool png = s.format == ImageExportSettings::Format::Png;
    m_scale->setEnabled(png);
    m_summary->setText(png ? tr("A PNG %1 pixels wide, with the title, the run's settings and the legend.")
                                 .arg(static_cast<int>(std::lround(s.widthPx * s.scale)))
                           : tr("An SVG %1 px wide: text stays text, so a slide tool can restyle it.").arg(s.widthPx));
}

} // namespace pw::gui
