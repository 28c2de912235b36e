// The `.sk` parser: text -> validated Kernel, or InputError
// (FILE:LINE:COL: error: MESSAGE). Never a partial result.
#pragma once

#include <string>
#include <string_view>

#include "ir/Kernel.h"

namespace syncsmith {

// Parses and validates one kernel (syntax, names, spaces, pipes, layout,
// capacities, and every slot/range/divisor for every param value and loop
// iteration). `file` names the input in error messages.
Kernel parseKernel(std::string_view text, const std::string& file = "<input>");

// Reads FILE (or stdin for "-") and parses it. Throws InputError when the
// file cannot be read, too (at 1:1).
Kernel parseKernelFile(const std::string& path);

// Syntax only, no validation: for tools that want to look at a bad kernel.
Kernel parseKernelSyntax(std::string_view text, const std::string& file);

}  // namespace syncsmith
