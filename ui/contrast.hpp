#pragma once
// Contrast between two colours as WCAG 2.1 defines it (relative luminance, sRGB), for
// the test that measures every text on its background as drawn.
#include <imgui.h>

namespace synack::ui {

// (L_lighter + 0.05) / (L_darker + 0.05): 1 for equal colours, 21 for black on white.
// Alpha is ignored: compose a translucent colour over its background first.
double contrast_ratio(ImU32 a, ImU32 b);

// The palette's light text (kText) or dark ink (kInk), whichever contrasts more with a
// fill: the bright flag colours take ink, the dark ones light text.
ImU32 text_on(ImU32 fill);

// 0xRRGGBB of an ImGui colour (which stores ABGR), for messages.
unsigned to_rgb_hex(ImU32 c);

}  // namespace synack::ui
