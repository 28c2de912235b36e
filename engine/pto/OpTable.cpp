#include "pto/OpTable.h"

#include <string>

namespace syncsmith::pto {
namespace {

using F = OpFamily;

// Signatures follow pto-isa include/pto/common/pto_instr.hpp (trailing
// WaitEvents omitted: PTOAS does not emit them).
const std::vector<PtoOp>& table() {
  static const std::vector<PtoOp> kOps = [] {
    std::vector<PtoOp> ops;
    auto add = [&](std::initializer_list<std::string_view> names, F f,
                   std::vector<std::string_view> forms) {
      for (std::string_view n : names) ops.push_back({n, f, forms});
    };
    // Elementwise tile-tile.
    add({"TADD", "TSUB", "TMUL", "TDIV", "TMIN", "TMAX", "TAND", "TOR", "TXOR", "TSHL",
         "TSHR", "TREM", "TFMOD", "TPRELU", "TPARTADD", "TPARTMUL", "TPARTMAX", "TPARTMIN",
         "TGATHERB", "TSCATTER", "TROWEXPANDADD", "TROWEXPANDSUB", "TROWEXPANDMUL",
         "TROWEXPANDDIV", "TROWEXPANDMAX", "TROWEXPANDMIN", "TROWEXPANDEXPDIF",
         "TCOLEXPANDADD", "TCOLEXPANDSUB", "TCOLEXPANDMUL", "TCOLEXPANDDIV",
         "TCOLEXPANDMAX", "TCOLEXPANDMIN", "TCOLEXPANDEXPDIF"},
        F::Vector, {"WRR"});
    add({"TGATHER"}, F::Vector, {"WRR", "WR"});
    // Unary.
    add({"TABS", "TLOG", "TNEG", "TNOT", "TRECIP", "TRELU", "TRSQRT", "TSQRT", "TEXP",
         "TCOLMAX", "TCOLMIN", "TROWEXPAND", "TCOLEXPAND", "TFILLPAD", "TFILLPAD_INPLACE",
         "TFILLPAD_EXPAND"},
        F::Vector, {"WR"});
    // Tile-scalar.
    add({"TADDS", "TSUBS", "TMULS", "TMAXS", "TMINS", "TANDS", "TORS", "TXORS", "TSHLS",
         "TSHRS", "TREMS", "TFMODS", "TLRELU", "TCVT"},
        F::Vector, {"WRS"});
    add({"TDIVS"}, F::Vector, {"WRS", "WSR"});
    add({"TEXPANDS"}, F::Vector, {"WS"});
    add({"TCMP", "TSELS"}, F::Vector, {"WRRS"});
    add({"TCMPS"}, F::Vector, {"WRSS"});
    add({"TADDC", "TSUBC", "TSEL"}, F::Vector, {"WRRR"});
    add({"TADDSC", "TSUBSC"}, F::Vector, {"WRSR"});
    // Reductions and transposes with a scratch tile.
    add({"TROWSUM", "TROWMAX", "TROWMIN", "TTRANS"}, F::Vector, {"WRT"});
    add({"TCOLSUM"}, F::Vector, {"WRTS"});
    // Memory.
    add({"TLOAD"}, F::Load, {"WG"});
    add({"TSTORE"}, F::Store, {"GR", "GRS"});
    // Moves.
    add({"TMOV"}, F::Move, {"WR", "WRS"});
    add({"TEXTRACT", "TINSERT"}, F::Move, {"WR", "WRS", "WRSS"});
    // Matrix multiply.
    add({"TMATMUL", "TGEMV"}, F::Matmul, {"WRR"});
    add({"TMATMUL_ACC", "TGEMV_ACC", "TMATMUL_BIAS", "TGEMV_BIAS"}, F::Matmul, {"WRRR"});
    return ops;
  }();
  return kOps;
}

}  // namespace

const PtoOp* findPtoOp(std::string_view name) {
  for (const PtoOp& op : table())
    if (op.name == name) return &op;
  return nullptr;
}

std::vector<std::string_view> allPtoOpNames() {
  std::vector<std::string_view> out;
  for (const PtoOp& op : table()) out.push_back(op.name);
  return out;
}

std::optional<Pipe> movePipe(std::string_view op, TileKind dst, TileKind src) {
  using K = TileKind;
  if (src == K::Mat && (dst == K::Left || dst == K::Right || dst == K::Bias))
    return op == "TINSERT" ? std::nullopt : std::optional(Pipe::MTE1);
  if (src == K::Acc && (dst == K::Mat || dst == K::Vec)) return Pipe::FIX;
  if (src == K::Vec && dst == K::Vec) return Pipe::V;
  return std::nullopt;
}

}  // namespace syncsmith::pto
