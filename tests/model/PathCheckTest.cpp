#include <gtest/gtest.h>

#include "ir/Parser.h"
#include "model/PathCheck.h"

namespace syncsmith {
namespace {

std::string corpus(const std::string& rel) {
  return std::string(SYNCSMITH_SOURCE_ROOT) + "/corpus/" + rel;
}

// Findings over every param combination and the given outcome for ?conds.
std::vector<Finding> checkAll(const Kernel& k, ModelOptions model = {}, bool cond = false) {
  std::vector<Finding> all;
  auto space = paramSpace(k, 100000);
  for (const auto& params : *space) {
    Trace t = buildTrace(k, params, [cond](const std::string&, size_t) { return cond; });
    auto f = checkPath(t, {model});
    all.insert(all.end(), f.begin(), f.end());
  }
  return all;
}

std::set<std::string> kinds(const std::vector<Finding>& fs) {
  std::set<std::string> out;
  for (const Finding& f : fs) out.insert(std::string(findingKindName(f.kind)));
  return out;
}

TEST(PathCheckTest, SyncedCorpusKernelsAreCorrect) {
  for (const char* f : {"examples/vec_add_synced.sk", "examples/pingpong_synced.sk",
                        "examples/triple_buffer_synced.sk", "examples/gm_roundtrip_synced.sk",
                        "examples/vv_chain.sk", "examples/vv_chain_a5.sk"}) {
    Kernel k = parseKernelFile(corpus(f));
    auto findings = checkAll(k);
    EXPECT_TRUE(findings.empty()) << f << ": " << (findings.empty() ? "" : describe(findings[0]));
  }
}

TEST(PathCheckTest, UnsyncedKernelsRace) {
  Kernel k = parseKernelFile(corpus("examples/vec_add.sk"));
  auto findings = checkAll(k);
  EXPECT_EQ(kinds(findings), std::set<std::string>{"RACE"});
}

TEST(PathCheckTest, VvChainNeedsBarriersOnA2a3ButNotOnA5) {
  Kernel k = parseKernelFile(corpus("examples/vv_chain.sk"));
  Kernel stripped = k;
  // Drop the two pipe_barrier V statements.
  std::erase_if(stripped.body, [](const Stmt& s) {
    return s.sync() && s.sync()->kind == SyncKind::Barrier;
  });
  EXPECT_EQ(kinds(checkAll(stripped)), std::set<std::string>{"RACE"});
  stripped.archAttr = Arch::A5;
  EXPECT_TRUE(checkAll(stripped).empty());
}

TEST(PathCheckTest, RoundTripWithoutFenceRacesOnCommitUnlessRetire) {
  Kernel k = parseKernelFile(corpus("examples/gm_roundtrip_synced.sk"));
  std::erase_if(k.body, [](const Stmt& s) {
    return s.sync() && s.sync()->kind == SyncKind::Fence;
  });
  auto fenced = checkAll(k);
  ASSERT_EQ(kinds(fenced), std::set<std::string>{"RACE"});
  EXPECT_NE(fenced[0].message.find("commit"), std::string::npos);
  ModelOptions retire;
  retire.gmVisibility = GmVisibility::Retire;
  EXPECT_TRUE(checkAll(k, retire).empty());
}

TEST(PathCheckTest, TokenFindings) {
  Kernel k = parseKernel(R"(kernel k {
  buffer a ub 64
  set_flag MTE2 V 0
  set_flag MTE2 V 0
  wait_flag MTE2 V 0
  set_flag V MTE3 9
  wait_flag V MTE2 1
}
)");
  auto f = checkAll(k);
  EXPECT_EQ(kinds(f), (std::set<std::string>{"BAD_EVENT_ID", "DANGLING", "DEADLOCK"}));
}

TEST(PathCheckTest, DoubleSetWhenTheNextSetIsNotOrderedAfterTheWait) {
  Kernel k = parseKernel(R"(kernel k {
  buffer a ub 64
  set_flag MTE2 V 0
  set_flag MTE2 V 0
  wait_flag MTE2 V 0
  wait_flag MTE2 V 0
}
)");
  auto f = checkAll(k);
  EXPECT_EQ(kinds(f), std::set<std::string>{"DOUBLE_SET"});
  // Witness schedule shows it: set 2 ends before wait 1 ends.
  const auto& sched = f[0].witness.schedule;
  ASSERT_EQ(sched.size(), 4u);
  EXPECT_LT(sched[1].end, sched[2].end);
}

TEST(PathCheckTest, WaitCycleIsADeadlock) {
  Kernel k = parseKernel(R"(kernel k {
  wait_flag V MTE2 0
  set_flag MTE2 V 0
  wait_flag MTE2 V 0
  set_flag V MTE2 0
}
)");
  auto f = checkAll(k);
  ASSERT_EQ(kinds(f), std::set<std::string>{"DEADLOCK"});
}

TEST(PathCheckTest, RaceWitnessScheduleOverlapsTheAccesses) {
  Kernel k = parseKernelFile(corpus("examples/vec_add.sk"));
  Trace t = buildTrace(k, {}, fixedConds({}));
  auto f = checkPath(t, {});
  ASSERT_FALSE(f.empty());
  for (const Finding& r : f) {
    ASSERT_EQ(r.kind, FindingKind::Race);
    const auto& s = r.witness.schedule;
    uint32_t a = r.instances[0].instr, b = r.instances[1].instr;
    EXPECT_LT(s[b].start, s[a].end) << describe(r);
  }
}

}  // namespace
}  // namespace syncsmith
