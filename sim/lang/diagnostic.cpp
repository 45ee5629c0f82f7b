#include "diagnostic.h"

namespace pw::lang {

std::string Diagnostic::format(const std::string& source) const
{
    std::string out = file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col) + ": error: " + message;
    // The offending line, then a caret under the column.
    int line = 1;
    std::size_t start = 0;
    for (std::size_t i = 0; i < source.size() && line < loc.line; ++i) {
        if (source[i] == '\n') {
            ++line;
            start = i + 1;
        }
    }
    if (line != loc.line || start > source.size())
        return out;
    std::size_t end = source.find('\n', start);
    if (end == std::string::npos)
        end = source.size();
    const std::string text = source.substr(start, end - start);
    out += "\n    " + text + "\n    ";
    for (int c = 1; c < loc.col && static_cast<std::size_t>(c - 1) < text.size(); ++c)
        out += text[static_cast<std::size_t>(c - 1)] == '\t' ? '\t' : ' ';
    out += std::string(static_cast<std::size_t>(length > 0 ? length : 1), '^');
    return out;
}

} // namespace pw::lang
