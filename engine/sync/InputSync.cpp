#include "sync/InputSync.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "ir/Printer.h"
#include "sync/Lanes.h"

namespace syncsmith::sync {
namespace {

struct Flag {
  NodeId node = kNone;
  const SyncStmt* y = nullptr;
  int cls = 0;
  Interval ids;  // the values the id may take
  bool set() const { return y->kind == SyncKind::SetFlag; }
};

// A computed id `base + X % k` (or `X % k + base`, `X % k`), or a linear X
// whose values stay in base..base+k-1 (`(kk)` for kk in 0..2).
struct LaneForm {
  int64_t base = 0, k = 0;
  Expr lane;  // evaluates to 0..k-1
  Expr x;     // the part that steps with the loop
};

std::optional<LaneForm> modForm(const Expr& e) {
  auto modOf = [](const Expr& m) -> std::optional<int64_t> {
    if (m.kind() != Expr::Kind::Mod) return std::nullopt;
    auto k = m.rhs().constantValue();
    if (!k || *k < 1) return std::nullopt;
    return k;
  };
  if (auto k = modOf(e)) return LaneForm{0, *k, e, e.lhs()};
  if (e.kind() != Expr::Kind::Add) return std::nullopt;
  for (int side = 0; side < 2; ++side) {
    const Expr& c = side ? e.lhs() : e.rhs();
    const Expr& m = side ? e.rhs() : e.lhs();
    auto base = c.constantValue();
    auto k = modOf(m);
    if (base && k) return LaneForm{*base, *k, m, m.lhs()};
  }
  return std::nullopt;
}

class InputPairs {
 public:
  InputPairs(Context& cx, std::vector<Flag> flags) : cx_(cx), p_(cx.prog), flags_(std::move(flags)) {}

  void run() {
    for (const std::vector<size_t>& group : groups()) {
      // Every flag of the group must belong to a whole unit, or nothing is
      // trusted. Units with overlapping ids must not interleave; units of
      // disjoint ids may (a forward pair nested in another id's loop).
      std::vector<bool> used(group.size(), false);
      std::vector<Unit> units;
      for (size_t at = 0; at < group.size(); ++at) {
        if (used[at]) continue;
        std::optional<Unit> u = forwardAt(group, used, at);
        if (!u) u = backEdgeAt(group, used, at);
        if (!u) break;
        for (size_t pos : u->positions) used[pos] = true;
        units.push_back(std::move(*u));
      }
      if (std::find(used.begin(), used.end(), false) != used.end()) continue;
      for (const Unit& u : units) commit(u);
    }
  }

 private:
  // One shape the engine emits: on every path it runs as a whole and, for
  // each of its ids, set before wait; so units in sequence keep every key
  // alternating, and the first set met back from a wait is of its own unit.
  struct Unit {
    Shape shape = Shape::Forward;
    size_t set = 0, wait = 0;            // the body set and wait (flag indices)
    std::vector<size_t> primes, drains;  // by lane (back edge only)
    std::vector<size_t> positions;       // in the group
    std::vector<size_t> more;            // further body flags (a second round, a second arm)
    int64_t base = 0, k = 1;
    Expr lane;
    LoopId loop = kNone;      // the carried loop
    LoopId laneLoop = kNone;  // the loop that steps the lane (k > 1)
    int64_t coeff = 0;
  };

  // Flags of one class whose possible ids overlap, transitively: a group is
  // matched as a whole or not at all.
  std::vector<std::vector<size_t>> groups() const {
    std::vector<size_t> order(flags_.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      const Flag& x = flags_[a];
      const Flag& y = flags_[b];
      return std::make_pair(x.cls, x.ids.lo) < std::make_pair(y.cls, y.ids.lo);
    });
    std::vector<std::vector<size_t>> out;
    int64_t hi = 0;
    for (size_t i : order) {
      const Flag& f = flags_[i];
      if (out.empty() || flags_[out.back().front()].cls != f.cls || f.ids.lo > hi) {
        out.push_back({});
        hi = f.ids.hi;
      }
      out.back().push_back(i);
      hi = std::max(hi, f.ids.hi);
    }
    for (auto& g : out) std::sort(g.begin(), g.end());  // program order (flags_ is)
    return out;
  }

  bool sameKey(const Flag& a, const Flag& b) const {
    return a.y->src == b.y->src && a.y->dst == b.y->dst && a.y->id == b.y->id && a.y->src != a.y->dst;
  }
  BlockId blockOf(const Flag& f) const { return p_.nodes[f.node].parent; }

