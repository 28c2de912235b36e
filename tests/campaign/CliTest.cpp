// `syncsmith fuzz` end to end, and the commands a reproducer's README gives.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "campaign/AtomicFile.h"

namespace syncsmith::campaign {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kCli = std::string(SYNCSMITH_BINARY_ROOT) + "/cli/syncsmith";

struct CmdResult {
  int code = -1;
  std::string out;
};

CmdResult shell(const std::string& cmd) {
  CmdResult r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = ::pclose(p);
  r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

class FuzzCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kCli)) GTEST_SKIP() << "no syncsmith executable in this build";
    dir_ = fs::temp_directory_path() / ("syncsmith-fuzz-cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(FuzzCli, CampaignThenTheReadmeCommands) {
  const std::string bug = "gm-roundtrip-flag-only";
  fs::path out = dir_ / "c";
  CmdResult r = shell(kCli + " fuzz --runs 12 --jobs 2 --inject-bug " + bug + " --max-reduce 1 --reduce-calls 300 --out " +
                out.string() + " --quiet");
  ASSERT_EQ(r.code, 1) << r.out;  // findings
  EXPECT_NE(r.out.find("syncsmith fuzz: 12 kernels"), std::string::npos) << r.out;
  json summary = json::parse(readFile(out / "summary.json"));
  ASSERT_FALSE(summary["reproducers"].empty());
  fs::path folder = out / summary["reproducers"][0]["folder"].get<std::string>();
  std::string cd = "cd '" + folder.string() + "' && ";
  // The README's commands, as written there.
  std::string readme = readFile(folder / "README.md");
  std::string syncCmd = "syncsmith sync reduced.sk --inject-bug " + bug;
  ASSERT_NE(readme.find(syncCmd + " | syncsmith check - --json"), std::string::npos) << readme;
  CmdResult again = shell(cd + kCli + " sync reduced.sk --inject-bug " + bug);
  EXPECT_EQ(again.code, 0);
  EXPECT_EQ(again.out, readFile(folder / "synced.sk"));
  CmdResult check = shell(cd + kCli + " sync reduced.sk --inject-bug " + bug + " | " + kCli + " check - --json");
  EXPECT_EQ(check.code, 1) << check.out;
  EXPECT_EQ(json::parse(check.out)["verdict"], "buggy");
  CmdResult sim = shell(cd + kCli + " sim synced.sk --replay oracle.json --trace t.json");
  EXPECT_EQ(sim.code, 1) << sim.out;
  EXPECT_TRUE(fs::exists(folder / "t.json"));
}

TEST_F(FuzzCli, JsonSummaryAndBadInput) {
  fs::path out = dir_ / "j";
  CmdResult r = shell(kCli + " fuzz --runs 3 --json --quiet --out " + out.string());
  EXPECT_EQ(r.code, 0) << r.out;
  json j = json::parse(r.out);
  EXPECT_EQ(j["kernels"], 3);
  EXPECT_EQ(j["identity"]["seed"], 1);
  CmdResult again = shell(kCli + " fuzz --runs 3 --quiet --out " + out.string() + " 2>&1");
  EXPECT_EQ(again.code, 2);
  EXPECT_NE(again.out.find("error: holds a campaign already"), std::string::npos) << again.out;
  CmdResult bad = shell(kCli + " fuzz --runs 3 --inject-bug nope --out " + (dir_ / "x").string() + " 2>&1");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.out.find("unknown --inject-bug 'nope'"), std::string::npos) << bad.out;
  CmdResult resumed = shell(kCli + " fuzz --resume --runs 5 --quiet --out " + out.string());
  EXPECT_EQ(resumed.code, 0) << resumed.out;
  EXPECT_NE(resumed.out.find("5 kernels"), std::string::npos) << resumed.out;
}

}  // namespace
}  // namespace syncsmith::campaign
