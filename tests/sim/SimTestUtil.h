// Helpers shared by the simulator's tests.
#pragma once

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "ir/Parser.h"
#include "model/HbGraph.h"
#include "model/PathCheck.h"
#include "oracle/sim/Simulator.h"

namespace syncsmith::simtest {

inline std::string sourcePath(const std::string& rel) {
  return std::string(SYNCSMITH_SOURCE_ROOT) + "/" + rel;
}
inline Kernel loadData(const std::string& name) {
  return parseKernelFile(sourcePath("tests/sim/data/" + name));
}
inline Kernel loadCorpus(const std::string& name) {
  return parseKernelFile(sourcePath("corpus/examples/" + name));
}

inline bool isDataFinding(const Finding& f) { return f.message.rfind("data corrupted", 0) == 0; }

inline std::set<std::string> kindsOf(const std::vector<Finding>& fs) {
  std::set<std::string> out;
  for (const Finding& f : fs) out.insert(std::string(findingKindName(f.kind)));
  return out;
}

// (kind, lines) of findings, data-corruption reports left out.
using Key = std::pair<std::string, std::vector<int>>;
inline std::set<Key> keysOf(const std::vector<Finding>& fs) {
  std::set<Key> out;
  for (const Finding& f : fs)
    if (!isDataFinding(f)) out.insert({std::string(findingKindName(f.kind)), f.lines()});
  return out;
}

inline std::string show(const std::set<Key>& ks) {
  std::string s;
  for (const auto& [k, lines] : ks) {
    s += k + "(";
    for (size_t i = 0; i < lines.size(); ++i) s += (i ? "," : "") + std::to_string(lines[i]);
    s += ") ";
  }
  return s;
}

// The first happens-before edge the run's times violate, as text ("" if none).
inline std::string violatedEdge(const RunDetail& run, const ModelOptions& model) {
  TokenMatch tok = matchTokens(run.trace, model.flagKey);
  HbGraph g(run.trace, run.kernel->arch(), model, tok);
  for (const HbEdge& e : g.edges())
    if (run.times[e.to] < run.times[e.from] + int64_t(e.weight))
      return std::string(hbRuleName(e.rule)) + " " + run.trace.describe(e.from / 3) + " -> " +
             run.trace.describe(e.to / 3);
  return "";
}

inline SimOptions withPolicy(SimPolicy p, uint64_t seed, int runs = 1) {
  SimOptions o;
  o.policy = p;
  o.seed = seed;
  o.runs = runs;
  return o;
}

}  // namespace syncsmith::simtest
