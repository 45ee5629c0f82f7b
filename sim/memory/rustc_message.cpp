#include "rustc_message.h"

#include <algorithm>

namespace pw::memory {

std::string sourceLine(const std::string& source, int line)
{
    std::size_t start = 0;
    for (int l = 1; l < line; ++l) {
        const auto nl = source.find('\n', start);
        if (nl == std::string::npos)
            return {};
        start = nl + 1;
    }
    const auto end = source.find('\n', start);
    return source.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

namespace {

/// Display width of the first `chars` characters (UTF-8 aware: one column per code point).
std::string padTo(const std::string& text, int chars)
{
    std::string out;
    int col = 0;
    for (std::size_t i = 0; i < text.size() && col < chars; ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) == 0x80)
            continue;
        out += text[i] == '\t' ? '\t' : ' ';
        ++col;
    }
    while (col++ < chars)
        out += ' ';
    return out;
}

} // namespace

std::string renderRustc(const RustcMessage& m, const std::string& fileName, const std::string& source)
{
    std::string out = "error";
    if (!m.code.empty())
        out += "[" + m.code + "]";
    out += ": " + m.message + "\n";
    std::vector<SourceLabel> labels = m.labels;
    std::stable_sort(labels.begin(), labels.end(), [](const SourceLabel& a, const SourceLabel& b) {
        return a.line != b.line ? a.line < b.line : a.col < b.col;
    });
    const auto primary = std::find_if(m.labels.begin(), m.labels.end(), [](const SourceLabel& l) { return l.primary; });
    int width = 1;
    for (const auto& l : labels)
        width = std::max(width, static_cast<int>(std::to_string(l.line).size()));
    const std::string gutter(static_cast<std::size_t>(width), ' ');
    if (primary != m.labels.end())
        out += gutter + "--> " + fileName + ":" + std::to_string(primary->line) + ":" + std::to_string(primary->col) +
               "\n";
    out += gutter + " |\n";
    int lastLine = 0;
    for (std::size_t i = 0; i < labels.size();) {
        // all labels of one source line: one underline row, the rightmost label's text after it,
        // the others below, each under its own column (as rustc draws them)
        std::size_t end = i;
        while (end < labels.size() && labels[end].line == labels[i].line)
            ++end;
        const int line = labels[i].line;
        const std::string text = sourceLine(source, line);
        if (lastLine != 0 && line > lastLine + 1)
            out += "...\n";
        std::string num = std::to_string(line);
        num.insert(num.begin(), static_cast<std::size_t>(width) - num.size(), ' ');
        out += num + " | " + text + "\n";
        lastLine = line;
        std::string row;
        int col = 1;
        for (std::size_t k = i; k < end; ++k) {
            const SourceLabel& l = labels[k];
            if (l.col > col) {
                row += padTo(text, l.col - 1).substr(padTo(text, col - 1).size());
                col = l.col;
            }
            const int len = std::max(1, l.length);
            row += std::string(static_cast<std::size_t>(len), l.primary ? '^' : '-');
            col += len;
        }
        const SourceLabel& last = labels[end - 1];
        out += gutter + " | " + row + (last.text.empty() ? "" : " " + last.text) + "\n";
        for (std::size_t k = end - 1; k-- > i;) {
            if (labels[k].text.empty())
                continue;
            out += gutter + " | " + padTo(text, labels[k].col - 1) + "|\n";
            out += gutter + " | " + padTo(text, labels[k].col - 1) + labels[k].text + "\n";
        }
        i = end;
    }
    if (!m.notes.empty())
        out += gutter + " |\n";
    for (const auto& n : m.notes) {
        if (n.rfind("note:", 0) == 0 || n.rfind("help:", 0) == 0)
            out += n + "\n";
        else
            out += gutter + " = " + n + "\n";
    }
    out += "\nerror: aborting due to 1 previous error\n";
    if (!m.code.empty())
        out += "\nFor more information about this error, try `rustc --explain " + m.code + "`.\n";
    return out;
}

} // namespace pw::memory
