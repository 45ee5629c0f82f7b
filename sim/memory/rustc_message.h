// Error texts in rustc's layout: `error[E0277]: ...`, the `-->` line, the source lines with
// `^^^` under the offending code and `---` under related code, then `= note:` lines.
#pragma once

#include <string>
#include <vector>

namespace pw::memory {

struct SourceLabel {
    int line = 0;        ///< 1-based
    int col = 0;         ///< 1-based, in characters
    int length = 1;      ///< characters to underline
    std::string text;    ///< "move out of `example` occurs here"
    bool primary = true; ///< `^^^` (primary) or `---` (related)
};

struct RustcMessage {
    std::string code;                ///< "E0277"
    std::string message;             ///< "`PhantomPinned` cannot be unpinned"
    std::vector<SourceLabel> labels; ///< the first primary label gives the `-->` location
    std::vector<std::string> notes;  ///< "= note: ..." lines (a leading "note:"/"help:" is kept as is)
};

/// The message as rustc prints it, ending with rustc's "aborting due to" summary.
std::string renderRustc(const RustcMessage& m, const std::string& fileName, const std::string& source);

/// Column (1-based, in characters) to byte offset within `lineText`; and the line itself.
std::string sourceLine(const std::string& source, int line);

} // namespace pw::memory
