#include "ir/Printer.h"

namespace syncsmith {
namespace {

void indent(std::string& out, int depth) { out.append(size_t(depth) * 2, ' '); }

std::string printRefs(const std::vector<Ref>& refs) {
  std::string s;
  for (size_t i = 0; i < refs.size(); ++i) {
    if (i) s += ", ";
    s += printRef(refs[i]);
  }
  return s;
}

void printBlock(const Block& b, int depth, std::string& out);

void printStmt(const Stmt& s, int depth, std::string& out) {
  indent(out, depth);
  out += printStmtLine(s);
  if (auto* f = s.forLoop()) {
    out += '\n';
    printBlock(f->body, depth + 1, out);
    indent(out, depth);
    out += "}";
  } else if (auto* i = s.ifStmt()) {
    out += '\n';
    printBlock(i->thenBody, depth + 1, out);
    indent(out, depth);
    out += "}";
    if (i->elseBody) {
      out += " else {\n";
      printBlock(*i->elseBody, depth + 1, out);
      indent(out, depth);
      out += "}";
    }
  }
  out += '\n';
}

void printBlock(const Block& b, int depth, std::string& out) {
  for (const Stmt& s : b) printStmt(s, depth, out);
}

}  // namespace

std::string printRef(const Ref& r) {
  std::string s = r.buffer;
  if (r.slot) s += "[" + r.slot->str() + "]";
  if (r.lo) s += "[" + r.lo->str() + ":" + r.hi->str() + "]";
  return s;
}

std::string printCond(const Cond& c) {
  if (c.runtime) return "?" + c.name;
  return c.lhs.str() + " " + std::string(cmpOpText(c.op)) + " " + c.rhs.str();
}

std::string printStmtLine(const Stmt& s) {
  if (auto* op = s.op()) {
    std::string line = op->name;
    if (op->isExec()) line += " " + std::string(pipeName(op->pipe));
    if (!op->writes.empty()) line += " " + printRefs(op->writes);
    line += " <-";
    if (!op->reads.empty()) line += " " + printRefs(op->reads);
    return line;
  }
  if (auto* y = s.sync()) {
    switch (y->kind) {
      case SyncKind::SetFlag:
      case SyncKind::WaitFlag: {
        std::string line = y->kind == SyncKind::SetFlag ? "set_flag " : "wait_flag ";
        line += std::string(pipeName(y->src)) + " " + std::string(pipeName(y->dst)) + " ";
        if (y->id.computed)
          line += "(" + y->id.expr.str() + ")";
        else
          line += y->id.expr.str();
        return line;
      }
      case SyncKind::Barrier:
        return "pipe_barrier " + (y->all ? std::string("ALL") : std::string(pipeName(y->src)));
      case SyncKind::Fence:
        return "gm_fence " + std::string(pipeName(y->src));
    }
  }
  if (auto* f = s.forLoop()) {
    std::string line = "for " + f->var + " in " + f->lo.str() + ".." + f->hi.str();
    if (f->step) line += " step " + std::to_string(*f->step);
    return line + " {";
  }
  if (auto* i = s.ifStmt()) return "if " + printCond(i->cond) + " {";
  return "";
}

std::string printKernel(const Kernel& k) {
  std::string out = "kernel " + k.name;
  if (k.archAttr) out += " arch=" + std::string(archName(*k.archAttr));
  if (k.coreAttr) out += " core=" + std::string(coreName(*k.coreAttr));
  out += " {\n";
  for (const Buffer& b : k.buffers) {
    out += "  buffer " + b.name + " " + std::string(spaceName(b.space)) + " " +
           std::to_string(b.size);
    if (b.addr) out += " @" + std::to_string(*b.addr);
    if (b.slots) out += " slots=" + std::to_string(*b.slots);
    out += "\n";
  }
  for (const Param& p : k.params)
    out += "  param " + p.name + " in " + std::to_string(p.lo) + ".." +
           std::to_string(p.hi) + "\n";
  printBlock(k.body, 1, out);
  out += "}\n";
  return out;
}

}  // namespace syncsmith
