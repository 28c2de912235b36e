#include "pto/SourceMap.h"

#include <sstream>

#include "ir/Printer.h"

namespace syncsmith::pto {
namespace {

// Mirrors printKernel's layout: a statement line, its body, `}` or
// `} else {` lines.
void blockLines(const Block& b, std::vector<int>& out) {
  for (const Stmt& s : b) {
    out.push_back(s.loc.line);
    if (auto* f = s.forLoop()) {
      blockLines(f->body, out);
      out.push_back(0);
    } else if (auto* i = s.ifStmt()) {
      blockLines(i->thenBody, out);
      if (i->elseBody) {
        out.push_back(0);
        blockLines(*i->elseBody, out);
      }
      out.push_back(0);
    }
  }
}

}  // namespace

std::vector<int> sourceLines(const Kernel& k) {
  std::vector<int> out{k.loc.line};
  for (const Buffer& b : k.buffers) out.push_back(b.loc.line);
  for (const Param& p : k.params) out.push_back(p.loc.line);
  blockLines(k.body, out);
  out.push_back(0);
  return out;
}

std::string printWithSourceComments(const Kernel& k, const std::string& file) {
  std::istringstream text(printKernel(k));
  std::vector<int> lines = sourceLines(k);
  std::string out, line;
  for (size_t i = 0; std::getline(text, line); ++i) {
    out += line;
    if (i < lines.size() && lines[i] > 0) out += "  # " + file + ":" + std::to_string(lines[i]);
    out += '\n';
  }
  return out;
}

}  // namespace syncsmith::pto
