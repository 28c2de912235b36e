#include "ir/Parser.h"

#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>

#include "ir/Lexer.h"
#include "ir/Validate.h"

namespace syncsmith {
namespace {

class Parser {
 public:
  Parser(const std::string& file, std::vector<Token> toks)
      : file_(file), toks_(std::move(toks)) {}

  Kernel parseFile() {
    skipNewlines();
    Kernel k;
    k.loc = peek().loc;
    expectWord("kernel");
    k.name = expectName("kernel name");
    parseAttrs(k);
    expectPunct("{");
    expectNewline();
    parseDecls(k);
    k.body = parseBlock();
    expectPunct("}");
    expectNewline();
    skipNewlines();
    if (peek().kind != Tok::End)
      fail(peek().loc, "expected end of file after the kernel (one kernel per file)");
    return k;
  }

 private:
  const Token& peek(size_t ahead = 0) const {
    size_t i = std::min(pos_ + ahead, toks_.size() - 1);
    return toks_[i];
  }
  const Token& next() {
    const Token& t = toks_[pos_];
    if (pos_ + 1 < toks_.size()) ++pos_;
    return t;
  }
  [[noreturn]] void fail(SrcLoc loc, const std::string& msg) const {
    throw InputError(file_, loc, msg);
  }
  static std::string describe(const Token& t) {
    switch (t.kind) {
      case Tok::Newline: return "end of line";
      case Tok::End: return "end of file";
      default: return "'" + t.text + "'";
    }
  }
  void skipNewlines() {
    while (peek().kind == Tok::Newline) next();
  }
  void expectPunct(std::string_view p) {
    if (!peek().is(p))
      fail(peek().loc, "expected '" + std::string(p) + "', found " + describe(peek()));
    next();
  }
  void expectWord(std::string_view w) {
    if (!peek().isWord(w))
      fail(peek().loc, "expected '" + std::string(w) + "', found " + describe(peek()));
    next();
  }
  std::string expectName(std::string_view what) {
    if (peek().kind != Tok::Name)
      fail(peek().loc, "expected " + std::string(what) + ", found " + describe(peek()));
    return next().text;
  }
  void expectNewline() {
    if (peek().kind != Tok::Newline)
      fail(peek().loc, "expected end of line, found " + describe(peek()));
    skipNewlines();
  }
  int64_t parseIntToken(const Token& t) const {
    int64_t v = 0;
    auto [p, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
    if (ec != std::errc() || p != t.text.data() + t.text.size())
      fail(t.loc, "integer '" + t.text + "' is out of range");
    return v;
  }
  int64_t expectInt(std::string_view what, bool allowMinus = false) {
    bool negative = false;
    if (allowMinus && peek().is("-")) {
      next();
      negative = true;
    }
    if (peek().kind != Tok::Int)
      fail(peek().loc, "expected " + std::string(what) + ", found " + describe(peek()));
    int64_t v = parseIntToken(next());
    return negative ? -v : v;
  }

  void parseAttrs(Kernel& k) {
    while (peek().kind == Tok::Name) {
      const Token& key = next();
      expectPunct("=");
      const Token& val = peek();
      if (key.text == "arch") {
        auto a = val.kind == Tok::Name ? parseArch(val.text) : std::nullopt;
        if (!a) fail(val.loc, "unknown arch " + describe(val) + " (expected a2a3 or a5)");
        if (k.archAttr) fail(key.loc, "duplicate attribute 'arch'");
        k.archAttr = *a;
      } else if (key.text == "core") {
        if (val.isWord("mix"))
          fail(val.loc, "core=mix is reserved for a later revision of the format");
        auto c = val.kind == Tok::Name ? parseCore(val.text) : std::nullopt;
        if (!c) fail(val.loc, "unknown core " + describe(val) + " (expected vec or cube)");
        if (k.coreAttr) fail(key.loc, "duplicate attribute 'core'");
        k.coreAttr = *c;
      } else {
        fail(key.loc, "unknown kernel attribute '" + key.text + "'");
      }
      next();
    }
  }

  void parseDecls(Kernel& k) {
    for (;;) {
      if (peek().isWord("buffer") && peek(1).kind == Tok::Name) {
        k.buffers.push_back(parseBuffer());
      } else if (peek().isWord("param") && peek(1).kind == Tok::Name) {
        k.params.push_back(parseParam());
      } else {
        return;
      }
    }
  }

  Buffer parseBuffer() {
    Buffer b;
    b.loc = next().loc;  // 'buffer'
    b.name = expectName("buffer name");
    const Token& sp = peek();
    auto space = sp.kind == Tok::Name ? parseSpace(sp.text) : std::nullopt;
    if (!space)
      fail(sp.loc, "unknown memory space " + describe(sp) +
                       " (expected gm, ub, l1, l0a, l0b or l0c)");
    next();
    b.space = *space;
    SrcLoc sizeLoc = peek().loc;
    b.size = expectInt("buffer size in bytes");
    if (b.size < 1) fail(sizeLoc, "buffer size must be at least 1 byte");
    if (peek().is("@")) {
      SrcLoc at = next().loc;
      if (b.space == Space::GM)
        fail(at, "gm buffer '" + b.name + "' cannot be placed with '@'");
      b.addr = expectInt("buffer address after '@'");
    }
    if (peek().isWord("slots")) {
      next();
      expectPunct("=");
      SrcLoc sl = peek().loc;
      b.slots = expectInt("slot count");
      if (*b.slots < 1) fail(sl, "slots must be at least 1");
      if (b.size % *b.slots != 0)
        fail(sl, "slots=" + std::to_string(*b.slots) + " does not divide size " +
                     std::to_string(b.size) + " of '" + b.name + "'");
    }
    expectNewline();
    return b;
  }

  Param parseParam() {
    Param p;
    p.loc = next().loc;  // 'param'
    p.name = expectName("param name");
    expectWord("in");
    SrcLoc lo = peek().loc;
    p.lo = expectInt("lower bound", true);
    expectPunct("..");
    p.hi = expectInt("upper bound", true);
    if (p.lo > p.hi)
      fail(lo, "empty range " + std::to_string(p.lo) + ".." + std::to_string(p.hi) +
                   " for param '" + p.name + "'");
    expectNewline();
    return p;
  }

  Block parseBlock() {
    Block b;
    while (!peek().is("}")) {
      if (peek().kind == Tok::End) fail(peek().loc, "unbalanced braces: missing '}'");
      b.push_back(parseStmt());
    }
    return b;
  }

  Block parseBraced() {
    expectPunct("{");
    expectNewline();
    Block b = parseBlock();
    expectPunct("}");
    return b;
  }

  Stmt parseStmt() {
    const Token& t = peek();
    if (t.kind != Tok::Name)
      fail(t.loc, "expected a statement, found " + describe(t));
    if (t.text == "for") return parseFor();
    if (t.text == "if") return parseIf();
    if (t.text == "set_flag" || t.text == "wait_flag") return parseFlag();
    if (t.text == "pipe_barrier") return parseBarrier();
    if (t.text == "gm_fence") return parseFence();
    if (t.text == "else")
      fail(t.loc, "'else' must follow '}' on the same line, as '} else {'");
    if ((t.text == "buffer" || t.text == "param") && peek(1).kind == Tok::Name)
      fail(t.loc, "declarations must come before the first statement");
    return parseOp();
  }

  Pipe expectPipe() {
    const Token& t = peek();
    auto p = t.kind == Tok::Name ? parsePipe(t.text) : std::nullopt;
    if (!p) fail(t.loc, "unknown pipe " + describe(t));
    next();
    return *p;
  }

  Stmt parseFor() {
    Stmt s;
    s.loc = next().loc;
    ForStmt f;
    f.var = expectName("loop variable");
    expectWord("in");
    f.lo = parseExpr();
    expectPunct("..");
    f.hi = parseExpr();
    if (peek().isWord("step")) {
      next();
      SrcLoc sl = peek().loc;
      f.step = expectInt("step");
      if (*f.step < 1) fail(sl, "loop step must be at least 1");
    }
    f.body = parseBraced();
    expectNewline();
    s.node = std::move(f);
    return s;
  }

  Stmt parseIf() {
    Stmt s;
    s.loc = next().loc;
    IfStmt i;
    i.cond = parseCond();
    i.thenBody = parseBraced();
    if (peek().isWord("else")) {
      next();
      i.elseBody = parseBraced();
    }
    expectNewline();
    s.node = std::move(i);
    return s;
  }

  Cond parseCond() {
    Cond c;
    if (peek().is("?")) {
      next();
      c.runtime = true;
      c.name = expectName("condition name after '?'");
      return c;
    }
    c.lhs = parseExpr();
    const Token& op = peek();
    static constexpr std::pair<std::string_view, CmpOp> kOps[] = {
        {"==", CmpOp::Eq}, {"!=", CmpOp::Ne}, {"<", CmpOp::Lt},
        {"<=", CmpOp::Le}, {">", CmpOp::Gt},  {">=", CmpOp::Ge}};
    bool found = false;
    for (auto [text, cmp] : kOps)
      if (op.is(text)) c.op = cmp, found = true;
    if (!found)
      fail(op.loc, "expected a comparison (==, !=, <, <=, >, >=), found " + describe(op));
    next();
    c.rhs = parseExpr();
    return c;
  }

  Stmt parseFlag() {
    Stmt s;
    const Token& kw = next();
    s.loc = kw.loc;
    SyncStmt y;
    y.kind = kw.text == "set_flag" ? SyncKind::SetFlag : SyncKind::WaitFlag;
    y.src = expectPipe();
    y.dst = expectPipe();
    const Token& t = peek();
    if (t.kind == Tok::Int) {
      y.id.expr = Expr::constant(parseIntToken(next()), t.loc);
    } else if (t.is("(")) {
      next();
      y.id.expr = parseExpr();
      y.id.computed = true;
      expectPunct(")");
    } else {
      fail(t.loc, "malformed event id " + describe(t) +
                      ": expected an integer or a parenthesized expression");
    }
    expectNewline();
    s.node = std::move(y);
    return s;
  }

  Stmt parseBarrier() {
    Stmt s;
    s.loc = next().loc;
    SyncStmt y;
    y.kind = SyncKind::Barrier;
    if (peek().isWord("ALL")) {
      next();
      y.all = true;
    } else {
      y.src = expectPipe();
    }
    expectNewline();
    s.node = std::move(y);
    return s;
  }

  Stmt parseFence() {
    Stmt s;
    s.loc = next().loc;
    SyncStmt y;
    y.kind = SyncKind::Fence;
    y.src = expectPipe();
    expectNewline();
    s.node = std::move(y);
    return s;
  }

  Stmt parseOp() {
    Stmt s;
    const Token& nameTok = next();
    s.loc = nameTok.loc;
    OpStmt op;
    op.name = nameTok.text;
    if (op.name == "exec") {
      op.pipe = expectPipe();
    } else {
      auto info = lookupOp(op.name);
      if (!info) fail(nameTok.loc, "unknown op '" + op.name + "'");
      op.pipe = info->pipe;
    }
    if (!peek().is("<-")) op.writes = parseRefs();
    if (!peek().is("<-"))
      fail(peek().loc, "expected '<-' between written and read refs, found " +
                           describe(peek()));
    next();
    if (peek().kind != Tok::Newline) op.reads = parseRefs();
    expectNewline();
    s.node = std::move(op);
    return s;
  }

  std::vector<Ref> parseRefs() {
    std::vector<Ref> refs;
    refs.push_back(parseRef());
    while (peek().is(",")) {
      next();
      refs.push_back(parseRef());
    }
    return refs;
  }

  Ref parseRef() {
    Ref r;
    r.loc = peek().loc;
    r.buffer = expectName("buffer name");
    if (!peek().is("[")) return r;
    next();
    Expr first = parseExpr();
    if (peek().is(":")) {
      next();
      r.lo = first;
      r.hi = parseExpr();
      expectPunct("]");
      return r;
    }
    expectPunct("]");
    r.slot = first;
    if (!peek().is("[")) return r;
    next();
    r.lo = parseExpr();
    if (!peek().is(":"))
      fail(peek().loc, "expected ':' in byte range, found " + describe(peek()));
    next();
    r.hi = parseExpr();
    expectPunct("]");
    return r;
  }

  Expr parseExpr() {
    Expr e = parseTerm();
    while (peek().is("+") || peek().is("-")) {
      const Token& op = next();
      Expr r = parseTerm();
      e = Expr::binary(op.text == "+" ? Expr::Kind::Add : Expr::Kind::Sub, e, r, op.loc);
    }
    return e;
  }

  Expr parseTerm() {
    Expr e = parseUnary();
    while (peek().is("*") || peek().is("/") || peek().is("%")) {
      const Token& op = next();
      Expr r = parseUnary();
      Expr::Kind k = op.text == "*"   ? Expr::Kind::Mul
                     : op.text == "/" ? Expr::Kind::Div
                                      : Expr::Kind::Mod;
      e = Expr::binary(k, e, r, op.loc);
    }
    return e;
  }

  Expr parseUnary() {
    if (peek().is("-")) {
      SrcLoc loc = next().loc;
      if (peek().kind == Tok::Int) {
        // A negative literal: fold into the constant.
        return Expr::constant(-parseIntToken(next()), loc);
      }
      return Expr::neg(parseUnary(), loc);
    }
    return parsePrimary();
  }

  Expr parsePrimary() {
    const Token& t = peek();
    if (t.kind == Tok::Int) {
      next();
      return Expr::constant(parseIntToken(t), t.loc);
    }
    if (t.kind == Tok::Name) {
      next();
      return Expr::var(t.text, t.loc);
    }
    if (t.is("(")) {
      next();
      Expr e = parseExpr();
      expectPunct(")");
      return e;
    }
    fail(t.loc, "expected an expression, found " + describe(t));
  }

  const std::string& file_;
  std::vector<Token> toks_;
  size_t pos_ = 0;
};

}  // namespace

Kernel parseKernelSyntax(std::string_view text, const std::string& file) {
  Parser p(file, lex(file, text));
  return p.parseFile();
}

Kernel parseKernel(std::string_view text, const std::string& file) {
  Kernel k = parseKernelSyntax(text, file);
  validateKernel(k, file);
  return k;
}

Kernel parseKernelFile(const std::string& path) {
  std::stringstream ss;
  if (path == "-") {
    ss << std::cin.rdbuf();
    return parseKernel(ss.str(), "<stdin>");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, SrcLoc{1, 1}, "cannot open file");
  ss << in.rdbuf();
  return parseKernel(ss.str(), path);
}

}  // namespace syncsmith
