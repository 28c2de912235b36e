// One kernel through engine -> oracle + simulator -> comparisons.
#include <gtest/gtest.h>

#include "campaign/Analysis.h"
#include "campaign/Options.h"
#include "ir/Parser.h"

namespace syncsmith::campaign {
namespace {

Kernel example(const std::string& name) {
  return parseKernelFile(std::string(SYNCSMITH_SOURCE_ROOT) + "/corpus/examples/" + name);
}

AnalysisConfig config(const std::string& bug = "") {
  CampaignOptions o;
  o.id.bug = bug;
  return analysisConfig(o);
}

TEST(Analysis, OptEngineOnTheExamplesHasNoIssue) {
  for (const char* name : {"vec_add.sk", "pingpong.sk", "triple_buffer.sk", "gm_roundtrip.sk",
                           "matmul_double_buffer.sk", "zero_trip.sk", "branch_runtime.sk"}) {
    Analysis a = analyzeKernel(example(name), config(), 1);
    EXPECT_TRUE(a.issues.empty()) << name << ": " << (a.issues.empty() ? "" : a.issues[0].signature);
    ASSERT_TRUE(a.oracle) << name;
    EXPECT_EQ(a.oracle->verdict, Verdict::Correct) << name;
    ASSERT_TRUE(a.sim) << name;
    EXPECT_TRUE(a.synced) << name;
    EXPECT_GT(a.ops, 0) << name;
  }
}

TEST(Analysis, InjectedBugShowsAsAnOracleFindingWithASignature) {
  Analysis a = analyzeKernel(example("gm_roundtrip.sk"), config("gm-roundtrip-flag-only"), 1);
  ASSERT_FALSE(a.issues.empty());
  const Issue& i = a.issues[0];
  EXPECT_EQ(i.kind, "RACE");
  EXPECT_EQ(i.source, "oracle");
  EXPECT_EQ(i.signature.rfind("RACE: ", 0), 0u) << i.signature;
  EXPECT_FALSE(i.lines.empty());
  const Finding* f = findingOf(a, i);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->kind, FindingKind::Race);
  EXPECT_TRUE(hasSignature(a, i.signature));
  // The simulator and the replayed witness agree: no disagreement issue.
  for (const Issue& x : a.issues) {
    EXPECT_NE(x.kind, "SIM_ONLY") << x.message;
    EXPECT_NE(x.kind, "NO_REPLAY") << x.message;
  }
}

TEST(Analysis, StagesCanBeSwitchedOff) {
  AnalysisConfig cfg = config("gm-roundtrip-flag-only");
  cfg.stages = {false, false, false};
  Analysis a = analyzeKernel(example("gm_roundtrip.sk"), cfg, 1);
  EXPECT_TRUE(a.issues.empty());
  EXPECT_FALSE(a.oracle);
  EXPECT_FALSE(a.sim);
  EXPECT_FALSE(a.syncedText.empty());
}

TEST(Analysis, StableTextHidesNumbers) {
  EXPECT_EQ(stableText("index 12 out of range 3"), "index ## out of range #");
  EXPECT_EQ(stableText(std::string(300, 'x')).size(), 160u);
}

}  // namespace
}  // namespace syncsmith::campaign
