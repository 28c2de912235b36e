// Building .sk Exprs from C++ integer arithmetic (internal).
#pragma once

#include <string>

#include "ir/Expr.h"

namespace syncsmith::pto {

// Whether `e` is the constant `v`.
bool isConstant(const Expr& e, int64_t v);

// a (k) b, folded when both are constants (C semantics: `/` and `%`
// truncate) and simplified for 0 and 1. Throws InputError(file, loc) on a
// constant zero divisor or a 64-bit overflow.
Expr foldArith(Expr::Kind k, const Expr& a, const Expr& b, SrcLoc loc, const std::string& file);

// An affine expression in canonical form (terms by name, then the
// constant); any other expression unchanged.
Expr simplifyAffine(const Expr& e);

}  // namespace syncsmith::pto
