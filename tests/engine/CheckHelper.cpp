#include "CheckHelper.h"

#include <memory>

#include "model/PathCheck.h"
#include "model/Trace.h"

namespace syncsmith::test {

std::string CheckSummary::first() const {
  if (!complete) return "param space too large to check";
  if (findings.empty()) return "";
  std::string s = describe(findings.front());
  for (const auto& [name, value] : findings.front().witness.params)
    s += " [" + name + "=" + std::to_string(value) + "]";
  for (const auto& [name, seq] : findings.front().witness.conds) {
    s += " [?" + name + "=";
    for (bool b : seq) s += b ? '1' : '0';
    s += "]";
  }
  return s;
}

CheckSummary checkAllPaths(const Kernel& k, const CheckOptions& o) {
  CheckSummary out;
  auto space = paramSpace(k, o.paramLimit);
  if (!space) {
    out.complete = false;
    return out;
  }
  bool conds = !runtimeCondNames(k).empty();
  int patterns = conds ? (1 << o.condBits) : 1;
  PathCheckOptions pc;
  pc.model = o.model;
  for (const auto& params : *space)
    for (int pattern = 0; pattern < patterns; ++pattern)
      for (int otherwise = 0; otherwise < (conds ? 2 : 1); ++otherwise) {
        auto counter = std::make_shared<int>(0);
        CondChooser choose = [=](const std::string&, size_t) {
          int n = (*counter)++;
          return n < o.condBits ? ((pattern >> n) & 1) != 0 : otherwise != 0;
        };
        Trace t = buildTrace(k, params, choose);
        ++out.paths;
        auto f = checkPath(t, pc);
        out.findings.insert(out.findings.end(), f.begin(), f.end());
        if (out.findings.size() > 8) return out;
      }
  return out;
}

}  // namespace syncsmith::test
