// The generator's skeleton: the swarm mask, then blocks of statements, loops
// and ifs within an op budget. Buffers.cpp, Refs.cpp, Ops.cpp and Motifs.cpp
// fill in the rest of detail::Gen.
#include "gen/Generator.h"

#include <algorithm>

#include "gen/GenState.h"

namespace syncsmith::gen {
namespace detail {
namespace {

constexpr const char* kLoopVars[] = {"i", "j", "k", "m", "p", "q"};
constexpr int kMaxLoopDepth = 6;
// The validator enumerates every param value and iteration up to 4M
// evaluations (then falls back to interval bounds, which reject tiled
// ranges). We stay under half of it: combos * evals/stmt * mult * stmts.
constexpr int64_t kEvalBudget = 2'000'000;
constexpr int64_t kEvalsPerStmt = 12;
constexpr int64_t kMaxMult = 512;

Expr num(int64_t v) { return Expr::constant(v); }

}  // namespace

Gen::Gen(ChoiceStream& cs, const GenOptions& opts) : cs_(cs), opts_(opts), pol_(opts.policy) {}

Stmt Gen::stmt(OpStmt op) {
  Stmt s;
  s.node = std::move(op);
  return s;
}
Stmt Gen::stmt(ForStmt f) {
  Stmt s;
  s.node = std::move(f);
  return s;
}
Stmt Gen::stmt(IfStmt i) {
  Stmt s;
  s.node = std::move(i);
  return s;
}

Generated Gen::run() {
  f_.core = opts_.core ? *opts_.core : (cs_.chance(pol_.cubePermille) ? Core::Cube : Core::Vec);
  f_.arch = opts_.arch ? *opts_.arch : (cs_.chance(pol_.a5Permille) ? Arch::A5 : Arch::A2A3);
  for (int i = 0; i < kNumFeatures; ++i) {
    Feature f = Feature(i);
    if (pol_.isForbidden(f)) continue;
    if (pol_.isForced(f) || cs_.chance(pol_.featureOn)) f_.set(f);
  }
  // Record what the kernel can actually use.
  if (f_.core == Core::Vec) f_.set(Feature::MmadAccum, false);
  if (f_.core == Core::Cube) f_.set(Feature::VvChain, false);
  if (!on(Feature::Loops) && !on(Feature::Carried))
    for (Feature f : {Feature::Nested, Feature::Step, Feature::Triangular, Feature::ZeroTrip})
      f_.set(f, false);
  int nonScalar = 0;
  for (Pipe p : kAllPipes)
    if (p != Pipe::S && pipeOnCore(p, f_.core) && cs_.chance(pol_.pipeOn)) {
      f_.pipes |= pipeBit(p);
      ++nonScalar;
    }
  // A policy that needs a producer/consumer pipe pair gets the core's first.
  bool needPair = pol_.isForced(Feature::Fanout) || pol_.isForced(Feature::Asymmetric) ||
                  pol_.isForced(Feature::Carried);
  if (nonScalar == 0 || (needPair && !hasPipePair())) {
    f_.pipes |= pipeBit(Pipe::MTE2);
    if (needPair) f_.pipes |= pipeBit(f_.core == Core::Vec ? Pipe::V : Pipe::MTE1);
  }
  if (on(Feature::Scalar)) f_.pipes |= pipeBit(Pipe::S);
  explicitAddr_ = on(Feature::Alias);
  int64_t maxStmts = 2 * int64_t(pol_.maxOps) + 16;
  multCap_ = std::clamp<int64_t>(kEvalBudget / (kComboCap * kEvalsPerStmt * maxStmts), 1, kMaxMult);

  k_.name = opts_.name;
  k_.archAttr = f_.arch;
  k_.coreAttr = f_.core;
  int ops = int(cs_.between(std::max(1, pol_.minOps), std::max(1, pol_.maxOps)));
  // A policy's anchor motif gets a reserved share of the ops and a drawn
  // top-level position, so that every kernel of the policy has one.
  int reserve = 0;
  if (pol_.anchor && on(*pol_.anchor)) {
    if (*pol_.anchor == Feature::Fanout && ops >= 2 * pol_.fanoutMin)
      reserve = 2 * int(cs_.between(pol_.fanoutMin, std::min(pol_.fanoutMax, ops / 2)));
    if (*pol_.anchor == Feature::Asymmetric || *pol_.anchor == Feature::Carried)
      reserve = ops >= 2 ? std::min(ops, 3) : 0;
  }
  genBlock(k_.body, ops - reserve);
  if (reserve > 0) {
    Block anchor;
    int n = 0;
    switch (*pol_.anchor) {
      case Feature::Fanout: n = genFanout(anchor, reserve); break;
      case Feature::Asymmetric: n = genAsymmetric(anchor, reserve); break;
      default: n = genCarried(anchor, reserve); break;
    }
    auto at = k_.body.begin() + int64_t(cs_.below(k_.body.size() + 1));
    k_.body.insert(at, std::make_move_iterator(anchor.begin()),
                   std::make_move_iterator(anchor.end()));
    genBlock(k_.body, reserve - n);
  }
  layoutBuffers(k_);
  return {std::move(k_), f_, cs_.recorded()};
}

void Gen::genBlock(Block& out, int budget) {
  while (budget > 0) budget -= std::max(1, genStmt(out, budget));
}

int Gen::genStmt(Block& out, int budget) {
  const StmtWeights& w = pol_.weights;
  bool vec = f_.core == Core::Vec;
  uint32_t weights[] = {
      w.op,
      budget >= 2 ? w.chain : 0,
      on(Feature::Loops) && canLoop() ? w.loop : 0,
      on(Feature::Branches) ? w.branch : 0,
      on(Feature::GmRoundTrip) && budget >= 2 ? w.roundTrip : 0,
      on(Feature::VvChain) && vec && pipeOn(Pipe::V) && budget >= 2 ? w.vvChain : 0,
      on(Feature::MmadAccum) && !vec && pipeOn(Pipe::M) ? w.mmadAccum : 0,
      on(Feature::Fanout) && budget >= 4 ? w.fanout : 0,
      on(Feature::Asymmetric) && budget >= 2 ? w.asymmetric : 0,
      on(Feature::Carried) && canLoop() && budget >= 2 ? w.carried : 0,
      on(Feature::Exec) ? w.exec : 0,
      on(Feature::Scalar) ? w.scalar : 0,
  };
  int n = 0;
  switch (cs_.pick(weights)) {
    case 1: n = genChain(out, budget); break;
    case 2: n = genLoop(out, budget); break;
    case 3: n = genIf(out, budget); break;
    case 4: n = genRoundTrip(out, budget); break;
    case 5: n = genChain(out, budget, /*vOnly=*/true); break;
    case 6: n = genMmadAccum(out, budget); break;
    case 7: n = genFanout(out, budget); break;
    case 8: n = genAsymmetric(out, budget); break;
    case 9: n = genCarried(out, budget); break;
    case 10: n = genExec(out); break;
    case 11: n = genScalar(out, budget); break;
    default: break;
  }
  return n > 0 ? n : genOp(out);
}

bool Gen::hasPipePair() const {
  for (Space s : {Space::UB, Space::L1, Space::L0A, Space::L0B, Space::L0C})
    for (const OpShape& w : shapes())
      for (const OpShape& r : shapes())
        if (w.pipe != r.pipe && w.pipe != Pipe::S && r.pipe != Pipe::S && pipeOn(w.pipe) &&
            pipeOn(r.pipe) && w.write == s &&
            std::find(r.reads.begin(), r.reads.end(), s) != r.reads.end())
          return true;
  return false;
}

bool Gen::canLoop() const {
  if (depth_ >= std::min(pol_.maxDepth, kMaxLoopDepth)) return false;
  if (depth_ > 0 && !on(Feature::Nested)) return false;
  return multCap_ / mult_ >= 1;
}

std::optional<size_t> Gen::paramFor(int64_t minMax, int64_t maxMax) {
  minMax = std::max<int64_t>(minMax, 0);
  if (maxMax < minMax) return std::nullopt;
  std::vector<size_t> fits;
  for (size_t i = 0; i < params_.size(); ++i)
    if (params_[i].max >= minMax && params_[i].max <= maxMax) fits.push_back(i);
  bool canNew = nextParam_ < pol_.maxParams && combos_ < kComboCap;
  if (!fits.empty() && (!canNew || likely(600))) return fits[cs_.below(fits.size())];
  if (!canNew) return std::nullopt;
  int64_t lo = on(Feature::ZeroTrip) && cs_.chance(pol_.pZeroTripParam) ? 0 : 1;
  // At least two values when the bound allows: a param is worth a name.
  int64_t hi = cs_.between(std::max(minMax, std::min(lo + 1, maxMax)), maxMax);
  int64_t width = std::min<int64_t>({pol_.maxParamWidth, kComboCap / combos_, hi + 1});
  width = std::max<int64_t>(width, 1);
  lo = std::max(lo, hi - (width - 1));
  lo = std::min(lo, hi);
  Param p;
  p.name = "n" + std::to_string(nextParam_++);
  p.lo = lo;
  p.hi = hi;
  k_.params.push_back(p);
  combos_ *= hi - lo + 1;
  IndexVar v;
  v.name = p.name;
  v.min = lo;
  v.max = hi;
  params_.push_back(v);
  return params_.size() - 1;
}

std::optional<ForStmt> Gen::openLoop(int64_t minTrips) {
  if (!canLoop()) return std::nullopt;
  int64_t allowed = multCap_ / mult_;
  if (allowed < minTrips) return std::nullopt;
  int64_t maxTrip = std::clamp<int64_t>(pol_.maxTrip, minTrips, allowed);

  int64_t lo = likely(850) ? 0 : cs_.between(1, 2);
  bool canParam = on(Feature::Params);
  bool canTri = on(Feature::Triangular) && !loops_.empty();
  size_t kind = cs_.pick({1000u, canParam ? uint32_t(pol_.pSymbolicTrip) : 0u,
                          canParam ? uint32_t(pol_.pSymbolicTrip / 3) : 0u,
                          canTri ? uint32_t(pol_.pTriangular) : 0u});
  std::optional<Expr> hi;
  int64_t maxHi = 0;
  if (kind == 1 || kind == 2) {
    int64_t plus = kind == 2 ? cs_.between(1, 2) : 0;
    if (auto p = paramFor(lo + minTrips - plus, lo + maxTrip - plus)) {
      Expr v = Expr::var(params_[*p].name);
      hi = plus ? v + num(plus) : v;
      maxHi = params_[*p].max + plus;
    }
  } else if (kind == 3) {
    std::vector<size_t> fits;
    for (size_t i = 0; i < loops_.size(); ++i) {
      int64_t m = loops_[i].max + 1 - lo;
      if (m >= minTrips && m <= maxTrip) fits.push_back(i);
    }
    if (!fits.empty()) {
      const IndexVar& o = loops_[fits[cs_.below(fits.size())]];
      hi = Expr::var(o.name) + num(1);
      maxHi = o.max + 1;
    }
  }
  if (!hi) {
    int64_t trips = cs_.between(minTrips, maxTrip);
    if (minTrips <= 1 && on(Feature::ZeroTrip) && cs_.chance(60)) trips = 0;
    hi = num(lo + trips);
    maxHi = lo + trips;
  }
  ForStmt f;
  f.var = kLoopVars[depth_];
  f.lo = num(lo);
  f.hi = *hi;
  int64_t span = std::max<int64_t>(0, maxHi - lo);
  if (on(Feature::Step) && span >= 2 * std::max<int64_t>(minTrips, 1) && cs_.chance(pol_.pStep))
    f.step = 2;
  int64_t step = f.stepValue();
  IndexVar v;
  v.name = f.var;
  v.loop = true;
  v.lo = lo;
  v.min = lo;
  v.max = std::max(lo, maxHi - 1);
  v.hi = *hi;
  v.step = step;
  v.trips = std::max<int64_t>(1, (span + step - 1) / step);
  loops_.push_back(v);
  mult_ *= v.trips;
  ++depth_;
  return f;
}

void Gen::closeLoop() {
  mult_ /= loops_.back().trips;
  loops_.pop_back();
  --depth_;
}

int Gen::genLoop(Block& out, int budget) {
  std::optional<ForStmt> f = openLoop(1);
  if (!f) return 0;
  int body = int(cs_.between(1, budget));
  genBlock(f->body, body);
  closeLoop();
  out.push_back(stmt(std::move(*f)));
  return body;
}

std::optional<Cond> Gen::makeCond() {
  Cond c;
  std::vector<const IndexVar*> vars;
  for (auto it = loops_.rbegin(); it != loops_.rend(); ++it)
    if (it->max > it->min) vars.push_back(&*it);
  for (const IndexVar& p : params_)
    if (p.max > p.min) vars.push_back(&p);
  // Each execution of `if ?NAME` draws its own outcome: bound how many a
  // path can have, so that path enumeration stays tractable downstream.
  bool runtimeFits = condExecs_ + mult_ <= pol_.maxRuntimeCondExecs;
  bool runtime = on(Feature::RuntimeConds) && runtimeFits &&
                 (vars.empty() || cs_.chance(pol_.pRuntimeCond));
  if (runtime) {
    condExecs_ += mult_;
    c.runtime = true;
    int id = nextCond_ > 0 && cs_.chance(150) ? int(cs_.below(uint64_t(nextCond_))) : nextCond_++;
    c.name = "q" + std::to_string(id);
    return c;
  }
  if (vars.empty()) {
    if (!on(Feature::Params)) return std::nullopt;
    auto p = paramFor(2, std::max(2, pol_.maxTrip));
    if (!p || params_[*p].max <= params_[*p].min) return std::nullopt;
    vars.push_back(&params_[*p]);
  }
  const IndexVar& v = *vars[likely(600) ? 0 : cs_.below(vars.size())];
  Expr x = Expr::var(v.name);
  bool lastIter = v.loop && v.step == 1;
  switch (cs_.pick({3, lastIter ? 3u : 0u, 2, 2, 2, 1, 1})) {
    case 0:  // first iteration / smallest value
      c.op = CmpOp::Eq, c.lhs = x, c.rhs = num(v.min);
      break;
    case 1:  // last iteration
      c.op = CmpOp::Eq, c.lhs = x;
      if (auto k = v.hi->constantValue())
        c.rhs = num(*k - 1);
      else
        c.rhs = *v.hi - num(1);
      break;
    case 2:
      c.op = CmpOp::Eq, c.lhs = x % num(2), c.rhs = num(0);
      break;
    case 3:
      c.op = CmpOp::Lt, c.lhs = x, c.rhs = num(cs_.between(v.min + 1, v.max));
      break;
    case 4:
      c.op = CmpOp::Gt, c.lhs = x, c.rhs = num(cs_.between(v.min, v.max - 1));
      break;
    case 5:
      c.op = CmpOp::Ne, c.lhs = x, c.rhs = num(cs_.between(v.min, v.max));
      break;
    default:
      c.op = CmpOp::Ge, c.lhs = x, c.rhs = num(cs_.between(v.min + 1, v.max));
      break;
  }
  return c;
}

int Gen::genIf(Block& out, int budget) {
  std::optional<Cond> c = makeCond();
  if (!c) return 0;
  IfStmt s;
  s.cond = *c;
  int total = int(cs_.between(1, budget));
  int thenOps = total, elseOps = 0;
  bool hasElse = on(Feature::Else) && cs_.chance(pol_.pElse);
  if (hasElse) {
    if (cs_.chance(pol_.pEmptyArm))
      thenOps = cs_.chance(500) ? 0 : total;
    else if (total >= 2)
      thenOps = int(cs_.between(1, total - 1));
    elseOps = total - thenOps;
  }
  genBlock(s.thenBody, thenOps);
  if (hasElse) {
    s.elseBody.emplace();
    genBlock(*s.elseBody, elseOps);
  }
  out.push_back(stmt(std::move(s)));
  return total;
}

}  // namespace detail

Generated generate(ChoiceStream& cs, const GenOptions& opts) {
  return detail::Gen(cs, opts).run();
}

Generated generateSeeded(uint64_t seed, const GenOptions& opts) {
  ChoiceStream cs = ChoiceStream::seeded(seed);
  return generate(cs, opts);
}

Generated generateReplay(const std::vector<uint64_t>& choices, const GenOptions& opts) {
  ChoiceStream cs = ChoiceStream::replay(choices);
  return generate(cs, opts);
}

}  // namespace syncsmith::gen
