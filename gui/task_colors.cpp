#include "task_colors.h"

#include <array>

namespace pw::gui {

QColor taskColor(quint32 task)
{
    // Tableau 10: ten hues that stay apart for most colour-vision deficiencies when paired with
    // the task's name, which every marker also shows.
    static constexpr std::array<QRgb, 10> kColors{0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f,
                                                  0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac};
    return QColor::fromRgb(kColors[task % kColors.size()]);
}

} // namespace pw::gui
