// Ops: the catalog of op shapes per core (KERNEL-FORMAT.md "Operations"),
// single random ops, dataflow chains along the core's pipes, exec and
// scalar ops.
#include <algorithm>

#include "gen/GenState.h"

namespace syncsmith::gen::detail {
namespace {

using S = Space;

const std::vector<OpShape> kVecShapes = {
    {"gm_to_ub", Pipe::MTE2, S::UB, {S::GM}, 12},
    {"gm_to_l1", Pipe::MTE2, S::L1, {S::GM}, 1},
    {"vadd", Pipe::V, S::UB, {S::UB, S::UB}, 5},
    {"vmul", Pipe::V, S::UB, {S::UB, S::UB}, 3},
    {"vsub", Pipe::V, S::UB, {S::UB, S::UB}, 2},
    {"vmax", Pipe::V, S::UB, {S::UB, S::UB}, 1},
    {"vexp", Pipe::V, S::UB, {S::UB}, 2},
    {"vcast", Pipe::V, S::UB, {S::UB}, 1},
    {"vabs", Pipe::V, S::UB, {S::UB}, 1},
    {"ub_to_ub", Pipe::V, S::UB, {S::UB}, 2},
    {"dup", Pipe::V, S::UB, {}, 1},
    {"ub_to_gm", Pipe::MTE3, S::GM, {S::UB}, 12},
    {"ub_to_l1", Pipe::MTE3, S::L1, {S::UB}, 1},
    {"scalar_store", Pipe::S, S::GM, {}, 1},
    {"scalar_load", Pipe::S, std::nullopt, {S::GM}, 1},
};

const std::vector<OpShape> kCubeShapes = {
    {"gm_to_l1", Pipe::MTE2, S::L1, {S::GM}, 12},
    {"gm_to_ub", Pipe::MTE2, S::UB, {S::GM}, 1},
    {"l1_to_l0a", Pipe::MTE1, S::L0A, {S::L1}, 6},
    {"l1_to_l0b", Pipe::MTE1, S::L0B, {S::L1}, 6},
    {"mmad", Pipe::M, S::L0C, {S::L0A, S::L0B}, 12},
    {"l0c_to_gm", Pipe::FIX, S::GM, {S::L0C}, 8},
    {"l0c_to_l1", Pipe::FIX, S::L1, {S::L0C}, 2},
    {"l0c_to_ub", Pipe::FIX, S::UB, {S::L0C}, 1},
    {"scalar_store", Pipe::S, S::GM, {}, 1},
    {"scalar_load", Pipe::S, std::nullopt, {S::GM}, 1},
};

bool isMmad(const OpShape& s) { return std::string_view(s.name) == "mmad"; }

}  // namespace

const std::vector<OpShape>& Gen::shapes() const {
  return f_.core == Core::Vec ? kVecShapes : kCubeShapes;
}

std::vector<const OpShape*> Gen::shapesWhere(bool (*pred)(const OpShape&, Space),
                                             Space s) const {
  std::vector<const OpShape*> out;
  for (const OpShape& sh : shapes())
    if (pipeOn(sh.pipe) && pred(sh, s)) out.push_back(&sh);
  return out;
}

void Gen::emit(Block& out, const OpShape& shape, std::vector<Ref> writes,
               std::vector<Ref> reads) {
  OpStmt op;
  op.name = shape.name;
  op.pipe = shape.pipe;
  op.writes = std::move(writes);
  op.reads = std::move(reads);
  out.push_back(stmt(std::move(op)));
}

MadeRef Gen::emitTouch(Block& out, const OpShape& shape, const MadeRef& r, bool asWriter) {
  std::vector<Ref> writes, reads;
  MadeRef written;
  if (shape.write) {
    written = asWriter ? r : refTo(*shape.write, r.len);
    writes.push_back(written.ref);
  }
  bool placed = asWriter;
  for (Space s : shape.reads) {
    if (!placed && s == r.space) {
      reads.push_back(r.ref);
      placed = true;
    } else {
      reads.push_back(refTo(s, r.len).ref);
    }
  }
  // Accumulate: mmad c <- a, b, c.
  if (isMmad(shape) && on(Feature::MmadAccum) && cs_.chance(400)) reads.push_back(written.ref);
  emit(out, shape, std::move(writes), std::move(reads));
  return written;
}

int Gen::genOp(Block& out) {
  std::vector<const OpShape*> cands = shapesWhere([](const OpShape&, Space) { return true; }, S::GM);
  std::vector<uint32_t> w;
  for (const OpShape* s : cands) w.push_back(s->weight);
  const OpShape& shape = *cands[cs_.pick(w)];
  if (shape.pipe == Pipe::S)  // scalar_load / scalar_store: a few bytes
    emitTouch(out, shape, refTo(S::GM, int64_t(4) << cs_.below(3), false), bool(shape.write));
  else if (shape.write)
    emitTouch(out, shape, refTo(*shape.write), true);
  else
    emitTouch(out, shape, refTo(shape.reads.at(0)), false);
  return 1;
}

int Gen::genChain(Block& out, int budget, bool vOnly) {
  int len = int(std::min<int64_t>(budget, cs_.between(2, 5)));
  auto starts = shapesWhere([](const OpShape& s, Space) { return s.write.has_value(); }, S::GM);
  if (vOnly)
    std::erase_if(starts, [](const OpShape* s) { return s->pipe != Pipe::V; });
  if (starts.empty()) return 0;
  std::vector<uint32_t> w;
  for (const OpShape* s : starts) w.push_back(s->weight);
  const OpShape& first = *starts[cs_.pick(w)];
  MadeRef cur = emitTouch(out, first, refTo(*first.write), true);
  int n = 1;
  while (n < len) {
    auto next = shapesWhere(
        [](const OpShape& s, Space sp) {
          return s.write && std::find(s.reads.begin(), s.reads.end(), sp) != s.reads.end();
        },
        cur.space);
    if (vOnly) std::erase_if(next, [](const OpShape* s) { return s->pipe != Pipe::V; });
    if (next.empty()) break;
    w.clear();
    for (const OpShape* s : next) w.push_back(s->weight);
    const OpShape& shape = *next[cs_.pick(w)];
    // V ops sometimes work in place (vadd x <- x, y).
    if (shape.pipe == Pipe::V && *shape.write == cur.space && cs_.chance(150)) {
      emitTouch(out, shape, cur, true);
    } else {
      cur = emitTouch(out, shape, cur, false);
    }
    ++n;
  }
  return n;
}

int Gen::genExec(Block& out) {
  std::vector<Pipe> pipes;
  for (Pipe p : kAllPipes)
    if (pipeOn(p)) pipes.push_back(p);
  Pipe pipe = pipes[cs_.below(pipes.size())];
  std::vector<Space> spaces = f_.core == Core::Vec
                                  ? std::vector<Space>{S::UB, S::GM, S::L1}
                                  : std::vector<Space>{S::L1, S::GM, S::L0A, S::L0B, S::L0C, S::UB};
  int nw = int(cs_.below(3)), nr = int(cs_.below(3));
  if (nw + nr == 0) nr = 1;
  OpStmt op;
  op.name = "exec";
  op.pipe = pipe;
  int64_t len = 0;
  for (int i = 0; i < nw; ++i) {
    MadeRef r = refTo(spaces[cs_.below(spaces.size())], len);
    len = r.len;
    op.writes.push_back(r.ref);
  }
  for (int i = 0; i < nr; ++i) op.reads.push_back(refTo(spaces[cs_.below(spaces.size())], len).ref);
  out.push_back(stmt(std::move(op)));
  return 1;
}

int Gen::genScalar(Block& out, int budget) {
  const OpShape* store = nullptr;
  const OpShape* load = nullptr;
  for (const OpShape& s : shapes()) {
    if (std::string_view(s.name) == "scalar_store") store = &s;
    if (std::string_view(s.name) == "scalar_load") load = &s;
  }
  MadeRef g = refTo(S::GM, int64_t(4) << cs_.below(3), false);
  switch (budget >= 2 ? cs_.pick({2, 2, 3}) : cs_.pick({2, 2})) {
    case 0:
      emitTouch(out, *load, g, false);
      return 1;
    case 1:
      emitTouch(out, *store, g, true);
      return 1;
    default:
      emitTouch(out, *store, g, true);
      emitTouch(out, *load, g, false);
      return 2;
  }
}

}  // namespace syncsmith::gen::detail
