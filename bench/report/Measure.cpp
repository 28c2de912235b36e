// One kernel under every mode: the ideal bound, the engine's three modes and
// the hand-written sync, each synced kernel proven by the oracle and run by
// the simulator on one fixed path (params at their upper bounds, `?`
// outcomes drawn from the seed) with fixed latencies.
#include <chrono>
#include <exception>

#include "Overhead.h"
#include "engine/sync/Engine.h"
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "model/Trace.h"
#include "oracle/sim/Simulator.h"
#include "oracle/smt/Oracle.h"

namespace syncsmith::bench {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

uint64_t fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

uint64_t splitmix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// The measured path: every param at its upper bound (the steady state a
// tile loop is written for), each `?NAME` execution a fair coin from
// (seed, kernel, name, ordinal).
void choosePath(const Kernel& k, uint64_t seed, KernelRow& row) {
  for (const Param& p : k.params) row.params[p.name] = p.hi;
  uint64_t base = fnv1a(k.name, splitmix(seed));
  CondChooser coin = [base](const std::string& name, size_t ordinal) {
    return splitmix(fnv1a(name, base) + ordinal) & 1;
  };
  Trace t = buildTrace(k, row.params, coin);
  row.conds = t.condsByName();
}

SimOptions simOptions(const KernelRow& row, bool ideal) {
  SimOptions o;
  o.policy = SimPolicy::Fixed;
  o.params = row.params;
  o.conds = row.conds;
  o.ideal = ideal;
  o.dataCheck = false;
  return o;
}

std::string findingKinds(const CheckResult& c) {
  std::string out;
  for (const Finding& f : c.findings) {
    std::string kind(findingKindName(f.kind));
    if (out.find(kind) == std::string::npos) out += (out.empty() ? "" : " ") + kind;
  }
  return out;
}

void measureIdeal(const Kernel& k, KernelRow& row) {
  ModeResult& m = row.at(Mode::Ideal);
  m.present = true;
  SimResult r = simulate(k, simOptions(row, true));
  m.cycles = r.cycles;
  m.dynSync = r.syncs;
  if (r.check.verdict == Verdict::Unknown) m.note = "simulator: " + r.check.reason;
  if (r.check.verdict == Verdict::Unknown) m.cycles = 0;
}

// The sync-aware bound; when the solver ran out of effort, the bound it
// proved (still a valid lower bound) with a note.
void measureBound(const Kernel& k, const OverheadOptions& o, KernelRow& row) {
  ModeResult& m = row.at(Mode::Bound);
  m.present = true;
  SimOptions so = simOptions(row, true);
  so.syncBound = true;
  so.syncBoundEffort = o.boundEffort;
  auto t0 = Clock::now();
  SimResult r = simulate(k, so);
  m.checkSeconds = secondsSince(t0);
  m.cycles = r.cycles;
  if (r.check.verdict == Verdict::Unknown) {
    m.note = "simulator: " + r.check.reason;
    m.cycles = 0;
  } else if (!r.runs.empty() && !r.runs[0].boundNote.empty()) {
    m.note = "a lower bound, not tight: " + r.runs[0].boundNote;
  }
}

// The oracle, graph engine first: exact per-path checks are fast while the
// `?` outcomes give few paths; when they give too many (unknown), the SMT
// engine decides. Either answer is the oracle's.
CheckResult prove(const Kernel& k, const OverheadOptions& o) {
  OracleOptions oo;
  oo.timeLimitMs = o.checkTimeLimitMs;
  oo.engine = OracleEngine::Graph;
  CheckResult c = checkKernel(k, oo);
  if (c.verdict != Verdict::Unknown || runtimeCondNames(k).empty()) return c;
  oo.engine = OracleEngine::Auto;
  return checkKernel(k, oo);
}

// Proves `k` with the oracle, then runs it. A verdict other than correct,
// or a simulator finding on a proven kernel, flags the mode.
void measureSynced(const Kernel& k, const KernelRow& row, const OverheadOptions& o, ModeResult& m) {
  m.present = true;
  m.sync = countSync(k);
  auto t0 = Clock::now();
  CheckResult c = prove(k, o);
  m.checkSeconds = secondsSince(t0);
  m.verdict = std::string(verdictName(c.verdict));
  if (c.verdict == Verdict::Buggy) m.note = "oracle: " + findingKinds(c);
  if (c.verdict == Verdict::Unknown) m.note = "oracle: " + c.reason;
  SimResult r = simulate(k, simOptions(row, false));
  m.cycles = r.cycles;
  m.dynSync = r.syncs;
  if (c.verdict == Verdict::Correct && r.check.verdict != Verdict::Correct) {
    m.verdict = "error";
    m.note = "simulator disagrees with the oracle: " +
             (r.check.verdict == Verdict::Buggy ? findingKinds(r.check) : r.check.reason);
  }
}

// The engine's output goes through its text form, as a user would get it.
void measureEngine(const Kernel& k, Mode mode, SyncMode sm, const OverheadOptions& o,
                   KernelRow& row) {
  ModeResult& m = row.at(mode);
  m.present = true;
  Kernel synced;
  try {
    EngineOptions eo;
    eo.mode = sm;
    eo.file = row.name + ".sk";
    auto t0 = Clock::now();
    SyncResult s = synchronize(k, eo);
    m.syncSeconds = secondsSince(t0);
    std::string file = row.name + "." + std::string(modeName(mode)) + ".sk";
    synced = parseKernel(printKernel(s.kernel), file);
  } catch (const std::exception& e) {
    m.verdict = "error";
    m.note = std::string("engine: ") + e.what();
    return;
  }
  measureSynced(synced, row, o, m);
}

bool hasMultiSlotBuffer(const Kernel& k) {
  for (const Buffer& b : k.buffers)
    if (b.slotCount() >= 2) return true;
  return false;
}

}  // namespace

