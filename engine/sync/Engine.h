// The auto-sync engine: a kernel without (or with partial) sync in, the
// same kernel with the sync it needs out, correct under MACHINE.md for the
// chosen model options and the kernel's arch, plus a report of what was
// inserted and every fallback taken. docs/engine.md describes the method.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/Kernel.h"

namespace syncsmith {

enum class SyncMode : uint8_t {
  Opt,        // transitive coverage, nearest producer, lanes, id reuse
  Naive,      // one pair (or barrier) per hazard, no reuse of other sync
  BarrierAll  // pipe_barrier ALL before each uncovered consumer
};
std::string_view syncModeName(SyncMode m);
std::optional<SyncMode> parseSyncMode(std::string_view s);

// Known real bug classes, reproduced on purpose for mutation testing.
enum class InjectedBug : uint8_t {
  None,
  LoopTailSetBeforeDrain,  // PTOAS #622
  GmRoundtripFlagOnly,     // PTOAS #730
  AliasByName,             // PTOAS #844
  FallbackBarrierAtTail,   // PTOAS #594
  AssumeLoopRuns,          // PTOAS #533
  NoValidReacquire,        // easyasc, second producer round
  DropSamePipeBarrier,
  IdsByCallCount,          // easyasc DEvent
  SkipBackEdge,
};
struct InjectedBugInfo {
  InjectedBug bug;
  std::string_view name;
  std::string_view description;
};
const std::vector<InjectedBugInfo>& injectedBugs();
std::optional<InjectedBug> parseInjectedBug(std::string_view name);
std::string_view injectedBugName(InjectedBug b);

struct EngineOptions {
  SyncMode mode = SyncMode::Opt;
  ModelOptions model;
  InjectedBug bug = InjectedBug::None;
  bool strict = false;        // refuse input that already has sync
  std::string file = "<input>";  // for error messages
  // Exact enumeration of instance pairs is used below this many steps.
  int64_t enumerationBudget = 20000;
};

struct SyncReport {
  std::string kernel;
  std::string mode;
  int setFlags = 0, waitFlags = 0, barriers = 0, barrierAlls = 0, fences = 0;  // inserted
  int keptSync = 0;   // sync statements of the input, kept
  int hazards = 0;    // uncovered hazards found (each got sync)
  int pairs = 0;      // event pairs inserted (after fallbacks)
  int credits = 0;    // pairs added only to keep an event id's reuse safe
  int inputUnread = 0;  // input flags not read as order (shapes the engine does not know)
  int pruned = 0;       // inserted statements taken back: the input's own sync covers them
  std::map<std::string, std::vector<int>> idsPerPair;  // "MTE2->V" -> ids used
  struct Lane {
    std::string pair;  // "MTE2->V"
    int lanes = 0;
    std::string id;    // the computed id, e.g. "i%2"
    int line = 0;      // consumer line
  };
  std::vector<Lane> lanes;
  struct Fallback {
    std::string kind;    // "barrier-all", "single-lane", ...
    std::string reason;
    int line = 0;
  };
  std::vector<Fallback> fallbacks;
  std::string bug;  // injected bug, "" when none
};

struct SyncResult {
  Kernel kernel;
  SyncReport report;
};

// Throws InputError (with options.file) when --strict refuses the input.
SyncResult synchronize(const Kernel& k, const EngineOptions& options = {});

std::string reportText(const SyncReport& r);
std::string reportJson(const SyncReport& r, int indent = -1);

}  // namespace syncsmith
