#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <set>

#include "PtoTestUtil.h"
#include "pto/PtoCheck.h"

namespace syncsmith::pto::test {
namespace {

// Every verdict test runs with the path checker and, when built in, the oracle.
class PtoCheckTest : public ::testing::TestWithParam<PtoChecker> {
 protected:
  void SetUp() override {
    if (GetParam() == PtoChecker::Oracle && !haveOracle()) GTEST_SKIP() << "no oracle";
  }
  CheckResult check(const Kernel& k, ModelOptions model = {}) {
    PtoCheckOptions o;
    o.model = model;
    o.checker = GetParam();
    return checkImported(k, o);
  }
  CheckResult check(const std::string& name, ModelOptions model = {}, ImportOptions io = {}) {
    return check(importData(name, io).kernel, model);
  }
};

std::set<std::string> sites(const CheckResult& r) {
  std::set<std::string> out;
  for (const Finding& f : r.findings) {
    std::string s(findingKindName(f.kind));
    for (int l : f.lines()) s += " " + std::to_string(l);
    out.insert(s);
  }
  return out;
}

TEST_P(PtoCheckTest, CorrectKernelsAreCorrect) {
  for (const char* f : {"vec_add.cpp", "double_buffer.cpp", "matmul.cpp", "softmax_rows.cpp"}) {
    CheckResult r = check(f);
    EXPECT_EQ(r.verdict, Verdict::Correct) << f << ": " << (r.findings.empty() ? r.reason : describe(r.findings[0]));
  }
}

TEST_P(PtoCheckTest, MissingWaitIsARaceAndADanglingTokenAtTheCppLines) {
  CheckResult r = check("bug_missing_wait.cpp");
  EXPECT_EQ(r.verdict, Verdict::Buggy);
  // TLOAD (23, 24) -> TADD (26) unordered; the set at 25 never waited for.
  EXPECT_EQ(sites(r), (std::set<std::string>{"DANGLING 25", "RACE 23 26", "RACE 24 26"}));
}

TEST_P(PtoCheckTest, LoopWithABranchRacesOnEveryUnorderedPairWithItsIteration) {
  CheckResult r = check("bug_loop_if.cpp");
  EXPECT_EQ(r.verdict, Verdict::Buggy);
  // 20 TLOAD, 25 / 27 TADDS in the then / else arm (i == 0 / i > 0), 31 TSTORE.
  EXPECT_EQ(sites(r), (std::set<std::string>{"RACE 20 25", "RACE 20 27", "RACE 25 27",
                                             "RACE 27 27", "RACE 25 31", "RACE 27 31"}));
  for (const Finding& f : r.findings) {
    if (f.lines() != std::vector<int>{25, 27}) continue;
    ASSERT_EQ(f.instances.size(), 2u);
    EXPECT_EQ(f.instances[0].iterations, (std::vector<std::pair<std::string, int64_t>>{{"v14", 0}}));
    EXPECT_EQ(f.instances[1].iterations, (std::vector<std::pair<std::string, int64_t>>{{"v14", 1}}));
  }
}

TEST_P(PtoCheckTest, GmRoundTripWithAFlagOnlyRacesOnTheCommit) {
  CheckResult fenced = check("bug_gm_roundtrip.cpp");
  EXPECT_EQ(fenced.verdict, Verdict::Buggy);
  EXPECT_EQ(sites(fenced), (std::set<std::string>{"RACE 26 29"}));
  EXPECT_NE(fenced.findings[0].message.find("commit"), std::string::npos);
  ModelOptions retire;
  retire.gmVisibility = GmVisibility::Retire;
  EXPECT_EQ(check("bug_gm_roundtrip.cpp", retire).verdict, Verdict::Correct);
}

TEST_P(PtoCheckTest, VectorChainNeedsVBarriersOnA2a3Only) {
  std::ifstream in(dataPath("softmax_rows.cpp"));
  std::stringstream text;
  text << in.rdbuf();
  std::string noBarriers = text.str();
  for (size_t p; (p = noBarriers.find("pipe_barrier(PIPE_V);")) != std::string::npos;)
    noBarriers.replace(p, 21, ";");  // keeps the line numbers
  CheckResult a2a3 = check(importPto(noBarriers, "softmax.cpp").kernel);
  EXPECT_EQ(a2a3.verdict, Verdict::Buggy);
  EXPECT_TRUE(sites(a2a3).count("RACE 58 60")) << describe(a2a3.findings[0]);  // TROWMAX -> TROWEXPANDSUB
  ImportOptions a5;
  a5.arch = Arch::A5;
  EXPECT_EQ(check(importPto(noBarriers, "softmax.cpp", a5).kernel).verdict, Verdict::Correct);
}

TEST_P(PtoCheckTest, StrippedKernelsRace) {
  ImportOptions io;
  io.stripSync = true;
  for (const char* f : {"vec_add.cpp", "double_buffer.cpp", "matmul.cpp"}) {
    CheckResult r = check(f, {}, io);
    EXPECT_EQ(r.verdict, Verdict::Buggy) << f;
    for (const Finding& x : r.findings) EXPECT_EQ(x.kind, FindingKind::Race) << f;
  }
}

TEST_P(PtoCheckTest, ZeroTripLoopsAreExploredThroughTheParamRange) {
  // Without the prime sets, the first iteration's waits have no set.
  std::string body = R"(  Tile<TileType::Vec, float, 16, 16> t;
  TASSIGN(t, 0);
  pto::Shape<1, 1, 1, 16, 16> s;
  pto::Stride<1, 1, 1, 16, 1> st;
  for (int32_t i = 0; i < n; ++i) {
    GlobalTensor<float, pto::Shape<1, 1, 1, 16, 16>, pto::Stride<1, 1, 1, 16, 1>> g(v1 + i * 256, s, st);
    wait_flag(PIPE_V, PIPE_MTE2, EVENT_ID0);
    TLOAD(t, g);
    set_flag(PIPE_MTE2, PIPE_V, EVENT_ID0);
    wait_flag(PIPE_MTE2, PIPE_V, EVENT_ID0);
    TEXP(t, t);
    set_flag(PIPE_V, PIPE_MTE2, EVENT_ID0);
  }
)";
  ImportOptions io;
  io.paramRanges["n"] = {0, 0};
  CheckResult zero = check(importBody(body, io).kernel);
  EXPECT_EQ(zero.verdict, Verdict::Correct);
  io.paramRanges["n"] = {0, 2};
  CheckResult some = check(importBody(body, io).kernel);
  EXPECT_EQ(some.verdict, Verdict::Buggy);
  EXPECT_EQ(some.bounds.at("param_combinations"), 3);
  bool deadlock = false;
  for (const Finding& f : some.findings)
    if (f.kind == FindingKind::Deadlock) {
      deadlock = true;
      // The first wait (line 8) waits for a set later on its own path.
      std::vector<int> lines = f.lines();
      EXPECT_NE(std::find(lines.begin(), lines.end(), 8), lines.end());
      EXPECT_EQ(f.witness.params.at("n"), 1);
    }
  EXPECT_TRUE(deadlock);
}

TEST_P(PtoCheckTest, RuntimeConditionsAreEnumeratedPerExecution) {
  // The wait sits in only one arm of a data-dependent if.
  ImportResult r = importPto(R"(__global__ AICORE void k(__gm__ float* v1, float x) {
  Tile<TileType::Vec, float, 16, 16> t;
  TASSIGN(t, 0);
  set_flag(PIPE_MTE2, PIPE_V, EVENT_ID0);
  bool c = x > 0.0f;
  if (c) {
    wait_flag(PIPE_MTE2, PIPE_V, EVENT_ID0);
  }
  TEXP(t, t);
}
)", "k.cpp");
  CheckResult res = check(r.kernel);
  EXPECT_EQ(res.verdict, Verdict::Buggy);
  if (GetParam() == PtoChecker::Paths) {
    EXPECT_EQ(res.bounds.at("paths"), 2);
  }
  ASSERT_EQ(res.findings.size(), 1u);
  EXPECT_EQ(res.findings[0].kind, FindingKind::Dangling);
  EXPECT_EQ(res.findings[0].witness.conds.at("c"), std::vector<bool>{false});
}

TEST_P(PtoCheckTest, CutSearchWithoutFindingsIsUnknown) {
  ImportResult r = importData("double_buffer.cpp");
  PtoCheckOptions o;
  o.checker = GetParam();
  o.maxParamCombos = 2;  // v3 has 5 values
  CheckResult res = checkImported(r.kernel, o);
  EXPECT_EQ(res.verdict, Verdict::Unknown);
  EXPECT_FALSE(res.reason.empty());
}

INSTANTIATE_TEST_SUITE_P(Checkers, PtoCheckTest,
                         ::testing::Values(PtoChecker::Paths, PtoChecker::Oracle),
                         [](const auto& info) {
                           return std::string(info.param == PtoChecker::Paths ? "Paths" : "Oracle");
                         });

}  // namespace
}  // namespace syncsmith::pto::test
