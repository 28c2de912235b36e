#pragma once

#include <string>

#include "ir/Kernel.h"

namespace syncsmith {

// Canonical `.sk` text: two-space indentation, one statement per line,
// minimal parentheses, comments dropped. parse(print(k)) == k.
std::string printKernel(const Kernel& k);

std::string printRef(const Ref& r);
std::string printStmtLine(const Stmt& s);  // one line, no indentation/body
std::string printCond(const Cond& c);

}  // namespace syncsmith
