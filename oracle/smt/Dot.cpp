#include "oracle/smt/Dot.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "ir/Printer.h"
#include "model/HbGraph.h"
#include "model/Trace.h"

namespace syncsmith {
namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

struct InstrGraph {
  std::set<size_t> nodes;
  std::map<std::pair<size_t, size_t>, HbRule> edges;
};

// Nodes reachable from `from` (forward) or reaching it (backward).
std::vector<bool> sweep(const HbGraph& g, const std::vector<uint32_t>& from, bool forward,
                        const std::vector<std::vector<uint32_t>>& in) {
  std::vector<bool> seen(g.numNodes(), false);
  std::vector<uint32_t> stack;
  for (uint32_t v : from) seen[v] = true, stack.push_back(v);
  while (!stack.empty()) {
    uint32_t u = stack.back();
    stack.pop_back();
    if (forward) {
      for (const uint32_t* e = g.outBegin(u); e != g.outEnd(u); ++e) {
        uint32_t v = g.edges()[*e].to;
        if (!seen[v]) seen[v] = true, stack.push_back(v);
      }
    } else {
      for (uint32_t k : in[u]) {
        uint32_t v = g.edges()[k].from;
        if (!seen[v]) seen[v] = true, stack.push_back(v);
      }
    }
  }
  return seen;
}

// Removes edges implied by longer paths (keeps reachability).
void reduce(InstrGraph& ig) {
  std::map<size_t, std::set<size_t>> adj;
  for (const auto& [e, r] : ig.edges) adj[e.first].insert(e.second);
  for (auto it = ig.edges.begin(); it != ig.edges.end();) {
    auto [a, b] = it->first;
    std::set<size_t> seen{a};
    std::vector<size_t> stack;
    for (size_t v : adj[a])
      if (v != b) seen.insert(v), stack.push_back(v);
    bool implied = false;
    while (!stack.empty() && !implied) {
      size_t u = stack.back();
      stack.pop_back();
      for (size_t v : adj[u]) {
        if (v == b) implied = true;
        if (!seen.count(v)) seen.insert(v), stack.push_back(v);
      }
    }
    if (implied) {
      adj[a].erase(b);
      it = ig.edges.erase(it);
    } else {
      ++it;
    }
  }
}

std::string missingLabel(const Finding& f, const Trace& t) {
  if (f.instances.size() < 2) return "";
  const Instr& a = t.instrs[f.instances[0].instr];
  const Instr& b = t.instrs[f.instances[1].instr];
  switch (f.kind) {
    case FindingKind::Race:
      return f.message.find("commit") != std::string::npos ? "missing: commit -> start"
                                                           : "missing: end -> start";
    case FindingKind::DoubleSet:
      if (a.kind == InstrKind::SetFlag) return "no wait takes the first token";
      if (b.kind == InstrKind::WaitFlag) return "missing: end -> start";
      return "missing: wait end -> set end";
    default:
      return "";
  }
}

}  // namespace

