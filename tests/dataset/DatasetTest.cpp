// The dataset writer: byte-identical output whatever the number of jobs,
// stable ids and splits, gzip shards that read back, records that say what
// the engine, simulator and oracle said, and a summary that adds up.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "dataset/Dataset.h"
#include "dataset/Shards.h"
#include "dataset/Stats.h"
#include "ir/SourceLoc.h"

namespace syncsmith::dataset {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path scratch(const std::string& name) {
  fs::path p = fs::path(SYNCSMITH_BINARY_ROOT) / "tests" / "dataset" / "scratch" / name;
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

std::map<std::string, std::string> filesOf(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out[e.path().filename().string()] = slurp(e.path());
  return out;
}

std::vector<json> records(const fs::path& dir) {
  json m = json::parse(slurp(dir / "manifest.json"));
  std::vector<json> out;
  std::string line;
  for (const json& sh : m["shards"]) {
    LineReader r(dir / sh["file"].get<std::string>());
    while (r.next(line)) out.push_back(json::parse(line));
  }
  std::sort(out.begin(), out.end(), [](const json& a, const json& b) { return a["seed"] < b["seed"]; });
  return out;
}

DatasetOptions small(const fs::path& out, uint64_t n, unsigned jobs) {
  DatasetOptions o;
  o.n = n;
  o.seed = 100;
  o.out = out.string();
  o.jobs = jobs;
  o.shardSize = 3;
  o.record.size = "small";
  o.record.oracleTimeMs = 0;  // deterministic: no wall-clock cut
  return o;
}

TEST(DatasetTest, SameBytesWhateverTheNumberOfJobs) {
  for (bool gzip : {false, true}) {
    DatasetOptions a = small(scratch(gzip ? "jobs1gz" : "jobs1"), 10, 1);
    DatasetOptions b = small(scratch(gzip ? "jobs3gz" : "jobs3"), 10, 3);
    a.gzip = b.gzip = gzip;
    DatasetSummary sa = generateDataset(a);
    DatasetSummary sb = generateDataset(b);
    EXPECT_EQ(sa.records, 10u);
    EXPECT_EQ(sa.train + sa.valid + sa.test, 10u);
    auto fa = filesOf(a.out), fb = filesOf(b.out);
    EXPECT_EQ(fa.size(), fb.size());
    for (const auto& [name, bytes] : fa) {
      ASSERT_TRUE(fb.count(name)) << name;
      EXPECT_TRUE(bytes == fb[name]) << name << " differs between --jobs 1 and --jobs 3";
      if (name != "manifest.json") EXPECT_EQ(name.size() > 3 && name.substr(name.size() - 3) == ".gz", gzip);
    }
  }
}

TEST(DatasetTest, RecordsDependOnlyOnTheirSeed) {
  DatasetOptions a = small(scratch("overlapA"), 6, 2);
  DatasetOptions b = small(scratch("overlapB"), 4, 2);
  b.seed = a.seed + 3;
  generateDataset(a);
  generateDataset(b);
  std::map<uint64_t, std::string> byA;
  for (const json& r : records(a.out)) byA[r["seed"].get<uint64_t>()] = r.dump();
  int shared = 0;
  for (const json& r : records(b.out)) {
    auto it = byA.find(r["seed"].get<uint64_t>());
    if (it == byA.end()) continue;
    ++shared;
    EXPECT_EQ(it->second, r.dump());
  }
  EXPECT_EQ(shared, 3);
}

TEST(DatasetTest, SplitIsAStableHashOfTheId) {
  // Pinned: changing the hash would move kernels between splits.
  EXPECT_EQ(splitOf("gen-1-default"), splitOf("gen-1-default"));
  std::map<std::string, int> n;
  for (int i = 0; i < 20000; ++i) ++n[splitOf("gen-" + std::to_string(i) + "-default")];
  EXPECT_NEAR(n["train"], 16000, 400);
  EXPECT_NEAR(n["valid"], 2000, 200);
  EXPECT_NEAR(n["test"], 2000, 200);
  EXPECT_EQ(n.size(), 3u);
  // Python: h=0xcbf29ce484222325; for c in id: h=((h^c)*0x100000001b3)%2**64
  EXPECT_EQ(splitOf("gen-1-default"), "train");
  EXPECT_EQ(splitOf("gen-15-default"), "valid");
  EXPECT_EQ(splitOf("gen-16-many-pairs"), "test");

  DatasetOptions o;
  o.seed = 41;
  KernelRef r = kernelRef(o, 2);
  EXPECT_EQ(r.seed, 43u);
  EXPECT_EQ(r.id, "gen-43-" + r.policy);
  o.record.policy = "back-edges";
  EXPECT_EQ(kernelRef(o, 0).id, "gen-41-back-edges");
}

TEST(DatasetTest, SplitsAreRecordedAndShardedBySplit) {
  DatasetOptions o = small(scratch("splits"), 12, 2);
  generateDataset(o);
  json m = json::parse(slurp(fs::path(o.out) / "manifest.json"));
  uint64_t total = 0;
  for (const json& sh : m["shards"]) {
    std::string file = sh["file"], split = sh["split"];
    EXPECT_EQ(file.rfind(split + "-", 0), 0u) << file;
    EXPECT_LE(sh["records"].get<uint64_t>(), 3u);
    total += sh["records"].get<uint64_t>();
    LineReader r(fs::path(o.out) / file);
    std::string line;
    while (r.next(line)) {
      json rec = json::parse(line);
      EXPECT_EQ(rec["split"], split);
      EXPECT_EQ(rec["split"], splitOf(rec["id"]));
    }
  }
  EXPECT_EQ(total, 12u);
  EXPECT_EQ(m["splits"]["train"].get<uint64_t>() + m["splits"]["valid"].get<uint64_t>() +
                m["splits"]["test"].get<uint64_t>(),
            12u);
}

TEST(DatasetTest, GzipShardsRoundTrip) {
  fs::path dir = scratch("gz");
  std::vector<std::string> lines = {"{\"a\":1}", std::string(200000, 'x'), "", "{\"last\":true}"};
  {
    ShardWriter w(dir, true, 2);
    for (size_t i = 0; i < lines.size(); ++i) w.write("train", "id" + std::to_string(i), lines[i]);
    auto shards = w.finish();
    ASSERT_EQ(shards.size(), 2u);
    EXPECT_EQ(shards[0].file, "train-00000.jsonl.gz");
    EXPECT_EQ(shards[1].firstId, "id2");
  }
  std::vector<std::string> back;
  std::string line;
  for (const char* f : {"train-00000.jsonl.gz", "train-00001.jsonl.gz"}) {
    EXPECT_EQ(slurp(dir / f).substr(0, 2), "\x1f\x8b");  // gzip magic
    LineReader r(dir / f);
    while (r.next(line)) back.push_back(line);
  }
  EXPECT_EQ(back, lines);
  // A truncated gzip is an error, not a short read.
  std::string bytes = slurp(dir / "train-00000.jsonl.gz");
  std::ofstream(dir / "cut.jsonl.gz", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  EXPECT_THROW(
      {
        LineReader r(dir / "cut.jsonl.gz");
        while (r.next(line)) {
        }
      },
      std::runtime_error);
}

TEST(DatasetTest, RecordsCarryTheModesAndTheirLabels) {
  DatasetOptions o = small(scratch("labels"), 8, 2);
  o.record.bugs = 2;
  generateDataset(o);
  int buggyBugs = 0;
  for (const json& r : records(o.out)) {
    std::string id = r["id"];
    ASSERT_EQ(r["modes"].size(), 5u) << id;
    EXPECT_EQ(r["modes"][0]["name"], "opt");
    EXPECT_EQ(r["modes"][1]["name"], "naive");
    EXPECT_EQ(r["modes"][2]["name"], "barrier-all");
    json ideal = r["sim"]["ideal_cycles"];
    ASSERT_TRUE(ideal.is_number()) << id;
    for (const json& m : r["modes"]) {
      std::string name = m["name"];
      ASSERT_TRUE(m["error"].is_null()) << id << " " << name << ": " << m["error"];
      std::string verdict = m["oracle"]["verdict"];
      if (m["bug"].is_null()) {
        // The engine's modes are correct (the oracle may only fail to decide).
        EXPECT_NE(verdict, "buggy") << id << " " << name << "\n" << m["synced"].get<std::string>();
        ASSERT_TRUE(m["cycles"].is_number()) << id << " " << name;
        EXPECT_GE(m["cycles"].get<int64_t>(), ideal.get<int64_t>()) << id << " " << name;
      } else {
        buggyBugs += verdict == "buggy";
        EXPECT_EQ(name, "bug:" + m["bug"].get<std::string>());
      }
      if (verdict == "unknown") EXPECT_FALSE(m["oracle"]["reason"].get<std::string>().empty());
      for (const json& f : m["oracle"]["findings"]) EXPECT_FALSE(f["lines"].empty());
    }
    for (const json& h : r["hazards"]) {
      int line = h["producer"]["line"];
      std::string text = r["kernel"];
      // The producer's line of the stored text holds its op.
      std::istringstream in(text);
      std::string l;
      for (int n = 0; n < line; ++n) std::getline(in, l);
      EXPECT_NE(l.find(h["producer"]["op"].get<std::string>()), std::string::npos) << id;
    }
  }
  EXPECT_GE(buggyBugs, 1);
}

TEST(DatasetTest, StatsAddUp) {
  DatasetOptions o = small(scratch("stats"), 9, 2);
  o.gzip = true;
  generateDataset(o);
  json s = json::parse(datasetStatsJson(o.out));
  EXPECT_EQ(s["records"], 9);
  EXPECT_EQ(s["splits"]["train"].get<int>() + s["splits"]["valid"].get<int>() + s["splits"]["test"].get<int>(), 9);
  EXPECT_EQ(s["modes"]["opt"]["entries"], 9);
  EXPECT_EQ(s["modes"]["bug:*"]["entries"], 9);
  uint64_t kinds = 0;
  for (const auto& [k, v] : s["hazards"]["by_kind"].items()) kinds += v.get<uint64_t>();
  EXPECT_EQ(kinds, s["hazards"]["total"].get<uint64_t>());
  std::string text = datasetStatsText(o.out);
  EXPECT_NE(text.find("barrier-all"), std::string::npos);
  EXPECT_NE(text.find("x ideal"), std::string::npos);
  EXPECT_THROW(datasetStatsText(scratch("empty").string()), InputError);
}

TEST(DatasetTest, BadOptionsAreInputErrors) {
  DatasetOptions o = small(scratch("bad"), 1, 1);
  o.record.policy = "nope";
  EXPECT_THROW(generateDataset(o), InputError);
  o = small(scratch("bad"), 0, 1);
  EXPECT_THROW(generateDataset(o), InputError);
  o = small(scratch("bad"), 1, 1);
  o.shardSize = 0;
  EXPECT_THROW(generateDataset(o), InputError);
}

}  // namespace
}  // namespace syncsmith::dataset
