#include "reduce/Reducer.h"

#include "reduce/Stages.h"

namespace syncsmith::reduce {
namespace {

int stmtCount(const Kernel& k) {
  StmtCounts c = countStmts(k);
  return c.ops + c.syncs() + c.loops + c.ifs;
}

void finish(ReduceResult& r) {
  r.stats.opsAfter = countStmts(r.kernel).ops;
  r.stats.stmtsAfter = stmtCount(r.kernel);
}

}  // namespace

ReduceResult reduceKernel(const Kernel& k, const Interesting& pred, const ReduceOptions& opts) {
  ReduceResult r;
  r.stats.opsBefore = countStmts(k).ops;
  r.stats.stmtsBefore = stmtCount(k);
  detail::Tester tester(pred, opts, r.stats);
  auto input = tester.test(k);
  r.inputInteresting = input.has_value();
  if (!input) {
    r.kernel = k;
    finish(r);
    return r;
  }
  r.kernel = detail::reduceTree(std::move(input->kernel), tester, opts, r.stats);
  finish(r);
  return r;
}

ReduceResult reduceGenerated(const gen::GenOptions& gen, const std::vector<uint64_t>& choices,
                             const Interesting& pred, const ReduceOptions& opts) {
  ReduceResult r;
  gen::Generated g = gen::generateReplay(choices, gen);
  r.stats.opsBefore = countStmts(g.kernel).ops;
  r.stats.stmtsBefore = stmtCount(g.kernel);
  detail::Tester tester(pred, opts, r.stats);
  auto input = tester.test(g.kernel);
  r.inputInteresting = input.has_value();
  if (!input) {
    r.kernel = g.kernel;
    r.choices = g.choices;
    finish(r);
    return r;
  }
  tester.setStageLimit(opts.maxChoiceCalls);
  detail::ChoiceResult c =
      detail::shrinkChoices(gen, g.choices, std::move(input->kernel), tester, r.stats);
  tester.setStageLimit(SIZE_MAX);
  r.choices = std::move(c.choices);
  r.kernel = detail::reduceTree(std::move(c.kernel), tester, opts, r.stats);
  finish(r);
  return r;
}

}  // namespace syncsmith::reduce
