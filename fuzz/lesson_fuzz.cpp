// libFuzzer: any text as a lesson file parses or gives an error naming a line. The
// lesson may name one known scenario.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "lesson/lesson.hpp"

namespace {
const char* kScenario = R"(
[[host]]
name = "client"
ip = "10.0.0.1"
[[host]]
name = "server"
ip = "10.0.0.2"
)";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto l = synack::lesson::parse_lesson(text, "fuzz.toml", [](const std::string& id) -> std::optional<std::string> {
    if (id == "hs") return std::string(kScenario);
    return std::nullopt;
  });
  if (!l) {
    volatile size_t n = l.error().str().size();
    (void)n;
  }
  return 0;
}