  std::optional<LaneForm> laneForm(const Flag& f) const {
    if (auto m = modForm(f.y->id.expr)) return m;
    if (!p_.compile(f.y->id.expr, blockOf(f)).linear() || f.ids.hi <= f.ids.lo) return std::nullopt;
    const Expr& e = f.y->id.expr;
    return LaneForm{f.ids.lo, f.ids.hi - f.ids.lo + 1,
                    f.ids.lo ? Expr::binary(Expr::Kind::Sub, e, Expr::constant(f.ids.lo)) : e, e};
  }
  // a directly in the then-arm and b directly in the else-arm of one if.
  bool bothArms(const Flag& a, const Flag& b) const {
    const Block& ba = p_.blocks[blockOf(a)];
    const Block& bb = p_.blocks[blockOf(b)];
    return ba.owner != kNone && ba.owner == bb.owner && p_.nodes[ba.owner].kind == NodeKind::If &&
           !ba.elseArm && bb.elseArm;
  }
  // w directly in the block of the if around `inArm`, after that if.
  bool afterIf(const Flag& w, const Flag& inArm) const {
    const Node& ifNode = p_.nodes[p_.blocks[blockOf(inArm)].owner];
    return blockOf(w) == ifNode.parent && p_.nodes[w.node].index > ifNode.index;
  }
  bool idsInRange(int64_t base, int64_t k) const { return base >= 0 && base + k <= cx_.idCount(); }

  // The positions after `at` in the group, not yet in a unit, whose ids
  // may meet [lo, hi].
  std::vector<size_t> overlapping(const std::vector<size_t>& g, const std::vector<bool>& used,
                                  size_t at, Interval r, size_t limit) const {
    std::vector<size_t> out;
    for (size_t pos = at; pos < g.size() && out.size() < limit; ++pos) {
      const Interval& ids = flags_[g[pos]].ids;
      if (!used[pos] && ids.lo <= r.hi && r.lo <= ids.hi) out.push_back(pos);
    }
    return out;
  }

  // A set and then a wait of one id in one block: a constant id, or a
  // computed `base + X % k` (forward lanes: the set met back from the wait is
  // the wait's own, whatever the lane).
  std::optional<Unit> forwardAt(const std::vector<size_t>& g, const std::vector<bool>& used,
                                size_t at) const {
    const Flag& s = flags_[g[at]];
    std::vector<size_t> seq = overlapping(g, used, at, s.ids, 3);
    if (seq.size() < 2 || !s.set()) return std::nullopt;
    Unit u;
    u.set = g[at];
    const Flag& next = flags_[g[seq[1]]];
    if (!next.set() && sameKey(s, next) && blockOf(s) == blockOf(next)) {
      u.wait = g[seq[1]];
      seq.resize(2);
    } else if (seq.size() == 3 && bothArms(s, next) && !flags_[g[seq[2]]].set() &&
               sameKey(s, next) && sameKey(s, flags_[g[seq[2]]]) &&
               afterIf(flags_[g[seq[2]]], s)) {
      // One set at the top of each arm of an if, the wait after the if.
      u.more.push_back(g[seq[1]]);
      u.wait = g[seq[2]];
    } else {
      return std::nullopt;
    }
    u.positions = seq;
    if (!s.y->id.computed) {
      u.base = s.y->id.expr.value();
    } else {
      auto form = laneForm(s);
      if (!form || form->k < 2) return std::nullopt;
      u.base = form->base, u.k = form->k, u.lane = form->lane;
    }
    if (!idsInRange(u.base, u.k)) return std::nullopt;
    return u;
  }

