// Malformed input for syncsmith's tests: TASSIGN's address is a float, not
// an address the importer can place a tile at.
__global__ AICORE void bad_tassign(__gm__ float* v1, float v2) {
  Tile<TileType::Vec, float, 8, 64, BLayout::RowMajor, 8, 64, SLayout::NoneBox, 512, PadValue::Null> v3;
  TASSIGN(v3, v2);
  TEXPANDS(v3, v2);
}
