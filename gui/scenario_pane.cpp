#include "scenario_pane.h"

#include "source_view.h"

#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace pw::gui {

namespace {

QLabel* label(const char* name)
{
    auto* l = new QLabel;
    l->setObjectName(QString::fromLatin1(name));
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

bool isOriginLine(const QString& line)
{
    return line.startsWith(QLatin1String("Source:"));
}

} // namespace

int firstCodeLine(const QString& source)
{
    const QStringList lines = source.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i)
        if (!lines[i].trimmed().startsWith(QLatin1String("//!")))
            return static_cast<int>(i) + 1;
    return 1;
}

int constLine(const QString& source, const QString& name)
{
    const QRegularExpression decl(
        QStringLiteral(R"(^\s*(?:pub\s+)?const\s+%1\b)").arg(QRegularExpression::escape(name)));
    const QStringList lines = source.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i)
        if (decl.match(lines[i]).hasMatch())
            return static_cast<int>(i) + 1;
    return 0;
}

QString descriptionHtml(const QString& description, bool dark)
{
    QStringList kept;
    for (const QString& line : description.split(QLatin1Char('\n')))
        if (!isOriginLine(line.trimmed()))
            kept << line.trimmed();
    QString html = kept.join(QLatin1Char(' ')).simplified().toHtmlEscaped();
    static const QRegularExpression code(QStringLiteral("`([^`]+)`"));
    // The blue of code in the light theme is too dark to read on the dark one.
    const QString style = QStringLiteral("font-family:'DejaVu Sans Mono',monospace; color:%1;")
                              .arg(dark ? QStringLiteral("#79c0ff") : QStringLiteral("#0550ae"));
    html.replace(code, QStringLiteral("<span style=\"%1\">\\1</span>").arg(style));
    return html;
}

ScenarioPane::ScenarioPane(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    m_title = label("scenarioTitle");
    m_title->setWordWrap(true);
    layout->addWidget(m_title);

    auto* originRow = new QHBoxLayout;
    originRow->setSpacing(8);
    m_file = label("scenarioFile");
    originRow->addWidget(m_file, 0, Qt::AlignTop);
    m_origin = label("scenarioOrigin");
    m_origin->setWordWrap(true);
    originRow->addWidget(m_origin, 1);
    layout->addLayout(originRow);
    m_description = label("scenarioDescription");
    m_description->setWordWrap(true);
    m_description->setTextFormat(Qt::RichText);
    layout->addWidget(m_description);
    layout->addSpacing(4);
    m_changes = label("settingsNote");
    m_changes->setWordWrap(true);
    m_changes->hide();
    layout->addWidget(m_changes);

    m_source = new SourceView;
    layout->addWidget(m_source, 1);
}

void ScenarioPane::setScenario(const LoadedScenario& scenario, TextPolicy text)
{
    const ScenarioInfo& info = scenario.info;
    m_title->setText(info.title);
    m_file->setText(scenario.builtIn ? info.fileName : QFileInfo(info.fileName).fileName());
    m_file->setToolTip(scenario.builtIn ? tr("Built-in scenario %1").arg(info.id) : info.fileName);

    QString origin;
    for (const QString& line : info.description.split(QLatin1Char('\n')))
        if (isOriginLine(line.trimmed()))
            origin = line.trimmed();
    if (origin.isEmpty() && !scenario.builtIn)
        origin = info.fileName;
    m_origin->setText(origin);
    m_origin->setVisible(!origin.isEmpty());

    m_descriptionText = info.description;
    const QString description = descriptionHtml(info.description, darkPalette());
    m_description->setText(description);
    m_description->setVisible(!description.isEmpty());

    m_params = info.params;
    if (text == TextPolicy::Replace) {
        m_source->setSource(info.source);
        // The `//!` block is the description shown above: start the code view at the code.
        m_source->scrollLineToTop(firstCodeLine(info.source));
    }
    m_changes->hide();
    setProblems(scenario.problems);
}

bool ScenarioPane::darkPalette() const
{
    return palette().color(QPalette::Window).lightness() < 128;
}

void ScenarioPane::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_descriptionText.isEmpty())
        m_description->setText(descriptionHtml(m_descriptionText, darkPalette())); // the theme changed
}

void ScenarioPane::setProblems(const QList<Problem>& problems)
{
    QList<InlineProblem> marks;
    for (const Problem& p : problems)
        if (p.line > 0)
            marks << InlineProblem{p.line, p.message};
    m_source->setProblems(marks);
}

void ScenarioPane::setSettings(const RunSettings& settings)
{
    QList<int> lines;
    QStringList changes;
    for (const ParamInfo& p : std::as_const(m_params)) {
        const qint64 value = settings.params.value(p.name, p.defaultValue);
        if (value == p.defaultValue)
            continue;
        if (const int line = constLine(m_source->toPlainText(), p.name))
            lines << line;
        changes << tr("<b>%1</b> = %2 (the source says %3)").arg(p.name).arg(value).arg(p.defaultValue);
    }
    m_source->setChangedLines(lines);
    m_changes->setText(tr("Running with %1").arg(changes.join(QStringLiteral(", "))));
    m_changes->setVisible(!changes.isEmpty());
}

} // namespace pw::gui
