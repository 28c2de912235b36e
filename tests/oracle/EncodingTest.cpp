// The pieces under the engines: the Smt facade, the guarded trace the
// encoding walks, redundancy units, and the Graphviz output.
#include "OracleTestUtil.h"
#include "oracle/smt/Dot.h"
#include "oracle/smt/ParamPlan.h"
#include "oracle/smt/Redundant.h"
#include "oracle/smt/Smt.h"

namespace syncsmith::oracletest {
namespace {

TEST(OracleSmtFacadeTest, ConstantsFoldWithoutTheSolver) {
  smt::Context ctx;
  smt::Term t = ctx.boolVal(true), f = ctx.boolVal(false);
  smt::Term x = ctx.boolVar("x");
  EXPECT_TRUE(ctx.mkAnd(t, t).isTrue());
  EXPECT_TRUE(ctx.mkAnd(x, f).isFalse());
  EXPECT_TRUE(ctx.mkOr({f, f}).isFalse());
  EXPECT_TRUE(ctx.implies(f, x).isTrue());
  EXPECT_EQ(ctx.add(ctx.intVal(3), 4).constValue(), 7);
  EXPECT_TRUE(ctx.eq(ctx.intVal(2), ctx.intVal(2)).isTrue());
  EXPECT_TRUE(ctx.lt(ctx.intVal(2), ctx.intVal(2)).isFalse());
  size_t before = ctx.numTerms();
  (void)ctx.mkAnd({t, x, t});  // just x
  EXPECT_EQ(ctx.numTerms(), before);
}

TEST(OracleSmtFacadeTest, DifferenceConstraintsAndModels) {
  smt::Context ctx;
  smt::Term a = ctx.intVar("a"), b = ctx.intVar("b"), g = ctx.boolVar("g");
  smt::Solver s(ctx);
  s.add(ctx.implies(g, ctx.diffGe(a, b, 1)));  // g -> b >= a + 1
  s.add(ctx.implies(g, ctx.diffGe(b, a, 0)));  // g -> a >= b: contradiction under g
  EXPECT_EQ(s.check({g}), smt::SatResult::Unsat);
  ASSERT_EQ(s.check({ctx.mkNot(g), ctx.lt(b, a)}), smt::SatResult::Sat);
  smt::Model m = s.model();
  EXPECT_LT(m.evalInt(b), m.evalInt(a));
  EXPECT_FALSE(m.evalBool(g));
  EXPECT_FALSE(smt::z3Version().empty());
}

TEST(OracleGuardedTraceTest, EveryPathIsTheSubsequenceOfItsGuards) {
  Kernel k = load("tests/oracle/kernels/cond_race.sk");
  GuardedTrace g = buildGuardedTrace(k, {{"n", 2}});
  ASSERT_EQ(g.sites.size(), 4u);  // ?sync and ?skip, two iterations
  // All 16 outcome vectors.
  for (unsigned bits = 0; bits < 16; ++bits) {
    std::map<std::string, std::vector<bool>> conds;
    std::vector<bool> value(g.sites.size());
    for (size_t s = 0; s < g.sites.size(); ++s) {
      value[s] = (bits >> s) & 1;
      conds[g.sites[s].name].push_back(value[s]);
    }
    auto holds = [&](int32_t guard) {
      for (; guard >= 0; guard = g.guards[size_t(guard)].parent)
        if (value[g.guards[size_t(guard)].site] != g.guards[size_t(guard)].value) return false;
      return true;
    };
    Trace t = buildTrace(k, {{"n", 2}}, fixedConds(conds));
    std::vector<const Instr*> picked;
    for (size_t i = 0; i < g.trace.instrs.size(); ++i)
      if (holds(g.guardOf[i])) picked.push_back(&g.trace.instrs[i]);
    ASSERT_EQ(picked.size(), t.instrs.size()) << bits;
    for (size_t i = 0; i < picked.size(); ++i) {
      EXPECT_EQ(picked[i]->stmt, t.instrs[i].stmt);
      EXPECT_EQ(picked[i]->id, t.instrs[i].id);
      EXPECT_EQ(g.trace.iterations(*picked[i]), t.iterations(t.instrs[i]));
    }
  }
}

TEST(OracleParamPlanTest, BoundaryValuesFirstWhenTheSpaceIsTooBig) {
  Kernel k = parseKernel(R"(kernel k {
  buffer a ub 64
  param n in 0..100
  param m in 1..3
}
)");
  ParamPlan all = planParams(k, 1000);
  EXPECT_FALSE(all.cut);
  EXPECT_EQ(all.assignments.size(), 303u);
  ParamPlan some = planParams(k, 20);
  EXPECT_TRUE(some.cut);
  EXPECT_EQ(some.total, 303u);
  EXPECT_LE(some.assignments.size(), 20u);
  std::set<int64_t> ns;
  for (const auto& a : some.assignments) ns.insert(a.at("n"));
  EXPECT_TRUE(ns.count(0) && ns.count(100) && ns.count(1) && ns.count(99));
}

TEST(OracleRedundancyUnitsTest, LoopUnitsCarryPrimesAndDrains) {
  Kernel k = load("corpus/examples/pingpong_synced.sk");
  std::map<const Stmt*, std::set<int64_t>> ids;
  for (int64_t n = 1; n <= 3; ++n) {
    Trace t = buildTrace(k, {{"n", n}}, fixedConds({}));
    for (const Instr& in : t.instrs)
      if (in.kind == InstrKind::SetFlag || in.kind == InstrKind::WaitFlag)
        ids[in.stmt].insert(in.id);
  }
  std::vector<const Stmt*> byIndex;
  forEachStmt(k.body, [&](const Stmt& s) { byIndex.push_back(&s); });
  std::vector<std::vector<int>> units;
  for (const RedundancyUnit& u : redundancyUnits(k, ids)) {
    std::vector<int> lines;
    for (size_t i : u.stmts) lines.push_back(byIndex[i]->loc.line);
    units.push_back(lines);
  }
  // V->MTE2 lane unit: 2 primes, body wait + set, 2 drains. MTE2->V body
  // pair. V->MTE3 pair inside the if.
  EXPECT_EQ(units, (std::vector<std::vector<int>>{{9, 10, 12, 17, 24, 25}, {14, 15}, {19, 20}}));
}

TEST(OracleRedundancyUnitsTest, WithoutStmtsRemovesByPreorderIndex) {
  Kernel k = load("corpus/examples/vec_add_synced.sk");
  Kernel m = withoutStmts(k, {2, 3});  // the MTE2->V pair
  EXPECT_EQ(countStmts(m).syncs(), countStmts(k).syncs() - 2);
  CheckResult r = checkKernel(m, options(OracleEngine::Graph));
  EXPECT_EQ(kinds(r), std::set<std::string>{"RACE"});
}

TEST(OracleDotTest, RaceGraphShowsThePairAndTheMissingEdge) {
  Kernel k = load("tests/oracle/kernels/race_gm_commit.sk");
  CheckResult r = checkKernel(k, options(OracleEngine::Smt));
  ASSERT_EQ(r.findings.size(), 1u);
  std::string dot = findingDot(k, r.findings[0]);
  EXPECT_EQ(dot.rfind("digraph hb {", 0), 0u);
  EXPECT_NE(dot.find("missing: commit -> start"), std::string::npos) << dot;
  EXPECT_NE(dot.find("token"), std::string::npos) << dot;  // the chain that exists
  EXPECT_NE(dot.find("ub_to_gm ws"), std::string::npos) << dot;
  EXPECT_NE(dot.find("gm_to_ub b"), std::string::npos) << dot;
}

TEST(OracleDotTest, DeadlockGraphShowsTheCycle) {
  Kernel k = load("tests/oracle/kernels/deadlock_cycle.sk");
  CheckResult r = checkKernel(k, options(OracleEngine::Graph));
  ASSERT_EQ(r.findings.size(), 1u);
  std::string dot = findingDot(k, r.findings[0]);
  EXPECT_NE(dot.find("token"), std::string::npos) << dot;
  EXPECT_EQ(dot.find("missing"), std::string::npos) << dot;
}

}  // namespace
}  // namespace syncsmith::oracletest
