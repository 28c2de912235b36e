// Deduplication of campaign findings: a signature is the finding's kind plus
// the shape of the instructions involved (op name, pipe, spaces written and
// read; for sync: its kind and pipes), never line numbers, ids, sizes or
// loop variables, so the same engine bug found in two kernels (or before and
// after reduction) has one signature.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/Kernel.h"
#include "model/Finding.h"

namespace syncsmith::campaign {

// "MTE2 gm_to_ub ub<-gm", "V v* ub<-ub" (vector compute ops are one class),
// "set_flag MTE2->V",
// "pipe_barrier ALL"; "?" when no statement sits on `line`.
std::string stmtShape(const Kernel& k, int line);

// "RACE: MTE2 gm_to_ub ub<-gm | V v* ub<-ub" (the instances' shapes, in
// the finding's order, duplicates kept once). `prefix` goes in front of the
// kind ("SIM_ONLY " for disagreements).
std::string findingSignature(const Kernel& k, const Finding& f, const std::string& prefix = "");

// 8 hex digits of the FNV-1a hash of the signature: stable across runs and
// platforms.
std::string shortHash(const std::string& signature);

// "race-1a2b3c4d": the reproducer's folder name.
std::string folderName(const std::string& kind, const std::string& signature);

}  // namespace syncsmith::campaign
