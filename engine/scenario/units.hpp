#pragma once
// Parsing the units scenario files speak: durations ("5ms", "1.5s", "2min") and line
// rates ("100Mbps", "1Gbps"). Integers only inside, so a value parses the same everywhere.
#include <cstdint>
#include <optional>
#include <string_view>

#include "sim/time.hpp"

namespace synack::scenario {

std::optional<sim::Duration> parse_duration(std::string_view s);
std::optional<uint64_t> parse_rate(std::string_view s);

}  // namespace synack::scenario
