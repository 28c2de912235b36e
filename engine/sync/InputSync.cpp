#include "sync/InputSync.h"

#include <map>

#include "ir/Printer.h"

namespace syncsmith::sync {

void analyzeInputSync(Context& cx) {
  Program& p = cx.prog;
  int ids = cx.idCount();
  cx.reserved.assign(size_t(cx.numClasses()), std::vector<bool>(size_t(ids), false));
  std::vector<NodeId> flags;
  for (NodeId n = 0; n < NodeId(p.nodes.size()); ++n) {
    if (p.nodes[n].kind != NodeKind::Sync) continue;
    if (cx.opts.strict)
      throw InputError(cx.opts.file, p.nodes[n].stmt->loc,
                       "input already contains sync (" + printStmtLine(*p.nodes[n].stmt) +
                           "); --strict refuses to add to it");
    ++cx.report.keptSync;
    if (p.nodes[n].sync()->isFlag()) flags.push_back(n);
  }
  // Reserve every id the input may use; remember computed ones' ranges.
  const std::vector<Interval>& loopBox = p.loopBox;
  std::vector<std::vector<bool>> computedClass(size_t(cx.numClasses()),
                                               std::vector<bool>(size_t(ids), false));
  for (NodeId n : flags) {
    const SyncStmt& y = *p.nodes[n].sync();
    int cls = cx.classOf(y.src, y.dst);
    Interval r;
    if (y.id.computed) {
      r = p.compile(y.id.expr, p.nodes[n].parent).range(p.paramRange.data(), loopBox.data());
      cx.inputIdRange[n] = r;
    } else {
      r = Interval::point(y.id.expr.value());
    }
    for (int64_t id = std::max<int64_t>(0, r.lo); id <= r.hi && id < ids; ++id) {
      cx.reserved[size_t(cls)][size_t(id)] = true;
      if (y.id.computed) computedClass[size_t(cls)][size_t(id)] = true;
    }
  }
  // Simple pairs: one key, one block, set/wait alternating.
  std::map<std::pair<int, int64_t>, std::vector<NodeId>> byKey;
  for (NodeId n : flags) {
    const SyncStmt& y = *p.nodes[n].sync();
    if (y.id.computed) continue;
    byKey[{cx.classOf(y.src, y.dst), y.id.expr.value()}].push_back(n);
  }
  for (const auto& [key, nodes] : byKey) {
    auto [cls, id] = key;
    if (id < 0 || id >= ids || computedClass[size_t(cls)][size_t(id)]) continue;
    if (nodes.size() % 2) continue;
    bool simple = true;
    for (size_t i = 0; i < nodes.size() && simple; ++i) {
      const SyncStmt& y = *p.nodes[nodes[i]].sync();
      simple = p.nodes[nodes[i]].parent == p.nodes[nodes[0]].parent &&
               y.kind == (i % 2 ? SyncKind::WaitFlag : SyncKind::SetFlag) && y.src != y.dst;
    }
    if (!simple) continue;
    for (size_t i = 0; i < nodes.size(); i += 2) {
      PairId pid = PairId(p.pairs.size());
      p.pairs.emplace_back();
      Pair& pr = p.pairs.back();
      const SyncStmt& set = *p.nodes[nodes[i]].sync();
      pr.shape = Shape::Input;
      pr.src = set.src;
      pr.dst = set.dst;
      pr.inSet = nodes[i];
      pr.inWait = nodes[i + 1];
      pr.inId = id;
      pr.base = int(id);
      pr.line = p.lineOf(nodes[i + 1]);
      p.nodes[nodes[i]].inputPair = pid;
      p.nodes[nodes[i + 1]].inputPair = pid;
    }
  }
}

}  // namespace syncsmith::sync
