#include "reduce/Predicate.h"

#include <map>

#include "model/Trace.h"

namespace syncsmith::reduce {
namespace {

using Params = std::map<std::string, int64_t>;

std::vector<Params> paramsToTry(const Kernel& k, size_t limit) {
  if (auto all = paramSpace(k, limit)) return *all;
  // Too many: the corners (each param at lo or hi), up to `limit` of them.
  std::vector<Params> out(1);
  for (const Param& p : k.params) {
    std::vector<Params> next;
    for (const Params& partial : out)
      for (int64_t v : {p.lo, p.hi}) {
        if (next.size() >= limit) break;
        Params m = partial;
        m[p.name] = v;
        next.push_back(std::move(m));
        if (p.lo == p.hi) break;
      }
    out = std::move(next);
  }
  return out;
}

std::vector<CondChooser> condPatterns(const Kernel& k) {
  std::vector<CondChooser> out = {fixedConds({}, false)};
  if (runtimeCondNames(k).empty()) return out;
  out.push_back(fixedConds({}, true));
  out.push_back([](const std::string&, size_t n) { return n % 2 == 1; });
  out.push_back([](const std::string&, size_t n) { return n % 2 == 0; });
  return out;
}

}  // namespace

bool hasFinding(const Kernel& input, const FindingCheck& check) {
  std::optional<Kernel> transformed;
  if (check.transform) {
    transformed = check.transform(input);
    if (!transformed) return false;
  }
  const Kernel& k = transformed ? *transformed : input;
  PathCheckOptions opts;
  opts.model = check.model;
  TraceOptions topts;
  topts.maxInstrs = check.maxTraceInstrs;
  std::vector<CondChooser> conds = condPatterns(k);
  for (const Params& params : paramsToTry(k, check.maxParamCombos))
    for (const CondChooser& choose : conds) {
      Trace t = buildTrace(k, params, choose, topts);
      if (t.truncated) continue;
      for (const Finding& f : checkPath(t, opts))
        if (f.kind == check.kind) return true;
    }
  return false;
}

Interesting findingPredicate(FindingCheck check) {
  return [check = std::move(check)](const Kernel& k) { return hasFinding(k, check); };
}

}  // namespace syncsmith::reduce
