// A split-K matmul on the cube core in the PTOAS C++ style (written for
// syncsmith's tests): C[32x32] = sum over k of A[:, k] x B[k, :], with the
// first step a plain TMATMUL and the rest TMATMUL_ACC.
#include "common/pto_instr.hpp"
using namespace pto;
__global__ AICORE void matmul_k(__gm__ half* v1, __gm__ half* v2, __gm__ float* v3) {
  int32_t v4 = 0;
  int32_t v5 = 4;
  int32_t v6 = 1;
  int32_t v7 = 32;
  int64_t v8 = 0;
  int64_t v9 = 2048;
  using GTShapeA = pto::Shape<1, 1, 1, 32, 32>;
  using GTStrideA = pto::Stride<4096, 4096, 4096, 128, 1>;
  using GTStrideB = pto::Stride<4096, 4096, 4096, 32, 1>;
  Tile<TileType::Mat, half, 32, 32, BLayout::ColMajor, 32, 32, SLayout::RowMajor, 512, PadValue::Null> v10;
  TASSIGN(v10, v8);
  Tile<TileType::Mat, half, 32, 32, BLayout::ColMajor, 32, 32, SLayout::RowMajor, 512, PadValue::Null> v11;
  TASSIGN(v11, v9);
  Tile<TileType::Left, half, 32, 32, BLayout::RowMajor, 32, 32, SLayout::RowMajor, 512, PadValue::Null> v12;
  TASSIGN(v12, v8);
  Tile<TileType::Right, half, 32, 32, BLayout::RowMajor, 32, 32, SLayout::ColMajor, 512, PadValue::Null> v13;
  TASSIGN(v13, v8);
  Tile<TileType::Acc, float, 32, 32, BLayout::ColMajor, 32, 32, SLayout::RowMajor, 1024, PadValue::Null> v14;
  TASSIGN(v14, v8);
  set_flag(PIPE_MTE1, PIPE_MTE2, EVENT_ID0);
  set_flag(PIPE_M, PIPE_MTE1, EVENT_ID0);
  for (int32_t v15 = v4; v15 < v5; v15 += v6) {
    GTShapeA v16 = GTShapeA();
    GTStrideA v17 = GTStrideA();
    GTStrideB v18 = GTStrideB();
    GlobalTensor<half, GTShapeA, GTStrideA, pto::Layout::ND> v19 = GlobalTensor<half, GTShapeA, GTStrideA, pto::Layout::ND>(v1 + v15 * v7, v16, v17);
    GlobalTensor<half, GTShapeA, GTStrideB, pto::Layout::ND> v20 = GlobalTensor<half, GTShapeA, GTStrideB, pto::Layout::ND>(v2 + v15 * v7 * v7, v16, v18);
    wait_flag(PIPE_MTE1, PIPE_MTE2, EVENT_ID0);
    TLOAD(v10, v19);
    TLOAD(v11, v20);
    set_flag(PIPE_MTE2, PIPE_MTE1, EVENT_ID0);
    wait_flag(PIPE_MTE2, PIPE_MTE1, EVENT_ID0);
    wait_flag(PIPE_M, PIPE_MTE1, EVENT_ID0);
    TMOV(v12, v10);
    TMOV(v13, v11);
    set_flag(PIPE_MTE1, PIPE_MTE2, EVENT_ID0);
    set_flag(PIPE_MTE1, PIPE_M, EVENT_ID0);
    wait_flag(PIPE_MTE1, PIPE_M, EVENT_ID0);
    bool v21 = v15 == v4;
    if (v21) {
      TMATMUL(v14, v12, v13);
    } else {
      TMATMUL_ACC(v14, v14, v12, v13);
    };
    set_flag(PIPE_M, PIPE_MTE1, EVENT_ID0);
  }
  wait_flag(PIPE_MTE1, PIPE_MTE2, EVENT_ID0);
  wait_flag(PIPE_M, PIPE_MTE1, EVENT_ID0);
  set_flag(PIPE_M, PIPE_FIX, EVENT_ID0);
  pto::Shape<1, 1, 1, 32, 32> v22 = pto::Shape<1, 1, 1, 32, 32>();
  pto::Stride<1024, 1024, 1024, 32, 1> v23 = pto::Stride<1024, 1024, 1024, 32, 1>();
  GlobalTensor<float, pto::Shape<1, 1, 1, 32, 32>, pto::Stride<1024, 1024, 1024, 32, 1>, pto::Layout::ND> v24 = GlobalTensor<float, pto::Shape<1, 1, 1, 32, 32>, pto::Stride<1024, 1024, 1024, 32, 1>, pto::Layout::ND>(v3, v22, v23);
  wait_flag(PIPE_M, PIPE_FIX, EVENT_ID0);
  TSTORE(v24, v14);
  pipe_barrier(PIPE_ALL);
}
