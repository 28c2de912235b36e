// The simulator finds each kind of MACHINE.md on kernels that have it, and
// nothing on correctly synchronized ones, across many schedules.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "SimTestUtil.h"

namespace syncsmith {
namespace {

using namespace simtest;

SimResult sim(const Kernel& k, int runs, uint64_t seed = 0, ModelOptions model = {}) {
  SimOptions o;
  o.runs = runs;
  o.seed = seed;
  o.model = model;
  return simulate(k, o);
}

TEST(SimFindings, EachKindOnItsHandWrittenKernel) {
  const std::vector<std::pair<std::string, std::set<std::string>>> cases = {
      {"double_set.sk", {"DOUBLE_SET"}},
      {"dangling.sk", {"DANGLING"}},
      {"deadlock_missing_set.sk", {"DEADLOCK"}},
      {"deadlock_cycle.sk", {"DEADLOCK"}},
      {"bad_event_id.sk", {"BAD_EVENT_ID"}},
  };
  for (const auto& [file, want] : cases) {
    SimResult r = sim(loadData(file), 30);
    EXPECT_EQ(kindsOf(r.check.findings), want) << file;
    EXPECT_EQ(r.check.verdict, Verdict::Buggy) << file;
  }
  SimResult race = sim(loadCorpus("vec_add.sk"), 10);
  EXPECT_EQ(kindsOf(race.check.findings), std::set<std::string>{"RACE"});
}

TEST(SimFindings, FlagKeySrcLetsAWaitTakeAnotherPipesToken) {
  Kernel k = loadData("src_key_steal.sk");
  EXPECT_EQ(sim(k, 20).check.verdict, Verdict::Correct);
  ModelOptions src;
  src.flagKey = FlagKey::Src;
  EXPECT_EQ(kindsOf(sim(k, 20, 0, src).check.findings), std::set<std::string>{"DOUBLE_SET"});
}

TEST(SimFindings, GmRoundTripNeedsAFenceUnlessRetire) {
  Kernel k = loadCorpus("gm_roundtrip_synced.sk");
  std::erase_if(k.body, [](const Stmt& s) { return s.sync() && s.sync()->kind == SyncKind::Fence; });
  SimResult fenced = sim(k, 40);
  ASSERT_EQ(kindsOf(fenced.check.findings), std::set<std::string>{"RACE"});
  bool commitRace = false, damage = false;
  for (const Finding& f : fenced.check.findings) {
    commitRace |= f.message.find("commits") != std::string::npos;
    damage |= isDataFinding(f);
  }
  EXPECT_TRUE(commitRace);
  EXPECT_TRUE(damage) << "adversarial commit delays should make the stale read visible";
  ModelOptions retire;
  retire.gmVisibility = GmVisibility::Retire;
  EXPECT_EQ(sim(k, 40, 0, retire).check.verdict, Verdict::Correct);
}

TEST(SimFindings, VectorOnA5InterlocksButNotOnA2a3) {
  Kernel k = loadCorpus("vv_chain.sk");
  std::erase_if(k.body, [](const Stmt& s) { return s.sync() && s.sync()->kind == SyncKind::Barrier; });
  EXPECT_EQ(kindsOf(sim(k, 20).check.findings), std::set<std::string>{"RACE"});
  k.archAttr = Arch::A5;
  EXPECT_EQ(sim(k, 20).check.verdict, Verdict::Correct);
}

// 1000 random and adversarial schedules over correctly synchronized
// pipelined kernels: no finding, and the data always matches.
TEST(SimFindings, SyncedKernelsAreCorrectAcrossAThousandSchedules) {
  const std::vector<std::pair<std::string, bool>> kernels = {
      {"pingpong_synced.sk", false},      {"triple_buffer_synced.sk", false},
      {"matmul_db_synced.sk", true},      {"loop_war_synced.sk", true},
      {"zero_trip_synced.sk", true},      {"gm_roundtrip_synced.sk", false},
      {"vec_add_synced.sk", false},       {"vv_chain.sk", false},
      {"vv_chain_a5.sk", false},
  };
  int total = 0;
  for (const auto& [file, data] : kernels) {
    Kernel k = data ? loadData(file) : loadCorpus(file);
    SimOptions o;
    o.runs = 112;
    o.seed = 1000;  // runs alternate random and adversarial (seed 1000 is run 0: fixed)
    SimResult r = simulate(k, o);
    total += int(r.runs.size());
    EXPECT_EQ(r.check.verdict, Verdict::Correct)
        << file << ": " << (r.check.findings.empty() ? "" : describe(r.check.findings[0]));
  }
  EXPECT_GE(total, 1000);
}

TEST(SimFindings, UnsyncedCorpusKernelsRaceAndShowDataDamage) {
  for (const char* file : {"vec_add.sk", "pingpong.sk", "triple_buffer.sk", "gm_roundtrip.sk",
                           "alias_reuse.sk", "matmul_double_buffer.sk"}) {
    SimResult r = sim(loadCorpus(file), 40, 7);
    EXPECT_EQ(kindsOf(r.check.findings), std::set<std::string>{"RACE"}) << file;
    bool damage = false;
    for (const Finding& f : r.check.findings) damage |= isDataFinding(f);
    EXPECT_TRUE(damage) << file << ": no run showed corrupted data";
  }
}

// A race whose accesses never overlap in the fixed schedule (a long scalar
// chain separates them) is still a race: the clocks see no happens-before.
TEST(SimFindings, VectorClocksFindRacesWhateverTheTiming) {
  Kernel k = parseKernel(R"(kernel far_apart {
  buffer x gm 4096
  buffer y gm 4096
  buffer u ub 4096
  gm_to_ub u <- x
  set_flag MTE2 V 0
  wait_flag MTE2 V 0
  vexp u <- u
  for i in 0..400 {
    scalar_load <- x[0:8]
  }
  ub_to_gm y <- u
}
)");
  SimResult r = simulate(k, withPolicy(SimPolicy::Fixed, 0));
  ASSERT_EQ(kindsOf(r.check.findings), std::set<std::string>{"RACE"});
  auto it = std::find_if(r.check.findings.begin(), r.check.findings.end(),
                         [](const Finding& f) { return f.lines() == std::vector<int>{8, 12}; });
  ASSERT_NE(it, r.check.findings.end()) << "vexp / ub_to_gm";
  const Finding& f = *it;
  // The run did not show it, so the witness is a derived schedule that does.
  const auto& run = *r.shown;
  uint32_t a = f.instances[0].instr, b = f.instances[1].instr;
  EXPECT_GE(run.times[HbGraph::startNode(b)], run.times[HbGraph::endNode(a)]);
  ASSERT_FALSE(f.witness.schedule.empty());
  EXPECT_TRUE(f.witness.policy.empty());
  EXPECT_LT(f.witness.schedule[b].start, f.witness.schedule[a].end);
  // Replaying that schedule shows it in the run itself.
  SimResult again = replay(k, f.witness);
  ASSERT_FALSE(again.check.findings.empty());
  EXPECT_LT(again.shown->times[HbGraph::startNode(b)], again.shown->times[HbGraph::endNode(a)]);
}

TEST(SimFindings, DoubleSetFromHappensBeforeEvenWhenTheRunDoesNotShowIt) {
  Kernel k = loadData("double_set.sk");
  SimResult r = simulate(k, withPolicy(SimPolicy::Fixed, 0));
  ASSERT_EQ(kindsOf(r.check.findings), std::set<std::string>{"DOUBLE_SET"});
  const Finding& f = r.check.findings[0];
  uint32_t wait = f.instances[0].instr, set = f.instances[1].instr;
  EXPECT_LT(f.witness.schedule[set].end, f.witness.schedule[wait].end);
}

TEST(SimFindings, DeadlockedRunsStopAtTheHang) {
  SimResult r = simulate(loadData("deadlock_missing_set.sk"), withPolicy(SimPolicy::Fixed, 0));
  ASSERT_FALSE(r.runs.empty());
  EXPECT_TRUE(r.runs[0].deadlocked);
  const RunDetail& run = *r.shown;
  EXPECT_GE(run.hangTime, 0);
  size_t stuck = 0;
  for (size_t i = 0; i < run.trace.instrs.size(); ++i) stuck += !run.live[HbGraph::endNode(i)];
  EXPECT_GT(stuck, 0u);
}

TEST(SimFindings, FixedAndIdealCycles) {
  Kernel k = loadCorpus("pingpong_synced.sk");
  SimOptions o;
  o.params = {{"n", 8}};
  SimResult fixed = simulate(k, o);
  ASSERT_EQ(fixed.check.verdict, Verdict::Correct);
  EXPECT_GT(fixed.cycles, 0);
  EXPECT_EQ(fixed.syncs, 2 + 8 * 4 + 2 + 2);  // primes, per iteration, the store's pair, drains
  int64_t busy = 0;
  for (const PipeStats& p : fixed.pipes) busy = std::max(busy, p.busy);
  EXPECT_LE(busy, fixed.cycles);
  o.ideal = true;
  SimResult ideal = simulate(k, o);
  EXPECT_EQ(ideal.check.verdict, Verdict::Correct);
  EXPECT_TRUE(ideal.ideal);
  EXPECT_EQ(ideal.syncs, 0);
  EXPECT_GT(ideal.cycles, 0);
  EXPECT_LE(ideal.cycles, fixed.cycles);
}

// The ideal mode's enforced dependencies are enough: its data always match.
TEST(SimFindings, IdealModeRunsUnsyncedKernelsWithoutDamage) {
  for (const char* file : {"vec_add.sk", "pingpong.sk", "triple_buffer.sk", "gm_roundtrip.sk",
                           "flash_like.sk", "matmul_double_buffer.sk", "scalar_mix.sk"}) {
    SimOptions o;
    o.ideal = true;
    o.runs = 30;
    SimResult r = simulate(loadCorpus(file), o);
    EXPECT_EQ(r.check.verdict, Verdict::Correct)
        << file << ": " << (r.check.findings.empty() ? "" : describe(r.check.findings[0]));
  }
}

// corpus/bugs: each class's buggy and fixed forms, as its expect.json says.
TEST(SimFindings, BugCorpusExpectations) {
  namespace fs = std::filesystem;
  fs::path root = sourcePath("corpus/bugs");
  if (!fs::exists(root)) GTEST_SKIP() << "no corpus/bugs";
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(root))
    if (fs::exists(e.path() / "expect.json")) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  for (const fs::path& dir : dirs) {
    nlohmann::json spec = nlohmann::json::parse(std::ifstream(dir / "expect.json"));
    for (const auto& check : spec["checks"]) {
      std::string verdict = check.value("verdict", "");
      if (verdict != "buggy" && verdict != "correct") continue;
      Kernel k = parseKernelFile((dir / check["form"].get<std::string>()).string());
      SimOptions o;
      o.runs = 120;
      if (check.contains("options")) {
        const auto& opt = check["options"];
        if (opt.contains("flag_key")) o.model.flagKey = *parseFlagKey(opt["flag_key"].get<std::string>());
        if (opt.contains("gm_visibility"))
          o.model.gmVisibility = *parseGmVisibility(opt["gm_visibility"].get<std::string>());
      }
      SimResult r = simulate(k, o);
      std::set<std::string> want;
      for (const auto& kind : check.value("kinds", nlohmann::json::array()))
        if (kind.get<std::string>() != "REDUNDANT") want.insert(kind.get<std::string>());
      std::string where = dir.filename().string() + "/" + check["form"].get<std::string>();
      EXPECT_EQ(verdictName(r.check.verdict), verdict) << where;
      EXPECT_EQ(kindsOf(r.check.findings), want) << where;
    }
  }
}

}  // namespace
}  // namespace syncsmith
