#include "scene_view.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <vector>

#include "cable_lanes.hpp"
#include "contrast.hpp"
#include "chips.hpp"
#include "gl_renderer.hpp"
#include "sim/time_text.hpp"
#include "strings.hpp"
#include "style.hpp"
#include "run_words.hpp"

namespace synack::ui {

namespace {

// Draws one host card inside [min, max]; returns the y of its NIC's middle.
// A pulsing outline: what a lesson step points at.
void pulse(ImDrawList* dl, ImVec2 a, ImVec2 b) {
  const float phase = 0.5f + 0.5f * std::sin(static_cast<float>(ImGui::GetTime()) * 5.0f);
  const ImU32 c = (palette::kHighlight & 0x00ffffffu) | (static_cast<ImU32>(120 + 135 * phase) << 24);
  dl->AddRect(ImVec2(a.x - 4, a.y - 4), ImVec2(b.x + 4, b.y + 4), c, 0.0f, 0, 3.0f);
}

float draw_host(ImDrawList* dl, const std::string& title, const std::string& addr, const std::string& state,
                const std::vector<RunningTimer>& timers, const HostStatus& hs, size_t ring_size, int64_t t, ImVec2 min,
                ImVec2 max, bool hl_state, bool hl_timers) {
  const float line = ImGui::GetTextLineHeight();
  // Square, and filled by clears: the card and its state box were 16% of a
  // software-rendered frame as blended rounded fills (docs/PERFORMANCE.md).
  gl_opaque_fill(dl, min, max, palette::kHostFill);
  dl->AddRect(min, max, palette::kHostEdge, 0.0f, 0, 2.0f);
  const float pad = line * 0.6f;
  dl->AddText(ImVec2(min.x + pad, min.y + pad), palette::kText, title.c_str());
  dl->AddText(ImVec2(min.x + pad, min.y + pad + line * 1.1f), palette::kTextDim, addr.c_str());
  // The TCP state, large: the one thing a student must see from the back of the room.
  ImFont* font = ImGui::GetFont();
  // As large as fits: ESTABLISHED in a narrow card must not spill over its box.
  const float fs = ImGui::GetFontSize();
  const float unit = font->CalcTextSizeA(fs, FLT_MAX, 0.0f, state.c_str()).x;
  const float big = std::min(fs * 1.8f, fs * (max.x - min.x - pad * 3.0f) / std::max(1.0f, unit));
  const ImVec2 text_size = font->CalcTextSizeA(big, FLT_MAX, 0.0f, state.c_str());
  const ImVec2 box_min(min.x + pad, min.y + pad + line * 2.5f);
  const ImVec2 box_max(max.x - pad, box_min.y + text_size.y + line * 0.7f);
  gl_opaque_fill(dl, box_min, box_max, palette::kStateFill);
  if (hl_state) pulse(dl, box_min, box_max);
  gl_smooth_text(dl, true);  // scaled from the atlas: filtered, not sampled texel for pixel
  dl->AddText(font, big,
              ImVec2((box_min.x + box_max.x - text_size.x) * 0.5f, (box_min.y + box_max.y - text_size.y) * 0.5f),
              palette::kText, state.c_str());
  gl_smooth_text(dl, false);
  const ImVec2 nic_min(min.x + pad, box_max.y + line * 0.6f);
  const ImVec2 nic_max(max.x - pad, nic_min.y + line * 1.4f);
  dl->AddRect(nic_min, nic_max, palette::kHostEdge);
  dl->AddText(ImVec2(nic_min.x + pad * 0.5f, nic_min.y + line * 0.2f), palette::kTextDim, tr(Str::Nic));
  // The receive ring: one cell per descriptor (up to 16 drawn), filled as frames wait.
  if (ring_size > 0) {
    const float x0 = nic_min.x + pad * 0.5f + ImGui::CalcTextSize(tr(Str::Nic)).x + pad * 0.5f;
    const float x1 = nic_max.x - pad * 0.5f;
    const size_t cells = std::min<size_t>(ring_size, 16);
    const float cw = (x1 - x0) / static_cast<float>(cells);
    const size_t lit = ring_size <= 16 ? static_cast<size_t>(hs.ring_fill)
                                       : static_cast<size_t>((hs.ring_fill * 16 + static_cast<int64_t>(ring_size) - 1) /
                                                             static_cast<int64_t>(ring_size));
    for (size_t i = 0; i < cells; ++i) {
      const ImVec2 a(x0 + cw * static_cast<float>(i) + 1, nic_min.y + line * 0.3f), b(a.x + cw - 2, nic_max.y - line * 0.3f);
      // Square cells: a rounded one is ~40 triangles with its anti-aliased edge, a
      // square one 2, and software-rendered WebGL pays per triangle.
      dl->AddRectFilled(a, b, i < lit ? palette::kAck : palette::kRingEmpty);
    }
  }
  float y = nic_max.y + line * 0.3f;
  // A card's lines wrap inside it: a narrow card ("TCP: 100 conn, 38.4 KB") ran past its edge.
  const float wrap = max.x - min.x - 2 * pad;
  const auto card_line = [&](ImU32 colour, const char* text) {
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(min.x + pad, y), colour, text, nullptr, wrap);
    y += ImGui::CalcTextSize(text, nullptr, false, wrap).y + line * 0.1f;
  };
  // Drops at the NIC, one short line per cause that happened.
  for (auto [count, what] : {std::pair{hs.ring_drops, Str::RingDrops}, std::pair{hs.filter_drops, Str::MacDrops}}) {
    if (count == 0) continue;
    char d[96];
    std::snprintf(d, sizeof d, tr(what), static_cast<long long>(count));
    card_line(palette::kWarning, d);
  }
  if (hs.connections > 0 || hs.memory_bytes > 0) {
    const std::string kb = kilobytes(hs.memory_bytes);
    char m[96];
    std::snprintf(m, sizeof m, tr(Str::TcpMemory), static_cast<long long>(hs.connections), kb.c_str());
    if (ImGui::CalcTextSize(m).x <= wrap) {
      card_line(palette::kTextDim, m);
    } else {
      // Too narrow for one line: the count, then the memory, each whole.
      std::snprintf(m, sizeof m, tr(Str::TcpConnections), static_cast<long long>(hs.connections));
      card_line(palette::kTextDim, m);
      card_line(palette::kTextDim, kb.c_str());
    }
  }
  // Running timers as shrinking bars, with what is left.
  y += line * 0.1f;
  if (hl_timers && !timers.empty())
    pulse(dl, ImVec2(min.x + pad, y), ImVec2(max.x - pad, y + line * 1.3f * static_cast<float>(timers.size()) - line * 0.2f));
  for (const RunningTimer& r : timers) {
    const float left = static_cast<float>(r.deadline - t) / static_cast<float>(std::max<int64_t>(1, r.deadline - r.armed_at));
    const ImVec2 a(min.x + pad, y), b(max.x - pad, y + line * 1.1f);
    dl->AddRectFilled(a, b, palette::kRingEmpty, 3.0f);
    dl->AddRectFilled(a, ImVec2(a.x + (b.x - a.x) * std::clamp(left, 0.0f, 1.0f), b.y), palette::kTimer, 3.0f);
    const std::string text = r.name + "  " + sim::seconds_text(r.deadline - t);
    dl->AddText(ImVec2(a.x + 4, a.y), palette::kText, text.c_str());  // over the bar and the track alike
    y += line * 1.3f;
  }
  return (nic_min.y + nic_max.y) * 0.5f;
}

}  // namespace

