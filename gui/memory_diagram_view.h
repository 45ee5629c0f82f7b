// The memory diagram in the app: MemoryDiagramRenderer on a canvas fitted to the width (scrolling
// vertically when a step is tall), with a transport to step
// through the program (buttons, and the keys Left / Right, Home / End). Stepping forward onto a
// step that moves values animates the move (~350 ms: the value slides to its new slot, the old
// slot greys out); stepping back, or jumping, shows the step at once. A program the compiler
// refuses (or that panics) gets one more step: the last state with the error's red banner.
//
// Hovering an arrow, a pin badge or a value explains it in a tooltip.
// Emits currentLineChanged with the source line of the step shown, so the code view can
// highlight it. For a program with async fns or blocks, a "desugared" panel beside the diagram
// shows the state machine enums rustc generates for them (MemoryTrace::stateMachines).
#pragma once

#include "memory_diagram_renderer.h"

#include <QWidget>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QScrollArea;
class QToolButton;
class QVariantAnimation;

namespace pw::memory {
struct MemoryTrace;
}

namespace pw::gui {

class MemoryDiagramCanvas;

class MemoryDiagramView : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMoveAnimationMs = 350;

    explicit MemoryDiagramView(QWidget* parent = nullptr);
    ~MemoryDiagramView() override;

    /// Shows `trace` (the view keeps it alive) from its first step; null clears. `source` is the
    /// program's text, for the source line under the title.
    void setTrace(std::shared_ptr<const memory::MemoryTrace> trace, const QString& title, const QString& source);
    const memory::MemoryTrace* trace() const { return m_trace.get(); }

    /// Steps shown: one per executed statement, plus one for the error when there is one.
    int stepCount() const;
    int currentStep() const { return m_step; }
    /// The source line of the step shown (the error's line on the error step); 0 without one.
    int currentLine() const;
    /// 1 when no move is being animated.
    double moveProgress() const { return m_progress; }
    bool animating() const;
    void setAnimationDuration(int ms);

    const MemoryDiagramRenderer& renderer() const { return m_renderer; }
    /// The desugared state machines' text; hidden when the program has no async code.
    QPlainTextEdit* desugarPanel() const { return m_desugar; }
    /// The canvas as drawn now, at its widget size.
    QImage grabDiagram();
    /// What the tooltip says at a point of the canvas: the arrow, pin badge or value under it.
    QString tooltipAt(const QPoint& canvasPos) const;
    QWidget* canvas() const;

public slots:
    /// Shows step `index` (clamped) at once, without animation.
    void setStep(int index);
    /// The next step, animating its moves.
    void stepForward();
    void stepBack();
    void firstStep();
    void lastStep();

signals:
    void stepChanged(int index);
    /// The 1-based source line of the step shown; 0 when there is none.
    void currentLineChanged(int line);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    friend class MemoryDiagramCanvas;
    void showStep(int index, bool animate);
    void paintCanvas(QPainter& painter, const QRect& rect);
    void updateControls();
    /// Fits the diagram to the width (scale at most 1), the canvas as tall as the tallest step.
    void updateCanvasSize();

    std::shared_ptr<const memory::MemoryTrace> m_trace;
    MemoryDiagramRenderer m_renderer;
    MemoryDiagramOptions m_options;
    QSizeF m_naturalSize; ///< the largest step at scale 1: the zoom stays put while stepping
    int m_step = 0;
    double m_progress = 1.0;
    QVariantAnimation* m_animation = nullptr;
    double m_zoom = 1.0;
    QScrollArea* m_scroll = nullptr;
    MemoryDiagramCanvas* m_canvas = nullptr;
    QToolButton* m_first = nullptr;
    QToolButton* m_back = nullptr;
    QToolButton* m_forward = nullptr;
    QToolButton* m_last = nullptr;
    QLabel* m_position = nullptr;
    QPlainTextEdit* m_desugar = nullptr;
};

} // namespace pw::gui
