#pragma once
// Flag chips: SYN/ACK/FIN/RST/PSH in their fixed colours, the name written inside so
// they read without colour too. Shared by the scene, the ladder and the inspector.
#include <imgui.h>

#include <cstdint>

namespace synack::ui {

struct FlagChip {
  uint8_t flag;
  const char* name;
  ImU32 colour;
};
// The chips in the order they are drawn (the SVG export draws the same).
extern const FlagChip kFlagChips[5];

// Draws the chips left to right from `pos`; returns the width used. `dim` greys them (dead segment).
float draw_flag_chips(ImDrawList* dl, ImVec2 pos, uint8_t flags, bool dim);
float flag_chips_width(uint8_t flags);

// The colour of a segment's dominant flag (RST > SYN > FIN > PSH > ACK).
ImU32 segment_colour(uint8_t flags);

}  // namespace synack::ui
