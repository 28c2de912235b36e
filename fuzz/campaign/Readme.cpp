// README.md of a reproducer folder: what is wrong in one sentence, the lines
// involved, and the exact commands to see it again.
#include <sstream>

#include "campaign/Export.h"

namespace syncsmith::campaign {
namespace {

std::string sentence(const ReadmeFacts& f) {
  const std::string& k = f.kind;
  std::string engine = "the sync engine" + (f.syncFlags.empty() ? std::string() : " (" + f.syncFlags.substr(1) + ")");
  if (k == "SIM_ONLY")
    return "The simulator finds a problem in " + engine +
           "'s output that the oracle, having searched every path and schedule, says cannot happen: " +
           f.message;
  if (k == "NO_REPLAY") return "The oracle and the simulator disagree: " + f.message;
  if (k == "CRASH") return "syncsmith crashed: " + f.message;
  if (k == "HANG") return "syncsmith did not finish: " + f.message;
  if (k == "BAD_OUTPUT") return "Bad output from " + engine + ": " + f.message;
  return "The output of " + engine + " has a " + k + ": " + f.message;
}

void commands(std::ostringstream& out, const ReadmeFacts& f) {
  const std::string& k = f.kind;
  out << "```\n";
  out << "syncsmith sync reduced.sk" << f.syncFlags << " | cmp - synced.sk   # the engine's output, byte for byte\n";
  if (k == "BAD_OUTPUT") {
    out << "syncsmith fmt synced.sk\n";
  } else if (k == "CRASH" || k == "HANG") {
    out << "syncsmith sync reduced.sk" << f.syncFlags << " | syncsmith check -" << f.modelFlags << " --json\n";
    out << "syncsmith sim synced.sk" << f.modelFlags << " --runs 3\n";
  } else {
    out << "syncsmith sync reduced.sk" << f.syncFlags << " | syncsmith check -" << f.modelFlags
        << " --json\n";
    if (!f.simRun.empty()) out << f.simRun << "   # the campaign's simulator runs\n";
    if (!f.witnessFile.empty())
      out << "syncsmith sim synced.sk --replay " << f.witnessFile << " --trace t.json\n";
    out << "syncsmith check synced.sk" << f.modelFlags << " --dot hb.dot && dot -Tsvg hb.dot -o hb.svg\n";
  }
  out << "```\n";
}

}  // namespace

std::string readmeText(const ReadmeFacts& f) {
  std::ostringstream out;
  out << "# " << f.kind << ": " << f.folder << "\n\n";
  out << sentence(f) << "\n\n";
  out << "- signature: `" << f.signature << "`\n";
  out << "- found in kernel " << f.kernelIndex << " of the campaign (`" << f.genHeader.substr(2)
      << "`, in original.sk)\n";
  if (f.reduced)
    out << "- reduced from " << f.opsBefore << " to " << f.opsAfter << " ops (" << f.calls
        << " predicate calls): reduced.sk\n";
  else
    out << "- " << f.opsBefore << " ops, not reduced\n";
  if (!f.note.empty()) out << "- note: " << f.note << "\n";
  if (!f.oracleVerdict.empty()) out << "- oracle verdict on synced.sk: " << f.oracleVerdict << "\n";
  if (!f.witnessPath.empty()) out << "- path: " << f.witnessPath << "\n";
  if (!f.lines.empty()) {
    out << "\n## The lines in synced.sk\n\n```\n";
    for (const auto& [line, text] : f.lines) out << line << ": " << text << "\n";
    out << "```\n";
  }
  out << "\n## See it again\n\n";
  commands(out, f);
  out << "\n## Files\n\n";
  out << "- `reduced.sk`: the reduced kernel, without sync (the engine's input)\n";
  out << "- `original.sk`: the generated kernel that first showed it (`syncsmith gen` can make it again)\n";
  if (f.kind != "CRASH" && f.kind != "HANG") {
    out << "- `synced.sk`: the engine's output on reduced.sk\n";
    out << "- `oracle.json`: the oracle's result on synced.sk";
    out << (f.witnessFile == "oracle.json" ? ", this finding first, with its witness\n" : "\n");
    if (f.witnessFile == "sim.json") out << "- `sim.json`: the simulator's result, this finding first, with its witness\n";
  }
  if (f.hasTrace) out << "- `trace.json`: the witness schedule replayed in the simulator (open in https://ui.perfetto.dev)\n";
  if (f.hasDot) out << "- `hb.dot`: the happens-before edges involved (Graphviz)\n";
  out << "- `finding.json`: the same facts, for tools\n";
  return out.str();
}

}  // namespace syncsmith::campaign
