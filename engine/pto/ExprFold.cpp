#include "pto/ExprFold.h"

#include <limits>

namespace syncsmith::pto {
bool isConstant(const Expr& e, int64_t v) {
  auto c = e.constantValue();
  return c && *c == v;
}

Expr foldArith(Expr::Kind k, const Expr& a, const Expr& b, SrcLoc loc, const std::string& file) {
  using K = Expr::Kind;
  auto ca = a.constantValue(), cb = b.constantValue();
  if ((k == K::Div || k == K::Mod) && cb && *cb == 0) throw InputError(file, loc, "division by zero");
  if (ca && cb) {
    __int128 x = *ca, y = *cb, r = 0;
    switch (k) {
      case K::Add: r = x + y; break;
      case K::Sub: r = x - y; break;
      case K::Mul: r = x * y; break;
      case K::Div: r = x / y; break;  // C: truncation
      case K::Mod: r = x % y; break;
      default: break;
    }
    if (r > std::numeric_limits<int64_t>::max() || r < std::numeric_limits<int64_t>::min())
      throw InputError(file, loc, "integer overflow in a constant expression");
    return Expr::constant(int64_t(r), loc);
  }
  if (k == K::Add && isConstant(a, 0)) return b;
  if ((k == K::Add || k == K::Sub) && isConstant(b, 0)) return a;
  if (k == K::Mul && (isConstant(a, 0) || isConstant(b, 0))) return Expr::constant(0, loc);
  if (k == K::Mul && isConstant(a, 1)) return b;
  if ((k == K::Mul || k == K::Div) && isConstant(b, 1)) return a;
  if (k == K::Mod && isConstant(b, 1)) return Expr::constant(0, loc);
  return Expr::binary(k, a, b, loc);
}

Expr simplifyAffine(const Expr& e) {
  auto a = e.affine();
  if (!a) return e;
  std::optional<Expr> out;
  for (const auto& [name, coeff] : a->coeffs) {
    int64_t mag = coeff < 0 ? -coeff : coeff;
    Expr term = mag == 1 ? Expr::var(name) : Expr::var(name) * Expr::constant(mag);
    if (!out)
      out = coeff < 0 ? Expr::neg(term) : term;
    else
      out = coeff < 0 ? *out - term : *out + term;
  }
  if (!out) return Expr::constant(a->constant);
  if (a->constant > 0) return *out + Expr::constant(a->constant);
  if (a->constant < 0) return *out - Expr::constant(-a->constant);
  return *out;
}

}  // namespace syncsmith::pto
