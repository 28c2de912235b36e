// Expressions of a kernel compiled against the engine's variable numbering:
// a name is a param (by index) or the variable of one loop (by LoopId), so
// the same compiled expression evaluates for any instance of its statement
// from two flat arrays. Also: interval bounds and linear forms, the two
// cheap abstractions the footprint analysis uses before enumerating.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ir/Expr.h"

namespace syncsmith::sync {

// Saturating 64-bit helpers (kernels use small values; fuzzed ones may not).
int64_t satAdd(int64_t a, int64_t b);
int64_t satMul(int64_t a, int64_t b);

struct Interval {
  int64_t lo = 0, hi = 0;  // inclusive
  static Interval point(int64_t v) { return {v, v}; }
  bool contains(int64_t v) const { return lo <= v && v <= hi; }
};

// A variable: param `index`, or the variable of loop `index`.
struct VarRef {
  bool loop = false;
  int32_t index = 0;
  bool operator==(const VarRef&) const = default;
  auto operator<=>(const VarRef&) const = default;
};

// constant + sum(coeff * var), vars sorted, no zero coefficients.
struct Linear {
  int64_t constant = 0;
  std::vector<std::pair<VarRef, int64_t>> terms;
  bool isConstant() const { return terms.empty(); }
  int64_t coeff(VarRef v) const;
};

class CExpr {
 public:
  using Resolver = std::function<VarRef(const std::string&)>;
  CExpr() = default;
  static CExpr compile(const Expr& e, const Resolver& resolve);
  static CExpr constant(int64_t v);

  bool empty() const { return nodes_.empty(); }
  // Values: params[i], loops[LoopId].
  int64_t eval(const int64_t* params, const int64_t* loops) const;
  // Bounds over boxes of the variables.
  Interval range(const Interval* params, const Interval* loops) const;
  std::optional<Linear> linear() const;
  void vars(std::vector<VarRef>& out) const;

 private:
  struct Node {
    Expr::Kind op;
    int64_t value = 0;
    VarRef var;
    int32_t a = -1, b = -1;
  };
  int32_t add(const Expr& e, const Resolver& resolve);
  int64_t evalNode(int32_t n, const int64_t* params, const int64_t* loops) const;
  Interval rangeNode(int32_t n, const Interval* params, const Interval* loops) const;
  std::optional<Linear> linearNode(int32_t n) const;
  std::vector<Node> nodes_;
  int32_t root_ = -1;
};

Linear linAdd(const Linear& a, const Linear& b, int64_t sign = 1);
Linear linScale(const Linear& a, int64_t k);

}  // namespace syncsmith::sync
