// The campaign's use of the reducer: "the engine's output still has finding
// KIND", through FindingCheck::transform. Built when syncsmith_engine exists.
#include <gtest/gtest.h>

#include "gen/Generator.h"
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "reduce/Predicate.h"
#include "reduce/Reducer.h"
#include "sync/Engine.h"

namespace syncsmith::reduce {
namespace {

FindingCheck afterSync(FindingKind kind, InjectedBug bug) {
  FindingCheck c;
  c.kind = kind;
  EngineOptions opts;
  opts.bug = bug;
  c.transform = [opts](const Kernel& k) -> std::optional<Kernel> {
    try {
      return parseKernel(printKernel(synchronize(k, opts).kernel), "synced.sk");
    } catch (const std::exception&) {
      return std::nullopt;
    }
  };
  return c;
}

TEST(ReducerEngineTest, InjectedEngineBugReducesToATinyReproducer) {
  gen::GenOptions o;
  int reduced = 0;
  for (InjectedBug bug : {InjectedBug::SkipBackEdge, InjectedBug::GmRoundtripFlagOnly,
                          InjectedBug::DropSamePipeBarrier}) {
    FindingCheck buggy = afterSync(FindingKind::Race, bug);
    FindingCheck clean = afterSync(FindingKind::Race, InjectedBug::None);
    for (uint64_t seed = 1; seed <= 30; ++seed) {
      gen::Generated g = gen::generateSeeded(seed, o);
      if (!hasFinding(g.kernel, buggy) || hasFinding(g.kernel, clean)) continue;
      ReduceResult r = reduceGenerated(o, g.choices, findingPredicate(buggy));
      ASSERT_TRUE(r.inputInteresting);
      EXPECT_TRUE(hasFinding(r.kernel, buggy));
      EXPECT_LE(r.stats.opsAfter, 3) << injectedBugName(bug) << "\n" << printKernel(r.kernel);
      EXPECT_EQ(countStmts(r.kernel).syncs(), 0);  // the input stays sync-free
      ++reduced;
      break;
    }
  }
  EXPECT_EQ(reduced, 3);
}

}  // namespace
}  // namespace syncsmith::reduce
