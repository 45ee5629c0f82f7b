// Robustness: mutated versions of every built-in scenario are loaded and run under tight
// budgets. Whatever the input, the result is a run or a located error: no crash, no hang.
#ifndef Q_MOC_RUN // moc 6.4 cannot parse C++20 <concepts>, which <coroutine> pulls in
#include "runtime/rng.h"
#include "sim/memory/memory_interpreter.h"
#include "sim/scenario_library.h"
#endif

#include <QtTest>

using namespace pw;

namespace {
std::vector<std::string> splitLines(const std::string& s)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= s.size()) {
        std::size_t end = s.find('\n', start);
        if (end == std::string::npos)
            end = s.size();
        lines.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

std::string mutate(const std::string& source, Rng& rng)
{
    std::vector<std::string> lines = splitLines(source);
    const auto n = static_cast<std::uint32_t>(lines.size());
    const std::uint32_t i = rng.below(n), j = rng.below(n);
    switch (rng.below(7)) {
    case 0:
        lines.erase(lines.begin() + i);
        break; // drop a line
    case 1:
        std::swap(lines[i], lines[j]);
        break; // swap two lines
    case 2:
        lines.insert(lines.begin() + i, lines[j]);
        break; // duplicate a line
    case 3: {  // drop `.await`s
        auto p = lines[i].find(".await");
        if (p != std::string::npos)
            lines[i].erase(p, 6);
        break;
    }
    case 4: { // change a number
        for (char& c : lines[i])
            if (c >= '1' && c <= '9') {
                c = rng.below(2) ? '0' : '9';
                break;
            }
        break;
    }
    case 5: { // cut a line short
        if (!lines[i].empty())
            lines[i].resize(rng.below(static_cast<std::uint32_t>(lines[i].size())));
        break;
    }
    default: { // wrap in an endless loop
        lines.insert(lines.begin() + i, "loop {");
        lines.insert(lines.begin() + std::min<std::size_t>(lines.size(), i + 2), "}");
        break;
    }
    }
    std::string out;
    for (const auto& l : lines)
        out += l + "\n";
    return out;
}
} // namespace

class TestScenarioFuzz : public QObject {
    Q_OBJECT
private slots:
    void mutatedScenariosNeverCrash()
    {
        Rng rng(20261122);
        int ran = 0, rejected = 0, failed = 0;
        for (const auto& id : builtInScenarioIds()) {
            const std::string source = builtInScenarioSource(id);
            for (int k = 0; k < 24; ++k) {
                const std::string text = mutate(source, rng);
                LoadResult l = loadScenario(id + "-mutant.rs", text);
                if (!l.scenario) {
                    ++rejected;
                    for (const auto& e : l.errors) {
                        QVERIFY(e.loc.line >= 1);
                        QVERIFY(e.loc.col >= 1);
                        QVERIFY(!e.message.empty());
                    }
                    continue;
                }
                RunOptions o;
                o.maxEvents = 200'000;
                o.maxLoopIterations = 50'000;
                o.maxTime = SimDuration::seconds(3600);
                const RunResult r = runScenario(*l.scenario, o);
                ++ran;
                for (const auto& e : r.errors) {
                    ++failed;
                    QVERIFY(e.loc.line >= 1);
                    QVERIFY(!e.message.empty());
                }
            }
        }
        qInfo("mutants: %d ran, %d rejected by the parser, %d stopped with a located error", ran, rejected, failed);
        QVERIFY(ran > 0);
        QVERIFY(rejected > 0);
    }
    void pinningProgramsSurviveMutation()
    {
        // The memory interpreter on 1 to 3 mutations of each pinning built-in: every run ends
        // with steps and/or an error that has a location, never a crash or a hang.
        Rng rng(5);
        int clean = 0, located = 0;
        for (const char* id : {"pin-move", "pin-swap", "pin-stack", "pin-heap", "async-state-machine"}) {
            const std::string source = builtInScenarioSource(id);
            QVERIFY(!source.empty());
            for (int k = 0; k < 300; ++k) {
                std::string text = source;
                for (std::uint32_t m = 0, n = 1 + rng.below(3); m < n; ++m)
                    text = mutate(text, rng);
                const memory::MemoryTrace t = memory::runMemoryProgram(text, std::string(id) + "-mutant.rs");
                QVERIFY(t.steps.size() <= 5000);
                if (!t.error) {
                    ++clean;
                    continue;
                }
                ++located;
                QVERIFY2(t.error->line >= 1 && t.error->col >= 1, t.error->rendered.c_str());
                QVERIFY(!t.error->message.empty());
                QVERIFY(t.error->rendered.find(std::to_string(t.error->line)) != std::string::npos);
            }
        }
        qInfo("pinning mutants: %d ran clean, %d stopped with a located error", clean, located);
        QVERIFY(clean > 0);
        QVERIFY(located > 0);
    }
};

QTEST_GUILESS_MAIN(TestScenarioFuzz)
#include "tst_scenario_fuzz.moc"
