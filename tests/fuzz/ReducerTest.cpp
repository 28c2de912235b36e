#include <gtest/gtest.h>

#include "gen/Generator.h"
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "reduce/KernelEdit.h"
#include "reduce/Predicate.h"
#include "reduce/Reducer.h"

namespace syncsmith::reduce {
namespace {

// A correct triple-buffered pipeline (corpus/examples/triple_buffer_synced.sk)
// followed by a GM round trip; `tail` is spliced in before the last `}`.
std::string bigKernel(const std::string& roundTripSync, const std::string& extra) {
  return R"(kernel big {
  buffer src gm 98304
  buffer dst gm 98304
  buffer t   ub 12288 slots=3
  buffer ws  gm 4096
  buffer y   gm 4096
  buffer a   ub 4096
  buffer b   ub 4096
  param n in 0..6
  set_flag MTE3 MTE2 0
  set_flag MTE3 MTE2 1
  set_flag MTE3 MTE2 2
  for i in 0..n {
    wait_flag MTE3 MTE2 (i%3)
    gm_to_ub t[i%3] <- src[i*4096 : i*4096+4096]
    set_flag MTE2 V (i%3)
    wait_flag MTE2 V (i%3)
    vmul t[i%3] <- t[i%3]
    set_flag V MTE3 (i%3)
    wait_flag V MTE3 (i%3)
    ub_to_gm dst[i*4096 : i*4096+4096] <- t[i%3]
    set_flag MTE3 MTE2 (i%3)
)" + extra + R"(
  }
  wait_flag MTE3 MTE2 0
  wait_flag MTE3 MTE2 1
  wait_flag MTE3 MTE2 2
  pipe_barrier ALL
  gm_to_ub a <- src[0:4096]
  set_flag MTE2 V 0
  wait_flag MTE2 V 0
  vexp a <- a
  set_flag V MTE3 0
  wait_flag V MTE3 0
  ub_to_gm ws <- a
)" + roundTripSync + R"(
  set_flag MTE3 MTE2 0
  wait_flag MTE3 MTE2 0
  gm_to_ub b <- ws
  set_flag MTE2 V 1
  wait_flag MTE2 V 1
  vadd b <- b, a
  set_flag V MTE3 1
  wait_flag V MTE3 1
  ub_to_gm y <- b
}
)";
}

FindingCheck keep(FindingKind k) {
  FindingCheck c;
  c.kind = k;
  return c;
}

int stmts(const Kernel& k) {
  StmtCounts c = countStmts(k);
  return c.ops + c.syncs() + c.loops + c.ifs;
}

TEST(ReducerTest, TheBigKernelIsCorrectWhenFullySynced) {
  Kernel k = parseKernel(bigKernel("  gm_fence MTE3", ""));
  for (FindingKind kind : {FindingKind::Race, FindingKind::Deadlock, FindingKind::Dangling,
                           FindingKind::DoubleSet, FindingKind::BadEventId})
    EXPECT_FALSE(hasFinding(k, keep(kind))) << findingKindName(kind);
}

TEST(ReducerTest, RaceBuriedInABigKernelReducesToATinyKernel) {
  Kernel k = parseKernel(bigKernel("", ""));  // no gm_fence: the round trip races
  ASSERT_TRUE(hasFinding(k, keep(FindingKind::Race)));
  ReduceResult r = reduceKernel(k, findingPredicate(keep(FindingKind::Race)));
  ASSERT_TRUE(r.inputInteresting);
  EXPECT_TRUE(hasFinding(r.kernel, keep(FindingKind::Race)));
  EXPECT_LE(r.stats.opsAfter, 2) << printKernel(r.kernel);
  EXPECT_LE(stmts(r.kernel), 3) << printKernel(r.kernel);
  EXPECT_EQ(r.stats.opsBefore, 9);
  EXPECT_GT(r.stats.calls, 0u);
  EXPECT_LE(r.kernel.buffers.size(), 2u);
  EXPECT_TRUE(r.kernel.params.empty()) << printKernel(r.kernel);
}

