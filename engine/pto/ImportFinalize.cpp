// After the body is read: Bias placement, buffer names and declarations,
// params and their ranges, GM sizes, op names, validation.
#include <algorithm>
#include <tuple>

#include "ir/Validate.h"
#include "pto/Importer.h"

namespace syncsmith::pto {
namespace {

void collectNames(const Expr& e, std::set<std::string>& out) {
  std::vector<std::string> names;
  e.collectNames(names);
  out.insert(names.begin(), names.end());
}

void collectRefNames(const std::vector<Ref>& refs, std::set<std::string>& out) {
  for (const Ref& r : refs) {
    if (r.slot) collectNames(*r.slot, out);
    if (r.lo) collectNames(*r.lo, out), collectNames(*r.hi, out);
  }
}

std::set<std::string> usedNames(const Block& body) {
  std::set<std::string> out;
  forEachStmt(body, [&](const Stmt& s) {
    if (auto* op = s.op()) collectRefNames(op->writes, out), collectRefNames(op->reads, out);
    if (auto* y = s.sync(); y && y->isFlag()) collectNames(y->id.expr, out);
    if (auto* f = s.forLoop()) collectNames(f->lo, out), collectNames(f->hi, out);
    if (auto* i = s.ifStmt(); i && !i->cond.runtime)
      collectNames(i->cond.lhs, out), collectNames(i->cond.rhs, out);
  });
  return out;
}

std::string rangeText(ParamRange r) { return std::to_string(r.lo) + ".." + std::to_string(r.hi); }

}  // namespace

void Importer::finalize() {
  relocateBias();
  nameLocalBuffers();
  buildParams();
  sizeGmBuffers();
  kernel_.archAttr = opts_.arch;
  kernel_.coreAttr = cubeSeen_ ? Core::Cube : Core::Vec;
  legalizeOps();
  validateKernel(kernel_, file_);
  if (opts_.stripSync) {
    kernel_ = stripSync(kernel_);
    validateKernel(kernel_, file_);
  }
}

void Importer::relocateBias() {
  int64_t span = 0;
  const LocalBuf* first = nullptr;
  for (const LocalBuf& b : locals_) {
    if (b.kind != TileKind::Bias) continue;
    span = std::max(span, b.addr + b.size);
    if (!first) first = &b;
  }
  if (!first) return;
  for (Space s : {Space::L0B, Space::L0A, Space::L0C}) {
    int64_t end = 0;
    for (const LocalBuf& b : locals_)
      if (b.kind != TileKind::Bias && b.space == s) end = std::max(end, b.addr + b.size);
    if (end + span > *capacity(s)) continue;
    for (LocalBuf& b : locals_) {
      if (b.kind != TileKind::Bias) continue;
      b.name = "bias_" + std::to_string(b.addr);
      b.space = s;
      b.addr += end;
    }
    notes_.push_back("Bias tiles (the bias table has no .sk space) are modelled in " +
                     std::string(spaceName(s)) + " from byte " + std::to_string(end) +
                     ", past every other tile of that space");
    return;
  }
  fail(first->loc, "no room to model the Bias tiles: l0b, l0a and l0c have no " +
                       std::to_string(span) + " free bytes past their other tiles");
}

void Importer::nameLocalBuffers() {
  std::set<std::string> taken;
  for (const KernelArg& a : args_) taken.insert(a.name);
  for (const Builtin& b : builtins()) taken.insert(std::string(b.param));
  forEachStmt(kernel_.body, [&](const Stmt& s) {
    if (auto* f = s.forLoop()) taken.insert(f->var);
  });
  std::vector<std::string> names(locals_.size());
  for (size_t i = 0; i < locals_.size(); ++i) {
    const LocalBuf& b = locals_[i];
    std::string base = b.kind == TileKind::Bias ? b.name : std::string(spaceName(b.space)) + "_" +
                                                             std::to_string(b.addr);
    if (b.shape == LocalBuf::Shape::Any) base = std::string(spaceName(b.space)) + "_any";
    if (b.shape == LocalBuf::Shape::Slotted) base += "_x" + std::to_string(b.slots);
    bool sameStart = false;
    for (size_t j = 0; j < locals_.size(); ++j)
      if (j != i && locals_[j].shape == b.shape && locals_[j].space == b.space &&
          locals_[j].addr == b.addr && (locals_[j].kind == TileKind::Bias) == (b.kind == TileKind::Bias))
        sameStart = true;
    if (sameStart) base += "_" + std::to_string(b.size);
    while (taken.count(base)) base += "_buf";
    taken.insert(base);
    names[i] = base;
  }
  forEachStmt(kernel_.body, [&](Stmt& s) {
    auto* op = s.op();
    if (!op) return;
    for (auto* refs : {&op->writes, &op->reads})
      for (Ref& r : *refs)
        if (!r.buffer.empty() && r.buffer[0] == '$') r.buffer = names[std::stoul(r.buffer.substr(1))];
  });
  std::vector<size_t> order(locals_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    const LocalBuf& a = locals_[x];
    const LocalBuf& b = locals_[y];
    return std::tie(a.space, a.addr, a.size, a.shape) < std::tie(b.space, b.addr, b.size, b.shape);
  });
  for (size_t i : order) {
    const LocalBuf& b = locals_[i];
    Buffer buf;
    buf.name = names[i];
    buf.space = b.space;
    buf.size = b.size;
    buf.addr = b.addr;
    if (b.shape == LocalBuf::Shape::Slotted) buf.slots = b.slots;
    buf.loc = b.loc;
    kernel_.buffers.push_back(buf);
  }
}

