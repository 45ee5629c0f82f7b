#include "theme.h"

#include "charts_panel.h"
#include "compare_view.h"
#include "queue_view.h"
#include "rust_highlighter.h"
#include "timeline_view.h"

#include <QApplication>
#include <QHash>
#include <QPalette>
#include <QWidget>

namespace pw::gui {

namespace {

const char* const kThemeProperty = "pinwheelTheme";

/// The style sheet's colours by role; the sheet below names them as @role.
struct Colors {
    const char* surface;  ///< panes, menus, toolbar, status bar
    const char* sourceBg; ///< the code view
    const char* border;
    const char* text;
    const char* secondary;   ///< labels in the toolbar and the status bar
    const char* tertiary;    ///< subtitles
    const char* description; ///< the scenario's description
    const char* chip;        ///< the file-name chip
    const char* header;      ///< table headers
    const char* accent;
    const char* warnText;
    const char* warnBg;
    const char* warnBorder;
    const char* errorText;
    const char* errorBg;
    const char* errorBorder;
};

const Colors kLight{"#ffffff", "#fbfcfd", "#d0d7de", "#1f2328", "#57606a", "#6e7781", "#3d444d", "#eef1f4",
                    "#f6f8fa", "#2f6fdf", "#6a4b00", "#fff5d1", "#f0d98c", "#6e1b1b", "#ffebe9", "#f0b8b8"};
// Close to the timeline's dark palette (background #1e2125, text #e6e8eb).
const Colors kDark{"#22262b", "#1e2125", "#3d444d", "#e6e8eb", "#a6aeb8", "#8b949e", "#c9d1d9", "#2d333b",
                   "#2a2f35", "#5a9cf0", "#e3b341", "#3a2f10", "#6c5314", "#ffb3ad", "#3d1d1f", "#8e3b3b"};

constexpr const char* kStyleSheet = R"(
QMenuBar { background: @surface; }
QToolBar#controls { border: none; border-bottom: 1px solid @border; background: @surface; padding: 0px; }
QToolBar#controls QLabel { color: @secondary; }
QToolBar#controls QLabel[role="paramName"] { color: @text; font-family: "DejaVu Sans Mono"; font-size: 9pt; }
QFrame#toolSeparator { color: @border; margin: 2px 6px; }
QLabel[role="paneTitle"] { color: @text; font-weight: 600; font-size: 11pt; }
QLabel[role="paneSubtitle"] { color: @tertiary; }
QLabel#scenarioTitle { color: @text; font-weight: 600; font-size: 12pt; }
QLabel#scenarioFile { color: @secondary; background: @chip; border-radius: 4px; padding: 2px 7px;
                      font-family: "DejaVu Sans Mono"; font-size: 9pt; }
QLabel#scenarioOrigin { color: @tertiary; font-size: 9pt; }
QLabel#scenarioDescription { color: @description; }
QLabel#settingsNote { color: @warnText; background: @warnBg; border: 1px solid @warnBorder; border-radius: 5px; padding: 4px 8px; }
QLineEdit#librarySearch { border: 1px solid @border; border-radius: 6px; padding: 5px 8px; background: @surface; }
QLineEdit#librarySearch:focus { border-color: @accent; }
QTreeWidget#library { border: 1px solid @border; border-radius: 6px; background: @surface; }
QPlainTextEdit#source, QTreeWidget#console, QTreeWidget#warnings, QTreeWidget#problems, QTreeWidget#compareLines {
    border: 1px solid @border; border-radius: 6px; background: @surface; }
QPlainTextEdit#source { background: @sourceBg; }
QTreeWidget#problems { border-color: @errorBorder; }
QLabel#statusBanner { color: @errorText; background: @errorBg; border: 1px solid @errorBorder; border-radius: 6px; padding: 7px 10px; }
QTreeWidget#console::item, QTreeWidget#warnings::item, QTreeWidget#problems::item, QTreeWidget#compareLines::item { padding: 2px 2px; }
QHeaderView::section { background: @header; color: @secondary; border: none; border-bottom: 1px solid @border; padding: 4px 6px; font-weight: 600; }
QStatusBar { background: @surface; border-top: 1px solid @border; }
QStatusBar QLabel { color: @text; padding: 2px 6px; }
QStatusBar::item { border: none; }
QStatusBar QLabel#statusDot { padding: 2px 0px 2px 8px; }
QStatusBar QLabel#summaryLabel { color: @secondary; padding-right: 12px; }
QSplitter::handle { background: transparent; }
QTextBrowser#why { border: 1px solid @border; border-radius: 6px; background: @surface; }
QWidget#transport { background: @header; border: 1px solid @border; border-radius: 6px; }
QWidget#transport QLabel#cursorTime { color: @text; }
QLabel#compareTotals { color: @text; font-size: 11pt; font-weight: 600; }
QLabel#compareLabels, QLabel#compareEmpty { color: @secondary; }
)";

const Colors& colorsOf(Theme t)
{
    return t == Theme::Dark ? kDark : kLight;
}

} // namespace

QString themeName(Theme theme)
{
    return theme == Theme::Dark ? QStringLiteral("dark") : QStringLiteral("light");
}

std::optional<Theme> themeFromName(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("light"))
        return Theme::Light;
    if (n == QLatin1String("dark"))
        return Theme::Dark;
    return std::nullopt;
}

