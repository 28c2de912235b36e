// Expressions -> Values. Integers become .sk Exprs over params and loop
// variables, folded when constant (C semantics for constants; symbolic `/`
// and `%` assume non-negative operands, where C and .sk agree).
#include <limits>

#include "pto/ExprFold.h"
#include "pto/Importer.h"

namespace syncsmith::pto {
namespace {

int precedence(const std::string& op) {
  if (op == "||") return 1;
  if (op == "&&") return 2;
  if (op == "|") return 3;
  if (op == "^") return 4;
  if (op == "&") return 5;
  if (op == "==" || op == "!=") return 6;
  if (op == "<" || op == "<=" || op == ">" || op == ">=") return 7;
  if (op == "<<" || op == ">>") return 8;
  if (op == "+" || op == "-") return 9;
  if (op == "*" || op == "/" || op == "%") return 10;
  return 0;
}

BoolVal constBool(bool b) {
  BoolVal r;
  r.kind = BoolVal::Kind::Const;
  r.value = b;
  return r;
}

CmpOp invert(CmpOp op) {
  switch (op) {
    case CmpOp::Eq: return CmpOp::Ne;
    case CmpOp::Ne: return CmpOp::Eq;
    case CmpOp::Lt: return CmpOp::Ge;
    case CmpOp::Le: return CmpOp::Gt;
    case CmpOp::Gt: return CmpOp::Le;
    case CmpOp::Ge: return CmpOp::Lt;
  }
  return op;
}

std::optional<int> log2Exact(int64_t v) {
  if (v <= 0 || (v & (v - 1))) return std::nullopt;
  int k = 0;
  while ((int64_t(1) << k) != v) ++k;
  return k;
}

}  // namespace

std::string_view valueKindName(const Value& v) {
  static constexpr std::string_view kNames[] = {
      "an integer", "a boolean", "a value the importer cannot follow", "a GM pointer",
      "a local pointer", "a tile", "a shape or stride", "a GlobalTensor", "a name",
      "a min (x < y ? x : y)"};
  return kNames[v.index()];
}

// ---- integers ---------------------------------------------------------------

Expr Importer::asInt(const Value& v, SrcLoc loc, std::string_view what) {
  if (auto* i = std::get_if<IntVal>(&v)) return i->e;
  if (auto* b = std::get_if<BoolVal>(&v); b && b->kind == BoolVal::Kind::Const)
    return Expr::constant(b->value ? 1 : 0, loc);
  if (auto* e = std::get_if<EnumVal>(&v); e && e->name.rfind("EVENT_ID", 0) == 0 &&
                                          e->name.size() > 8) {
    int64_t n = 0;
    for (char c : e->name.substr(8)) {
      if (c < '0' || c > '9') fail(loc, "'" + e->name + "' is not an event id");
      n = n * 10 + (c - '0');
      if (n > 1'000'000) fail(loc, "'" + e->name + "' is not an event id");
    }
    return Expr::constant(n, loc);
  }
  if (std::holds_alternative<OpaqueVal>(v))
    fail(loc, std::string(what) + " must be an integer the importer can follow, but it is " +
                  std::get<OpaqueVal>(v).what);
  if (std::holds_alternative<MinVal>(v))
    fail(loc, "a non-constant min (x < y ? x : y) is only supported as a loop's upper bound");
  fail(loc, std::string(what) + " must be an integer, but it is " +
                std::string(valueKindName(v)));
}

BoolVal Importer::asBool(const Value& v, SrcLoc loc) {
  if (auto* b = std::get_if<BoolVal>(&v)) return *b;
  if (std::holds_alternative<OpaqueVal>(v)) {
    BoolVal r;
    r.kind = BoolVal::Kind::Runtime;
    r.cond.runtime = true;
    return r;
  }
  Expr e = asInt(v, loc, "a condition");
  if (auto c = e.constantValue()) return constBool(*c != 0);
  BoolVal r;
  r.kind = BoolVal::Kind::Int;
  r.cond.op = CmpOp::Ne;
  r.cond.lhs = e;
  r.cond.rhs = Expr::constant(0, loc);
  return r;
}

// ---- scopes -----------------------------------------------------------------

const Value* Importer::lookup(const std::string& name) const {
  for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
    auto f = it->find(name);
    if (f != it->end()) return &f->second;
  }
  return nullptr;
}

