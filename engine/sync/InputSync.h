// Sync the input already has. It is kept as written; its event ids are
// reserved (never reused by the engine); barriers and fences count for
// coverage exactly. Set/wait statements prove order when their keys form
// one of the shapes the engine itself emits, with those keys used nowhere
// else: set, wait, set, wait ... of a constant key in one block; a set and
// then a wait of one computed id `base + X % k` in one block (forward
// lanes); or a loop-carried pair (a prime per id before a loop, a wait and
// then a set of `base + X % k` or of a constant in its body, a drain per id
// after it). Any other set still drains its pipe but proves no order.
// --strict refuses input with sync instead.
#pragma once

#include "sync/Context.h"

namespace syncsmith::sync {

void analyzeInputSync(Context& cx);

}  // namespace syncsmith::sync
