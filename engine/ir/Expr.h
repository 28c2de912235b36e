// Integer expressions over params and loop variables (KERNEL-FORMAT.md):
// 64-bit, `* / %` over `+ -`, left-associative, unary minus binds tightest,
// `/` rounds toward minus infinity and `a % k` takes the sign of k.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ir/SourceLoc.h"

namespace syncsmith {

// Floor division and modulo of the spec. Precondition: b != 0.
int64_t floorDiv(int64_t a, int64_t b);
int64_t floorMod(int64_t a, int64_t b);

// Values of the names in scope. Small and flat: kernels have few names.
class Env {
 public:
  void push(std::string_view name, int64_t value) {
    vars_.emplace_back(name, value);
  }
  void pop() { vars_.pop_back(); }
  void set(std::string_view name, int64_t value);
  std::optional<int64_t> lookup(std::string_view name) const;
  size_t size() const { return vars_.size(); }
  const std::vector<std::pair<std::string, int64_t>>& vars() const {
    return vars_;
  }

 private:
  std::vector<std::pair<std::string, int64_t>> vars_;
};

// An affine form: constant + sum(coeff * name).
struct Affine {
  int64_t constant = 0;
  std::map<std::string, int64_t> coeffs;  // no zero coefficients
  bool isConstant() const { return coeffs.empty(); }
  bool operator==(const Affine&) const = default;
};

class Expr {
 public:
  enum class Kind : uint8_t { Const, Var, Neg, Add, Sub, Mul, Div, Mod };

  Expr();  // the constant 0
  static Expr constant(int64_t v, SrcLoc loc = {});
  static Expr var(std::string name, SrcLoc loc = {});
  static Expr neg(Expr e, SrcLoc loc = {});
  static Expr binary(Kind k, Expr l, Expr r, SrcLoc loc = {});

  Kind kind() const;
  int64_t value() const;            // Const only
  const std::string& name() const;  // Var only
  const Expr& operand() const;      // Neg only
  const Expr& lhs() const;          // binary only
  const Expr& rhs() const;          // binary only
  SrcLoc loc() const;
  bool isBinary() const;

  // Evaluates under `env`. Throws EvalError on a zero divisor or an unbound
  // name (the validator rules both out for parsed kernels).
  int64_t eval(const Env& env) const;
  // The constant value when the expression has no names.
  std::optional<int64_t> constantValue() const;
  // The affine form, or nullopt when the expression is not affine
  // (a product of two non-constants, a division or modulo of a non-constant).
  std::optional<Affine> affine() const;
  void collectNames(std::vector<std::string>& out) const;

  // Structural equality (source locations ignored).
  bool operator==(const Expr& o) const;
  bool operator!=(const Expr& o) const { return !(*this == o); }

  std::string str() const;  // canonical text, minimal parentheses

 private:
  struct Node;
  explicit Expr(std::shared_ptr<const Node> n) : node_(std::move(n)) {}
  std::shared_ptr<const Node> node_;
};

Expr operator+(Expr a, Expr b);
Expr operator-(Expr a, Expr b);
Expr operator*(Expr a, Expr b);
Expr operator/(Expr a, Expr b);
Expr operator%(Expr a, Expr b);

class EvalError : public std::runtime_error {
 public:
  EvalError(SrcLoc loc, std::string msg)
      : std::runtime_error(std::move(msg)), loc_(loc) {}
  SrcLoc loc() const { return loc_; }

 private:
  SrcLoc loc_;
};

}  // namespace syncsmith
