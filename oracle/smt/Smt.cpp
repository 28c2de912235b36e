#include "oracle/smt/Smt.h"

#include <z3++.h>

namespace syncsmith::smt {

struct Context::Impl {
  z3::context ctx;
  z3::expr_vector terms{ctx};

  z3::expr get(const Term& t, bool isBool, int64_t value, int32_t node) {
    if (node >= 0) return terms[unsigned(node)];
    if (isBool) return ctx.bool_val(value != 0);
    return ctx.int_val(value);
  }
};

Context::Context() : impl_(std::make_unique<Impl>()) {}
Context::~Context() = default;

size_t Context::numTerms() const { return impl_->terms.size(); }

Term Context::wrap(const void* e, bool isBool) {
  const z3::expr& x = *static_cast<const z3::expr*>(e);
  Term t;
  t.isBool_ = isBool;
  t.node_ = int32_t(impl_->terms.size());
  impl_->terms.push_back(x);
  return t;
}

#define Z3E(t) impl_->get((t), (t).isBool_, (t).value_, (t).node_)

Term Context::boolVal(bool b) const {
  Term t;
  t.value_ = b ? 1 : 0;
  return t;
}

Term Context::intVal(int64_t v) const {
  Term t;
  t.isBool_ = false;
  t.value_ = v;
  return t;
}

Term Context::boolVar(const std::string& name) {
  z3::expr e = impl_->ctx.bool_const(name.c_str());
  return wrap(&e, true);
}

Term Context::intVar(const std::string& name) {
  z3::expr e = impl_->ctx.int_const(name.c_str());
  return wrap(&e, false);
}

Term Context::mkNot(Term a) {
  if (a.isConst()) return boolVal(a.value_ == 0);
  z3::expr e = !Z3E(a);
  return wrap(&e, true);
}

Term Context::mkAnd(Term a, Term b) {
  if (a.isFalse() || b.isFalse()) return boolVal(false);
  if (a.isTrue()) return b;
  if (b.isTrue()) return a;
  if (a.node_ == b.node_) return a;
  z3::expr e = Z3E(a) && Z3E(b);
  return wrap(&e, true);
}

Term Context::mkAnd(const std::vector<Term>& ts) {
  z3::expr_vector v(impl_->ctx);
  Term single = boolVal(true);
  for (const Term& t : ts) {
    if (t.isFalse()) return boolVal(false);
    if (t.isTrue()) continue;
    v.push_back(Z3E(t));
    single = t;
  }
  if (v.empty()) return boolVal(true);
  if (v.size() == 1) return single;
  z3::expr e = z3::mk_and(v);
  return wrap(&e, true);
}

Term Context::mkOr(Term a, Term b) {
  if (a.isTrue() || b.isTrue()) return boolVal(true);
  if (a.isFalse()) return b;
  if (b.isFalse()) return a;
  if (a.node_ == b.node_) return a;
  z3::expr e = Z3E(a) || Z3E(b);
  return wrap(&e, true);
}

Term Context::mkOr(const std::vector<Term>& ts) {
  z3::expr_vector v(impl_->ctx);
  Term single = boolVal(false);
  for (const Term& t : ts) {
    if (t.isTrue()) return boolVal(true);
    if (t.isFalse()) continue;
    v.push_back(Z3E(t));
    single = t;
  }
  if (v.empty()) return boolVal(false);
  if (v.size() == 1) return single;
  z3::expr e = z3::mk_or(v);
  return wrap(&e, true);
}

Term Context::implies(Term a, Term b) {
  if (a.isFalse() || b.isTrue()) return boolVal(true);
  if (a.isTrue()) return b;
  if (b.isFalse()) return mkNot(a);
  z3::expr e = z3::implies(Z3E(a), Z3E(b));
  return wrap(&e, true);
}

Term Context::ite(Term c, Term a, Term b) {
  if (c.isTrue()) return a;
  if (c.isFalse()) return b;
  if (a.isConst() && b.isConst() && a.value_ == b.value_ && a.isBool_ == b.isBool_) return a;
  z3::expr e = z3::ite(Z3E(c), Z3E(a), Z3E(b));
  return wrap(&e, a.isBool_);
}

Term Context::add(Term a, int64_t k) {
  if (k == 0) return a;
  if (a.isConst()) return intVal(a.value_ + k);
  z3::expr e = Z3E(a) + impl_->ctx.int_val(k);
  return wrap(&e, false);
}

Term Context::add(Term a, Term b) {
  if (b.isConst()) return add(a, b.value_);
  if (a.isConst()) return add(b, a.value_);
  z3::expr e = Z3E(a) + Z3E(b);
  return wrap(&e, false);
}

Term Context::sub(Term a, Term b) {
  if (b.isConst()) return add(a, -b.value_);
  z3::expr e = Z3E(a) - Z3E(b);
  return wrap(&e, false);
}

Term Context::eq(Term a, Term b) {
  if (a.isConst() && b.isConst()) return boolVal(a.value_ == b.value_);
  if (a.node_ >= 0 && a.node_ == b.node_) return boolVal(true);
  z3::expr e = Z3E(a) == Z3E(b);
  return wrap(&e, true);
}

Term Context::le(Term a, Term b) {
  if (a.isConst() && b.isConst()) return boolVal(a.value_ <= b.value_);
  if (a.node_ >= 0 && a.node_ == b.node_) return boolVal(true);
  z3::expr e = Z3E(a) <= Z3E(b);
  return wrap(&e, true);
}

Term Context::lt(Term a, Term b) {
  if (a.isConst() && b.isConst()) return boolVal(a.value_ < b.value_);
  if (a.node_ >= 0 && a.node_ == b.node_) return boolVal(false);
  z3::expr e = Z3E(a) < Z3E(b);
  return wrap(&e, true);
}

Term Context::diffGe(Term a, Term b, int64_t w) {
  if (a.isConst() && b.isConst()) return boolVal(b.value_ - a.value_ >= w);
  if (a.node_ >= 0 && a.node_ == b.node_) return boolVal(w <= 0);
  z3::expr e = Z3E(b) - Z3E(a) >= impl_->ctx.int_val(w);
  return wrap(&e, true);
}

#undef Z3E

// ---------------------------------------------------------------- Model

struct Model::Impl {
  Context::Impl& ctx;
  z3::model model;
};

Model::Model() = default;
Model::~Model() = default;
Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;

bool Model::evalBool(Term t) const {
  if (t.isConst()) return t.value_ != 0;
  z3::expr v = impl_->model.eval(impl_->ctx.terms[unsigned(t.node_)], true);
  return v.is_true();
}

int64_t Model::evalInt(Term t) const {
  if (t.isConst()) return t.value_;
  z3::expr v = impl_->model.eval(impl_->ctx.terms[unsigned(t.node_)], true);
  int64_t out = 0;
  if (!v.is_numeral_i64(out)) return 0;
  return out;
}

// ---------------------------------------------------------------- Solver

struct Solver::Impl {
  z3::solver solver;
};

namespace {
z3::solver makeSolver(z3::context& c, const SolverOptions& o) {
  if (!o.logic.empty()) return z3::solver(c, o.logic.c_str());
  return z3::solver(c);
}
}  // namespace

Solver::Solver(Context& ctx, const SolverOptions& opts)
    : ctx_(ctx), impl_(new Impl{makeSolver(ctx.impl_->ctx, opts)}) {
  if (opts.timeoutMs) setTimeout(opts.timeoutMs);
}

Solver::~Solver() = default;

void Solver::setTimeout(unsigned ms) {
  z3::params p(ctx_.impl_->ctx);
  p.set("timeout", ms ? ms : 4294967295u);
  impl_->solver.set(p);
}

void Solver::setResourceLimit(unsigned units) {
  z3::params p(ctx_.impl_->ctx);
  p.set("rlimit", units);
  impl_->solver.set(p);
}

void Solver::add(Term t) {
  if (t.isTrue()) return;
  if (t.isFalse()) {
    trivialUnsat_ = true;
    return;
  }
  impl_->solver.add(ctx_.impl_->terms[unsigned(t.node_)]);
  ++assertions_;
}

SatResult Solver::check(const std::vector<Term>& assumptions) {
  if (trivialUnsat_) return SatResult::Unsat;
  z3::expr_vector v(ctx_.impl_->ctx);
  for (const Term& t : assumptions) {
    if (t.isTrue()) continue;
    if (t.isFalse()) return SatResult::Unsat;
    v.push_back(ctx_.impl_->terms[unsigned(t.node_)]);
  }
  z3::check_result r;
  try {
    r = v.empty() ? impl_->solver.check() : impl_->solver.check(v);
  } catch (const z3::exception&) {
    return SatResult::Unknown;
  }
  switch (r) {
    case z3::sat:
      return SatResult::Sat;
    case z3::unsat:
      return SatResult::Unsat;
    default:
      return SatResult::Unknown;
  }
}

std::string Solver::reasonUnknown() const {
  try {
    return impl_->solver.reason_unknown();
  } catch (const z3::exception& e) {
    return e.msg();
  }
}

Model Solver::model() const {
  Model m;
  m.impl_.reset(new Model::Impl{*ctx_.impl_, impl_->solver.get_model()});
  return m;
}

std::string z3Version() {
  unsigned major, minor, build, rev;
  Z3_get_version(&major, &minor, &build, &rev);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(build) + "." +
         std::to_string(rev);
}

}  // namespace syncsmith::smt
