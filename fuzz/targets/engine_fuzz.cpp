// libFuzzer target: bytes -> ChoiceStream -> generator -> sync engine ->
// the oracle's graph fast path (model/PathCheck's exact check on every path:
// each param combination, each `?` outcome sequence). The engine must be
// correct: any finding on its output, output that does not re-parse, or ops
// that the engine changed aborts with the kernel and the finding. The first
// choices pick the generator policy, size, core and arch, and the model
// options (--flag-key, --gm-visibility), which the engine and the oracle share.
// An `unknown` verdict (a bound) is fine.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "gen/Generator.h"
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "oracle/smt/Oracle.h"
#include "sync/Engine.h"

namespace {

using namespace syncsmith;
using namespace syncsmith::gen;

struct Case {
  Generated gen;
  ModelOptions model;
};

Case build(ChoiceStream& cs) {
  Case c;
  GenOptions o;
  o.policy = *namedPolicy(policyNames()[cs.below(policyNames().size())]);
  // small and default sizes: large kernels cost too much per exec.
  applySize(o.policy, SizeClass(cs.below(2)));
  if (uint64_t core = cs.below(3); core < 2) o.core = Core(core);
  c.model.flagKey = cs.chance(200) ? FlagKey::Src : FlagKey::Pair;
  c.model.gmVisibility = cs.chance(200) ? GmVisibility::Retire : GmVisibility::Fenced;
  c.gen = generate(cs, o);
  return c;
}

[[noreturn]] void fail(const char* what, const std::string& detail, const Kernel& input,
                       const std::string& synced, const ModelOptions& m) {
  std::fprintf(stderr, "engine_fuzz: %s\n%s\n--- input (flag-key %s, gm-visibility %s)\n%s--- engine output\n%s",
               what, detail.c_str(), std::string(flagKeyName(m.flagKey)).c_str(),
               std::string(gmVisibilityName(m.gmVisibility)).c_str(), printKernel(input).c_str(),
               synced.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ChoiceStream cs = ChoiceStream::fromBytes({data, size});
  Case c = build(cs);
  const Kernel& input = c.gen.kernel;
  EngineOptions eo;
  eo.model = c.model;
  SyncResult r = synchronize(input, eo);
  std::string text = printKernel(r.kernel);
  Kernel synced;
  try {
    synced = parseKernel(text, "synced.sk");
  } catch (const InputError& e) {
    fail("the engine's output does not parse", e.what(), input, text, c.model);
  }
  if (!(stripSync(synced) == stripSync(input)))
    fail("the engine changed the kernel's ops", "", input, text, c.model);
  OracleOptions oo;
  oo.model = c.model;
  oo.engine = OracleEngine::Graph;
  oo.stopAtFirst = true;
  oo.maxParams = 256;
  oo.maxPaths = 256;
  CheckResult cr = checkKernel(synced, oo);
  for (const Finding& f : cr.findings)
    if (f.kind != FindingKind::Redundant) fail("a finding on the engine's output", describe(f), input, text, c.model);
  return 0;
}
