// The kernel IR: one kernel of the `.sk` format (KERNEL-FORMAT.md), as
// written. Fields that the text may omit are kept as optionals so that
// printing gives back what was parsed; the semantic accessors apply the
// defaults. Source locations are kept on every node; equality ignores them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "ir/Expr.h"
#include "ir/Machine.h"
#include "ir/SourceLoc.h"

namespace syncsmith {

struct Buffer {
  std::string name;
  Space space = Space::UB;
  int64_t size = 1;
  std::optional<int64_t> addr;   // `@ADDR`, local buffers only
  std::optional<int64_t> slots;  // `slots=k`; a slotted buffer needs a slot
  SrcLoc loc;
  // Resolved by layoutBuffers(): the byte address in its space. GM buffers
  // get disjoint addresses of a virtual GM space so that they never alias.
  int64_t base = 0;

  int64_t slotCount() const { return slots.value_or(1); }
  int64_t slotSize() const { return size / slotCount(); }
  bool slotted() const { return slots.has_value(); }
  bool operator==(const Buffer& o) const {
    return name == o.name && space == o.space && size == o.size &&
           addr == o.addr && slots == o.slots;
  }
};

struct Param {
  std::string name;
  int64_t lo = 0, hi = 0;  // inclusive
  SrcLoc loc;
  bool operator==(const Param& o) const {
    return name == o.name && lo == o.lo && hi == o.hi;
  }
};

// `buf`, `buf[slot]`, `buf[lo:hi]`, `buf[slot][lo:hi]`.
struct Ref {
  std::string buffer;
  std::optional<Expr> slot;
  std::optional<Expr> lo, hi;  // both or neither
  SrcLoc loc;
  bool hasRange() const { return lo.has_value(); }
  bool operator==(const Ref& o) const {
    return buffer == o.buffer && slot == o.slot && lo == o.lo && hi == o.hi;
  }
};

struct OpStmt {
  std::string name;   // "exec" for `exec PIPE`
  Pipe pipe = Pipe::V;
  std::vector<Ref> writes;
  std::vector<Ref> reads;
  bool isExec() const { return name == "exec"; }
  bool operator==(const OpStmt&) const = default;
};

// An event id: a literal `3` or a computed `(expr)`.
struct EventId {
  Expr expr;
  bool computed = false;
  bool operator==(const EventId&) const = default;
};

enum class SyncKind : uint8_t { SetFlag, WaitFlag, Barrier, Fence };

struct SyncStmt {
  SyncKind kind = SyncKind::SetFlag;
  Pipe src = Pipe::S;  // set/wait: source pipe; barrier/fence: the pipe
  Pipe dst = Pipe::S;  // set/wait only
  bool all = false;    // `pipe_barrier ALL`
  EventId id;          // set/wait only
  bool isFlag() const {
    return kind == SyncKind::SetFlag || kind == SyncKind::WaitFlag;
  }
  // The pipe the instruction runs on: a set on src, a wait on dst.
  Pipe pipe() const { return kind == SyncKind::WaitFlag ? dst : src; }
  bool operator==(const SyncStmt& o) const {
    if (kind != o.kind) return false;
    if (isFlag()) return src == o.src && dst == o.dst && id == o.id;
    if (kind == SyncKind::Barrier && (all || o.all)) return all == o.all;
    return src == o.src;
  }
};

enum class CmpOp : uint8_t { Eq, Ne, Lt, Le, Gt, Ge };
std::string_view cmpOpText(CmpOp op);
bool compare(CmpOp op, int64_t a, int64_t b);

struct Cond {
  bool runtime = false;  // `?NAME`
  std::string name;      // runtime only
  CmpOp op = CmpOp::Eq;
  Expr lhs, rhs;         // integer conditions only
  bool operator==(const Cond& o) const {
    if (runtime != o.runtime) return false;
    if (runtime) return name == o.name;
    return op == o.op && lhs == o.lhs && rhs == o.rhs;
  }
};

struct Stmt;
using Block = std::vector<Stmt>;

struct ForStmt {
  std::string var;
  Expr lo, hi;                  // half-open [lo, hi)
  std::optional<int64_t> step;  // `step INT`, >= 1
  Block body;
  int64_t stepValue() const { return step.value_or(1); }
  bool operator==(const ForStmt&) const;
};

struct IfStmt {
  Cond cond;
  Block thenBody;
  std::optional<Block> elseBody;
  bool operator==(const IfStmt&) const;
};

struct Stmt {
  std::variant<OpStmt, SyncStmt, ForStmt, IfStmt> node;
  SrcLoc loc;

