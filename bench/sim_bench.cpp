// The reference simulator's speed: simulated instructions per second
// (counter "instr/s"; the target for `fixed` schedules is >= 1M/s). Each
// iteration is a whole simulate() call: trace, happens-before graph, vector
// clocks and races, schedule, token counts and the data check.
#include <benchmark/benchmark.h>

#include "ir/Parser.h"
#include "oracle/sim/Simulator.h"

namespace {

using namespace syncsmith;

// Double-buffered vector pipeline with computed ids, about 6 instructions per trip.
const char* kPingpong = R"(kernel pingpong_big {
  buffer x   gm 65536
  buffer y   gm 65536
  buffer buf ub 16384 @0 slots=2
  buffer acc ub 8192 @16384
  param n in 1..1000000
  set_flag V MTE2 0
  set_flag V MTE2 1
  for i in 0..n {
    wait_flag V MTE2 (i%2)
    gm_to_ub buf[i%2] <- x[0:8192]
    set_flag MTE2 V (i%2)
    wait_flag MTE2 V (i%2)
    vadd acc <- buf[i%2], acc
    set_flag V MTE2 (i%2)
  }
  wait_flag V MTE2 0
  wait_flag V MTE2 1
  set_flag V MTE3 0
  wait_flag V MTE3 0
  ub_to_gm y[0:8192] <- acc
}
)";

// Cube matmul with L1/L0 double buffering, about 14 instructions per trip.
const char* kMatmul = R"(kernel matmul_big core=cube {
  buffer a  gm 262144
  buffer b  gm 262144
  buffer c  gm 65536
  buffer a1 l1 65536 slots=2
  buffer b1 l1 65536 slots=2
  buffer a0 l0a 32768 slots=2
  buffer b0 l0b 32768 slots=2
  buffer c0 l0c 65536
  param kt in 1..1000000
  set_flag MTE1 MTE2 0
  set_flag MTE1 MTE2 1
  set_flag M MTE1 0
  set_flag M MTE1 1
  for k in 0..kt {
    wait_flag MTE1 MTE2 (k%2)
    gm_to_l1 a1[k%2] <- a[0:32768]
    gm_to_l1 b1[k%2] <- b[0:32768]
    set_flag MTE2 MTE1 (k%2)
    wait_flag MTE2 MTE1 (k%2)
    wait_flag M MTE1 (k%2)
    l1_to_l0a a0[k%2][0:16384] <- a1[k%2][0:16384]
    l1_to_l0b b0[k%2][0:16384] <- b1[k%2][0:16384]
    set_flag MTE1 MTE2 (k%2)
    set_flag MTE1 M (k%2)
    wait_flag MTE1 M (k%2)
    mmad c0 <- a0[k%2][0:16384], b0[k%2][0:16384], c0
    set_flag M MTE1 (k%2)
  }
  wait_flag MTE1 MTE2 0
  wait_flag MTE1 MTE2 1
  wait_flag M MTE1 0
  wait_flag M MTE1 1
  set_flag M FIX 0
  wait_flag M FIX 0
  l0c_to_gm c <- c0
}
)";

void runSim(benchmark::State& state, const char* text, const char* param, SimPolicy policy,
            bool data) {
  Kernel k = parseKernel(text, "bench");
  SimOptions o;
  o.policy = policy;
  o.params = {{param, state.range(0)}};
  o.dataCheck = data;
  int64_t instrs = 0;
  for (auto _ : state) {
    SimResult r = simulate(k, o);
    if (r.check.verdict != Verdict::Correct) state.SkipWithError("the bench kernel is not correct");
    instrs += r.instructions;
    benchmark::DoNotOptimize(r.cycles);
  }
  state.counters["instr/s"] = benchmark::Counter(double(instrs), benchmark::Counter::kIsRate);
  state.counters["instrs"] = double(instrs) / double(state.iterations());
}

void BM_SimFixedPingpong(benchmark::State& s) { runSim(s, kPingpong, "n", SimPolicy::Fixed, true); }
void BM_SimFixedMatmul(benchmark::State& s) { runSim(s, kMatmul, "kt", SimPolicy::Fixed, true); }
void BM_SimFixedPingpongNoData(benchmark::State& s) { runSim(s, kPingpong, "n", SimPolicy::Fixed, false); }
void BM_SimRandomPingpong(benchmark::State& s) { runSim(s, kPingpong, "n", SimPolicy::Random, true); }
void BM_SimAdversarialPingpong(benchmark::State& s) { runSim(s, kPingpong, "n", SimPolicy::Adversarial, true); }

BENCHMARK(BM_SimFixedPingpong)->Arg(100)->Arg(20000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimFixedMatmul)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimFixedPingpongNoData)->Arg(20000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimRandomPingpong)->Arg(20000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimAdversarialPingpong)->Arg(20000)->Unit(benchmark::kMillisecond);

}  // namespace
