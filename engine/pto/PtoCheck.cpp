#include "pto/PtoCheck.h"

#include <set>

#include "model/PathCheck.h"
#include "model/Trace.h"
#ifdef SYNCSMITH_PTO_HAS_ORACLE
#include "oracle/smt/Oracle.h"
#endif

namespace syncsmith::pto {
namespace {

std::string siteKey(const Finding& f) {
  std::string k(findingKindName(f.kind));
  for (int l : f.lines()) k += ":" + std::to_string(l);
  return k;
}

CheckResult checkByPaths(const Kernel& k, const PtoCheckOptions& opts) {
  CheckResult r;
  std::string cut;
  auto space = paramSpace(k, opts.maxParamCombos);
  std::vector<std::map<std::string, int64_t>> combos;
  if (space) {
    combos = std::move(*space);
  } else {
    cut = "the params have more than " + std::to_string(opts.maxParamCombos) +
          " combinations; narrow them with --param-range";
  }
  std::set<std::string> seen;
  size_t paths = 0;
  PathCheckOptions pc;
  pc.model = opts.model;
  for (const auto& params : combos) {
    CondEnumerator conds;
    size_t perCombo = 0;
    do {
      if (paths >= opts.maxPaths || perCombo >= opts.maxPathsPerCombo) {
        cut = "more than " + std::to_string(paths >= opts.maxPaths ? opts.maxPaths : opts.maxPathsPerCombo) +
              " condition paths" + std::string(paths >= opts.maxPaths ? " in total" : " for one param assignment");
        break;
      }
      Trace t = buildTrace(k, params, conds.chooser());
      ++paths, ++perCombo;
      if (t.truncated) cut = "a path has more than a million instructions";
      for (Finding& f : checkPath(t, pc))
        if (seen.insert(siteKey(f)).second) r.findings.push_back(std::move(f));
    } while (conds.advance());
    if (paths >= opts.maxPaths) break;
  }
  r.bounds["param_combinations"] = int64_t(combos.size());
  r.bounds["paths"] = int64_t(paths);
  if (!r.findings.empty()) {
    r.verdict = Verdict::Buggy;
    if (!cut.empty()) r.reason = "search cut: " + cut;
  } else if (!cut.empty()) {
    r.verdict = Verdict::Unknown;
    r.reason = cut;
  } else {
    r.verdict = Verdict::Correct;
  }
  return r;
}

}  // namespace

bool haveOracle() {
#ifdef SYNCSMITH_PTO_HAS_ORACLE
  return true;
#else
  return false;
#endif
}

std::string checkerName(PtoChecker c) {
  return c != PtoChecker::Paths && haveOracle() ? "oracle" : "paths";
}

CheckResult checkImported(const Kernel& k, const PtoCheckOptions& opts) {
#ifdef SYNCSMITH_PTO_HAS_ORACLE
  if (opts.checker != PtoChecker::Paths) {
    OracleOptions o;
    o.model = opts.model;
    o.maxParams = opts.maxParamCombos;
    o.maxPaths = opts.maxPathsPerCombo;
    return checkKernel(k, o);
  }
#endif
  return checkByPaths(k, opts);
}

}  // namespace syncsmith::pto
