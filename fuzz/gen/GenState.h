// Internal: the state of one generator run, shared by Generator.cpp
// (features, blocks, loops, ifs), Buffers.cpp, Refs.cpp, Ops.cpp and
// Motifs.cpp. Not part of the library's interface.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gen/Generator.h"

namespace syncsmith::gen::detail {

// A name usable in index expressions: a param or an enclosing loop variable,
// with the range of values it can take (min >= 0 always).
struct IndexVar {
  std::string name;
  int64_t min = 0, max = 0;
  bool loop = false;
  std::optional<Expr> hi;  // loops: the upper bound expression
  int64_t lo = 0;          // loops: the constant lower bound
  int64_t step = 1;
  int64_t trips = 1;  // loops: max trips (the factor in Gen::mult_)
};

// One op the generator knows how to emit: a pipe, the space it writes (if
// any) and the spaces of its reads.
struct OpShape {
  const char* name;
  Pipe pipe;
  std::optional<Space> write;
  std::vector<Space> reads;
  uint32_t weight;
};

// A ref the generator made, with its length in bytes.
struct MadeRef {
  Ref ref;
  Space space = Space::GM;
  int64_t len = 0;
};

class Gen {
 public:
  Gen(ChoiceStream& cs, const GenOptions& opts);
  Generated run();

  // Generator.cpp
  bool on(Feature f) const { return f_.has(f); }
  bool pipeOn(Pipe p) const { return f_.hasPipe(p); }
  // True on the minimal choice: for outcomes that are the simpler one.
  bool likely(int permille) { return !cs_.chance(1000 - permille); }
  void genBlock(Block& out, int budget);
  int genStmt(Block& out, int budget);
  int genLoop(Block& out, int budget);
  int genIf(Block& out, int budget);
  // A loop header in the current scope; nullopt when no loop fits the
  // iteration budget. `minTrips` asks for at least that many iterations at
  // the maximum bound. Pushes the variable; closeLoop() undoes.
  std::optional<ForStmt> openLoop(int64_t minTrips = 1);
  void closeLoop();
  // A param for a bound whose max lies in [minMax, maxMax]: an existing one or a
  // new one; nullopt when the combination budget is spent.
  std::optional<size_t> paramFor(int64_t minMax, int64_t maxMax);
  bool canLoop() const;
  // Whether two different enabled pipes write and read one local space.
  bool hasPipePair() const;
  std::optional<Cond> makeCond();
  static Stmt stmt(OpStmt op);
  static Stmt stmt(ForStmt f);
  static Stmt stmt(IfStmt i);

  // Buffers.cpp
  size_t pickBuffer(Space s, int64_t wantLen = 0);
  // A new local buffer. exactSize > 0 asks for exactly that many bytes;
  // slots: -1 drawn (Slots), 0 none, k exactly k. nullopt when it does not fit.
  std::optional<size_t> newLocal(Space s, int64_t exactSize = 0, int slots = -1,
                                 bool allowAlias = true);
  size_t newGm(int64_t minSize);
  std::optional<size_t> buffersIn(Space s, size_t nth) const;
  size_t countIn(Space s) const;
  const Buffer& buf(size_t i) const { return k_.buffers[i]; }

  // Refs.cpp
  // A ref into buffer bi, about wantLen bytes long when possible (0: any).
  // allowWhole = false always gives a range (scalar ops touch a few bytes).
  MadeRef makeRef(size_t bi, int64_t wantLen = 0, bool allowWhole = true);
  MadeRef refTo(Space s, int64_t wantLen = 0, bool allowWhole = true) {
    return makeRef(pickBuffer(s, wantLen), wantLen, allowWhole);
  }
  Expr slotExpr(int64_t k);
  int64_t chooseLen(int64_t size, int64_t wantLen);
  std::vector<std::pair<Expr, int64_t>> indexCandidates() const;
  int64_t maxIndexValue() const;

  // Ops.cpp
  const std::vector<OpShape>& shapes() const;
  std::vector<const OpShape*> shapesWhere(bool (*pred)(const OpShape&, Space), Space s) const;
  void emit(Block& out, const OpShape& shape, std::vector<Ref> writes, std::vector<Ref> reads);
  // Emits `shape` with `r` as its write (asWriter) or as its read of r.space;
  // the other refs are fresh. Returns the written ref.
  MadeRef emitTouch(Block& out, const OpShape& shape, const MadeRef& r, bool asWriter);
  int genOp(Block& out);
  int genChain(Block& out, int budget, bool vOnly = false);
  int genExec(Block& out);
  int genScalar(Block& out, int budget);

  // Motifs.cpp
  int genRoundTrip(Block& out, int budget);
  int genMmadAccum(Block& out, int budget);
  int genFanout(Block& out, int budget);
  int genAsymmetric(Block& out, int budget);
  int genCarried(Block& out, int budget);

  ChoiceStream& cs_;
  const GenOptions& opts_;
  const GenPolicy& pol_;
  FeatureSet f_;
  Kernel k_;
  std::vector<IndexVar> params_;  // declared params (in scope everywhere)
  std::vector<IndexVar> loops_;   // enclosing loop variables, outermost first
  int64_t used_[kNumSpaces] = {};
  bool explicitAddr_ = false;
  int depth_ = 0;
  int64_t mult_ = 1;      // product of the enclosing loops' max trips
  int64_t multCap_ = 1;   // bound on mult_ (keeps validation and traces cheap)
  int64_t combos_ = 1;    // product of param widths
  int nextCond_ = 0;
  int64_t condExecs_ = 0;  // bound on `if ?NAME` executions per path so far
  int nextParam_ = 0;
  int nameCount_[kNumSpaces] = {};
};

inline constexpr int64_t kComboCap = 32;  // product of param widths

}  // namespace syncsmith::gen::detail
