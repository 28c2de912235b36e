// GM buffer sizes: the largest byte any ref reaches, by enumeration over
// every param value and loop iteration (both arms of every if).
#include "pto/Importer.h"

namespace syncsmith::pto {
namespace {

constexpr int64_t kBudget = 4'000'000;

class ExtentWalker {
 public:
  ExtentWalker(const std::set<std::string>& gm, const std::string& file,
               std::map<std::string, int64_t>& out)
      : gm_(gm), file_(file), out_(out) {}

  void run(const std::vector<Param>& params, size_t i, const Block& body) {
    if (i == params.size()) return walk(body);
    for (int64_t v = params[i].lo;; ++v) {
      env_.push(params[i].name, v);
      run(params, i + 1, body);
      env_.pop();
      if (v == params[i].hi) break;
    }
  }

 private:
  int64_t eval(const Expr& e) {
    if (++spent_ > kBudget)
      throw InputError(file_, e.loc(),
                       "sizing the GM buffers needs more than " + std::to_string(kBudget) +
                           " evaluations; narrow the params with --param-range");
    try {
      return e.eval(env_);
    } catch (const EvalError& err) {
      throw InputError(file_, err.loc(), err.what());
    }
  }

  void refs(const std::vector<Ref>& rs) {
    for (const Ref& r : rs) {
      if (!gm_.count(r.buffer) || !r.lo) continue;
      int64_t lo = eval(*r.lo), hi = eval(*r.hi);
      if (lo < 0)
        throw InputError(file_, r.loc,
                         "GM offset " + std::to_string(lo) + " before the start of '" + r.buffer +
                             "' (params " + paramText() + ")");
      int64_t& m = out_[r.buffer];
      m = std::max(m, hi);
    }
  }

  std::string paramText() const {
    std::string s;
    for (const auto& [n, v] : env_.vars()) s += (s.empty() ? "" : ", ") + n + "=" + std::to_string(v);
    return s.empty() ? "none" : s;
  }

  void walk(const Block& b) {
    for (const Stmt& s : b) {
      if (auto* op = s.op()) {
        refs(op->writes);
        refs(op->reads);
      } else if (auto* f = s.forLoop()) {
        int64_t lo = eval(f->lo), hi = eval(f->hi), step = f->stepValue();
        if (lo >= hi) continue;
        env_.push(f->var, lo);
        for (int64_t v = lo; v < hi; v += step) {
          env_.set(f->var, v);
          walk(f->body);
          if (++spent_ > kBudget) eval(f->hi);  // reports the budget
        }
        env_.pop();
      } else if (auto* i = s.ifStmt()) {
        walk(i->thenBody);
        if (i->elseBody) walk(*i->elseBody);
      }
    }
  }

  const std::set<std::string>& gm_;
  const std::string& file_;
  std::map<std::string, int64_t>& out_;
  Env env_;
  int64_t spent_ = 0;
};

}  // namespace

std::map<std::string, int64_t> gmExtents(const std::vector<Param>& params, const Block& body,
                                         const std::set<std::string>& gmNames,
                                         const std::string& file) {
  std::map<std::string, int64_t> out;
  ExtentWalker(gmNames, file, out).run(params, 0, body);
  return out;
}

}  // namespace syncsmith::pto
