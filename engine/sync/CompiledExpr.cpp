#include "sync/CompiledExpr.h"

#include <algorithm>
#include <limits>

namespace syncsmith::sync {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

int64_t clamp128(__int128 v) {
  if (v > kMax) return kMax;
  if (v < kMin) return kMin;
  return int64_t(v);
}

Interval hull(std::initializer_list<int64_t> vs) {
  Interval r{kMax, kMin};
  for (int64_t v : vs) r.lo = std::min(r.lo, v), r.hi = std::max(r.hi, v);
  return r;
}

}  // namespace

int64_t satAdd(int64_t a, int64_t b) { return clamp128(__int128(a) + b); }
int64_t satMul(int64_t a, int64_t b) { return clamp128(__int128(a) * b); }

int64_t Linear::coeff(VarRef v) const {
  for (const auto& [var, c] : terms)
    if (var == v) return c;
  return 0;
}

Linear linAdd(const Linear& a, const Linear& b, int64_t sign) {
  Linear out;
  out.constant = satAdd(a.constant, satMul(sign, b.constant));
  size_t i = 0, j = 0;
  while (i < a.terms.size() || j < b.terms.size()) {
    if (j == b.terms.size() || (i < a.terms.size() && a.terms[i].first < b.terms[j].first)) {
      out.terms.push_back(a.terms[i++]);
    } else if (i == a.terms.size() || b.terms[j].first < a.terms[i].first) {
      out.terms.push_back({b.terms[j].first, satMul(sign, b.terms[j].second)});
      ++j;
    } else {
      int64_t c = satAdd(a.terms[i].second, satMul(sign, b.terms[j].second));
      if (c != 0) out.terms.push_back({a.terms[i].first, c});
      ++i, ++j;
    }
  }
  return out;
}

Linear linScale(const Linear& a, int64_t k) {
  Linear out;
  if (k == 0) return out;
  out.constant = satMul(a.constant, k);
  for (const auto& [v, c] : a.terms) out.terms.push_back({v, satMul(c, k)});
  return out;
}

CExpr CExpr::compile(const Expr& e, const Resolver& resolve) {
  CExpr c;
  c.root_ = c.add(e, resolve);
  return c;
}

CExpr CExpr::constant(int64_t v) { return compile(Expr::constant(v), nullptr); }

int32_t CExpr::add(const Expr& e, const Resolver& resolve) {
  Node n;
  n.op = e.kind();
  switch (e.kind()) {
    case Expr::Kind::Const:
      n.value = e.value();
      break;
    case Expr::Kind::Var:
      n.var = resolve(e.name());
      break;
    case Expr::Kind::Neg:
      n.a = add(e.operand(), resolve);
      break;
    default:
      n.a = add(e.lhs(), resolve);
      n.b = add(e.rhs(), resolve);
  }
  nodes_.push_back(n);
  return int32_t(nodes_.size() - 1);
}

int64_t CExpr::eval(const int64_t* params, const int64_t* loops) const {
  return evalNode(root_, params, loops);
}

int64_t CExpr::evalNode(int32_t i, const int64_t* params, const int64_t* loops) const {
  const Node& n = nodes_[size_t(i)];
  switch (n.op) {
    case Expr::Kind::Const: return n.value;
    case Expr::Kind::Var: return n.var.loop ? loops[n.var.index] : params[n.var.index];
    case Expr::Kind::Neg: return int64_t(0ull - uint64_t(evalNode(n.a, params, loops)));
    default: break;
  }
  int64_t a = evalNode(n.a, params, loops);
  int64_t b = evalNode(n.b, params, loops);
  switch (n.op) {
    case Expr::Kind::Add: return int64_t(uint64_t(a) + uint64_t(b));
    case Expr::Kind::Sub: return int64_t(uint64_t(a) - uint64_t(b));
    case Expr::Kind::Mul: return int64_t(uint64_t(a) * uint64_t(b));
    case Expr::Kind::Div: return b == 0 ? 0 : floorDiv(a, b);
    case Expr::Kind::Mod: return b == 0 ? 0 : floorMod(a, b);
    default: return 0;
  }
}

