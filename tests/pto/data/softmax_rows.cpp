// Row softmax over a 16x64 block per core, in the style of PyPTO-generated
// PTOAS C++ (clang-formatted statements over several lines, "// pto:"
// comments, a __DAV_VEC__ section, dynamic tiles, .data() aliases, a
// second entry function). Written for syncsmith's tests; correctly
// synchronized, with the pipe_barrier(PIPE_V) a2a3 needs between dependent
// vector ops.
#include "pto/pto-inst.hpp"
using namespace pto;

__global__ AICORE void softmax_rows(__gm__ float* v1, __gm__ float* v2) {
    const int64_t v3 = 0;
    const int64_t v4 = 4096;
    const int64_t v5 = 8192;
    unsigned v6 = 64;
    unsigned v7 = 1024;
    int32_t v8 = 16;
    int32_t v9 = 64;
    using T = float;

#if defined(__DAV_VEC__)
    set_mask_norm();
    set_vector_mask(-1, -1);
    // pto: %blk
    int64_t v10 = get_block_idx();
    int32_t v11 = (int32_t)((uint32_t)((int32_t)(int64_t)v10) * (uint32_t)v8);
    // pto: %x__tile
    Tile<
        TileType::Vec, float, 16, 64, BLayout::RowMajor, -1, -1, SLayout::NoneBox, 512, PadValue::Null, CompactMode::Null>
        v12 = Tile<
            TileType::Vec, float, 16, 64, BLayout::RowMajor, -1, -1, SLayout::NoneBox, 512, PadValue::Null,
            CompactMode::Null>(v8, v9);
    uint64_t v13 = (uint64_t)v3;
    TASSIGN(v12, v13);
    // pto: %y__tile (the same bytes as %x__tile)
    Tile<TileType::Vec, float, 16, 64, BLayout::RowMajor, -1, -1, SLayout::NoneBox, 512, PadValue::Null,
         CompactMode::Null>
        v14 = Tile<TileType::Vec, float, 16, 64, BLayout::RowMajor, -1, -1, SLayout::NoneBox, 512,
                   PadValue::Null, CompactMode::Null>(v8, v9);
    __ubuf__ float *v15 = v12.data();
    uint64_t v16 = reinterpret_cast<uint64_t>(v15);
    TASSIGN(v14, v16);
    Tile<TileType::Vec, float, 16, 8, BLayout::RowMajor, 16, 8, SLayout::NoneBox, 512, PadValue::Null> v17;
    TASSIGN(v17, v4);
    Tile<TileType::Vec, float, 16, 64, BLayout::RowMajor, 16, 64, SLayout::NoneBox, 512, PadValue::Null> v18;
    TASSIGN(v18, v5);
    // pto: %x_view
    pto::Shape<1, 1, 1, -1, -1> v19 = pto::Shape<1, 1, 1, -1, -1>(1, 1, 1, v8, v9);
    pto::Stride<-1, -1, -1, -1, -1> v20 = pto::Stride<-1, -1, -1, -1, -1>(v7, v7, v7, v6, 1);
    GlobalTensor<float, pto::Shape<1, 1, 1, -1, -1>, pto::Stride<-1, -1, -1, -1, -1>, pto::Layout::ND> v21 =
        GlobalTensor<float, pto::Shape<1, 1, 1, -1, -1>, pto::Stride<-1, -1, -1, -1, -1>, pto::Layout::ND>(
            v1 + (v3 + (unsigned)v11 * (unsigned)v9), v19, v20);
    GlobalTensor<float, pto::Shape<1, 1, 1, -1, -1>, pto::Stride<-1, -1, -1, -1, -1>, pto::Layout::ND> v22 =
        GlobalTensor<float, pto::Shape<1, 1, 1, -1, -1>, pto::Stride<-1, -1, -1, -1, -1>, pto::Layout::ND>(
            v2 + (v3 + (unsigned)v11 * (unsigned)v9), v19, v20);
    TLOAD(v12, v21);
    set_flag(PIPE_MTE2, PIPE_V, EVENT_ID0);
    wait_flag(PIPE_MTE2, PIPE_V, EVENT_ID0);
    TROWMAX(v17, v12, v18);
    pipe_barrier(PIPE_V);
    TROWEXPANDSUB(v14, v12, v17);
    pipe_barrier(PIPE_V);
    TEXP(v14, v14);
    pipe_barrier(PIPE_V);
    TROWSUM(v17, v14, v18);
    pipe_barrier(PIPE_V);
    TROWEXPANDDIV(v14, v14, v17);
    set_flag(PIPE_V, PIPE_MTE3, EVENT_ID0);
    wait_flag(PIPE_V, PIPE_MTE3, EVENT_ID0);
    TSTORE(v22, v14);
#endif  // __DAV_VEC__

    ptoas_auto_sync_tail(PTOAutoSyncTailMode::kBarrierAll);
    return;
}

// --- Kernel entry point ---
extern "C" __aicore__ __attribute__((always_inline)) void kernel_entry(__gm__ int64_t *args) {
    __gm__ float *x = reinterpret_cast<__gm__ float *>(args[0]);
    __gm__ float *y = reinterpret_cast<__gm__ float *>(args[1]);
    softmax_rows(x, y);
}
