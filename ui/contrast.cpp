#include "contrast.hpp"

#include <algorithm>
#include <cmath>

#include "style.hpp"

namespace synack::ui {

namespace {

double linear(unsigned channel) {
  const double c = channel / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(ImU32 c) {
  return 0.2126 * linear(c & 0xff) + 0.7152 * linear((c >> 8) & 0xff) + 0.0722 * linear((c >> 16) & 0xff);
}

}  // namespace

double contrast_ratio(ImU32 a, ImU32 b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

ImU32 text_on(ImU32 fill) {
  return contrast_ratio(palette::kText, fill) >= contrast_ratio(palette::kInk, fill) ? palette::kText : palette::kInk;
}

unsigned to_rgb_hex(ImU32 c) { return ((c & 0xff) << 16) | (c & 0xff00) | ((c >> 16) & 0xff); }

}  // namespace synack::ui
