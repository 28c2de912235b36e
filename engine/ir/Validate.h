#pragma once

#include <string>

#include "ir/Kernel.h"

namespace syncsmith {

// Checks everything KERNEL-FORMAT.md rejects beyond syntax and lays out the
// buffers (Buffer::base). Throws InputError at the first problem.
//
// Slot, range, id, bound and divisor expressions are checked for every param
// value and every iteration of the enclosing loops (ignoring ifs), by
// enumeration; past kEnumerationBudget evaluations the check falls back to
// interval arithmetic, which is sound but may reject a kernel whose ranges
// depend on correlated loop variables (the message says so).
void validateKernel(Kernel& k, const std::string& file);

inline constexpr int64_t kEnumerationBudget = 4'000'000;

}  // namespace syncsmith
