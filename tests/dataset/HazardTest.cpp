// The engine's hazard list (engine/sync/Hazards.h), as the dataset records
// it, checked against the machine model on every path of small generated
// kernels: every conflicting pair of op instances of a trace is listed with
// its kind, space and loop distance (complete); on kernels whose paths are
// all enumerated every listed hazard shows up on some path (exact); and the
// opt engine's output orders every one of them in the happens-before graph.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <cstdio>
#include <memory>
#include <set>
#include <tuple>

#include "gen/GenRequest.h"
#include "gen/Generator.h"
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "model/HbGraph.h"
#include "model/PathCheck.h"
#include "model/Trace.h"
#include "sync/Engine.h"
#include "sync/Hazards.h"

namespace syncsmith {
namespace {

// Per op statement (by pointer): its index in program order and its loops.
struct OpInfo {
  int index = 0;
  std::vector<const ForStmt*> loops;
};

void indexOps(const Block& b, std::vector<const ForStmt*>& loops, std::map<const Stmt*, OpInfo>& out) {
  for (const Stmt& s : b) {
    if (s.op()) out[&s] = {int(out.size()), loops};
    if (const ForStmt* f = s.forLoop()) {
      loops.push_back(f);
      indexOps(f->body, loops, out);
      loops.pop_back();
    }
    if (const IfStmt* i = s.ifStmt()) {
      indexOps(i->thenBody, loops, out);
      if (i->elseBody) indexOps(*i->elseBody, loops, out);
    }
  }
}

// A hazard as seen on a trace: ops, kind, space, carrying loop depth (0:
// same iteration) and distance.
struct Seen {
  int producer, consumer;
  DepKind kind;
  Space space;
  int depth;
  auto operator<=>(const Seen&) const = default;
};

struct Kernels {
  Kernel unsynced, synced;
  std::vector<DataHazard> hazards;
};

Kernels prepare(uint64_t seed, const std::string& policy) {
  gen::GenRequest r;
  r.seed = seed;
  r.policy = policy;
  r.size = gen::SizeClass::Small;
  Kernels k;
  std::string text = printKernel(gen::generateSeeded(seed, r.options()).kernel);
  k.unsynced = parseKernel(text, "gen.sk");
  k.hazards = listHazards(k.unsynced);
  k.synced = parseKernel(printKernel(synchronize(k.unsynced, {}).kernel), "synced.sk");
  return k;
}

const DataHazard* find(const std::vector<DataHazard>& hs, const Seen& s) {
  for (const DataHazard& h : hs)
    if (h.producer == s.producer && h.consumer == s.consumer && h.kind == s.kind && h.space == s.space &&
        h.loopDepth == s.depth)
      return &h;
  return nullptr;
}

class PathChecker {
 public:
  explicit PathChecker(const Kernels& k) : k_(k) {
    std::vector<const ForStmt*> loops;
    indexOps(k.synced.body, loops, ops_);
  }

  // Checks one path of the synced kernel; returns false after a failure.
  bool run(const std::map<std::string, int64_t>& params, const CondChooser& choose, const std::string& what) {
    Trace t = buildTrace(k_.synced, params, choose);
    TokenMatch tokens = matchTokens(t, ModelOptions{}.flagKey);
    HbGraph g(t, k_.synced.arch(), ModelOptions{}, tokens);
    EXPECT_FALSE(g.hasCycle()) << what;
    if (g.hasCycle()) return false;
    std::vector<std::pair<uint32_t, uint32_t>> queries;
    std::vector<std::string> about;
    for (size_t j = 0; j < t.instrs.size(); ++j) {
      const Instr& b = t.instrs[j];
      if (b.kind != InstrKind::Op) continue;
      for (size_t i = 0; i < j; ++i) {
        const Instr& a = t.instrs[i];
        if (a.kind != InstrKind::Op) continue;
        bool gm = false;
        if (!accessConflict(t, a, b, &gm)) continue;
        for (const auto& [s, d] : seenOf(t, a, b)) {
          const DataHazard* h = find(k_.hazards, s);
          std::string desc = what + ": " + t.describe(i) + " -> " + t.describe(j) + " " +
                             std::string(depKindName(s.kind)) + " depth " + std::to_string(s.depth) +
                             " distance " + std::to_string(d);
          EXPECT_TRUE(h) << "not listed: " << desc;
          if (!h) return false;
          if (s.depth > 0) {
            bool inWindow = d <= h->window;
            bool listed = inWindow ? std::count(h->distances.begin(), h->distances.end(), d) > 0 : h->beyond;
            EXPECT_TRUE(listed) << "distance not listed: " << desc;
            if (!listed) return false;
            if (inWindow) witnessedDistances_[s].insert(d);
            else witnessedBeyond_.insert(s);
          }
          witnessed_.insert(s);
          queries.push_back({HbGraph::endNode(i), HbGraph::startNode(j)});
          about.push_back(desc);
          if (gm && a.pipe != b.pipe && s.kind != DepKind::War) {
            queries.push_back({g.commitNode(i), HbGraph::startNode(j)});
            about.push_back(desc + " (commit)");
          }
        }
      }
    }
    std::vector<bool> ok = reachable(g, queries);
    for (size_t q = 0; q < ok.size(); ++q) {
      EXPECT_TRUE(ok[q]) << "the opt output does not order " << about[q];
      if (!ok[q]) return false;
    }
    return true;
  }

