// Statements of the kernel body: declarations, for, if/else, calls, return.
#include "ir/Printer.h"
#include "pto/Importer.h"

namespace syncsmith::pto {

// The column where the line of token `i` starts (its first token).
int Importer::lineIndent(size_t i) const {
  size_t k = i;
  while (k > 0 && toks_[k - 1].loc.line == toks_[i].loc.line) --k;
  return toks_[k].loc.col;
}

void Importer::parseBlockBody(Block& out) {
  size_t openIndex = pos_ == 0 ? 0 : pos_ - 1;
  SrcLoc open = toks_[openIndex].loc;
  while (!peek().is("}")) {
    if (peek().kind == TokKind::End) {
      // At the end of the file the open block is an outer one when an inner
      // '{' took its '}'; blame the first '{' whose '}' was indented wrongly.
      fail(misclosed_.value_or(open), "'{' is never closed");
    }
    parseStatement(out);
  }
  if (!misclosed_ && peek().loc.col != lineIndent(openIndex)) misclosed_ = open;
  next();
}

void Importer::parseBody(Block& out) {
  scopes_.emplace_back();
  if (accept("{"))
    parseBlockBody(out);
  else
    parseStatement(out);
  scopes_.pop_back();
}

void Importer::parseStatement(Block& out) {
  const Token& t = peek();
  if (returned_ && t.kind != TokKind::Directive && !t.is(";"))
    fail(t.loc, "statement after 'return' (only a final 'return;' is supported)");
  if (t.kind == TokKind::Directive) {
    handleDirective(next());
    return;
  }
  if (t.is(";")) {
    next();
    return;
  }
  if (t.is("{")) {
    next();
    scopes_.emplace_back();
    parseBlockBody(out);
    scopes_.pop_back();
    return;
  }
  if (t.is("for")) return parseFor(out);
  if (t.is("if")) return parseIf(out);
  if (t.is("using")) return parseUsing();
  if (t.is("return")) {
    next();
    if (!peek().is(";")) fail(peek().loc, "a kernel returns no value");
    next();
    if (loopDepth_ > 0 || ifDepth_ > 0 || scopes_.size() > 2)
      fail(t.loc, "an early 'return' is not supported (only a final 'return;')");
    returned_ = true;
    return;
  }
  if (t.is("while") || t.is("do") || t.is("switch") || t.is("goto") || t.is("break") ||
      t.is("continue"))
    fail(t.loc, "'" + t.text + "' is not supported");
  if (t.is("else")) fail(t.loc, "'else' without an 'if'");
  if (atTypeStart()) return parseDeclaration();
  if (t.kind == TokKind::Ident) {
    size_t k = 1;
    while (peek(k).is("::") && peek(k + 1).kind == TokKind::Ident) k += 2;
    if (peek(k).is("(") || peek(k).is("<")) return parseCallStatement(out);
    if (peek(k).is("=") || peek(k).is("+=") || peek(k).is("-=") || peek(k).is("++") ||
        peek(k).is("--") || peek(k).is("*=") || peek(k).is("/="))
      fail(t.loc, "assignment to '" + t.text +
                      "' is not supported (the importer expects SSA values)");
    if (!lookup(t.text) && !aliases_.count(t.text))
      fail(t.loc, "unknown name '" + t.text + "'");
  }
  if (t.is("}")) fail(t.loc, "unbalanced '}'");
  fail(t.loc, "unexpected '" + t.text + "' at the start of a statement");
}

void Importer::parseDeclaration() {
  TypeNode t = parseType();
  while (true) {
    const Token& n = expectIdent("a variable name");
    Value v;
    if (accept("=")) {
      SrcLoc loc = peek().loc;
      v = convert(t, parseExpr(), loc);
    } else if (peek().is("(")) {
      SrcLoc loc = next().loc;
      std::vector<Arg> args = parseCallArgs();
      if (t.templated || isClassTypeName(t.name))
        v = construct(t, args, loc);
      else if (args.size() == 1)
        v = convert(t, args[0].v, loc);
      else
        fail(loc, "a scalar is initialized from one value");
    } else if (peek().is("{")) {
      fail(peek().loc, "brace initialization is not supported");
    } else if (t.name == "Tile" || t.name == "Shape" || t.name == "Stride") {
      v = construct(t, {}, n.loc);
    } else {
      fail(n.loc, "'" + n.text + "' is declared without a value");
    }
    if (auto* tile = std::get_if<TileVal>(&v)) tile->declLoc = n.loc;
    if (auto* b = std::get_if<BoolVal>(&v); b && b->kind == BoolVal::Kind::Runtime && b->cond.name.empty())
      b->cond.name = n.text;
    declare(n.text, std::move(v), n.loc);
    if (accept(",")) continue;
    expect(";", "after a declaration");
    return;
  }
}

// `v < N`, `v <= N`, `N > v`, `N >= v`, and `v < min(x, y)` (a loop to x
// whose body runs while v < y: the same instructions in the same order).
Importer::LoopBound Importer::parseLoopBound(const std::string& var) {
  SrcLoc condLoc = peek().loc;
  Expr self = Expr::var(var);
  LoopBound b;
  if (peek().is(var) && (peek(1).is("<") || peek(1).is("<="))) {
    next();
    bool le = next().is("<=");
    SrcLoc boundLoc = peek().loc;
    Value bound = parseExpr();
    if (auto* m = std::get_if<MinVal>(&bound)) {
      b.hi = m->x;
      Cond g;
      g.op = le ? CmpOp::Le : CmpOp::Lt;
      g.lhs = self;
      g.rhs = m->y;
      b.guard = g;
    } else {
      b.hi = asInt(bound, boundLoc, "the loop bound");
    }
    if (le) b.hi = b.hi + Expr::constant(1);
  } else {
    BoolVal c = asBool(parseExpr(), condLoc);
    bool ok = c.kind == BoolVal::Kind::Int;
    if (ok && c.cond.rhs == self && (c.cond.op == CmpOp::Gt || c.cond.op == CmpOp::Ge)) {
      b.hi = c.cond.lhs;
      if (c.cond.op == CmpOp::Ge) b.hi = b.hi + Expr::constant(1);
    } else {
      fail(condLoc, "the loop condition must be '" + var + " < N' or '" + var + " <= N'");
    }
  }
  std::vector<std::string> names;
  b.hi.collectNames(names);
  if (b.guard) b.guard->rhs.collectNames(names);
  for (const std::string& n : names)
    if (n == var) fail(condLoc, "the loop bound may not depend on the loop variable");
  if (auto c = b.hi.constantValue()) b.hi = Expr::constant(*c, condLoc);
  return b;
}

// `++v`, `v++`, `v += C`, `v = v + C` with C a constant >= 1.
int64_t Importer::parseLoopStep(const std::string& var) {
  SrcLoc stepLoc = peek().loc;
  bool pre = accept("++");
  if (expectIdent("the loop variable").text != var)
    fail(stepLoc, "the step must increment the loop variable");
  if (pre || accept("++")) return 1;
  Value sv;
  if (accept("+=")) {
    sv = parseExpr();
  } else {
    expect("=", "in the loop step");
    SrcLoc l2 = peek().loc;
    if (!accept(var)) fail(l2, "the step must be '" + var + " += C'");
    expect("+", "in the loop step");
    sv = parseExpr();
  }
  auto cs = asInt(sv, stepLoc, "the loop step").constantValue();
  if (!cs || *cs < 1) fail(stepLoc, "the loop step must be a positive constant");
  return *cs;
}

void Importer::parseFor(Block& out) {
  SrcLoc loc = expect("for", "").loc;
  expect("(", "after 'for'");
  scopes_.emplace_back();
  TypeNode t = parseType();
  if (t.pointers || (scalarClass(t.name) != ScalarClass::Int && scalarClass(t.name) != ScalarClass::Auto))
    fail(t.loc, "a loop variable must be an integer");
  const Token& var = expectIdent("a loop variable");
  expect("=", "after the loop variable");
  SrcLoc initLoc = peek().loc;
  Expr lo = asInt(parseExpr(), initLoc, "the loop start");
  expect(";", "after the loop start");
  declare(var.text, IntVal{Expr::var(var.text, var.loc)}, var.loc);
  LoopBound bound = parseLoopBound(var.text);
  expect(";", "after the loop condition");
  int64_t step = parseLoopStep(var.text);
  expect(")", "to close the for header");
  ForStmt f;
  f.var = var.text;
  f.lo = lo;
  f.hi = bound.hi;
  if (step != 1) f.step = step;
  ++loopDepth_;
  parseBody(f.body);
  --loopDepth_;
  scopes_.pop_back();
  if (bound.guard) {
    notes_.push_back("for at " + std::to_string(loc.line) + ":" + std::to_string(loc.col) +
                     ": its min bound is modelled as a loop to " + f.hi.str() +
                     " whose body runs when " + printCond(*bound.guard));
    IfStmt i;
    i.cond = *bound.guard;
    i.thenBody = std::move(f.body);
    Stmt g;
    g.loc = loc;
    g.node = std::move(i);
    f.body = Block{};
    f.body.push_back(std::move(g));
  }
  Stmt s;
  s.loc = loc;
  s.node = std::move(f);
  out.push_back(std::move(s));
}

void Importer::parseIf(Block& out) {
  SrcLoc loc = expect("if", "").loc;
  expect("(", "after 'if'");
  SrcLoc condLoc = peek().loc;
  Value cv = parseExpr();
  BoolVal c = asBool(cv, condLoc);
  expect(")", "to close the condition");
  Block thenB, elseB;
  bool hasElse = false;
  ++ifDepth_;
  parseBody(thenB);
  if (accept("else")) {
    hasElse = true;
    parseBody(elseB);
  }
  --ifDepth_;
  if (c.kind == BoolVal::Kind::Const) {
    Block& taken = c.value ? thenB : elseB;
    for (Stmt& s : taken) out.push_back(std::move(s));
    return;
  }
  IfStmt i;
  i.cond = c.cond;
  if (c.kind == BoolVal::Kind::Runtime) {
    i.cond.runtime = true;
    if (i.cond.name.empty()) i.cond.name = "c" + std::to_string(loc.line);
    notes_.push_back("if at " + std::to_string(loc.line) + ":" + std::to_string(loc.col) +
                     ": the condition is not an integer comparison; it is checked as the "
                     "runtime unknown ?" + i.cond.name);
  }
  i.thenBody = std::move(thenB);
  if (hasElse) i.elseBody = std::move(elseB);
  Stmt s;
  s.loc = loc;
  s.node = std::move(i);
  out.push_back(std::move(s));
}

void Importer::parseCallStatement(Block& out) {
  Token name = next();
  while (peek().is("::")) {
    next();
    name.text += "::" + expectIdent("a name after '::'").text;
  }
  if (name.text.rfind("pto::", 0) == 0) name.text = name.text.substr(5);
  if (peek().is("<")) skipBalanced("<", ">");
  expect("(", "after '" + name.text + "'");
  std::vector<Arg> args = parseCallArgs();
  expect(";", "after the call");
  emitCall(name, args, out);
}

}  // namespace syncsmith::pto
