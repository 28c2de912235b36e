// Call statements: TASSIGN, set_flag / wait_flag / pipe_barrier, the tail
// helper, ignored mask setup, and the PTO ops of OpTable.
#include <algorithm>
#include <cctype>

#include "pto/Importer.h"

namespace syncsmith::pto {
namespace {

const std::set<std::string> kIgnoredCalls = {"set_mask_norm", "set_mask_count",
                                             "set_vector_mask"};
const std::set<std::string> kCrossCore = {"ffts_cross_core_sync", "wait_flag_dev",
                                          "set_intra_block",      "wait_intra_block",
                                          "set_cross_core",       "wait_cross_core"};

bool isCubePipe(Pipe p) { return p == Pipe::MTE1 || p == Pipe::M || p == Pipe::FIX; }
bool isVecPipe(Pipe p) { return p == Pipe::V || p == Pipe::MTE3; }

std::string loweredVecName(std::string_view op) {
  std::string s = "v";
  for (char c : op.substr(1)) s += char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string locText(SrcLoc l) { return std::to_string(l.line) + ":" + std::to_string(l.col); }

char argLetter(const Value& v) {
  if (std::holds_alternative<TileVal>(v)) return 'T';
  if (std::holds_alternative<GlobalVal>(v)) return 'G';
  return 'S';
}

bool formMatches(std::string_view form, const std::vector<Arg>& args) {
  if (form.size() != args.size()) return false;
  for (size_t i = 0; i < form.size(); ++i) {
    char want = form[i] == 'W' || form[i] == 'R' || form[i] == 'T' ? 'T' : form[i];
    if (argLetter(args[i].v) != want) return false;
  }
  return true;
}

std::string describeForm(std::string_view form) {
  std::string s = "(";
  for (size_t i = 0; i < form.size(); ++i) {
    if (i) s += ", ";
    switch (form[i]) {
      case 'W': s += "dst tile"; break;
      case 'R': s += "src tile"; break;
      case 'T': s += "tmp tile"; break;
      case 'G': s += "GlobalTensor"; break;
      default: s += "scalar"; break;
    }
  }
  return s + ")";
}

std::string describeArgs(const std::vector<Arg>& args) {
  std::string s = "(";
  for (size_t i = 0; i < args.size(); ++i) {
    if (i) s += ", ";
    s += valueKindName(args[i].v);
  }
  return s + ")";
}

}  // namespace

void Importer::noteCore(Pipe p, SrcLoc loc, const std::string& what) {
  bool cube = isCubePipe(p), vec = isVecPipe(p);
  if (!cube && !vec) return;
  auto& mine = cube ? cubeSeen_ : vecSeen_;
  auto& other = cube ? vecSeen_ : cubeSeen_;
  if (!mine) mine = std::make_pair(loc, what);
  if (!other) return;
  std::string here = what + " (pipe " + std::string(pipeName(p)) + ", " +
                     (cube ? "cube" : "vector") + " core)";
  fail(loc, "core=mix is not supported yet: " + here + " and " + other->second + " at " +
                locText(other->first) + " (" + (cube ? "vector" : "cube") +
                " core) are in one kernel; import the cube and vector parts as separate "
                "kernels");
}

void Importer::emitCall(const Token& name, const std::vector<Arg>& args, Block& out) {
  const std::string& n = name.text;
  if (n == "TASSIGN") return emitTassign(name, args);
  if (n == "set_flag" || n == "wait_flag") return emitFlag(name, args, out);
  if (n == "pipe_barrier" || n == "ptoas_auto_sync_tail") return emitBarrier(name, args, out);
  if (kIgnoredCalls.count(n)) return;
  if (kCrossCore.count(n))
    fail(name.loc, "cross-core synchronization ('" + n +
                       "') needs core=mix, which is not supported yet");
  if (const PtoOp* op = findPtoOp(n)) return emitPtoOp(*op, name, args, out);
  fail(name.loc, "unknown call '" + n + "' (not in the importer's op table; see docs/import-pto.md)");
}

void Importer::emitTassign(const Token& name, const std::vector<Arg>& args) {
  if (args.size() != 2) fail(name.loc, "TASSIGN takes (tile, address)");
  const Arg& t = args[0];
  Value* slot = t.ident.empty() ? nullptr : lookupMutable(t.ident);
  if (!slot || !std::holds_alternative<TileVal>(*slot))
    fail(t.loc, "TASSIGN needs a tile variable as its first argument, found " +
                    std::string(valueKindName(t.v)));
  if (!scopes_.back().count(t.ident))
    fail(t.loc, "TASSIGN of tile '" + t.ident +
                    "' inside a block nested in the one that declares it is not supported (its "
                    "address after the block would depend on the path)");
  TileVal& tile = std::get<TileVal>(*slot);
  const Arg& a = args[1];
  Expr addr;
  if (auto* p = std::get_if<LocalPtrVal>(&a.v)) {
    if (tileSpace(p->kind) != tileSpace(tile.kind))
      fail(a.loc, "TASSIGN of a " + std::string(tileKindName(tile.kind)) +
                      " tile to the address of a " + std::string(tileKindName(p->kind)) + " tile");
    addr = p->addr;
  } else {
    if (!std::holds_alternative<IntVal>(a.v))
      fail(a.loc, "a TASSIGN address must be an integer, found " + std::string(valueKindName(a.v)) +
                      (std::holds_alternative<OpaqueVal>(a.v) ? " (" + std::get<OpaqueVal>(a.v).what + ")" : ""));
    addr = std::get<IntVal>(a.v).e;
  }
  if (auto c = addr.constantValue()) {
    if (*c < 0) fail(a.loc, "negative TASSIGN address " + std::to_string(*c));
    auto cap = capacity(tileSpace(tile.kind));
    if (tile.kind != TileKind::Bias && cap && *c + tile.bytes() > *cap)
      fail(a.loc, "tile '" + t.ident + "' (" + std::to_string(tile.bytes()) + " bytes at " +
                      std::to_string(*c) + ") does not fit in " +
                      std::string(spaceName(tileSpace(tile.kind))) + " (" +
                      std::to_string(*cap) + " bytes)");
  } else if (tile.kind == TileKind::Bias) {
    fail(a.loc, "a Bias tile needs a constant TASSIGN address");
  }
  tile.addr = addr;
  tile.assignLoc = a.loc;
}

Pipe Importer::pipeArg(const Arg& a, bool allowAll, bool& isAll) {
  auto* e = std::get_if<EnumVal>(&a.v);
  isAll = false;
  if (!e || e->name.rfind("PIPE_", 0) != 0)
    fail(a.loc, "expected a pipe (PIPE_MTE2, PIPE_V, ...), found " + std::string(valueKindName(a.v)));
  std::string p = e->name.substr(5);
  if (p == "ALL") {
    if (!allowAll) fail(a.loc, "PIPE_ALL is only allowed in pipe_barrier");
    isAll = true;
    return Pipe::S;
  }
  auto pipe = parsePipe(p);
  if (!pipe) fail(a.loc, "unsupported pipe '" + e->name + "' (expected PIPE_S, PIPE_V, PIPE_M, "
                         "PIPE_MTE1, PIPE_MTE2, PIPE_MTE3, PIPE_FIX or PIPE_ALL)");
  return *pipe;
}

void Importer::emitFlag(const Token& name, const std::vector<Arg>& args, Block& out) {
  if (args.size() != 3) fail(name.loc, name.text + " takes (PIPE_SRC, PIPE_DST, EVENT_ID)");
  bool all = false;
  SyncStmt y;
  y.kind = name.text == "set_flag" ? SyncKind::SetFlag : SyncKind::WaitFlag;
  y.src = pipeArg(args[0], false, all);
  y.dst = pipeArg(args[1], false, all);
  const Arg& id = args[2];
  if (auto* e = std::get_if<EnumVal>(&id.v); e && e->name.rfind("EVENT_ID", 0) != 0)
    fail(id.loc, "expected an event id (EVENT_ID0..EVENT_ID7 or an event_t value), found '" +
                     e->name + "'");
  Expr ide = asInt(id.v, id.loc, "an event id");
  y.id.expr = ide;
  y.id.computed = !ide.constantValue().has_value();
  if (!y.id.computed && *ide.constantValue() < 0)
    fail(id.loc, "negative event id " + std::to_string(*ide.constantValue()));
  Stmt s;
  s.loc = name.loc;
  s.node = y;
  out.push_back(std::move(s));
}

void Importer::emitBarrier(const Token& name, const std::vector<Arg>& args, Block& out) {
  SyncStmt y;
  y.kind = SyncKind::Barrier;
  if (name.text == "ptoas_auto_sync_tail") {
    auto* e = args.size() == 1 ? std::get_if<EnumVal>(&args[0].v) : nullptr;
    if (!e || e->name != "PTOAutoSyncTailMode::kBarrierAll")
      fail(args.empty() ? name.loc : args[0].loc,
           "only ptoas_auto_sync_tail(PTOAutoSyncTailMode::kBarrierAll) is supported");
    y.all = true;
  } else {
    if (args.size() != 1) fail(name.loc, "pipe_barrier takes one pipe");
    bool all = false;
    y.src = pipeArg(args[0], true, all);
    y.all = all;
    if (!all) noteCore(y.src, name.loc, "pipe_barrier(PIPE_" + std::string(pipeName(y.src)) + ")");
  }
  Stmt s;
  s.loc = name.loc;
  s.node = y;
  out.push_back(std::move(s));
}

void Importer::emitPtoOp(const PtoOp& op, const Token& name, const std::vector<Arg>& args,
                         Block& out) {
  auto form = std::find_if(op.forms.begin(), op.forms.end(),
                           [&](std::string_view f) { return formMatches(f, args); });
  if (form == op.forms.end()) {
    std::string forms;
    for (std::string_view f : op.forms) forms += (forms.empty() ? "" : " or ") + describeForm(f);
    fail(name.loc, "no form of " + name.text + " takes " + describeArgs(args) + "; expected " + forms);
  }
  auto tileAt = [&](size_t i) -> const TileVal& { return std::get<TileVal>(args[i].v); };
  auto requireKind = [&](size_t i, std::initializer_list<TileKind> kinds, const char* role) {
    const TileVal& t = tileAt(i);
    for (TileKind k : kinds)
      if (t.kind == k) return;
    std::string want;
    for (TileKind k : kinds) want += (want.empty() ? "" : " or ") + std::string(tileKindName(k));
    fail(args[i].loc, name.text + " needs a " + want + " tile as its " + role + ", but '" +
                          (args[i].ident.empty() ? "this" : args[i].ident) + "' is a " +
                          std::string(tileKindName(t.kind)) + " tile");
  };
  OpStmt o;
  switch (op.family) {
    case OpFamily::Vector:
      for (size_t i = 0; i < args.size(); ++i)
        if ((*form)[i] != 'S' && (*form)[i] != 'G') requireKind(i, {TileKind::Vec}, "operand");
      o.pipe = Pipe::V;
      o.name = loweredVecName(op.name);
      break;
    case OpFamily::Load:
      requireKind(0, {TileKind::Vec, TileKind::Mat}, "destination");
      o.pipe = Pipe::MTE2;
      o.name = tileAt(0).kind == TileKind::Vec ? "gm_to_ub" : "gm_to_l1";
      break;
    case OpFamily::Store:
      requireKind(1, {TileKind::Vec, TileKind::Acc}, "source");
      o.pipe = tileAt(1).kind == TileKind::Vec ? Pipe::MTE3 : Pipe::FIX;
      o.name = tileAt(1).kind == TileKind::Vec ? "ub_to_gm" : "l0c_to_gm";
      break;
    case OpFamily::Move: {
      TileKind dst = tileAt(0).kind, src = tileAt(1).kind;
      auto pipe = movePipe(op.name, dst, src);
      if (!pipe)
        fail(name.loc, name.text + " from a " + std::string(tileKindName(src)) + " tile to a " +
                           std::string(tileKindName(dst)) + " tile is not supported");
      o.pipe = *pipe;
      o.name = *pipe == Pipe::V ? "ub_to_ub"
               : *pipe == Pipe::MTE1 ? "l1_to_" + std::string(spaceName(tileSpace(dst)))
                                     : "l0c_to_" + std::string(spaceName(tileSpace(dst)));
      break;
    }
    case OpFamily::Matmul: {
      requireKind(0, {TileKind::Acc}, "result");
      bool acc = op.name.find("_ACC") != std::string_view::npos;
      bool bias = op.name.find("_BIAS") != std::string_view::npos;
      size_t a = acc ? 2 : 1;
      if (acc) requireKind(1, {TileKind::Acc}, "accumulator input");
      requireKind(a, {TileKind::Left}, "left operand");
      requireKind(a + 1, {TileKind::Right}, "right operand");
      if (bias) requireKind(3, {TileKind::Bias}, "bias");
      o.pipe = Pipe::M;
      o.name = "mmad";
      break;
    }
  }
  for (size_t i = 0; i < args.size(); ++i) {
    char role = (*form)[i];
    if (role == 'S') continue;
    if (role == 'G') {
      std::vector<Ref> refs = globalRefs(std::get<GlobalVal>(args[i].v), args[i]);
      auto& dst = op.family == OpFamily::Store ? o.writes : o.reads;
      dst.insert(dst.end(), refs.begin(), refs.end());
      continue;
    }
    Ref r = tileRef(tileAt(i), args[i]);
    (role == 'R' ? o.reads : o.writes).push_back(std::move(r));
  }
  noteCore(o.pipe, name.loc, name.text);
  Stmt s;
  s.loc = name.loc;
  s.node = std::move(o);
  out.push_back(std::move(s));
}

}  // namespace syncsmith::pto