TEST(ReducerTest, DanglingTokenInALoopReducesToTheLoneSet) {
  Kernel k = parseKernel(bigKernel("  gm_fence MTE3", "    set_flag V MTE3 3"));
  ASSERT_TRUE(hasFinding(k, keep(FindingKind::Dangling)));
  ReduceResult r = reduceKernel(k, findingPredicate(keep(FindingKind::Dangling)));
  EXPECT_TRUE(hasFinding(r.kernel, keep(FindingKind::Dangling)));
  EXPECT_EQ(r.stats.opsAfter, 0) << printKernel(r.kernel);
  EXPECT_EQ(stmts(r.kernel), 1) << printKernel(r.kernel);
  EXPECT_NE(printKernel(r.kernel).find("set_flag V MTE3"), std::string::npos);
}

TEST(ReducerTest, DeadlockReducesToTheLoneWait) {
  Kernel k = parseKernel(bigKernel("  gm_fence MTE3", "    wait_flag MTE2 V 5"));
  ASSERT_TRUE(hasFinding(k, keep(FindingKind::Deadlock)));
  ReduceResult r = reduceKernel(k, findingPredicate(keep(FindingKind::Deadlock)));
  EXPECT_TRUE(hasFinding(r.kernel, keep(FindingKind::Deadlock)));
  EXPECT_EQ(stmts(r.kernel), 1) << printKernel(r.kernel);
  EXPECT_NE(printKernel(r.kernel).find("wait_flag"), std::string::npos);
}

TEST(ReducerTest, DoubleSetInAnIfArmKeepsItsPair) {
  Kernel k = parseKernel(R"(kernel k {
  buffer a ub 64
  buffer g gm 64
  param n in 1..3
  for i in 0..n {
    gm_to_ub a <- g
    if i == 0 {
      set_flag MTE2 V 0
      set_flag MTE2 V 0
    } else {
      vadd a <- a
    }
  }
  wait_flag MTE2 V 0
  wait_flag MTE2 V 0
}
)");
  ASSERT_TRUE(hasFinding(k, keep(FindingKind::DoubleSet)));
  ReduceResult r = reduceKernel(k, findingPredicate(keep(FindingKind::DoubleSet)));
  EXPECT_TRUE(hasFinding(r.kernel, keep(FindingKind::DoubleSet)));
  EXPECT_EQ(r.stats.opsAfter, 0) << printKernel(r.kernel);
  EXPECT_EQ(countStmts(r.kernel).loops + countStmts(r.kernel).ifs, 0) << printKernel(r.kernel);
}

TEST(ReducerTest, IsDeterministic) {
  Kernel k = parseKernel(bigKernel("", "    set_flag V MTE3 3"));
  ReduceResult a = reduceKernel(k, findingPredicate(keep(FindingKind::Race)));
  ReduceResult b = reduceKernel(k, findingPredicate(keep(FindingKind::Race)));
  EXPECT_EQ(printKernel(a.kernel), printKernel(b.kernel));
  EXPECT_EQ(a.stats.calls, b.stats.calls);
  EXPECT_EQ(a.stats.candidates, b.stats.candidates);
}

TEST(ReducerTest, ThePredicateOnlySeesValidKernels) {
  size_t seen = 0;
  Interesting inner = findingPredicate(keep(FindingKind::Race));
  Interesting checked = [&](const Kernel& c) {
    ++seen;
    std::string text = printKernel(c);
    Kernel again = parseKernel(text, "seen.sk");  // throws on an invalid one
    EXPECT_TRUE(again == c);
    return inner(c);
  };
  ReduceResult r = reduceKernel(parseKernel(bigKernel("", "    set_flag V MTE3 3")), checked);
  EXPECT_EQ(seen, r.stats.calls);
  // A generated kernel with buffers of several sizes: merging them, dropping
  // slots or substituting params makes invalid candidates, which are dropped.
  size_t invalid = 0;
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    seen = 0;
    ReduceResult g = reduceKernel(gen::generateSeeded(seed, gen::GenOptions{}).kernel, checked);
    EXPECT_EQ(seen, g.stats.calls);
    invalid += g.stats.invalid;
  }
  EXPECT_GT(invalid, 0u);
}

