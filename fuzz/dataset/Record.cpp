// One dataset record: generate, print, re-parse (so lines are those of the
// stored text), then the facts, the ideal path and the modes.
#include <nlohmann/json.hpp>

#include "dataset/RecordParts.h"
#include "gen/GenRequest.h"
#include "gen/Generator.h"
#include "ir/Parser.h"
#include "ir/Printer.h"

namespace syncsmith::dataset {
namespace {

Json generatorJson(const gen::GenRequest& req, const gen::FeatureSet& fs) {
  Json features = Json::array();
  for (int i = 0; i < gen::kNumFeatures; ++i)
    if (fs.has(gen::Feature(i))) features.push_back(gen::featureName(gen::Feature(i)));
  Json pipes = Json::array();
  for (Pipe p : kAllPipes)
    if (fs.hasPipe(p)) pipes.push_back(pipeName(p));
  return Json{{"policy", req.policy},
              {"size", gen::sizeClassName(req.size)},
              {"features", features},
              {"pipes", pipes},
              {"core", coreName(fs.core)},
              {"arch", archName(fs.arch)},
              {"mask", fs.str()},
              {"header", req.header()}};
}

}  // namespace

std::string makeRecord(const KernelRef& ref, const RecordOptions& o) {
  gen::GenRequest req;
  req.seed = ref.seed;
  req.policy = ref.policy;
  req.size = *gen::parseSizeClass(ref.size);
  gen::Generated g = gen::generateSeeded(req.seed, req.options());
  std::string text = printKernel(g.kernel);
  Kernel k = parseKernel(text, ref.id + ".sk");

  SimPath path = idealPath(k, ref.seed);
  Json j;
  j["schema_version"] = kSchemaVersion;
  j["id"] = ref.id;
  j["seed"] = ref.seed;
  j["split"] = splitOf(ref.id);
  j["generator"] = generatorJson(req, g.features);
  j["kernel"] = text;
  j["static"] = staticStatsJson(k, text);
  j["hazards"] = hazardsJson(k);
  j["sim"] = simPathJson(path);
  j["modes"] = modesJson(k, ref, o, path);
  return j.dump();
}

}  // namespace syncsmith::dataset
