// The happens-before graph of one finding, for Graphviz: the witness path's
// trace, one box per instruction involved or lying on an hb chain between
// involved instructions (transitively reduced, edges labelled with the rule),
// the finding's instructions highlighted, and what is missing drawn dashed
// red (a race's "end/commit -> start", a double set's "wait end -> set end").
// For a cycle deadlock: the cycle.
#pragma once

#include <string>

#include "ir/Kernel.h"
#include "model/Finding.h"

namespace syncsmith {

std::string findingDot(const Kernel& k, const Finding& f, size_t maxNodes = 80);

}  // namespace syncsmith
