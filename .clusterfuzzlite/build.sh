#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz build script: builds syncsmith's libraries with
# the sanitizer flags of this build ($CC, $CXX, $CFLAGS, $CXXFLAGS come from
# the builder image) and links each libFuzzer target of fuzz/targets/ with
# $LIB_FUZZING_ENGINE into $OUT. The project's own SYNCSMITH_FUZZERS switch is
# left off: it would add its own sanitizers on top of the builder's.
src=$SRC/syncsmith
build=$WORK/syncsmith-build

cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DSYNCSMITH_FUZZERS=OFF -DSYNCSMITH_TESTS=OFF -DSYNCSMITH_BENCH=OFF -DSYNCSMITH_CLI=OFF
cmake --build "$build" --parallel "$(nproc)" --target \
  syncsmith_ir syncsmith_model syncsmith_fuzz syncsmith_engine syncsmith_oracle

lib() { find "$build" -name "lib$1.a" | head -n 1; }
includes="-I$src -I$src/engine -I$src/fuzz"
libs="$(lib syncsmith_oracle) $(lib syncsmith_engine) $(lib syncsmith_fuzz) $(lib syncsmith_model) $(lib syncsmith_ir)"
z3=$(pkg-config --libs z3)

for target in parse_fuzz gen_fuzz reduce_fuzz engine_fuzz; do
  $CXX $CXXFLAGS -std=c++20 $includes -c "$src/fuzz/targets/$target.cpp" -o "$WORK/$target.o"
  $CXX $CXXFLAGS "$WORK/$target.o" -o "$OUT/$target" $LIB_FUZZING_ENGINE $libs $z3 -lpthread
done

# The parser starts from the hand-written kernels; the generator-driven
# targets read their bytes as choices, so any input is valid.
(cd "$src/corpus" && find . -name '*.sk' | zip -q -@ "$OUT/parse_fuzz_seed_corpus.zip")
for target in gen_fuzz reduce_fuzz engine_fuzz; do
  printf '[libfuzzer]\nmax_len = 4096\ntimeout = 25\n' > "$OUT/$target.options"
done
