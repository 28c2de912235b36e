// The importer's state and its parts (internal; the API is Import.h). One
// class, its members split by concern over Import*.cpp:
//   ImportTop.cpp      file level: directives, aliases, the __global__ kernel
//   ImportTypes.cpp    C++ types and template arguments
//   ImportExpr.cpp     expressions -> Values (integers fold to .sk Exprs)
//   ImportValues.cpp   builtins, conversions, Tile/Shape/GlobalTensor constructors
//   ImportStmt.cpp     declarations, for, if, call statements
//   ImportCalls.cpp    TASSIGN, set/wait/barrier, the PTO ops
//   ImportMemory.cpp   tiles and GlobalTensors -> buffers and refs
//   ImportFinalize.cpp params, buffer names and sizes, validation
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pto/CppLexer.h"
#include "pto/CppTypes.h"
#include "pto/Import.h"
#include "pto/OpTable.h"
#include "pto/Values.h"

namespace syncsmith::pto {

// A call argument as written.
struct Arg {
  Value v;
  SrcLoc loc;
  std::string ident;  // the name, when the argument is a single identifier
};

// A kernel argument of the __global__ function.
struct KernelArg {
  enum class Kind : uint8_t { Gm, Int, Bool, Float } kind = Kind::Int;
  std::string name;
  int64_t elemSize = 1;  // Gm
  SrcLoc loc;
};

// A local buffer: what TASSIGN placed where.
struct LocalBuf {
  enum class Shape : uint8_t { Fixed, Slotted, Any } shape = Shape::Fixed;
  TileKind kind = TileKind::Vec;  // Bias is relocated by finalize()
  Space space = Space::UB;
  int64_t addr = 0, size = 0, slots = 1;
  SrcLoc loc;  // the first TASSIGN that placed a tile here
  std::string name;
};

class Importer {
 public:
  Importer(std::string_view text, const std::string& file, const ImportOptions& opts);
  ImportResult run();

 private:
  // Cursor.
  const Token& peek(size_t k = 0) const;
  const Token& next();
  bool accept(std::string_view s);
  const Token& expect(std::string_view s, std::string_view what);
  const Token& expectIdent(std::string_view what);
  [[noreturn]] void fail(SrcLoc loc, const std::string& msg) const;

  // ImportTop.cpp
  void parseTopLevel();
  void handleDirective(const Token& t);
  bool parseFunction();  // true when it was the kernel
  void parseKernelArgs();
  void skipBalanced(std::string_view open, std::string_view close);

  // ImportTypes.cpp
  bool atTypeStart(size_t k = 0) const;
  bool isClassTypeName(const std::string& name) const;
  TypeNode parseType();
  TypeArg parseTemplateArg();
  void parseUsing();

  // ImportExpr.cpp
  Value parseExpr();
  Value parseBinary(int minPrec);
  Value parseUnary();
  Value parsePostfix();
  Value parsePrimary();
  std::vector<Arg> parseCallArgs();  // after '(' up to and including ')'
  Value applyBinary(const std::string& op, Value a, Value b, SrcLoc loc);
  Value construct(const TypeNode& t, const std::vector<Arg>& args, SrcLoc loc);
  Value convert(const TypeNode& t, Value v, SrcLoc loc);
  Value builtinCall(const std::string& name, SrcLoc loc);
  Expr asInt(const Value& v, SrcLoc loc, std::string_view what);
  BoolVal asBool(const Value& v, SrcLoc loc);
  const Value* lookup(const std::string& name) const;
  Value* lookupMutable(const std::string& name);
  void declare(const std::string& name, Value v, SrcLoc loc);
  std::vector<Expr> templateDims(const TypeNode& t, std::string_view what);

  // ImportStmt.cpp
  void parseBlockBody(Block& out);  // after '{' up to and including '}'
  int lineIndent(size_t tokenIndex) const;
  void parseBody(Block& out);       // a braced block or one statement, own scope
  void parseStatement(Block& out);
  struct LoopBound {
    Expr hi;
    std::optional<Cond> guard;
  };
  LoopBound parseLoopBound(const std::string& var);
  int64_t parseLoopStep(const std::string& var);
  void parseFor(Block& out);
  void parseIf(Block& out);
  void parseDeclaration();
  void parseCallStatement(Block& out);

  // ImportCalls.cpp
  void emitCall(const Token& name, const std::vector<Arg>& args, Block& out);
  void emitTassign(const Token& name, const std::vector<Arg>& args);
  void emitFlag(const Token& name, const std::vector<Arg>& args, Block& out);
  void emitBarrier(const Token& name, const std::vector<Arg>& args, Block& out);
  void emitPtoOp(const PtoOp& op, const Token& name, const std::vector<Arg>& args,
                 Block& out);
  Pipe pipeArg(const Arg& a, bool allowAll, bool& isAll);
  void noteCore(Pipe p, SrcLoc loc, const std::string& what);

  // ImportMemory.cpp
  Ref tileRef(const TileVal& t, const Arg& a);
  std::vector<Ref> globalRefs(const GlobalVal& g, const Arg& a);
  size_t localBuffer(const LocalBuf& want);

  // ImportFinalize.cpp
  void finalize();
  void relocateBias();
  void nameLocalBuffers();
  void buildParams();
  void sizeGmBuffers();
  void legalizeOps();

  std::string file_;
  ImportOptions opts_;
  std::vector<Token> toks_;
  size_t pos_ = 0;

  TypeAliases aliases_;
  std::vector<std::map<std::string, Value>> scopes_;
  std::vector<KernelArg> args_;
  std::set<std::string> builtinsUsed_;
  std::vector<LocalBuf> locals_;
  std::set<std::string> gmUsed_;

  bool sawKernel_ = false;
  bool returned_ = false;
  std::optional<SrcLoc> misclosed_;  // a '{' whose '}' is indented like an outer block
  int loopDepth_ = 0, ifDepth_ = 0;
  std::optional<std::pair<SrcLoc, std::string>> cubeSeen_, vecSeen_;

  Kernel kernel_;
  SrcLoc kernelLoc_;
  std::vector<std::string> notes_;
};

// Builtin scalar calls -> params (docs/import-pto.md "Params").
struct Builtin {
  std::string_view call, param;
  ParamRange range;
};
const std::vector<Builtin>& builtins();

// For every param value and loop iteration (both arms of every if), the
// largest end of the refs to each GM buffer in `gmNames`. Throws InputError
// on a negative offset or when the enumeration would be too large.
std::map<std::string, int64_t> gmExtents(const std::vector<Param>& params, const Block& body,
                                         const std::set<std::string>& gmNames,
                                         const std::string& file);

}  // namespace syncsmith::pto
