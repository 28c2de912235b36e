// `syncsmith dataset stats DIR`: a summary of a written dataset.
#pragma once

#include <string>

namespace syncsmith::dataset {

// Reads DIR/manifest.json and every shard it lists. Throws InputError when
// DIR is not a dataset or a record does not parse.
std::string datasetStatsJson(const std::string& dir, int indent = 2);
std::string datasetStatsText(const std::string& dir);

}  // namespace syncsmith::dataset