Value* Importer::lookupMutable(const std::string& name) {
  for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
    auto f = it->find(name);
    if (f != it->end()) return &f->second;
  }
  return nullptr;
}

void Importer::declare(const std::string& name, Value v, SrcLoc loc) {
  if (lookup(name) || aliases_.count(name))
    fail(loc, "'" + name + "' is declared twice (the importer expects SSA names)");
  scopes_.back()[name] = std::move(v);
}

// ---- operators --------------------------------------------------------------

Value Importer::applyBinary(const std::string& op, Value a, Value b, SrcLoc loc) {
  using K = Expr::Kind;
  if (op == "&&" || op == "||") {
    BoolVal x = asBool(a, loc), y = asBool(b, loc);
    bool isAnd = op == "&&";
    if (x.kind == BoolVal::Kind::Const) return x.value == isAnd ? Value(y) : Value(x);
    if (y.kind == BoolVal::Kind::Const) return y.value == isAnd ? Value(x) : Value(y);
    fail(loc, "'" + op + "' of two non-constant conditions is not supported");
  }
  bool opaque = std::holds_alternative<OpaqueVal>(a) || std::holds_alternative<OpaqueVal>(b);
  static const std::map<std::string, CmpOp> kCmp = {{"==", CmpOp::Eq}, {"!=", CmpOp::Ne},
                                                    {"<", CmpOp::Lt},  {"<=", CmpOp::Le},
                                                    {">", CmpOp::Gt},  {">=", CmpOp::Ge}};
  if (auto c = kCmp.find(op); c != kCmp.end()) {
    if (opaque) return asBool(OpaqueVal{"a comparison"}, loc);
    Expr x = asInt(a, loc, "an operand of '" + op + "'");
    Expr y = asInt(b, loc, "an operand of '" + op + "'");
    auto cx = x.constantValue(), cy = y.constantValue();
    if (cx && cy) return constBool(compare(c->second, *cx, *cy));
    BoolVal r;
    r.kind = BoolVal::Kind::Int;
    r.cond.op = c->second;
    r.cond.lhs = x;
    r.cond.rhs = y;
    return r;
  }
  if (opaque) return OpaqueVal{"a computed non-integer value"};
  if (op == "+" || op == "-") {
    if (auto* p = std::get_if<GmPtrVal>(&a)) {
      Expr off = asInt(b, loc, "a pointer offset");
      GmPtrVal r = *p;
      r.off = foldArith(op == "+" ? K::Add : K::Sub, p->off, off, loc, file_);
      return r;
    }
    if (auto* p = std::get_if<GmPtrVal>(&b); p && op == "+") {
      GmPtrVal r = *p;
      r.off = foldArith(K::Add, asInt(a, loc, "a pointer offset"), p->off, loc, file_);
      return r;
    }
  }
  Expr x = asInt(a, loc, "an operand of '" + op + "'");
  Expr y = asInt(b, loc, "an operand of '" + op + "'");
  if (op == "+") return IntVal{foldArith(K::Add, x, y, loc, file_)};
  if (op == "-") return IntVal{foldArith(K::Sub, x, y, loc, file_)};
  if (op == "*") return IntVal{foldArith(K::Mul, x, y, loc, file_)};
  if (op == "/") return IntVal{foldArith(K::Div, x, y, loc, file_)};
  if (op == "%") return IntVal{foldArith(K::Mod, x, y, loc, file_)};
  auto cx = x.constantValue(), cy = y.constantValue();
  if (cx && cy) {
    int64_t r = 0;
    if (op == "&") r = *cx & *cy;
    if (op == "|") r = *cx | *cy;
    if (op == "^") r = *cx ^ *cy;
    if (op == "<<" || op == ">>") {
      if (*cy < 0 || *cy > 62) fail(loc, "shift by " + std::to_string(*cy) + " is not supported");
      r = op == "<<" ? int64_t(uint64_t(*cx) << *cy) : (*cx >> *cy);
    }
    return IntVal{Expr::constant(r, loc)};
  }
  if ((op == "<<" || op == ">>") && cy && *cy >= 0 && *cy <= 62) {
    Expr p = Expr::constant(int64_t(1) << *cy, loc);
    return IntVal{foldArith(op == "<<" ? K::Mul : K::Div, x, p, loc, file_)};
  }
  if (op == "&") {
    auto mask = cy ? cy : cx;
    const Expr& other = cy ? x : y;
    if (mask && log2Exact(*mask + 1))  // x & (2^k - 1) == x mod 2^k (two's complement)
      return IntVal{foldArith(K::Mod, other, Expr::constant(*mask + 1, loc), loc, file_)};
  }
  fail(loc, "'" + op + "' on a non-constant integer is not supported");
}

