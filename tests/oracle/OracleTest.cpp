// Verdicts and findings of checkKernel on minimal kernels of every kind, in
// both engines; bounds and timeouts giving `unknown`; REDUNDANT advice.
#include "OracleTestUtil.h"

namespace syncsmith::oracletest {
namespace {

using Kinds = std::set<std::string>;

struct Expectation {
  const char* file;
  Kinds pairFenced, srcFenced, pairRetire;
};

// What each kernel must give (engines and modes). Under --flag-key src the
// V->MTE2 and V->MTE3 flags of one id share a key, so kernels that use both
// lanes with id 0 are buggy in that reading.
const std::vector<Expectation>& expectations() {
  static const std::vector<Expectation> e = {
      {"tests/oracle/kernels/race_mte2_v.sk", {"RACE"}, {"RACE"}, {"RACE"}},
      {"tests/oracle/kernels/race_same_pipe.sk", {"RACE"}, {"RACE"}, {"RACE"}},
      {"tests/oracle/kernels/race_gm_commit.sk", {"RACE"}, {"RACE"}, {}},
      {"tests/oracle/kernels/double_set.sk", {"DOUBLE_SET"}, {"DOUBLE_SET"}, {"DOUBLE_SET"}},
      {"tests/oracle/kernels/double_set_src_key.sk", {}, {"DOUBLE_SET"}, {}},
      {"tests/oracle/kernels/dangling.sk", {"DANGLING"}, {"DANGLING"}, {"DANGLING"}},
      {"tests/oracle/kernels/deadlock_missing_set.sk", {"DEADLOCK"}, {"DEADLOCK"}, {"DEADLOCK"}},
      {"tests/oracle/kernels/deadlock_cycle.sk", {"DEADLOCK"}, {"DEADLOCK"}, {"DEADLOCK"}},
      {"tests/oracle/kernels/bad_event_id.sk",
       {"BAD_EVENT_ID"},
       {"BAD_EVENT_ID"},
       {"BAD_EVENT_ID"}},
      {"tests/oracle/kernels/zero_trip_dangling.sk", {"DANGLING"}, {"DANGLING"}, {"DANGLING"}},
      {"tests/oracle/kernels/if_without_else.sk",
       {"RACE", "DOUBLE_SET"},
       {"RACE", "DOUBLE_SET"},
       {"RACE", "DOUBLE_SET"}},
      {"tests/oracle/kernels/triple_buffer_no_backpressure.sk",
       {"RACE", "DOUBLE_SET"},
       {"RACE", "DOUBLE_SET"},
       {"RACE", "DOUBLE_SET"}},
      {"tests/oracle/kernels/triple_buffer_two_lanes.sk", {}, {}, {}},
      {"tests/oracle/kernels/nested_synced.sk", {}, {"DOUBLE_SET", "RACE"}, {}},
      {"tests/oracle/kernels/nested_race.sk",
       {"RACE", "DOUBLE_SET"},
       {"RACE", "DOUBLE_SET"},
       {"RACE", "DOUBLE_SET"}},
      {"tests/oracle/kernels/cond_dangling.sk", {"DANGLING"}, {"DANGLING"}, {"DANGLING"}},
      {"tests/oracle/kernels/cond_synced.sk", {}, {"DOUBLE_SET"}, {}},
      {"tests/oracle/kernels/cond_race.sk",
       {"RACE", "DOUBLE_SET"},
       {"RACE", "DOUBLE_SET"},
       {"RACE", "DOUBLE_SET"}},
      {"tests/oracle/kernels/cond_cycle.sk", {"DEADLOCK"}, {"DEADLOCK"}, {"DEADLOCK"}},
      {"tests/oracle/kernels/fence_barrier_correct.sk", {}, {}, {}},
      {"tests/oracle/kernels/redundant_sync.sk", {}, {}, {}},
      {"corpus/examples/gm_roundtrip_synced.sk", {}, {}, {}},
      {"corpus/examples/pingpong_synced.sk", {}, {"DOUBLE_SET", "RACE"}, {}},
      {"corpus/examples/triple_buffer_synced.sk", {}, {}, {}},
      {"corpus/examples/vec_add_synced.sk", {}, {}, {}},
      {"corpus/examples/vv_chain.sk", {}, {}, {}},
      {"corpus/examples/vv_chain_a5.sk", {}, {}, {}},
      {"corpus/examples/vec_add.sk", {"RACE"}, {"RACE"}, {"RACE"}},
  };
  return e;
}

TEST(OracleTest, EveryKindOnMinimalKernelsInBothEnginesAndModes) {
  const ModelOptions pairFenced{FlagKey::Pair, GmVisibility::Fenced};
  const ModelOptions srcFenced{FlagKey::Src, GmVisibility::Fenced};
  const ModelOptions pairRetire{FlagKey::Pair, GmVisibility::Retire};
  for (const Expectation& e : expectations()) {
    Kernel k = load(e.file);
    for (OracleEngine engine : {OracleEngine::Graph, OracleEngine::Smt, OracleEngine::Auto})
      for (auto [mode, want] :
           {std::pair{pairFenced, e.pairFenced}, std::pair{srcFenced, e.srcFenced},
            std::pair{pairRetire, e.pairRetire}}) {
        CheckResult r = checkKernel(k, options(engine, mode));
        std::string what = std::string(e.file) + " " + std::string(oracleEngineName(engine)) + " " +
                           modeName(mode) + ": " + summary(r);
        EXPECT_EQ(kinds(r), want) << what;
        EXPECT_EQ(r.verdict, want.empty() ? Verdict::Correct : Verdict::Buggy) << what;
      }
  }
}

TEST(OracleTest, FindingsNameInstancesParamsAndConds) {
  Kernel k = load("tests/oracle/kernels/cond_dangling.sk");
  CheckResult r = checkKernel(k, options(OracleEngine::Smt));
  ASSERT_EQ(r.findings.size(), 1u) << summary(r);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.kind, FindingKind::Dangling);
  EXPECT_EQ(f.lines(), std::vector<int>{7});
  EXPECT_EQ(f.witness.conds.at("fast"), std::vector<bool>{true});
  EXPECT_NE(f.message.find("1 set(s), 0 wait(s)"), std::string::npos) << f.message;

