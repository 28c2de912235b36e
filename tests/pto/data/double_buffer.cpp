// A double-buffered exp pipeline in the PTOAS C++ style (written for
// syncsmith's tests): tile i is loaded into ring slot i % 2 while the other
// slot is computed on; the slot's event id is computed through event_t.
#include "common/pto_instr.hpp"
using namespace pto;
__global__ AICORE void pingpong_exp(__gm__ float* v1, __gm__ float* v2, int32_t v3) {
  int32_t v4 = 0;
  int32_t v5 = 1;
  int32_t v6 = 2;
  int64_t v7 = 0;
  int64_t v8 = 8192;
  int64_t v9 = 16384;
  int32_t v10 = 2048;
  using T = float;
  set_flag(PIPE_V, PIPE_MTE2, EVENT_ID0);
  set_flag(PIPE_V, PIPE_MTE2, EVENT_ID1);
  set_flag(PIPE_MTE3, PIPE_V, EVENT_ID0);
  for (int32_t v11 = v4; v11 < v3; v11 += v5) {
    int32_t v12 = v11 % v6;
    event_t v13 = (event_t) v12;
    int64_t v14 = v7 + (int64_t) v12 * v8;
    Tile<TileType::Vec, float, 32, 64, BLayout::RowMajor, 32, 64, SLayout::NoneBox, 512, PadValue::Null> v15;
    TASSIGN(v15, v14);
    Tile<TileType::Vec, float, 32, 64, BLayout::RowMajor, 32, 64, SLayout::NoneBox, 512, PadValue::Null> v16;
    TASSIGN(v16, v9);
    pto::Shape<1, 1, 1, 32, 64> v17 = pto::Shape<1, 1, 1, 32, 64>();
    pto::Stride<2048, 2048, 2048, 64, 1> v18 = pto::Stride<2048, 2048, 2048, 64, 1>();
    GlobalTensor<float, pto::Shape<1, 1, 1, 32, 64>, pto::Stride<2048, 2048, 2048, 64, 1>, pto::Layout::ND> v19 = GlobalTensor<float, pto::Shape<1, 1, 1, 32, 64>, pto::Stride<2048, 2048, 2048, 64, 1>, pto::Layout::ND>(v1 + (unsigned) v11 * (unsigned) v10, v17, v18);
    GlobalTensor<float, pto::Shape<1, 1, 1, 32, 64>, pto::Stride<2048, 2048, 2048, 64, 1>, pto::Layout::ND> v20 = GlobalTensor<float, pto::Shape<1, 1, 1, 32, 64>, pto::Stride<2048, 2048, 2048, 64, 1>, pto::Layout::ND>(v2 + (unsigned) v11 * (unsigned) v10, v17, v18);
    wait_flag(PIPE_V, PIPE_MTE2, v13);
    TLOAD(v15, v19);
    set_flag(PIPE_MTE2, PIPE_V, v13);
    wait_flag(PIPE_MTE2, PIPE_V, v13);
    wait_flag(PIPE_MTE3, PIPE_V, EVENT_ID0);
    TEXP(v16, v15);
    set_flag(PIPE_V, PIPE_MTE2, v13);
    set_flag(PIPE_V, PIPE_MTE3, EVENT_ID0);
    wait_flag(PIPE_V, PIPE_MTE3, EVENT_ID0);
    TSTORE(v20, v16);
    set_flag(PIPE_MTE3, PIPE_V, EVENT_ID0);
  }
  wait_flag(PIPE_V, PIPE_MTE2, EVENT_ID0);
  wait_flag(PIPE_V, PIPE_MTE2, EVENT_ID1);
  wait_flag(PIPE_MTE3, PIPE_V, EVENT_ID0);
  ptoas_auto_sync_tail(PTOAutoSyncTailMode::kBarrierAll);
  return;
}
