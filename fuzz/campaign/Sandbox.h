// Crash containment for worker processes: signal handlers that report which
// stage died (in one line on a pipe, async-signal-safe), and a way to run a
// function in a forked child with a time limit.
#pragma once

#include <functional>
#include <string>

namespace syncsmith::campaign {

// In a child: SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT write
// {"t":"signal","signal":"SIGSEGV","stage":"oracle"} and a newline to `fd`,
// then kill the process with the signal; SIGUSR1 (the parent's "you hang")
// writes {"t":"hang","stage":"..."} and exits with status 99. SIGINT is
// ignored: the parent decides when children stop.
void installCrashReporter(int fd);

std::string signalName(int sig);  // "SIGSEGV", ... or "signal N"

// The signature of a crash by signal in `stage`.
std::string signalSignature(const std::string& stage, const std::string& signal);

struct ChildOutcome {
  bool exited = false;  // normal exit with `code`
  int code = 0;
  std::string signal;   // when killed by a signal
  std::string stage;    // the stage reported by the crash handler
  bool timedOut = false;
};

// Runs fn() in a forked child (its return value is the exit status), killing
// it after `seconds`.
ChildOutcome runInChild(const std::function<int()>& fn, double seconds);

}  // namespace syncsmith::campaign
