// --trace: the Chrome trace event format, as Perfetto and chrome://tracing read it.
#include <nlohmann/json.hpp>

#include "SimTestUtil.h"

namespace syncsmith {
namespace {

using namespace simtest;
using nlohmann::json;

// Checks the fields each phase needs; counts the events.
void validate(const std::string& text, const std::string& what, size_t* count = nullptr) {
  json j = json::parse(text);  // throws on invalid JSON
  if (count) *count = j["traceEvents"].size();
  EXPECT_TRUE(j.is_object()) << what;
  EXPECT_TRUE(j["traceEvents"].is_array()) << what;
  std::map<std::pair<int, int>, std::vector<std::pair<int64_t, int64_t>>> slices;
  std::map<uint64_t, int> flows;
  for (const json& e : j["traceEvents"]) {
    ASSERT_TRUE(e.contains("ph") && e["ph"].is_string()) << what << ": " << e;
    ASSERT_TRUE(e.contains("pid") && e["pid"].is_number_integer()) << what << ": " << e;
    ASSERT_TRUE(e.contains("tid") && e["tid"].is_number_integer()) << what << ": " << e;
    ASSERT_TRUE(e.contains("name") && e["name"].is_string()) << what << ": " << e;
    std::string ph = e["ph"];
    ASSERT_TRUE(ph == "M" || ph == "X" || ph == "i" || ph == "s" || ph == "f") << what << ": " << e;
    if (ph == "M") {
      EXPECT_TRUE(e["args"].is_object()) << e;
      continue;
    }
    ASSERT_TRUE(e.contains("ts") && e["ts"].is_number()) << what << ": " << e;
    EXPECT_GE(e["ts"].get<int64_t>(), 0) << e;
    if (ph == "X") {
      ASSERT_TRUE(e.contains("dur") && e["dur"].is_number()) << e;
      EXPECT_GT(e["dur"].get<int64_t>(), 0) << e;
      slices[{e["pid"], e["tid"]}].push_back({e["ts"], e["ts"].get<int64_t>() + e["dur"].get<int64_t>()});
    }
    if (ph == "i") {
      EXPECT_TRUE(e["s"] == "g" || e["s"] == "p" || e["s"] == "t") << e;
    }
    if (ph == "s" || ph == "f") {
      ASSERT_TRUE(e.contains("id")) << e;
      flows[e["id"].get<uint64_t>()] += ph == "s" ? 1 : 2;
      if (ph == "f") {
        EXPECT_EQ(e["bp"], "e") << e;
      }
    }
  }
  // Slices on one track must nest or be disjoint; the simulator keeps them disjoint.
  for (auto& [track, xs] : slices) {
    std::sort(xs.begin(), xs.end());
    for (size_t k = 1; k < xs.size(); ++k) EXPECT_LE(xs[k - 1].second, xs[k].first) << what;
  }
  for (const auto& [id, mask] : flows) EXPECT_EQ(mask, 3) << what << ": flow " << id << " unpaired";
}

TEST(SimTrace, ChromeTraceEventFormat) {
  for (const char* file : {"pingpong_synced.sk", "triple_buffer_synced.sk", "flash_like.sk", "gm_roundtrip.sk"}) {
    for (SimPolicy p : {SimPolicy::Fixed, SimPolicy::Adversarial}) {
      SimResult r = simulate(loadCorpus(file), withPolicy(p, 5));
      std::string text = chromeTraceJson(*r.shown);
      size_t n = 0;
      validate(text, file, &n);
      EXPECT_GT(n, r.shown->trace.instrs.size()) << file;
      if (!r.check.findings.empty()) {
        EXPECT_NE(text.find("\"cat\":\"finding\""), std::string::npos);
      }
    }
  }
  // A deadlocked run: what happened before the hang, and the finding.
  SimResult r = simulate(loadData("deadlock_missing_set.sk"), withPolicy(SimPolicy::Random, 1));
  std::string text = chromeTraceJson(*r.shown);
  validate(text, "deadlock");
  EXPECT_NE(text.find("DEADLOCK"), std::string::npos);
}

TEST(SimTrace, FlowsGoFromSetToWait) {
  SimResult r = simulate(loadCorpus("vec_add_synced.sk"), withPolicy(SimPolicy::Fixed, 0));
  json j = json::parse(chromeTraceJson(*r.shown));
  int starts = 0, finishes = 0;
  for (const json& e : j["traceEvents"]) {
    starts += e["ph"] == "s";
    finishes += e["ph"] == "f";
  }
  EXPECT_EQ(starts, 2);  // two set/wait pairs
  EXPECT_EQ(finishes, 2);
}

}  // namespace
}  // namespace syncsmith