  // The engine's loop-carried shape: in the block around loop L, a prime set
  // per id base..base+k-1 before L; directly in L's body a wait and then a
  // set of id `base + X % k` (or of the constant base when k = 1), where X
  // steps with L and its other variables are constant across L's
  // iterations; then a drain wait per id after L.
  std::optional<Unit> backEdgeAt(const std::vector<size_t>& g, const std::vector<bool>& used,
                                 size_t at) const {
    const Flag& first = flags_[g[at]];
    BlockId outer = blockOf(first);
    if (!first.set() || first.y->id.computed) return std::nullopt;
    // The body wait: the first flag after the primes of the first's id.
    std::vector<size_t> mine = overlapping(g, used, at, first.ids, SIZE_MAX);
    size_t wpos = 0;
    while (wpos < mine.size() && flags_[g[mine[wpos]]].set() && blockOf(flags_[g[mine[wpos]]]) == outer)
      ++wpos;
    if (wpos == mine.size()) return std::nullopt;
    const Flag& w = flags_[g[mine[wpos]]];
    BlockId body = blockOf(w);
    // The body is the carried loop's, or (lanes chosen by an inner loop) that
    // of a loop directly inside the carried one.
    NodeId inner = p_.blocks[body].owner;
    if (w.set() || inner == kNone || p_.nodes[inner].kind != NodeKind::Loop) return std::nullopt;
    NodeId carried = inner;
    if (p_.nodes[inner].parent != outer) {
      carried = p_.blocks[p_.nodes[inner].parent].owner;
      if (carried == kNone || p_.nodes[carried].kind != NodeKind::Loop ||
          p_.nodes[carried].parent != outer)
        return std::nullopt;
    }
    int loopIdx = p_.nodes[carried].index;

    Unit u;
    u.shape = Shape::BackEdge;
    u.loop = p_.nodes[carried].loop;
    u.laneLoop = p_.nodes[inner].loop;
    if (w.y->id.computed) {
      auto form = laneForm(w);
      if (!form || form->k < 2) return std::nullopt;
      u.base = form->base, u.k = form->k, u.lane = form->lane;
      // X must step with the lane loop; its other variables must not change
      // inside the carried loop.
      auto lin = p_.compile(form->x, body).linear();
      if (!lin) return std::nullopt;
      const std::vector<LoopId>& scope = p_.blocks[p_.nodes[carried].parent].loops;
      for (const auto& [v, c] : lin->terms)
        if (v.loop && v.index != u.laneLoop && std::find(scope.begin(), scope.end(), v.index) == scope.end())
          return std::nullopt;
      const LoopInfo& LL = p_.loops[size_t(u.laneLoop)];
      u.coeff = lin->coeff(VarRef{true, u.laneLoop}) * LL.step;
      if (floorMod(u.coeff, u.k) == 0) return std::nullopt;
      if (inner != carried && !innerLanesDistinct(LL, u.coeff, int(u.k))) return std::nullopt;
    } else {
      u.base = w.y->id.expr.value();
      u.laneLoop = kNone;
    }
    if (!idsInRange(u.base, u.k)) return std::nullopt;

    // The unit's flags: the first 2k + 2 meeting its ids, from `at` on.
    // With one id the body may take several rounds: wait, set, wait, set ...
    size_t k = size_t(u.k);
    std::vector<size_t> seq =
        overlapping(g, used, at, Interval{u.base, u.base + u.k - 1}, SIZE_MAX);
    if (seq.size() < 2 * k + 2 || seq[0] != at || &flags_[g[seq[k]]] != &w) return std::nullopt;
    size_t rounds = 0;
    while (k + 2 * rounds + 1 < seq.size()) {
      const Flag& rw = flags_[g[seq[k + 2 * rounds]]];
      const Flag& rs = flags_[g[seq[k + 2 * rounds + 1]]];
      if (rw.set() || !rs.set() || blockOf(rw) != body || blockOf(rs) != body || !sameKey(rw, w) ||
          !sameKey(rs, w))
        break;
      ++rounds;
      if (k > 1) break;
    }
    if (rounds == 0 || seq.size() < k + 2 * rounds + k) return std::nullopt;
    for (size_t r = 1; r < rounds; ++r)
      u.more.insert(u.more.end(), {g[seq[k + 2 * r]], g[seq[k + 2 * r + 1]]});
    u.wait = g[seq[k]], u.set = g[seq[k + 1]];
    seq.erase(seq.begin() + std::ptrdiff_t(k + 2 * rounds + k), seq.end());
    // Lay the rounds out as one, for the prime / drain indices below.
    std::vector<size_t> ends(seq.begin(), seq.begin() + std::ptrdiff_t(k));
    ends.insert(ends.end(), {seq[k], seq[k + 1]});
    ends.insert(ends.end(), seq.end() - std::ptrdiff_t(k), seq.end());
    u.positions = seq;
    seq = ends;
    u.primes.assign(k, SIZE_MAX);
    u.drains.assign(k, SIZE_MAX);
    for (size_t j = 0; j < 2 * k; ++j) {
      bool prime = j < k;
      size_t i = g[seq[prime ? j : j + 2]];
      const Flag& f = flags_[i];
      const Node& n = p_.nodes[f.node];
      if (n.parent != outer || f.y->id.computed || f.set() != prime) return std::nullopt;
      if (f.y->src != w.y->src || f.y->dst != w.y->dst) return std::nullopt;
      if (prime ? n.index >= loopIdx : n.index <= loopIdx) return std::nullopt;
      int64_t id = f.y->id.expr.value();
      if (id < u.base || id >= u.base + u.k) return std::nullopt;
      size_t& slot = (prime ? u.primes : u.drains)[size_t(id - u.base)];
      if (slot != SIZE_MAX) return std::nullopt;  // one per id
      slot = i;
    }
    return u;
  }