std::string_view modeName(Mode m) {
  switch (m) {
    case Mode::Ideal: return "ideal";
    case Mode::Bound: return "bound";
    case Mode::Opt: return "opt";
    case Mode::Naive: return "naive";
    case Mode::BarrierAll: return "barrier-all";
    case Mode::Hand: return "hand";
  }
  return "?";
}

SyncCounts countSync(const Kernel& k) {
  SyncCounts c;
  forEachStmt(k.body, [&](const Stmt& s) {
    const SyncStmt* y = s.sync();
    if (!y) return;
    switch (y->kind) {
      case SyncKind::SetFlag: ++c.setFlags; break;
      case SyncKind::WaitFlag: ++c.waitFlags; break;
      case SyncKind::Barrier: ++(y->all ? c.barrierAlls : c.barriers); break;
      case SyncKind::Fence: ++c.fences; break;
    }
  });
  return c;
}

std::optional<double> KernelRow::ratio(Mode m) const {
  const ModeResult& base = at(Mode::Ideal);
  const ModeResult& x = at(m);
  if (!base.counted() || !x.counted()) return std::nullopt;
  return double(x.cycles) / double(base.cycles);
}

std::optional<double> KernelRow::overBound(Mode m) const {
  const ModeResult& base = at(Mode::Bound);
  const ModeResult& x = at(m);
  if (!base.counted() || !x.counted()) return std::nullopt;
  return double(x.cycles) / double(base.cycles);
}

KernelRow measureKernel(const Kernel& input, const Kernel* synced, const OverheadOptions& o) {
  KernelRow row;
  row.name = input.name;
  row.arch = std::string(archName(input.arch()));
  row.core = std::string(coreName(input.core()));
  row.ops = countStmts(input).ops;
  row.pipelined = hasMultiSlotBuffer(input);
  try {
    Kernel k = stripSync(input);
    choosePath(k, o.seed, row);
    measureIdeal(k, row);
    if (o.syncBound) measureBound(k, o, row);
    measureEngine(k, Mode::Opt, SyncMode::Opt, o, row);
    measureEngine(k, Mode::Naive, SyncMode::Naive, o, row);
    measureEngine(k, Mode::BarrierAll, SyncMode::BarrierAll, o, row);
    if (synced) measureSynced(*synced, row, o, row.at(Mode::Hand));
  } catch (const std::exception& e) {
    row.error = e.what();
  }
  return row;
}

}  // namespace syncsmith::bench