// ---- expression grammar -----------------------------------------------------

Value Importer::parseExpr() {
  SrcLoc loc = peek().loc;
  Value c = parseBinary(1);
  if (!accept("?")) return c;
  BoolVal b = asBool(c, loc);
  Value x = parseExpr();
  expect(":", "in a '?:' expression");
  Value y = parseExpr();
  if (b.kind == BoolVal::Kind::Const) return b.value ? x : y;
  auto* ix = std::get_if<IntVal>(&x);
  auto* iy = std::get_if<IntVal>(&y);
  if (ix && iy && ix->e == iy->e) return x;
  // min(x, y) spelled `x < y ? x : y` (or <=, >, >= with the arms swapped).
  if (ix && iy && b.kind == BoolVal::Kind::Int) {
    const Cond& c = b.cond;
    bool lessThan = c.op == CmpOp::Lt || c.op == CmpOp::Le;
    bool greater = c.op == CmpOp::Gt || c.op == CmpOp::Ge;
    if ((lessThan && c.lhs == ix->e && c.rhs == iy->e) || (greater && c.lhs == iy->e && c.rhs == ix->e))
      return MinVal{ix->e, iy->e};
  }
  fail(loc, "'?:' with a non-constant condition is not supported (except min: x < y ? x : y, "
            "as a loop bound)");
}

Value Importer::parseBinary(int minPrec) {
  Value lhs = parseUnary();
  while (true) {
    const Token& t = peek();
    if (t.kind != TokKind::Punct) return lhs;
    std::string op = t.text;
    size_t width = 1;
    // `>>` is lexed as two `>` (templates); rejoin when adjacent.
    if (op == ">" && peek(1).is(">") && peek(1).loc.line == t.loc.line &&
        peek(1).loc.col == t.loc.col + 1) {
      op = ">>";
      width = 2;
    }
    int prec = precedence(op);
    if (prec == 0 || prec < minPrec) return lhs;
    SrcLoc loc = t.loc;
    for (size_t i = 0; i < width; ++i) next();
    Value rhs = parseBinary(prec + 1);
    lhs = applyBinary(op, std::move(lhs), std::move(rhs), loc);
  }
}

Value Importer::parseUnary() {
  SrcLoc loc = peek().loc;
  if (accept("-")) {
    Value v = parseUnary();
    if (std::holds_alternative<OpaqueVal>(v)) return v;
    return IntVal{foldArith(Expr::Kind::Sub, Expr::constant(0, loc), asInt(v, loc, "an operand of '-'"),
                            loc, file_)};
  }
  if (accept("+")) return parseUnary();
  if (accept("!")) {
    BoolVal b = asBool(parseUnary(), loc);
    if (b.kind == BoolVal::Kind::Const) b.value = !b.value;
    if (b.kind == BoolVal::Kind::Int) b.cond.op = invert(b.cond.op);
    return b;
  }
  if (accept("~")) {
    Expr e = asInt(parseUnary(), loc, "an operand of '~'");
    auto c = e.constantValue();
    if (!c) fail(loc, "'~' on a non-constant integer is not supported");
    return IntVal{Expr::constant(~*c, loc)};
  }
  if (peek().is("&") || peek().is("*"))
    fail(loc, "'" + peek().text + "' (address-of / dereference) is not supported");
  if (peek().is("++") || peek().is("--"))
    fail(loc, "'" + peek().text + "' outside a for header is not supported");
  if (peek().is("(") && atTypeStart(1)) {  // C-style cast
    next();
    TypeNode t = parseType();
    expect(")", "after a cast type");
    return convert(t, parseUnary(), loc);
  }
  return parsePostfix();
}

