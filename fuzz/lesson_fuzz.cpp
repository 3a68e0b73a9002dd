// libFuzzer: any text as a lesson file parses or gives an error naming a line. The
// lesson may name one known scenario.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "../tests/engine/scenario_text.hpp"
#include "lesson/lesson.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto l = synack::lesson::parse_lesson(text, "fuzz.toml", [](const std::string& id) -> std::optional<std::string> {
    if (id == "hs") return synack::testing::kTwoHosts;
    return std::nullopt;
  });
  if (!l) {
    volatile size_t n = l.error().str().size();
    (void)n;
  }
  return 0;
}
