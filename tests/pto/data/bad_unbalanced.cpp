// Malformed input for syncsmith's tests: the loop body's '{' is never
// closed (the kernel's own '}' closes the loop, and the kernel runs off the
// end of the file).
__global__ AICORE void unbalanced(__gm__ float* v1, int32_t v2) {
  int32_t v3 = 0;
  int32_t v4 = 1;
  for (int32_t v5 = v3; v5 < v2; v5 += v4) {
    pipe_barrier(PIPE_V);
  pipe_barrier(PIPE_ALL);
}
