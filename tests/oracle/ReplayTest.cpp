// Every oracle witness replays in the reference simulator (oracle/sim) and
// shows the same finding kind there: the oracle's "buggy" is a true alarm.
#include "OracleTestUtil.h"
#include "oracle/sim/Simulator.h"

namespace syncsmith::oracletest {
namespace {

std::vector<std::string> allKernels() {
  std::vector<std::string> files = kernelFiles("corpus/examples");
  for (const std::string& f : kernelFiles("tests/oracle/kernels")) files.push_back(f);
  return files;
}

TEST(OracleReplayTest, EveryWitnessReplaysWithTheSameKind) {
  size_t replayed = 0;
  for (const std::string& file : allKernels()) {
    Kernel k = load(file);
    for (const ModelOptions& mode : allModes())
      for (OracleEngine engine : {OracleEngine::Graph, OracleEngine::Smt}) {
        CheckResult r = checkKernel(k, options(engine, mode));
        for (const Finding& f : r.findings) {
          if (f.kind == FindingKind::Redundant) continue;
          SimResult sim = replay(k, f.witness, file);
          std::set<std::string> got = kinds(sim.check);
          EXPECT_TRUE(got.count(std::string(findingKindName(f.kind))))
              << file << " " << oracleEngineName(engine) << " " << modeName(mode) << ": "
              << describe(f) << "\nsimulator: " << summary(sim.check);
          ++replayed;
        }
      }
  }
  EXPECT_GT(replayed, 500u);
}

}  // namespace
}  // namespace syncsmith::oracletest
