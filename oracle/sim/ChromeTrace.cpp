// One run in the Chrome trace event format (Perfetto, chrome://tracing):
// one track per pipe (more lanes where a pipelined pipe overlaps
// instructions, since slices of one track must nest), flows from each set
// to the wait that takes its token, GM commits and findings as instants.
// One cycle is shown as one microsecond.
#include <nlohmann/json.hpp>

#include "Simulator.h"
#include "ir/Printer.h"

namespace syncsmith {
namespace {

using nlohmann::json;
constexpr int kPid = 1;
constexpr int kLanes = 64;  // tid = pipe * kLanes + lane + 1

int tidOf(Pipe p, int lane) { return int(p) * kLanes + lane + 1; }

std::string instrName(const Trace& t, size_t i) {
  const Instr& in = t.instrs[i];
  return in.stmt ? printStmtLine(*in.stmt) : "instr " + std::to_string(i);
}

}  // namespace

std::string chromeTraceJson(const RunDetail& run) {
  const Trace& t = run.trace;
  const auto& time = run.times;
  json events = json::array();
  const Witness& w = run.summary.witness;
  std::string title = "syncsmith sim: " + (t.kernel ? t.kernel->name : std::string("kernel")) + " (" +
                      (w.policy.empty() ? std::string("explicit schedule")
                                        : w.policy + " seed " + std::to_string(w.seed)) +
                      ")";
  events.push_back({{"ph", "M"}, {"name", "process_name"}, {"pid", kPid}, {"tid", 0},
                    {"args", {{"name", title}}}});

  // Lanes: greedy per pipe in program order (starts are monotone per pipe).
  std::vector<int> laneOf(t.instrs.size(), 0);
  std::vector<std::vector<int64_t>> laneEnd(kNumPipes);
  for (size_t i = 0; i < t.instrs.size() && !time.empty(); ++i) {
    if (!run.live[HbGraph::endNode(i)]) continue;
    auto& ends = laneEnd[size_t(t.instrs[i].pipe)];
    int64_t s = time[HbGraph::startNode(i)], e = time[HbGraph::endNode(i)];
    size_t lane = 0;
    while (lane < ends.size() && ends[lane] > s) ++lane;
    if (lane == ends.size()) {
      if (ends.size() == size_t(kLanes)) lane = ends.size() - 1;  // give up: nest badly rather than crash
      else ends.push_back(0);
    }
    ends[lane] = e;
    laneOf[i] = int(lane);
  }
  for (Pipe p : kAllPipes)
    for (size_t lane = 0; lane < laneEnd[size_t(p)].size(); ++lane) {
      std::string name(pipeName(p));
      if (lane) name += " #" + std::to_string(lane + 1);
      events.push_back({{"ph", "M"}, {"name", "thread_name"}, {"pid", kPid},
                        {"tid", tidOf(p, int(lane))}, {"args", {{"name", name}}}});
      events.push_back({{"ph", "M"}, {"name", "thread_sort_index"}, {"pid", kPid},
                        {"tid", tidOf(p, int(lane))}, {"args", {{"sort_index", tidOf(p, int(lane))}}}});
    }

  for (size_t i = 0; i < t.instrs.size() && !time.empty(); ++i) {
    if (!run.live[HbGraph::endNode(i)]) continue;
    const Instr& in = t.instrs[i];
    int tid = tidOf(in.pipe, laneOf[i]);
    int64_t s = time[HbGraph::startNode(i)], e = time[HbGraph::endNode(i)];
    json args = {{"instr", i}, {"line", in.line()}};
    for (const auto& [n, v] : t.namedIterations(in)) args[n] = v;
    if (in.kind == InstrKind::SetFlag || in.kind == InstrKind::WaitFlag) args["id"] = in.id;
    if (in.writesGm) {
      int64_t c = run.commitNode[i] ? time[3 * i + 2] : e;
      args["commit"] = c;
      events.push_back({{"ph", "i"}, {"s", "t"}, {"name", "GM commit line " + std::to_string(in.line())},
                        {"cat", "commit"}, {"pid", kPid}, {"tid", tid}, {"ts", c}});
    }
    events.push_back({{"ph", "X"}, {"name", instrName(t, i)},
                      {"cat", in.kind == InstrKind::Op ? "op" : "sync"}, {"pid", kPid},
                      {"tid", tid}, {"ts", s}, {"dur", e - s}, {"args", args}});
  }

  // Flows: set -> the wait that takes its token.
  uint64_t flow = 0;
  for (size_t wi = 0; wi < t.instrs.size() && !time.empty(); ++wi) {
    int64_t si = run.tokens.setOfWait.empty() ? -1 : run.tokens.setOfWait[wi];
    if (si < 0 || !run.live[HbGraph::endNode(wi)] || !run.live[HbGraph::endNode(size_t(si))]) continue;
    ++flow;
    const Instr& set = t.instrs[size_t(si)];
    const Instr& wait = t.instrs[wi];
    events.push_back({{"ph", "s"}, {"id", flow}, {"name", "token"}, {"cat", "token"}, {"pid", kPid},
                      {"tid", tidOf(set.pipe, laneOf[size_t(si)])},
                      {"ts", time[HbGraph::startNode(size_t(si))]}});
    events.push_back({{"ph", "f"}, {"bp", "e"}, {"id", flow}, {"name", "token"}, {"cat", "token"},
                      {"pid", kPid}, {"tid", tidOf(wait.pipe, laneOf[wi])},
                      {"ts", time[HbGraph::startNode(wi)]}});
  }

  // Findings.
  for (const Finding& f : run.findings) {
    int64_t ts = run.summary.cycles;
    const Instance* at = f.instances.empty() ? nullptr : &f.instances.back();
    bool data = f.message.rfind("data corrupted", 0) == 0;
    if (at && !data && f.kind != FindingKind::Deadlock && !time.empty() &&
        run.live[HbGraph::endNode(at->instr)])
      ts = time[HbGraph::startNode(at->instr)];
    events.push_back({{"ph", "i"}, {"s", "g"}, {"name", describe(f)}, {"cat", "finding"},
                      {"pid", kPid}, {"tid", 0}, {"ts", ts},
                      {"args", {{"kind", findingKindName(f.kind)}, {"message", f.message}}}});
  }

  json j;
  j["traceEvents"] = events;
  j["otherData"] = {{"cycles", run.summary.cycles},
                    {"instructions", run.summary.instructions},
                    {"deadlocked", run.summary.deadlocked}};
  return j.dump();
}

}  // namespace syncsmith
