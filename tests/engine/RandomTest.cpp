// A few hundred random kernels, synced in every mode and model, proven by
// the exact per-path checker.
#include "EngineTestUtil.h"
#include "RandomKernel.h"

namespace syncsmith::test {
namespace {

constexpr uint64_t kKernels = 300;

TEST(RandomTest, BuilderMakesValidKernels) {
  int valid = 0;
  for (uint64_t seed = 0; seed < kKernels; ++seed) {
    try {
      parseKernel(randomKernelText(seed), "random.sk");
      ++valid;
    } catch (const InputError& e) {
      ADD_FAILURE() << e.what() << "\n" << randomKernelText(seed);
    }
  }
  EXPECT_EQ(valid, int(kKernels));
}

TEST(RandomTest, OptModeIsCorrect) {
  for (uint64_t seed = 0; seed < kKernels; ++seed) {
    Kernel k = parseKernel(randomKernelText(seed), "random.sk");
    ModelOptions m;
    m.flagKey = seed % 3 == 0 ? FlagKey::Src : FlagKey::Pair;
    m.gmVisibility = seed % 4 == 1 ? GmVisibility::Retire : GmVisibility::Fenced;
    syncAndCheck(k, engineOptions(m), "seed " + std::to_string(seed));
    if (::testing::Test::HasFailure()) return;  // one counterexample is enough
  }
}

TEST(RandomTest, NaiveAndBarrierAllModesAreCorrect) {
  for (uint64_t seed = 0; seed < kKernels; seed += 3) {
    Kernel k = parseKernel(randomKernelText(seed), "random.sk");
    syncAndCheck(k, engineOptions({}, SyncMode::Naive), "seed " + std::to_string(seed));
    syncAndCheck(k, engineOptions({}, SyncMode::BarrierAll), "seed " + std::to_string(seed));
    if (::testing::Test::HasFailure()) return;
  }
}

// The engine's output uses only shapes the engine recognizes as order in its
// input, so syncing it again adds nothing (and stays correct).
TEST(RandomTest, ResyncingSyncedOutputAddsNothing) {
  for (uint64_t seed = 0; seed < kKernels; seed += 5) {
    Kernel k = parseKernel(randomKernelText(seed), "random.sk");
    ModelOptions m;
    m.flagKey = seed % 3 == 0 ? FlagKey::Src : FlagKey::Pair;
    SyncResult once = synchronize(k, engineOptions(m));
    SyncResult twice =
        syncAndCheck(once.kernel, engineOptions(m), "resync seed " + std::to_string(seed));
    const SyncReport& r = twice.report;
    EXPECT_EQ(r.setFlags + r.waitFlags + r.barriers + r.barrierAlls + r.fences, 0)
        << "seed " << seed << "\n" << reportText(r) << printKernel(once.kernel);
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(RandomTest, Deterministic) {
  for (uint64_t seed = 0; seed < kKernels; seed += 7) {
    Kernel k = parseKernel(randomKernelText(seed), "random.sk");
    EXPECT_EQ(printKernel(synchronize(k).kernel), printKernel(synchronize(k).kernel));
  }
}

}  // namespace
}  // namespace syncsmith::test
