#include "oracle/smt/Oracle.h"

#include <algorithm>

#include "model/Trace.h"
#include "oracle/smt/Collector.h"
#include "oracle/smt/GraphEngine.h"
#include "oracle/smt/ParamPlan.h"
#include "oracle/smt/Redundant.h"
#include "oracle/smt/SmtEngine.h"

namespace syncsmith {

std::string_view oracleEngineName(OracleEngine e) {
  switch (e) {
    case OracleEngine::Auto:
      return "auto";
    case OracleEngine::Graph:
      return "graph";
    case OracleEngine::Smt:
      return "smt";
  }
  return "auto";
}

std::optional<OracleEngine> parseOracleEngine(std::string_view s) {
  for (OracleEngine e : {OracleEngine::Auto, OracleEngine::Graph, OracleEngine::Smt})
    if (oracleEngineName(e) == s) return e;
  return std::nullopt;
}

namespace {

int64_t clampToInt64(uint64_t v) { return v > uint64_t(INT64_MAX) ? INT64_MAX : int64_t(v); }

std::string joined(const std::vector<std::string>& parts) {
  std::string s;
  for (const std::string& p : parts) s += (s.empty() ? "" : "; ") + p;
  return s;
}

void sortFindings(std::vector<Finding>& fs) {
  std::stable_sort(fs.begin(), fs.end(), [](const Finding& a, const Finding& b) {
    std::vector<int> la = a.lines(), lb = b.lines();
    if (la != lb) return la < lb;
    return a.kind < b.kind;
  });
}

}  // namespace

CheckResult checkKernel(const Kernel& k, const OracleOptions& opts) {
  Collector out(opts.timeLimitMs);
  bool hasConds = !runtimeCondNames(k).empty();
  OracleEngine engine = opts.engine;
  if (engine == OracleEngine::Auto) engine = hasConds ? OracleEngine::Smt : OracleEngine::Graph;

  ParamPlan plan = planParams(k, opts.maxParams);
  out.set("param_combinations", clampToInt64(plan.total));
  out.set("param_combinations_explored", 0);
  out.set("max_params", int64_t(opts.maxParams));
  out.set("max_instrs", int64_t(opts.maxInstrs));
  out.set("smt", engine == OracleEngine::Smt ? 1 : 0);
  if (engine == OracleEngine::Smt) out.set("timeout_ms", opts.timeoutMs);
  if (engine == OracleEngine::Graph && hasConds) out.set("max_paths", int64_t(opts.maxPaths));
  if (plan.cut)
    out.cut(
        "the params have " +
        (plan.total == UINT64_MAX ? std::string("more than 2^64") : std::to_string(plan.total)) +
        " combinations; explored " + std::to_string(plan.assignments.size()) +
        " boundary-first (--max-params " + std::to_string(opts.maxParams) + ")");

  for (const auto& params : plan.assignments) {
    if (out.expired()) {
      out.cut("the time limit ran out");
      break;
    }
    if (engine == OracleEngine::Smt)
      smtCheckParams(k, params, opts, out);
    else
      graphCheckParams(k, params, opts, out);
    out.count("param_combinations_explored");
    if (opts.stopAtFirst && out.anyBug()) break;
  }

  CheckResult r;
  r.findings = out.takeFindings();
  sortFindings(r.findings);
  if (!r.findings.empty()) {
    r.verdict = Verdict::Buggy;
    if (!out.cuts().empty()) r.reason = "search also incomplete: " + joined(out.cuts());
  } else if (!out.cuts().empty()) {
    r.verdict = Verdict::Unknown;
    r.reason = joined(out.cuts());
  } else {
    r.verdict = Verdict::Correct;
  }
  r.bounds = out.bounds();

  if (opts.redundant && r.verdict == Verdict::Correct) {
    size_t unknownUnits = 0;
    std::vector<Finding> advice = findRedundant(k, opts, &unknownUnits);
    r.bounds["redundant_units_unknown"] = int64_t(unknownUnits);
    for (Finding& f : advice) r.findings.push_back(std::move(f));
  }
  return r;
}

}  // namespace syncsmith