Interval CExpr::range(const Interval* params, const Interval* loops) const {
  return rangeNode(root_, params, loops);
}

Interval CExpr::rangeNode(int32_t i, const Interval* params, const Interval* loops) const {
  const Node& n = nodes_[size_t(i)];
  switch (n.op) {
    case Expr::Kind::Const: return Interval::point(n.value);
    case Expr::Kind::Var: return n.var.loop ? loops[n.var.index] : params[n.var.index];
    case Expr::Kind::Neg: {
      Interval a = rangeNode(n.a, params, loops);
      return {satMul(a.hi, -1), satMul(a.lo, -1)};
    }
    default: break;
  }
  Interval a = rangeNode(n.a, params, loops);
  Interval b = rangeNode(n.b, params, loops);
  switch (n.op) {
    case Expr::Kind::Add: return {satAdd(a.lo, b.lo), satAdd(a.hi, b.hi)};
    case Expr::Kind::Sub: return {satAdd(a.lo, satMul(b.hi, -1)), satAdd(a.hi, satMul(b.lo, -1))};
    case Expr::Kind::Mul:
      return hull({satMul(a.lo, b.lo), satMul(a.lo, b.hi), satMul(a.hi, b.lo), satMul(a.hi, b.hi)});
    case Expr::Kind::Div: {
      if (b.lo > 0 || b.hi < 0) {
        int64_t c1 = b.lo, c2 = b.hi;
        return hull({floorDiv(a.lo, c1), floorDiv(a.lo, c2), floorDiv(a.hi, c1),
                     floorDiv(a.hi, c2)});
      }
      int64_t m = std::max(std::abs(a.lo == kMin ? kMax : a.lo), std::abs(a.hi == kMin ? kMax : a.hi));
      return {-m, m};
    }
    case Expr::Kind::Mod: {
      if (b.lo == b.hi && b.lo > 0) {
        int64_t c = b.lo;
        if (floorDiv(a.lo, c) == floorDiv(a.hi, c)) return {floorMod(a.lo, c), floorMod(a.hi, c)};
        return {0, c - 1};
      }
      if (b.lo == b.hi && b.lo < 0) return {b.lo + 1, 0};
      int64_t m = std::max(b.hi == kMin ? kMax : std::abs(b.hi), b.lo == kMin ? kMax : std::abs(b.lo));
      return {satAdd(-m, 1), satAdd(m, -1)};
    }
    default: return {kMin, kMax};
  }
}

std::optional<Linear> CExpr::linear() const { return linearNode(root_); }

std::optional<Linear> CExpr::linearNode(int32_t i) const {
  const Node& n = nodes_[size_t(i)];
  switch (n.op) {
    case Expr::Kind::Const: return Linear{n.value, {}};
    case Expr::Kind::Var: return Linear{0, {{n.var, 1}}};
    case Expr::Kind::Neg: {
      auto a = linearNode(n.a);
      if (!a) return std::nullopt;
      return linScale(*a, -1);
    }
    default: break;
  }
  auto a = linearNode(n.a);
  auto b = linearNode(n.b);
  if (!a || !b) return std::nullopt;
  switch (n.op) {
    case Expr::Kind::Add: return linAdd(*a, *b, 1);
    case Expr::Kind::Sub: return linAdd(*a, *b, -1);
    case Expr::Kind::Mul:
      if (a->isConstant()) return linScale(*b, a->constant);
      if (b->isConstant()) return linScale(*a, b->constant);
      return std::nullopt;
    case Expr::Kind::Div:
    case Expr::Kind::Mod:
      if (a->isConstant() && b->isConstant() && b->constant != 0)
        return Linear{n.op == Expr::Kind::Div ? floorDiv(a->constant, b->constant)
                                              : floorMod(a->constant, b->constant),
                      {}};
      return std::nullopt;
    default: return std::nullopt;
  }
}

void CExpr::vars(std::vector<VarRef>& out) const {
  for (const Node& n : nodes_)
    if (n.op == Expr::Kind::Var) out.push_back(n.var);
}

}  // namespace syncsmith::sync
