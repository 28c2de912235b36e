// libFuzzer target: the .sk parser and printer on arbitrary bytes. A parse
// either throws InputError or yields a kernel that prints and re-parses to
// itself; anything else (a crash, a sanitizer report, another exception) is
// a bug.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ir/Parser.h"
#include "ir/Printer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace syncsmith;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Kernel k;
  try {
    k = parseKernel(text, "fuzz.sk");
  } catch (const InputError&) {
    return 0;
  }
  std::string printed = printKernel(k);
  Kernel again = parseKernel(printed, "printed.sk");  // must not throw
  if (!(again == k) || printKernel(again) != printed) std::abort();
  return 0;
}
