// Sync the input already has. It is kept as written; its event ids are
// reserved (never reused by the engine); barriers and fences count for
// coverage exactly; a set and a wait count as a matched pair only when
// their key is used nowhere else but as set, wait, set, wait ... in one
// block (anything else still drains at the set, but proves no order).
// --strict refuses such input instead.
#pragma once

#include "sync/Context.h"

namespace syncsmith::sync {

void analyzeInputSync(Context& cx);

}  // namespace syncsmith::sync
