// `syncsmith check` end to end: exit codes, JSON, human output, --dot.
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "OracleTestUtil.h"

namespace syncsmith::oracletest {
namespace {

#ifdef SYNCSMITH_CLI_PATH
struct CliRun {
  int status;
  std::string out;
};

bool haveCli() { return std::filesystem::exists(SYNCSMITH_CLI_PATH); }

CliRun run(const std::string& args) {
  std::string cmd = std::string(SYNCSMITH_CLI_PATH) + " check " + args + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int st = pclose(p);
  return {WIFEXITED(st) ? WEXITSTATUS(st) : -1, out};
}

std::string k(const std::string& rel) { return sourcePath(rel); }

TEST(OracleCliTest, ExitCodesPerVerdict) {
  if (!haveCli()) GTEST_SKIP() << "syncsmith is not built";
  EXPECT_EQ(run(k("corpus/examples/vec_add_synced.sk")).status, 0);
  EXPECT_EQ(run(k("corpus/examples/vec_add.sk")).status, 1);
  EXPECT_EQ(run("--max-params 2 " + k("corpus/examples/pingpong_synced.sk")).status, 3);
  EXPECT_EQ(run(k("tests/oracle/kernels/does_not_exist.sk")).status, 2);
  EXPECT_EQ(run("--flag-key both " + k("corpus/examples/vec_add.sk")).status, 2);
  // Several files: the worst.
  EXPECT_EQ(
      run(k("corpus/examples/vec_add_synced.sk") + " " + k("corpus/examples/vec_add.sk")).status,
      1);
  EXPECT_EQ(run(k("corpus/examples/vec_add.sk") + " --max-params 2 " +
                k("corpus/examples/pingpong_synced.sk"))
                .status,
            3);
  EXPECT_EQ(run(k("corpus/examples/vec_add.sk") + " " + k("tests/oracle/kernels/nope.sk")).status,
            2);
}

TEST(OracleCliTest, ModesAndEnginesReachTheOracle) {
  if (!haveCli()) GTEST_SKIP() << "syncsmith is not built";
  std::string f = k("tests/oracle/kernels/race_gm_commit.sk");
  EXPECT_EQ(run(f).status, 1);
  EXPECT_EQ(run("--gm-visibility retire " + f).status, 0);
  std::string src = k("tests/oracle/kernels/double_set_src_key.sk");
  EXPECT_EQ(run(src).status, 0);
  EXPECT_EQ(run("--flag-key src --engine smt " + src).status, 1);
  EXPECT_EQ(run("--flag-key src --engine graph " + src).status, 1);
}

TEST(OracleCliTest, JsonIsTheCheckResult) {
  if (!haveCli()) GTEST_SKIP() << "syncsmith is not built";
  CliRun r = run("--json " + k("tests/oracle/kernels/cond_dangling.sk"));
  EXPECT_EQ(r.status, 1);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["verdict"], "buggy");
  ASSERT_EQ(j["findings"].size(), 1u);
  EXPECT_EQ(j["findings"][0]["kind"], "DANGLING");
  EXPECT_EQ(j["findings"][0]["lines"], nlohmann::json::array({7}));
  EXPECT_EQ(j["findings"][0]["witness"]["conds"]["fast"], nlohmann::json::array({1}));
  EXPECT_TRUE(j["bounds"].contains("param_combinations"));
}

TEST(OracleCliTest, HumanOutputIsOneLinePerFindingAndTheVerdict) {
  if (!haveCli()) GTEST_SKIP() << "syncsmith is not built";
  CliRun r = run(k("tests/oracle/kernels/double_set.sk"));
  std::istringstream in(r.out);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_NE(lines[0].find("DOUBLE_SET line 6 / line 5"), std::string::npos) << r.out;
  EXPECT_NE(lines[1].find("buggy (1 finding)"), std::string::npos) << r.out;
  CliRun u = run("--max-instrs 5 " + k("corpus/examples/triple_buffer_synced.sk"));
  EXPECT_EQ(u.status, 3);
  EXPECT_NE(u.out.find("unknown: "), std::string::npos) << u.out;
}

TEST(OracleCliTest, DotWritesTheFindingsGraph) {
  if (!haveCli()) GTEST_SKIP() << "syncsmith is not built";
  std::string dot = std::string(SYNCSMITH_BINARY_ROOT) + "/oracle_cli_test.dot";
  std::remove(dot.c_str());
  EXPECT_EQ(run("--dot " + dot + " " + k("tests/oracle/kernels/race_mte2_v.sk")).status, 1);
  std::ifstream in(dot);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("digraph hb"), std::string::npos);
  EXPECT_NE(text.str().find("missing: end -> start"), std::string::npos) << text.str();
}
#endif

}  // namespace
}  // namespace syncsmith::oracletest
