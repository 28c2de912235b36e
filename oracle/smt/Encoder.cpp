#include "oracle/smt/Encoder.h"

#include <algorithm>
#include <map>
#include <string>

namespace syncsmith {

HbEncoding::HbEncoding(smt::Context& ctx, const GuardedTrace& g, const ModelOptions& opts)
    : ctx_(ctx), g_(g), opts_(opts) {
  buildGuards();
  buildTimes(g.trace.kernel->arch());
  buildTokens(opts.flagKey);
  in_.assign(nodes_.size(), {});
  for (uint32_t k = 0; k < edges_.size(); ++k) in_[edges_[k].to].push_back(k);
}

// ------------------------------------------------------------------ guards

void HbEncoding::buildGuards() {
  for (size_t s = 0; s < g_.sites.size(); ++s)
    siteVars_.push_back(ctx_.boolVar("c" + std::to_string(s) + "_" + g_.sites[s].name));
  for (const PathGuard& pg : g_.guards) {
    smt::Term lit = pg.value ? siteVars_[pg.site] : ctx_.mkNot(siteVars_[pg.site]);
    guardTerms_.push_back(ctx_.mkAnd(guardTerm(pg.parent), lit));
  }
  for (size_t i = 0; i < size(); ++i) active_.push_back(guardTerm(g_.guardOf[i]));
}

bool HbEncoding::compatible(size_t i, size_t j) const {
  int32_t a = g_.guardOf[i], b = g_.guardOf[j];
  if (a < 0 || b < 0 || a == b) return true;
  std::map<uint32_t, bool> taken;
  for (int32_t x = a; x >= 0; x = g_.guards[size_t(x)].parent)
    taken[g_.guards[size_t(x)].site] = g_.guards[size_t(x)].value;
  for (int32_t y = b; y >= 0; y = g_.guards[size_t(y)].parent) {
    auto it = taken.find(g_.guards[size_t(y)].site);
    if (it != taken.end() && it->second != g_.guards[size_t(y)].value) return false;
  }
  return true;
}

// ------------------------------------------------------------------ times

uint32_t HbEncoding::newNode(int32_t instr, const char* tag) {
  uint32_t n = uint32_t(nodes_.size());
  nodes_.push_back(ctx_.intVar(std::string(tag) + std::to_string(instr < 0 ? n : uint32_t(instr))));
  nodeInstr_.push_back(instr);
  return n;
}

void HbEncoding::edge(uint32_t from, uint32_t to, int64_t w, const Guard& guard, HbRule r) {
  if (guard.term.isFalse()) return;
  edges_.push_back({from, to, w, guard.term, r, guard.term.isTrue() ? -1 : guard.id});
}

void HbEncoding::require(const Frontier& f, uint32_t to, const Guard& guard, HbRule r) {
  if (f.node >= 0) edge(uint32_t(f.node), to, 0, guard, r);
}

// The frontier becomes max(frontier, node when guard holds). When the caller
// knows node >= frontier already (an edge frontier -> node under the same
// guard) and the guard always holds, node itself is the new max.
void HbEncoding::raise(Frontier& f, uint32_t node, const Guard& guard, bool dominates) {
  if (guard.term.isFalse()) return;
  if (guard.term.isTrue() && (f.node < 0 || dominates)) {
    f.node = int32_t(node);
    return;
  }
  uint32_t m = newNode(-1, "max");
  if (f.node >= 0) edge(uint32_t(f.node), m, 0, {ctx_.boolVal(true), -1}, HbRule::IssueOrder);
  edge(node, m, 0, guard, HbRule::IssueOrder);
  f.node = int32_t(m);
}

// One pass in program order, mirroring HbGraph::build: per pipe the latest
// start (issue order), the latest end (drains, serial pipes), the latest GM
// commit (fences), the latest end of a blocker of that pipe (barrier, fence,
// wait), and across pipes the latest end of an S instruction or barrier ALL.
void HbEncoding::buildTimes(Arch arch) {
  const bool retire = opts_.gmVisibility == GmVisibility::Retire;
  Frontier startP[kNumPipes], endP[kNumPipes], commitP[kNumPipes], blockP[kNumPipes], blockAll;
  const auto& instrs = g_.trace.instrs;
  for (size_t j = 0; j < instrs.size(); ++j) {
    const Instr& in = instrs[j];
    Guard act{active_[j], g_.guardOf[j]};
    uint32_t s = newNode(int32_t(j), "s"), e = newNode(int32_t(j), "e");
    sNode_.push_back(s);
    eNode_.push_back(e);
    uint32_t c = e;
    if (in.writesGm && !retire) c = newNode(int32_t(j), "c");
    cNode_.push_back(c);
    edge(s, e, 1, act, HbRule::Span);
    if (c != e) edge(e, c, 0, act, HbRule::Commit);

    require(blockAll, s, act, HbRule::Blocks);
    if (in.kind == InstrKind::BarrierAll) {
      for (int p = 0; p < kNumPipes; ++p) {
        require(endP[p], s, act, HbRule::BarrierAll);
        require(commitP[p], s, act, HbRule::BarrierAll);
      }
      raise(blockAll, e, act, true);
      continue;
    }

    int p = int(in.pipe);
    bool serial = !pipelined(arch, in.pipe);
    require(startP[p], s, act, HbRule::IssueOrder);
    if (serial) require(endP[p], s, act, HbRule::IssueSerial);
    require(blockP[p], s, act, HbRule::Blocks);
    bool drains = in.kind == InstrKind::Barrier || in.kind == InstrKind::SetFlag;
    if (drains) require(endP[p], s, act, HbRule::Drain);
    if (in.kind == InstrKind::Fence) require(commitP[p], s, act, HbRule::Fence);

    raise(startP[p], s, act, true);
    raise(endP[p], e, act, serial || drains);
    if (in.writesGm) raise(commitP[p], c, act, false);
    if (in.kind == InstrKind::Barrier || in.kind == InstrKind::Fence ||
        in.kind == InstrKind::WaitFlag)
      raise(blockP[p], e, act, true);
    if (in.pipe == Pipe::S) raise(blockAll, e, act, true);
  }
}

// ------------------------------------------------------------------ tokens

void HbEncoding::buildTokens(FlagKey mode) {
  size_t n = size();
  keyOf_.assign(n, -1);
  rank_.assign(n, GuardCount{ctx_.intVal(0), 0, {}});
  std::map<FlagKeyValue, size_t> index;
  for (size_t i = 0; i < n; ++i) {
    const Instr& in = g_.trace.instrs[i];
    if (in.kind != InstrKind::SetFlag && in.kind != InstrKind::WaitFlag) continue;
    FlagKeyValue kv = flagKeyOf(in, mode);
    auto [it, fresh] = index.emplace(kv, keys_.size());
    if (fresh) keys_.push_back({kv, {}, {}, {}, {}});
    keyOf_[i] = int32_t(it->second);
    (in.kind == InstrKind::SetFlag ? keys_[it->second].sets : keys_[it->second].waits)
        .push_back(uint32_t(i));
  }

  // rank(x) = active earlier instructions of the list; returns the total.
  // The solver term is a chain of counters (difference logic: r' = r + 1
  // when x runs, r' = r otherwise).
  auto count = [&](const std::vector<uint32_t>& list, const char* tag) {
    GuardCount r{ctx_.intVal(0), 0, {}};
    for (uint32_t x : list) {
      rank_[x] = r;
      smt::Term act = active_[x];
      int32_t g = g_.guardOf[x];
      if (act.isTrue()) {
        r.term = ctx_.add(r.term, 1);
        ++r.constant;
        continue;
      }
      smt::Term next = ctx_.intVar(std::string(tag) + std::to_string(x));
      definitions_.push_back(ctx_.implies(act, ctx_.eq(next, ctx_.add(r.term, 1))));
      definitions_.push_back(ctx_.implies(ctx_.mkNot(act), ctx_.eq(next, r.term)));
      r.term = next;
      if (++r.coef[g] == 0) r.coef.erase(g);
    }
    return r;
  };
  std::vector<smt::Term> balanced;
  for (KeyTokens& key : keys_) {
    key.setCount = count(key.sets, "rs");
    key.waitCount = count(key.waits, "rw");
    balanced.push_back(countLe(key.waitCount, key.setCount, 0));
    for (uint32_t w : key.waits)
      for (uint32_t x : key.sets) {
        if (!countMayEqual(rank_[w], rank_[x], 0) || !compatible(w, x)) continue;
        smt::Term eq = countEq(rank_[w], rank_[x], 0);
        smt::Term guard = ctx_.mkAnd({active_[w], active_[x], eq});
        // With known ranks the edge is present exactly when both run; the
        // later of the two is under the other's guard or a sibling one.
        int32_t id = -2;
        if (eq.isTrue()) {
          int32_t gw = g_.guardOf[w], gx = g_.guardOf[x];
          if (gw == gx || gx < 0)
            id = gw;
          else if (gw < 0)
            id = gx;
        }
        edge(eNode_[x], eNode_[w], 0, {guard, id}, HbRule::Token);
      }
  }
  noMissingSet_ = ctx_.mkAnd(balanced);
}

namespace {

// a - b - k as a form: constant and guard coefficients.
std::pair<int64_t, std::map<int32_t, int64_t>> difference(const GuardCount& a, const GuardCount& b,
                                                          int64_t k) {
  std::map<int32_t, int64_t> coef = a.coef;
  for (const auto& [g, c] : b.coef)
    if ((coef[g] -= c) == 0) coef.erase(g);
  return {a.constant - b.constant - k, coef};
}

}  // namespace

smt::Term HbEncoding::countEq(const GuardCount& a, const GuardCount& b, int64_t k) const {
  auto [c, coef] = difference(a, b, k);
  if (coef.empty()) return ctx_.boolVal(c == 0);
  if (!countMayEqual(a, b, k)) return ctx_.boolVal(false);
  return ctx_.eq(a.term, ctx_.add(b.term, k));
}

smt::Term HbEncoding::countLe(const GuardCount& a, const GuardCount& b, int64_t k) const {
  auto [c, coef] = difference(a, b, k);
  int64_t hi = c, lo = c;
  for (const auto& [g, v] : coef) (v > 0 ? hi : lo) += v;
  if (hi <= 0) return ctx_.boolVal(true);
  if (lo > 0) return ctx_.boolVal(false);
  return ctx_.le(a.term, ctx_.add(b.term, k));
}

bool HbEncoding::countMayEqual(const GuardCount& a, const GuardCount& b, int64_t k) const {
  auto [c, coef] = difference(a, b, k);
  int64_t hi = c, lo = c;
  for (const auto& [g, v] : coef) (v > 0 ? hi : lo) += v;
  return lo <= 0 && 0 <= hi;
}

// ------------------------------------------------------------------ solvers

void HbEncoding::assertDefinitions(smt::Solver& s) const {
  for (const smt::Term& d : definitions_) s.add(d);
}

void HbEncoding::assertSchedule(smt::Solver& s) const {
  for (const GuardedEdge& e : edges_)
    s.add(ctx_.implies(e.guard, ctx_.diffGe(nodes_[e.from], nodes_[e.to], e.weight)));
}

void HbEncoding::assertCycleSearch(smt::Solver& s, smt::Term on) {
  members_.clear();
  for (uint32_t v = 0; v < nodes_.size(); ++v)
    members_.push_back(ctx_.boolVar("in" + std::to_string(v)));
  std::vector<smt::Term> some;
  for (uint32_t v = 0; v < nodes_.size(); ++v) {
    std::vector<smt::Term> preds;
    for (uint32_t k : in_[v])
      preds.push_back(ctx_.mkAnd(edges_[k].guard, members_[edges_[k].from]));
    s.add(ctx_.implies(members_[v], ctx_.mkOr(preds)));
    if (nodeInstr_[v] >= 0) some.push_back(members_[v]);
  }
  s.add(ctx_.implies(on, ctx_.mkOr(some)));
}

// ------------------------------------------------------------------ pruning

std::vector<bool> HbEncoding::alwaysOrdered(const std::vector<OrderQuery>& queries) const {
  std::vector<bool> answer(queries.size(), false);
  // Group by context; each context allows the edges whose guard is one of
  // the context guards or an ancestor of one.
  std::map<std::pair<int32_t, int32_t>, std::vector<size_t>> byContext;
  for (size_t q = 0; q < queries.size(); ++q) {
    int32_t a = queries[q].guardA, b = queries[q].guardB;
    byContext[{std::min(a, b), std::max(a, b)}].push_back(q);
  }
  constexpr size_t kMaxContexts = 512;
  size_t contexts = 0;
  std::vector<bool> holds(guardTerms_.size());
  for (const auto& [ctx, members] : byContext) {
    std::fill(holds.begin(), holds.end(), false);
    if (contexts++ < kMaxContexts)
      for (int32_t g : {ctx.first, ctx.second})
        for (; g >= 0; g = g_.guards[size_t(g)].parent) holds[size_t(g)] = true;
    std::vector<bool> usable(edges_.size());
    for (size_t k = 0; k < edges_.size(); ++k) {
      int32_t id = edges_[k].guardId;
      usable[k] = id == -1 || (id >= 0 && holds[size_t(id)]);
    }
    std::vector<std::pair<uint32_t, uint32_t>> q;
    for (size_t m : members) q.push_back({queries[m].from, queries[m].to});
    std::vector<bool> r = reachableOver(usable, q);
    for (size_t k = 0; k < members.size(); ++k)
      answer[members[k]] = r.empty() ? true : bool(r[k]);  // a cycle: no schedule at all
  }
  return answer;
}

// Reachability over the usable edges, bitsets pushed along a topological
// order; empty when the usable edges have a cycle.
std::vector<bool> HbEncoding::reachableOver(
    const std::vector<bool>& usable,
    const std::vector<std::pair<uint32_t, uint32_t>>& queries) const {
  size_t n = nodes_.size();
  std::vector<std::vector<uint32_t>> out(n);
  std::vector<uint32_t> indeg(n, 0);
  for (size_t k = 0; k < edges_.size(); ++k)
    if (usable[k]) out[edges_[k].from].push_back(edges_[k].to), ++indeg[edges_[k].to];
  std::vector<uint32_t> topo;
  for (uint32_t v = 0; v < n; ++v)
    if (!indeg[v]) topo.push_back(v);
  for (size_t h = 0; h < topo.size(); ++h)
    for (uint32_t v : out[topo[h]])
      if (--indeg[v] == 0) topo.push_back(v);
  if (topo.size() != n) return {};
  std::vector<uint32_t> pos(n);
  for (size_t k = 0; k < n; ++k) pos[topo[k]] = uint32_t(k);

  std::vector<bool> answer(queries.size(), false);
  std::vector<uint32_t> sources;
  for (const auto& q : queries) sources.push_back(q.first);
  std::sort(sources.begin(), sources.end());
  sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
  constexpr size_t kChunk = 512, kWords = kChunk / 64;
  std::vector<uint64_t> bits;
  for (size_t c0 = 0; c0 < sources.size(); c0 += kChunk) {
    size_t c1 = std::min(sources.size(), c0 + kChunk);
    bits.assign(n * kWords, 0);
    uint32_t first = UINT32_MAX;
    for (size_t s = c0; s < c1; ++s) {
      bits[sources[s] * kWords + (s - c0) / 64] |= uint64_t(1) << ((s - c0) % 64);
      first = std::min(first, pos[sources[s]]);
    }
    for (size_t k = first; k < n; ++k) {
      uint32_t u = topo[k];
      const uint64_t* bu = &bits[u * kWords];
      bool any = false;
      for (size_t w = 0; w < kWords; ++w) any |= bu[w] != 0;
      if (!any) continue;
      for (uint32_t v : out[u])
        for (size_t w = 0; w < kWords; ++w) bits[v * kWords + w] |= bu[w];
    }
    for (size_t q = 0; q < queries.size(); ++q) {
      auto it = std::lower_bound(sources.begin() + long(c0), sources.begin() + long(c1),
                                 queries[q].first);
      if (it == sources.begin() + long(c1) || *it != queries[q].first) continue;
      size_t s = size_t(it - sources.begin()) - c0;
      answer[q] = (bits[queries[q].second * kWords + s / 64] >> (s % 64)) & 1;
    }
  }
  return answer;
}

}  // namespace syncsmith
