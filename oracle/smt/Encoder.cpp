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

void HbEncoding::edge(uint32_t from, uint32_t to, int64_t w, smt::Term guard, HbRule r) {
  if (guard.isFalse()) return;
  edges_.push_back({from, to, w, guard, r});
}

void HbEncoding::require(const Frontier& f, uint32_t to, smt::Term guard, HbRule r) {
  if (f.node >= 0) edge(uint32_t(f.node), to, 0, guard, r);
}

// The frontier becomes max(frontier, node when guard holds). When the caller
// knows node >= frontier already (an edge frontier -> node under the same
// guard) and the guard always holds, node itself is the new max.
void HbEncoding::raise(Frontier& f, uint32_t node, smt::Term guard, bool dominates) {
  if (guard.isFalse()) return;
  if (guard.isTrue() && (f.node < 0 || dominates)) {
    f.node = int32_t(node);
    return;
  }
  uint32_t m = newNode(-1, "max");
  if (f.node >= 0) edge(uint32_t(f.node), m, 0, ctx_.boolVal(true), HbRule::IssueOrder);
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
    smt::Term act = active_[j];
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
  rank_.assign(n, ctx_.intVal(0));
  rankLo_.assign(n, 0);
  rankHi_.assign(n, 0);
  std::map<FlagKeyValue, size_t> index;
  for (size_t i = 0; i < n; ++i) {
    const Instr& in = g_.trace.instrs[i];
    if (in.kind != InstrKind::SetFlag && in.kind != InstrKind::WaitFlag) continue;
    FlagKeyValue kv = flagKeyOf(in, mode);
    auto [it, fresh] = index.emplace(kv, keys_.size());
    if (fresh) keys_.push_back({kv, {}, {}, ctx_.intVal(0), ctx_.intVal(0)});
    keyOf_[i] = int32_t(it->second);
    (in.kind == InstrKind::SetFlag ? keys_[it->second].sets : keys_[it->second].waits)
        .push_back(uint32_t(i));
  }

  // rank(x) = active earlier instructions of the list; returns the total.
  auto count = [&](const std::vector<uint32_t>& list, const char* tag) {
    smt::Term r = ctx_.intVal(0);
    int64_t lo = 0, hi = 0;
    for (uint32_t x : list) {
      rank_[x] = r;
      rankLo_[x] = lo;
      rankHi_[x] = hi;
      smt::Term act = active_[x];
      if (act.isTrue()) {
        r = ctx_.add(r, 1);
        ++lo, ++hi;
        continue;
      }
      smt::Term next = ctx_.intVar(std::string(tag) + std::to_string(x));
      definitions_.push_back(ctx_.implies(act, ctx_.eq(next, ctx_.add(r, 1))));
      definitions_.push_back(ctx_.implies(ctx_.mkNot(act), ctx_.eq(next, r)));
      r = next;
      ++hi;
    }
    return r;
  };
  std::vector<smt::Term> balanced;
  for (KeyTokens& key : keys_) {
    key.setCount = count(key.sets, "rs");
    key.waitCount = count(key.waits, "rw");
    balanced.push_back(ctx_.le(key.waitCount, key.setCount));
    for (uint32_t w : key.waits)
      for (uint32_t x : key.sets) {
        if (rankHi_[w] < rankLo_[x] || rankHi_[x] < rankLo_[w] || !compatible(w, x)) continue;
        smt::Term guard = ctx_.mkAnd({active_[w], active_[x], ctx_.eq(rank_[w], rank_[x])});
        edge(eNode_[x], eNode_[w], 0, guard, HbRule::Token);
      }
  }
  noMissingSet_ = ctx_.mkAnd(balanced);
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

std::vector<bool> HbEncoding::alwaysOrdered(
    const std::vector<std::pair<uint32_t, uint32_t>>& queries) const {
  size_t n = nodes_.size();
  std::vector<std::vector<uint32_t>> out(n);
  std::vector<uint32_t> indeg(n, 0);
  for (const GuardedEdge& e : edges_)
    if (e.guard.isTrue()) out[e.from].push_back(e.to), ++indeg[e.to];
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
