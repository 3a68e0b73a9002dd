#include "ladder_view.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "chips.hpp"
#include "hit_test.hpp"
#include "strings.hpp"
#include "style.hpp"

namespace synack::ui {
namespace {
// Mostly opaque: the arrow under a label still shows faintly, so its path reads through.
constexpr ImU32 kLabelBacking = (palette::kPanel & 0x00ffffffu) | 0xa8000000u;
}  // namespace

int draw_ladder(const Timeline& tl, int64_t t, int selected, bool follow_playhead, bool relative) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  const float row_h = line * 2.0f;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float xl = origin.x + width * 0.22f, xr = origin.x + width * 0.78f;
  // Room above the first row for the hosts' names and, under them, the first states.
  const float top = origin.y + line * 2.4f;
  const float total_h = (static_cast<float>(tl.event_times.size()) + 2.0f) * row_h + line * 2.8f;
  auto y_of = [&](int64_t when) { return top + ladder_row(tl, when) * row_h; };
  // Only what is visible is drawn: a long run has thousands of arrows above and below.
  const float clip_top = dl->GetClipRectMin().y - row_h * 2, clip_bottom = dl->GetClipRectMax().y + row_h * 2;
  auto hidden = [&](float y0, float y1) { return std::max(y0, y1) < clip_top || std::min(y0, y1) > clip_bottom; };

  dl->AddText(ImVec2(xl - ImGui::CalcTextSize(tl.left_name.c_str()).x * 0.5f, origin.y), palette::kTextDim,
              tl.left_name.c_str());
  dl->AddText(ImVec2(xr - ImGui::CalcTextSize(tl.right_name.c_str()).x * 0.5f, origin.y), palette::kTextDim,
              tl.right_name.c_str());
  const float y_now = y_of(t);
  dl->AddLine(ImVec2(xl, top), ImVec2(xl, std::max(top, y_now)), palette::kHostEdge, 2.0f);
  dl->AddLine(ImVec2(xr, top), ImVec2(xr, std::max(top, y_now)), palette::kHostEdge, 2.0f);

