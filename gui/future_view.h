// The Future tab: the selected task's future at the cursor, as the state machine rustc
// generates for it (sim/future_state.h): which `.await` each part is suspended at, what the
// variant holds (a MutexGuard flagged), where the future lives (pinned in a heap box by
// tokio::spawn, or on main's stack by block_on), and the generated enum.
#pragma once

#include "run_view.h"

#include <QWidget>

#include <memory>

class QLabel;
class QTextBrowser;

namespace pw {
struct Scenario;
}

namespace pw::gui {

class FutureView : public QWidget {
    Q_OBJECT
public:
    explicit FutureView(QWidget* parent = nullptr);

    void setProgram(std::shared_ptr<const pw::Scenario> scenario);
    void setRun(const RunView& run);
    void setCursorTime(qint64 ns);
    void setSelectedTask(quint32 task);

    /// The view as plain text, for tests.
    QString plainText() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void refresh();

    std::shared_ptr<const pw::Scenario> m_scenario;
    RunView m_run;
    qint64 m_cursor = 0;
    quint32 m_task = kNoTaskId;
    QTextBrowser* m_text = nullptr;
};

} // namespace pw::gui
