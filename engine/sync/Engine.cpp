#include "sync/Engine.h"

#include <nlohmann/json.hpp>
#include <set>

#include "sync/Colour.h"
#include "sync/Context.h"
#include "sync/Coverage.h"
#include "sync/InputPrune.h"
#include "sync/InputSync.h"
#include "sync/Safety.h"

namespace syncsmith {

std::string_view syncModeName(SyncMode m) {
  switch (m) {
    case SyncMode::Opt: return "opt";
    case SyncMode::Naive: return "naive";
    case SyncMode::BarrierAll: return "barrier-all";
  }
  return "?";
}

std::optional<SyncMode> parseSyncMode(std::string_view s) {
  for (SyncMode m : {SyncMode::Opt, SyncMode::Naive, SyncMode::BarrierAll})
    if (syncModeName(m) == s) return m;
  return std::nullopt;
}

namespace sync {

std::string pairName(Pipe src, Pipe dst) {
  return std::string(pipeName(src)) + "->" + std::string(pipeName(dst));
}

Context::Context(const Kernel& k, const EngineOptions& o)
    : opts(o),
      prog(k),
      fp(prog),
      en(prog, o.enumerationBudget),
      conflicts(prog, fp, en, o.bug == InjectedBug::AliasByName),
      relevance(prog, fp),
      walk(prog, en),
      coveredIn(prog.nodes.size(), 0) {
  walk.assumeLoopsRun = o.bug == InjectedBug::AssumeLoopRuns;
  walk.skipBackEdges = o.bug == InjectedBug::SkipBackEdge;
  report.kernel = k.name;
  report.mode = std::string(syncModeName(o.mode));
  if (o.bug != InjectedBug::None) report.bug = std::string(injectedBugName(o.bug));
}

namespace {

void fillReport(Context& cx) {
  const Program& p = cx.prog;
  SyncReport& r = cx.report;
  for (const Item& it : p.items) {
    if (it.removed) continue;
    switch (it.kind) {
      case ItemKind::Set: ++r.setFlags; break;
      case ItemKind::Wait: ++r.waitFlags; break;
      case ItemKind::Barrier: ++r.barriers; break;
      case ItemKind::BarrierAll: ++r.barrierAlls; break;
      case ItemKind::Fence: ++r.fences; break;
    }
  }
  std::map<std::string, std::set<int>> ids;
  for (const Pair& pr : p.pairs) {
    if (pr.removed || pr.input) continue;
    ++r.pairs;
    for (int id = pr.base; id < pr.base + pr.lanes; ++id) ids[pairName(pr.src, pr.dst)].insert(id);
    if (pr.lanes > 1)
      r.lanes.push_back({pairName(pr.src, pr.dst), pr.lanes,
                         (pr.base ? Expr::constant(pr.base) + pr.laneExpr : pr.laneExpr).str(),
                         pr.line});
  }
  for (const auto& [name, set] : ids) r.idsPerPair[name] = {set.begin(), set.end()};
}

}  // namespace
}  // namespace sync

SyncResult synchronize(const Kernel& k, const EngineOptions& options) {
  sync::Context cx(k, options);
  sync::analyzeInputSync(cx);
  auto makeSelfSafe = [&] {
    for (sync::PairId p = 0; p < sync::PairId(cx.prog.pairs.size()); ++p)
      if (!cx.prog.pairs[size_t(p)].input) sync::ensureSelfSafe(cx, p);
  };
  if (options.mode == SyncMode::Opt) {
    // Cross-pipe pairs first (their credits included), so that the drains of
    // their sets are there when same-pipe hazards are looked at.
    for (sync::NodeId b : cx.prog.ops) sync::coverConsumer(cx, b, sync::Sweep::CrossPipeForward);
    sync::PairId forward = sync::PairId(cx.prog.pairs.size());
    for (sync::NodeId b : cx.prog.ops) sync::coverConsumer(cx, b, sync::Sweep::CrossPipeCarried);
    sync::dropRedundantPairs(cx, 0, forward);
    makeSelfSafe();
  }
  size_t pairsBefore = cx.prog.pairs.size();
  for (sync::NodeId b : cx.prog.ops) sync::coverConsumer(cx, b, sync::Sweep::All);
  if (options.mode != SyncMode::BarrierAll) {
    if (options.mode != SyncMode::Opt || cx.prog.pairs.size() != pairsBefore) makeSelfSafe();
    sync::colourIds(cx);
    if (options.mode == SyncMode::Opt && options.bug == InjectedBug::None) sync::pruneAgainstInput(cx);
  }
  sync::fillReport(cx);
  return {cx.prog.toKernel(), std::move(cx.report)};
}

std::string reportText(const SyncReport& r) {
  std::string s = "kernel " + r.kernel + " (mode " + r.mode + "): inserted " +
                  std::to_string(r.setFlags) + " set_flag, " + std::to_string(r.waitFlags) +
                  " wait_flag, " + std::to_string(r.barriers) + " pipe_barrier, " +
                  std::to_string(r.barrierAlls) + " pipe_barrier ALL, " +
                  std::to_string(r.fences) + " gm_fence; kept " + std::to_string(r.keptSync) +
                  " input sync\n";
  s += "  hazards " + std::to_string(r.hazards) + ", pairs " + std::to_string(r.pairs) +
       " (credits " + std::to_string(r.credits) + ")\n";
  if (r.inputUnread > 0)
    s += "  input flags not read as order " + std::to_string(r.inputUnread) +
         "; inserted statements taken back as covered by the input " + std::to_string(r.pruned) +
         "\n";
  for (const auto& [pair, ids] : r.idsPerPair) {
    s += "  ids " + pair + ":";
    for (int id : ids) s += " " + std::to_string(id);
    s += "\n";
  }
  for (const auto& l : r.lanes)
    s += "  lanes " + l.pair + ": " + std::to_string(l.lanes) + " by (" + l.id + "), line " +
         std::to_string(l.line) + "\n";
  for (const auto& f : r.fallbacks)
    s += "  fallback " + f.kind + " at line " + std::to_string(f.line) + ": " + f.reason + "\n";
  if (!r.bug.empty()) s += "  injected bug: " + r.bug + "\n";
  return s;
}

std::string reportJson(const SyncReport& r, int indent) {
  nlohmann::json j;
  j["kernel"] = r.kernel;
  j["mode"] = r.mode;
  j["inserted"] = {{"set_flag", r.setFlags},         {"wait_flag", r.waitFlags},
                   {"pipe_barrier", r.barriers},     {"pipe_barrier_all", r.barrierAlls},
                   {"gm_fence", r.fences}};
  j["kept_sync"] = r.keptSync;
  j["hazards"] = r.hazards;
  j["pairs"] = r.pairs;
  j["credits"] = r.credits;
  j["input_unread"] = r.inputUnread;
  j["pruned"] = r.pruned;
  j["ids_per_pair"] = r.idsPerPair;
  nlohmann::json lanes = nlohmann::json::array();
  for (const auto& l : r.lanes)
    lanes.push_back({{"pair", l.pair}, {"lanes", l.lanes}, {"id", l.id}, {"line", l.line}});
  j["lanes"] = lanes;
  nlohmann::json fb = nlohmann::json::array();
  for (const auto& f : r.fallbacks)
    fb.push_back({{"kind", f.kind}, {"reason", f.reason}, {"line", f.line}});
  j["fallbacks"] = fb;
  j["injected_bug"] = r.bug.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.bug);
  return j.dump(indent);
}

}  // namespace syncsmith
