// The dynamic instruction sequence I1..In of MACHINE.md "Execution": the
// scalar unit's walk of a kernel for fixed param values and condition
// outcomes. Shared by the simulator, the oracle's fast path and the engine's
// self-checks: the one place that decides what runs, in which order, on which
// pipe, touching which bytes.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ir/Kernel.h"

namespace syncsmith {

enum class InstrKind : uint8_t { Op, SetFlag, WaitFlag, Barrier, BarrierAll, Fence };

// Bytes [lo, hi) of one space, at absolute addresses (buffer base + slot).
struct Access {
  Space space;
  int64_t lo, hi;
  bool overlaps(const Access& o) const {
    return space == o.space && lo < o.hi && o.lo < hi;
  }
};

struct Instr {
  const Stmt* stmt = nullptr;  // the statement it executes
  InstrKind kind = InstrKind::Op;
  Pipe pipe = Pipe::S;  // where it runs (BarrierAll: S, but see HbGraph)
  Pipe src = Pipe::S, dst = Pipe::S;  // flags only
  int64_t id = 0;                     // flags only: the evaluated id
  uint32_t accBegin = 0;              // writes then reads in Trace::accesses
  uint16_t nWrites = 0, nReads = 0;
  uint32_t iterBegin = 0;  // loop-variable values in Trace::iterValues
  uint16_t depth = 0;      // number of enclosing loops
  bool writesGm = false;
  int64_t bytes = 0;  // max(bytes written, bytes read), for latencies
  int line() const { return stmt ? stmt->loc.line : 0; }
};

// How `if ?NAME` outcomes are chosen: called once per execution, with the
// name and how many times an if of that name has executed before.
using CondChooser = std::function<bool(const std::string& name, size_t ordinal)>;

struct CondOutcome {
  std::string name;
  bool value;
};

struct Trace {
  const Kernel* kernel = nullptr;
  std::vector<Instr> instrs;
  std::vector<Access> accesses;
  std::vector<int64_t> iterValues;
  std::vector<const std::string*> iterNames;  // aligned with iterValues
  std::map<std::string, int64_t> params;
  std::vector<CondOutcome> conds;  // every ?NAME execution, in order
  bool truncated = false;          // stopped at the instruction limit
  // With TraceOptions::recordPoints: every visit of a static program point
  // (a place a sync statement could be inserted: before a statement of a
  // block, at a block's end, or the absent else arm of an if), in order.
  // `at` is the number of instructions issued before the visit.
  struct PointVisit {
    uint32_t point;
    uint32_t at;
  };
  std::vector<PointVisit> points;
  uint32_t numPoints = 0;

  const Access* writes(const Instr& i) const { return &accesses[i.accBegin]; }
  const Access* reads(const Instr& i) const { return &accesses[i.accBegin + i.nWrites]; }
  // Loop variable values of the enclosing loops, outermost first.
  std::vector<int64_t> iterations(const Instr& i) const {
    return {iterValues.begin() + i.iterBegin, iterValues.begin() + i.iterBegin + i.depth};
  }
  std::vector<std::pair<std::string, int64_t>> namedIterations(const Instr& i) const;
  // "line 12 (i=3, j=0)"
  std::string describe(size_t index) const;
  // Outcomes per ?NAME, in execution order (the --cond form).
  std::map<std::string, std::vector<bool>> condsByName() const;
};

struct TraceOptions {
  size_t maxInstrs = 1'000'000;
  // Record Trace::points (the sync-aware bound's places for a drain).
  bool recordPoints = false;
};

// Walks `k` with the given param values (every param must be present) and
// condition outcomes. Never throws for a validated kernel.
Trace buildTrace(const Kernel& k, const std::map<std::string, int64_t>& params,
                 const CondChooser& chooseCond, const TraceOptions& opts = {});

// A chooser that replays fixed outcomes per name and answers `otherwise`
// once they run out.
CondChooser fixedConds(std::map<std::string, std::vector<bool>> outcomes,
                       bool otherwise = false);

// Every path of a kernel for fixed params, depth first over the outcomes of
// its `?` conditions in execution order: build the trace with chooser(), then
// advance() to the next sequence, until it returns false. Each path is met
// exactly once (a sequence only ever asks for the executions its path has).
class CondEnumerator {
 public:
  CondChooser chooser();
  // Moves to the next sequence; false when all were visited.
  bool advance();

 private:
  std::vector<bool> prefix_;
  size_t asked_ = 0;
};

// Names of the `?` conditions and of the integer-condition-free loops etc.
std::vector<std::string> runtimeCondNames(const Kernel& k);

// Every arm of every `if ?NAME` at once, for fixed param values: what the
// oracle's symbolic encoding walks instead of one path. Both arms of each
// `?` if are walked (then-arm first) and every instruction records the guard
// under which it runs. For any condition outcomes, buildTrace's sequence is
// exactly the subsequence of `trace.instrs` whose guard holds, in order.
struct CondSite {
  std::string name;    // the ?NAME
  int32_t guard = -1;  // the guard under which this if executes (-1: always)
  int line = 0;
};
// "site `site` took `value`, and guard `parent` holds" (-1: true).
struct PathGuard {
  int32_t parent = -1;
  uint32_t site = 0;
  bool value = false;
};
struct GuardedTrace {
  Trace trace;                    // every arm; trace.conds stays empty
  std::vector<CondSite> sites;    // every `?` if execution, in program order
  std::vector<PathGuard> guards;
  std::vector<int32_t> guardOf;   // per instruction: its guard (-1: always)
};
GuardedTrace buildGuardedTrace(const Kernel& k, const std::map<std::string, int64_t>& params,
                               const TraceOptions& opts = {});

// Every combination of param values, in lexicographic order, up to `limit`
// combinations (nullopt when the product exceeds it).
std::optional<std::vector<std::map<std::string, int64_t>>> paramSpace(const Kernel& k,
                                                                      size_t limit);

}  // namespace syncsmith