  // Every listed hazard was seen, at exactly its listed distances.
  void expectAllWitnessed(const std::string& what) const {
    for (const DataHazard& h : k_.hazards) {
      Seen s{h.producer, h.consumer, h.kind, h.space, h.loopDepth};
      EXPECT_TRUE(witnessed_.count(s)) << what << ": listed, never seen: line " << h.producerLine << " -> "
                                       << h.consumerLine << " " << depKindName(h.kind) << " depth " << h.loopDepth;
      if (h.loopDepth == 0) continue;
      std::set<int64_t> want(h.distances.begin(), h.distances.end());
      auto it = witnessedDistances_.find(s);
      std::set<int64_t> got = it == witnessedDistances_.end() ? std::set<int64_t>{} : it->second;
      EXPECT_EQ(want, got) << what << ": distances of line " << h.producerLine << " -> " << h.consumerLine;
      EXPECT_EQ(h.beyond, witnessedBeyond_.count(s) > 0) << what << ": beyond, line " << h.producerLine;
    }
  }

 private:
  // The (kind, space) pairs of a conflicting instance pair, with its depth
  // and distance.
  std::vector<std::pair<Seen, int64_t>> seenOf(const Trace& t, const Instr& a, const Instr& b) const {
    const OpInfo& oa = ops_.at(a.stmt);
    const OpInfo& ob = ops_.at(b.stmt);
    std::vector<int64_t> ia = t.iterations(a), ib = t.iterations(b);
    int depth = 0;
    int64_t dist = 0;
    for (size_t l = 0; l < oa.loops.size() && l < ob.loops.size() && oa.loops[l] == ob.loops[l]; ++l)
      if (ia[l] != ib[l]) {
        depth = int(l) + 1;
        dist = (ib[l] - ia[l]) / oa.loops[l]->stepValue();
        break;
      }
    std::set<std::pair<DepKind, Space>> kinds;
    for (uint16_t x = 0; x < a.nWrites + a.nReads; ++x)
      for (uint16_t y = 0; y < b.nWrites + b.nReads; ++y) {
        bool aw = x < a.nWrites, bw = y < b.nWrites;
        if (!aw && !bw) continue;
        const Access& ax = t.accesses[a.accBegin + x];
        const Access& by = t.accesses[b.accBegin + y];
        if (!ax.overlaps(by)) continue;
        kinds.insert({aw && bw ? DepKind::Waw : aw ? DepKind::Raw : DepKind::War, ax.space});
      }
    std::vector<std::pair<Seen, int64_t>> out;
    for (const auto& [kind, space] : kinds) out.push_back({Seen{oa.index, ob.index, kind, space, depth}, dist});
    return out;
  }