QPalette themePalette(Theme theme)
{
    QPalette p;
    if (theme == Theme::Light) {
        const QColor window(0xf6, 0xf7, 0xf9);
        const QColor text(0x1f, 0x23, 0x28);
        const QColor disabled(0x8c, 0x95, 0x9f);
        p.setColor(QPalette::Window, window);
        p.setColor(QPalette::WindowText, text);
        p.setColor(QPalette::Base, Qt::white);
        p.setColor(QPalette::AlternateBase, QColor(0xf3, 0xf5, 0xf8));
        p.setColor(QPalette::Text, text);
        p.setColor(QPalette::Button, QColor(0xfb, 0xfb, 0xfc));
        p.setColor(QPalette::ButtonText, text);
        p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xdf));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::ToolTipBase, Qt::white);
        p.setColor(QPalette::ToolTipText, text);
        p.setColor(QPalette::PlaceholderText, QColor(0x6e, 0x77, 0x81));
        p.setColor(QPalette::Mid, QColor(0xd0, 0xd7, 0xde));
        p.setColor(QPalette::Disabled, QPalette::Text, disabled);
        p.setColor(QPalette::Disabled, QPalette::WindowText, disabled);
        p.setColor(QPalette::Disabled, QPalette::ButtonText, disabled);
        return p;
    }
    const QColor window(0x1a, 0x1d, 0x21);
    const QColor text(0xe6, 0xe8, 0xeb);
    const QColor disabled(0x6b, 0x73, 0x7d);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, QColor(0x22, 0x26, 0x2b));
    p.setColor(QPalette::AlternateBase, QColor(0x27, 0x2c, 0x32));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2d, 0x33, 0x3b));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Light, QColor(0x4a, 0x52, 0x5c));
    p.setColor(QPalette::Midlight, QColor(0x3d, 0x44, 0x4d));
    p.setColor(QPalette::Mid, QColor(0x3d, 0x44, 0x4d));
    p.setColor(QPalette::Dark, QColor(0x14, 0x16, 0x19));
    p.setColor(QPalette::Shadow, QColor(0x0b, 0x0c, 0x0e));
    p.setColor(QPalette::Highlight, QColor(0x3b, 0x7d, 0xe0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x5a, 0x9c, 0xf0));
    p.setColor(QPalette::ToolTipBase, QColor(0x2d, 0x33, 0x3b));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8b, 0x94, 0x9e));
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Disabled, QPalette::Text, disabled);
    p.setColor(QPalette::Disabled, QPalette::WindowText, disabled);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, disabled);
    return p;
}

QString themeStyleSheet(Theme theme)
{
    const Colors& c = colorsOf(theme);
    const QHash<QString, const char*> roles{
        {QStringLiteral("surface"), c.surface},         {QStringLiteral("sourceBg"), c.sourceBg},
        {QStringLiteral("border"), c.border},           {QStringLiteral("text"), c.text},
        {QStringLiteral("secondary"), c.secondary},     {QStringLiteral("tertiary"), c.tertiary},
        {QStringLiteral("description"), c.description}, {QStringLiteral("chip"), c.chip},
        {QStringLiteral("header"), c.header},           {QStringLiteral("accent"), c.accent},
        {QStringLiteral("warnText"), c.warnText},       {QStringLiteral("warnBg"), c.warnBg},
        {QStringLiteral("warnBorder"), c.warnBorder},   {QStringLiteral("errorText"), c.errorText},
        {QStringLiteral("errorBg"), c.errorBg},         {QStringLiteral("errorBorder"), c.errorBorder},
    };
    const QString sheet = QString::fromLatin1(kStyleSheet);
    QString out;
    out.reserve(sheet.size());
    for (qsizetype i = 0; i < sheet.size(); ++i) {
        if (sheet[i] != QLatin1Char('@')) {
            out += sheet[i];
            continue;
        }
        qsizetype j = i + 1;
        while (j < sheet.size() && sheet[j].isLetter())
            ++j;
        const QString role = sheet.mid(i + 1, j - i - 1);
        out += QLatin1String(roles.value(role, "magenta")); // a role missing from the table shows
        i = j - 1;
    }
    return out;
}

void applyTheme(QWidget& window, Theme theme)
{
    const bool dark = theme == Theme::Dark;
    window.setProperty(kThemeProperty, themeName(theme));
    if (qobject_cast<QApplication*>(QCoreApplication::instance()))
        QApplication::setPalette(themePalette(theme));
    // The style sheet first: re-polishing restores the palette the window had when it was
    // polished, so the window's own palette is set after it.
    window.setStyleSheet(themeStyleSheet(theme));
    window.setPalette(themePalette(theme));
    for (TimelineView* v : window.findChildren<TimelineView*>())
        v->setDarkPalette(dark);
    for (CompareView* v : window.findChildren<CompareView*>())
        v->setDarkPalette(dark);
    for (QueueView* v : window.findChildren<QueueView*>())
        v->setDarkPalette(dark);
    for (ChartsPanel* v : window.findChildren<ChartsPanel*>())
        v->setDarkPalette(dark);
    // RustHighlighter has no Q_OBJECT of its own: find the highlighters, then check the type.
    for (QSyntaxHighlighter* h : window.findChildren<QSyntaxHighlighter*>())
        if (auto* rust = dynamic_cast<RustHighlighter*>(h))
            rust->setDarkPalette(dark);
}

Theme themeOf(const QWidget& window)
{
    return themeFromName(window.property(kThemeProperty).toString()).value_or(Theme::Light);
}

} // namespace pw::gui
