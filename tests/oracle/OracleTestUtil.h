// Shared helpers of the oracle suites: kernels, engine runs, summaries, and
// the model-level witness validity check.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ir/Parser.h"
#include "model/Finding.h"
#include "model/HbGraph.h"
#include "model/PathCheck.h"
#include "model/Trace.h"
#include "oracle/smt/Oracle.h"

namespace syncsmith::oracletest {

inline std::string sourcePath(const std::string& rel) {
  return std::string(SYNCSMITH_SOURCE_ROOT) + "/" + rel;
}

inline Kernel load(const std::string& rel) { return parseKernelFile(sourcePath(rel)); }

// Every .sk file of a directory (relative to the source root), sorted.
inline std::vector<std::string> kernelFiles(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(sourcePath(dir)))
    if (e.path().extension() == ".sk") out.push_back(dir + "/" + e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

inline OracleOptions options(OracleEngine engine, ModelOptions model = {}, bool prune = true) {
  OracleOptions o;
  o.engine = engine;
  o.model = model;
  o.prune = prune;
  o.maxParams = 64;
  o.timeoutMs = 20'000;
  return o;
}

inline std::set<std::string> kinds(const CheckResult& r) {
  std::set<std::string> out;
  for (const Finding& f : r.findings) out.insert(std::string(findingKindName(f.kind)));
  return out;
}

// (kind, sorted lines) per finding: what two engines must agree on.
inline std::set<std::pair<std::string, std::vector<int>>> sites(const CheckResult& r,
                                                                bool withDeadlock = false) {
  std::set<std::pair<std::string, std::vector<int>>> out;
  for (const Finding& f : r.findings) {
    if (f.kind == FindingKind::Deadlock && !withDeadlock) continue;
    out.insert({std::string(findingKindName(f.kind)), f.lines()});
  }
  return out;
}

inline bool isCycleDeadlock(const Finding& f) {
  return f.kind == FindingKind::Deadlock && f.message.find("each other") != std::string::npos;
}

// What two engines must agree on: (kind, lines) per finding. DEADLOCK is
// compared by kind alone when either side has a cycle: the engines may name
// different cycles of one path, and a cycle through one wait shares its
// (kind, lines) with that wait's missing-set deadlock, so deduplication can
// keep either.
inline std::set<std::pair<std::string, std::vector<int>>> agreementSites(const CheckResult& a,
                                                                        const CheckResult& b) {
  bool cycles = false;
  for (const CheckResult* r : {&a, &b})
    for (const Finding& f : r->findings) cycles |= isCycleDeadlock(f);
  std::set<std::pair<std::string, std::vector<int>>> out;
  for (const Finding& f : a.findings) {
    bool collapse = cycles && f.kind == FindingKind::Deadlock;
    out.insert({std::string(findingKindName(f.kind)), collapse ? std::vector<int>{} : f.lines()});
  }
  return out;
}

#define EXPECT_ENGINES_AGREE(graph, smt, what)                                             \
  do {                                                                                     \
    EXPECT_EQ((graph).verdict, (smt).verdict)                                              \
        << (what) << "\ngraph: " << summary(graph) << "\nsmt: " << summary(smt);            \
    EXPECT_EQ(kinds(graph), kinds(smt)) << (what);                                         \
    EXPECT_EQ(agreementSites(graph, smt), agreementSites(smt, graph))                      \
        << (what) << "\ngraph: " << summary(graph) << "\nsmt: " << summary(smt);            \
  } while (0)

inline std::string summary(const CheckResult& r) {
  std::string s = std::string(verdictName(r.verdict));
  if (!r.reason.empty()) s += " (" + r.reason + ")";
  for (const Finding& f : r.findings) s += "\n  " + describe(f);
  return s;
}

inline const std::vector<ModelOptions>& allModes() {
  static const std::vector<ModelOptions> modes = [] {
    std::vector<ModelOptions> m;
    for (FlagKey fk : {FlagKey::Pair, FlagKey::Src})
      for (GmVisibility gv : {GmVisibility::Fenced, GmVisibility::Retire}) m.push_back({fk, gv});
    return m;
  }();
  return modes;
}

inline std::string modeName(const ModelOptions& m) {
  return std::string(flagKeyName(m.flagKey)) + "/" + std::string(gmVisibilityName(m.gmVisibility));
}

// Rebuilds the witness path with buildTrace, checks that the instances name
// its instructions, that the schedule (when given) satisfies every edge of
// the happens-before graph, and that the path and schedule exhibit the
// finding. Returns a description of the first problem, or "".
std::string witnessProblem(const Kernel& k, const Finding& f);

}  // namespace syncsmith::oracletest
