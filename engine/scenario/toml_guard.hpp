#pragma once
// A check run on scenario and lesson text before the TOML library sees it.
//
// Debian's toml++ 3.3.0 reaches __builtin_unreachable() (undefined behaviour) when it
// tests a code point from U+00A1 to U+0499 (accented Latin, Greek, Cyrillic...) for
// whitespace, which it does for any such character outside quotes and after a
// line-ending backslash in a """ string. Found by fuzz/scenario_fuzz. TOML allows
// non-ASCII only inside strings and comments anyway, so those places are reported here
// as errors with their line, and the library never meets them.
#include <optional>
#include <string>
#include <string_view>

#include "scenario/scenario.hpp"

namespace synack::scenario {

std::optional<ScenarioError> check_toml_text(std::string_view text, const std::string& file);

}  // namespace synack::scenario
