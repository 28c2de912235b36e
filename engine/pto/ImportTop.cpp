// File level: directives, `using`, helper functions (skipped), and the one
// __global__ kernel function.
#include <fstream>
#include <iostream>
#include <sstream>

#include "pto/Importer.h"

namespace syncsmith::pto {

Importer::Importer(std::string_view text, const std::string& file, const ImportOptions& opts)
    : file_(file), opts_(opts), toks_(lexCpp(text, file)) {
  scopes_.emplace_back();  // file scope
}

const Token& Importer::peek(size_t k) const {
  size_t i = std::min(pos_ + k, toks_.size() - 1);
  return toks_[i];
}

const Token& Importer::next() {
  const Token& t = toks_[pos_];
  if (pos_ + 1 < toks_.size()) ++pos_;
  return t;
}

bool Importer::accept(std::string_view s) {
  if (!peek().is(s)) return false;
  next();
  return true;
}

static std::string describeToken(const Token& t) {
  if (t.kind == TokKind::End) return "the end of the file";
  if (t.kind == TokKind::Directive) return "a preprocessor line";
  return "'" + t.text + "'";
}

const Token& Importer::expect(std::string_view s, std::string_view what) {
  if (!peek().is(s))
    fail(peek().loc, "expected '" + std::string(s) + "' " + std::string(what) + ", found " +
                         describeToken(peek()));
  return next();
}

const Token& Importer::expectIdent(std::string_view what) {
  if (peek().kind != TokKind::Ident)
    fail(peek().loc, "expected " + std::string(what) + ", found " + describeToken(peek()));
  return next();
}

void Importer::fail(SrcLoc loc, const std::string& msg) const { throw InputError(file_, loc, msg); }

ImportResult Importer::run() {
  parseTopLevel();
  if (!sawKernel_)
    fail({1, 1}, "no '__global__ AICORE void f(...) { ... }' kernel function in this file");
  finalize();
  ImportResult r;
  r.kernel = std::move(kernel_);
  r.file = file_;
  r.notes = std::move(notes_);
  return r;
}

void Importer::handleDirective(const Token& t) {
  std::istringstream in(t.text.substr(1));
  std::string word;
  in >> word;
  static const std::set<std::string> kIgnored = {"include", "pragma", "if",   "ifdef",
                                                 "ifndef",  "endif",  "line", ""};
  if (kIgnored.count(word)) return;
  if (word == "else" || word == "elif")
    fail(t.loc, "'#" + word +
                    "' is not supported: the importer reads every line, so both arms "
                    "would be imported");
  fail(t.loc, "preprocessor directive '#" + word + "' is not supported");
}

void Importer::skipBalanced(std::string_view open, std::string_view close) {
  SrcLoc start = expect(open, "").loc;
  int depth = 1;
  while (depth > 0) {
    const Token& t = next();
    if (t.kind == TokKind::End) fail(start, "'" + std::string(open) + "' is never closed");
    if (t.is(open)) ++depth;
    if (t.is(close)) --depth;
  }
}

void Importer::parseTopLevel() {
  while (peek().kind != TokKind::End) {
    const Token& t = peek();
    if (t.kind == TokKind::Directive) {
      handleDirective(next());
    } else if (t.is(";")) {
      next();
    } else if (t.is("using")) {
      parseUsing();
    } else if (t.is("}")) {
      fail(t.loc, "unbalanced '}': no block is open here");
    } else if (t.is("extern") && peek(1).kind == TokKind::String && peek(2).is("{")) {
      fail(t.loc, "'extern \"C\" { ... }' blocks are not supported");
    } else if (t.is("namespace")) {
      fail(t.loc, "namespace blocks are not supported at file level");
    } else if (t.kind == TokKind::Ident) {
      parseFunction();
    } else {
      fail(t.loc, "unexpected " + describeToken(t) + " at file level");
    }
  }
}

// A function definition or declaration. Returns true when it was the kernel
// (a __global__ function), whose body is imported; others are skipped.
bool Importer::parseFunction() {
  SrcLoc start = peek().loc;
  bool global = false;
  // The declarator prefix: words and template argument lists up to '('.
  size_t scan = pos_;
  std::string name;
  while (true) {
    const Token& t = toks_[scan];
    if (t.kind == TokKind::End) fail(start, "unexpected end of file in a declaration");
    if (t.is("(")) break;
    if (t.is(";") || t.is("{") || t.is("=")) {
      // Not a function: a file-level variable or constant.
      if (t.is("=") && atTypeStart()) {
        parseDeclaration();
        return false;
      }
      fail(start, "unsupported file-level declaration");
    }
    if (t.is("__global__")) global = true;
    if (t.is("__attribute__") || t.is("[")) {  // __attribute__((...)), [[...]]
      if (t.is("__attribute__")) ++scan;
      std::string_view open = toks_[scan].text, close = open == "(" ? ")" : "]";
      if (open != "(" && open != "[") fail(t.loc, "malformed attribute");
      int depth = 0;
      do {
        if (toks_[scan].kind == TokKind::End) fail(t.loc, "unexpected end of file in an attribute");
        if (toks_[scan].is(open)) ++depth;
        if (toks_[scan].is(close)) --depth;
        ++scan;
      } while (depth > 0);
      continue;
    }
    if (t.kind == TokKind::Ident) name = t.text;
    ++scan;
  }
  if (name.empty()) fail(start, "unsupported file-level declaration");
  if (!global) {
    pos_ = scan;
    skipBalanced("(", ")");
    while (!peek().is("{") && !peek().is(";")) {
      if (peek().kind == TokKind::End) fail(start, "unexpected end of file in a declaration");
      next();
    }
    if (peek().is("{")) skipBalanced("{", "}");
    else next();
    return false;
  }
  if (sawKernel_)
    fail(start, "a second __global__ kernel ('" + name +
                    "'): import one kernel per file");
  sawKernel_ = true;
  kernel_.name = name;
  kernelLoc_ = start;
  kernel_.loc = start;
  pos_ = scan;
  expect("(", "after the kernel name");
  parseKernelArgs();
  while (!peek().is("{")) {
    if (peek().is(";")) fail(peek().loc, "the kernel '" + name + "' has no body");
    if (peek().kind == TokKind::End) fail(start, "unexpected end of file before the kernel body");
    next();
  }
  next();
  scopes_.emplace_back();
  parseBlockBody(kernel_.body);
  scopes_.pop_back();
  return true;
}

void Importer::parseKernelArgs() {
  if (accept(")")) return;
  while (true) {
    TypeNode t = parseType();
    const Token& n = expectIdent("a parameter name");
    KernelArg a;
    a.name = n.text;
    a.loc = n.loc;
    Value v;
    if (t.pointers == 1 && t.addrSpace == "__gm__") {
      auto es = elementSize(t.name);
      if (!es) fail(t.nameLoc, "unknown element type '" + t.name + "' of GM pointer '" + n.text + "'");
      a.kind = KernelArg::Kind::Gm;
      a.elemSize = *es;
      v = GmPtrVal{n.text, *es, Expr::constant(0)};
    } else if (t.pointers == 0 && (scalarClass(t.name) == ScalarClass::Int ||
                                   scalarClass(t.name) == ScalarClass::Event)) {
      a.kind = KernelArg::Kind::Int;
      v = IntVal{Expr::var(n.text, n.loc)};
    } else if (t.pointers == 0 && scalarClass(t.name) == ScalarClass::Bool) {
      a.kind = KernelArg::Kind::Bool;
      BoolVal b;
      b.kind = BoolVal::Kind::Int;
      b.cond.op = CmpOp::Ne;
      b.cond.lhs = Expr::var(n.text, n.loc);
      b.cond.rhs = Expr::constant(0);
      v = b;
    } else if (t.pointers == 0 && scalarClass(t.name) == ScalarClass::Float) {
      a.kind = KernelArg::Kind::Float;
      v = OpaqueVal{"float argument '" + n.text + "'"};
    } else {
      fail(t.loc, "unsupported kernel parameter type '" + t.str() +
                      "' (expected '__gm__ T*', an integer, bool or float)");
    }
    for (const KernelArg& o : args_)
      if (o.name == a.name) fail(n.loc, "duplicate parameter '" + a.name + "'");
    args_.push_back(a);
    scopes_.front()[a.name] = v;
    if (accept(")")) return;
    expect(",", "between kernel parameters");
  }
}

ImportResult importPto(std::string_view text, const std::string& file, const ImportOptions& opts) {
  return Importer(text, file, opts).run();
}

ImportResult importPtoFile(const std::string& path, const ImportOptions& opts) {
  std::stringstream buf;
  if (path == "-") {
    buf << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, {1, 1}, "cannot read file");
    buf << in.rdbuf();
  }
  return importPto(buf.str(), path == "-" ? "<stdin>" : path, opts);
}

std::pair<std::string, ParamRange> parseParamRange(std::string_view text) {
  auto bad = [&] {
    return InputError("--param-range", {1, 1},
                      "expected NAME=LO..HI (e.g. v4=1..8), found '" + std::string(text) + "'");
  };
  size_t eq = text.find('=');
  size_t dots = text.find("..");
  if (eq == std::string_view::npos || dots == std::string_view::npos || dots < eq || eq == 0)
    throw bad();
  std::string name(text.substr(0, eq));
  auto num = [&](std::string_view s) {
    if (s.empty()) throw bad();
    size_t i = s[0] == '-' ? 1 : 0;
    if (i == s.size()) throw bad();
    int64_t v = 0;
    for (; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9' || v > (INT64_MAX - 9) / 10) throw bad();
      v = v * 10 + (s[i] - '0');
    }
    return s[0] == '-' ? -v : v;
  };
  ParamRange r{num(text.substr(eq + 1, dots - eq - 1)), num(text.substr(dots + 2))};
  if (r.lo > r.hi) throw bad();
  return {name, r};
}

}  // namespace syncsmith::pto
