// The simulator against the model's exact per-path checker: on many paths
// (corpus, hand-written and random kernels, both model options) the
// vector-clock findings equal checkPath's, every schedule the simulator
// produces satisfies every happens-before edge, and replaying checkPath's
// witnesses reproduces their findings.
#include <filesystem>
#include <sstream>

#include "../../oracle/sim/Rng.h"
#include "SimTestUtil.h"

namespace syncsmith {
namespace {

using namespace simtest;
using sim::Rng;

// Small random kernels: a few buffers that alias, ops, set/wait pairs and
// stray syncs, a loop and a runtime if. Most are buggy in some way.
class KernelGen {
 public:
  KernelGen(uint64_t seed, bool cube) : rng_(seed), cube_(cube) {}

  std::string make() {
    std::ostringstream o;
    o << "kernel rnd" << (cube_ ? " core=cube" : "") << (rng_.chance(1, 4) ? " arch=a5" : "") << " {\n";
    if (cube_) {
      o << "  buffer a gm 8192\n  buffer c gm 8192\n  buffer p l1 8192\n  buffer q l1 4096 @4096\n"
           "  buffer x l0a 4096\n  buffer y l0b 4096\n  buffer z l0c 4096\n";
    } else {
      o << "  buffer g0 gm 8192\n  buffer g1 gm 8192\n  buffer u0 ub 4096 @0\n"
           "  buffer u1 ub 4096 @2048\n  buffer u2 ub 4096 @8192\n";
    }
    o << "  param n in 0..2\n";
    block(o, 6 + int(rng_.below(8)), 0, false);
    o << "}\n";
    return o.str();
  }

 private:
  std::string range(int64_t size, bool loopVar) {
    int64_t unit = 1024;
    if (loopVar && rng_.chance(1, 2)) return "[i*1024 : i*1024+1024]";
    int64_t lo = int64_t(rng_.below(uint64_t(size / unit))) * unit;
    int64_t hi = lo + unit * (1 + int64_t(rng_.below(uint64_t((size - lo) / unit))));
    return "[" + std::to_string(lo) + ":" + std::to_string(hi) + "]";
  }
  std::string pick(const std::vector<std::string>& xs) { return xs[rng_.below(xs.size())]; }

  std::string op(bool inLoop) {
    if (cube_) {
      switch (rng_.below(7)) {
        case 0: return "gm_to_l1 " + pick({"p", "q"}) + range(4096, inLoop) + " <- a" + range(8192, inLoop);
        case 1: return "l1_to_l0a x" + range(4096, inLoop) + " <- p" + range(4096, inLoop);
        case 2: return "l1_to_l0b y" + range(4096, inLoop) + " <- q" + range(4096, inLoop);
        case 3: return "mmad z <- x, y";
        case 4: return "mmad z <- x, y, z";
        case 5: return "l0c_to_gm c" + range(8192, inLoop) + " <- z" + range(4096, inLoop);
        default: return "l0c_to_l1 p" + range(4096, inLoop) + " <- z" + range(4096, inLoop);
      }
    }
    std::vector<std::string> ub = {"u0", "u1", "u2"}, gm = {"g0", "g1"};
    switch (rng_.below(7)) {
      case 0: return "gm_to_ub " + pick(ub) + range(4096, inLoop) + " <- " + pick(gm) + range(8192, inLoop);
      case 1: return "vadd " + pick(ub) + range(4096, inLoop) + " <- " + pick(ub) + range(4096, inLoop) + ", " + pick(ub);
      case 2: return "vexp " + pick(ub) + " <- " + pick(ub);
      case 3: return "ub_to_gm " + pick(gm) + range(8192, inLoop) + " <- " + pick(ub) + range(4096, inLoop);
      case 4: return "scalar_store " + pick(gm) + "[0:8] <-";
      case 5: return "scalar_load <- " + pick(gm) + "[0:64]";
      default: return "ub_to_gm " + pick(gm) + range(8192, inLoop) + " <- " + pick(ub) + range(4096, inLoop);
    }
  }

