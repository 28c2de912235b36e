#include "sync/Program.h"

#include <algorithm>
#include <stdexcept>

namespace syncsmith::sync {

std::vector<ItemId> Pair::items() const {
  std::vector<ItemId> out = primes;
  if (set != kNone) out.push_back(set);
  if (wait != kNone) out.push_back(wait);
  out.insert(out.end(), drains.begin(), drains.end());
  return out;
}

Program::Program(const Kernel& k) : kernel_(k) {
  layoutBuffers(kernel_);
  for (const Param& p : kernel_.params) paramRange.push_back({p.lo, p.hi});
  blocks.reserve(16);
  buildBlock(kernel_.body, kNone, false, kNone);
  int counter = 0;
  numberGaps(kTop, counter);
}

BlockId Program::buildBlock(const syncsmith::Block& stmts, NodeId owner, bool elseArm,
                            BlockId parent) {
  BlockId id = BlockId(blocks.size());
  blocks.emplace_back();
  parentBlock_.push_back(parent);
  {
    Block& b = blocks[id];
    b.owner = owner;
    b.elseArm = elseArm;
    if (parent != kNone) {
      b.loops = blocks[parent].loops;
      b.path = blocks[parent].path;
      b.ifDepth = blocks[parent].ifDepth;
      const Node& o = nodes[owner];
      if (o.kind == NodeKind::Loop) {
        b.loops.push_back(o.loop);
        b.path.push_back({o.loop, kNone, false});
      } else {
        b.path.push_back({kNone, owner, elseArm});
        ++b.ifDepth;
      }
    }
  }
  for (const Stmt& s : stmts) {
    NodeId n = NodeId(nodes.size());
    nodes.emplace_back();
    nodes[n].stmt = &s;
    nodes[n].parent = id;
    nodes[n].index = int(blocks[id].children.size());
    blocks[id].children.push_back(n);
    if (auto* op = s.op()) {
      nodes[n].kind = NodeKind::Op;
      nodes[n].pipe = op->pipe;
      ops.push_back(n);
    } else if (auto* y = s.sync()) {
      nodes[n].kind = NodeKind::Sync;
      nodes[n].pipe = (y->kind == SyncKind::Barrier && y->all) ? Pipe::S : y->pipe();
    } else if (auto* f = s.forLoop()) {
      nodes[n].kind = NodeKind::Loop;
      LoopId l = LoopId(loops.size());
      loops.emplace_back();
      loops[l].node = n;
      loops[l].stmt = f;
      loops[l].step = f->stepValue();
      loops[l].lo = compile(f->lo, id);
      loops[l].hi = compile(f->hi, id);
      nodes[n].loop = l;
      analyzeLoop(l);
      BlockId body = buildBlock(f->body, n, false, id);
      nodes[n].body = body;
      loops[l].body = body;
    } else if (auto* i = s.ifStmt()) {
      nodes[n].kind = NodeKind::If;
      BlockId t = buildBlock(i->thenBody, n, false, id);
      nodes[n].body = t;
      if (i->elseBody) nodes[n].elseBody = buildBlock(*i->elseBody, n, true, id);
    }
  }
  blocks[id].gaps.resize(blocks[id].children.size() + 1);
  return id;
}

void Program::numberGaps(BlockId b, int& counter) {
  Block& blk = blocks[b];
  for (size_t i = 0; i <= blk.children.size(); ++i) {
    blk.gaps[i].order = counter++;
    if (i == blk.children.size()) break;
    const Node& n = nodes[blk.children[i]];
    if (n.body != kNone) numberGaps(n.body, counter);
    if (n.elseBody != kNone) numberGaps(n.elseBody, counter);
  }
}

void Program::analyzeLoop(LoopId l) {
  LoopInfo& L = loops[l];
  // Bounds refer to enclosing loops only, whose boxes are known by now.
  loopBox.resize(loops.size());
  const std::vector<Interval>& loopRanges = loopBox;
  Interval lo = L.lo.range(paramRange.data(), loopRanges.data());
  Interval hi = L.hi.range(paramRange.data(), loopRanges.data());
  L.var = {lo.lo, satAdd(hi.hi, -1)};
  if (L.var.hi < L.var.lo) L.var.hi = L.var.lo;  // never runs; keep a valid box
  loopBox[size_t(l)] = L.var;
  // hi - lo: exact as a linear form over the box when possible.
  Interval span;
  auto llo = L.lo.linear();
  auto lhi = L.hi.linear();
  if (llo && lhi) {
    Linear d = linAdd(*lhi, *llo, -1);
    span = {d.constant, d.constant};
    for (const auto& [v, c] : d.terms) {
      Interval r = v.loop ? loopRanges[size_t(v.index)] : paramRange[size_t(v.index)];
      int64_t a = satMul(c, r.lo), b = satMul(c, r.hi);
      span.lo = satAdd(span.lo, std::min(a, b));
      span.hi = satAdd(span.hi, std::max(a, b));
    }
  } else {
    span = {satAdd(hi.lo, satMul(lo.hi, -1)), satAdd(hi.hi, satMul(lo.lo, -1))};
  }
  L.mayZero = span.lo <= 0;
  int64_t maxSpan = std::max<int64_t>(0, span.hi);
  L.maxTrip = maxSpan / L.step + (maxSpan % L.step ? 1 : 0);
}

CExpr Program::compile(const Expr& e, BlockId b) const {
  const std::vector<LoopId>& ls = blocks[b].loops;
  return CExpr::compile(e, [&](const std::string& name) {
    for (auto it = ls.rbegin(); it != ls.rend(); ++it)
      if (loops[size_t(*it)].stmt->var == name) return VarRef{true, *it};
    for (size_t i = 0; i < kernel_.params.size(); ++i)
      if (kernel_.params[i].name == name) return VarRef{false, int32_t(i)};
    throw std::logic_error("engine: unresolved name " + name);
  });
}

std::vector<std::pair<BlockId, int>> Program::chainOfBlock(BlockId b) const {
  std::vector<std::pair<BlockId, int>> out;
  while (b != kTop) {
    const Node& owner = nodes[blocks[b].owner];
    out.push_back({owner.parent, owner.index});
    b = owner.parent;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<BlockId> Program::blockPath(BlockId b) const {
  std::vector<BlockId> out;
  for (; b != kNone; b = parentBlock_[size_t(b)]) out.push_back(b);
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<std::pair<BlockId, int>> Program::chain(NodeId n) const {
  auto out = chainOfBlock(nodes[n].parent);
  out.push_back({nodes[n].parent, nodes[n].index});
  return out;
}

ItemId Program::add(Item it, BlockId b, int gap, bool head, int cat) {
  it.block = b;
  it.gap = gap;
  it.head = head;
  it.cat = cat;
  ItemId id = ItemId(items.size());
  items.push_back(it);
  std::vector<ItemId>& list = listOf(items.back());
  auto pos = std::find_if(list.begin(), list.end(),
                          [&](ItemId x) { return items[size_t(x)].cat > cat; });
  list.insert(pos, id);
  return id;
}

ItemId Program::addAfter(ItemId ref, Item it) {
  const Item& r = items[size_t(ref)];
  it.block = r.block, it.gap = r.gap, it.head = r.head, it.cat = r.cat;
  ItemId id = ItemId(items.size());
  items.push_back(it);
  std::vector<ItemId>& list = listOf(items.back());
  auto pos = std::find(list.begin(), list.end(), ref);
  list.insert(pos + 1, id);
  return id;
}

ItemId Program::addBefore(ItemId ref, Item it) {
  const Item& r = items[size_t(ref)];
  it.block = r.block, it.gap = r.gap, it.head = r.head, it.cat = r.cat;
  ItemId id = ItemId(items.size());
  items.push_back(it);
  std::vector<ItemId>& list = listOf(items.back());
  auto pos = std::find(list.begin(), list.end(), ref);
  list.insert(pos, id);
  return id;
}

void Program::remove(ItemId id) {
  Item& it = items[size_t(id)];
  if (it.removed) return;
  std::vector<ItemId>& list = listOf(it);
  list.erase(std::find(list.begin(), list.end(), id));
  it.removed = true;
}

std::vector<ItemId> Program::itemsSince(size_t count) const {
  std::vector<ItemId> out;
  for (size_t i = count; i < items.size(); ++i) out.push_back(ItemId(i));
  return out;
}

OrderKey Program::order(ItemId id) const {
  const Item& it = items[size_t(id)];
  const Gap& g = blocks[it.block].gaps[size_t(it.gap)];
  const std::vector<ItemId>& list = it.head ? g.head : g.tail;
  int index = int(std::find(list.begin(), list.end(), id) - list.begin());
  return {g.order, it.head ? 1 : 0, index};
}

Stmt Program::itemStmt(const Item& it) const {
  SyncStmt y;
  switch (it.kind) {
    case ItemKind::Set:
    case ItemKind::Wait: {
      y.kind = it.kind == ItemKind::Set ? SyncKind::SetFlag : SyncKind::WaitFlag;
      y.src = it.src;
      y.dst = it.dst;
      const Pair& p = pairs[size_t(it.pair)];
      if (p.base < 0) throw std::logic_error("engine: an event pair has no id");
      if (p.lanes > 1 && it.role == Role::Body) {
        y.id.computed = true;
        y.id.expr = p.base == 0 ? p.laneExpr : Expr::constant(p.base) + p.laneExpr;
      } else {
        y.id.expr = Expr::constant(p.base + it.lane);
      }
      break;
    }
    case ItemKind::Barrier:
      y.kind = SyncKind::Barrier;
      y.src = it.src;
      break;
    case ItemKind::BarrierAll:
      y.kind = SyncKind::Barrier;
      y.all = true;
      break;
    case ItemKind::Fence:
      y.kind = SyncKind::Fence;
      y.src = it.src;
      break;
  }
  Stmt s;
  s.node = y;
  return s;
}

void Program::emitBlock(BlockId b, syncsmith::Block& out, const std::vector<bool>* omitted) const {
  const Block& blk = blocks[b];
  syncsmith::Block result;
  result.reserve(out.size() + 4);
  for (size_t i = 0; i <= blk.children.size(); ++i) {
    const Gap& g = blk.gaps[i];
    for (const std::vector<ItemId>* list : {&g.tail, &g.head})
      for (ItemId id : *list)
        if (!omitted || !(*omitted)[size_t(id)]) result.push_back(itemStmt(items[size_t(id)]));
    if (i == blk.children.size()) break;
    const Node& n = nodes[blk.children[i]];
    Stmt s = *n.stmt;
    if (auto* f = s.forLoop()) emitBlock(n.body, f->body, omitted);
    if (auto* ifs = s.ifStmt()) {
      emitBlock(n.body, ifs->thenBody, omitted);
      if (n.elseBody != kNone) emitBlock(n.elseBody, *ifs->elseBody, omitted);
    }
    result.push_back(std::move(s));
  }
  out = std::move(result);
}

Kernel Program::toKernel() const {
  Kernel k = kernel_;
  emitBlock(kTop, k.body, nullptr);
  return k;
}

Kernel Program::toKernelWithout(const std::vector<bool>& omitted) const {
  Kernel k = kernel_;
  emitBlock(kTop, k.body, &omitted);
  return k;
}

}  // namespace syncsmith::sync
