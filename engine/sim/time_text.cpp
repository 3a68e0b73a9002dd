#include "sim/time_text.hpp"

#include <algorithm>

namespace synack::sim {

// Integer arithmetic only, so that the text is the same on every platform and exact at
// nine decimals (the simulation's resolution).
std::string seconds_text(int64_t ns, SecondsStyle style) {
  const int decimals = std::clamp(style.decimals, 0, 9);
  const bool negative = ns < 0;
  const uint64_t mag = negative ? 0 - static_cast<uint64_t>(ns) : static_cast<uint64_t>(ns);
  uint64_t unit = 1;  // nanoseconds per last digit
  for (int i = decimals; i < 9; ++i) unit *= 10;
  const uint64_t scaled = (mag + unit / 2) / unit;
  uint64_t per_second = 1;
  for (int i = 0; i < decimals; ++i) per_second *= 10;

  std::string frac;
  if (decimals > 0) {
    frac = std::to_string(per_second + scaled % per_second).substr(1);
    if (style.trim) frac.erase(frac.find_last_not_of('0') + 1);
  }
  std::string whole = (negative ? "-" : "") + std::to_string(scaled / per_second);
  if (static_cast<int>(whole.size()) < style.width) whole.insert(0, static_cast<size_t>(style.width) - whole.size(), ' ');
  return whole + (frac.empty() ? "" : "." + frac) + (style.unit ? " s" : "");
}

}  // namespace synack::sim
