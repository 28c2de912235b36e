// A loop with a branch on the iteration, in the PTOAS C++ style (written for
// syncsmith's tests), synchronized the way an engine that ignores the
// vector pipe would: TLOAD -> TSTORE is ordered, but TADDS (V) is ordered
// neither after TLOAD, nor before TSTORE, nor after the previous TADDS
// (no pipe_barrier(PIPE_V) on a2a3).
#include "common/pto_instr.hpp"
using namespace pto;
__global__ AICORE void loop_if(__gm__ float* v1, __gm__ float* v2, int32_t v3) {
  float v4 = 1.0f;
  float v5 = -1.0f;
  int32_t v6 = 0;
  int32_t v7 = 1;
  int64_t v8 = 0;
  Tile<TileType::Vec, float, 16, 16, BLayout::RowMajor, 16, 16, SLayout::NoneBox, 512, PadValue::Null> v9;
  TASSIGN(v9, v8);
  pto::Shape<1, 1, 1, 16, 16> v10 = pto::Shape<1, 1, 1, 16, 16>();
  pto::Stride<256, 256, 256, 16, 1> v11 = pto::Stride<256, 256, 256, 16, 1>();
  GlobalTensor<float, pto::Shape<1, 1, 1, 16, 16>, pto::Stride<256, 256, 256, 16, 1>, pto::Layout::ND> v12 = GlobalTensor<float, pto::Shape<1, 1, 1, 16, 16>, pto::Stride<256, 256, 256, 16, 1>, pto::Layout::ND>(v1, v10, v11);
  GlobalTensor<float, pto::Shape<1, 1, 1, 16, 16>, pto::Stride<256, 256, 256, 16, 1>, pto::Layout::ND> v13 = GlobalTensor<float, pto::Shape<1, 1, 1, 16, 16>, pto::Stride<256, 256, 256, 16, 1>, pto::Layout::ND>(v2, v10, v11);
  TLOAD(v9, v12);
  set_flag(PIPE_MTE2, PIPE_MTE3, EVENT_ID0);
  for (int32_t v14 = v6; v14 < v3; v14 += v7) {
    bool v15 = v14 == v6;
    if (v15) {
      TADDS(v9, v9, v4);
    } else {
      TADDS(v9, v9, v5);
    };
  }
  wait_flag(PIPE_MTE2, PIPE_MTE3, EVENT_ID0);
  TSTORE(v13, v9);
  pipe_barrier(PIPE_ALL);
}
