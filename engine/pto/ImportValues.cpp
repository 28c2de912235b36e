// Values made by name: builtin calls (params), conversions to a declared
// type, and the constructors of Tile, pto::Shape / pto::Stride and
// GlobalTensor.
#include "pto/ExprFold.h"
#include "pto/Importer.h"

namespace syncsmith::pto {

// ---- builtins and conversions -----------------------------------------------

const std::vector<Builtin>& builtins() {
  static const std::vector<Builtin> kBuiltins = {
      {"get_block_idx", "block_idx", {0, 1}},
      {"get_block_num", "block_num", {2, 2}},
      {"get_subblockid", "subblock_id", {0, 1}},
      {"get_subblockdim", "subblock_dim", {2, 2}},
  };
  return kBuiltins;
}

Value Importer::builtinCall(const std::string& name, SrcLoc loc) {
  for (const Builtin& b : builtins()) {
    if (name == b.call) {
      builtinsUsed_.insert(std::string(b.param));
      return IntVal{Expr::var(std::string(b.param), loc)};
    }
  }
  fail(loc, "unknown call '" + name + "' in an expression");
}

Value Importer::convert(const TypeNode& t, Value v, SrcLoc loc) {
  if (t.pointers > 0) {
    if (t.addrSpace == "__gm__") {
      auto* p = std::get_if<GmPtrVal>(&v);
      if (!p) fail(loc, "cannot make a GM pointer from " + std::string(valueKindName(v)));
      auto es = elementSize(t.name);
      if (!es) fail(t.loc, "unknown element type '" + t.name + "'");
      if (*es == p->elemSize) return v;
      auto off = p->off.constantValue();
      if (t.pointers != 1 || !off || (*off * p->elemSize) % *es)
        fail(loc, "a GM pointer cast that changes the element size is not supported");
      return GmPtrVal{p->arg, *es, Expr::constant(*off * p->elemSize / *es, loc)};
    }
    if (!t.addrSpace.empty()) {
      if (!std::holds_alternative<LocalPtrVal>(v))
        fail(loc, "cannot make a " + t.addrSpace + " pointer from " + std::string(valueKindName(v)));
      return v;
    }
    fail(loc, "pointer type '" + t.str() + "' without an address space is not supported");
  }
  if (t.templated || isClassTypeName(t.name)) {
    std::string_view want = t.name == "Tile" ? "a tile"
                            : t.name == "GlobalTensor" ? "a GlobalTensor"
                                                       : "a shape or stride";
    auto it = aliases_.find(t.name);
    if (it != aliases_.end()) return convert(it->second, std::move(v), loc);
    if (valueKindName(v) != want)
      fail(loc, "cannot initialize '" + t.str() + "' from " + std::string(valueKindName(v)));
    return v;
  }
  switch (scalarClass(t.name)) {
    case ScalarClass::Auto: return v;
    case ScalarClass::Float: return OpaqueVal{"a " + t.name + " value"};
    case ScalarClass::Bool: return asBool(v, loc);
    case ScalarClass::Int:
    case ScalarClass::Event: {
      if (std::holds_alternative<OpaqueVal>(v) || std::holds_alternative<MinVal>(v)) return v;
      if (auto* p = std::get_if<LocalPtrVal>(&v)) return IntVal{p->addr};
      if (std::holds_alternative<GmPtrVal>(v))
        fail(loc, "converting a GM pointer to an integer is not supported");
      Expr e = asInt(v, loc, "the value converted to '" + t.name + "'");
      if (auto c = e.constantValue()) return IntVal{Expr::constant(castConstant(*intType(t.name), *c), loc)};
      return IntVal{e};
    }
    case ScalarClass::None: break;
  }
  fail(t.loc, "unsupported type '" + t.str() + "'");
}

std::vector<Expr> Importer::templateDims(const TypeNode& t, std::string_view what) {
  std::vector<Expr> dims;
  for (const TypeArg& a : t.args) {
    if (!a.value) fail(a.loc, std::string(what) + " dimensions must be integers");
    dims.push_back(Expr::constant(*a.value, a.loc));
  }
  if (dims.empty() || dims.size() > 5) fail(t.loc, std::string(what) + " needs 1 to 5 dimensions");
  while (dims.size() < 5) dims.insert(dims.begin(), Expr::constant(what == "Shape" ? 1 : 0, t.loc));
  return dims;
}

Value Importer::construct(const TypeNode& t, const std::vector<Arg>& args, SrcLoc loc) {
  if (t.name == "Tile") {
    if (t.args.size() < 4) fail(t.loc, "Tile needs at least <TileType, T, Rows, Cols>");
    const TypeArg& kindArg = t.args[0];
    static const std::map<std::string, TileKind> kKinds = {
        {"TileType::Vec", TileKind::Vec},     {"TileType::Mat", TileKind::Mat},
        {"TileType::Left", TileKind::Left},   {"TileType::Right", TileKind::Right},
        {"TileType::Acc", TileKind::Acc},     {"TileType::Bias", TileKind::Bias}};
    auto k = kindArg.type ? kKinds.find(kindArg.type->name) : kKinds.end();
    if (k == kKinds.end())
      fail(kindArg.loc, "unsupported tile type '" +
                            (kindArg.type ? kindArg.type->name : std::to_string(*kindArg.value)) +
                            "' (expected TileType::Vec, Mat, Left, Right, Acc or Bias)");
    const TypeArg& elem = t.args[1];
    auto es = elem.type ? elementSize(elem.type->name) : std::nullopt;
    if (!es) fail(elem.loc, "unknown tile element type");
    TileVal tile;
    tile.kind = k->second;
    tile.elemType = elem.type->name;
    tile.elemSize = *es;
    if (!t.args[2].value || *t.args[2].value <= 0 || !t.args[3].value || *t.args[3].value <= 0)
      fail(t.args[2].loc, "tile rows and columns must be positive constants");
    tile.rows = *t.args[2].value;
    tile.cols = *t.args[3].value;
    if (tile.rows > (int64_t(1) << 20) || tile.cols > (int64_t(1) << 20))
      fail(t.args[2].loc, "tile too large");
    tile.declLoc = loc;
    for (const Arg& a : args) asInt(a.v, a.loc, "a tile's valid shape");
    return tile;
  }
  if (t.name == "Shape" || t.name == "Stride") {
    DimsVal d;
    d.isStride = t.name == "Stride";
    d.dims = templateDims(t, t.name);
    std::vector<size_t> dynamic;
    for (size_t i = 0; i < 5; ++i)
      if (isConstant(d.dims[i], -1)) dynamic.push_back(i);
    if (!args.empty() && args.size() != 5 && args.size() != dynamic.size())
      fail(loc, t.name + " takes all 5 dimensions or one value per -1 dimension");
    for (size_t i = 0; i < args.size(); ++i) {
      size_t dim = args.size() == 5 ? i : dynamic[i];
      Expr e = asInt(args[i].v, args[i].loc, "a dimension");
      if (isConstant(d.dims[dim], -1)) d.dims[dim] = e;
    }
    for (const Expr& e : d.dims)
      if (isConstant(e, -1)) fail(loc, t.name + " has a dynamic (-1) dimension without a value");
    return d;
  }
  if (t.name == "GlobalTensor") {
    if (t.args.size() < 3 || !t.args[0].type || !t.args[1].type || !t.args[2].type)
      fail(t.loc, "GlobalTensor needs <T, Shape, Stride[, Layout]>");
    auto es = elementSize(t.args[0].type->name);
    if (!es) fail(t.args[0].loc, "unknown GlobalTensor element type '" + t.args[0].type->name + "'");
    if (args.size() != 1 && args.size() != 3)
      fail(loc, "GlobalTensor takes (pointer) or (pointer, shape, stride)");
    auto* p = std::get_if<GmPtrVal>(&args[0].v);
    if (!p) fail(args[0].loc, "a GlobalTensor needs a GM pointer, found " +
                                  std::string(valueKindName(args[0].v)));
    GlobalVal g;
    g.arg = p->arg;
    g.elemSize = *es;
    g.off = foldArith(Expr::Kind::Mul, p->off, Expr::constant(p->elemSize, loc), loc, file_);
    auto dimsOf = [&](const TypeNode& ty, const char* want) {
      TypeNode r = ty;
      if (auto it = aliases_.find(r.name); it != aliases_.end()) r = it->second;
      if (r.name != want) fail(ty.loc, std::string("expected a ") + want + " type");
      return construct(r, {}, ty.loc);
    };
    if (args.size() == 3) {
      auto* s = std::get_if<DimsVal>(&args[1].v);
      auto* st = std::get_if<DimsVal>(&args[2].v);
      if (!s || s->isStride) fail(args[1].loc, "expected a pto::Shape");
      if (!st || !st->isStride) fail(args[2].loc, "expected a pto::Stride");
      g.shape = s->dims;
      g.stride = st->dims;
    } else {
      g.shape = std::get<DimsVal>(dimsOf(*t.args[1].type, "Shape")).dims;
      g.stride = std::get<DimsVal>(dimsOf(*t.args[2].type, "Stride")).dims;
    }
    return g;
  }
  if (auto it = aliases_.find(t.name); it != aliases_.end()) return construct(it->second, args, loc);
  fail(loc, "cannot construct '" + t.str() + "'");
}

}  // namespace syncsmith::pto