  // State names at the moment they change, outside the lines.
  for (size_t i = 0; i < tl.states.size(); ++i) {
    const StateMark& m = tl.states[i];
    if (m.t > t) break;
    // Several changes of one side at one instant (CLOSE-WAIT -> LAST-ACK when the
    // application closes at once) share one label: "CLOSE-WAIT > LAST-ACK".
    std::string text = m.to;
    while (i + 1 < tl.states.size() && tl.states[i + 1].t == m.t && tl.states[i + 1].side == m.side &&
           tl.states[i + 1].t <= t)
      text += " \u2192 " + tl.states[++i].to;
    const float y = y_of(m.t) - line * 1.1f;
    if (hidden(y, y + line)) continue;
    const ImVec2 sz = ImGui::CalcTextSize(text.c_str());
    // Beside the host's line, but never past the panel's edge (long merged labels).
    const float x = std::clamp(m.side == 0 ? xl - sz.x - line * 0.5f : xr + line * 0.5f, origin.x + 3,
                               std::max(origin.x + 3, origin.x + width - sz.x - 3));
    dl->AddRectFilled(ImVec2(x - 3, y - 1), ImVec2(x + sz.x + 3, y + sz.y + 1), palette::kStateFill, 3.0f);
    dl->AddText(ImVec2(x, y), palette::kText, text.c_str());
  }
  int clicked = -1;
  std::vector<size_t> drawn;  // segments whose arrows are on screen, for their labels
  for (size_t i = 0; i < tl.segments.size(); ++i) {
    const SegmentView& s = tl.segments[i];
    if (s.t_sent > t) continue;
    const float xa = s.from_side == 0 ? xl : xr, xb = s.from_side == 0 ? xr : xl;
    const float ya = y_of(s.t_sent);
    if (ya > clip_bottom) break;  // in order of departure: everything after is lower still
    if (hidden(ya, y_of(std::min(s.t_end, t)))) continue;
    const bool dead = s.fate != Fate::Arrived;
    // Where the arrow ends: at the receiver, or where the segment died; partial while in flight.
    float end_frac = dead && s.fate == Fate::DiedOnCable ? 0.5f : 1.0f;
    int64_t end_t = s.t_end;
    if (t < s.t_end) {
      end_frac *= static_cast<float>(t - s.t_sent) / static_cast<float>(std::max<int64_t>(1, s.t_end - s.t_sent));
      end_t = t;
    }
    const float xe = xa + (xb - xa) * end_frac;
    const float ye = y_of(end_t);
    const ImU32 col = dead ? palette::kDead : segment_colour(s.flags);
    const float thick = static_cast<int>(i) == selected ? 4.0f : 2.0f;
    if (s.retransmission()) {
      const int dashes = 14;
      for (int d = 0; d < dashes; d += 2) {
        const float f0 = static_cast<float>(d) / dashes, f1 = static_cast<float>(d + 1) / dashes;
        dl->AddLine(ImVec2(xa + (xe - xa) * f0, ya + (ye - ya) * f0), ImVec2(xa + (xe - xa) * f1, ya + (ye - ya) * f1),
                    col, thick);
      }
    } else {
      dl->AddLine(ImVec2(xa, ya), ImVec2(xe, ye), static_cast<int>(i) == selected ? palette::kSelected : col, thick);
    }
    if (end_frac >= 0.999f && !dead) {  // arrowhead on arrival
      const float dir = xb > xa ? 1.0f : -1.0f;
      dl->AddTriangleFilled(ImVec2(xe, ye), ImVec2(xe - dir * 10, ye - 6), ImVec2(xe - dir * 10, ye + 6), col);
    }
    if (dead && t >= s.t_end) {
      const float r = line * 0.4f;
      dl->AddLine(ImVec2(xe - r, ye - r), ImVec2(xe + r, ye + r), palette::kWarning, 3.0f);
      dl->AddLine(ImVec2(xe - r, ye + r), ImVec2(xe + r, ye - r), palette::kWarning, 3.0f);
    }
    // A click on the arrow itself selects it too (a label may be far from where one looks).
    if (ImGui::IsMouseClicked(0) && ImGui::IsWindowHovered()) {
      const ImVec2 m = ImGui::GetMousePos();
      if (distance_to_segment(m.x, m.y, xa, ya, xe, ye) <= 5.0f) clicked = static_cast<int>(i);
    }
    drawn.push_back(i);
  }
  // The playhead, under the labels: one just sent sits across it and stays readable.
  dl->AddLine(ImVec2(origin.x, y_now), ImVec2(origin.x + width, y_now), palette::kPlayhead, 1.5f);
  // Labels after all arrows, each on a backing of the panel's colour: a later arrow
  // crossing an earlier label would otherwise strike through its numbers.
  for (const size_t i : drawn) {
    const SegmentView& s = tl.segments[i];
    const bool dead = s.fate != Fate::Arrived;
    const float ya = y_of(s.t_sent);
    // On the arrow's middle: flag chips, numbers, and the sender's note in brackets as
    // Wireshark writes its analysis: [duplicate ACK], [zero window]...
    const std::string nums = numbers_text(s, relative);
    const std::string note = s.note.empty() ? std::string() : "[" + s.note + "]";
    const float chips_w = flag_chips_width(s.flags);
    const float w = chips_w + ImGui::CalcTextSize(nums.c_str()).x + line * 0.4f;
    const float note_w = note.empty() ? 0.0f : line * 0.2f + ImGui::CalcTextSize(note.c_str()).x;
    // Centred on the arrow, moved left as far as a long note needs to stay in view.
    const float mx = std::max(origin.x, std::min((xl + xr) * 0.5f - w * 0.5f, origin.x + width - w - note_w - 4.0f));
    // Over the middle of what is drawn: a segment still in flight has no arrow below the
    // playhead, and neither has its label. One sent an instant ago has almost no arrow:
    // its label goes just under its start, over the arrow it is about to draw, rather than
    // onto the label of the segment that arrived as it left (the SYN,ACK and the SYN).
    float my = (ya + y_of(std::min(s.t_end, t))) * 0.5f - line * 1.15f;
    if (t < s.t_end) my = std::max(my, ya + line * 0.15f);
    const ImVec2 la(mx, my), lb(mx + w, my + line * 1.1f);
    dl->AddRectFilled(ImVec2(la.x - 2, la.y - 1), ImVec2(lb.x + note_w + 2, lb.y + 1), kLabelBacking);
    draw_flag_chips(dl, la, s.flags, dead);
    dl->AddText(ImVec2(mx + chips_w + line * 0.2f, my + line * 0.05f), dead ? palette::kDead : palette::kText,
                nums.c_str());
    if (!note.empty()) dl->AddText(ImVec2(mx + w + line * 0.2f, my + line * 0.05f), palette::kTextDim, note.c_str());
    if (ImGui::IsMouseHoveringRect(la, lb) && ImGui::IsMouseClicked(0)) clicked = static_cast<int>(i);
    if (ImGui::IsMouseHoveringRect(la, lb) && (!s.note.empty() || dead))
      ImGui::SetTooltip("%s", (dead ? drop_text(s.drop, s.why, s.drop_value) : s.note).c_str());
  }
  // Timer firings: a small mark beside the owner's line, just above the moment it fired,
  // over any long segment label: the retransmission it sends starts on that moment and
  // its label runs below it.
  const float past_state_label = ImGui::CalcTextSize("ESTABLISHED  ").x;  // clear of the state names
  for (const TimerMark& m : tl.timers) {
    if (m.t > t) break;
    if (m.what != "fired") continue;
    const float y = y_of(m.t) - line * 1.1f;
    if (hidden(y, y + line)) continue;
    const std::string text = m.name + " fired";
    const ImVec2 sz = ImGui::CalcTextSize(text.c_str());
    const float x = std::clamp(m.side == 0 ? xl - sz.x - line * 0.5f - past_state_label : xr + line * 0.5f + past_state_label,
                               origin.x, std::max(origin.x, origin.x + width - sz.x));
    dl->AddRectFilled(ImVec2(x - 2, y - 1), ImVec2(x + sz.x + 2, y + sz.y + 1), kLabelBacking);
    dl->AddText(ImVec2(x, y), palette::kPlayhead, text.c_str());
  }

  if (tl.segments.empty()) {
    const char* empty = tr(Str::LadderEmpty);
    dl->AddText(ImVec2(origin.x + (width - ImGui::CalcTextSize(empty).x) * 0.5f, top + line * 2), palette::kTextDim,
                empty);
  }
  ImGui::Dummy(ImVec2(width, total_h));
  if (follow_playhead) {
    const float view_h = ImGui::GetWindowHeight();
    ImGui::SetScrollY(std::max(0.0f, (y_now - origin.y) - view_h * 0.6f));
  }
  return clicked;
}

}  // namespace synack::ui
