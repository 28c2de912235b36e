// Motifs aimed at the engine's hard paths: GM round trips, accumulating
// mmad chains, fan-outs of independent pairs on one pipe pair (more than 8
// live pairs under the many-pairs policy), if/else arms on different pipes,
// and loop-carried hazards at distances 1..3.
#include <algorithm>

#include "gen/GenState.h"

namespace syncsmith::gen::detail {
namespace {

using S = Space;

Expr num(int64_t v) { return Expr::constant(v); }

bool writes(const OpShape& s, Space sp) { return s.write && *s.write == sp; }
bool reads(const OpShape& s, Space sp) {
  return std::find(s.reads.begin(), s.reads.end(), sp) != s.reads.end();
}

// An op that touches a region: as its writer or as one of its readers.
struct Touch {
  const OpShape* shape;
  bool asWriter;
};

template <class T>
std::vector<uint32_t> weightsOf(const std::vector<T>& v) {
  std::vector<uint32_t> w;
  for (const auto& x : v) w.push_back(x->weight);
  return w;
}

Ref rangeRef(const Buffer& b, Expr lo, int64_t len) {
  Ref r;
  r.buffer = b.name;
  if (auto c = lo.constantValue())
    r.hi = num(*c + len);
  else
    r.hi = lo + num(len);
  r.lo = std::move(lo);
  return r;
}

}  // namespace

int Gen::genRoundTrip(Block& out, int budget) {
  auto writers = shapesWhere(writes, S::GM);
  auto readers = shapesWhere(reads, S::GM);
  if (writers.empty() || readers.empty()) return 0;
  MadeRef g = refTo(S::GM);
  emitTouch(out, *writers[cs_.pick(weightsOf(writers))], g, true);
  int n = 1;
  if (budget >= 3 && cs_.chance(300)) n += genOp(out);
  emitTouch(out, *readers[cs_.pick(weightsOf(readers))], g, false);
  return n + 1;
}

int Gen::genMmadAccum(Block& out, int budget) {
  const OpShape* mmad = nullptr;
  const OpShape* toA = nullptr;
  const OpShape* toB = nullptr;
  const OpShape* fix = nullptr;
  for (const OpShape& s : shapes()) {
    std::string_view n = s.name;
    if (n == "mmad") mmad = &s;
    if (n == "l1_to_l0a") toA = &s;
    if (n == "l1_to_l0b") toB = &s;
    if (n == "l0c_to_gm") fix = &s;
  }
  if (!mmad || !pipeOn(Pipe::M)) return 0;
  MadeRef a = refTo(S::L0A), b = refTo(S::L0B), c = refTo(S::L0C);
  int n = 0;
  if (pipeOn(Pipe::MTE1) && budget >= 3 && likely(700)) {
    emitTouch(out, *toA, a, true);
    emitTouch(out, *toB, b, true);
    n += 2;
  }
  bool store = pipeOn(Pipe::FIX) && budget - n >= 2 && likely(700);
  int mmads = int(std::clamp<int64_t>(cs_.between(1, 3), 1, budget - n - (store ? 1 : 0)));
  for (int i = 0; i < mmads; ++i) {
    std::vector<Ref> rd = {a.ref, b.ref};
    if (i > 0 || cs_.chance(500)) rd.push_back(c.ref);  // accumulate into c
    emit(out, *mmad, {c.ref}, std::move(rd));
  }
  n += mmads;
  if (store) {
    emitTouch(out, *fix, c, false);
    ++n;
  }
  return n;
}

int Gen::genFanout(Block& out, int budget) {
  // (producer pipe, consumer pipe, space) pairs the mask allows.
  struct Pair {
    Pipe p, q;
    Space s;
  };
  std::vector<Pair> pairs;
  for (Space s : {S::UB, S::L1, S::L0A, S::L0B, S::L0C}) {
    for (const OpShape* w : shapesWhere(writes, s))
      for (const OpShape* r : shapesWhere(reads, s)) {
        if (w->pipe == r->pipe || w->pipe == Pipe::S || r->pipe == Pipe::S) continue;
        bool dup = std::any_of(pairs.begin(), pairs.end(), [&](const Pair& x) {
          return x.p == w->pipe && x.q == r->pipe && x.s == s;
        });
        if (!dup) pairs.push_back({w->pipe, r->pipe, s});
      }
  }
  if (pairs.empty()) return 0;
  const Pair pair = pairs[cs_.below(pairs.size())];
  int64_t maxN = std::min<int64_t>(pol_.fanoutMax, budget / 2);
  if (maxN < 2) return 0;
  int64_t n = cs_.between(std::min<int64_t>(pol_.fanoutMin, maxN), maxN);
  // One region per pair: [t*T : t*T+T] of a fresh buffer (or the largest
  // existing one when the space is full).
  int64_t tile = int64_t(32) << cs_.below(4);
  std::optional<size_t> bi;
  for (; tile >= 32 && !bi; tile /= 2) bi = newLocal(pair.s, n * tile, 0, false);
  if (bi) {
    tile *= 2;  // undo the last halving
  } else {
    for (size_t i = 0; i < k_.buffers.size(); ++i)
      if (k_.buffers[i].space == pair.s && !k_.buffers[i].slotted() &&
          (!bi || k_.buffers[i].size > k_.buffers[*bi].size))
        bi = i;
    if (!bi || k_.buffers[*bi].size < n) return 0;
    tile = k_.buffers[*bi].size / n;
  }
  auto producers = shapesWhere(writes, pair.s);
  auto consumers = shapesWhere(reads, pair.s);
  std::erase_if(producers, [&](const OpShape* x) { return x->pipe != pair.p; });
  std::erase_if(consumers, [&](const OpShape* x) { return x->pipe != pair.q; });
  std::vector<MadeRef> regions;
  for (int64_t t = 0; t < n; ++t) {
    MadeRef r;
    r.space = pair.s;
    r.len = tile;
    r.ref = rangeRef(k_.buffers[*bi], num(t * tile), tile);
    regions.push_back(r);
  }
  for (const MadeRef& r : regions)
    emitTouch(out, *producers[cs_.pick(weightsOf(producers))], r, true);
  if (cs_.chance(300)) std::reverse(regions.begin(), regions.end());
  for (const MadeRef& r : regions)
    emitTouch(out, *consumers[cs_.pick(weightsOf(consumers))], r, false);
  return int(2 * n);
}

int Gen::genAsymmetric(Block& out, int budget) {
  // Spaces touched by at least two pipes.
  std::vector<std::pair<Space, std::vector<Touch>>> options;
  for (Space s : {S::UB, S::L1, S::L0A, S::L0B, S::L0C, S::GM}) {
    std::vector<Touch> touches;
    for (const OpShape* w : shapesWhere(writes, s)) touches.push_back({w, true});
    for (const OpShape* r : shapesWhere(reads, s)) touches.push_back({r, false});
    bool twoPipes = std::any_of(touches.begin(), touches.end(), [&](const Touch& t) {
      return t.shape->pipe != touches.front().shape->pipe;
    });
    if (twoPipes) options.emplace_back(s, std::move(touches));
  }
  if (options.empty()) return 0;
  std::optional<Cond> cond = makeCond();
  if (!cond) return 0;
  const auto& option = options[cs_.below(options.size())];
  const Space space = option.first;
  const std::vector<Touch>& touches = option.second;
  auto pickTouch = [&](std::optional<Pipe> notPipe) -> const Touch* {
    std::vector<const Touch*> c;
    for (const Touch& t : touches)
      if (!notPipe || t.shape->pipe != *notPipe) c.push_back(&t);
    if (c.empty()) return nullptr;
    return c[cs_.below(c.size())];
  };
  MadeRef r = refTo(space);
  int n = 0;
  if (budget >= 4 && cs_.chance(300)) {  // something before the if touches r
    const Touch* t = pickTouch(std::nullopt);
    emitTouch(out, *t->shape, r, t->asWriter);
    ++n;
  }
  IfStmt s;
  s.cond = *cond;
  const Touch* t1 = pickTouch(std::nullopt);
  Block arm1, arm2;
  emitTouch(arm1, *t1->shape, r, t1->asWriter);
  ++n;
  bool hasElse = budget - n >= 2 && (on(Feature::Else) || pol_.isForced(Feature::Asymmetric)) &&
                 cs_.chance(pol_.pElse);
  if (hasElse && !cs_.chance(pol_.pEmptyArm))
    if (const Touch* t2 = pickTouch(t1->shape->pipe)) {
      emitTouch(arm2, *t2->shape, r, t2->asWriter);
      ++n;
    }
  bool swap = hasElse && cs_.chance(400);
  s.thenBody = swap ? std::move(arm2) : std::move(arm1);
  if (hasElse) s.elseBody = swap ? std::move(arm1) : std::move(arm2);
  out.push_back(stmt(std::move(s)));
  if (n < budget) {  // after the if: a third op on r, on another pipe
    const Touch* t3 = pickTouch(t1->shape->pipe);
    if (!t3) t3 = pickTouch(std::nullopt);
    emitTouch(out, *t3->shape, r, t3->asWriter);
    ++n;
  }
  return n;
}

int Gen::genCarried(Block& out, int budget) {
  // A producer and a consumer of one local space (V -> V allowed).
  std::vector<Space> spaces;
  for (Space s : {S::UB, S::L1, S::L0A, S::L0B, S::L0C})
    if (!shapesWhere(writes, s).empty() && !shapesWhere(reads, s).empty()) spaces.push_back(s);
  if (spaces.empty()) return 0;
  Space space = spaces[cs_.below(spaces.size())];
  int64_t k = cs_.between(2, 4);
  int64_t d = cs_.between(1, std::min<int64_t>(pol_.carriedMaxDistance, k - 1));
  bool slotted = on(Feature::Slots) && likely(650);
  std::optional<ForStmt> f = openLoop(d + 1);
  if (!f) return 0;
  int64_t tile = int64_t(32) << cs_.below(6);
  std::optional<size_t> bi;
  for (; tile >= 32 && !bi; tile /= 2) bi = newLocal(space, k * tile, slotted ? int(k) : 0, false);
  if (!bi) {
    closeLoop();
    return 0;
  }
  tile *= 2;
  Expr i = Expr::var(f->var);
  // The producer fills slot i%k, the consumer reads the one filled d
  // iterations ago: RAW at distance d, WAR at distance k-d. (A slot index
  // is taken modulo k, so a slotted producer may also say just `i`.)
  Expr prodIdx = slotted && !likely(700) ? i : i % num(k);
  Expr consIdx = (i + num(k - d)) % num(k);
  const Buffer b = k_.buffers[*bi];
  auto refAt = [&](const Expr& idx) {
    MadeRef m;
    m.space = space;
    m.len = tile;
    if (slotted) {
      m.ref.buffer = b.name;
      m.ref.slot = idx;
    } else {
      m.ref = rangeRef(b, idx * num(tile), tile);
    }
    return m;
  };
  auto producers = shapesWhere(writes, space);
  auto consumers = shapesWhere(reads, space);
  const OpShape& p = *producers[cs_.pick(weightsOf(producers))];
  const OpShape& c = *consumers[cs_.pick(weightsOf(consumers))];
  int n = 2;
  bool consumerFirst = cs_.chance(400);
  if (consumerFirst) emitTouch(f->body, c, refAt(consIdx), false);
  emitTouch(f->body, p, refAt(prodIdx), true);
  if (budget > 2 && cs_.chance(300)) n += genOp(f->body);
  if (!consumerFirst) emitTouch(f->body, c, refAt(consIdx), false);
  closeLoop();
  out.push_back(stmt(std::move(*f)));
  return n;
}

}  // namespace syncsmith::gen::detail
