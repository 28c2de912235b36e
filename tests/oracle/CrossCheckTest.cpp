// The graph engine (model/PathCheck over enumerated paths) and the Z3 engine
// (one guarded encoding per param combination) must agree: same verdict,
// same (kind, lines) sites (DEADLOCK by kind when cycles are involved, see
// agreementSites). Z3 decides every candidate here (pruning off), in all four
// model modes, on the corpus, the hand-written kernels, and mutants of the
// synced kernels with one sync statement deleted.
#include "OracleTestUtil.h"
#include "oracle/smt/Redundant.h"

namespace syncsmith::oracletest {
namespace {


// The kernel with every param range cut to its first `width` values, so that
// unpruned Z3 runs stay small (both engines see the same kernel).
Kernel narrowed(Kernel k, int64_t width) {
  for (Param& p : k.params) p.hi = std::min(p.hi, p.lo + width - 1);
  return k;
}

void expectAgree(const Kernel& k, const ModelOptions& mode, const std::string& what,
                 bool prune = false) {
  CheckResult graph = checkKernel(k, options(OracleEngine::Graph, mode));
  CheckResult smt = checkKernel(k, options(OracleEngine::Smt, mode, prune));
  ASSERT_NE(graph.verdict, Verdict::Unknown) << what << ": " << summary(graph);
  EXPECT_ENGINES_AGREE(graph, smt, what);
}

std::vector<std::string> allKernels() {
  std::vector<std::string> files = kernelFiles("corpus/examples");
  for (const std::string& f : kernelFiles("tests/oracle/kernels")) files.push_back(f);
  return files;
}

TEST(OracleCrossCheckTest, EnginesAgreeOnEveryKernelInEveryMode) {
  for (const std::string& file : allKernels()) {
    Kernel k = narrowed(load(file), 6);
    for (const ModelOptions& mode : allModes()) expectAgree(k, mode, file + " " + modeName(mode));
  }
}

TEST(OracleCrossCheckTest, EnginesAgreeOnFullParamRangesWithPruning) {
  for (const std::string& file : allKernels()) {
    Kernel k = load(file);
    expectAgree(k, {}, file, /*prune=*/true);
  }
}

TEST(OracleCrossCheckTest, PruningDoesNotChangeTheResult) {
  for (const std::string& file : allKernels()) {
    Kernel k = narrowed(load(file), 6);
    CheckResult pruned = checkKernel(k, options(OracleEngine::Smt, {}, true));
    CheckResult full = checkKernel(k, options(OracleEngine::Smt, {}, false));
    EXPECT_EQ(pruned.verdict, full.verdict) << file;
    EXPECT_EQ(agreementSites(pruned, full), agreementSites(full, pruned)) << file;
  }
}

// Every synced kernel with one sync statement (or one loop's unit) removed:
// many small, realistic bugs of every kind.
TEST(OracleCrossCheckTest, EnginesAgreeOnSyncDeletionMutants) {
  std::vector<std::string> synced = {"corpus/examples/gm_roundtrip_synced.sk",
                                     "corpus/examples/pingpong_synced.sk",
                                     "corpus/examples/triple_buffer_synced.sk",
                                     "corpus/examples/vec_add_synced.sk",
                                     "corpus/examples/vv_chain.sk",
                                     "tests/oracle/kernels/nested_synced.sk",
                                     "tests/oracle/kernels/cond_synced.sk",
                                     "tests/oracle/kernels/fence_barrier_correct.sk",
                                     "tests/oracle/kernels/triple_buffer_two_lanes.sk"};
  size_t mutants = 0, buggy = 0;
  for (const std::string& file : synced) {
    Kernel k = narrowed(load(file), 4);
    std::vector<size_t> syncs;
    size_t n = 0;
    forEachStmt(k.body, [&](const Stmt& s) {
      if (s.sync()) syncs.push_back(n);
      ++n;
    });
    for (size_t idx : syncs) {
      Kernel m = withoutStmts(k, {idx});
      ModelOptions mode = allModes()[mutants % allModes().size()];
      std::string what = file + " without statement #" + std::to_string(idx) + " " + modeName(mode);
      buggy += checkKernel(m, options(OracleEngine::Graph, mode)).verdict == Verdict::Buggy;
      expectAgree(m, mode, what);
      ++mutants;
    }
  }
  EXPECT_GT(mutants, 80u);
  EXPECT_GT(buggy, mutants / 2);
}

TEST(OracleCrossCheckTest, CondKernelsAgreeWithExhaustivePathEnumeration) {
  // The graph engine enumerates every ?-outcome sequence here.
  for (const char* file :
       {"corpus/examples/branch_runtime.sk", "tests/oracle/kernels/cond_race.sk",
        "tests/oracle/kernels/cond_cycle.sk", "tests/oracle/kernels/cond_dangling.sk",
        "tests/oracle/kernels/cond_synced.sk"}) {
    Kernel k = narrowed(load(file), 4);
    for (const ModelOptions& mode : allModes())
      expectAgree(k, mode, std::string(file) + " " + modeName(mode));
  }
}

}  // namespace
}  // namespace syncsmith::oracletest