  void commit(const Unit& u) {
    const Flag& s = flags_[u.set];
    const Flag& w = flags_[u.wait];
    PairId pid = PairId(p_.pairs.size());
    p_.pairs.emplace_back();
    Pair& pr = p_.pairs.back();
    pr.input = true;
    pr.shape = u.shape;
    pr.src = s.y->src;
    pr.dst = s.y->dst;
    pr.base = int(u.base);
    pr.line = p_.lineOf(w.node);
    pr.loop = u.loop;
    if (u.k > 1) {
      pr.lanes = int(u.k);
      pr.laneExpr = u.lane;
      if (u.shape == Shape::BackEdge) {
        pr.laneLoop = u.laneLoop;
        pr.laneCoeff = u.coeff;
        int& passes = cx_.walk.lanePasses[size_t(u.laneLoop)];  // distance classes 1..k walked exactly
        passes = std::max(passes, int(u.k));
        if (u.laneLoop != u.loop) cx_.walk.splitInPasses[size_t(u.laneLoop)] = true;
      }
    }
    tag(s, pid, Role::Body);
    tag(w, pid, Role::Body);
    for (size_t i : u.more) tag(flags_[i], pid, Role::Body);
    for (size_t l = 0; l < u.primes.size(); ++l) {
      tag(flags_[u.primes[l]], pid, Role::Prime, int(l));
      tag(flags_[u.drains[l]], pid, Role::Drain, int(l));
    }
    if (!u.primes.empty()) pr.inFirstPrime = flags_[*std::min_element(u.primes.begin(), u.primes.end())].node;
  }

  void tag(const Flag& f, PairId pair, Role role, int lane = 0) {
    Node& n = p_.nodes[f.node];
    n.inputPair = pair;
    n.inputRole = uint8_t(role);
    n.inputLane = lane;
  }

  Context& cx_;
  Program& p_;
  std::vector<Flag> flags_;  // in program order
};

}  // namespace

void analyzeInputSync(Context& cx) {
  Program& p = cx.prog;
  int ids = cx.idCount();
  cx.reserved.assign(size_t(cx.numClasses()), std::vector<bool>(size_t(ids), false));
  std::vector<Flag> flags;
  for (NodeId n = 0; n < NodeId(p.nodes.size()); ++n) {
    if (p.nodes[n].kind != NodeKind::Sync) continue;
    if (cx.opts.strict)
      throw InputError(cx.opts.file, p.nodes[n].stmt->loc,
                       "input already contains sync (" + printStmtLine(*p.nodes[n].stmt) +
                           "); --strict refuses to add to it");
    ++cx.report.keptSync;
    const SyncStmt& y = *p.nodes[n].sync();
    if (!y.isFlag()) continue;
    Flag f;
    f.node = n;
    f.y = &y;
    f.cls = cx.classOf(y.src, y.dst);
    if (y.id.computed) {
      f.ids = p.compile(y.id.expr, p.nodes[n].parent).range(p.paramRange.data(), p.loopBox.data());
      cx.inputIdRange[n] = f.ids;
      // A lane form names all its k ids, used or not (units are matched by them).
      if (auto form = modForm(y.id.expr))
        f.ids = {std::min(f.ids.lo, form->base), std::max(f.ids.hi, form->base + form->k - 1)};
    } else {
      f.ids = Interval::point(y.id.expr.value());
    }
    // Reserve every id the input may use.
    for (int64_t id = std::max<int64_t>(0, f.ids.lo); id <= f.ids.hi && id < ids; ++id)
      cx.reserved[size_t(f.cls)][size_t(id)] = true;
    flags.push_back(f);
  }
  // Nodes are numbered in program order (a pre-order of the statement tree).
  InputPairs(cx, std::move(flags)).run();
}

}  // namespace syncsmith::sync
