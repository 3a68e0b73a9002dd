#include "ladder_view.hpp"

#include <algorithm>
#include <cmath>

#include "chips.hpp"
#include "hit_test.hpp"
#include "analysis/run_compare.hpp"
#include "strings.hpp"
#include "style.hpp"
#include "run_words.hpp"

namespace synack::ui {

using namespace analysis;  // the views draw what the analysis layer reads from a run
namespace {
// Mostly opaque: the arrow under a label still shows faintly, so its path reads through.
constexpr ImU32 kLabelBacking = (palette::kPanel & 0x00ffffffu) | 0xa8000000u;
}  // namespace

LadderGeometry ladder_geometry(float width, float view_top, float view_bottom) {
  LadderGeometry g;
  g.width = width;
  g.line = ImGui::GetTextLineHeight();
  g.view_top = view_top;
  g.view_bottom = view_bottom;
  g.text_width = [](const std::string& s) { return ImGui::CalcTextSize(s.c_str()).x; };
  g.chips_width = [](uint8_t flags) { return flag_chips_width(flags); };
  g.hidden_text = [](int n) { return trn(Str::LadderHiddenOne, Str::LadderHidden, n); };
  g.empty_text = tr(Str::LadderEmpty);
  return g;
}

int draw_ladder(const Timeline& tl, int64_t t, int selected, bool follow_playhead, bool relative, LadderLayout* keep) {
  const ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const LadderLayout lay = layout_ladder(tl, t, selected, relative,
                                         ladder_geometry(width, dl->GetClipRectMin().y - origin.y,
                                                         dl->GetClipRectMax().y - origin.y));
  const int clicked = draw_ladder_layout(tl, lay, origin, selected, relative);
  ImGui::Dummy(ImVec2(width, lay.total_h));
  if (follow_playhead) {
    const float view_h = ImGui::GetWindowHeight();
    ImGui::SetScrollY(std::max(0.0f, lay.y_now - view_h * 0.6f));
  }
  if (keep) *keep = lay;
  return clicked;
}

namespace {

// A segment label's numbers, with the fields that differ from the other run lit.
void draw_numbers(ImDrawList* dl, ImVec2 p, const std::string& text, ImU32 col, uint8_t differs_bits) {
  if (!differs_bits || differs_bits == LadderMarks::kOnlyHere) {
    dl->AddText(p, col, text.c_str());
    return;
  }
  // "seq=1 ack=1 len=0": each word in its own colour.
  float x = p.x;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    const bool lit = (word.rfind("seq=", 0) == 0 && (differs_bits & differs::kSeq)) ||
                     (word.rfind("ack=", 0) == 0 && (differs_bits & differs::kAck)) ||
                     (word.rfind("len=", 0) == 0 && (differs_bits & differs::kLen));
    dl->AddText(ImVec2(x, p.y), lit ? palette::kDiff : col, word.c_str());
    x += ImGui::CalcTextSize((word + " ").c_str()).x;
    start = end + 1;
  }
}

}  // namespace

