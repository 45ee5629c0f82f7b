#include "run_description.h"

#include <QStringList>

namespace pw::gui {

namespace {

const QString kDot = QStringLiteral("  \u00b7  ");

QString shortUnit(const QString& unit)
{
    if (unit == QLatin1String("seconds"))
        return QStringLiteral("s");
    if (unit == QLatin1String("milliseconds"))
        return QStringLiteral("ms");
    if (unit == QLatin1String("count"))
        return {};
    return unit;
}

} // namespace

QString describeSettings(const ScenarioInfo& info, const RunSettings& settings)
{
    QStringList parts;
    if (isTokio(info.executor)) {
        QString flavor = executorName(settings.flavor);
        if (settings.flavor == Executor::MultiThread)
            flavor += QStringLiteral(", %1 worker%2").arg(settings.workers).arg(settings.workers == 1 ? "" : "s");
        parts << flavor;
    } else {
        parts << executorName(info.executor);
    }
    for (const ParamInfo& p : info.params) {
        const qint64 v = settings.params.value(p.name, p.defaultValue);
        const QString unit = shortUnit(p.unit);
        parts << QStringLiteral("%1 = %2%3")
                     .arg(p.name)
                     .arg(v)
                     .arg(unit.isEmpty() ? QString() : QStringLiteral(" ") + unit);
    }
    parts << QStringLiteral("seed %1").arg(settings.seed);
    if (settings.jitterPercent)
        parts << QStringLiteral("jitter %1%").arg(settings.jitterPercent);
    return parts.join(kDot);
}

QString runLabel(const RunView& run)
{
    QStringList parts;
    if (!run.scenario.isEmpty())
        parts << run.scenario;
    if (!run.settingsText.isEmpty())
        parts << run.settingsText;
    return parts.join(kDot);
}

QString runSubtitle(const RunView& run)
{
    QStringList parts;
    if (const QString label = runLabel(run); !label.isEmpty())
        parts << label;
    parts << (run.finished() ? QStringLiteral("finished at %1").arg(run.endTime)
                             : QStringLiteral("%1 at %2").arg(run.status, run.endTime));
    return parts.join(kDot);
}

} // namespace pw::gui
