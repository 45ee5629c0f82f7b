// File > Export > Timeline image…: format (PNG or SVG), scale (1x, 2x for slides, 3x), width,
// the whole run or the visible range, light or dark background, the title and whether printed
// lines are labelled. The caller asks for the file name and writes it (app_export.h).
#pragma once

#include "app_export.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace pw::gui {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    /// `initial` fills the form (title, subtitle, format, scale); `visible` is the time range the
    /// timeline shows, offered as an alternative to the whole run (fromNs < 0: none).
    ExportDialog(const ImageExportSettings& initial, TimeRange visible, QWidget* parent = nullptr);

    /// The form as export settings.
    ImageExportSettings settings() const;

private:
    void updateSummary();

    ImageExportSettings m_initial;
    TimeRange m_visible;
    QComboBox* m_format = nullptr;
    QComboBox* m_scale = nullptr;
    QSpinBox* m_width = nullptr;
    QComboBox* m_range = nullptr;
    QCheckBox* m_dark = nullptr;
    QCheckBox* m_printLabels = nullptr;
    QLineEdit* m_title = nullptr;
    QLabel* m_summary = nullptr;
};

} // namespace pw::gui