int draw_ladder_layout(const Timeline& tl, const LadderLayout& lay, ImVec2 origin, int selected, bool relative,
                       const LadderMarks* marks) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  const float width = lay.width;
  auto at = [&](float x, float y) { return ImVec2(origin.x + x, origin.y + y); };
  auto lit = [&](int segment) -> uint8_t {
    return marks && segment >= 0 && segment < static_cast<int>(marks->segment.size())
               ? marks->segment[static_cast<size_t>(segment)]
               : 0;
  };

  const float y_now = lay.y_now;
  dl->AddLine(at(lay.xl, lay.top), at(lay.xl, std::max(lay.top, y_now)), palette::kHostEdge, 2.0f);
  dl->AddLine(at(lay.xr, lay.top), at(lay.xr, std::max(lay.top, y_now)), palette::kHostEdge, 2.0f);
  if (marks) {
    // Where a host's state is not what it is in the other run, its line is lit.
    for (const LadderMarks::Span& s : marks->states) {
      const float y0 = std::max(s.y0, lay.top), y1 = std::min(s.y1, y_now);
      if (y1 <= y0) continue;
      const float x = s.side == 0 ? lay.xl : lay.xr;
      dl->AddLine(at(x, y0), at(x, y1), palette::kDiff, 5.0f);
    }
  }

  int clicked = -1;
  for (const LadderArrow& a : lay.arrows) {
    const SegmentView& s = tl.segments[static_cast<size_t>(a.segment)];
    const bool dead = s.fate != Fate::Arrived;
    const ImU32 col = dead ? palette::kDead : segment_colour(s.flags);
    const bool sel = a.segment == selected;
    const float thick = sel ? 4.0f : 2.0f;
    const ImVec2 pa = at(a.xa, a.ya), pe = at(a.xe, a.ye);
    // A segment in this run only glows under its arrow; one that differs, less.
    if (const uint8_t m = lit(a.segment))
      dl->AddLine(pa, pe, m == LadderMarks::kOnlyHere ? palette::kDiffGlow : palette::kDiffGlowSoft, thick + 8.0f);
    if (s.retransmission()) {
      const int dashes = 14;
      for (int d = 0; d < dashes; d += 2) {
        const float f0 = static_cast<float>(d) / dashes, f1 = static_cast<float>(d + 1) / dashes;
        dl->AddLine(ImVec2(pa.x + (pe.x - pa.x) * f0, pa.y + (pe.y - pa.y) * f0),
                    ImVec2(pa.x + (pe.x - pa.x) * f1, pa.y + (pe.y - pa.y) * f1), col, thick);
      }
    } else {
      dl->AddLine(pa, pe, sel ? palette::kSelected : col, thick);
    }
    if (a.head) {
      const float dir = a.xe > a.xa ? 1.0f : -1.0f;
      dl->AddTriangleFilled(pe, ImVec2(pe.x - dir * 10, pe.y - 6), ImVec2(pe.x - dir * 10, pe.y + 6), col);
    }
    if (a.cross) {
      const float r = line * 0.4f;
      dl->AddLine(ImVec2(pe.x - r, pe.y - r), ImVec2(pe.x + r, pe.y + r), palette::kWarning, 3.0f);
      dl->AddLine(ImVec2(pe.x - r, pe.y + r), ImVec2(pe.x + r, pe.y - r), palette::kWarning, 3.0f);
    }
    // A click on the arrow itself selects it too (a label may be far from where one looks).
    if (ImGui::IsMouseClicked(0) && ImGui::IsWindowHovered()) {
      const ImVec2 m = ImGui::GetMousePos();
      if (distance_to_segment(m.x, m.y, pa.x, pa.y, pe.x, pe.y) <= 5.0f) clicked = a.segment;
    }
  }
  // The playhead, under the labels: one just sent sits across it and stays readable.
  dl->AddLine(at(0, y_now), at(width, y_now), palette::kPlayhead, 1.5f);
  // Labels after all arrows, each on a backing: a later arrow crossing an earlier label
  // would otherwise strike through its numbers. Side by side lights host lines and
  // arrows that would shine through a translucent one: there it is opaque.
  const ImU32 backing = marks ? palette::kPanel : kLabelBacking;
  for (const LadderLabel& l : lay.labels) {
    const ImVec2 ra = at(l.rect.x0, l.rect.y0), rb = at(l.rect.x1, l.rect.y1);
    const ImVec2 p = at(l.x, l.y);
    switch (l.kind) {
      case LabelKind::Host:
        dl->AddText(p, palette::kTextDim, l.text.c_str());
        break;
      case LabelKind::Empty:
      case LabelKind::Hidden:
        dl->AddRectFilled(ra, rb, backing);
        dl->AddText(ImVec2(p.x, p.y + line * 0.1f), palette::kTextDim, l.text.c_str());
        break;
      case LabelKind::State:
        dl->AddRectFilled(ra, rb, palette::kStateFill, 3.0f);
        dl->AddText(ImVec2(p.x, p.y + line * 0.1f), palette::kText, l.text.c_str());
        if (l.level > 0 && ImGui::IsMouseHoveringRect(ra, rb)) {
          // The whole name, or every change of that instant, when the label is short of room.
          std::string full;
          for (size_t i = static_cast<size_t>(l.index); i < tl.states.size() && tl.states[i].t == tl.states[l.index].t; ++i)
            if (tl.states[i].side == l.side) full += (full.empty() ? "" : " \u2192 ") + tl.states[i].to;
          ImGui::SetTooltip("%s", full.c_str());
        }
        break;
      case LabelKind::Timer:
        dl->AddRectFilled(ra, rb, backing);
        dl->AddText(ImVec2(p.x, p.y + line * 0.1f), palette::kPlayhead, l.text.c_str());
        break;
      case LabelKind::Segment: {
        const SegmentView& s = tl.segments[static_cast<size_t>(l.index)];
        const bool dead = s.fate != Fate::Arrived;
        const uint8_t m = lit(l.index);
        // A lit label has a frame in the difference colour.
        dl->AddRectFilled(ra, rb, backing);
        if (m) dl->AddRect(ra, rb, palette::kDiff, 2.0f, 0, 1.5f);
        draw_flag_chips(dl, p, s.flags, dead);
        if (m != LadderMarks::kOnlyHere && (m & differs::kFlags) && l.chips_w > 0)
          dl->AddLine(ImVec2(p.x, p.y + line * 1.15f), ImVec2(p.x + l.chips_w, p.y + line * 1.15f), palette::kDiff, 2.0f);
        float x = p.x + l.chips_w + (l.chips_w > 0 ? line * 0.2f : 0.0f);
        draw_numbers(dl, ImVec2(x, p.y + line * 0.1f), l.text, dead ? palette::kDead : palette::kText, m);
        x += ImGui::CalcTextSize(l.text.c_str()).x + line * 0.2f;
        if (!l.note.empty()) dl->AddText(ImVec2(x, p.y + line * 0.1f), palette::kTextDim, l.note.c_str());
        if (ImGui::IsMouseHoveringRect(ra, rb)) {
          if (ImGui::IsMouseClicked(0)) clicked = l.index;
          // What a shortened label left out, and why a segment died or what its sender noted.
          std::string tip = l.level > 0 ? numbers_text(s, relative) : std::string();
          const std::string why = dead ? drop_text(s, tl.faults) : note_words(s.note, tl.faults);
          if (!why.empty()) tip += (tip.empty() ? "" : "\n") + why;
          if (m) {
            const std::string diff = m == LadderMarks::kOnlyHere ? std::string(tr(Str::BesideOnlyHere))
                                                                 : trf(Str::BesideDiffersFmt, differs_text(m).c_str());
            tip += (tip.empty() ? "" : "\n") + diff;
          }
          if (!tip.empty()) ImGui::SetTooltip("%s", tip.c_str());
        }
        break;
      }
    }
  }
  return clicked;
}

}  // namespace synack::ui