Value Importer::parsePostfix() {
  Value v = parsePrimary();
  while (peek().is(".") || peek().is("->") || peek().is("[") || peek().is("(")) {
    const Token& t = next();
    if (!t.is(".")) fail(t.loc, "'" + t.text + "' here is not supported");
    const Token& m = expectIdent("a member name");
    if (m.text != "data") fail(m.loc, "member '" + m.text + "' is not supported (only .data())");
    expect("(", "after .data");
    expect(")", "after .data(");
    auto* tile = std::get_if<TileVal>(&v);
    if (!tile) fail(m.loc, ".data() needs a tile, found " + std::string(valueKindName(v)));
    if (!tile->addr) fail(m.loc, ".data() of a tile before TASSIGN gives it an address");
    v = LocalPtrVal{tile->kind, *tile->addr};
  }
  return v;
}

std::vector<Arg> Importer::parseCallArgs() {
  std::vector<Arg> args;
  if (accept(")")) return args;
  while (true) {
    Arg a;
    a.loc = peek().loc;
    if (peek().kind == TokKind::Ident && (peek(1).is(",") || peek(1).is(")")))
      a.ident = peek().text;
    a.v = parseExpr();
    args.push_back(std::move(a));
    if (accept(")")) return args;
    expect(",", "between arguments");
  }
}

Value Importer::parsePrimary() {
  const Token& t = peek();
  SrcLoc loc = t.loc;
  switch (t.kind) {
    case TokKind::Int: next(); return IntVal{Expr::constant(t.intValue, loc)};
    case TokKind::Float: next(); return OpaqueVal{"a floating-point literal"};
    case TokKind::String: fail(loc, "a string literal is not supported here");
    case TokKind::Directive: fail(loc, "a preprocessor line inside an expression");
    case TokKind::End: fail(loc, "expected an expression, found the end of the file");
    default: break;
  }
  if (accept("(")) {
    Value v = parseExpr();
    expect(")", "to close '('");
    return v;
  }
  if (t.kind != TokKind::Ident) fail(loc, "expected an expression, found '" + t.text + "'");
  if (t.text == "true" || t.text == "false") {
    next();
    return constBool(t.text == "true");
  }
  if (t.text == "static_cast" || t.text == "reinterpret_cast") {
    next();
    expect("<", "after " + t.text);
    TypeNode ty = parseType();
    expect(">", "to close the cast type");
    expect("(", "after the cast type");
    Value v = parseExpr();
    expect(")", "to close the cast");
    return convert(ty, std::move(v), loc);
  }
  if (atTypeStart()) {
    TypeNode ty = parseType();
    if (!peek().is("(")) fail(peek().loc, "expected '(' after the type '" + ty.str() + "'");
    next();
    std::vector<Arg> args = parseCallArgs();
    if (!ty.templated && !isClassTypeName(ty.name)) {
      if (args.size() != 1) fail(loc, "a functional cast takes one argument");
      return convert(ty, args[0].v, loc);
    }
    return construct(ty, args, loc);
  }
  next();
  std::string name = t.text;
  while (peek().is("::")) {
    next();
    name += "::" + expectIdent("a name after '::'").text;
  }
  if (peek().is("(")) {
    next();
    std::vector<Arg> args = parseCallArgs();
    if (!args.empty()) fail(loc, "unknown call '" + name + "' in an expression");
    return builtinCall(name, loc);
  }
  if (name.find("::") == std::string::npos) {
    if (const Value* v = lookup(name)) {
      if (auto* iv = std::get_if<IntVal>(v)) return IntVal{iv->e};
      return *v;
    }
  }
  if (name.find("::") != std::string::npos || name.rfind("PIPE_", 0) == 0 ||
      name.rfind("EVENT_ID", 0) == 0)
    return EnumVal{name};
  fail(loc, "unknown name '" + name + "'");
}

}  // namespace syncsmith::pto
