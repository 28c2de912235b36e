// A thin facade over Z3 (the only header the oracle shows; z3++.h stays in
// Smt.cpp), in the manner of Alive2's smt/ layer: terms are small handles
// that fold constants eagerly, so a path whose guards are all known never
// reaches the solver as a guard at all.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace syncsmith::smt {

class Context;

// A Boolean or integer term: either a folded constant or a Z3 term owned by
// its Context. Cheap to copy.
class Term {
 public:
  Term() = default;
  bool isBool() const { return isBool_; }
  bool isConst() const { return node_ < 0; }
  bool isTrue() const { return isConst() && isBool_ && value_ != 0; }
  bool isFalse() const { return isConst() && isBool_ && value_ == 0; }
  // The value of a folded constant (Booleans as 0/1).
  std::optional<int64_t> constValue() const {
    return isConst() ? std::optional<int64_t>(value_) : std::nullopt;
  }

 private:
  friend class Context;
  friend class Solver;
  friend class Model;
  int32_t node_ = -1;  // index into the context's term table, -1: constant
  int64_t value_ = 0;  // the constant (default: false)
  bool isBool_ = true;
};

enum class SatResult : uint8_t { Sat, Unsat, Unknown };

class Context {
 public:
  Context();
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  Term boolVal(bool b) const;
  Term intVal(int64_t v) const;
  Term boolVar(const std::string& name);
  Term intVar(const std::string& name);

  Term mkNot(Term a);
  Term mkAnd(Term a, Term b);
  Term mkAnd(const std::vector<Term>& ts);
  Term mkOr(Term a, Term b);
  Term mkOr(const std::vector<Term>& ts);
  Term implies(Term a, Term b);
  Term ite(Term c, Term a, Term b);

  Term add(Term a, int64_t k);
  Term add(Term a, Term b);
  Term sub(Term a, Term b);
  Term eq(Term a, Term b);
  Term le(Term a, Term b);  // a <= b
  Term lt(Term a, Term b);  // a < b
  // b - a >= w: the difference constraint of an edge a -> b of weight w.
  Term diffGe(Term a, Term b, int64_t w);

  size_t numTerms() const;

 private:
  friend class Solver;
  friend class Model;
  struct Impl;
  Term wrap(const void* z3expr, bool isBool);
  std::unique_ptr<Impl> impl_;
};

// Values of a satisfying assignment (model completion on: every term gets a
// value, unconstrained ones an arbitrary one).
class Model {
 public:
  Model();
  ~Model();
  Model(Model&&) noexcept;
  Model& operator=(Model&&) noexcept;
  bool evalBool(Term t) const;
  int64_t evalInt(Term t) const;
  bool empty() const { return impl_ == nullptr; }

 private:
  friend class Solver;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct SolverOptions {
  unsigned timeoutMs = 0;  // per check; 0 = none
  // A solver for one logic ("QF_IDL", "QF_LIA", ...); empty: Z3's default.
  std::string logic;
};

class Solver {
 public:
  Solver(Context& ctx, const SolverOptions& opts = {});
  ~Solver();
  Solver(const Solver&) = delete;
  Solver& operator=(const Solver&) = delete;

  void add(Term t);
  // Checks the assertions under the assumptions (Boolean terms).
  SatResult check(const std::vector<Term>& assumptions = {});
  void setTimeout(unsigned ms);
  // Z3's resource limit per check (0 = none): unlike a timeout, the same
  // query gives the same answer on any machine and under any load.
  void setResourceLimit(unsigned units);
  // Why the last check returned Unknown ("timeout", "canceled", ...).
  std::string reasonUnknown() const;
  // The model of the last Sat check.
  Model model() const;
  size_t numAssertions() const { return assertions_; }

 private:
  Context& ctx_;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  size_t assertions_ = 0;
  bool trivialUnsat_ = false;
};

// "4.8.12.0"
std::string z3Version();

}  // namespace syncsmith::smt
