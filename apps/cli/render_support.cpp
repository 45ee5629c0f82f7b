#include "render_support.h"

namespace pw::cli {

std::unique_ptr<QGuiApplication> ensureGuiApplication()
{
    if (QGuiApplication::instance())
        return nullptr;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char arg0[] = "pinwheel-cli";
    static char* argv[] = {arg0, nullptr};
    return std::make_unique<QGuiApplication>(argc, argv);
}

} // namespace pw::cli