std::string findingDot(const Kernel& k, const Finding& f, size_t maxNodes) {
  const Witness& w = f.witness;
  Trace t = buildTrace(k, w.params, fixedConds(w.conds));
  TokenMatch tokens = matchTokens(t, w.model.flagKey);
  HbGraph g(t, k.arch(), w.model, tokens);
  std::vector<std::vector<uint32_t>> in(g.numNodes());
  for (uint32_t e = 0; e < g.edges().size(); ++e) in[g.edges()[e].to].push_back(e);

  std::set<size_t> involved;
  for (const Instance& x : f.instances)
    if (x.instr < t.instrs.size() && f.kind != FindingKind::Redundant) involved.insert(x.instr);
  std::set<size_t> related;  // same key as a dangling set or an unmatched wait
  if ((f.kind == FindingKind::Dangling || f.kind == FindingKind::Deadlock) &&
      involved.size() == 1) {
    const Instr& x = t.instrs[*involved.begin()];
    if (x.kind == InstrKind::SetFlag || x.kind == InstrKind::WaitFlag)
      for (size_t i = 0; i < t.instrs.size(); ++i)
        if ((t.instrs[i].kind == InstrKind::SetFlag || t.instrs[i].kind == InstrKind::WaitFlag) &&
            flagKeyOf(t.instrs[i], w.model.flagKey) == flagKeyOf(x, w.model.flagKey))
          related.insert(i);
  }

  InstrGraph ig;
  ig.nodes = involved;
  ig.nodes.insert(related.begin(), related.end());
  bool cycle = g.hasCycle();
  if (cycle) {
    std::vector<uint32_t> c = g.findCycle();
    for (size_t k2 = 0; k2 < c.size(); ++k2) {
      uint32_t u = c[k2], v = c[(k2 + 1) % c.size()];
      ig.nodes.insert(HbGraph::instrOf(u));
      for (const uint32_t* e = g.outBegin(u); e != g.outEnd(u); ++e)
        if (g.edges()[*e].to == v && HbGraph::instrOf(u) != HbGraph::instrOf(v))
          ig.edges[{HbGraph::instrOf(u), HbGraph::instrOf(v)}] = g.edges()[*e].rule;
    }
  } else if (!ig.nodes.empty()) {
    std::vector<uint32_t> seeds;
    for (size_t i : ig.nodes)
      for (uint32_t n : {3 * i, 3 * i + 1, 3 * i + 2}) seeds.push_back(uint32_t(n));
    std::vector<bool> fwd = sweep(g, seeds, true, in), bwd = sweep(g, seeds, false, in);
    for (uint32_t v = 0; v < g.numNodes() && ig.nodes.size() < maxNodes; ++v)
      if (fwd[v] && bwd[v]) ig.nodes.insert(HbGraph::instrOf(v));
    for (const HbEdge& e : g.edges()) {
      size_t a = HbGraph::instrOf(e.from), b = HbGraph::instrOf(e.to);
      if (a != b && ig.nodes.count(a) && ig.nodes.count(b))
        ig.edges.emplace(std::make_pair(a, b), e.rule);
    }
    reduce(ig);
  }

  std::map<uint32_t, const ScheduleEvent*> times;
  for (const ScheduleEvent& ev : w.schedule) times[ev.instr] = &ev;
  std::ostringstream o;
  o << "digraph hb {\n  rankdir=TB;\n  node [shape=box, fontname=\"monospace\", fontsize=10];\n"
    << "  labelloc=t;\n  label=\"" << escape(describe(f)) << "\";\n";
  for (size_t i : ig.nodes) {
    const Instr& x = t.instrs[i];
    std::string label = t.describe(i) + " [" + std::string(pipeName(x.pipe)) + "]\\n" +
                        escape(x.stmt ? printStmtLine(*x.stmt) : "");
    if (auto it = times.find(uint32_t(i)); it != times.end()) {
      label +=
          "\\ns=" + std::to_string(it->second->start) + " e=" + std::to_string(it->second->end);
      if (it->second->commit) label += " c=" + std::to_string(*it->second->commit);
    }
    o << "  i" << i << " [label=\"" << label << "\"";
    if (involved.count(i))
      o << ", style=filled, fillcolor=\"#f4b6b6\"";
    else if (related.count(i))
      o << ", style=filled, fillcolor=\"#fbe3b0\"";
    o << "];\n";
  }
  for (const auto& [e, rule] : ig.edges) {
    o << "  i" << e.first << " -> i" << e.second << " [label=\"" << hbRuleName(rule) << "\"";
    if (rule == HbRule::Token) o << ", color=blue, penwidth=2";
    o << "];\n";
  }
  std::string missing = cycle ? "" : missingLabel(f, t);
  if (!missing.empty())
    o << "  i" << f.instances[0].instr << " -> i" << f.instances[1].instr
      << " [style=dashed, color=red, fontcolor=red, constraint=false, label=\"" << missing
      << "\"];\n";
  o << "}\n";
  return o.str();
}

}  // namespace syncsmith
