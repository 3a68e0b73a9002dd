// libFuzzer: any URL hash gives a link state, and formatting it parses back to itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "link_state.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto s = synack::ui::parse_link(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!s.lesson.empty() || !s.scenario.empty()) {
    const auto again = synack::ui::parse_link(synack::ui::format_link(s));
    if (again.lesson != s.lesson || (s.lesson.empty() && again.scenario != s.scenario)) std::abort();
  }
  return 0;
}
