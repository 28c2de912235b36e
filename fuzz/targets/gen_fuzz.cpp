// libFuzzer target: bytes -> ChoiceStream -> generator. The first choices
// pick the policy, size and core; every kernel must print, re-parse to
// itself (valid by construction), contain no sync, and replay from its
// recorded choices to the same kernel. Anything else aborts.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "gen/Generator.h"
#include "ir/Parser.h"
#include "ir/Printer.h"

namespace {

using namespace syncsmith;
using namespace syncsmith::gen;

Generated build(ChoiceStream& cs) {
  GenOptions o;
  o.policy = *namedPolicy(policyNames()[cs.below(policyNames().size())]);
  applySize(o.policy, SizeClass(cs.below(3)));
  if (uint64_t c = cs.below(3); c < 2) o.core = Core(c);
  return generate(cs, o);
}

[[noreturn]] void fail(const char* what, const std::string& text) {
  std::fprintf(stderr, "gen_fuzz: %s\n%s", what, text.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ChoiceStream cs = ChoiceStream::fromBytes({data, size});
  Generated g = build(cs);
  std::string text = printKernel(g.kernel);
  Kernel again;
  try {
    again = parseKernel(text, "generated.sk");
  } catch (const InputError& e) {
    fail(e.what(), text);
  }
  if (!(again == g.kernel) || printKernel(again) != text) fail("no round trip", text);
  StmtCounts c = countStmts(g.kernel);
  if (c.syncs() != 0 || c.ops < 1) fail("sync in a generated kernel, or no op", text);
  // The recorded choices (the three option picks included) replay to the
  // same kernel: the reducer's stage 1 relies on it.
  ChoiceStream replay = ChoiceStream::replay(g.choices);
  if (!(build(replay).kernel == g.kernel)) fail("replay differs", text);
  return 0;
}
