// libFuzzer: any text as a scenario file parses or gives an error naming a line. Small
// valid scenarios are also built and run for a simulated second.
#include <cstddef>
#include <cstdint>
#include <string>

#include "scenario/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto s = synack::scenario::parse_scenario(text, "fuzz.toml");
  if (!s) {
    volatile size_t n = s.error().str().size();
    (void)n;
    return 0;
  }
  // Running is bounded: few hosts and actions, one simulated second.
  if (s->hosts.size() > 8 || s->actions.size() > 16) return 0;
  for (const auto& a : s->actions)
    if (a.bytes > 100000 || a.count > 10) return 0;
  auto w = synack::scenario::build_world(*s);
  w->run(synack::sim::Time{0} + synack::sim::seconds(1));
  return 0;
}
