#include "oracle/smt/Queries.h"

#include <map>

#include "model/PathCheck.h"

namespace syncsmith {
namespace {

// Collects candidates into sites keyed by lines, in first-seen order.
class SiteBuilder {
 public:
  SiteBuilder(const HbEncoding& enc, FindingKind kind) : enc_(enc), kind_(kind) {}

  void add(std::vector<uint32_t> instrs, smt::Term cond, std::string message,
           Detail detail = Detail::None, int32_t key = -1) {
    if (cond.isFalse()) return;
    std::vector<int> lines;
    for (uint32_t i : instrs) lines.push_back(enc_.trace().instrs[i].line());
    auto [it, fresh] = index_.emplace(lines, sites_.size());
    if (fresh) sites_.push_back({kind_, lines, {}});
    sites_[it->second].candidates.push_back(
        {std::move(instrs), cond, std::move(message), detail, key});
  }
  std::vector<Site> take() { return std::move(sites_); }

 private:
  const HbEncoding& enc_;
  FindingKind kind_;
  std::map<std::vector<int>, size_t> index_;
  std::vector<Site> sites_;
};

// A candidate "pre holds and time(to) < time(from)", which pruning drops when
// from -> to is ordered on every path.
struct Pending {
  std::vector<uint32_t> instrs;
  std::vector<smt::Term> pre;
  std::string message;
  uint32_t from, to;
};

void addPruned(SiteBuilder& b, const HbEncoding& enc, std::vector<Pending>& pending, bool prune) {
  std::vector<bool> ordered;
  if (prune) {
    std::vector<HbEncoding::OrderQuery> q;
    const auto& guardOf = enc.guarded().guardOf;
    for (const Pending& p : pending)
      q.push_back({p.from, p.to, guardOf[p.instrs[0]], guardOf[p.instrs[1]]});
    ordered = enc.alwaysOrdered(q);
  }
  for (size_t k = 0; k < pending.size(); ++k) {
    if (!ordered.empty() && ordered[k]) continue;
    Pending& p = pending[k];
    p.pre.push_back(enc.ctx().lt(enc.time(p.to), enc.time(p.from)));
    b.add(std::move(p.instrs), enc.ctx().mkAnd(p.pre), std::move(p.message));
  }
}

// rank(second) == rank(first) + 1 is possible.
bool ranksMayDifferByOne(const HbEncoding& enc, uint32_t first, uint32_t second) {
  return enc.countMayEqual(enc.rank(second), enc.rank(first), 1);
}

}  // namespace

Query badEventIdQuery(const HbEncoding& enc) {
  const Trace& t = enc.trace();
  const Kernel& k = *t.kernel;
  SiteBuilder b(enc, FindingKind::BadEventId);
  for (size_t i = 0; i < enc.size(); ++i) {
    const Instr& in = t.instrs[i];
    if (!badEventId(in, k.arch(), k.core())) continue;
    std::string why = in.src == in.dst ? "names the same pipe twice"
                      : (!pipeOnCore(in.src, k.core()) || !pipeOnCore(in.dst, k.core()))
                          ? "names a pipe the core does not have"
                          : "id " + std::to_string(in.id) + " is outside 0.." +
                                std::to_string(eventIdCount(k.arch()) - 1);
    b.add({uint32_t(i)}, enc.active(i), "event flag " + why);
  }
  return {FindingKind::BadEventId, "BAD_EVENT_ID", false, b.take()};
}

Query danglingQuery(const HbEncoding& enc) {
  smt::Context& ctx = enc.ctx();
  SiteBuilder b(enc, FindingKind::Dangling);
  for (size_t key = 0; key < enc.keys().size(); ++key) {
    const KeyTokens& kt = enc.keys()[key];
    for (uint32_t x : kt.sets)
      b.add({x}, ctx.mkAnd(enc.active(x), enc.countEq(enc.rank(x), kt.waitCount, 0)), "",
            Detail::TokenCounts, int32_t(key));
  }
  return {FindingKind::Dangling, "DANGLING", false, b.take()};
}

Query missingSetQuery(const HbEncoding& enc) {
  smt::Context& ctx = enc.ctx();
  SiteBuilder b(enc, FindingKind::Deadlock);
  for (size_t key = 0; key < enc.keys().size(); ++key) {
    const KeyTokens& kt = enc.keys()[key];
    for (uint32_t w : kt.waits)
      b.add({w}, ctx.mkAnd(enc.active(w), enc.countEq(enc.rank(w), kt.setCount, 0)), "",
            Detail::WaitRank, int32_t(key));
  }
  return {FindingKind::Deadlock, "DEADLOCK", false, b.take()};
}

Query doubleSetQuery(const HbEncoding& enc, const QueryOptions& o) {
  smt::Context& ctx = enc.ctx();
  const Trace& t = enc.trace();
  SiteBuilder b(enc, FindingKind::DoubleSet);
  std::vector<Pending> pending;
  for (const KeyTokens& kt : enc.keys()) {
    for (size_t a = 0; a < kt.sets.size(); ++a)
      for (size_t c = a + 1; c < kt.sets.size(); ++c) {
        uint32_t x = kt.sets[a], y = kt.sets[c];
        if (!ranksMayDifferByOne(enc, x, y) || !enc.compatible(x, y)) continue;
        smt::Term cond =
            ctx.mkAnd({enc.active(x), enc.active(y), enc.countEq(enc.rank(y), enc.rank(x), 1),
                       enc.countLe(kt.waitCount, enc.rank(x), 0)});
        b.add({x, y}, cond,
              "set lands while the key still holds the previous token (no wait takes it)");
      }
    for (uint32_t w : kt.waits)
      for (uint32_t x : kt.sets) {
        if (!ranksMayDifferByOne(enc, w, x) || !enc.compatible(w, x)) continue;
        smt::Term same = enc.countEq(enc.rank(x), enc.rank(w), 1);
        if (same.isFalse()) continue;
        pending.push_back({{w, x},
                           {enc.active(w), enc.active(x), same},
                           "the next set of the key may land before this wait takes its token",
                           enc.endNode(w),
                           enc.endNode(x)});
      }
    for (size_t a = 0; a < kt.waits.size(); ++a)
      for (size_t c = a + 1; c < kt.waits.size(); ++c) {
        uint32_t w1 = kt.waits[a], w2 = kt.waits[c];
        if (t.instrs[w1].pipe == t.instrs[w2].pipe) continue;
        if (!ranksMayDifferByOne(enc, w1, w2) || !enc.compatible(w1, w2)) continue;
        smt::Term next = enc.countEq(enc.rank(w2), enc.rank(w1), 1);
        if (next.isFalse()) continue;
        pending.push_back({{w1, w2},
                           {enc.active(w1), enc.active(w2), next},
                           "waits of one key on different pipes may take each other's token",
                           enc.endNode(w1),
                           enc.startNode(w2)});
      }
  }
  addPruned(b, enc, pending, o.prune);
  return {FindingKind::DoubleSet, "DOUBLE_SET", true, b.take()};
}

Query raceQuery(const HbEncoding& enc, const QueryOptions& o) {
  const Trace& t = enc.trace();
  SiteBuilder b(enc, FindingKind::Race);
  std::vector<uint32_t> ops;
  for (size_t i = 0; i < enc.size(); ++i)
    if (t.instrs[i].kind == InstrKind::Op && t.instrs[i].nWrites + t.instrs[i].nReads > 0)
      ops.push_back(uint32_t(i));
  std::vector<Pending> pending;
  for (size_t x = 0; x < ops.size(); ++x)
    for (size_t y = x + 1; y < ops.size(); ++y) {
      const Instr& a = t.instrs[ops[x]];
      const Instr& c = t.instrs[ops[y]];
      bool viaGm = false;
      if (!accessConflict(t, a, c, &viaGm) || !enc.compatible(ops[x], ops[y])) continue;
      bool useCommit = viaGm && a.pipe != c.pipe;
      uint32_t from = useCommit ? enc.commitNode(ops[x]) : enc.endNode(ops[x]);
      uint32_t to = enc.startNode(ops[y]);
      pending.push_back(
          {{ops[x], ops[y]},
           {enc.active(ops[x]), enc.active(ops[y])},
           std::string(hazardName(t, a, c)) + " on " + std::string(pipeName(a.pipe)) + "->" +
               std::string(pipeName(c.pipe)) +
               (useCommit ? " is not ordered after the GM write commits" : " is not ordered"),
           from,
           to});
    }
  addPruned(b, enc, pending, o.prune);
  return {FindingKind::Race, "RACE", true, b.take()};
}

}  // namespace syncsmith
