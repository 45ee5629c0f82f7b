// Light and dark: the one place that knows the app's colours. A theme is the application
// palette, the window's style sheet (the panes, the toolbar, the status bar) and the dark flag of
// the widgets that paint themselves (timelines, queues, charts, the Rust highlighter).
// Exports do not follow it: an image for a slide is light unless its dark option is asked for.
#pragma once

#include <QString>

#include <optional>

class QPalette;
class QWidget;

namespace pw::gui {

enum class Theme { Light, Dark };

/// "light" / "dark", as --theme and QSettings spell them.
QString themeName(Theme theme);
std::optional<Theme> themeFromName(const QString& name);

QPalette themePalette(Theme theme);
QString themeStyleSheet(Theme theme);

/// Sets the application palette, `window`'s style sheet and the dark flag of every timeline,
/// comparison, queue view, chart panel and source highlighter inside `window`. Remembered as
/// the window's "pinwheelTheme" property.
void applyTheme(QWidget& window, Theme theme);
/// The theme applyTheme last gave `window` (Light before any).
Theme themeOf(const QWidget& window);

} // namespace pw::gui
