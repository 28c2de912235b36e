// Determinism and witness replay: the same inputs and seed give the same
// bytes; replaying a run's own witness gives back the very same JSON.
#include <nlohmann/json.hpp>

#include "SimTestUtil.h"

namespace syncsmith {
namespace {

using namespace simtest;

const char* kKernels[] = {"pingpong.sk", "pingpong_synced.sk", "gm_roundtrip.sk", "branch_runtime.sk",
                          "triple_buffer.sk", "flash_like.sk"};

TEST(SimReplay, SameSeedGivesIdenticalBytes) {
  for (const char* file : kKernels) {
    Kernel k = loadCorpus(file);
    SimOptions o;
    o.runs = 12;
    o.seed = 42;
    SimResult a = simulate(k, o), b = simulate(k, o);
    EXPECT_EQ(simResultToJson(a), simResultToJson(b)) << file;
    EXPECT_EQ(simResultToText(a, file), simResultToText(b, file)) << file;
    EXPECT_EQ(chromeTraceJson(*a.shown), chromeTraceJson(*b.shown)) << file;
    o.seed = 43;
    EXPECT_NE(simResultToJson(a), simResultToJson(simulate(k, o))) << file;
  }
}

TEST(SimReplay, ReplayingARunsWitnessIsByteIdentical) {
  int findingReplays = 0;
  for (const char* file : kKernels)
    for (SimPolicy p : {SimPolicy::Fixed, SimPolicy::Random, SimPolicy::Adversarial})
      for (uint64_t seed : {3u, 11u}) {
        Kernel k = loadCorpus(file);
        std::string first = simResultToJson(simulate(k, withPolicy(p, seed)));
        nlohmann::json j = nlohmann::json::parse(first);
        Witness run = witnessFromJson(j["runs"][0].dump(), "run");
        EXPECT_TRUE(run.schedule.empty());
        EXPECT_EQ(simResultToJson(replay(k, run)), first) << file << " seed " << seed;
        // A finding shown by the run itself carries the run's schedule:
        // replaying those explicit times gives the same bytes too.
        for (const auto& f : j["findings"]) {
          Witness w = witnessFromJson(f["witness"].dump(), "finding");
          if (w.policy.empty()) continue;
          ++findingReplays;
          EXPECT_EQ(simResultToJson(replay(k, w)), first) << file << ": " << f["message"];
          break;
        }
      }
  EXPECT_GT(findingReplays, 10);
}

TEST(SimReplay, ExplicitScheduleIsCheckedAgainstTheGraph) {
  Kernel k = loadCorpus("vec_add_synced.sk");
  SimResult r = simulate(k, withPolicy(SimPolicy::Fixed, 0));
  Witness w = r.runs[0].witness;
  w.schedule = r.shown->schedule();
  w.policy.clear();
  EXPECT_EQ(simResultToJson(replay(k, w)).find("\"verdict\":\"correct\"") != std::string::npos, true);
  // The vadd (instr 4) starting before its wait (instr 3) ends breaks rule 5.
  Witness bad = w;
  bad.schedule[4].start = 0;
  bad.schedule[4].end = 1;
  try {
    replay(k, bad, "w.json");
    FAIL() << "accepted a schedule that breaks the wait";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("w.json"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("violates"), std::string::npos) << e.what();
  }
  Witness shortW = w;
  shortW.schedule.pop_back();
  EXPECT_THROW(replay(k, shortW, "w.json"), InputError);
  Witness badParam = w;
  badParam.params["zz"] = 1;
  EXPECT_THROW(replay(k, badParam, "w.json"), InputError);
}

// Two GM writes of one pipe drain in program order even when the earlier
// one's commit falls on the later one's end (a tie of events at one time):
// same-pipe writes are no race, so the data must be the sequential one.
TEST(SimReplay, SamePipeGmWritesDrainInProgramOrderOnATie) {
  Kernel k = parseKernel(
      "kernel t arch=a5 core=vec {\n"
      "  buffer g gm 64\n"
      "  scalar_store g[0:4] <-\n"
      "  scalar_store g[0:4] <-\n"
      "}\n",
      "tie.sk");
  Witness w;
  w.schedule = {{0, 3, 0, 1, 5}, {1, 4, 1, 5, 5}};
  SimResult r = replay(k, w, "tie.json");
  EXPECT_TRUE(r.check.findings.empty()) << simResultToJson(r);
}

TEST(SimReplay, BadOptionsAreInputErrors) {
  Kernel k = loadCorpus("pingpong_synced.sk");
  SimOptions o;
  o.params = {{"n", 99}};
  EXPECT_THROW(simulate(k, o), InputError);
  o.params = {{"m", 1}};
  EXPECT_THROW(simulate(k, o), InputError);
  o.params = {};
  o.conds = {{"c", {true}}};
  EXPECT_THROW(simulate(k, o), InputError);
}

TEST(SimReplay, GivenParamsAndCondsAreUsed) {
  Kernel k = loadCorpus("branch_runtime.sk");
  SimOptions o;
  o.params = {{"n", 3}};
  o.conds = {{"relu", {true, false, true}}};
  o.runs = 5;
  SimResult r = simulate(k, o);
  for (const RunSummary& s : r.runs) {
    EXPECT_EQ(s.witness.params.at("n"), 3);
    EXPECT_EQ(s.witness.conds.at("relu"), (std::vector<bool>{true, false, true}));
  }
}

}  // namespace
}  // namespace syncsmith
