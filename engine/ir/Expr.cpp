#include "ir/Expr.h"

#include <limits>

namespace syncsmith {

struct Expr::Node {
  Kind kind;
  SrcLoc loc;
  int64_t value = 0;
  std::string name;
  Expr lhs, rhs;  // lhs doubles as the operand of Neg
};

int64_t floorDiv(int64_t a, int64_t b) {
  if (a == std::numeric_limits<int64_t>::min() && b == -1) return a;  // wraps
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

int64_t floorMod(int64_t a, int64_t b) {
  if (b == -1) return 0;
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

void Env::set(std::string_view name, int64_t value) {
  for (auto it = vars_.rbegin(); it != vars_.rend(); ++it)
    if (it->first == name) {
      it->second = value;
      return;
    }
  push(name, value);
}

std::optional<int64_t> Env::lookup(std::string_view name) const {
  for (auto it = vars_.rbegin(); it != vars_.rend(); ++it)
    if (it->first == name) return it->second;
  return std::nullopt;
}

Expr::Expr() : node_(nullptr) {}

Expr Expr::constant(int64_t v, SrcLoc loc) {
  auto n = std::make_shared<Node>();
  n->kind = Kind::Const;
  n->value = v;
  n->loc = loc;
  return Expr(std::move(n));
}

Expr Expr::var(std::string name, SrcLoc loc) {
  auto n = std::make_shared<Node>();
  n->kind = Kind::Var;
  n->name = std::move(name);
  n->loc = loc;
  return Expr(std::move(n));
}

Expr Expr::neg(Expr e, SrcLoc loc) {
  auto n = std::make_shared<Node>();
  n->kind = Kind::Neg;
  n->lhs = std::move(e);
  n->loc = loc;
  return Expr(std::move(n));
}

Expr Expr::binary(Kind k, Expr l, Expr r, SrcLoc loc) {
  auto n = std::make_shared<Node>();
  n->kind = k;
  n->lhs = std::move(l);
  n->rhs = std::move(r);
  n->loc = loc;
  return Expr(std::move(n));
}

Expr::Kind Expr::kind() const { return node_ ? node_->kind : Kind::Const; }
int64_t Expr::value() const { return node_ ? node_->value : 0; }
const std::string& Expr::name() const { return node_->name; }
const Expr& Expr::operand() const { return node_->lhs; }
const Expr& Expr::lhs() const { return node_->lhs; }
const Expr& Expr::rhs() const { return node_->rhs; }
SrcLoc Expr::loc() const { return node_ ? node_->loc : SrcLoc{}; }
bool Expr::isBinary() const {
  Kind k = kind();
  return k != Kind::Const && k != Kind::Var && k != Kind::Neg;
}

int64_t Expr::eval(const Env& env) const {
  switch (kind()) {
    case Kind::Const:
      return value();
    case Kind::Var: {
      auto v = env.lookup(name());
      if (!v) throw EvalError(loc(), "unbound name '" + name() + "'");
      return *v;
    }
    case Kind::Neg:
      return int64_t(0ull - uint64_t(operand().eval(env)));
    default:
      break;
  }
  int64_t a = lhs().eval(env);
  int64_t b = rhs().eval(env);
  switch (kind()) {
    case Kind::Add: return int64_t(uint64_t(a) + uint64_t(b));
    case Kind::Sub: return int64_t(uint64_t(a) - uint64_t(b));
    case Kind::Mul: return int64_t(uint64_t(a) * uint64_t(b));
    case Kind::Div:
    case Kind::Mod:
      if (b == 0) throw EvalError(rhs().loc(), "division by zero");
      return kind() == Kind::Div ? floorDiv(a, b) : floorMod(a, b);
    default:
      return 0;
  }
}

std::optional<int64_t> Expr::constantValue() const {
  std::vector<std::string> names;
  collectNames(names);
  if (!names.empty()) return std::nullopt;
  try {
    return eval(Env{});
  } catch (const EvalError&) {
    return std::nullopt;
  }
}

namespace {

Affine scale(Affine a, int64_t k) {
  if (k == 0) return Affine{};
  a.constant *= k;
  for (auto& [n, c] : a.coeffs) c *= k;
  return a;
}

Affine addAffine(Affine a, const Affine& b, int64_t sign) {
  a.constant += sign * b.constant;
  for (const auto& [n, c] : b.coeffs) {
    int64_t& slot = a.coeffs[n];
    slot += sign * c;
    if (slot == 0) a.coeffs.erase(n);
  }
  return a;
}

}  // namespace

std::optional<Affine> Expr::affine() const {
  switch (kind()) {
    case Kind::Const:
      return Affine{value(), {}};
    case Kind::Var: {
      Affine a;
      a.coeffs[name()] = 1;
      return a;
    }
    case Kind::Neg: {
      auto a = operand().affine();
      if (!a) return std::nullopt;
      return scale(*a, -1);
    }
    default:
      break;
  }
  auto l = lhs().affine();
  auto r = rhs().affine();
  if (!l || !r) return std::nullopt;
  switch (kind()) {
    case Kind::Add: return addAffine(*l, *r, 1);
    case Kind::Sub: return addAffine(*l, *r, -1);
    case Kind::Mul:
      if (l->isConstant()) return scale(*r, l->constant);
      if (r->isConstant()) return scale(*l, r->constant);
      return std::nullopt;
    case Kind::Div:
    case Kind::Mod:
      if (l->isConstant() && r->isConstant() && r->constant != 0)
        return Affine{kind() == Kind::Div ? floorDiv(l->constant, r->constant)
                                          : floorMod(l->constant, r->constant),
                      {}};
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

void Expr::collectNames(std::vector<std::string>& out) const {
  switch (kind()) {
    case Kind::Const: return;
    case Kind::Var: out.push_back(name()); return;
    case Kind::Neg: operand().collectNames(out); return;
    default:
      lhs().collectNames(out);
      rhs().collectNames(out);
  }
}

bool Expr::operator==(const Expr& o) const {
  if (node_ == o.node_) return true;
  if (kind() != o.kind()) return false;
  switch (kind()) {
    case Kind::Const: return value() == o.value();
    case Kind::Var: return name() == o.name();
    case Kind::Neg: return operand() == o.operand();
    default: return lhs() == o.lhs() && rhs() == o.rhs();
  }
}

namespace {

int precedence(Expr::Kind k) {
  switch (k) {
    case Expr::Kind::Add:
    case Expr::Kind::Sub: return 1;
    case Expr::Kind::Mul:
    case Expr::Kind::Div:
    case Expr::Kind::Mod: return 2;
    default: return 3;  // atoms and unary minus
  }
}

const char* opText(Expr::Kind k) {
  switch (k) {
    case Expr::Kind::Add: return "+";
    case Expr::Kind::Sub: return "-";
    case Expr::Kind::Mul: return "*";
    case Expr::Kind::Div: return "/";
    case Expr::Kind::Mod: return "%";
    default: return "?";
  }
}

void print(const Expr& e, std::string& out);

void printChild(const Expr& child, int minPrec, std::string& out) {
  bool paren = precedence(child.kind()) < minPrec;
  // A negative constant prints as "-3", which is an atom when re-parsed.
  if (paren) out += '(';
  print(child, out);
  if (paren) out += ')';
}

void print(const Expr& e, std::string& out) {
  switch (e.kind()) {
    case Expr::Kind::Const:
      out += std::to_string(e.value());
      return;
    case Expr::Kind::Var:
      out += e.name();
      return;
    case Expr::Kind::Neg:
      out += '-';
      // -(a+b) needs parentheses, and so does -(-a) for readability.
      // A constant operand keeps its parentheses: the parser folds "-3"
      // into the constant -3, so Neg(3) must print as "-(3)".
      if (e.operand().kind() == Expr::Kind::Neg ||
          e.operand().kind() == Expr::Kind::Const)
        out += '(', print(e.operand(), out), out += ')';
      else
        printChild(e.operand(), 3, out);
      return;
    default:
      break;
  }
  int p = precedence(e.kind());
  printChild(e.lhs(), p, out);
  out += opText(e.kind());
  // Left-associative: a right operand of equal precedence needs parentheses.
  // A negative constant on the right prints as " -3" after a space so that
  // "a - -3" never reads as a single token.
  bool negRhs = (e.rhs().kind() == Expr::Kind::Const && e.rhs().value() < 0) ||
                e.rhs().kind() == Expr::Kind::Neg;
  if (negRhs) out += ' ';
  printChild(e.rhs(), p + 1, out);
}

}  // namespace

std::string Expr::str() const {
  std::string out;
  print(*this, out);
  return out;
}

Expr operator+(Expr a, Expr b) {
  return Expr::binary(Expr::Kind::Add, std::move(a), std::move(b));
}
Expr operator-(Expr a, Expr b) {
  return Expr::binary(Expr::Kind::Sub, std::move(a), std::move(b));
}
Expr operator*(Expr a, Expr b) {
  return Expr::binary(Expr::Kind::Mul, std::move(a), std::move(b));
}
Expr operator/(Expr a, Expr b) {
  return Expr::binary(Expr::Kind::Div, std::move(a), std::move(b));
}
Expr operator%(Expr a, Expr b) {
  return Expr::binary(Expr::Kind::Mod, std::move(a), std::move(b));
}

}  // namespace syncsmith
