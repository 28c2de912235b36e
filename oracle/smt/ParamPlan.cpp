#include "oracle/smt/ParamPlan.h"

#include <algorithm>

#include "model/Trace.h"

namespace syncsmith {
namespace {

uint64_t width(const Param& p) {
  __int128 w = __int128(p.hi) - p.lo + 1;
  return w > __int128(UINT64_MAX) ? UINT64_MAX : uint64_t(w);
}

uint64_t satMul(uint64_t a, uint64_t b) {
  if (a == 0 || b == 0) return 0;
  if (a > UINT64_MAX / b) return UINT64_MAX;
  return a * b;
}

// lo, hi, lo+1, hi-1, ...: the first `depth` distinct values.
std::vector<int64_t> boundaryFirst(const Param& p, uint64_t depth) {
  std::vector<int64_t> out;
  int64_t lo = p.lo, hi = p.hi;
  while (out.size() < depth && lo <= hi) {
    out.push_back(lo);
    if (out.size() < depth && hi != lo) out.push_back(hi);
    if (lo == hi) break;
    ++lo, --hi;
  }
  return out;
}

}  // namespace

std::string paramText(const std::map<std::string, int64_t>& params) {
  std::string s;
  for (const auto& [n, v] : params) s += (s.empty() ? "" : ", ") + n + "=" + std::to_string(v);
  return s;
}

ParamPlan planParams(const Kernel& k, size_t limit) {
  ParamPlan plan;
  plan.total = 1;
  for (const Param& p : k.params) plan.total = satMul(plan.total, width(p));
  if (plan.total <= limit) {
    plan.assignments = *paramSpace(k, limit);
    return plan;
  }
  plan.cut = true;
  if (limit == 0) return plan;
  // The deepest common depth whose product fits.
  uint64_t depth = 1;
  for (;;) {
    uint64_t n = 1;
    for (const Param& p : k.params) n = satMul(n, std::min(width(p), depth + 1));
    if (n > limit || depth + 1 > limit) break;
    ++depth;
  }
  std::vector<std::map<std::string, int64_t>> out(1);
  for (const Param& p : k.params) {
    std::vector<int64_t> values = boundaryFirst(p, depth);
    std::sort(values.begin(), values.end());
    std::vector<std::map<std::string, int64_t>> next;
    for (const auto& partial : out)
      for (int64_t v : values) {
        auto m = partial;
        m[p.name] = v;
        next.push_back(std::move(m));
      }
    out = std::move(next);
  }
  plan.assignments = std::move(out);
  return plan;
}

}  // namespace syncsmith