  std::vector<std::string> pipes() {
    if (cube_) return {"S", "MTE2", "MTE1", "M", "FIX"};
    return {"S", "MTE2", "V", "MTE3"};
  }

  std::string id(bool inLoop) {
    if (inLoop && rng_.chance(1, 4)) return "(i%2)";
    return std::to_string(rng_.below(2));
  }

  void block(std::ostringstream& o, int stmts, int depth, bool inLoop) {
    std::string ind(size_t(2 * (depth + 1)), ' ');
    for (int s = 0; s < stmts; ++s) {
      uint64_t r = rng_.below(20);
      if (r < 8) {
        o << ind << op(inLoop) << "\n";
      } else if (r < 13) {
        auto ps = pipes();
        std::string p = pick(ps), q = pick(ps);
        if (p == q) q = ps[(std::find(ps.begin(), ps.end(), p) - ps.begin() + 1) % long(ps.size())];
        std::string idText = rng_.chance(1, 30) ? "8" : id(inLoop);
        if (rng_.chance(1, 8)) {  // a wait first: a deadlock unless a set follows
          o << ind << "wait_flag " << p << " " << q << " " << idText << "\n";
          continue;
        }
        o << ind << "set_flag " << p << " " << q << " " << idText << "\n";
        if (rng_.chance(4, 5)) o << ind << "wait_flag " << p << " " << q << " " << idText << "\n";
      } else if (r < 15) {
        o << ind << (rng_.chance(1, 3) ? "pipe_barrier ALL" : "pipe_barrier " + pick(pipes())) << "\n";
      } else if (r < 16) {
        o << ind << "gm_fence " << (cube_ ? pick({"FIX", "S"}) : pick({"MTE3", "S"})) << "\n";
      } else if (r < 18 && !inLoop) {
        o << ind << "for i in 0..n {\n";
        block(o, 2 + int(rng_.below(5)), depth + 1, true);
        o << ind << "}\n";
      } else if (depth < 2) {
        o << ind << "if ?c {\n";
        block(o, 1 + int(rng_.below(3)), depth + 1, inLoop);
        o << ind << "} else {\n";
        block(o, int(rng_.below(3)), depth + 1, inLoop);
        o << ind << "}\n";
      }
    }
  }

