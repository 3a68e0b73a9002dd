#include "scenario/units.hpp"

#include <cctype>
#include <optional>
#include <string>

namespace synack::scenario {

namespace {

// Splits "12.5ms" into a decimal number scaled by 10^9 (to keep fractions exact in
// integers) and a unit suffix. Returns false on anything else.
bool split_number(std::string_view s, __int128& scaled, std::string_view& unit) {
  size_t i = 0;
  __int128 whole = 0, frac = 0, frac_scale = 1;
  bool digits = false;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
    whole = whole * 10 + (s[i] - '0');
    if (whole > static_cast<__int128>(1) << 80) return false;
    digits = true;
    ++i;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      if (frac_scale < 1000000000) {
        frac = frac * 10 + (s[i] - '0');
        frac_scale *= 10;
      }
      digits = true;
      ++i;
    }
  }
  if (!digits) return false;
  while (i < s.size() && s[i] == ' ') ++i;
  unit = s.substr(i);
  scaled = whole * 1000000000 + frac * (1000000000 / frac_scale);
  return true;
}

// v (a number times 1e9) times a unit, divided by 1e9; nullopt where the product would
// not fit in 128 bits (found by fuzz/scenario_fuzz: "0000...2000...s" with the minute unit).
// Such values are far beyond every limit the callers check, so they fail the same way.
std::optional<__int128> scale_by_unit(__int128 v, __int128 unit) {
  const __int128 max = ~(static_cast<__int128>(1) << 127);
  if (v > max / unit) return std::nullopt;
  return v * unit / 1000000000;
}

}  // namespace

std::optional<sim::Duration> parse_duration(std::string_view s) {
  __int128 v = 0;
  std::string_view unit;
  if (!split_number(s, v, unit)) return std::nullopt;
  // v is the number times 1e9; multiply by the unit's nanoseconds, divide by 1e9.
  __int128 ns_per_unit = 0;
  if (unit == "ns") ns_per_unit = 1;
  else if (unit == "us") ns_per_unit = 1000;
  else if (unit == "ms") ns_per_unit = 1000000;
  else if (unit == "s") ns_per_unit = 1000000000;
  else if (unit == "min") ns_per_unit = 60LL * 1000000000;
  else return std::nullopt;
  const auto ns = scale_by_unit(v, ns_per_unit);
  if (!ns || *ns > static_cast<__int128>(INT64_MAX / 4)) return std::nullopt;
  return sim::nanoseconds(static_cast<int64_t>(*ns));
}

std::optional<uint64_t> parse_rate(std::string_view s) {
  __int128 v = 0;
  std::string_view unit;
  if (!split_number(s, v, unit)) return std::nullopt;
  __int128 mult = 0;
  if (unit == "bps") mult = 1;
  else if (unit == "kbps") mult = 1000;
  else if (unit == "Mbps") mult = 1000000;
  else if (unit == "Gbps") mult = 1000000000;
  else return std::nullopt;
  const auto bps = scale_by_unit(v, mult);
  if (!bps || *bps <= 0 || *bps > static_cast<__int128>(400) * 1000000000) return std::nullopt;
  return static_cast<uint64_t>(*bps);
}

}  // namespace synack::scenario
