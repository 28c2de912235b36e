#include "AllPaths.h"

#include <map>

#include "model/PathCheck.h"
#include "model/Trace.h"

namespace syncsmith::corpus {
namespace {

// One pending outcome sequence: the first outcomes of the ?conditions in
// execution order, kept per name (the form fixedConds replays).
struct Prefix {
  std::map<std::string, std::vector<bool>> perName;
  size_t length = 0;
};

// Walks every outcome sequence for one param assignment, depth first: run
// with the prefix (later outcomes false), then branch on each defaulted one.
bool sweepConds(const Kernel& k, const std::map<std::string, int64_t>& params,
                const PathCheckOptions& opts, size_t maxPaths, SweepResult& out) {
  std::vector<Prefix> pending{Prefix{}};
  size_t paths = 0;
  while (!pending.empty()) {
    Prefix p = std::move(pending.back());
    pending.pop_back();
    if (++paths > maxPaths) {
      out.reason = "more than " + std::to_string(maxPaths) + " condition paths";
      return false;
    }
    Trace t = buildTrace(k, params, fixedConds(p.perName, false));
    if (t.truncated) {
      out.reason = "trace truncated at the instruction limit";
      return false;
    }
    std::vector<Finding> f = checkPath(t, opts);
    out.findings.insert(out.findings.end(), f.begin(), f.end());
    // Branch: the same first j outcomes (all defaulted ones false), then true.
    Prefix branch = p;
    for (size_t j = p.length; j < t.conds.size(); ++j) {
      Prefix next = branch;
      next.perName[t.conds[j].name].push_back(true);
      next.length = j + 1;
      pending.push_back(std::move(next));
      branch.perName[t.conds[j].name].push_back(false);
    }
  }
  out.paths += paths;
  return true;
}

}  // namespace

std::set<std::string> SweepResult::kinds() const {
  std::set<std::string> out;
  for (const Finding& f : findings)
    if (f.kind != FindingKind::Redundant) out.insert(std::string(findingKindName(f.kind)));
  return out;
}

SweepResult checkAllPaths(const Kernel& k, const ModelOptions& model, const SweepLimits& limits) {
  SweepResult out;
  auto space = paramSpace(k, limits.maxParamCombos);
  if (!space) {
    out.verdict = Verdict::Unknown;
    out.reason = "more than " + std::to_string(limits.maxParamCombos) + " param combinations";
    return out;
  }
  PathCheckOptions opts;
  opts.model = model;
  for (const auto& params : *space)
    if (!sweepConds(k, params, opts, limits.maxPathsPerParams, out)) {
      out.verdict = Verdict::Unknown;
      return out;
    }
  std::erase_if(out.findings, [](const Finding& f) { return f.kind == FindingKind::Redundant; });
  out.verdict = out.findings.empty() ? Verdict::Correct : Verdict::Buggy;
  return out;
}

}  // namespace syncsmith::corpus
