// The `syncsmith import-pto` command end to end (skipped when the CLI was
// not built in this tree).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>

#include "PtoTestUtil.h"

namespace syncsmith::pto::test {
namespace {

struct CmdRun {
  int status = -1;
  std::string out;
};

std::string binary() { return std::string(SYNCSMITH_BINARY_ROOT) + "/cli/syncsmith"; }

CmdRun run(const std::string& args) {
  CmdRun r;
  std::string cmd = binary() + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

class PtoCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(binary())) GTEST_SKIP() << "no " << binary();
  }
};

TEST_F(PtoCliTest, ExitCodesFollowTheVerdict) {
  EXPECT_EQ(run("import-pto -q --check " + dataPath("vec_add.cpp")).status, 0);
  EXPECT_EQ(run("import-pto -q --check " + dataPath("bug_missing_wait.cpp")).status, 1);
  EXPECT_EQ(run("import-pto -q --check " + dataPath("bad_unknown_call.cpp")).status, 2);
  EXPECT_EQ(run("import-pto -q --check --param-range v3=0..1 " + dataPath("double_buffer.cpp"))
                .status,
            0);
  EXPECT_EQ(run("import-pto -q --check --gm-visibility retire " + dataPath("bug_gm_roundtrip.cpp"))
                .status,
            0);
  EXPECT_EQ(run("import-pto -q --check --param-range bad " + dataPath("vec_add.cpp")).status, 2);
}

TEST_F(PtoCliTest, FindingsPointAtCppLines) {
  CmdRun r = run("import-pto -q --check " + dataPath("bug_missing_wait.cpp"));
  std::string f = dataPath("bug_missing_wait.cpp");
  EXPECT_NE(r.out.find(f + ":26: RACE: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  " + f + ":23: TLOAD(v8, v13);"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(f + ":25: DANGLING: "), std::string::npos) << r.out;
  CmdRun j = run("import-pto -q --check --json " + dataPath("bug_missing_wait.cpp"));
  EXPECT_NE(j.out.find("\"verdict\":\"buggy\""), std::string::npos) << j.out;
  EXPECT_NE(j.out.find("\"source\":\"TADD(v10, v8, v9);\""), std::string::npos) << j.out;
}

TEST_F(PtoCliTest, WritesAKernelThatSyncsmithReadsBack) {
  std::string out = std::string(SYNCSMITH_BINARY_ROOT) + "/pto_cli_test_double_buffer.sk";
  CmdRun w = run("import-pto -q " + dataPath("double_buffer.cpp") + " -o " + out);
  ASSERT_EQ(w.status, 0) << w.out;
  CmdRun fmt = run("fmt " + out);
  EXPECT_EQ(fmt.status, 0) << fmt.out;
  EXPECT_NE(fmt.out.find("buffer ub_0_x2 ub 16384 @0 slots=2"), std::string::npos) << fmt.out;
  CmdRun stripped = run("import-pto -q --strip-sync --no-source-comments " + dataPath("vec_add.cpp"));
  EXPECT_EQ(stripped.out.find("flag"), std::string::npos) << stripped.out;
  std::filesystem::remove(out);
}

// The re-synchronization loop of docs/import-pto.md: strip PTOAS's sync,
// let `syncsmith sync` insert its own, and check the result.
TEST_F(PtoCliTest, StrippedKernelsResynchronizeToCorrectKernels) {
  if (run("sync --help").status != 0) GTEST_SKIP() << "no sync command in this build";
  for (const char* f : {"vec_add", "double_buffer", "matmul", "softmax_rows", "bug_gm_roundtrip"}) {
    std::string bare = std::string(SYNCSMITH_BINARY_ROOT) + "/pto_cli_test_" + f + ".bare.sk";
    std::string synced = std::string(SYNCSMITH_BINARY_ROOT) + "/pto_cli_test_" + f + ".synced.sk";
    ASSERT_EQ(run("import-pto -q --strip-sync " + dataPath(std::string(f) + ".cpp") + " -o " + bare).status, 0);
    CmdRun s = run("sync " + bare + " -o " + synced);
    ASSERT_EQ(s.status, 0) << f << ": " << s.out;
    CmdRun c = run("check " + synced);
    EXPECT_EQ(c.status, 0) << f << ": " << c.out;
    std::filesystem::remove(bare);
    std::filesystem::remove(synced);
  }
}

TEST_F(PtoCliTest, JsonImportCarriesTheKernelAndItsLineMap) {
  CmdRun r = run("import-pto -q --json " + dataPath("vec_add.cpp"));
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("\"kernel\":\"kernel vec_add arch=a2a3 core=vec {\\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"source_lines\":[5,5,5,5,12,14,16,22,23,24,25,26,27,28,29,30,0]"),
            std::string::npos)
      << r.out;
}

TEST_F(PtoCliTest, BadInputPrintsFileLineColumn) {
  CmdRun r = run("import-pto " + dataPath("bad_mixed.cpp"));
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out.rfind(dataPath("bad_mixed.cpp") + ":14:3: error: core=mix is not supported yet", 0), 0u)
      << r.out;
}

}  // namespace
}  // namespace syncsmith::pto::test
