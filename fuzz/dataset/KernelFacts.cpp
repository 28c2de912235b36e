// Static stats and the hazard graph of a record's unsynced kernel.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "dataset/RecordParts.h"
#include "ir/Printer.h"
#include "sync/Hazards.h"

namespace syncsmith::dataset {
namespace {

struct Shape {
  int loops = 0, maxDepth = 0, ifs = 0, runtimeIfs = 0, elseArms = 0;
};

void walk(const Block& b, int depth, Shape& s) {
  for (const Stmt& st : b) {
    if (const ForStmt* f = st.forLoop()) {
      ++s.loops;
      s.maxDepth = std::max(s.maxDepth, depth + 1);
      walk(f->body, depth + 1, s);
    } else if (const IfStmt* i = st.ifStmt()) {
      ++s.ifs;
      s.runtimeIfs += i->cond.runtime;
      s.elseArms += i->elseBody.has_value();
      walk(i->thenBody, depth, s);
      if (i->elseBody) walk(*i->elseBody, depth, s);
    }
  }
}

Json perPipe(const int* counts) {
  Json j = Json::object();
  for (Pipe p : kAllPipes) j[std::string(pipeName(p))] = counts[int(p)];
  return j;
}

std::vector<const Stmt*> opStmts(const Kernel& k) {
  std::vector<const Stmt*> ops;
  forEachStmt(k.body, [&](const Stmt& s) {
    if (s.op()) ops.push_back(&s);
  });
  return ops;
}

Json opRef(const std::vector<const Stmt*>& ops, int index, Pipe pipe) {
  const Stmt& s = *ops[size_t(index)];
  return Json{{"index", index}, {"line", s.loc.line}, {"pipe", pipeName(pipe)},
              {"op", printStmtLine(s)}};
}

}  // namespace

Json staticStatsJson(const Kernel& k, const std::string& text) {
  StmtCounts c = countStmts(k);
  Shape s;
  walk(k.body, 0, s);
  Json spaces = Json::object();
  for (Space sp : {Space::GM, Space::UB, Space::L1, Space::L0A, Space::L0B, Space::L0C})
    spaces[std::string(spaceName(sp))] = 0;
  int slotted = 0, placed = 0;
  for (const Buffer& b : k.buffers) {
    spaces[std::string(spaceName(b.space))] = spaces[std::string(spaceName(b.space))].get<int>() + 1;
    slotted += b.slotted();
    placed += b.addr.has_value();
  }
  uint64_t combos = 1;
  for (const Param& p : k.params) combos *= uint64_t(p.hi - p.lo + 1);
  return Json{{"lines", std::count(text.begin(), text.end(), '\n')},
              {"ops", c.ops},
              {"ops_per_pipe", perPipe(c.opsPerPipe)},
              {"loops", s.loops},
              {"max_loop_depth", s.maxDepth},
              {"ifs", s.ifs},
              {"runtime_ifs", s.runtimeIfs},
              {"else_arms", s.elseArms},
              {"buffers", k.buffers.size()},
              {"buffers_per_space", spaces},
              {"slotted_buffers", slotted},
              {"placed_buffers", placed},
              {"params", k.params.size()},
              {"param_combinations", combos}};
}

Json hazardsJson(const Kernel& k) {
  std::vector<const Stmt*> ops = opStmts(k);
  Json out = Json::array();
  for (const DataHazard& h : listHazards(k)) {
    Json loop = nullptr;
    if (h.loopDepth > 0) loop = Json{{"line", h.loopLine}, {"depth", h.loopDepth}};
    out.push_back(Json{{"kind", depKindName(h.kind)},
                       {"space", spaceName(h.space)},
                       {"producer", opRef(ops, h.producer, h.producerPipe)},
                       {"consumer", opRef(ops, h.consumer, h.consumerPipe)},
                       {"pipes", std::string(pipeName(h.producerPipe)) + "->" +
                                     std::string(pipeName(h.consumerPipe))},
                       {"buffers", h.buffers},
                       {"distance", h.distance},
                       {"loop", loop},
                       {"distances", h.distances},
                       {"beyond_window", h.beyond},
                       {"commit", h.commit},
                       {"hw_ordered", h.hwOrdered}});
  }
  return out;
}

}  // namespace syncsmith::dataset
