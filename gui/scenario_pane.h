// The middle pane: the scenario's title, where it comes from and what to watch (its `//!`
// block), then the source that actually runs.
#pragma once

#include "scenario_runner.h"

#include <QWidget>

class QLabel;

namespace pw::gui {

class SourceView;

class ScenarioPane : public QWidget {
    Q_OBJECT
public:
    explicit ScenarioPane(QWidget* parent = nullptr);

    /// Keep: the scenario was loaded from the text being edited, which stays as it is.
    enum class TextPolicy { Replace, Keep };
    void setScenario(const LoadedScenario& scenario, TextPolicy text = TextPolicy::Replace);
    /// Marks the lines these problems point at.
    void setProblems(const QList<Problem>& problems);
    /// Marks the parameters whose value differs from the source's and says what runs instead.
    void setSettings(const RunSettings& settings);
    SourceView* sourceView() const { return m_source; }

protected:
    void changeEvent(QEvent* event) override;

private:
    bool darkPalette() const;

    QLabel* m_title = nullptr;
    QLabel* m_file = nullptr;
    QLabel* m_origin = nullptr;
    QLabel* m_description = nullptr;
    QString m_descriptionText; ///< the `//!` text, kept to re-render it when the theme changes
    QLabel* m_changes = nullptr;
    SourceView* m_source = nullptr;
    QList<ParamInfo> m_params;
};

/// The 1-based line of the first line after the leading `//!` block.
int firstCodeLine(const QString& source);

/// The 1-based line where `const NAME` is declared in `source`, or 0.
int constLine(const QString& source, const QString& name);

/// The description as rich text: lines joined into one paragraph, `code` in monospace, in a
/// blue that reads on the light or the dark theme.
QString descriptionHtml(const QString& description, bool dark = false);

} // namespace pw::gui