  Kernel z = load("tests/oracle/kernels/zero_trip_dangling.sk");
  for (OracleEngine engine : {OracleEngine::Graph, OracleEngine::Smt}) {
    CheckResult rz = checkKernel(z, options(engine));
    ASSERT_EQ(rz.findings.size(), 1u) << summary(rz);
    EXPECT_EQ(rz.findings[0].witness.params.at("n"), 0);
  }

  Kernel b = load("tests/oracle/kernels/bad_event_id.sk");
  CheckResult rb = checkKernel(b, options(OracleEngine::Smt));
  bool computed = false;
  for (const Finding& f2 : rb.findings)
    if (f2.lines() == std::vector<int>{7}) {
      computed = true;
      ASSERT_EQ(f2.instances[0].iterations.size(), 1u);
      EXPECT_GE(f2.instances[0].iterations[0].second, 2);  // i + 6 > 7 from i = 2 on
      EXPECT_NE(f2.message.find("outside 0..7"), std::string::npos);
    }
  EXPECT_TRUE(computed) << summary(rb);
}

TEST(OracleTest, CondRaceWitnessTakesTheUnsyncedArm) {
  Kernel k = load("tests/oracle/kernels/cond_race.sk");
  CheckResult r = checkKernel(k, options(OracleEngine::Smt));
  bool found = false;
  for (const Finding& f : r.findings)
    if (f.kind == FindingKind::Race && f.lines() == std::vector<int>{14, 19}) {
      found = true;
      // vexp (line 14) races with the store (19) only when ?sync was false.
      const auto& sync = f.witness.conds.at("sync");
      ASSERT_FALSE(sync.empty());
      EXPECT_FALSE(sync[f.instances[0].iterations[0].second]);
    }
  EXPECT_TRUE(found) << summary(r);
}

TEST(OracleTest, AutoPicksTheGraphEngineOnlyWithoutConditions) {
  CheckResult plain = checkKernel(load("corpus/examples/vec_add_synced.sk"), OracleOptions{});
  EXPECT_EQ(plain.bounds.at("smt"), 0);
  CheckResult cond = checkKernel(load("tests/oracle/kernels/cond_synced.sk"), OracleOptions{});
  EXPECT_EQ(cond.bounds.at("smt"), 1);
  EXPECT_EQ(cond.verdict, Verdict::Correct) << summary(cond);
  EXPECT_GT(cond.bounds.at("smt_time_vars_max"), 0);
  // Without pruning Z3 decides the candidates itself.
  OracleOptions unpruned;
  unpruned.prune = false;
  CheckResult full = checkKernel(load("tests/oracle/kernels/cond_synced.sk"), unpruned);
  EXPECT_EQ(full.verdict, Verdict::Correct) << summary(full);
  EXPECT_GT(full.bounds.at("z3_checks"), 0);
}

TEST(OracleTest, BoundsAreReported) {
  CheckResult r = checkKernel(load("corpus/examples/triple_buffer_synced.sk"), OracleOptions{});
  EXPECT_EQ(r.verdict, Verdict::Correct);
  EXPECT_EQ(r.bounds.at("param_combinations"), 25);
  EXPECT_EQ(r.bounds.at("param_combinations_explored"), 25);
  EXPECT_EQ(r.bounds.at("paths"), 25);
  std::string json = toJson(r);
  EXPECT_NE(json.find("\"bounds\""), std::string::npos);
  EXPECT_NE(json.find("\"verdict\":\"correct\""), std::string::npos);
}

TEST(OracleTest, ACutParamRangeIsUnknownNotCorrect) {
  Kernel k = load("corpus/examples/pingpong_synced.sk");
  for (OracleEngine engine : {OracleEngine::Graph, OracleEngine::Smt}) {
    OracleOptions o = options(engine);
    o.maxParams = 3;
    CheckResult r = checkKernel(k, o);
    EXPECT_EQ(r.verdict, Verdict::Unknown) << summary(r);
    EXPECT_NE(r.reason.find("--max-params 3"), std::string::npos) << r.reason;
    EXPECT_EQ(r.bounds.at("param_combinations_explored"), 3);
  }
  // A bug inside the explored sample is still a bug: boundary values first.
  Kernel z = load("tests/oracle/kernels/zero_trip_dangling.sk");
  OracleOptions o = options(OracleEngine::Graph);
  o.maxParams = 1;
  CheckResult r = checkKernel(z, o);
  EXPECT_EQ(r.verdict, Verdict::Buggy) << summary(r);
  EXPECT_NE(r.reason.find("incomplete"), std::string::npos);
}

TEST(OracleTest, ACutLoopIsUnknownNotCorrect) {
  Kernel k = load("corpus/examples/triple_buffer_synced.sk");
  for (OracleEngine engine : {OracleEngine::Graph, OracleEngine::Smt}) {
    OracleOptions o = options(engine);
    o.maxInstrs = 40;
    CheckResult r = checkKernel(k, o);
    EXPECT_EQ(r.verdict, Verdict::Unknown) << summary(r);
    EXPECT_NE(r.reason.find("--max-instrs"), std::string::npos) << r.reason;
  }
}

TEST(OracleTest, TooManyPathsIsUnknownForTheGraphEngine) {
  Kernel k = load("corpus/examples/branch_runtime.sk");  // up to 2^8 paths per n
  OracleOptions o = options(OracleEngine::Graph);
  o.maxPaths = 16;
  CheckResult r = checkKernel(k, o);
  EXPECT_NE(r.reason.find("--max-paths"), std::string::npos) << summary(r);
  Kernel synced = load("tests/oracle/kernels/cond_synced.sk");
  o.maxPaths = 4;
  CheckResult rs = checkKernel(synced, o);
  EXPECT_EQ(rs.verdict, Verdict::Unknown) << summary(rs);
}

TEST(OracleTest, AQueryTimeoutIsUnknownNotCorrect) {
  // A correct kernel whose queries all have to be decided by Z3.
  Kernel k = load("corpus/examples/triple_buffer_synced.sk");
  OracleOptions o = options(OracleEngine::Smt, {}, /*prune=*/false);
  o.timeoutMs = 1;
  o.maxParams = 64;
  CheckResult r = checkKernel(k, o);
  ASSERT_EQ(r.verdict, Verdict::Unknown) << summary(r);
  EXPECT_NE(r.reason.find("Z3 gave up"), std::string::npos) << r.reason;
}

TEST(OracleTest, AnExhaustedTimeLimitIsUnknownNotCorrect) {
  Kernel k = load("corpus/examples/triple_buffer_synced.sk");
  OracleOptions o = options(OracleEngine::Smt, {}, false);
  o.timeLimitMs = 1;
  CheckResult r = checkKernel(k, o);
  // Either the very first query ran out or the loop over params did.
  ASSERT_EQ(r.verdict, Verdict::Unknown) << summary(r);
}

TEST(OracleTest, RedundantAdviceOnCorrectKernelsOnly) {
  Kernel k = load("tests/oracle/kernels/redundant_sync.sk");
  for (OracleEngine engine : {OracleEngine::Graph, OracleEngine::Smt}) {
    OracleOptions o = options(engine);
    o.redundant = true;
    CheckResult r = checkKernel(k, o);
    EXPECT_EQ(r.verdict, Verdict::Correct) << summary(r);
    std::vector<std::vector<int>> units;
    for (const Finding& f : r.findings) {
      EXPECT_EQ(f.kind, FindingKind::Redundant);
      units.push_back(f.lines());
    }
    // The first pipe_barrier V (the second one then does the drain) and the
    // pipe_barrier ALL (the V->MTE3 flags order the store).
    EXPECT_EQ(units, (std::vector<std::vector<int>>{{12}, {15}})) << summary(r);
  }
  OracleOptions o = options(OracleEngine::Graph);
  o.redundant = true;
  CheckResult buggy = checkKernel(load("corpus/examples/vec_add.sk"), o);
  EXPECT_EQ(kinds(buggy), Kinds{"RACE"});
}

TEST(OracleTest, LoopUnitsTakeTheirPrimesAndDrains) {
  // pingpong_synced is tight: no unit can go.
  OracleOptions o = options(OracleEngine::Graph);
  o.redundant = true;
  CheckResult r = checkKernel(load("corpus/examples/pingpong_synced.sk"), o);
  EXPECT_EQ(r.verdict, Verdict::Correct);
  EXPECT_TRUE(r.findings.empty()) << summary(r);
}

TEST(OracleTest, StopAtFirstGivesTheVerdictOnly) {
  OracleOptions o = options(OracleEngine::Smt);
  o.stopAtFirst = true;
  CheckResult r = checkKernel(load("corpus/examples/flash_like.sk"), o);
  EXPECT_EQ(r.verdict, Verdict::Buggy);
  EXPECT_EQ(r.findings.size(), 1u);
}

}  // namespace
}  // namespace syncsmith::oracletest