  const OpStmt* op() const { return std::get_if<OpStmt>(&node); }
  const SyncStmt* sync() const { return std::get_if<SyncStmt>(&node); }
  const ForStmt* forLoop() const { return std::get_if<ForStmt>(&node); }
  const IfStmt* ifStmt() const { return std::get_if<IfStmt>(&node); }
  OpStmt* op() { return std::get_if<OpStmt>(&node); }
  SyncStmt* sync() { return std::get_if<SyncStmt>(&node); }
  ForStmt* forLoop() { return std::get_if<ForStmt>(&node); }
  IfStmt* ifStmt() { return std::get_if<IfStmt>(&node); }
  bool operator==(const Stmt& o) const { return node == o.node; }
};

struct Kernel {
  std::string name;
  std::optional<Arch> archAttr;  // `arch=`, default a2a3
  std::optional<Core> coreAttr;  // `core=`, default vec
  std::vector<Buffer> buffers;
  std::vector<Param> params;
  Block body;
  SrcLoc loc;

  Arch arch() const { return archAttr.value_or(Arch::A2A3); }
  Core core() const { return coreAttr.value_or(Core::Vec); }
  const Buffer* findBuffer(std::string_view n) const;
  const Param* findParam(std::string_view n) const;
  bool operator==(const Kernel& o) const {
    return name == o.name && archAttr == o.archAttr && coreAttr == o.coreAttr &&
           buffers == o.buffers && params == o.params && body == o.body;
  }
};

// A kernel's buffers by name (the first of a name), for lookups per
// reference in hot loops (validation, traces, footprints); Kernel::findBuffer
// is a linear scan. Valid while the kernel's buffer list is not resized.
class BufferTable {
 public:
  explicit BufferTable(const Kernel& k);
  const Buffer* find(std::string_view name) const {
    auto it = byName_.find(name);
    return it == byName_.end() ? nullptr : it->second;
  }

 private:
  std::unordered_map<std::string_view, const Buffer*> byName_;
};

// Walks every statement, depth first in program order.
template <class F>
void forEachStmt(const Block& b, F&& f) {
  for (const Stmt& s : b) {
    f(s);
    if (auto* l = s.forLoop()) forEachStmt(l->body, f);
    if (auto* i = s.ifStmt()) {
      forEachStmt(i->thenBody, f);
      if (i->elseBody) forEachStmt(*i->elseBody, f);
    }
  }
}
template <class F>
void forEachStmt(Block& b, F&& f) {
  for (Stmt& s : b) {
    f(s);
    if (auto* l = s.forLoop()) forEachStmt(l->body, f);
    if (auto* i = s.ifStmt()) {
      forEachStmt(i->thenBody, f);
      if (i->elseBody) forEachStmt(*i->elseBody, f);
    }
  }
}

// Assigns Buffer::base per KERNEL-FORMAT.md "Buffers and refs": `@` buffers
// where they say, the others end to end after the highest `@` end of their
// space; GM buffers end to end in a virtual space of their own.
void layoutBuffers(Kernel& k);

// Counts of the statement kinds, for `info` and reports.
struct StmtCounts {
  int ops = 0, setFlags = 0, waitFlags = 0, barriers = 0, fences = 0,
      loops = 0, ifs = 0;
  int opsPerPipe[kNumPipes] = {};
  int syncs() const { return setFlags + waitFlags + barriers + fences; }
};
StmtCounts countStmts(const Kernel& k);

// A copy of `k` with every sync statement removed (the engine's input form).
Kernel stripSync(const Kernel& k);

}  // namespace syncsmith
