// Token safety of event ids: the flag register holds one token, so a set of
// a key must not land before the previous wait of that key has taken its
// token (DOUBLE_SET), and under --flag-key src two waits of one key on
// different pipes must not overlap. Checked by a walk from each set back to
// the nearest earlier wait of its key, on every path: that wait's pipe must
// be in reach there, i.e. the wait ends before the set starts.
//
// A pair in a loop whose own repetition is not ordered gets a credit: a
// reverse pair from its wait to its next set (the "valid" token of a
// ready/valid handshake), placed as late as the set and as early as the wait
// allow; when even that fails the pair becomes pipe_barrier ALL.
#pragma once

#include <functional>
#include <vector>

#include "sync/Context.h"

namespace syncsmith::sync {

struct SafetyFailure {
  ItemId origin = kNone;  // the set (or wait) whose reuse is unsafe
  ItemId wait = kNone;    // the earlier wait it may overtake (kNone: a set)
  std::vector<Frame> frames;  // walk frames where that wait was met
};

class SafetyCheck {
 public:
  // The lowest gap order of any sync statement that may use event id `value`
  // of class `cls`, besides the checked pair's own items: a walk stops below
  // it. Without it (ownOnly), only the pair's own items bound the walk.
  using Horizon = std::function<int(int cls, int value)>;
  // ownOnly: only the pair's own items share its key (ids not assigned yet).
  SafetyCheck(Context& cx, bool ownOnly, Horizon others = {})
      : cx_(cx), ownOnly_(ownOnly), others_(std::move(others)) {}
  bool pairSafe(PairId p, SafetyFailure* why = nullptr);

 private:
  bool itemSafe(PairId p, ItemId origin, int value, int ownHorizon, SafetyFailure* why);
  Context& cx_;
  bool ownOnly_;
  Horizon others_;
};

// Phase 2: makes every inserted pair safe against its own repetition.
void ensureSelfSafe(Context& cx, PairId p);

// Adds a credit for `owner`: a reverse pair from the wait of `f` to its set
// (the new pair is the last of cx.prog.pairs). False when none can be placed.
bool addCredit(Context& cx, PairId owner, const SafetyFailure& f);

}  // namespace syncsmith::sync
