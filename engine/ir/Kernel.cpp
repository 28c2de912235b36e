#include "ir/Kernel.h"

#include <algorithm>

namespace syncsmith {

std::string_view cmpOpText(CmpOp op) {
  switch (op) {
    case CmpOp::Eq: return "==";
    case CmpOp::Ne: return "!=";
    case CmpOp::Lt: return "<";
    case CmpOp::Le: return "<=";
    case CmpOp::Gt: return ">";
    case CmpOp::Ge: return ">=";
  }
  return "?";
}

bool compare(CmpOp op, int64_t a, int64_t b) {
  switch (op) {
    case CmpOp::Eq: return a == b;
    case CmpOp::Ne: return a != b;
    case CmpOp::Lt: return a < b;
    case CmpOp::Le: return a <= b;
    case CmpOp::Gt: return a > b;
    case CmpOp::Ge: return a >= b;
  }
  return false;
}

bool ForStmt::operator==(const ForStmt& o) const {
  return var == o.var && lo == o.lo && hi == o.hi && step == o.step &&
         body == o.body;
}

bool IfStmt::operator==(const IfStmt& o) const {
  return cond == o.cond && thenBody == o.thenBody && elseBody == o.elseBody;
}

const Buffer* Kernel::findBuffer(std::string_view n) const {
  for (const Buffer& b : buffers)
    if (b.name == n) return &b;
  return nullptr;
}

BufferTable::BufferTable(const Kernel& k) {
  for (const Buffer& b : k.buffers) byName_.emplace(b.name, &b);
}

const Param* Kernel::findParam(std::string_view n) const {
  for (const Param& p : params)
    if (p.name == n) return &p;
  return nullptr;
}

void layoutBuffers(Kernel& k) {
  int64_t next[kNumSpaces] = {};
  for (const Buffer& b : k.buffers)
    if (b.addr && b.space != Space::GM)
      next[int(b.space)] = std::max(next[int(b.space)], *b.addr + b.size);
  for (Buffer& b : k.buffers) {
    if (b.addr && b.space != Space::GM) {
      b.base = *b.addr;
      continue;
    }
    b.base = next[int(b.space)];
    next[int(b.space)] += b.size;
  }
}

StmtCounts countStmts(const Kernel& k) {
  StmtCounts c;
  forEachStmt(k.body, [&](const Stmt& s) {
    if (auto* op = s.op()) {
      ++c.ops;
      ++c.opsPerPipe[int(op->pipe)];
    } else if (auto* sy = s.sync()) {
      switch (sy->kind) {
        case SyncKind::SetFlag: ++c.setFlags; break;
        case SyncKind::WaitFlag: ++c.waitFlags; break;
        case SyncKind::Barrier: ++c.barriers; break;
        case SyncKind::Fence: ++c.fences; break;
      }
    } else if (s.forLoop()) {
      ++c.loops;
    } else if (s.ifStmt()) {
      ++c.ifs;
    }
  });
  return c;
}

namespace {
void stripBlock(Block& b) {
  b.erase(std::remove_if(b.begin(), b.end(),
                         [](const Stmt& s) { return s.sync() != nullptr; }),
          b.end());
  for (Stmt& s : b) {
    if (auto* l = s.forLoop()) stripBlock(l->body);
    if (auto* i = s.ifStmt()) {
      stripBlock(i->thenBody);
      if (i->elseBody) stripBlock(*i->elseBody);
    }
  }
}
}  // namespace

Kernel stripSync(const Kernel& k) {
  Kernel out = k;
  stripBlock(out.body);
  return out;
}

}  // namespace syncsmith
