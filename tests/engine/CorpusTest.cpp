// Every corpus example, sync stripped, synced under every model option and
// mode and on both archs, proven by the exact per-path checker.
#include <filesystem>

#include "EngineTestUtil.h"

namespace syncsmith::test {
namespace {

std::vector<std::string> exampleFiles() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(corpusPath("examples")))
    if (e.path().extension() == ".sk") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(CorpusTest, HasExamples) { EXPECT_GE(exampleFiles().size(), 18u); }

TEST(CorpusTest, OptModeIsCorrectUnderEveryModel) {
  for (const std::string& f : exampleFiles()) {
    Kernel k = stripSync(parseKernelFile(f));
    for (FlagKey key : {FlagKey::Pair, FlagKey::Src})
      for (GmVisibility vis : {GmVisibility::Fenced, GmVisibility::Retire})
        syncAndCheck(k, engineOptions({key, vis}), f);
  }
}

TEST(CorpusTest, OtherArchIsCorrectToo) {
  for (const std::string& f : exampleFiles()) {
    Kernel k = stripSync(parseKernelFile(f));
    k.archAttr = k.arch() == Arch::A5 ? Arch::A2A3 : Arch::A5;
    syncAndCheck(k, engineOptions(), f + " (other arch)");
  }
}

TEST(CorpusTest, NaiveAndBarrierAllModesAreCorrect) {
  for (const std::string& f : exampleFiles()) {
    Kernel k = stripSync(parseKernelFile(f));
    syncAndCheck(k, engineOptions({}, SyncMode::Naive), f);
    SyncResult r = syncAndCheck(k, engineOptions({}, SyncMode::BarrierAll), f);
    std::string text = printKernel(r.kernel);
    EXPECT_EQ(countText(text, "set_flag"), 0u) << f;
    EXPECT_EQ(countText(text, "gm_fence"), 0u) << f;
  }
}

TEST(CorpusTest, SyncedExamplesKeepTheirSyncAndStayCorrect) {
  for (const std::string& f : exampleFiles()) {
    Kernel k = parseKernelFile(f);
    if (countStmts(k).syncs() == 0) continue;
    SyncResult r = syncAndCheck(k, engineOptions(), f + " (with its own sync)");
    EXPECT_EQ(r.report.keptSync, countStmts(k).syncs()) << f;
  }
}

// Hand-synced kernels are correct already, so nothing is added to them:
// the shapes the engine emits itself (primed and drained lanes with computed
// ids, also chosen by an inner loop, forward lanes, alternating constant
// keys) are read as order; the others (the easyasc DEvent fix, lanes primed
// around two loops; a ring of ids kept by hand) are kept, and what the
// engine adds for them is taken back as the path check proves it redundant.
TEST(CorpusTest, CorrectHandSyncGetsNothingAdded) {
  std::vector<std::string> files;
  for (const std::string& f : exampleFiles())
    if (f.find("_synced.sk") != std::string::npos) files.push_back(f);
  for (const char* b : {"flash_attention_vec", "matmul_db", "scale_triple_buffer", "softmax_rows",
                        "vec_add_db", "workspace_two_phase"})
    files.push_back(corpusPath(std::string("bench/") + b + ".synced.sk"));
  // The fix of every real bug class.
  std::vector<std::string> fixes;
  for (const auto& e : std::filesystem::directory_iterator(corpusPath("bugs")))
    if (std::filesystem::exists(e.path() / "fixed.sk")) fixes.push_back((e.path() / "fixed.sk").string());
  std::sort(fixes.begin(), fixes.end());
  files.insert(files.end(), fixes.begin(), fixes.end());
  ASSERT_GE(files.size(), 27u);
  int unread = 0;
  for (const std::string& f : files) {
    Kernel k = parseKernelFile(f);
    ASSERT_TRUE(checkAllPaths(k).correct()) << f << " is not correct by itself";
    SyncResult r = syncAndCheck(k, engineOptions(), f + " (with its own sync)");
    EXPECT_EQ(r.report.setFlags + r.report.waitFlags + r.report.barriers + r.report.barrierAlls +
                  r.report.fences,
              0)
        << f << "\n" << reportText(r.report);
    EXPECT_EQ(r.report.pairs, 0) << f;
    EXPECT_TRUE(r.report.fallbacks.empty()) << f << "\n" << reportText(r.report);
    unread += r.report.inputUnread;
  }
  EXPECT_GT(unread, 0);  // some of them are not in the engine's own shapes
}

TEST(CorpusTest, OutputIsDeterministicAndReparses) {
  for (const std::string& f : exampleFiles()) {
    Kernel k = stripSync(parseKernelFile(f));
    std::string a = printKernel(synchronize(k).kernel);
    std::string b = printKernel(synchronize(k).kernel);
    EXPECT_EQ(a, b) << f;
    Kernel again = parseKernel(a, f);
    EXPECT_EQ(printKernel(again), a) << f;
  }
}

// The pipelined examples get k lanes chosen by the slot expression.
TEST(CorpusTest, PipelinedExamplesGetLanes) {
  struct Case {
    const char* file;
    const char* lane;
  };
  for (Case c : {Case{"examples/pingpong.sk", "i%2"}, Case{"examples/triple_buffer.sk", "i%3"},
                 Case{"examples/matmul_double_buffer.sk", "k%2"}}) {
    Kernel k = stripSync(parseKernelFile(corpusPath(c.file)));
    SyncResult r = syncAndCheck(k, engineOptions(), c.file);
    std::string text = printKernel(r.kernel);
    EXPECT_GE(countText(text, std::string("(") + c.lane + ")"), 2u) << c.file << "\n" << text;
    EXPECT_FALSE(r.report.lanes.empty()) << c.file;
    EXPECT_EQ(r.report.barrierAlls, 0) << c.file;
    for (const auto& fb : r.report.fallbacks) ADD_FAILURE() << c.file << ": " << fb.reason;
  }
}

}  // namespace
}  // namespace syncsmith::test
