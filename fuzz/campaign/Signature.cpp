#include "campaign/Signature.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "ir/Printer.h"

namespace syncsmith::campaign {
namespace {

const Stmt* stmtAtLine(const Kernel& k, int line) {
  const Stmt* found = nullptr;
  forEachStmt(k.body, [&](const Stmt& s) {
    if (!found && s.loc.line == line) found = &s;
  });
  return found;
}

std::string spacesOf(const Kernel& k, const std::vector<Ref>& refs) {
  std::vector<std::string> names;
  for (const Ref& r : refs) {
    const Buffer* b = k.findBuffer(r.buffer);
    std::string n = b ? std::string(spaceName(b->space)) : "?";
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  }
  std::string s;
  for (const std::string& n : names) s += (s.empty() ? "" : ",") + n;
  return s;
}

// Vector compute ops (vadd, vmul, vexp, dup, ...) are one class to the
// machine: V, ub <- ub. Other op names are kept.
std::string opClass(const OpStmt& op) {
  if (op.isExec()) return "exec";
  if (op.pipe == Pipe::V && op.name != "ub_to_ub") return "v*";
  return op.name;
}

std::string syncShape(const SyncStmt& s) {
  switch (s.kind) {
    case SyncKind::SetFlag:
      return "set_flag " + std::string(pipeName(s.src)) + "->" + std::string(pipeName(s.dst));
    case SyncKind::WaitFlag:
      return "wait_flag " + std::string(pipeName(s.src)) + "->" + std::string(pipeName(s.dst));
    case SyncKind::Barrier:
      return s.all ? "pipe_barrier ALL" : "pipe_barrier " + std::string(pipeName(s.src));
    case SyncKind::Fence:
      return "gm_fence " + std::string(pipeName(s.src));
  }
  return "sync";
}

}  // namespace

std::string stmtShape(const Kernel& k, int line) {
  const Stmt* s = stmtAtLine(k, line);
  if (!s) return "?";
  if (const OpStmt* op = s->op())
    return std::string(pipeName(op->pipe)) + " " + opClass(*op) + " " + spacesOf(k, op->writes) + "<-" +
           spacesOf(k, op->reads);
  if (const SyncStmt* sy = s->sync()) return syncShape(*sy);
  if (s->forLoop()) return "for";
  return "if";
}

std::string findingSignature(const Kernel& k, const Finding& f, const std::string& prefix) {
  std::vector<std::string> shapes;
  for (const Instance& in : f.instances) {
    std::string sh = stmtShape(k, in.line);
    if (std::find(shapes.begin(), shapes.end(), sh) == shapes.end()) shapes.push_back(sh);
  }
  std::string sig = prefix + std::string(findingKindName(f.kind)) + ":";
  for (size_t i = 0; i < shapes.size(); ++i) sig += (i ? " | " : " ") + shapes[i];
  return sig;
}

std::string shortHash(const std::string& signature) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : signature) {
    h ^= c;
    h *= 1099511628211ull;
  }
  static const char* kHex = "0123456789abcdef";
  std::string out(8, '0');
  uint32_t v = uint32_t(h ^ (h >> 32));
  for (int i = 7; i >= 0; --i, v >>= 4) out[i] = kHex[v & 15];
  return out;
}

std::string folderName(const std::string& kind, const std::string& signature) {
  std::string k;
  for (char c : kind) k += c == '_' ? '-' : char(std::tolower(static_cast<unsigned char>(c)));
  return k + "-" + shortHash(signature);
}

}  // namespace syncsmith::campaign
