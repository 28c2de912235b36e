// Everything one engine run shares: the program being synchronized, its
// footprints, the hazard oracle, the walk environment, the options and the
// report being written.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sync/Conflict.h"
#include "sync/Engine.h"
#include "sync/Relevance.h"
#include "sync/Walk.h"

namespace syncsmith::sync {

// An uncovered hazard: instance of `a` before instance of `b` (related by
// `rel` on their shared loops) conflict and nothing orders them yet.
struct Hazard {
  NodeId a = kNone, b = kNone;
  Relation rel;
  bool commit = false;  // needs a's GM write committed, not just ended
};

class Context {
 public:
  Context(const Kernel& k, const EngineOptions& o);

  EngineOptions opts;
  Program prog;
  Footprints fp;
  Enumerator en;
  ConflictOracle conflicts;
  Relevance relevance;
  WalkEnv walk;
  SyncReport report;
  // Event ids the input's own sync may use, per id class (see classOf).
  std::vector<std::vector<bool>> reserved;
  // Possible values of the input's computed event ids, per sync node.
  std::map<NodeId, Interval> inputIdRange;
  // A pair coverage walks treat as absent (while checking whether it is needed).
  PairId ignoredPair = kNone;
  // Per op: the sweep (+1) in which it was found covered, when it runs once
  // (no enclosing loop repeats); 0 otherwise. See Coverage.cpp.
  std::vector<uint8_t> coveredIn;

  bool has(InjectedBug b) const { return opts.bug == b; }
  bool fenced() const {
    return opts.model.gmVisibility == GmVisibility::Fenced && !has(InjectedBug::GmRoundtripFlagOnly);
  }
  // Flags sharing a key space: (src, dst), or src alone under --flag-key src.
  int classOf(Pipe src, Pipe dst) const {
    return opts.model.flagKey == FlagKey::Src ? int(src) : int(src) * kNumPipes + int(dst);
  }
  int numClasses() const { return kNumPipes * kNumPipes; }
  int idCount() const { return eventIdCount(prog.arch()); }
  // Reports a fallback; `placed`: the statements it put in the program.
  void fallback(std::string kind, std::string reason, int line, std::vector<ItemId> placed = {}) {
    report.fallbacks.push_back({std::move(kind), std::move(reason), line});
    fallbackItems.push_back(std::move(placed));
  }
  // Per report.fallbacks entry: the statements it placed (InputPrune may
  // take them all back, and the entry with them).
  std::vector<std::vector<ItemId>> fallbackItems;
};

std::string pairName(Pipe src, Pipe dst);

}  // namespace syncsmith::sync