  const Kernels& k_;
  std::map<const Stmt*, OpInfo> ops_;
  std::set<Seen> witnessed_, witnessedBeyond_;
  std::map<Seen, std::set<int64_t>> witnessedDistances_;
};

TEST(HazardTest, ListIsCompleteExactAndOrderedByTheOptEngine) {
  int kernels = 0, exact = 0, hazards = 0, carried = 0;
  for (const std::string policy : {"default", "back-edges", "asymmetric-branches"})
    for (uint64_t seed = 1; seed <= 40; ++seed) {
      std::string what = policy + "/" + std::to_string(seed);
      Kernels k = prepare(seed, policy);
      auto space = paramSpace(k.unsynced, 16);
      if (!space) continue;
      ++kernels;
      hazards += int(k.hazards.size());
      for (const DataHazard& h : k.hazards) carried += h.loopDepth > 0;
      PathChecker pc(k);
      bool conds = !runtimeCondNames(k.unsynced).empty();
      bool ok = true;
      int maxConds = 0;  // ?condition executions on one path
      for (const auto& params : *space) {
        for (int pattern = 0; pattern < (conds ? 16 : 1) && ok; ++pattern) {
          auto n = std::make_shared<int>(0);
          CondChooser choose = [=](const std::string&, size_t) {
            int i = (*n)++;
            return i < 3 ? ((pattern >> i) & 1) != 0 : (pattern & 8) != 0;
          };
          ok = pc.run(params, choose, what);
          maxConds = std::max(maxConds, *n);
        }
        if (!ok) break;
      }
      ASSERT_TRUE(ok) << printKernel(k.unsynced);
      // Every path was run when at most 3 ?conditions execute on any path.
      if (maxConds <= 3) {
        pc.expectAllWitnessed(what);
        ++exact;
      }
    }
  EXPECT_GE(kernels, 60);
  EXPECT_GE(exact, 20);
  EXPECT_GE(carried, 20);
  EXPECT_GE(hazards, 300);
}

TEST(HazardTest, DistanceClasses) {
  EXPECT_EQ(distanceClass({1}, false, 8, 20), "1");
  EXPECT_EQ(distanceClass({3}, false, 8, 20), "3");
  EXPECT_EQ(distanceClass({2, 3, 4, 5, 6, 7, 8}, true, 8, 20), ">=2");
  EXPECT_EQ(distanceClass({1, 2, 3, 4, 5, 6, 7, 8}, true, 8, 20), ">=1");
  EXPECT_EQ(distanceClass({1, 2}, false, 8, 2), ">=1");
  EXPECT_EQ(distanceClass({1, 3, 5, 7}, true, 8, 20), "1 mod 2");
  EXPECT_EQ(distanceClass({2, 4, 6, 8}, true, 8, 20), "0 mod 2");
  EXPECT_EQ(distanceClass({1, 4, 7}, true, 8, 20), "1 mod 3");
  EXPECT_EQ(distanceClass({1, 4, 7}, false, 8, 8), "1 mod 3");
  EXPECT_EQ(distanceClass({1, 3, 5, 7}, false, 8, 20), "carried");  // the period stops
  EXPECT_EQ(distanceClass({1, 2}, false, 8, 20), "carried");
  EXPECT_EQ(distanceClass({}, true, 8, 20), ">=9");
}

// A two-slot ping-pong: the consumer reads the slot the producer filled one
// iteration ago; the producer overwrites what the consumer read last time.
TEST(HazardTest, PingPongDistances) {
  Kernel k = parseKernel(R"(kernel pp {
  buffer gm0 gm 8192
  buffer ub0 ub 4096 slots=2
  for i in 0..16 {
    gm_to_ub ub0[i % 2] <- gm0[0:2048]
    vexp ub0[(i + 1) % 2] <- ub0[(i + 1) % 2]
  }
}
)",
                         "pp.sk");
  std::vector<DataHazard> hs = listHazards(k);
  std::map<std::string, std::string> got;
  for (const DataHazard& h : hs)
    got[std::to_string(h.producerLine) + "->" + std::to_string(h.consumerLine) + " " +
        std::string(depKindName(h.kind))] = h.distance;
  EXPECT_EQ(got["5->6 RAW"], "1 mod 2");    // filled at i-1, read at i
  EXPECT_EQ(got["6->5 WAR"], "1 mod 2");    // read at i, overwritten at i+1
  EXPECT_EQ(got["5->5 WAW"], "0 mod 2");    // the same slot every other iteration
  EXPECT_EQ(got["6->6 WAW"], "0 mod 2");
  EXPECT_FALSE(got.count("5->6 WAR"));      // never the same slot in one iteration
}

}  // namespace
}  // namespace syncsmith
