#pragma once
// synack's visual language: one palette used by the scene, ladder, inspector and lessons.
#include <imgui.h>

namespace synack::ui::palette {

constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b, unsigned a = 255) {
  return (a << 24) | (b << 16) | (g << 8) | r;
}

// Flag chips: fixed colours, always with their name written inside, in whichever of
// kText or kInk reads better on the colour (text_on, contrast.hpp). Every text colour on
// its background is measured as drawn by tests/contrast_test.cpp (WCAG 2.1 AA).
inline constexpr ImU32 kSyn = rgb(46, 160, 67);
inline constexpr ImU32 kAck = rgb(72, 136, 232);
inline constexpr ImU32 kFin = rgb(230, 126, 34);
inline constexpr ImU32 kRst = rgb(232, 74, 74);
inline constexpr ImU32 kPsh = rgb(142, 68, 173);

inline constexpr ImU32 kBackground = rgb(24, 26, 31);
inline constexpr ImU32 kPanel = rgb(33, 36, 43);
inline constexpr ImU32 kHostFill = rgb(42, 46, 56);
inline constexpr ImU32 kHostEdge = rgb(98, 106, 124);
inline constexpr ImU32 kStateFill = rgb(58, 64, 80);
inline constexpr ImU32 kText = rgb(230, 232, 236);
inline constexpr ImU32 kInk = rgb(20, 22, 26);  // dark text on the bright flag and timer colours
inline constexpr ImU32 kTextDim = rgb(150, 156, 168);
inline constexpr ImU32 kCable = rgb(120, 128, 140);
inline constexpr ImU32 kRingEmpty = rgb(60, 64, 74);
inline constexpr ImU32 kTimer = rgb(122, 92, 12);  // dark enough for light text over it
inline constexpr ImU32 kDead = rgb(160, 160, 168);   // a segment that died: grey, with its cross
inline constexpr ImU32 kPlayhead = rgb(250, 200, 60);
inline constexpr ImU32 kWarning = rgb(255, 112, 112);   // text and marks on the dark panels
inline constexpr ImU32 kWarningFill = rgb(176, 42, 42);  // a badge or button, light text on it
inline constexpr ImU32 kSelected = rgb(255, 255, 255);
inline constexpr ImU32 kEmphasis = rgb(170, 205, 255);
inline constexpr ImU32 kCode = rgb(140, 230, 200);
inline constexpr ImU32 kCodeBg = rgb(48, 54, 66);
inline constexpr ImU32 kHighlight = rgb(250, 200, 60);   // what a lesson step points at
inline constexpr ImU32 kGood = rgb(70, 180, 90);
inline constexpr ImU32 kAction = rgb(40, 96, 192);  // the lesson's Next button: light text on it
// Side by side: what one run has and the other has not, or has otherwise (run_compare).
inline constexpr ImU32 kDiff = rgb(240, 120, 230);
inline constexpr ImU32 kDiffGlow = rgb(240, 120, 230, 110);     // under an arrow in one run only
inline constexpr ImU32 kDiffGlowSoft = rgb(240, 120, 230, 60);  // under one that differs

}  // namespace synack::ui::palette

namespace synack::ui {
// A child window inside a panel of the same colour draws no background of its own: on
// software-rendered WebGL (headless Chromium's SwiftShader) frame time follows the
// pixels filled, and each needless full-panel fill costs milliseconds.
inline constexpr ImGuiWindowFlags kInnerChild = ImGuiWindowFlags_NoBackground;
}  // namespace synack::ui
