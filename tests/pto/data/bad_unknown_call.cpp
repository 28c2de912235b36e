// Malformed input for syncsmith's tests: TFOO is not a PTO op the importer
// knows, so it must be reported, never guessed.
__global__ AICORE void unknown_call(__gm__ float* v1) {
  int64_t v2 = 0;
  Tile<TileType::Vec, float, 8, 64, BLayout::RowMajor, 8, 64, SLayout::NoneBox, 512, PadValue::Null> v3;
  TASSIGN(v3, v2);
  pto::Shape<1, 1, 1, 8, 64> v4 = pto::Shape<1, 1, 1, 8, 64>();
  pto::Stride<512, 512, 512, 64, 1> v5 = pto::Stride<512, 512, 512, 64, 1>();
  GlobalTensor<float, pto::Shape<1, 1, 1, 8, 64>, pto::Stride<512, 512, 512, 64, 1>, pto::Layout::ND> v6 = GlobalTensor<float, pto::Shape<1, 1, 1, 8, 64>, pto::Stride<512, 512, 512, 64, 1>, pto::Layout::ND>(v1, v4, v5);
  TLOAD(v3, v6);
  set_flag(PIPE_MTE2, PIPE_V, EVENT_ID0);
  wait_flag(PIPE_MTE2, PIPE_V, EVENT_ID0);
  TFOO(v3, v3);
  pipe_barrier(PIPE_ALL);
}
