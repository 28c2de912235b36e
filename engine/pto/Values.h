// What a C++ name or expression denotes while importing (internal).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ir/Kernel.h"

namespace syncsmith::pto {

enum class TileKind : uint8_t { Vec, Mat, Left, Right, Acc, Bias };
std::string_view tileKindName(TileKind k);  // "Vec", "Mat", ...
Space tileSpace(TileKind k);                // Bias: see docs (relocated later)

// An integer: an expression over params and loop variables.
struct IntVal {
  Expr e;
};
// A boolean: a constant, an integer comparison, or a runtime unknown.
struct BoolVal {
  enum class Kind : uint8_t { Const, Int, Runtime } kind = Kind::Const;
  bool value = false;  // Const
  Cond cond;           // Int: the comparison; Runtime: cond.name
};
// A value the importer cannot follow (a float, a data-dependent result).
struct OpaqueVal {
  std::string what;
};
// A GM pointer: kernel argument `arg` plus `off` elements of `elemSize` bytes.
struct GmPtrVal {
  std::string arg;
  int64_t elemSize = 1;
  Expr off;
};
// A local pointer: `tile.data()`.
struct LocalPtrVal {
  TileKind kind = TileKind::Vec;
  Expr addr;
};
struct TileVal {
  TileKind kind = TileKind::Vec;
  std::string elemType;
  int64_t elemSize = 1, rows = 1, cols = 1;
  std::optional<Expr> addr;  // set by TASSIGN
  SrcLoc declLoc, assignLoc;
  int64_t bytes() const { return elemSize * rows * cols; }
};
// pto::Shape / pto::Stride: 5 dims.
struct DimsVal {
  bool isStride = false;
  std::vector<Expr> dims;
};
// A GlobalTensor view over a GM argument.
struct GlobalVal {
  std::string arg;
  int64_t elemSize = 1;
  Expr off;  // bytes from the start of `arg`
  std::vector<Expr> shape, stride;  // elements
};
// PIPE_V, EVENT_ID3, RoundMode::CAST_RINT, ...: a name with no value.
struct EnumVal {
  std::string name;
};
// `x < y ? x : y` with non-constant operands: usable only as a loop's upper
// bound (the loop runs to x, its body guarded by `v < y`).
struct MinVal {
  Expr x, y;
};

using Value = std::variant<IntVal, BoolVal, OpaqueVal, GmPtrVal, LocalPtrVal, TileVal,
                           DimsVal, GlobalVal, EnumVal, MinVal>;

std::string_view valueKindName(const Value& v);  // "integer", "tile", ...

}  // namespace syncsmith::pto
