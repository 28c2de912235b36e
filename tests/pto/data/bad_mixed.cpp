// Malformed input for syncsmith's tests: a vector op and a cube op in one
// kernel (core=mix is reserved in the .sk format, not supported yet).
__global__ AICORE void mixed(__gm__ float* v1) {
  int64_t v2 = 0;
  Tile<TileType::Vec, float, 16, 16, BLayout::RowMajor, 16, 16, SLayout::NoneBox, 512, PadValue::Null> v3;
  TASSIGN(v3, v2);
  Tile<TileType::Left, half, 16, 16, BLayout::RowMajor, 16, 16, SLayout::RowMajor, 512, PadValue::Null> v4;
  TASSIGN(v4, v2);
  Tile<TileType::Right, half, 16, 16, BLayout::RowMajor, 16, 16, SLayout::ColMajor, 512, PadValue::Null> v5;
  TASSIGN(v5, v2);
  Tile<TileType::Acc, float, 16, 16, BLayout::ColMajor, 16, 16, SLayout::RowMajor, 1024, PadValue::Null> v6;
  TASSIGN(v6, v2);
  TEXPANDS(v3, 1.0f);
  TMATMUL(v6, v4, v5);
}
