// Errors in a scenario: where (file:line:col), what, the offending text, and what to do.
#pragma once

#include "ast.h"

#include <string>
#include <vector>

namespace pw::lang {

struct Diagnostic {
    std::string file;
    SourceLoc loc;
    std::string message; ///< "unsupported macro `dbg!`; supported: println!, format!, ..."
    int length = 1;      ///< how many characters to underline

    /// `file:line:col: error: message`, then the source line and a caret line under it.
    std::string format(const std::string& source) const;
};

} // namespace pw::lang
