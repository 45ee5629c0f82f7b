// The playback buttons' icons, drawn in the palette's button text colour so that they read in
// both themes (the style's standard media icons are dark on a dark theme's buttons).
#pragma once

#include <QIcon>

class QPalette;

namespace pw::gui {

enum class MediaIcon { ToStart, StepBack, Play, Pause, StepForward, ToEnd };

QIcon mediaIcon(MediaIcon kind, const QPalette& palette);

} // namespace pw::gui
