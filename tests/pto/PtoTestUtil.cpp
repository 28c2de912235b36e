#include "PtoTestUtil.h"

namespace syncsmith::pto::test {

std::string dataPath(const std::string& name) {
  return std::string(SYNCSMITH_SOURCE_ROOT) + "/tests/pto/data/" + name;
}

ImportResult importData(const std::string& name, const ImportOptions& opts) {
  return importPtoFile(dataPath(name), opts);
}

std::string importError(const std::string& text, const ImportOptions& opts) {
  try {
    importPto(text, "k.cpp", opts);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::string kernelText(const std::string& body) {
  return "__global__ AICORE void k(__gm__ float* v1, __gm__ float* v2, int32_t n) {\n" + body +
         "}\n";
}

ImportResult importBody(const std::string& body, const ImportOptions& opts) {
  return importPto(kernelText(body), "k.cpp", opts);
}

}  // namespace syncsmith::pto::test