TEST(ReducerTest, UninterestingInputIsReturnedUnchanged) {
  Kernel k = parseKernel(bigKernel("  gm_fence MTE3", ""));
  ReduceResult r = reduceKernel(k, findingPredicate(keep(FindingKind::Race)));
  EXPECT_FALSE(r.inputInteresting);
  EXPECT_TRUE(r.kernel == k);
  EXPECT_EQ(r.stats.calls, 1u);
}

TEST(ReducerTest, RespectsTheCallBudget) {
  Kernel k = parseKernel(bigKernel("", ""));
  ReduceOptions o;
  o.maxCalls = 3;
  ReduceResult r = reduceKernel(k, findingPredicate(keep(FindingKind::Race)), o);
  EXPECT_LE(r.stats.calls, 3u);
  EXPECT_TRUE(r.stats.budgetExhausted);
  EXPECT_TRUE(hasFinding(r.kernel, keep(FindingKind::Race)));
}

TEST(ReducerTest, GeneratedKernelShrinksItsChoiceStreamThenItsTree) {
  gen::GenOptions o;
  gen::applySize(o.policy, gen::SizeClass::Large);
  gen::Generated g = gen::generateSeeded(3, o);
  Interesting race = findingPredicate(keep(FindingKind::Race));
  ASSERT_TRUE(race(g.kernel));
  ReduceOptions ro;
  ReduceResult r = reduceGenerated(o, g.choices, race, ro);
  ASSERT_TRUE(r.inputInteresting);
  EXPECT_LT(r.choices.size(), g.choices.size());
  EXPECT_GT(r.stats.choiceCalls, 0u);
  EXPECT_TRUE(race(gen::generateReplay(r.choices, o).kernel));  // stage 1's kernel
  EXPECT_TRUE(race(r.kernel));
  EXPECT_LE(r.stats.opsAfter, 2) << printKernel(r.kernel);
  EXPECT_GE(r.stats.opsBefore, 40);
}

TEST(KernelEditTest, FoldAndSubstitute) {
  Expr i = Expr::var("i"), n = Expr::var("n");
  EXPECT_EQ(substitute(i * Expr::constant(64) + Expr::constant(64), "i", Expr::constant(2)).str(),
            "192");
  EXPECT_EQ(substitute((i + Expr::constant(1)) % Expr::constant(2), "i", Expr::constant(3)).str(),
            "0");
  EXPECT_EQ(fold(n * Expr::constant(1) + Expr::constant(0)).str(), "n");
  EXPECT_EQ(fold(Expr::constant(2) - Expr::constant(5)), constantExpr(-3));
  // Negative constants print and parse back to the same tree.
  Kernel k = parseKernel("kernel k {\n  param n in -3..-3\n  for i in -3..n {\n  }\n}\n");
  ForStmt& f = *k.body[0].forLoop();
  EXPECT_EQ(f.lo, constantExpr(-3));
}

TEST(KernelEditTest, BlockPathsGoLevelByLevel) {
  Kernel k = parseKernel(R"(kernel k {
  buffer a ub 64
  for i in 0..2 {
    if i == 0 {
      vadd a <- a
    } else {
    }
  }
  for j in 0..2 {
  }
}
)");
  std::vector<BlockPath> paths = blockPaths(k);
  ASSERT_EQ(paths.size(), 5u);
  EXPECT_TRUE(paths[0].empty());
  EXPECT_EQ(paths[1].size(), 1u);
  EXPECT_EQ(paths[2].size(), 1u);
  EXPECT_EQ(paths[3].size(), 2u);
  EXPECT_EQ(paths[4], (BlockPath{{0, 0}, {0, 1}}));
  EXPECT_EQ(blockAt(k, paths[3])->size(), 1u);
  EXPECT_EQ(blockAt(k, BlockPath{{5, 0}}), nullptr);
}

}  // namespace
}  // namespace syncsmith::reduce
