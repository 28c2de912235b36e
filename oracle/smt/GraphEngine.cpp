#include "oracle/smt/GraphEngine.h"

#include "model/PathCheck.h"
#include "model/Trace.h"
#include "oracle/smt/ParamPlan.h"

namespace syncsmith {
namespace {

// Outcomes of the `?` executions in global execution order; past the prefix
// every outcome is false.
struct PrefixChooser {
  const std::vector<bool>* prefix;
  size_t next = 0;
  bool operator()(const std::string&, size_t) {
    bool v = next < prefix->size() ? (*prefix)[next] : false;
    ++next;
    return v;
  }
};

// The next outcome sequence in depth-first order (false before true), or
// false when every sequence has been seen.
bool advance(std::vector<bool>& decisions) {
  while (!decisions.empty() && decisions.back()) decisions.pop_back();
  if (decisions.empty()) return false;
  decisions.back() = true;
  return true;
}

}  // namespace

void graphCheckParams(const Kernel& k, const std::map<std::string, int64_t>& params,
                      const OracleOptions& opts, Collector& out) {
  PathCheckOptions pc;
  pc.model = opts.model;
  TraceOptions to;
  to.maxInstrs = opts.maxInstrs;
  std::vector<bool> prefix;
  size_t paths = 0;
  for (;;) {
    if (out.expired()) {
      out.cut("the time limit ran out");
      return;
    }
    if (paths == opts.maxPaths) {
      out.cut("more than " + std::to_string(opts.maxPaths) + " paths for " +
              (params.empty() ? std::string("the kernel") : paramText(params)) + " (--max-paths)");
      return;
    }
    PrefixChooser chooser{&prefix};
    Trace t = buildTrace(k, params, std::ref(chooser), to);
    ++paths;
    out.count("paths");
    out.setMax("instrs_max", int64_t(t.instrs.size()));
    if (t.truncated) {
      out.cut("a path of " + (params.empty() ? std::string("the kernel") : paramText(params)) +
              " exceeds " + std::to_string(opts.maxInstrs) + " instructions (--max-instrs)");
    } else {
      for (Finding& f : checkPath(t, pc)) {
        out.add(std::move(f));
        if (opts.stopAtFirst) return;
      }
    }
    std::vector<bool> decisions;
    for (const CondOutcome& c : t.conds) decisions.push_back(c.value);
    prefix = std::move(decisions);
    if (!advance(prefix)) return;
  }
}

}  // namespace syncsmith
