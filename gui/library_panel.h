// The scenario library: the built-ins grouped as the books teach them (Basics, Coffee and toast,
// Blocking, ...), two lines each (title and id), and a search box filtering by id and title.
#pragma once

#include "scenario_runner.h"

#include <QWidget>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace pw::gui {

class LibraryPanel : public QWidget {
    Q_OBJECT
public:
    explicit LibraryPanel(QWidget* parent = nullptr);

    void setScenarios(const QList<ScenarioInfo>& scenarios);
    /// Selects a built-in without emitting scenarioSelected(); false if there is no such id.
    bool setCurrentScenario(const QString& id);
    /// The selected built-in's id, or empty.
    QString currentScenario() const;
    void clearSelection();
    /// Shows only the scenarios whose id or title contains `text` (case-insensitive).
    void setFilter(const QString& text);
    /// Puts the keyboard focus in the search field, its text selected.
    void focusSearch();
    /// Ids of the scenarios the filter leaves visible, in display order.
    QStringList visibleScenarios() const;

    /// The order of the groups; the ones not listed come next, alphabetically, then "Other".
    static QStringList groupOrder();

signals:
    void scenarioSelected(const QString& id);

protected:
    void showEvent(QShowEvent* event) override;

private:
    QTreeWidgetItem* itemFor(const QString& id) const;

    QLineEdit* m_search = nullptr;
    QTreeWidget* m_tree = nullptr;
    bool m_updating = false;
};

} // namespace pw::gui
