#include "reduce/KernelEdit.h"

#include <functional>
#include <map>

#include "model/Trace.h"

namespace syncsmith::reduce {
namespace {

void collectPaths(const Block& b, BlockPath& cur, size_t depth,
                  std::vector<std::vector<BlockPath>>& byDepth) {
  if (byDepth.size() <= depth) byDepth.resize(depth + 1);
  byDepth[depth].push_back(cur);
  for (size_t i = 0; i < b.size(); ++i) {
    auto visit = [&](const Block& inner, int arm) {
      cur.push_back({i, arm});
      collectPaths(inner, cur, depth + 1, byDepth);
      cur.pop_back();
    };
    if (auto* f = b[i].forLoop()) visit(f->body, 0);
    if (auto* x = b[i].ifStmt()) {
      visit(x->thenBody, 0);
      if (x->elseBody) visit(*x->elseBody, 1);
    }
  }
}

template <class K, class B>
B* blockAtImpl(K& k, const BlockPath& p) {
  B* b = &k.body;
  for (const BlockStep& s : p) {
    if (s.stmt >= b->size()) return nullptr;
    auto& st = (*b)[s.stmt];
    if (auto* f = st.forLoop()) {
      if (s.arm != 0) return nullptr;
      b = &f->body;
    } else if (auto* x = st.ifStmt()) {
      if (s.arm == 0)
        b = &x->thenBody;
      else if (x->elseBody)
        b = &*x->elseBody;
      else
        return nullptr;
    } else {
      return nullptr;
    }
  }
  return b;
}

bool exprUses(const Expr& e, const std::string& name) {
  std::vector<std::string> names;
  e.collectNames(names);
  for (const std::string& n : names)
    if (n == name) return true;
  return false;
}

// Calls f on every expression of the block (Block or const Block).
template <class B, class F>
void forEachExpr(B& b, F&& f) {
  forEachStmt(b, [&](auto& s) {
    if (auto* op = s.op()) {
      for (auto* refs : {&op->writes, &op->reads})
        for (auto& r : *refs) {
          if (r.slot) f(*r.slot);
          if (r.lo) f(*r.lo), f(*r.hi);
        }
    } else if (auto* y = s.sync()) {
      if (y->isFlag()) f(y->id.expr);
    } else if (auto* l = s.forLoop()) {
      f(l->lo);
      f(l->hi);
    } else if (auto* i = s.ifStmt()) {
      if (!i->cond.runtime) f(i->cond.lhs), f(i->cond.rhs);
    }
  });
}

}  // namespace

std::vector<BlockPath> blockPaths(const Kernel& k) {
  std::vector<std::vector<BlockPath>> byDepth;
  BlockPath cur;
  collectPaths(k.body, cur, 0, byDepth);
  std::vector<BlockPath> out;
  for (auto& level : byDepth)
    for (auto& p : level) out.push_back(std::move(p));
  return out;
}

Block* blockAt(Kernel& k, const BlockPath& p) { return blockAtImpl<Kernel, Block>(k, p); }
const Block* blockAt(const Kernel& k, const BlockPath& p) {
  return blockAtImpl<const Kernel, const Block>(k, p);
}

Expr constantExpr(int64_t v) { return Expr::constant(v); }

Expr fold(const Expr& e) {
  using K = Expr::Kind;
  switch (e.kind()) {
    case K::Const:
    case K::Var:
      return e;
    case K::Neg: {
      Expr x = fold(e.operand());
      if (x.kind() == K::Const && x.value() != INT64_MIN) return constantExpr(-x.value());
      return Expr::neg(x);
    }
    default:
      break;
  }
  Expr l = fold(e.lhs()), r = fold(e.rhs());
  auto lc = l.constantValue(), rc = r.constantValue();
  if (lc && rc) {
    __int128 a = *lc, b = *rc, v = 0;
    bool ok = true;
    switch (e.kind()) {
      case K::Add: v = a + b; break;
      case K::Sub: v = a - b; break;
      case K::Mul: v = a * b; break;
      case K::Div: ok = b != 0, v = ok ? floorDiv(*lc, *rc) : 0; break;
      case K::Mod: ok = b != 0, v = ok ? floorMod(*lc, *rc) : 0; break;
      default: ok = false;
    }
    if (ok && v >= INT64_MIN / 2 && v <= INT64_MAX / 2) return constantExpr(int64_t(v));
  }
  switch (e.kind()) {
    case K::Add:
      if (rc == 0) return l;
      if (lc == 0) return r;
      break;
    case K::Sub:
      if (rc == 0) return l;
      break;
    case K::Mul:
      if (rc == 1) return l;
      if (lc == 1) return r;
      if (rc == 0 || lc == 0) return Expr::constant(0);
      break;
    case K::Mod:
      if (rc == 1) return Expr::constant(0);
      break;
    default:
      break;
  }
  return Expr::binary(e.kind(), l, r);
}

Expr substitute(const Expr& e, const std::string& name, const Expr& value) {
  using K = Expr::Kind;
  std::function<Expr(const Expr&)> go = [&](const Expr& x) -> Expr {
    switch (x.kind()) {
      case K::Const: return x;
      case K::Var: return x.name() == name ? value : x;
      case K::Neg: return Expr::neg(go(x.operand()));
      default: return Expr::binary(x.kind(), go(x.lhs()), go(x.rhs()));
    }
  };
  return fold(go(e));
}

void substituteBlock(Block& b, const std::string& name, const Expr& value) {
  forEachExpr(b, [&](Expr& e) {
    if (exprUses(e, name)) e = substitute(e, name, value);
  });
}

void renameBufferRefs(Block& b, const std::string& from, const std::string& to) {
  forEachRef(b, [&](Ref& r) {
    if (r.buffer == from) r.buffer = to;
  });
}

bool usesBuffer(const Block& b, const std::string& buffer) {
  bool used = false;
  forEachStmt(b, [&](const Stmt& s) {
    if (auto* op = s.op())
      for (auto* refs : {&op->writes, &op->reads})
        for (const Ref& r : *refs) used |= r.buffer == buffer;
  });
  return used;
}

bool usesName(const Block& b, const std::string& name) {
  bool used = false;
  forEachExpr(b, [&](const Expr& e) { used |= exprUses(e, name); });
  return used;
}

KernelSize kernelSize(const Kernel& k, size_t textLength) {
  KernelSize s;
  StmtCounts c = countStmts(k);
  s.ops = c.ops;
  s.stmts = c.ops + c.syncs() + c.loops + c.ifs;
  s.decls = int(k.buffers.size() + k.params.size());
  s.text = textLength;
  for (const Buffer& b : k.buffers) {
    s.slots += b.slotCount();
    s.bytes += b.size;
  }
  std::map<std::string, int64_t> params;
  for (const Param& p : k.params) params[p.name] = p.hi;
  TraceOptions opts;
  opts.maxInstrs = 200000;
  s.dynamic = int64_t(buildTrace(k, params, fixedConds({}, true), opts).instrs.size());
  return s;
}

}  // namespace syncsmith::reduce
