#include "chips.hpp"

#include "contrast.hpp"
#include "style.hpp"
#include "wire/tcp_header.hpp"

namespace synack::ui {

const FlagChip kFlagChips[5] = {
    {wire::tcpflag::SYN, "SYN", palette::kSyn}, {wire::tcpflag::FIN, "FIN", palette::kFin},
    {wire::tcpflag::RST, "RST", palette::kRst}, {wire::tcpflag::PSH, "PSH", palette::kPsh},
    {wire::tcpflag::ACK, "ACK", palette::kAck},
};

float flag_chips_width(uint8_t flags) {
  const float pad = ImGui::GetFontSize() * 0.3f;
  float w = 0;
  for (const FlagChip& c : kFlagChips)
    if (flags & c.flag) w += ImGui::CalcTextSize(c.name).x + pad * 2 + pad * 0.5f;
  return w;
}

float draw_flag_chips(ImDrawList* dl, ImVec2 pos, uint8_t flags, bool dim) {
  const float pad = ImGui::GetFontSize() * 0.3f;
  const float h = ImGui::GetTextLineHeight() + pad * 0.6f;
  float x = pos.x;
  for (const FlagChip& c : kFlagChips) {
    if (!(flags & c.flag)) continue;
    const ImVec2 sz = ImGui::CalcTextSize(c.name);
    // Square tags: a rounded fill is 46 triangles with its anti-aliased edge, a square one
    // 2, and every ladder label carries one or two (docs/PERFORMANCE.md).
    const ImU32 fill = dim ? palette::kDead : c.colour;
    dl->AddRectFilled(ImVec2(x, pos.y), ImVec2(x + sz.x + pad * 2, pos.y + h), fill);
    dl->AddText(ImVec2(x + pad, pos.y + pad * 0.3f), text_on(fill), c.name);
    x += sz.x + pad * 2 + pad * 0.5f;
  }
  return x - pos.x;
}

ImU32 segment_colour(uint8_t flags) {
  using namespace wire::tcpflag;
  if (flags & RST) return palette::kRst;
  if (flags & SYN) return palette::kSyn;
  if (flags & FIN) return palette::kFin;
  if (flags & PSH) return palette::kPsh;
  return palette::kAck;
}

}  // namespace synack::ui
