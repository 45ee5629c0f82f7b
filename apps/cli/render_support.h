// What `pinwheel-cli render`'s timeline and memory-diagram paths share: exit codes and the
// offscreen QGuiApplication that fonts and images need.
#pragma once

#include <QGuiApplication>

#include <memory>

namespace pw::cli {

inline constexpr int kExitUsage = 1;
inline constexpr int kExitScenarioError = 2;

/// A QGuiApplication on the offscreen platform when there is none yet (the CLI has no display);
/// null when one exists already. Keep it alive while drawing.
std::unique_ptr<QGuiApplication> ensureGuiApplication();

} // namespace pw::cli
