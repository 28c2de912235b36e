// Refs that stay inside their buffer (or slot) for every param value and
// every iteration: whole buffers, constant ranges, and tiles indexed by loop
// variables and params, `[idx*T + c : idx*T + c + T]` with
// (max(idx) + 1) * T + c <= size. Slots are taken modulo k by the machine, so
// any slot expression is in range.
#include <algorithm>

#include "gen/GenState.h"

namespace syncsmith::gen::detail {
namespace {

Expr num(int64_t v) { return Expr::constant(v); }

}  // namespace

std::vector<std::pair<Expr, int64_t>> Gen::indexCandidates() const {
  std::vector<std::pair<Expr, int64_t>> out;
  auto add = [&](const IndexVar& v) {
    if (v.max < 1) return;
    Expr x = Expr::var(v.name);
    out.emplace_back(x, v.max);
    out.emplace_back(x % num(2), std::min<int64_t>(1, v.max));
    if (v.max >= 3) out.emplace_back(x % num(4), 3);
  };
  for (auto it = loops_.rbegin(); it != loops_.rend(); ++it) add(*it);
  if (loops_.size() >= 2) {
    const IndexVar& outer = loops_[loops_.size() - 2];
    const IndexVar& inner = loops_.back();
    if (outer.max >= 1 && inner.max >= 1) {
      Expr o = Expr::var(outer.name), w = Expr::var(inner.name);
      out.emplace_back(o * num(inner.max + 1) + w, outer.max * (inner.max + 1) + inner.max);
      out.emplace_back(o + w, outer.max + inner.max);
    }
  }
  for (const IndexVar& p : params_) add(p);
  return out;
}

int64_t Gen::maxIndexValue() const {
  int64_t m = 0;
  for (const auto& [e, max] : indexCandidates()) m = std::max(m, max);
  return m;
}

int64_t Gen::chooseLen(int64_t size, int64_t wantLen) {
  if (wantLen > 0 && wantLen <= size && likely(700)) return wantLen;
  int n = 0;
  while (n < 16 && (int64_t(32) << n) <= size) ++n;
  if (n == 0) return size;
  return int64_t(32) << cs_.below(uint64_t(n));
}

Expr Gen::slotExpr(int64_t k) {
  std::vector<const IndexVar*> vars;
  for (auto it = loops_.rbegin(); it != loops_.rend(); ++it) vars.push_back(&*it);
  for (const IndexVar& p : params_) vars.push_back(&p);
  if (vars.empty()) return num(int64_t(cs_.below(uint64_t(k))));
  size_t form = cs_.pick({2, 5, 4, 3, 1});
  if (form == 0) return num(int64_t(cs_.below(uint64_t(k))));
  const IndexVar& v = *vars[likely(700) ? 0 : cs_.below(vars.size())];
  Expr x = Expr::var(v.name);
  switch (form) {
    case 1: return x % num(k);
    case 2: return x;
    case 3: return (x + num(cs_.between(1, k - 1))) % num(k);
    default: return x + num(cs_.between(1, k - 1));
  }
}

MadeRef Gen::makeRef(size_t bi, int64_t wantLen, bool allowWhole) {
  const Buffer b = k_.buffers[bi];
  MadeRef m;
  m.space = b.space;
  m.ref.buffer = b.name;
  if (b.slotted()) m.ref.slot = slotExpr(b.slotCount());
  const int64_t size = b.slotSize();
  std::vector<std::pair<Expr, int64_t>> cands = indexCandidates();
  int wConst = std::max(0, 1000 - pol_.pWholeRef - pol_.pIndexedRef);
  size_t style = cs_.pick({allowWhole ? uint32_t(pol_.pWholeRef) : 0u, uint32_t(wConst),
                           cands.empty() ? 0u : uint32_t(pol_.pIndexedRef)});
  if (style == 0 || style == 3) {
    m.len = size;
    return m;
  }
  int64_t len = chooseLen(size, wantLen);
  if (style == 2) {
    const auto& [idx, max] = cands[cs_.below(cands.size())];
    int64_t tile = std::min(len, size / (max + 1));
    if (tile >= 32) tile -= tile % 32;
    if (tile >= 1) {
      int64_t spare = size - (max + 1) * tile;
      int64_t c = 0;
      if (spare >= 32 && !likely(800)) c = 32 * int64_t(cs_.below(uint64_t(spare / 32 + 1)));
      Expr base = tile == 1 ? idx : idx * num(tile);
      m.ref.lo = c ? base + num(c) : base;
      m.ref.hi = base + num(c + tile);
      m.len = tile;
      return m;
    }
  }
  int64_t start;
  if (likely(850))
    start = len * int64_t(cs_.below(uint64_t(size / len)));
  else
    start = 32 * int64_t(cs_.below(uint64_t((size - len) / 32 + 1)));
  m.ref.lo = num(start);
  m.ref.hi = num(start + len);
  m.len = len;
  return m;
}

}  // namespace syncsmith::gen::detail
