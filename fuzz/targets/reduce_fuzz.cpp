// libFuzzer target: bytes -> a small generated kernel -> the reducer, with
// "checkPath finds a RACE" as the predicate and a small call budget. The
// result must validate, still race, be no larger than the input, and come
// out the same on a second run (determinism). Anything else aborts.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "gen/Generator.h"
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "reduce/Predicate.h"
#include "reduce/Reducer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace syncsmith;
  gen::ChoiceStream cs = gen::ChoiceStream::fromBytes({data, size});
  gen::GenOptions o;
  gen::applySize(o.policy, gen::SizeClass::Small);
  gen::Generated g = gen::generate(cs, o);
  reduce::FindingCheck check;
  check.kind = FindingKind::Race;
  reduce::Interesting race = reduce::findingPredicate(check);
  reduce::ReduceOptions ro;
  ro.maxCalls = 60;
  ro.maxChoiceCalls = 20;
  reduce::ReduceResult a = reduce::reduceGenerated(o, g.choices, race, ro);
  if (!a.inputInteresting) return 0;
  std::string text = printKernel(a.kernel);
  bool ok = true;
  try {
    ok = parseKernel(text, "reduced.sk") == a.kernel;
  } catch (const InputError&) {
    ok = false;
  }
  ok = ok && race(a.kernel) && a.stats.opsAfter <= a.stats.opsBefore;
  reduce::ReduceResult b = reduce::reduceGenerated(o, g.choices, race, ro);
  ok = ok && printKernel(b.kernel) == text && b.stats.calls == a.stats.calls;
  if (!ok) {
    std::fprintf(stderr, "reduce_fuzz: bad reduction of\n%s\nto\n%s", printKernel(g.kernel).c_str(),
                 text.c_str());
    std::abort();
  }
  return 0;
}
