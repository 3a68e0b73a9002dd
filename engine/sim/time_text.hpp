#pragma once
// Times as text, in seconds: the one formatter behind the text trace's time column,
// lesson messages ("stops at 1.200 s") and every time the views print.
#include <cstdint>
#include <string>

namespace synack::sim {

struct SecondsStyle {
  int decimals = 3;   // digits after the point, 0 to 9; the last one rounded to nearest
  bool trim = false;  // without trailing zeros (and the point when none are left): "15 s", "1.5 s"
  int width = 0;      // the whole seconds padded on the left to this many characters (a column)
  bool unit = true;   // followed by " s"
};

std::string seconds_text(int64_t ns, SecondsStyle style = {});

}  // namespace synack::sim
