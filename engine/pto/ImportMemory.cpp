// Memory keyed by (space, address): a tile's TASSIGN address picks (or
// creates) a local buffer; a GlobalTensor becomes byte ranges of its GM
// argument. Buffer names are placeholders ("$N") until finalize().
#include "pto/ExprFold.h"
#include "pto/Importer.h"

namespace syncsmith::pto {
namespace {

// More rows than this in a strided GlobalTensor are modelled as one range.
constexpr int64_t kMaxRowRefs = 64;

std::string placeholder(size_t index) { return "$" + std::to_string(index); }

// addr == C + (E % K) * S with constants C, K >= 2, S: a K-slot ring.
struct SlotForm {
  int64_t base = 0, slots = 0, stride = 0;
  Expr index;
};

std::optional<SlotForm> matchModTimes(const Expr& e) {
  if (e.kind() != Expr::Kind::Mul) return std::nullopt;
  for (int side = 0; side < 2; ++side) {
    const Expr& m = side ? e.rhs() : e.lhs();
    const Expr& s = side ? e.lhs() : e.rhs();
    auto stride = s.constantValue();
    if (!stride || m.kind() != Expr::Kind::Mod) continue;
    auto k = m.rhs().constantValue();
    if (!k || *k < 2) continue;
    SlotForm f;
    f.slots = *k;
    f.stride = *stride;
    f.index = m.lhs();
    return f;
  }
  return std::nullopt;
}

std::optional<SlotForm> matchSlots(const Expr& e) {
  if (auto f = matchModTimes(e)) return f;
  if (e.kind() != Expr::Kind::Add) return std::nullopt;
  for (int side = 0; side < 2; ++side) {
    const Expr& c = side ? e.rhs() : e.lhs();
    const Expr& rest = side ? e.lhs() : e.rhs();
    auto base = c.constantValue();
    if (!base) continue;
    if (auto f = matchModTimes(rest)) {
      f->base = *base;
      return f;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view tileKindName(TileKind k) {
  static constexpr std::string_view kNames[] = {"Vec", "Mat", "Left", "Right", "Acc", "Bias"};
  return kNames[size_t(k)];
}

Space tileSpace(TileKind k) {
  switch (k) {
    case TileKind::Vec: return Space::UB;
    case TileKind::Mat: return Space::L1;
    case TileKind::Left: return Space::L0A;
    case TileKind::Right: return Space::L0B;
    case TileKind::Acc: return Space::L0C;
    case TileKind::Bias: return Space::L0B;  // tentative; relocateBias() decides
  }
  return Space::UB;
}

size_t Importer::localBuffer(const LocalBuf& want) {
  for (size_t i = 0; i < locals_.size(); ++i) {
    const LocalBuf& b = locals_[i];
    if (b.shape == want.shape && b.space == want.space && b.addr == want.addr &&
        b.size == want.size && b.slots == want.slots &&
        (b.kind == TileKind::Bias) == (want.kind == TileKind::Bias))
      return i;
  }
  locals_.push_back(want);
  return locals_.size() - 1;
}

Ref Importer::tileRef(const TileVal& t, const Arg& a) {
  std::string name = a.ident.empty() ? "this tile" : "tile '" + a.ident + "'";
  if (!t.addr) fail(a.loc, name + " is used before TASSIGN gives it an address");
  LocalBuf b;
  b.kind = t.kind;
  b.space = tileSpace(t.kind);
  b.loc = t.assignLoc;
  Ref r;
  r.loc = a.loc;
  int64_t bytes = t.bytes();
  if (auto c = t.addr->constantValue()) {
    b.addr = *c;
    b.size = bytes;
    r.buffer = placeholder(localBuffer(b));
    return r;
  }
  if (auto f = matchSlots(*t.addr); f && f->stride >= bytes && f->base >= 0) {
    b.shape = LocalBuf::Shape::Slotted;
    b.addr = f->base;
    b.slots = f->slots;
    b.size = f->slots * f->stride;
    auto cap = capacity(b.space);
    if (cap && b.addr + b.size > *cap)
      fail(t.assignLoc, name + ": " + std::to_string(f->slots) + " slots of " +
                            std::to_string(f->stride) + " bytes at " + std::to_string(f->base) +
                            " do not fit in " + std::string(spaceName(b.space)));
    r.buffer = placeholder(localBuffer(b));
    r.slot = f->index;
    if (f->stride > bytes) {
      r.lo = Expr::constant(0);
      r.hi = Expr::constant(bytes);
    }
    return r;
  }
  // Any other computed address: a ref into the whole space.
  b.shape = LocalBuf::Shape::Any;
  b.addr = 0;
  b.size = *capacity(b.space);
  r.buffer = placeholder(localBuffer(b));
  r.lo = simplifyAffine(*t.addr);
  r.hi = simplifyAffine(*t.addr + Expr::constant(bytes));
  return r;
}

std::vector<Ref> Importer::globalRefs(const GlobalVal& g, const Arg& a) {
  gmUsed_.insert(g.arg);
  struct Dim {
    Expr shape, stride;
  };
  std::vector<Dim> dims;
  bool allConst = true;
  for (size_t i = 0; i < g.shape.size(); ++i) {
    auto s = g.shape[i].constantValue();
    auto st = g.stride[i].constantValue();
    if (s && *s <= 0) fail(a.loc, "GlobalTensor dimension " + std::to_string(i) + " is " +
                                      std::to_string(*s) + " (must be positive)");
    if (st && *st < 0) fail(a.loc, "negative GlobalTensor stride");
    if (s && *s == 1) continue;
    allConst = allConst && s && st;
    dims.push_back({g.shape[i], g.stride[i]});
  }
  Expr es = Expr::constant(g.elemSize);
  auto range = [&](Expr lo, Expr elems) {
    Ref r;
    r.buffer = g.arg;
    r.loc = a.loc;
    r.lo = simplifyAffine(lo);
    r.hi = simplifyAffine(lo + elems * es);
    return r;
  };
  auto hull = [&] {
    Expr extent = Expr::constant(1);
    for (const Dim& d : dims) extent = extent + (d.shape - Expr::constant(1)) * d.stride;
    return std::vector<Ref>{range(g.off, extent)};
  };
  if (dims.empty()) return {range(g.off, Expr::constant(1))};
  if (!allConst || *dims.back().stride.constantValue() != 1) return hull();
  // Contiguous inner block, then one ref per outer index while few enough.
  int64_t inner = *dims.back().shape.constantValue();
  size_t outer = dims.size() - 1;
  while (outer > 0 && *dims[outer - 1].stride.constantValue() == inner) {
    inner *= *dims[outer - 1].shape.constantValue();
    --outer;
  }
  int64_t count = 1;
  for (size_t i = 0; i < outer; ++i) count *= *dims[i].shape.constantValue();
  if (count == 1) return {range(g.off, Expr::constant(inner))};
  if (count > kMaxRowRefs) {
    notes_.push_back("GlobalTensor at " + std::to_string(a.loc.line) + ":" +
                     std::to_string(a.loc.col) + ": " + std::to_string(count) +
                     " strided rows are modelled as one byte range (its hull)");
    return hull();
  }
  std::vector<Ref> refs;
  std::vector<int64_t> idx(outer, 0);
  for (int64_t n = 0; n < count; ++n) {
    int64_t off = 0;
    for (size_t i = 0; i < outer; ++i) off += idx[i] * *dims[i].stride.constantValue();
    Expr lo = off == 0 ? g.off : g.off + Expr::constant(off * g.elemSize);
    refs.push_back(range(lo, Expr::constant(inner)));
    for (size_t i = outer; i-- > 0;) {
      if (++idx[i] < *dims[i].shape.constantValue()) break;
      idx[i] = 0;
    }
  }
  return refs;
}

}  // namespace syncsmith::pto
