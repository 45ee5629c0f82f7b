// The app's look: Fusion, the light theme's palette and DejaVu Sans, the same on every machine.
#pragma once

class QApplication;
class QFont;

namespace pw::gui {

void applyAppStyle(QApplication& app);

/// DejaVu Sans Mono (or the system's fixed font) at the given point size.
QFont monospaceFont(int pointSize = 10);

} // namespace pw::gui
