// Edits on the kernel tree used by the reducer's passes: block paths,
// substitution of a name by an expression (with constant folding), buffer
// renaming, and the size measure that every accepted edit must decrease.
#pragma once

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "ir/Kernel.h"

namespace syncsmith::reduce {

// The path from the kernel body to a nested block: for each step, the index
// of a for/if statement in the current block and the arm (0: loop body or
// then arm, 1: else arm). The empty path is the kernel body.
struct BlockStep {
  size_t stmt = 0;
  int arm = 0;
  bool operator==(const BlockStep&) const = default;
};
using BlockPath = std::vector<BlockStep>;

// Every block of `k`, ordered by depth (HDD levels), then program order.
std::vector<BlockPath> blockPaths(const Kernel& k);
// The block at `p`, or nullptr when the path no longer exists.
Block* blockAt(Kernel& k, const BlockPath& p);
const Block* blockAt(const Kernel& k, const BlockPath& p);

// An integer constant as the parser builds it ("-3" is the constant -3).
Expr constantExpr(int64_t v);
// Folds constant subtrees and trivial identities (x+0, x*1, x*0, x%1).
Expr fold(const Expr& e);
// `e` with every Var `name` replaced by `value`, folded.
Expr substitute(const Expr& e, const std::string& name, const Expr& value);
// Substitutes in every expression of the block (refs, ids, bounds, conds).
void substituteBlock(Block& b, const std::string& name, const Expr& value);
// Points every ref to buffer `from` at buffer `to`.
void renameBufferRefs(Block& b, const std::string& from, const std::string& to);
// Whether any ref names `buffer` / any expression names `name`.
bool usesBuffer(const Block& b, const std::string& buffer);
bool usesName(const Block& b, const std::string& name);
// Applies f to every Ref of every op in the block (recursively).
template <class F>
void forEachRef(Block& b, F&& f) {
  forEachStmt(b, [&](Stmt& s) {
    if (auto* op = s.op()) {
      for (Ref& r : op->writes) f(r);
      for (Ref& r : op->reads) f(r);
    }
  });
}

// What "smaller" means: fewer ops, then fewer statements, then fewer
// dynamic instructions (params at their maximum, ?conds true), then fewer
// declarations, then shorter text, then fewer slots, then fewer bytes.
struct KernelSize {
  int ops = 0;
  int stmts = 0;
  int64_t dynamic = 0;
  int decls = 0;
  size_t text = 0;
  int64_t slots = 0;
  int64_t bytes = 0;
  auto key() const { return std::tie(ops, stmts, dynamic, decls, text, slots, bytes); }
  bool operator<(const KernelSize& o) const { return key() < o.key(); }
};
KernelSize kernelSize(const Kernel& k, size_t textLength);

}  // namespace syncsmith::reduce
