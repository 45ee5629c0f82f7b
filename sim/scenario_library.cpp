#include "scenario_library.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace pw {

std::vector<std::string> builtInScenarioIds()
{
    std::vector<std::string> ids;
    const QStringList files = QDir(":/scenarios").entryList({"*.rs"}, QDir::Files, QDir::Name);
    for (const QString& f : files)
        ids.push_back(f.chopped(3).toStdString());
    return ids;
}

std::vector<std::string> builtInRuntimeScenarioIds()
{
    std::vector<std::string> ids;
    for (const std::string& id : builtInScenarioIds()) {
        const LoadResult l = loadScenarioByName(id);
        if (!l.scenario || !l.scenario->memoryProgram)
            ids.push_back(id);
    }
    return ids;
}

std::string builtInScenarioSource(const std::string& id)
{
    QFile f(QString(":/scenarios/%1.rs").arg(QString::fromStdString(id)));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll().toStdString();
}

LoadResult loadScenarioByName(const std::string& idOrPath)
{
    const std::string builtIn = builtInScenarioSource(idOrPath);
    if (!builtIn.empty())
        return loadScenario(idOrPath + ".rs", builtIn);
    QFile f(QString::fromStdString(idOrPath));
    if (!QFileInfo(f).isFile() || !f.open(QIODevice::ReadOnly)) {
        LoadResult r;
        r.errors.push_back(lang::Diagnostic{idOrPath, lang::SourceLoc{0, 0, 0},
                                            "no built-in scenario with this id and no readable file at this path "
                                            "(see `pinwheel-cli list`)",
                                            0});
        return r;
    }
    return loadScenario(idOrPath, f.readAll().toStdString());
}

} // namespace pw
