// Where each line of an imported kernel's .sk text came from.
#pragma once

#include <string>
#include <vector>

#include "ir/Kernel.h"

namespace syncsmith::pto {

// For each line of printKernel(k) (index 0 = line 1), the source line of the
// buffer, param or statement printed there (0: none, e.g. a closing brace).
std::vector<int> sourceLines(const Kernel& k);

// printKernel(k) with "# FILE:LINE" after every line that has a source line.
std::string printWithSourceComments(const Kernel& k, const std::string& file);

}  // namespace syncsmith::pto
