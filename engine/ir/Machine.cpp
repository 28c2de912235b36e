#include "ir/Machine.h"

namespace syncsmith {
namespace {

constexpr std::array<std::string_view, kNumPipes> kPipeNames = {
    "S", "MTE1", "MTE2", "MTE3", "M", "V", "FIX"};
constexpr std::array<std::string_view, kNumSpaces> kSpaceNames = {
    "gm", "ub", "l1", "l0a", "l0b", "l0c"};

struct OpRow {
  std::string_view name;
  OpInfo info;
};

constexpr SpaceMask kUb = maskOf(Space::UB);
constexpr SpaceMask kGm = maskOf(Space::GM);
constexpr SpaceMask kL1 = maskOf(Space::L1);
constexpr SpaceMask kL0a = maskOf(Space::L0A);
constexpr SpaceMask kL0b = maskOf(Space::L0B);
constexpr SpaceMask kL0c = maskOf(Space::L0C);

// MACHINE.md / KERNEL-FORMAT.md "Operations".
constexpr OpRow kOps[] = {
    {"gm_to_ub", {Pipe::MTE2, kUb, kGm}},
    {"gm_to_l1", {Pipe::MTE2, kL1, kGm}},
    {"l1_to_l0a", {Pipe::MTE1, kL0a, kL1}},
    {"l1_to_l0b", {Pipe::MTE1, kL0b, kL1}},
    {"mmad", {Pipe::M, kL0c, SpaceMask(kL0a | kL0b | kL0c)}},
    {"l0c_to_gm", {Pipe::FIX, kGm, kL0c}},
    {"l0c_to_l1", {Pipe::FIX, kL1, kL0c}},
    {"l0c_to_ub", {Pipe::FIX, kUb, kL0c}},
    {"ub_to_gm", {Pipe::MTE3, kGm, kUb}},
    {"ub_to_l1", {Pipe::MTE3, kL1, kUb}},
    {"ub_to_ub", {Pipe::V, kUb, kUb}},
    {"dup", {Pipe::V, kUb, kUb}},
    {"scalar_store", {Pipe::S, kGm, 0}},
    {"scalar_load", {Pipe::S, 0, kGm}},
};

template <class E, size_t N>
std::optional<E> lookupName(const std::array<std::string_view, N>& names,
                            std::string_view s) {
  for (size_t i = 0; i < N; ++i)
    if (names[i] == s) return E(i);
  return std::nullopt;
}

}  // namespace

std::string_view pipeName(Pipe p) { return kPipeNames[size_t(p)]; }
std::string_view spaceName(Space s) { return kSpaceNames[size_t(s)]; }
std::string_view archName(Arch a) { return a == Arch::A5 ? "a5" : "a2a3"; }
std::string_view coreName(Core c) { return c == Core::Cube ? "cube" : "vec"; }
std::string_view flagKeyName(FlagKey k) {
  return k == FlagKey::Src ? "src" : "pair";
}
std::string_view gmVisibilityName(GmVisibility v) {
  return v == GmVisibility::Retire ? "retire" : "fenced";
}

std::optional<Pipe> parsePipe(std::string_view s) {
  return lookupName<Pipe>(kPipeNames, s);
}
std::optional<Space> parseSpace(std::string_view s) {
  return lookupName<Space>(kSpaceNames, s);
}
std::optional<Arch> parseArch(std::string_view s) {
  if (s == "a2a3") return Arch::A2A3;
  if (s == "a5") return Arch::A5;
  return std::nullopt;
}
std::optional<Core> parseCore(std::string_view s) {
  if (s == "vec") return Core::Vec;
  if (s == "cube") return Core::Cube;
  return std::nullopt;
}
std::optional<FlagKey> parseFlagKey(std::string_view s) {
  if (s == "pair") return FlagKey::Pair;
  if (s == "src") return FlagKey::Src;
  return std::nullopt;
}
std::optional<GmVisibility> parseGmVisibility(std::string_view s) {
  if (s == "fenced") return GmVisibility::Fenced;
  if (s == "retire") return GmVisibility::Retire;
  return std::nullopt;
}

bool pipeOnCore(Pipe p, Core c) {
  switch (p) {
    case Pipe::S:
    case Pipe::MTE2:
      return true;
    case Pipe::V:
    case Pipe::MTE3:
      return c == Core::Vec;
    case Pipe::MTE1:
    case Pipe::M:
    case Pipe::FIX:
      return c == Core::Cube;
  }
  return false;
}

bool pipelined(Arch a, Pipe p) {
  switch (p) {
    case Pipe::S:
      return false;
    case Pipe::V:
      return a == Arch::A2A3;  // a5 interlocks V in hardware
    default:
      return true;
  }
}

int eventIdCount(Arch) { return 8; }

std::optional<int64_t> capacity(Space s) {
  switch (s) {
    case Space::GM: return std::nullopt;
    case Space::UB: return 196608;
    case Space::L1: return 524288;
    case Space::L0A: return 65536;
    case Space::L0B: return 65536;
    case Space::L0C: return 131072;
  }
  return std::nullopt;
}

std::optional<OpInfo> lookupOp(std::string_view name) {
  for (const OpRow& row : kOps)
    if (row.name == name) return row.info;
  if (!name.empty() && name[0] == 'v') return OpInfo{Pipe::V, kUb, kUb};
  return std::nullopt;
}

PipeLatency pipeLatency(Arch, Pipe p) {
  switch (p) {
    case Pipe::S: return {1, 1 << 30};
    case Pipe::MTE2: return {120, 64};
    case Pipe::MTE3: return {100, 64};
    case Pipe::MTE1: return {20, 128};
    case Pipe::M: return {30, 256};
    case Pipe::V: return {8, 128};
    case Pipe::FIX: return {40, 64};
  }
  return {1, 1};
}

int64_t opLatency(Arch a, Pipe p, int64_t bytes) {
  PipeLatency l = pipeLatency(a, p);
  return l.base + (bytes + l.bytesPerCycle - 1) / l.bytesPerCycle;
}

}  // namespace syncsmith
