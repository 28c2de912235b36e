// Every witness of every finding is a real run of the model: its path
// rebuilds with buildTrace, its instances index that trace, its schedule
// satisfies every happens-before edge, and path and schedule exhibit the
// finding (oracletest::witnessProblem).
#include "OracleTestUtil.h"

namespace syncsmith::oracletest {
namespace {

std::vector<std::string> allKernels() {
  std::vector<std::string> files = kernelFiles("corpus/examples");
  for (const std::string& f : kernelFiles("tests/oracle/kernels")) files.push_back(f);
  return files;
}

TEST(OracleWitnessTest, EveryWitnessIsValidInTheModel) {
  size_t checked = 0;
  for (const std::string& file : allKernels()) {
    Kernel k = load(file);
    for (const ModelOptions& mode : allModes())
      for (OracleEngine engine : {OracleEngine::Graph, OracleEngine::Smt}) {
        CheckResult r = checkKernel(k, options(engine, mode));
        for (const Finding& f : r.findings) {
          EXPECT_EQ(witnessProblem(k, f), "") << file << " " << oracleEngineName(engine) << " "
                                              << modeName(mode) << ": " << describe(f);
          ++checked;
        }
      }
  }
  EXPECT_GT(checked, 500u);
}

TEST(OracleWitnessTest, RaceAndDoubleSetWitnessesCarryAScheduleFromZ3) {
  Kernel k = load("tests/oracle/kernels/cond_race.sk");
  CheckResult r = checkKernel(k, options(OracleEngine::Smt));
  for (const Finding& f : r.findings) {
    ASSERT_FALSE(f.witness.schedule.empty()) << describe(f);
    // Times start at 0 and every instruction lasts at least one tick.
    int64_t first = INT64_MAX;
    for (const ScheduleEvent& ev : f.witness.schedule) {
      first = std::min(first, ev.start);
      EXPECT_GE(ev.end, ev.start + 1);
    }
    EXPECT_EQ(first, 0);
  }
}

TEST(OracleWitnessTest, WitnessJsonRoundTrips) {
  Kernel k = load("tests/oracle/kernels/cond_race.sk");
  CheckResult r = checkKernel(k, options(OracleEngine::Smt, {FlagKey::Src, GmVisibility::Retire}));
  ASSERT_FALSE(r.findings.empty());
  for (const Finding& f : r.findings) {
    Witness back = witnessFromJson(witnessToJson(f.witness), "w.json");
    EXPECT_EQ(back.params, f.witness.params);
    EXPECT_EQ(back.conds, f.witness.conds);
    EXPECT_EQ(back.model.flagKey, FlagKey::Src);
    EXPECT_EQ(back.model.gmVisibility, GmVisibility::Retire);
    ASSERT_EQ(back.schedule.size(), f.witness.schedule.size());
    Finding copy = f;
    copy.witness = back;
    EXPECT_EQ(witnessProblem(k, copy), "") << describe(f);
  }
}

}  // namespace
}  // namespace syncsmith::oracletest