  Rng rng_;
  bool cube_;
};

struct Tally {
  size_t paths = 0, findings = 0, replays = 0;
  std::set<std::string> kinds;
};

// One path of `k` under `model`: simulate it (the policy cycles with the
// seed), compare with checkPath on the very same trace, check the schedule
// and replay checkPath's witnesses.
void crossCheck(const Kernel& k, const std::map<std::string, int64_t>& params,
                const std::map<std::string, std::vector<bool>>& conds, const ModelOptions& model,
                uint64_t seed, const std::string& what, Tally& tally) {
  SimOptions o;
  o.model = model;
  o.params = params;
  o.conds = conds;
  o.seed = seed;
  o.policy = SimPolicy(seed % 3);
  SimResult r = simulate(k, o);
  ASSERT_TRUE(r.shown);
  const RunDetail& run = *r.shown;
  PathCheckOptions pco;
  pco.model = model;
  std::vector<Finding> want = checkPath(run.trace, pco);
  ++tally.paths;
  tally.findings += want.size();
  for (const Finding& f : want) tally.kinds.insert(std::string(findingKindName(f.kind)));
  EXPECT_EQ(show(keysOf(r.check.findings)), show(keysOf(want))) << what;
  if (!run.summary.deadlocked) {
    EXPECT_EQ(violatedEdge(run, model), "") << what;
  }
  for (const Finding& f : want) {
    SimResult again = replay(k, f.witness);
    ++tally.replays;
    std::set<Key> got = keysOf(again.check.findings);
    EXPECT_TRUE(got.count({std::string(findingKindName(f.kind)), f.lines()}))
        << what << ": replaying checkPath's witness of " << describe(f) << " gave " << show(got);
  }
}

TEST(SimCrossCheck, ClocksAgreeWithCheckPathOnCorpusAndHandWrittenKernels) {
  std::vector<std::pair<std::string, Kernel>> kernels;
  for (const auto& e : std::filesystem::directory_iterator(sourcePath("corpus/examples")))
    kernels.push_back({e.path().filename().string(), parseKernelFile(e.path().string())});
  for (const auto& e : std::filesystem::directory_iterator(sourcePath("tests/sim/data")))
    kernels.push_back({e.path().filename().string(), parseKernelFile(e.path().string())});
  std::sort(kernels.begin(), kernels.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  Tally tally;
  uint64_t seed = 0;
  for (const auto& [name, k] : kernels) {
    auto space = paramSpace(k, 64);
    ASSERT_TRUE(space) << name;
    for (const auto& params : *space)
      for (FlagKey fk : {FlagKey::Pair, FlagKey::Src})
        for (GmVisibility gv : {GmVisibility::Fenced, GmVisibility::Retire}) {
          ModelOptions m;
          m.flagKey = fk;
          m.gmVisibility = gv;
          crossCheck(k, params, {}, m, seed++, name, tally);
        }
  }
  EXPECT_GT(tally.paths, 200u);
  EXPECT_EQ(tally.kinds, (std::set<std::string>{"RACE", "DEADLOCK", "DOUBLE_SET", "DANGLING", "BAD_EVENT_ID"}));
}

TEST(SimCrossCheck, ClocksAgreeWithCheckPathOnRandomKernels) {
  Tally tally;
  for (uint64_t s = 0; s < 400; ++s) {
    bool cube = s % 3 == 2;
    std::string text = KernelGen(s, cube).make();
    Kernel k;
    try {
      k = parseKernel(text, "random-" + std::to_string(s));
    } catch (const InputError& e) {
      FAIL() << e.what() << "\n" << text;
    }
    Rng rng(s, "paths");
    ModelOptions m;
    m.flagKey = rng.chance(1, 3) ? FlagKey::Src : FlagKey::Pair;
    m.gmVisibility = rng.chance(1, 3) ? GmVisibility::Retire : GmVisibility::Fenced;
    std::map<std::string, std::vector<bool>> conds;
    for (int c = 0; c < 8; ++c) conds["c"].push_back(rng.chance(1, 2));
    if (runtimeCondNames(k).empty()) conds.clear();
    for (int64_t n = 0; n <= 2; ++n) crossCheck(k, {{"n", n}}, conds, m, s * 3 + uint64_t(n), text, tally);
  }
  EXPECT_EQ(tally.paths, 1200u);
  EXPECT_GT(tally.findings, 1000u);
  EXPECT_EQ(tally.kinds, (std::set<std::string>{"RACE", "DEADLOCK", "DOUBLE_SET", "DANGLING", "BAD_EVENT_ID"}));
}

// Every schedule of every policy satisfies every edge of the graph.
TEST(SimCrossCheck, SchedulesSatisfyTheHappensBeforeGraph) {
  for (const char* file : {"pingpong_synced.sk", "triple_buffer_synced.sk", "flash_like.sk",
                           "gm_roundtrip.sk", "matmul_double_buffer.sk", "scalar_mix.sk"}) {
    Kernel k = loadCorpus(file);
    for (uint64_t seed = 0; seed < 30; ++seed) {
      SimOptions o = withPolicy(SimPolicy(seed % 3), seed);
      SimResult r = simulate(k, o);
      ASSERT_TRUE(r.shown);
      EXPECT_EQ(violatedEdge(*r.shown, o.model), "") << file << " seed " << seed;
    }
  }
}

}  // namespace
}  // namespace syncsmith
