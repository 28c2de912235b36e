// Random kernels: the generator's kernels (fuzz/gen), synchronized by the
// engine (engine/sync), and mutants of them with one sync statement deleted.
// On each: the Z3 engine (pruning off) agrees with exhaustive path
// enumeration (graph engine), every witness is valid in the model, and the
// simulator agrees: every witness replays with its kind, and on kernels the
// oracle proves correct, simulated runs find nothing.
//
// SYNCSMITH_ORACLE_RANDOM=N sets the number of generated kernels (default 40;
// the issue's 1000-kernel agreement run: SYNCSMITH_ORACLE_RANDOM=1000).
#include <cstdlib>

#include "OracleTestUtil.h"
#include "gen/Generator.h"
#include "ir/Printer.h"
#include "oracle/sim/Simulator.h"
#include "oracle/smt/Redundant.h"
#include "sync/Engine.h"

namespace syncsmith::oracletest {
namespace {

int kernelCount() {
  const char* e = std::getenv("SYNCSMITH_ORACLE_RANDOM");
  return e ? std::max(1, std::atoi(e)) : 40;
}


struct Population {
  std::vector<std::pair<std::string, Kernel>> kernels;
};

Population makePopulation(int count) {
  Population p;
  gen::GenOptions go;
  go.policy.minOps = 4;
  go.policy.maxOps = 20;
  go.policy.maxTrip = 4;
  go.policy.maxParamWidth = 3;
  for (uint64_t seed = 1; int(p.kernels.size()) < 2 * count && seed < uint64_t(count) * 10;
       ++seed) {
    gen::Generated g = gen::generateSeeded(seed, go);
    Kernel synced;
    try {
      synced = synchronize(g.kernel).kernel;
    } catch (const std::exception&) {
      continue;
    }
    // Printed and parsed again, so that statements have their own lines
    // (findings are deduplicated by kind and lines).
    synced = parseKernel(printKernel(synced));
    std::string name = "seed " + std::to_string(seed);
    p.kernels.push_back({name + " synced", synced});
    std::vector<size_t> syncs;
    size_t n = 0;
    forEachStmt(synced.body, [&](const Stmt& s) {
      if (s.sync()) syncs.push_back(n);
      ++n;
    });
    if (!syncs.empty()) {
      size_t pick = syncs[(seed * 7919) % syncs.size()];
      p.kernels.push_back(
          {name + " without #" + std::to_string(pick), withoutStmts(synced, {pick})});
    }
  }
  return p;
}

TEST(OracleRandomTest, OracleEnginesAndSimulatorAgreeOnRandomKernels) {
  Population pop = makePopulation(kernelCount());
  size_t compared = 0, correct = 0, buggy = 0, replayed = 0;
  for (size_t n = 0; n < pop.kernels.size(); ++n) {
    const auto& [name, k] = pop.kernels[n];
    ModelOptions mode = allModes()[n % allModes().size()];
    std::string what = name + " " + modeName(mode);
    OracleOptions go = options(OracleEngine::Graph, mode);
    go.maxPaths = 256;
    CheckResult graph = checkKernel(k, go);
    if (graph.verdict == Verdict::Unknown) continue;  // too many paths to compare with
    CheckResult smt = checkKernel(k, options(OracleEngine::Smt, mode, /*prune=*/false));
    ++compared;
    EXPECT_ENGINES_AGREE(graph, smt, what);
    for (const Finding& f : smt.findings) {
      EXPECT_EQ(witnessProblem(k, f), "") << what << ": " << describe(f);
      SimResult sim = replay(k, f.witness);
      EXPECT_TRUE(kinds(sim.check).count(std::string(findingKindName(f.kind))))
          << what << ": " << describe(f) << "\nsimulator: " << summary(sim.check);
      ++replayed;
    }
    if (smt.verdict == Verdict::Correct) {
      ++correct;
      SimOptions so;
      so.model = mode;
      so.runs = 4;
      so.seed = n;
      SimResult sim = simulate(k, so);
      EXPECT_TRUE(sim.check.findings.empty())
          << what << " is correct per the oracle, but the simulator says " << summary(sim.check);
    } else {
      ++buggy;
    }
  }
  EXPECT_GT(compared, pop.kernels.size() * 3 / 4);
  EXPECT_GT(correct, 0u);
  EXPECT_GT(buggy, 0u);
  std::cout << "random kernels: " << compared << " compared, " << correct << " correct, " << buggy
            << " buggy, " << replayed << " witnesses replayed\n";
}

}  // namespace
}  // namespace syncsmith::oracletest
