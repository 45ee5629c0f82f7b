// "Why is it not running?": every task's state at the cursor in words (sim/explain.h), the
// selected task first. Clicking a task's name selects it everywhere.
#pragma once

#include "run_view.h"

#include <QStringList>
#include <QWidget>

#include <memory>

class QLabel;
class QTextBrowser;

namespace pw {
struct Trace;
}

namespace pw::gui {

class WhyPanel : public QWidget {
    Q_OBJECT
public:
    /// Past this many tasks the panel lists the selected one and says how many more there are.
    static constexpr int kMaxListed = 40;

    explicit WhyPanel(QWidget* parent = nullptr);

    /// `labels`: what each task is called on screen (RunView::taskLabels).
    void setTrace(std::shared_ptr<const pw::Trace> trace, QStringList labels);
    void setCursorTime(qint64 ns);
    /// kNoTaskId for none.
    void setSelectedTask(quint32 task);

    /// The text shown for the selected task (empty when none is selected), for tests.
    QString selectedText() const { return m_selectedText; }
    /// The panel as plain text.
    QString plainText() const;

signals:
    void taskActivated(quint32 task);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void refresh();

    std::shared_ptr<const pw::Trace> m_trace;
    qint64 m_cursor = 0;
    quint32 m_selected = kNoTaskId;
    QStringList m_labels;
    QLabel* m_title = nullptr;
    QTextBrowser* m_text = nullptr;
    QString m_selectedText;
};

} // namespace pw::gui
