#pragma once

#include <string>

#include "pto/Import.h"

namespace syncsmith::pto::test {

// tests/pto/data/NAME
std::string dataPath(const std::string& name);
ImportResult importData(const std::string& name, const ImportOptions& opts = {});
// The InputError message of importing `text` as file "k.cpp" ("" if none).
std::string importError(const std::string& text, const ImportOptions& opts = {});
// The kernel body of `body` inside a vector kernel with GM args v1, v2 and
// an int32_t arg n, imported as "k.cpp".
ImportResult importBody(const std::string& body, const ImportOptions& opts = {});
std::string kernelText(const std::string& body);

}  // namespace syncsmith::pto::test