int draw_scene(const Timeline& tl, const SceneLabels& labels, int64_t t, int selected) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float line = ImGui::GetTextLineHeight();
  const float card_w = std::min(avail.x * 0.24f, ImGui::GetFontSize() * 14.0f);
  const float card_h = std::min(avail.y, line * 12.5f);
  const float top = p0.y + (avail.y - card_h) * 0.5f;
  const float nic_y = draw_host(dl, labels.left_title, labels.left_addr, card_state(tl, 0, t), timers_at(tl, 0, t),
                                host_at(tl, 0, t), labels.ring_size[0], t, ImVec2(p0.x, top),
                                ImVec2(p0.x + card_w, top + card_h), labels.highlight_state[0], labels.highlight_timers[0]);
  draw_host(dl, labels.right_title, labels.right_addr, card_state(tl, 1, t), timers_at(tl, 1, t), host_at(tl, 1, t),
            labels.ring_size[1], t, ImVec2(p0.x + avail.x - card_w, top), ImVec2(p0.x + avail.x, top + card_h),
            labels.highlight_state[1], labels.highlight_timers[1]);
  if (labels.branch_edits > 0 || !labels.profile_switch.empty()) {
    char b[96];
    const char* profile = labels.profile_switch.c_str();
    if (labels.profile_switch.empty()) std::snprintf(b, sizeof b, tr(Str::BranchBanner), labels.branch_edits);
    else if (labels.branch_edits == 0) std::snprintf(b, sizeof b, tr(Str::ProfileBannerFmt), profile);
    else std::snprintf(b, sizeof b, tr(Str::ProfileBannerEditsFmt), profile, labels.branch_edits);
    const ImVec2 sz = ImGui::CalcTextSize(b);
    const ImVec2 a(p0.x + (avail.x - sz.x) * 0.5f - 10, p0.y + avail.y - sz.y - 10), c(a.x + sz.x + 20, a.y + sz.y + 8);
    dl->AddRectFilled(a, c, palette::kPsh, 4.0f);
    dl->AddText(ImVec2(a.x + 10, a.y + 4), palette::kText, b);
  }
  if (labels.counterfactual) {
    // Unmistakable: this run is not what TCP does. Between the cards, shorter if narrow.
    const char* banner = tr(Str::NotRealTcpBanner);
    if (ImGui::CalcTextSize(banner).x + 24 > avail.x - 2 * card_w) banner = tr(Str::NotRealTcp);
    const ImVec2 sz = ImGui::CalcTextSize(banner);
    const ImVec2 a(p0.x + (avail.x - sz.x) * 0.5f - 10, p0.y + 2), b(a.x + sz.x + 20, a.y + sz.y + 8);
    dl->AddRectFilled(a, b, palette::kWarningFill, 4.0f);
    dl->AddText(ImVec2(a.x + 10, a.y + 4), palette::kText, banner);
  }
  if (labels.injected) {
    // A hand-made segment is not something a TCP sent: said as plainly, below the other banner.
    const char* banner = tr(Str::InjectedBanner);
    if (ImGui::CalcTextSize(banner).x + 24 > avail.x - 2 * card_w) banner = tr(Str::InjectedShort);
    const ImVec2 sz = ImGui::CalcTextSize(banner);
    const float y = p0.y + 2 + (labels.counterfactual ? sz.y + 12 : 0);
    const ImVec2 a(p0.x + (avail.x - sz.x) * 0.5f - 10, y), b(a.x + sz.x + 20, a.y + sz.y + 8);
    dl->AddRectFilled(a, b, palette::kWarningFill, 4.0f);
    dl->AddText(ImVec2(a.x + 10, a.y + 4), palette::kText, banner);
  }
  const float x0 = p0.x + card_w, x1 = p0.x + avail.x - card_w;
  dl->AddLine(ImVec2(x0, nic_y), ImVec2(x1, nic_y), palette::kCable, 4.0f);

  // Segments on the cable: left-to-right ones ride above it, right-to-left ones below,
  // in as many lanes as the panel has room for; a chip that fits in no lane is counted
  // under the cable instead (select it in the ladder to see it here).
  const int64_t linger = std::max<int64_t>(1, (tl.end_ns / 50));
  const float h = line * 1.5f, pitch = h + 4.0f, arrow = 8.0f;
  const float below_top = nic_y + line * 1.4f;
  const int lanes[2] = {std::clamp(static_cast<int>((nic_y - 8.0f - p0.y + 4.0f) / pitch), 1, 4),
                        std::clamp(static_cast<int>((p0.y + avail.y - below_top + 4.0f) / pitch), 1, 4)};
  // Why a segment died, or that it is a retransmission: a caption on the chip's outer
  // side, wrapped within the cable's span, that takes lanes of its own.
  const float wrap = x1 - x0 - 8;
  struct Chip {
    size_t index;
    bool dead;
    std::string nums;
    float chips_w;
    float x, w;  // the chip's left edge and width, arrowhead not included
    std::string caption;
    float caption_x;  // kept between the host cards, its backing included
    ImVec2 caption_size;
  };
  std::vector<Chip> chips[2];
  std::vector<ChipSpan> spans[2];
  for (size_t i = 0; i < tl.segments.size(); ++i) {
    const SegmentView& s = tl.segments[i];
    const float p = position_at(s, t, std::min<int64_t>(linger, 300000000));
    if (p < 0) continue;
    const bool dead = s.fate != Fate::Arrived && t >= s.t_end;
    const float frac = s.from_side == 0 ? p : 1.0f - p;
    Chip c{i, dead, {}, flag_chips_width(s.flags), 0, 0, {}, 0, {}};
    if (dead)  // a fault says "dropped on purpose: ..." itself
      c.caption = s.drop == trace::DropReason::FaultRule ? drop_text(s, tl.faults)
                                                         : std::string(tr(Str::Dropped)) + ": " + drop_text(s, tl.faults);
    else if (s.retransmission()) c.caption = note_words(s.note, tl.faults);
    // The numbers with the window, without it, or none: what fits between the cards.
    const std::string texts[] = {numbers_text(s, labels.relative_seq, true), numbers_text(s, labels.relative_seq), ""};
    std::vector<float> widths;
    for (const std::string& text : texts) widths.push_back(c.chips_w + ImGui::CalcTextSize(text.c_str()).x + line * 0.8f);
    const std::size_t pick = first_fitting(widths, x1 - x0 - 2 * arrow);
    c.nums = texts[pick];
    const float w = widths[pick];
    // Kept clear of the host cards, arrowhead included.
    const float ax = std::clamp(x0 + (x1 - x0) * frac - w * 0.5f, x0 + arrow, std::max(x0 + arrow, x1 - arrow - w));
    c.x = ax;
    c.w = w;
    ChipSpan span{ax - arrow, ax + w + arrow, static_cast<int>(i) == selected || dead, 1};
    if (!c.caption.empty()) {
      c.caption_size = ImGui::CalcTextSize(c.caption.c_str(), nullptr, false, wrap);
      c.caption_x = std::clamp(ax, x0 + 4, std::max(x0 + 4, x1 - 4 - c.caption_size.x));
      span.x0 = std::min(span.x0, c.caption_x);
      span.x1 = std::max(span.x1, c.caption_x + c.caption_size.x);
      span.height = 1 + static_cast<int>(std::ceil((c.caption_size.y + 2.0f) / pitch));
    }
    spans[s.from_side].push_back(span);
    chips[s.from_side].push_back(std::move(c));
  }
  int clicked = -1;
  struct Caption {
    const Chip* chip;
    float y;     // the line next to its chip
    bool above;  // drawn above its chip (left-to-right lanes)
  };
  std::vector<Caption> captions;
  int left_out = 0;
  for (int side = 0; side < 2; ++side) {
    const std::vector<int> lane = assign_lanes(spans[side], lanes[side], 4.0f);
    for (size_t j = 0; j < chips[side].size(); ++j) {
      if (lane[j] < 0) {
        ++left_out;
        continue;
      }
      const Chip& c = chips[side][j];
      const SegmentView& s = tl.segments[c.index];
      const float k = static_cast<float>(lane[j]);
      const float y = side == 0 ? nic_y - h - 8.0f - k * pitch : below_top + k * pitch;
      const ImVec2 a(c.x, y), b(c.x + c.w, y + h);
      // Square fill and outline: 10 triangles instead of ~80 for rounded ones.
      dl->AddRectFilled(a, b, palette::kPanel);
      const ImU32 edge = c.dead ? palette::kDead : segment_colour(s.flags);
      if (s.retransmission()) {
        // Dashed outline: a retransmission.
        for (float x = a.x; x < b.x; x += 10.0f) {
          dl->AddLine(ImVec2(x, a.y), ImVec2(std::min(x + 5.0f, b.x), a.y), edge, 2.0f);
          dl->AddLine(ImVec2(x, b.y), ImVec2(std::min(x + 5.0f, b.x), b.y), edge, 2.0f);
        }
      } else {
        dl->AddRect(a, b, static_cast<int>(c.index) == selected ? palette::kSelected : edge, 0.0f, 0, 2.0f);
      }
      draw_flag_chips(dl, ImVec2(a.x + line * 0.25f, a.y + line * 0.15f), s.flags, c.dead);
      dl->AddText(ImVec2(a.x + line * 0.4f + c.chips_w, a.y + line * 0.2f), c.dead ? palette::kDead : palette::kText,
                  c.nums.c_str());
      // The direction of travel, as a small arrowhead at the leading edge.
      const float ay = (a.y + b.y) * 0.5f;
      if (side == 0)
        dl->AddTriangleFilled(ImVec2(b.x + arrow, ay), ImVec2(b.x, ay - 6), ImVec2(b.x, ay + 6), edge);
      else
        dl->AddTriangleFilled(ImVec2(a.x - arrow, ay), ImVec2(a.x, ay - 6), ImVec2(a.x, ay + 6), edge);
      if (c.dead) {
        dl->AddLine(a, b, palette::kWarning, 3.0f);
        dl->AddLine(ImVec2(a.x, b.y), ImVec2(b.x, a.y), palette::kWarning, 3.0f);
      }
      if (!c.caption.empty()) captions.push_back({&c, side == 0 ? a.y - line * 1.1f : b.y + 2.0f, side == 0});
      if (ImGui::IsMouseHoveringRect(a, b) && ImGui::IsMouseClicked(0)) clicked = static_cast<int>(c.index);
    }
  }
  char cable[96];
  if (left_out > 0)
    std::snprintf(cable, sizeof cable, "%s", trn(Str::CableMoreOne, Str::CableMore, left_out).c_str());
  else
    std::snprintf(cable, sizeof cable, "%s", tr(Str::Cable));
  dl->AddText(ImVec2((x0 + x1 - ImGui::CalcTextSize(cable).x) * 0.5f, nic_y + 6.0f), palette::kTextDim, cable);
  // Captions last, on a backing, kept between the host cards; a long fault-rule name
  // wraps rather than cover a card.
  for (const Caption& cap : captions) {
    const ImVec2 sz = cap.chip->caption_size;
    ImVec2 at(cap.chip->caption_x, cap.y);
    if (cap.above) at.y -= sz.y - line;  // extra lines grow away from the chip
    dl->AddRectFilled(ImVec2(at.x - 3, at.y - 1), ImVec2(at.x + sz.x + 3, at.y + sz.y + 1), palette::kPanel);
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), at, cap.chip->dead ? palette::kWarning : palette::kTextDim,
                cap.chip->caption.c_str(), nullptr, wrap);
  }
  ImGui::Dummy(avail);
  return clicked;
}

}  // namespace synack::ui
