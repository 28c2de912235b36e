// The report as Markdown (for people and the docs) and CSV (one line per
// kernel and mode, for spreadsheets). Numbers are printed with fixed
// precision so that the same run gives the same bytes.
#include <cstdio>
#include <sstream>

#include "Overhead.h"

namespace syncsmith::bench {
namespace {

constexpr Mode kSynced[] = {Mode::Opt, Mode::Naive, Mode::BarrierAll, Mode::Hand};

std::string fixed(double x, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}

std::string ratioText(std::optional<double> r) { return r ? fixed(*r, 2) + "x" : "n/a"; }

std::string examplesText() {
  std::string s;
  for (std::string_view n : kPipelinedExamples) s += (s.empty() ? "" : ", ") + std::string(n);
  return s;
}

std::string upper(std::string s) {
  for (char& c : s) c = char(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// The first clause of a note, at most 60 characters (the CSV and JSON
// carry it whole).
std::string shortNote(const std::string& note) {
  std::string s = note.substr(0, note.find(';'));
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  for (char& c : s)
    if (c == '|') c = '/';
  return s;
}

// A flagged mode shows its verdict, never a speed.
std::string cycleCell(const KernelRow& r, Mode m) {
  const ModeResult& x = r.at(m);
  if (!x.present) return "-";
  if (!x.verdict.empty() && x.verdict != "correct")
    return "**" + upper(x.verdict) + "** (" + shortNote(x.note) + ")";
  if (auto q = r.ratio(m)) return fixed(*q, 2) + "x";
  return "n/a";
}

// The bound relative to ideal; a bound the solver could not make tight is
// marked with >= (it is the bound it proved).
std::string boundCell(const KernelRow& r) {
  const ModeResult& x = r.at(Mode::Bound);
  if (!x.present) return "-";
  auto q = r.ratio(Mode::Bound);
  if (!q) return "n/a";
  return (x.note.empty() ? "" : ">= ") + fixed(*q, 2) + "x";
}

std::string syncCell(const ModeResult& x) {
  if (!x.present) return "-";
  const SyncCounts& c = x.sync;
  return std::to_string(c.setFlags) + "/" + std::to_string(c.waitFlags) + "/" +
         std::to_string(c.barriers) + "/" + std::to_string(c.barrierAlls) + "/" +
         std::to_string(c.fences) + " (" + std::to_string(x.dynSync) + ")";
}

std::string pathText(const KernelRow& r) {
  std::string s;
  for (const auto& [name, v] : r.params) s += (s.empty() ? "" : " ") + name + "=" + std::to_string(v);
  return s.empty() ? "-" : s;
}

void cycleTable(std::ostringstream& md, const OverheadReport& rep, const std::string& origin) {
  md << "| kernel | core | pipelined | path | ideal cycles | bound | opt | naive | barrier-all | hand | "
        "opt / bound |\n"
     << "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const KernelRow& r : rep.rows) {
    if (r.origin != origin) continue;
    md << "| " << r.name << " | " << r.core << (r.arch == "a5" ? " a5" : "") << " | "
       << (r.pipelined ? "yes" : "no") << " | " << pathText(r) << " | ";
    if (!r.error.empty()) {
      md << "**ERROR** (" << r.error << ") | | | | | | |\n";
      continue;
    }
    const ModeResult& ideal = r.at(Mode::Ideal);
    md << (ideal.counted() ? std::to_string(ideal.cycles) : "n/a " + ideal.note);
    md << " | " << boundCell(r);
    for (Mode m : kSynced) md << " | " << cycleCell(r, m);
    auto ob = r.overBound(Mode::Opt);
    md << " | " << (ob ? fixed(*ob, 3) + "x" : "n/a") << " |\n";
  }
}

void syncTable(std::ostringstream& md, const OverheadReport& rep, const std::string& origin) {
  md << "| kernel | opt | naive | barrier-all | hand |\n|---|---|---|---|---|\n";
  for (const KernelRow& r : rep.rows) {
    if (r.origin != origin || !r.error.empty()) continue;
    md << "| " << r.name;
    for (Mode m : kSynced) md << " | " << syncCell(r.at(m));
    md << " |\n";
  }
}

}  // namespace

std::string overheadMarkdown(const OverheadReport& rep) {
  const OverheadSummary& s = rep.summary;
  const OverheadOptions& o = rep.options;
  std::ostringstream md;
  md << "# Sync overhead\n\n"
     << "Regenerate: `syncsmith bench overhead --suite " << (o.suiteLabel.empty() ? o.suiteDir : o.suiteLabel)
     << " --generated " << o.generated << " --seed " << o.seed << "`.\n\n"
     << "Cycles from the reference simulator with fixed latencies (docs/MACHINE-NOTES.md) on one\n"
     << "path per kernel: every param at its upper bound, `?` outcomes drawn from the seed.\n"
     << "Ratios are to `ideal`: the unsynced kernel with its true dependencies enforced directly\n"
     << "(`sim --ideal`). `bound` is the sync-aware lower bound (`sim --sync-bound`): no sync\n"
     << "inserted into the kernel can be faster, since every drain that signals a producer also\n"
     << "serializes its pipe (docs/simulator.md). Every synced kernel is checked by the oracle\n"
     << "first; a **BUGGY**, **UNKNOWN** or **ERROR** cell is left out of every median.\n\n";
  md << "## Summary\n\n| figure | value |\n|---|---:|\n"
     << "| suite kernels / generated kernels | " << s.suiteKernels << " / " << s.generatedKernels << " |\n"
     << "| median opt / ideal, suite | " << ratioText(s.suiteOptMedian) << " |\n"
     << "| median naive / ideal, suite | " << ratioText(s.suiteNaiveMedian) << " |\n"
     << "| median barrier-all / ideal, suite | " << ratioText(s.suiteBarrierAllMedian) << " |\n"
     << "| median hand / ideal, suite (kernels with a .synced.sk) | " << ratioText(s.suiteHandMedian) << " |\n"
     << "| median opt / hand, the same " << s.handKernels << " kernels | " << ratioText(s.optOverHandMedian)
     << " (max " << ratioText(s.optOverHandMax) << ") |\n"
     << "| median barrier-all / opt, pipelined suite kernels (" << s.pipelinedKernels << ") | "
     << ratioText(s.pipelinedBarrierVsOptMedian) << " (min " << ratioText(s.pipelinedBarrierVsOptMin) << ") |\n"
     << "| median opt / sync-aware bound, suite | " << ratioText(s.suiteOptOverBoundMedian) << " |\n"
     << "| median hand / sync-aware bound, suite | " << ratioText(s.suiteHandOverBoundMedian) << " |\n"
     << "| max opt / sync-aware bound, pipelined examples (" << examplesText() << ") | "
     << (s.examplesOptOverBoundMax ? fixed(*s.examplesOptOverBoundMax, 3) + "x" : "n/a") << " ("
     << s.examplesCounted << " counted) |\n"
     << "| median opt / ideal, generated | " << ratioText(s.generatedOptMedian) << " |\n"
     << "| median naive / ideal, generated | " << ratioText(s.generatedNaiveMedian) << " |\n"
     << "| median barrier-all / ideal, generated | " << ratioText(s.generatedBarrierAllMedian) << " |\n"
     << "| synced kernels not proven correct (flagged) | " << s.flagged << " |\n\n";
  md << "## Suite: cycles relative to ideal\n\n";
  cycleTable(md, rep, "suite");
  md << "\n## Suite: sync statements (set/wait/barrier/barrier-all/fence, executed on the path)\n\n";
  syncTable(md, rep, "suite");
  if (s.generatedKernels) {
    md << "\n## Generated (`syncsmith gen --seed " << o.seed << "` and on): cycles relative to ideal\n\n";
    cycleTable(md, rep, "generated");
    md << "\n## Generated: sync statements (set/wait/barrier/barrier-all/fence, executed on the path)\n\n";
    syncTable(md, rep, "generated");
  }
  return md.str();
}

std::string overheadCsv(const OverheadReport& rep) {
  std::ostringstream csv;
  csv << "kernel,origin,arch,core,ops,pipelined,path,mode,verdict,counted,set_flag,wait_flag,"
         "pipe_barrier,barrier_all,gm_fence,sync_static,sync_executed,cycles,ratio_to_ideal,"
         "ratio_to_bound,note\n";
  auto quoted = [](std::string s) {
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  for (const KernelRow& r : rep.rows) {
    for (int i = 0; i < kNumModes; ++i) {
      Mode m = Mode(i);
      const ModeResult& x = r.at(m);
      if (!x.present && r.error.empty()) continue;
      if (!r.error.empty() && m != Mode::Ideal) continue;
      const SyncCounts& c = x.sync;
      auto q = r.ratio(m);
      auto qb = m == Mode::Ideal || m == Mode::Bound ? std::nullopt : r.overBound(m);
      csv << r.name << "," << r.origin << "," << r.arch << "," << r.core << "," << r.ops << ","
          << (r.pipelined ? 1 : 0) << "," << quoted(pathText(r)) << "," << modeName(m) << ","
          << (r.error.empty() ? (x.verdict.empty() ? "-" : x.verdict) : "error") << ","
          << (x.counted() && r.error.empty() ? 1 : 0) << "," << c.setFlags << "," << c.waitFlags
          << "," << c.barriers << "," << c.barrierAlls << "," << c.fences << "," << c.total()
          << "," << x.dynSync << "," << x.cycles << "," << (q ? fixed(*q, 4) : "") << ","
          << (qb ? fixed(*qb, 4) : "") << ","
          << quoted(r.error.empty() ? x.note : r.error) << "\n";
    }
  }
  return csv.str();
}

}  // namespace syncsmith::bench