void Importer::buildParams() {
  std::set<std::string> used = usedNames(kernel_.body);
  std::set<std::string> known;
  auto add = [&](const std::string& name, ParamRange def, SrcLoc loc) {
    known.insert(name);
    if (!used.count(name)) return;
    Param p;
    p.name = name;
    p.loc = loc;
    auto it = opts_.paramRanges.find(name);
    ParamRange r = it != opts_.paramRanges.end() ? it->second : def;
    if (it == opts_.paramRanges.end())
      notes_.push_back("param " + name + " in " + rangeText(r) +
                       " (default; set it with --param-range " + name + "=LO..HI)");
    p.lo = r.lo;
    p.hi = r.hi;
    kernel_.params.push_back(p);
  };
  for (const KernelArg& a : args_) {
    if (a.kind == KernelArg::Kind::Int) add(a.name, kDefaultArgRange, a.loc);
    if (a.kind == KernelArg::Kind::Bool) add(a.name, {0, 1}, a.loc);
  }
  for (const Builtin& b : builtins()) add(std::string(b.param), b.range, kernelLoc_);
  for (const auto& [name, r] : opts_.paramRanges) {
    if (!known.count(name)) {
      std::string list;
      for (const Param& p : kernel_.params) list += (list.empty() ? "" : ", ") + p.name;
      throw InputError(file_, kernelLoc_,
                       "--param-range names '" + name + "', which is not an integer parameter of '" +
                           kernel_.name + "' (params: " + (list.empty() ? "none" : list) + ")");
    }
    if (!used.count(name))
      notes_.push_back("--param-range " + name + ": the kernel's sync and memory do not depend on it");
  }
}

void Importer::sizeGmBuffers() {
  std::map<std::string, int64_t> extents = gmExtents(kernel_.params, kernel_.body, gmUsed_, file_);
  std::vector<Buffer> gm;
  for (const KernelArg& a : args_) {
    if (a.kind != KernelArg::Kind::Gm || !gmUsed_.count(a.name)) continue;
    Buffer b;
    b.name = a.name;
    b.space = Space::GM;
    b.size = std::max<int64_t>(1, extents[a.name]);
    b.loc = a.loc;
    gm.push_back(b);
  }
  kernel_.buffers.insert(kernel_.buffers.begin(), gm.begin(), gm.end());
}

// A named op keeps its name only where the .sk op table allows its spaces
// (a relocated Bias tile may not); otherwise it becomes `exec PIPE`.
void Importer::legalizeOps() {
  forEachStmt(kernel_.body, [&](Stmt& s) {
    auto* op = s.op();
    if (!op || op->isExec()) return;
    auto info = lookupOp(op->name);
    bool ok = info && info->pipe == op->pipe;
    auto fits = [&](const std::vector<Ref>& refs, SpaceMask allowed) {
      for (const Ref& r : refs)
        if (!(allowed & maskOf(kernel_.findBuffer(r.buffer)->space))) return false;
      return true;
    };
    if (ok) ok = fits(op->writes, info->writes) && fits(op->reads, info->reads);
    if (!ok) op->name = "exec";
  });
}

}  // namespace syncsmith::pto
