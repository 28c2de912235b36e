// The machine model tables of shared/spec/MACHINE.md, as data, in one place.
// Every other layer (parser, engine, oracle, simulator, generator) asks here.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace syncsmith {

enum class Pipe : uint8_t { S, MTE1, MTE2, MTE3, M, V, FIX };
inline constexpr int kNumPipes = 7;
inline constexpr std::array<Pipe, kNumPipes> kAllPipes = {
    Pipe::S, Pipe::MTE1, Pipe::MTE2, Pipe::MTE3, Pipe::M, Pipe::V, Pipe::FIX};

enum class Space : uint8_t { GM, UB, L1, L0A, L0B, L0C };
inline constexpr int kNumSpaces = 6;

enum class Arch : uint8_t { A2A3, A5 };
enum class Core : uint8_t { Vec, Cube };

// Model options shared by the engine, the oracle and the simulator.
enum class FlagKey : uint8_t { Pair, Src };        // --flag-key pair|src
enum class GmVisibility : uint8_t { Fenced, Retire };  // --gm-visibility

struct ModelOptions {
  FlagKey flagKey = FlagKey::Pair;
  GmVisibility gmVisibility = GmVisibility::Fenced;
};

std::string_view pipeName(Pipe p);
std::string_view spaceName(Space s);
std::string_view archName(Arch a);
std::string_view coreName(Core c);
std::string_view flagKeyName(FlagKey k);
std::string_view gmVisibilityName(GmVisibility v);
std::optional<Pipe> parsePipe(std::string_view s);
std::optional<Space> parseSpace(std::string_view s);
std::optional<Arch> parseArch(std::string_view s);
std::optional<Core> parseCore(std::string_view s);
std::optional<FlagKey> parseFlagKey(std::string_view s);
std::optional<GmVisibility> parseGmVisibility(std::string_view s);

// A set of spaces as a bit mask.
using SpaceMask = uint8_t;
constexpr SpaceMask maskOf(Space s) { return SpaceMask(1u << unsigned(s)); }
inline constexpr SpaceMask kAnySpace = 0x3f;

// Whether `p` exists on core `c` (S and MTE2 on both).
bool pipeOnCore(Pipe p, Core c);

// Whether a later instruction on `p` may start before an earlier one ends.
bool pipelined(Arch a, Pipe p);

// Event ids per ordered (src, dst) pipe pair: ids 0..eventIdCount-1.
int eventIdCount(Arch a);

// Byte capacity of a local space; nullopt for gm (unbounded).
std::optional<int64_t> capacity(Space s);

// What an operation name means: its pipe and the spaces its written and read
// refs may name. `exec PIPE` is not in this table (any space, pipe as written).
struct OpInfo {
  Pipe pipe;
  SpaceMask writes;
  SpaceMask reads;
};
std::optional<OpInfo> lookupOp(std::string_view name);

// The default latency model (cycles), used by the simulator's `fixed` policy
// and by benchmarks. An op costs base(pipe) + ceil(bytes / bytesPerCycle(pipe))
// where bytes is the larger of the bytes it reads and writes. Sync
// instructions (set/wait/barrier/fence) cost kSyncLatency. Documented in
// docs/MACHINE-NOTES.md.
struct PipeLatency {
  int64_t base;
  int64_t bytesPerCycle;
};
PipeLatency pipeLatency(Arch a, Pipe p);
inline constexpr int64_t kSyncLatency = 1;
int64_t opLatency(Arch a, Pipe p, int64_t bytes);

}  // namespace syncsmith
