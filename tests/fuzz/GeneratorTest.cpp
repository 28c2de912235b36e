#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "gen/GenRequest.h"
#include "gen/Generator.h"
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "model/Trace.h"

namespace syncsmith::gen {
namespace {

GenOptions optionsFor(const std::string& policy, SizeClass size = SizeClass::Default,
                      std::optional<Core> core = std::nullopt) {
  GenOptions o;
  o.policy = *namedPolicy(policy);
  applySize(o.policy, size);
  o.core = core;
  return o;
}

// parse(print(k)) succeeds and gives k back, and printing is stable.
void expectRoundTrip(const Kernel& k, const std::string& what) {
  std::string text = printKernel(k);
  Kernel again;
  try {
    again = parseKernel(text, what);
  } catch (const InputError& e) {
    FAIL() << e.what() << "\n" << text;
  }
  EXPECT_TRUE(again == k) << what << "\n" << text;
  EXPECT_EQ(printKernel(again), text) << what;
}

TEST(GeneratorTest, EveryPolicySizeAndCoreRoundTripsOverManySeeds) {
  int n = 0;
  for (const std::string& policy : policyNames())
    for (SizeClass size : {SizeClass::Small, SizeClass::Default, SizeClass::Large})
      for (std::optional<Core> core : {std::optional<Core>(Core::Vec), std::optional<Core>(Core::Cube)}) {
        GenOptions o = optionsFor(policy, size, core);
        int seeds = size == SizeClass::Large ? 25 : 120;
        for (int seed = 1; seed <= seeds; ++seed, ++n) {
          Generated g = generateSeeded(uint64_t(seed), o);
          ASSERT_NO_FATAL_FAILURE(expectRoundTrip(
              g.kernel, policy + "/" + std::string(sizeClassName(size)) + "/" +
                            std::to_string(seed)));
          EXPECT_EQ(g.kernel.core(), *core);
          EXPECT_EQ(countStmts(g.kernel).syncs(), 0);
          EXPECT_GE(countStmts(g.kernel).ops, 1);
        }
      }
  EXPECT_GE(n, 2000);
}

TEST(GeneratorTest, DefaultOptionsRoundTripOverThousandsOfSeeds) {
  GenOptions o;
  for (uint64_t seed = 1000; seed < 3000; ++seed)
    ASSERT_NO_FATAL_FAILURE(expectRoundTrip(generateSeeded(seed, o).kernel, std::to_string(seed)));
}

TEST(GeneratorTest, SameSeedSameKernelBytes) {
  GenOptions o = optionsFor("default", SizeClass::Large);
  for (uint64_t seed : {1u, 2u, 99u, 123456u}) {
    Generated a = generateSeeded(seed, o), b = generateSeeded(seed, o);
    EXPECT_EQ(printKernel(a.kernel), printKernel(b.kernel));
    EXPECT_EQ(a.choices, b.choices);
    EXPECT_EQ(a.features, b.features);
  }
  EXPECT_NE(printKernel(generateSeeded(1, o).kernel), printKernel(generateSeeded(2, o).kernel));
}

// The exact bytes for fixed seeds: any change to the generator (or to a
// platform-dependent detail) shows here. Regenerate the file deliberately
// when the generator changes: `syncsmith gen --seed 1 --features`.
TEST(GeneratorTest, GoldenKernelForSeed1) {
  std::ifstream f(std::string(SYNCSMITH_SOURCE_ROOT) + "/tests/fuzz/golden/gen-1.sk");
  ASSERT_TRUE(f) << "missing golden file";
  std::stringstream ss;
  ss << f.rdbuf();
  GenRequest r;
  r.seed = 1;
  Generated g = generateSeeded(1, r.options());
  std::string expected = r.header() + "\n# features: " + g.features.str() + "\n" + printKernel(g.kernel);
  EXPECT_EQ(ss.str(), expected);
}

TEST(GeneratorTest, ReplayOfRecordedChoicesReproducesTheKernel) {
  GenOptions o;
  for (uint64_t seed = 1; seed < 200; ++seed) {
    Generated a = generateSeeded(seed, o);
    Generated b = generateReplay(a.choices, o);
    EXPECT_TRUE(a.kernel == b.kernel) << seed;
    EXPECT_EQ(a.choices, b.choices);
    EXPECT_EQ(a.features, b.features);
  }
}

TEST(GeneratorTest, AnyByteStringGivesAValidKernel) {
  GenOptions o;
  ChoiceStream seeds = ChoiceStream::seeded(9);
  for (int t = 0; t < 1500; ++t) {
    std::vector<uint8_t> bytes(size_t(seeds.below(300)));
    for (uint8_t& b : bytes) b = uint8_t(seeds.below(256));
    if (t % 3 == 0)  // sparse streams: mostly zeros
      for (uint8_t& b : bytes) b = seeds.below(4) == 0 ? b : 0;
    ChoiceStream cs = ChoiceStream::fromBytes(bytes);
    Generated g = generate(cs, o);
    ASSERT_NO_FATAL_FAILURE(expectRoundTrip(g.kernel, "bytes #" + std::to_string(t)));
  }
}

TEST(GeneratorTest, EmptyStreamGivesTheMinimalKernel) {
  ChoiceStream cs = ChoiceStream::fromBytes({});
  Generated g = generate(cs, GenOptions{});
  EXPECT_EQ(g.kernel.core(), Core::Vec);
  EXPECT_EQ(g.features.bits, 0u);
  StmtCounts c = countStmts(g.kernel);
  EXPECT_EQ(c.ops, GenPolicy{}.minOps);
  EXPECT_EQ(c.loops + c.ifs, 0);
  ASSERT_NO_FATAL_FAILURE(expectRoundTrip(g.kernel, "empty"));
}

TEST(GeneratorTest, OpsOptionGivesExactlyThatManyOps) {
  for (int ops : {1, 2, 5, 17, 60}) {
    GenOptions o;
    applyOps(o.policy, ops);
    for (uint64_t seed = 1; seed < 40; ++seed)
      EXPECT_EQ(countStmts(generateSeeded(seed, o).kernel).ops, ops) << seed;
  }
}

struct Shape {
  std::set<Pipe> pipes;
  bool loops = false, ifs = false, runtime = false, slotted = false, alias = false,
       exec = false, params = false, elseArm = false, step = false;
};

Shape shapeOf(const Kernel& k) {
  Shape s;
  for (const Buffer& b : k.buffers) {
    s.slotted |= b.slotted();
    s.alias |= b.addr.has_value();
  }
  s.params = !k.params.empty();
  forEachStmt(k.body, [&](const Stmt& st) {
    if (auto* op = st.op()) {
      s.pipes.insert(op->pipe);
      s.exec |= op->isExec();
    }
    if (auto* f = st.forLoop()) s.loops = true, s.step |= f->step.has_value();
    if (auto* i = st.ifStmt()) {
      s.ifs = true;
      s.runtime |= i->cond.runtime;
      s.elseArm |= i->elseBody.has_value();
    }
  });
  return s;
}

TEST(GeneratorTest, KernelsUseOnlyWhatTheirFeatureMaskAllows) {
  GenOptions o;
  std::set<uint32_t> masks;
  for (uint64_t seed = 1; seed < 600; ++seed) {
    Generated g = generateSeeded(seed, o);
    const FeatureSet& f = g.features;
    masks.insert(f.bits);
    Shape s = shapeOf(g.kernel);
    for (Pipe p : s.pipes) {
      EXPECT_TRUE(f.hasPipe(p)) << seed << " " << pipeName(p);
    }
    if (!f.has(Feature::Loops) && !f.has(Feature::Carried)) {
      EXPECT_FALSE(s.loops) << seed;
    }
    if (!f.has(Feature::Branches) && !f.has(Feature::Asymmetric)) {
      EXPECT_FALSE(s.ifs) << seed;
    }
    if (!f.has(Feature::RuntimeConds)) {
      EXPECT_FALSE(s.runtime) << seed;
    }
    if (!f.has(Feature::Slots)) {
      EXPECT_FALSE(s.slotted) << seed;
    }
    if (!f.has(Feature::Alias)) {
      EXPECT_FALSE(s.alias) << seed;
    }
    if (!f.has(Feature::Exec)) {
      EXPECT_FALSE(s.exec) << seed;
    }
    if (!f.has(Feature::Params)) {
      EXPECT_FALSE(s.params) << seed;
    }
    if (!f.has(Feature::Step)) {
      EXPECT_FALSE(s.step) << seed;
    }
    if (!f.has(Feature::Else) && !f.has(Feature::Asymmetric)) {
      EXPECT_FALSE(s.elseArm) << seed;
    }
    auto parsed = parseFeatureSet(f.str());
    ASSERT_TRUE(parsed) << f.str();
    EXPECT_EQ(*parsed, f);
  }
  EXPECT_GT(masks.size(), 300u);  // swarm: masks vary
}

TEST(GeneratorTest, FeaturesShowUpAcrossSeeds) {
  GenOptions o;
  Shape any;
  bool cube = false, vec = false, a5 = false, zeroTripPath = false, mmadAccum = false;
  for (uint64_t seed = 1; seed < 400; ++seed) {
    Generated g = generateSeeded(seed, o);
    Shape s = shapeOf(g.kernel);
    any.loops |= s.loops, any.ifs |= s.ifs, any.runtime |= s.runtime, any.slotted |= s.slotted;
    any.alias |= s.alias, any.exec |= s.exec, any.params |= s.params, any.elseArm |= s.elseArm;
    any.step |= s.step;
    cube |= g.kernel.core() == Core::Cube;
    vec |= g.kernel.core() == Core::Vec;
    a5 |= g.kernel.arch() == Arch::A5;
    forEachStmt(g.kernel.body, [&](const Stmt& st) {
      if (auto* op = st.op(); op && op->name == "mmad")
        for (const Ref& r : op->reads) mmadAccum |= r.buffer == op->writes[0].buffer;
    });
    // A loop that runs 0 times for some param value.
    if (auto space = paramSpace(g.kernel, 64))
      for (const auto& params : *space) {
        Env env;
        for (const auto& [n, v] : params) env.push(n, v);
        for (const Stmt& st : g.kernel.body)
          if (auto* f = st.forLoop(); f && !f->hi.constantValue())
            zeroTripPath |= f->hi.eval(env) <= f->lo.eval(env);
      }
  }
  EXPECT_TRUE(any.loops && any.ifs && any.runtime && any.slotted && any.alias && any.exec &&
              any.params && any.elseArm && any.step);
  EXPECT_TRUE(cube && vec && a5);
  EXPECT_TRUE(mmadAccum);
  EXPECT_TRUE(zeroTripPath);
}

// The longest run of consecutive ops on pipe p followed by as many on q, in
// any block: the fan-out of independent pairs of the many-pairs policy.
int longestFanout(const Block& b) {
  int best = 0;
  for (size_t i = 0; i < b.size(); ++i) {
    const OpStmt* first = b[i].op();
    if (!first) continue;
    size_t j = i;
    while (j < b.size() && b[j].op() && b[j].op()->pipe == first->pipe) ++j;
    if (j >= b.size() || !b[j].op()) continue;
    Pipe q = b[j].op()->pipe;
    size_t k = j;
    while (k < b.size() && b[k].op() && b[k].op()->pipe == q) ++k;
    best = std::max(best, int(std::min(j - i, k - j)));
  }
  for (const Stmt& s : b) {
    if (auto* f = s.forLoop()) best = std::max(best, longestFanout(f->body));
    if (auto* x = s.ifStmt()) best = std::max(best, longestFanout(x->thenBody));
  }
  return best;
}

TEST(GeneratorTest, ManyPairsPolicyPutsMoreThanEightPairsOnOnePipePair) {
  GenOptions o = optionsFor("many-pairs");
  int hits = 0;
  for (uint64_t seed = 1; seed <= 100; ++seed)
    hits += longestFanout(generateSeeded(seed, o).kernel.body) > 8;
  for (uint64_t seed = 1; seed <= 100; ++seed)
    hits += longestFanout(generateSeeded(seed, optionsFor("many-pairs", SizeClass::Small)).kernel.body) > 8;
  EXPECT_EQ(hits, 200);
}

bool hasAsymmetricIf(const Block& b) {
  for (const Stmt& s : b) {
    if (auto* i = s.ifStmt()) {
      std::set<Pipe> a, e;
      forEachStmt(i->thenBody, [&](const Stmt& x) { if (x.op()) a.insert(x.op()->pipe); });
      if (i->elseBody)
        forEachStmt(*i->elseBody, [&](const Stmt& x) { if (x.op()) e.insert(x.op()->pipe); });
      if (a != e) return true;
    }
    if (auto* f = s.forLoop(); f && hasAsymmetricIf(f->body)) return true;
  }
  return false;
}

TEST(GeneratorTest, AsymmetricBranchesPolicyMakesArmsOnDifferentPipes) {
  GenOptions o = optionsFor("asymmetric-branches");
  int hits = 0;
  for (uint64_t seed = 1; seed <= 100; ++seed) hits += hasAsymmetricIf(generateSeeded(seed, o).kernel.body);
  EXPECT_GE(hits, 95);
}

TEST(GeneratorTest, BackEdgesPolicyMakesCarriedHazardsAtDistancesOneToThree) {
  GenOptions o = optionsFor("back-edges");
  std::set<int64_t> distances;
  int hits = 0;
  for (uint64_t seed = 1; seed <= 100; ++seed) {
    bool carried = false;
    forEachStmt(generateSeeded(seed, o).kernel.body, [&](const Stmt& s) {
      auto* op = s.op();
      if (!op) return;
      // (v + c) % k as a slot or tile index: reads what iteration v-(k-c) wrote.
      for (const Ref& r : op->reads) {
        std::string text = printRef(r);
        for (int64_t k = 2; k <= 4; ++k)
          for (int64_t c = 1; c < k; ++c)
            if (text.find("+" + std::to_string(c) + ")%" + std::to_string(k)) != std::string::npos) {
              distances.insert(k - c);
              carried = true;
            }
      }
    });
    hits += carried;
  }
  EXPECT_GE(hits, 95);
  EXPECT_EQ(distances, (std::set<int64_t>{1, 2, 3}));
}

TEST(GeneratorTest, HeaderRoundTrips) {
  GenRequest r;
  r.seed = 77;
  r.policy = "back-edges";
  r.size = SizeClass::Large;
  r.ops = 12;
  r.core = Core::Cube;
  std::string text = r.header() + "\n# features: x\nkernel k {\n}\n";
  auto back = findGenHeader(text);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->header(), r.header());
  EXPECT_FALSE(findGenHeader("kernel k {\n}\n# syncsmith gen seed=1\n"));
  EXPECT_FALSE(findGenHeader("# syncsmith gen seed=1 policy=nope\n"));
}

}  // namespace
}  // namespace syncsmith::gen
