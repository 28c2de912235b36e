// `syncsmith sim` end to end: exit codes, JSON, traces, replay files.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "SimTestUtil.h"

namespace syncsmith {
namespace {

using namespace simtest;
namespace fs = std::filesystem;

struct Out {
  int code;
  std::string out;
};

class SimCli : public ::testing::Test {
 protected:
  void SetUp() override {
    exe_ = std::string(SYNCSMITH_BINARY_ROOT) + "/cli/syncsmith";
    if (!fs::exists(exe_)) GTEST_SKIP() << "syncsmith not built";
    dir_ = fs::temp_directory_path() / ("sim_cli_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  Out run(const std::string& args) {
    std::string cmd = exe_ + " sim " + args + " 2>" + (dir_ / "stderr").string();
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    int status = pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
  }
  std::string err() {
    std::ifstream in(dir_ / "stderr");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  std::string corpus(const std::string& f) { return sourcePath("corpus/examples/" + f); }

  std::string exe_;
  fs::path dir_;
};

TEST_F(SimCli, ExitCodes) {
  EXPECT_EQ(run(corpus("pingpong_synced.sk") + " --runs 20").code, 0);
  EXPECT_EQ(run(corpus("pingpong.sk") + " --runs 3").code, 1);
  EXPECT_EQ(run(corpus("pingpong.sk") + " --policy adversarial --seed 4").code, 1);
}

TEST_F(SimCli, BadInputExitsTwoWithAMessage) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"--param n", "NAME=INTEGER"},         {"--param n=x", "NAME=INTEGER"},
      {"--param m=1", "no param"},           {"--param n=99", "outside"},
      {"--cond c=1,2", "NAME=OUTCOMES"},     {"--cond relu=1", "no `if ?relu`"},
      {"--policy chaos", "fixed, random"},   {"--flag-key both", "pair or src"},
      {"--runs 0", "at least 1"},            {"--replay /nonexistent.json", "cannot read"},
      {"--sync-bound --policy random", "fixed latencies"},
      {"--sync-bound --bound-effort 0", "1..4000"},
  };
  for (const auto& [args, msg] : cases) {
    Out o = run(corpus("pingpong_synced.sk") + " " + args);
    EXPECT_EQ(o.code, 2) << args;
    EXPECT_NE(err().find(msg), std::string::npos) << args << ": " << err();
  }
  std::ofstream(dir_ / "bad.json") << "{\"params\": ";
  EXPECT_EQ(run(corpus("pingpong_synced.sk") + " --replay " + (dir_ / "bad.json").string()).code, 2);
  EXPECT_NE(err().find("bad.json:1:"), std::string::npos) << err();
}

TEST_F(SimCli, JsonTraceAndReplay) {
  std::string trace = (dir_ / "t.json").string();
  Out o = run(corpus("gm_roundtrip.sk") + " --policy random --seed 9 --json --trace " + trace);
  ASSERT_EQ(o.code, 1);
  nlohmann::json j = nlohmann::json::parse(o.out);
  for (const char* key : {"verdict", "findings", "bounds", "cycles", "pipes", "runs", "syncs"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["verdict"], "buggy");
  nlohmann::json t = nlohmann::json::parse(std::ifstream(trace));
  EXPECT_FALSE(t["traceEvents"].empty());
  // The whole result as a witness replays its first finding; a run's entry replays the run.
  std::ofstream(dir_ / "run.json") << j["runs"][0].dump();
  Out again = run(corpus("gm_roundtrip.sk") + " --json --replay " + (dir_ / "run.json").string());
  EXPECT_EQ(again.code, 1);
  EXPECT_EQ(again.out, o.out);
  std::ofstream(dir_ / "all.json") << o.out;
  EXPECT_EQ(run(corpus("gm_roundtrip.sk") + " --replay " + (dir_ / "all.json").string()).code, 1);
}

TEST_F(SimCli, HumanSummaryNamesLinesAndCycles) {
  Out o = run(corpus("vec_add.sk"));
  EXPECT_EQ(o.code, 1);
  EXPECT_NE(o.out.find("RACE line 9 / line 11"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("cycles"), std::string::npos) << o.out;
  Out ideal = run(corpus("vec_add.sk") + " --ideal");
  EXPECT_EQ(ideal.code, 0) << ideal.out;
  EXPECT_NE(ideal.out.find("ideal"), std::string::npos) << ideal.out;
  Out bound = run(corpus("pingpong.sk") + " --sync-bound --json");
  EXPECT_EQ(bound.code, 0) << bound.out;
  nlohmann::json j = nlohmann::json::parse(bound.out);
  EXPECT_EQ(j["sync_bound"], true);
  Out idealPing = run(corpus("pingpong.sk") + " --ideal --json");
  EXPECT_GT(j["cycles"].get<int64_t>(), nlohmann::json::parse(idealPing.out)["cycles"].get<int64_t>());
  EXPECT_EQ(j["runs"][0]["bound_best_schedule"], j["cycles"]);
}

}  // namespace
}  // namespace syncsmith
