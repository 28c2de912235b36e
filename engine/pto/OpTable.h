// The PTO tile ops the importer knows (docs/import-pto.md "Ops"): argument
// roles per overload and how the pipe is chosen. An op not in this table is
// an error, never a guess.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ir/Machine.h"
#include "pto/Values.h"

namespace syncsmith::pto {

enum class OpFamily : uint8_t {
  Vector,  // V, every tile Vec: dst written, other tiles read (tmp tiles written)
  Load,    // TLOAD: MTE2, GM -> Vec (ub) or Mat (l1)
  Store,   // TSTORE: Vec -> GM on MTE3, Acc -> GM on FIX
  Move,    // TMOV / TEXTRACT / TINSERT: pipe from (dst, src) tile types
  Matmul,  // M: Acc <- Left x Right (+ Acc, + Bias)
};

// One overload, one letter per argument:
//   W a tile it writes, R a tile it reads, T a scratch tile (written),
//   S a scalar or enum (no memory), G a GlobalTensor.
struct PtoOp {
  std::string_view name;
  OpFamily family;
  std::vector<std::string_view> forms;
};

const PtoOp* findPtoOp(std::string_view name);
std::vector<std::string_view> allPtoOpNames();

// Move family: (dst, src) tile types -> pipe; nullopt when not supported.
std::optional<Pipe> movePipe(std::string_view op, TileKind dst, TileKind src);

}  // namespace syncsmith::pto
